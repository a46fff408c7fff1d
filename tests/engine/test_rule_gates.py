"""The triage gate: a rule skipped for want of its signs could never have fired.

``run_rules`` calls a rule declared with ``@needs_any`` only when one of its signs is
present. That is safe only if every declaration is true — a rule that could fire
without its declared signs would be skipped, and a red flag missed. These tests hold
each declaration to the rule's own behaviour, and the gated run to the ungated one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkin_strategies import checkins
from lumbar import vocab
from lumbar.engine.facts import read_facts
from lumbar.engine.triage import NEEDS, RULES, Rule, rules_for, run_every_rule, run_rules
from lumbar.model import CheckIn

TODAY = dt.date(2026, 11, 25)
GATED = sorted(NEEDS, key=lambda rule: rule.__name__)


def _facts(doc: dict[str, Any]) -> Any:
    return read_facts(CheckIn.model_validate(doc), TODAY)


def _with_signs(doc: dict[str, Any], symptoms: list[str], conditions: list[str]) -> dict[str, Any]:
    profile = {**doc.get("profile", {}), "conditions": conditions}
    return {**doc, "symptoms": symptoms, "profile": profile}


def test_every_declared_sign_is_a_symptom_or_a_condition_of_the_vocabulary() -> None:
    # A misspelt sign would keep its rule shut for ever: the worst failure a gate can have.
    known = set(vocab.SYMPTOMS) | set(vocab.CONDITIONS)
    for rule, signs in NEEDS.items():
        assert signs, rule.__name__
        assert signs <= known, (rule.__name__, sorted(signs - known))


def test_the_gate_covers_only_registered_rules_and_most_of_them() -> None:
    assert set(NEEDS) <= set(RULES)
    # The rules that read only the pain, the age or the days stay ungated.
    assert {r.__name__ for r in RULES if r not in NEEDS} == {
        "kidney_signs",
        "night_pain",
        "below_knee",
        "severe_pain",
        "lasting_pain",
        "worsening",
        "sharp_pain",
        "sudden_one_sided",
        "recurrent",
    }


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.__name__)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(doc=checkins, data=st.data())
def test_a_gated_rule_finds_nothing_without_any_of_its_signs(
    rule: Rule, doc: dict[str, Any], data: st.DataObject
) -> None:
    # Every other symptom and condition may be present, as many as the vocabulary has.
    others = st.lists(st.sampled_from([s for s in vocab.SYMPTOMS if s not in NEEDS[rule]]))
    rest = st.lists(st.sampled_from([c for c in vocab.CONDITIONS if c not in NEEDS[rule]]))
    symptoms = sorted(set(data.draw(others)))
    conditions = sorted(set(data.draw(rest)))
    assert rule(_facts(_with_signs(doc, symptoms, conditions))) is None


@pytest.mark.parametrize("rule", GATED, ids=lambda rule: rule.__name__)
def test_a_gated_rule_is_run_when_one_of_its_signs_is_present(rule: Rule) -> None:
    for sign in NEEDS[rule]:
        assert rule in rules_for(frozenset({sign})), (rule.__name__, sign)
    assert rule not in rules_for(frozenset())


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    doc=checkins,
    symptoms=st.lists(st.sampled_from(vocab.SYMPTOMS), max_size=6, unique=True),
    conditions=st.lists(st.sampled_from(vocab.CONDITIONS), max_size=4, unique=True),
)
def test_the_gated_run_finds_exactly_what_running_every_rule_finds(
    doc: dict[str, Any], symptoms: list[str], conditions: list[str]
) -> None:
    f = _facts(_with_signs(doc, symptoms, conditions))
    assert run_rules(f) == run_every_rule(f)


def test_the_gated_run_still_fires_a_red_flag_on_a_check_in_with_only_that_sign() -> None:
    f = _facts({"pain": {"nrs": 2}, "symptoms": ["saddle_numbness"]})
    assert [x.rule for x in run_rules(f)] == ["cauda_equina"]
    assert run_rules(f)[0].level == "emergency"
