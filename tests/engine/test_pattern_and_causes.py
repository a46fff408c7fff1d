"""Pattern rules and cause detectors, each named after the situation it describes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import lumbar

TODAY = dt.date(2026, 11, 25)


def run(pain: dict[str, Any] | None = None, **rest: Any) -> lumbar.Assessment:
    return lumbar.assess({"pain": {"nrs": 3, **(pain or {})}, **rest}, TODAY)


def causes(result: lumbar.Assessment) -> dict[str, tuple[str, list[str]]]:
    return {c.id: (c.support, c.evidence) for c in result.causes}


SORE = {
    "onset": "next_day",
    "days_since_onset": 1,
    "quality": ["aching", "stiff"],
    "side": "both",
    "spread": "diffuse",
}


# --------------------------------------------------------------------------- pattern


def test_bilateral_ache_the_day_after_squats_is_soreness() -> None:
    result = run(SORE)
    assert result.pattern == "soreness"
    assert any("soreness" in line for line in result.pattern_reasons)


def test_the_same_ache_on_day_eight_is_no_longer_soreness() -> None:
    assert run({**SORE, "days_since_onset": 8}).pattern == "unclear"


def test_sudden_pain_mid_set_is_a_strain() -> None:
    result = run({"onset": "during_workout", "spread": "localized", "side": "left"})
    assert result.pattern == "strain"
    assert any("during the workout" in line for line in result.pattern_reasons)


def test_pain_below_the_knee_with_tingling_is_radicular_even_if_it_began_mid_lift() -> None:
    result = run(
        {"onset": "during_workout", "radiates_to": "below_knee"}, symptoms=["tingling_leg"]
    )
    assert result.pattern == "radicular"


def test_shooting_pain_into_the_thigh_is_radicular_but_an_ache_into_the_thigh_is_not() -> None:
    assert run({"quality": ["shooting"], "radiates_to": "thigh"}).pattern == "radicular"
    assert run({**SORE, "radiates_to": "thigh"}).pattern == "soreness"


@pytest.mark.parametrize(
    "extra",
    [
        {"symptoms": ["fever"]},
        {"symptoms": ["flank_pain"]},
        {"symptoms": ["blood_in_urine"]},
        {"symptoms": ["pulsating_abdomen"]},
        {"pain": {"quality": ["colicky"], "radiates_to": "groin"}},
        {"pain": {"worse_at_night": True}},
        {"pain": {"radiates_to": "abdomen"}},
    ],
)
def test_kidney_infection_and_visceral_pictures_are_non_mechanical(extra: dict[str, Any]) -> None:
    result = run({**SORE, **extra.get("pain", {})}, symptoms=extra.get("symptoms"))
    assert result.pattern == "non_mechanical"


def test_long_morning_stiffness_in_a_young_person_is_non_mechanical() -> None:
    result = run(
        {"days_since_onset": 100, "onset": "gradual"},
        symptoms=["morning_stiffness"],
        profile={"age": 28},
    )
    assert result.pattern == "non_mechanical"


def test_morning_stiffness_for_a_few_days_is_not_called_inflammatory() -> None:
    assert run(SORE, symptoms=["morning_stiffness"]).pattern == "soreness"


def test_only_a_pain_score_is_unclear_and_says_why() -> None:
    result = run()
    assert result.pattern == "unclear"
    assert result.pattern_reasons


def test_sharp_one_sided_pain_the_next_day_is_not_soreness() -> None:
    assert run({**SORE, "quality": ["sharp"]}).pattern == "unclear"


# --------------------------------------------------------------------------- causes


def test_a_fifty_percent_jump_in_load_supports_overuse_and_quotes_the_figure() -> None:
    support, evidence = causes(run(SORE, workout={"load_change_pct": 50}))["muscle_strain_overuse"]
    assert support == "moderate"
    assert evidence == ["load 50 % above usual"]


def test_a_small_rise_is_weak_evidence_and_no_rise_is_none() -> None:
    assert causes(run(SORE, workout={"load_change_pct": 20}))["muscle_strain_overuse"][0] == "weak"
    assert "muscle_strain_overuse" not in causes(run(SORE, workout={"load_change_pct": 5}))


def test_a_jump_in_load_with_a_very_hard_session_is_strong_overuse() -> None:
    support, _ = causes(run(SORE, workout={"load_change_pct": 40, "rpe": 9}))[
        "muscle_strain_overuse"
    ]
    assert support == "strong"


def test_form_breakdown_names_the_lift_in_the_evidence() -> None:
    found = causes(run(workout={"form_breakdown": True, "exercises": ["RDL"]}))
    assert found["poor_posture_technique"][1] == ["form broke down during RDL"]


def test_good_form_and_no_desk_job_do_not_list_technique() -> None:
    assert "poor_posture_technique" not in causes(run(workout={"form_breakdown": False}))


def test_known_scoliosis_supports_a_structural_cause() -> None:
    found = causes(run(profile={"conditions": ["scoliosis"]}))
    assert found["spinal_structural"] == ("moderate", ["known scoliosis"])


def test_no_core_work_supports_weak_core_and_recurrences_strengthen_it() -> None:
    assert causes(run(profile={"core_sessions_per_week": 0}))["weak_core"][0] == "moderate"
    strong = causes(run({"episodes_last_3_months": 2}, profile={"core_sessions_per_week": 0}))
    assert strong["weak_core"][0] == "strong"


def test_core_work_done_or_unknown_rules_out_weak_core() -> None:
    assert "weak_core" not in causes(run(profile={"core_sessions_per_week": 2}))
    assert "weak_core" not in causes(run({"episodes_last_3_months": 5}))


@pytest.mark.parametrize(
    ("workout", "expected"),
    [
        ({"warm_up": False, "cool_down": False}, ("strong", ["no warm-up", "no cool-down"])),
        ({"warm_up": True, "cool_down": False}, ("weak", ["no cool-down"])),
        ({"warm_up": False}, ("moderate", ["no warm-up"])),
        ({"warm_up": True, "cool_down": True}, None),
        ({}, None),
    ],
)
def test_skipped_warm_up_or_cool_down(workout: dict[str, Any], expected: Any) -> None:
    assert causes(run(workout=workout)).get("inadequate_warmup_cooldown") == expected


def test_a_long_run_on_concrete_in_worn_shoes_is_strong_high_impact() -> None:
    found = causes(run(workout={"type": "running", "surface": "concrete", "shoe_km": 950}))
    support, evidence = found["high_impact"]
    assert support == "strong"
    assert "on concrete" in evidence
    assert any("950 km" in e for e in evidence)


def test_yoga_and_cycling_are_not_high_impact() -> None:
    for kind in ("yoga_pilates", "cycling", "rowing"):
        assert "high_impact" not in causes(run(workout={"type": kind, "surface": "concrete"}))


def test_box_jumps_in_a_strength_session_count_as_impact() -> None:
    found = causes(run(workout={"type": "strength", "exercises": ["Box Jump"]}))
    assert "high_impact" in found


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (25, None),
        (45, None),
        (49, None),
        (50, "weak"),
        (59, "weak"),
        (60, "moderate"),
        (69, "moderate"),
        (70, "strong"),
        (90, "strong"),
    ],
)
def test_age_is_listed_from_fifty_and_grows_with_each_decade(
    age: int, expected: str | None
) -> None:
    found = causes(run(profile={"age": age}))
    assert (found["age_related"][0] if "age_related" in found else None) == expected
    if expected:
        assert found["age_related"][1] == [f"age {age}"]


def test_fever_and_kidney_signs_support_an_underlying_condition() -> None:
    found = causes(run(symptoms=["fever", "flank_pain"]))
    assert found["underlying_condition"][0] == "strong"


def test_known_arthritis_supports_an_underlying_condition() -> None:
    assert (
        causes(run(profile={"conditions": ["arthritis"]}))["underlying_condition"][0] == "moderate"
    )


def test_causes_are_listed_strongest_first_with_sources_and_titles() -> None:
    result = run(
        SORE, profile={"age": 75, "core_sessions_per_week": 0}, workout={"cool_down": False}
    )
    supports = [c.support for c in result.causes]
    assert supports[0] == "strong" and supports[-1] == "weak"
    for cause in result.causes:
        assert cause.sources and cause.title
