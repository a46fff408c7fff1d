"""History in the assessment: the causes and the plan cite the person's own training."""

from __future__ import annotations

import datetime as dt
from typing import Any

import lumbar

TODAY = dt.date(2026, 11, 25)


def _history(spike: bool = True, deadlift_pain: bool = True) -> dict[str, Any]:
    """Eight weeks: Monday deadlifts, Wednesday bench, Friday runs; pain after deadlifts."""
    sessions, checkins = [], []
    start = TODAY - dt.timedelta(days=56)
    for week in range(8):
        monday = start + dt.timedelta(days=7 * week)
        sessions.append(
            {
                "date": str(monday),
                "type": "strength",
                "duration_min": 50,
                "rpe": 8,
                "exercises": ["Deadlift (Barbell)"],
                "warm_up": False,
                "cool_down": True,
            }
        )
        sessions.append(
            {
                "date": str(monday + dt.timedelta(days=2)),
                "type": "strength",
                "duration_min": 50,
                "rpe": 6,
                "exercises": ["Bench Press (Barbell)"],
                "warm_up": False,
                "cool_down": True,
            }
        )
        sessions.append(
            {
                "date": str(monday + dt.timedelta(days=4)),
                "type": "running",
                "duration_min": 40,
                "rpe": 5,
                "distance_km": 7,
                "warm_up": True,
                "cool_down": True,
                "surface": "track",
            }
        )
        checkins.append(
            {"date": str(monday + dt.timedelta(days=1)), "nrs": 6 if deadlift_pain else 1}
        )
        checkins.append({"date": str(monday + dt.timedelta(days=3)), "nrs": 1})
        checkins.append({"date": str(monday + dt.timedelta(days=5)), "nrs": 1})
    if spike:  # two long, very hard sessions in the last seven days
        for days_ago in (2, 3):
            sessions.append(
                {
                    "date": str(TODAY - dt.timedelta(days=days_ago)),
                    "type": "hiit",
                    "duration_min": 120,
                    "rpe": 9,
                }
            )
    return {"sessions": sessions, "checkins": checkins}


def _assess(history: dict[str, Any] | None) -> lumbar.Assessment:
    doc: dict[str, Any] = {
        "date": str(TODAY),
        "pain": {"nrs": 4, "onset": "next_day", "days_since_onset": 1},
    }
    if history is not None:
        doc["history"] = history
    return lumbar.assess(doc)


def test_the_exercise_that_keeps_preceding_pain_is_cited_as_technique_evidence() -> None:
    causes = {c.id: c for c in _assess(_history()).causes}
    technique = causes["poor_posture_technique"]
    assert any("deadlift" in e.casefold() for e in technique.evidence), technique.evidence
    assert technique.support in ("moderate", "strong")


def test_a_journal_without_that_signal_cites_no_exercise() -> None:
    causes = {c.id: c for c in _assess(_history(deadlift_pain=False)).causes}
    assert "poor_posture_technique" not in causes


def test_a_load_rise_against_the_persons_own_usual_is_cited_for_overuse() -> None:
    overuse = {c.id: c for c in _assess(_history()).causes}["muscle_strain_overuse"]
    assert any("above your 4-week average" in e for e in overuse.evidence), overuse.evidence


def test_warm_ups_skipped_in_most_sessions_are_cited() -> None:
    causes = {c.id: c for c in _assess(_history()).causes}
    evidence = " ".join(causes["inadequate_warmup_cooldown"].evidence)
    assert "warm-up skipped in" in evidence


def test_the_plan_names_the_exercise_to_change_and_caps_next_week_at_the_persons_usual() -> None:
    plan = _assess(_history()).plan
    prevent = {item.id: item.text for item in plan.prevent}
    assert "deadlift" in prevent["change_exercise"].casefold()
    guard = prevent["progression_guard"]
    assert "AU of session load" in guard and "km of running" in guard
    assert "% above it" in guard


def test_without_history_none_of_it_appears() -> None:
    result = _assess(None)
    ids = {item.id for item in result.plan.prevent}
    assert "progression_guard" not in ids and "change_exercise" not in ids


def test_history_does_not_change_the_triage_level() -> None:
    assert _assess(_history()).triage.level == _assess(None).triage.level
