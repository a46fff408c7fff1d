"""Property tests over random valid check-ins: the policy's promises hold for all of them."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lumbar
from checkin_strategies import checkins
from lumbar.knowledge.base import knowledge
from lumbar.model import Assessment

TODAY = dt.date(2026, 11, 25)
ORDER = ["self_care", "see_clinician", "urgent", "emergency"]

# The policy table of CONTRACT.md for one symptom on its own, written out here
# independently of the engine. Symptoms absent here reach no level alone.
FLAG_LEVEL = {
    "saddle_numbness": "emergency",
    "bladder_dysfunction": "emergency",
    "bowel_incontinence": "emergency",
    "sexual_dysfunction": "emergency",
    "bilateral_leg_symptoms": "emergency",
    "gait_disturbance": "emergency",
    "progressive_weakness": "emergency",
    "major_trauma": "emergency",
    "pulsating_abdomen": "emergency",
    "chest_pain": "emergency",
    "fever": "urgent",
    "flank_pain": "urgent",
    "blood_in_urine": "urgent",
    "painful_urination": "urgent",
    "dark_urine": "urgent",
    "leg_weakness": "urgent",
    "unexplained_weight_loss": "urgent",
    "back_deformity": "urgent",
    "numbness_leg": "see_clinician",
    "tingling_leg": "see_clinician",
}

# The most benign value of each optional field (for "unknown is never lower").
BENIGN: dict[tuple[str, ...], Any] = {
    ("symptoms",): [],
    ("profile", "conditions"): [],
    ("profile", "age"): 30,
    ("pain", "days_since_onset"): 0,
    ("pain", "onset"): "next_day",
    ("pain", "quality"): ["aching"],
    ("pain", "side"): "both",
    ("pain", "spread"): "diffuse",
    ("pain", "radiates_to"): "none",
    ("pain", "trend"): "improving",
    ("pain", "worse_at_night"): False,
    ("pain", "episodes_last_3_months"): 0,
    ("workout", "load_change_pct"): 0,
    ("workout", "form_breakdown"): False,
}


def level(doc: dict[str, Any]) -> int:
    return ORDER.index(lumbar.assess(doc, TODAY).triage.level)


def _set(doc: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node.setdefault(key, {})
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return out


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(checkins, st.sampled_from(sorted(FLAG_LEVEL)))
def test_adding_a_red_flag_never_lowers_the_level_and_reaches_its_policy_level(
    doc: dict[str, Any], flag: str
) -> None:
    before = level(doc)
    flagged = copy.deepcopy(doc)
    flagged["symptoms"] = sorted({*flagged.get("symptoms", []), flag})
    after = level(flagged)
    assert after >= before
    assert after >= ORDER.index(FLAG_LEVEL[flag])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(checkins, st.sampled_from(sorted(BENIGN)))
def test_a_field_left_unknown_never_gives_a_lower_level_than_its_most_benign_value(
    doc: dict[str, Any], path: tuple[str, ...]
) -> None:
    unknown = level(_set(doc, path, None))
    benign = level(_set(doc, path, BENIGN[path]))
    assert unknown >= benign


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(checkins)
def test_every_answer_validates_against_the_contract(doc: dict[str, Any]) -> None:
    answer = lumbar.assess(doc, TODAY)
    as_json = answer.model_dump(mode="json")
    again = Assessment.model_validate(as_json)  # the output schema, strictly
    assert again.triage.level in ORDER
    assert as_json["contract"] == "lumbar.assessment/1"
    assert set(as_json["plan"]) == {"now", "prevent", "support", "lifestyle"}
    supports = [c["support"] for c in as_json["causes"]]
    rank = {"strong": 0, "moderate": 1, "weak": 2}
    assert supports == sorted(supports, key=rank.__getitem__), "causes strongest first"
    assert len({c["id"] for c in as_json["causes"]}) == len(as_json["causes"])
    assert as_json["safety_net"], "there is always a safety net"
    ids = [item["id"] for items in as_json["plan"].values() for item in items]
    assert len(ids) == len(set(ids)), "no plan item twice"
    advice = knowledge().advice
    for section, items in as_json["plan"].items():
        # The knowledge says where each item belongs; the plan must agree.
        assert all(advice[item["id"]].section == section for item in items), section


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(checkins)
def test_age_related_is_never_listed_under_forty_nor_warmup_when_both_were_done(
    doc: dict[str, Any],
) -> None:
    causes = {c.id for c in lumbar.assess(doc, TODAY).causes}
    age = doc.get("profile", {}).get("age")
    if age is None or age < 40:
        assert "age_related" not in causes
    workout = doc.get("workout", {})
    if workout.get("warm_up") is not False and workout.get("cool_down") is not False:
        assert "inadequate_warmup_cooldown" not in causes


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(checkins)
def test_soreness_is_never_read_beyond_seven_days(doc: dict[str, Any]) -> None:
    answer = lumbar.assess(doc, TODAY)
    days = doc["pain"].get("days_since_onset")
    if days is not None and days > 7:
        assert answer.pattern != "soreness"


INVALID = st.one_of(
    st.builds(lambda n: {"pain": {"nrs": n}}, st.integers().filter(lambda n: not 0 <= n <= 10)),
    st.builds(
        lambda a: {"pain": {"nrs": 3}, "profile": {"age": a}},
        st.integers().filter(lambda a: not 12 <= a <= 110),
    ),
    st.builds(
        lambda s: {"pain": {"nrs": 3}, "symptoms": [s]},
        st.text(min_size=1, max_size=12).filter(
            lambda s: (
                s not in FLAG_LEVEL
                and s not in {"minor_trauma", "nausea_vomiting", "morning_stiffness", "unwell"}
            )
        ),
    ),
    st.builds(
        lambda k: {"pain": {"nrs": 3}, k: 1},
        st.text(min_size=1, max_size=10).filter(
            lambda k: k not in {"date", "profile", "pain", "symptoms", "workout", "history"}
        ),
    ),
    st.builds(
        lambda v: {"pain": {"nrs": 3, "worse_at_night": v}}, st.sampled_from(["yes", 1, 0, "true"])
    ),
    st.just({"profile": {"age": 30}}),
)


@settings(max_examples=200)
@given(INVALID)
def test_invalid_documents_are_refused_with_the_field_named(doc: dict[str, Any]) -> None:
    with pytest.raises(lumbar.InputError) as caught:
        lumbar.assess(doc, TODAY)
    assert caught.value.field, "the error names a field"
    assert str(caught.value).startswith(caught.value.field)
    assert "\n" not in str(caught.value)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(checkins)
def test_the_fast_json_path_writes_exactly_what_the_model_would(doc: dict[str, Any]) -> None:
    from lumbar.engine.assessment import evaluate
    from lumbar.model import CheckIn

    outcome = evaluate(CheckIn.model_validate(doc), TODAY)
    assert outcome.to_json() == outcome.to_model().model_dump_json()
