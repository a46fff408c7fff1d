"""The plan follows the level, the pattern and the causes, with concrete content."""

from __future__ import annotations

import datetime as dt
from typing import Any

import lumbar

TODAY = dt.date(2026, 11, 25)


def plan(pain: dict[str, Any] | None = None, **rest: Any) -> dict[str, list[str]]:
    result = lumbar.assess({"pain": {"nrs": 3, **(pain or {})}, **rest}, TODAY)
    return {
        section: [i.id for i in getattr(result.plan, section)]
        for section in ("now", "prevent", "support", "lifestyle")
    }


def texts(pain: dict[str, Any] | None = None, **rest: Any) -> str:
    result = lumbar.assess({"pain": {"nrs": 3, **(pain or {})}, **rest}, TODAY)
    items = [i for s in ("now", "prevent", "support", "lifestyle") for i in getattr(result.plan, s)]
    return "\n".join(i.text for i in items)


SORE = {
    "onset": "next_day",
    "days_since_onset": 1,
    "quality": ["aching"],
    "side": "both",
    "spread": "diffuse",
}


def test_an_emergency_plan_says_only_to_call_for_help_naming_the_signs() -> None:
    result = lumbar.assess({"pain": {"nrs": 5}, "symptoms": ["saddle_numbness"]}, TODAY)
    assert [i.id for i in result.plan.now] == [
        "call_emergency",
        "tell_them_signs",
        "no_training_until_seen",
    ]
    assert "numbness around the genitals" in result.plan.now[1].text
    assert result.plan.prevent == result.plan.support == result.plan.lifestyle == []


def test_an_urgent_kidney_plan_sends_to_a_doctor_today_and_explains_kidney_pain() -> None:
    now = plan(symptoms=["blood_in_urine"])["now"]
    assert now == ["doctor_today", "kidney_check", "no_training_until_seen"]


def test_soreness_plan_keeps_moving_with_heat_and_says_when_and_how_to_resume() -> None:
    now = plan(SORE)["now"]
    assert now[:3] == ["stay_active", "heat", "gentle_mobility"]
    assert "resume_soreness" in now and "book_clinician" not in now


def test_after_a_load_jump_the_plan_names_the_load_to_go_back_to() -> None:
    words = texts(SORE, workout={"load_change_pct": 50})
    assert "before this session's 50 % rise" in words


def test_a_strain_plan_rests_the_lift_that_hurt_by_name() -> None:
    words = texts({"onset": "during_workout"}, workout={"exercises": ["Deadlift (Barbell)"]})
    assert "leave out Deadlift (Barbell)" in words
    assert "Bring back Deadlift (Barbell)" in words


def test_see_clinician_plan_books_an_appointment_first_and_keeps_self_care() -> None:
    now = plan({"nrs": 8})["now"]
    assert now[0] == "book_clinician" and "heat" in now


def test_weak_core_brings_the_big_three_with_holds_and_progression() -> None:
    words = texts(profile={"core_sessions_per_week": 0})
    assert "curl-up" in words and "side bridge" in words and "bird dog" in words
    assert "10 seconds" in words


def test_skipped_warm_up_brings_a_timed_warm_up_routine() -> None:
    result = plan(workout={"warm_up": False, "cool_down": True})
    assert "warm_up" in result["prevent"] and "cool_down" not in result["prevent"]
    assert "10-15 minutes" in texts(workout={"warm_up": False})


def test_form_cues_follow_the_movement_patterns_that_were_trained() -> None:
    prevent = plan(workout={"exercises": ["RDL", "Back Squat", "Overhead Press"]})["prevent"]
    assert {"form_hinge", "form_squat", "form_overhead"} <= set(prevent)
    assert "form_hinge" not in plan(workout={"exercises": ["Back Squat"]})["prevent"]


def test_belt_advice_gives_both_the_guide_and_nice() -> None:
    result = lumbar.assess({"pain": {"nrs": 3}, "workout": {"type": "strength"}}, TODAY)
    belt = next(i for i in result.plan.support if i.id == "belt")
    assert "nice_ng59" in belt.sources and "lumbar_guide" in belt.sources
    assert "NICE NG59 advises against belts" in belt.text


def test_runner_with_worn_shoes_gets_their_kilometres_quoted() -> None:
    assert "yours have 950 km" in texts(workout={"type": "running", "shoe_km": 950})


def test_desk_hours_are_quoted_in_the_lifestyle_advice() -> None:
    assert "about 10 hours a day" in texts(profile={"desk_hours_per_day": 10})


def test_every_plan_item_has_sources_and_no_unfilled_placeholder() -> None:
    result = lumbar.assess(
        {
            "pain": {"nrs": 4, **SORE},
            "workout": {
                "type": "running",
                "exercises": ["RDL"],
                "shoe_km": 500,
                "load_change_pct": 35,
                "warm_up": False,
            },
            "profile": {"age": 64, "conditions": ["scoliosis"], "desk_hours_per_day": 9},
        },
        TODAY,
    )
    for section in ("now", "prevent", "support", "lifestyle"):
        for item in getattr(result.plan, section):
            assert item.sources, item.id
            assert "{" not in item.text and "}" not in item.text, item.id


def test_a_check_in_with_no_symptoms_list_is_answered_and_the_safety_net_names_the_red_flags() -> (
    None
):
    result = lumbar.assess({"pain": {"nrs": 2}}, TODAY)
    assert "symptoms" in result.not_asked
    net = " ".join(result.safety_net)
    assert "numbness around your genitals" in net and "not asked about warning signs" in net


def test_when_symptoms_were_asked_the_safety_net_does_not_say_they_were_not() -> None:
    result = lumbar.assess({"pain": {"nrs": 2}, "symptoms": []}, TODAY)
    assert "symptoms" not in result.not_asked
    assert not any("not asked about warning signs" in line for line in result.safety_net)


def test_history_after_the_check_in_date_is_ignored() -> None:
    doc = {
        "date": "2026-01-10",
        "pain": {"nrs": 2},
        "history": {"sessions": [{"date": "2026-01-05"}, {"date": "2026-02-01"}], "checkins": []},
    }
    result = lumbar.assess(doc, TODAY)
    assert "wearable" not in [i.id for i in result.plan.support]  # it has history on or before
    later = {**doc, "history": {"sessions": [{"date": "2026-02-01"}], "checkins": []}}
    assert "wearable" in [i.id for i in lumbar.assess(later, TODAY).plan.support]
