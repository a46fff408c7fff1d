"""One test per triage rule, named after the situation it describes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import lumbar

TODAY = dt.date(2026, 11, 25)


def triage(pain: dict[str, Any] | None = None, **rest: Any) -> tuple[str, list[str]]:
    doc = {"pain": {"nrs": 3, **(pain or {})}, **rest}
    result = lumbar.assess(doc, TODAY)
    return result.triage.level, [r.id for r in result.triage.reasons]


def test_a_mild_ache_with_nothing_else_is_self_care() -> None:
    assert triage() == ("self_care", [])


@pytest.mark.parametrize(
    "symptom",
    [
        "saddle_numbness",
        "bladder_dysfunction",
        "bowel_incontinence",
        "sexual_dysfunction",
        "bilateral_leg_symptoms",
        "gait_disturbance",
    ],
)
def test_any_cauda_equina_sign_is_an_emergency(symptom: str) -> None:
    assert triage(symptoms=[symptom]) == ("emergency", ["cauda_equina"])


def test_weakness_getting_worse_is_an_emergency() -> None:
    assert triage(symptoms=["progressive_weakness"])[0] == "emergency"


def test_pain_after_a_car_crash_is_an_emergency() -> None:
    assert triage(symptoms=["major_trauma"]) == ("emergency", ["major_trauma"])


@pytest.mark.parametrize("partner", ["leg_weakness", "numbness_leg", "tingling_leg", "unwell"])
def test_fever_with_a_nerve_sign_or_feeling_unwell_is_a_spinal_infection_emergency(
    partner: str,
) -> None:
    level, rules = triage(symptoms=["fever", partner])
    assert level == "emergency" and "spinal_infection" in rules


@pytest.mark.parametrize("risk", ["iv_drug_use", "immunosuppressed", "recent_spinal_surgery"])
def test_fever_with_an_infection_risk_factor_is_an_emergency(risk: str) -> None:
    level, rules = triage(symptoms=["fever"], profile={"conditions": [risk]})
    assert level == "emergency" and "spinal_infection" in rules


def test_fever_with_pain_in_the_side_is_a_kidney_infection_emergency() -> None:
    level, rules = triage(symptoms=["fever", "flank_pain"])
    assert level == "emergency" and rules[0] == "kidney_infection"


def test_tingling_in_a_leg_after_cancer_is_a_cord_compression_emergency() -> None:
    level, rules = triage(symptoms=["tingling_leg"], profile={"conditions": ["cancer_history"]})
    assert level == "emergency" and rules[0] == "cord_compression_cancer"


@pytest.mark.parametrize("symptom", ["pulsating_abdomen", "chest_pain"])
def test_a_pulsating_belly_or_chest_pain_is_an_emergency(symptom: str) -> None:
    assert triage(symptoms=[symptom])[0] == "emergency"


def test_fever_alone_is_urgent() -> None:
    assert triage(symptoms=["fever"]) == ("urgent", ["fever"])


@pytest.mark.parametrize("symptom", ["flank_pain", "blood_in_urine", "painful_urination"])
def test_a_kidney_sign_without_fever_is_urgent(symptom: str) -> None:
    assert triage(symptoms=[symptom]) == ("urgent", ["kidney_signs"])


def test_colicky_pain_into_the_groin_is_urgent_even_with_no_other_sign() -> None:
    assert triage({"quality": ["colicky"], "radiates_to": "groin"})[0] == "urgent"


def test_colicky_pain_that_stays_in_the_back_is_not_a_kidney_sign() -> None:
    assert triage({"quality": ["colicky"], "radiates_to": "none"})[0] == "self_care"


def test_brown_urine_after_training_is_urgent() -> None:
    assert triage(symptoms=["dark_urine"]) == ("urgent", ["dark_urine"])


def test_weakness_in_one_leg_is_urgent() -> None:
    level, rules = triage(symptoms=["leg_weakness"])
    assert level == "urgent" and "leg_weakness" in rules


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({"conditions": ["osteoporosis"]}, "urgent"),
        ({"conditions": ["long_term_steroids"]}, "urgent"),
        ({"age": 70}, "urgent"),
        ({"age": 69}, "self_care"),
        ({}, "self_care"),
    ],
)
def test_a_knock_is_urgent_only_with_weak_bones_or_age_seventy(
    profile: dict[str, Any], expected: str
) -> None:
    assert triage(symptoms=["minor_trauma"], profile=profile)[0] == expected


def test_sudden_severe_pain_mid_lift_with_osteoporosis_is_urgent_without_a_fall() -> None:
    level, rules = triage(
        {"nrs": 7, "onset": "during_workout"}, profile={"conditions": ["osteoporosis"]}
    )
    assert level == "urgent" and "fracture_risk_sudden_severe" in rules


def test_moderate_pain_mid_lift_with_osteoporosis_is_not_the_fracture_rule() -> None:
    _, rules = triage(
        {"nrs": 6, "onset": "during_workout"}, profile={"conditions": ["osteoporosis"]}
    )
    assert "fracture_risk_sudden_severe" not in rules


def test_any_back_pain_after_cancer_is_urgent() -> None:
    assert triage({"nrs": 1}, profile={"conditions": ["cancer_history"]})[0] == "urgent"


@pytest.mark.parametrize("symptom", ["unexplained_weight_loss", "back_deformity"])
def test_weight_loss_or_a_changed_back_shape_is_urgent(symptom: str) -> None:
    assert triage(symptoms=[symptom])[0] == "urgent"


def test_constant_night_pain_is_urgent_and_night_pain_eased_by_turning_is_not() -> None:
    assert triage({"worse_at_night": True}) == ("urgent", ["night_pain"])
    assert triage({"worse_at_night": False})[0] == "self_care"


@pytest.mark.parametrize("symptom", ["numbness_leg", "tingling_leg"])
def test_numbness_or_tingling_in_one_leg_needs_a_clinician(symptom: str) -> None:
    assert triage(symptoms=[symptom]) == ("see_clinician", ["leg_nerve_symptoms"])


def test_pain_below_the_knee_needs_a_clinician_but_into_the_buttock_does_not() -> None:
    assert triage({"radiates_to": "below_knee"})[0] == "see_clinician"
    assert triage({"radiates_to": "buttock"})[0] == "self_care"


def test_pain_of_seven_is_severe_and_six_is_not() -> None:
    assert triage({"nrs": 7}) == ("see_clinician", ["severe_pain"])
    assert triage({"nrs": 6})[0] == "self_care"


def test_day_seven_is_still_within_the_soreness_window_and_day_eight_is_not() -> None:
    assert triage({"days_since_onset": 7})[0] == "self_care"
    assert triage({"days_since_onset": 8}) == ("see_clinician", ["lasting_pain"])


def test_eight_days_of_improving_pain_still_needs_a_clinician() -> None:
    assert triage({"days_since_onset": 8, "trend": "improving"})[0] == "see_clinician"


def test_getting_worse_on_day_four_needs_a_clinician_but_on_day_three_it_does_not() -> None:
    assert triage({"trend": "worse", "days_since_onset": 4}) == ("see_clinician", ["worsening"])
    assert triage({"trend": "worse", "days_since_onset": 3})[0] == "self_care"


@pytest.mark.parametrize("quality", ["sharp", "stabbing"])
def test_sharp_or_stabbing_pain_needs_a_clinician(quality: str) -> None:
    assert triage({"quality": [quality]}) == ("see_clinician", ["sharp_pain"])


def test_one_sided_spot_pain_that_began_mid_set_needs_a_clinician() -> None:
    pain = {
        "spread": "localized",
        "side": "right",
        "onset": "during_workout",
        "quality": ["aching"],
    }
    assert triage(pain) == ("see_clinician", ["sudden_one_sided"])


def test_central_spot_pain_that_began_mid_set_is_not_the_one_sided_rule() -> None:
    pain = {"spread": "localized", "side": "central", "onset": "during_workout"}
    assert triage(pain)[0] == "self_care"


def test_three_earlier_episodes_need_a_clinician_and_two_do_not() -> None:
    assert triage({"episodes_last_3_months": 3}) == ("see_clinician", ["recurrent"])
    assert triage({"episodes_last_3_months": 2})[0] == "self_care"


def test_long_morning_stiffness_in_a_young_lifter_needs_a_clinician() -> None:
    level, rules = triage(
        {"days_since_onset": 85}, symptoms=["morning_stiffness"], profile={"age": 44}
    )
    assert level == "see_clinician" and "inflammatory" in rules


def test_morning_stiffness_rule_needs_age_under_45_and_over_twelve_weeks() -> None:
    _, older = triage(
        {"days_since_onset": 120}, symptoms=["morning_stiffness"], profile={"age": 45}
    )
    _, short = triage({"days_since_onset": 84}, symptoms=["morning_stiffness"], profile={"age": 30})
    _, unknown_age = triage({"days_since_onset": 120}, symptoms=["morning_stiffness"])
    assert "inflammatory" not in older + short + unknown_age


@pytest.mark.parametrize(
    "risk", ["iv_drug_use", "immunosuppressed", "long_term_steroids", "recent_spinal_surgery"]
)
def test_an_infection_or_fracture_risk_factor_with_pain_needs_a_clinician(risk: str) -> None:
    level, rules = triage(profile={"conditions": [risk]})
    assert level == "see_clinician" and "risk_condition" in rules


def test_a_known_disc_problem_whose_pain_now_spreads_needs_a_clinician() -> None:
    level, rules = triage({"radiates_to": "buttock"}, profile={"conditions": ["herniated_disc"]})
    assert level == "see_clinician" and rules == ["spinal_condition_changing"]


def test_known_scoliosis_with_the_usual_ache_is_self_care() -> None:
    assert (
        triage({"radiates_to": "none", "trend": "same"}, profile={"conditions": ["scoliosis"]})[0]
        == "self_care"
    )


def test_a_red_flag_wins_over_everything_else_and_every_rule_is_reported() -> None:
    level, rules = triage(
        {"nrs": 9, "quality": ["sharp"], "days_since_onset": 10},
        symptoms=["saddle_numbness", "fever"],
    )
    assert level == "emergency"
    assert rules[0] == "cauda_equina"
    assert {"fever", "severe_pain", "sharp_pain", "lasting_pain"} <= set(rules)


def test_each_reason_quotes_the_input_and_cites_a_source() -> None:
    result = lumbar.assess({"pain": {"nrs": 8, "days_since_onset": 10}}, TODAY)
    for reason in result.triage.reasons:
        assert reason.evidence and reason.sources and reason.text
    assert "pain 8/10" in result.triage.reasons[0].evidence + result.triage.reasons[1].evidence
