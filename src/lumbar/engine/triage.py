"""Triage: the policy table of CONTRACT.md as small named rules.

Each rule reads :class:`Facts` and returns a :class:`Finding` (its level and the
evidence quoted from the check-in) or ``None``. The level of an assessment is the
highest any rule reaches — a red flag always wins — and every rule that fired is
reported, most pressing first. Rules fire only on what the check-in says; a missing
field fires nothing, so a check-in with a field missing never gets a lower level than
the same check-in with that field at its most benign value.

Most rules need a reported symptom or a known condition, and most check-ins report
none: such a rule declares the signs it needs (``@needs_any``) and is not called when
none of them is present. The declaration is a promise the tests hold each rule to
(the rule finds nothing without those signs), and ``run_every_rule`` — every rule,
no gate — is the reference the gated run is proved equal to.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from lumbar.engine.facts import KIDNEY_SIGNS, LEG_NERVE_SIGNS, SPINAL_CONDITIONS, Facts
from lumbar.knowledge.base import knowledge
from lumbar.vocab import LEVEL_RANK, Level


class Finding(NamedTuple):
    """A triage rule that fired: which, at what level, on what evidence."""

    rule: str
    level: Level
    evidence: tuple[str, ...]


Rule = Callable[[Facts], Finding | None]

# The symptoms and conditions without which a rule cannot fire (rules not listed: any
# check-in may fire them). Filled by @needs_any, read by run_rules.
NEEDS: dict[Rule, frozenset[str]] = {}


def needs_any(*signs: str) -> Callable[[Rule], Rule]:
    """Declare that the rule finds nothing unless one of ``signs`` (symptoms or
    conditions) is present, so that the engine may skip it otherwise."""

    def register(rule: Rule) -> Rule:
        NEEDS[rule] = frozenset(signs)
        return rule

    return register


def _label(symptom: str) -> str:
    return knowledge().triage.symptoms[symptom].label  # type: ignore[index]


def _reported(f: Facts, symptoms: tuple[str, ...]) -> tuple[str, ...]:
    if f.symptoms.isdisjoint(symptoms):  # the common case, answered without a loop
        return ()
    return tuple(f"reported: {_label(s)}" for s in symptoms if s in f.symptoms)


def _conditions(f: Facts, conditions: tuple[str, ...]) -> tuple[str, ...]:
    if f.conditions.isdisjoint(conditions):
        return ()
    return tuple(f"known {c.replace('_', ' ')}" for c in conditions if c in f.conditions)


def _finding(rule: str, level: Level, evidence: tuple[str, ...]) -> Finding | None:
    return Finding(rule, level, evidence) if evidence else None


# --------------------------------------------------------------------------- emergency

CAUDA_EQUINA = (
    "saddle_numbness",
    "bladder_dysfunction",
    "bowel_incontinence",
    "sexual_dysfunction",
    "bilateral_leg_symptoms",
    "gait_disturbance",
)
INFECTION_RISKS = ("iv_drug_use", "immunosuppressed", "recent_spinal_surgery")
FRACTURE_RISKS = ("osteoporosis", "long_term_steroids")
# In the order the evidence lists them.
_RISK_CONDITIONS = (
    "iv_drug_use",
    "immunosuppressed",
    "long_term_steroids",
    "recent_spinal_surgery",
)


@needs_any(*CAUDA_EQUINA)
def cauda_equina(f: Facts) -> Finding | None:
    """Any sign of cauda equina compression is an emergency."""
    return _finding("cauda_equina", "emergency", _reported(f, CAUDA_EQUINA))


@needs_any("progressive_weakness")
def progressive_weakness(f: Facts) -> Finding | None:
    """Weakness that gets worse is an emergency."""
    return _finding("progressive_weakness", "emergency", _reported(f, ("progressive_weakness",)))


@needs_any("major_trauma")
def major_trauma(f: Facts) -> Finding | None:
    """Pain after a serious accident is an emergency."""
    return _finding("major_trauma", "emergency", _reported(f, ("major_trauma",)))


@needs_any("fever")
def spinal_infection(f: Facts) -> Finding | None:
    """Fever with leg nerve signs, an infection risk factor, or feeling unwell."""
    if not f.has("fever"):
        return None
    partners = _reported(f, (*LEG_NERVE_SIGNS, "unwell")) + _conditions(f, INFECTION_RISKS)
    if not partners:
        return None
    return Finding("spinal_infection", "emergency", _reported(f, ("fever",)) + partners)


@needs_any("fever")
def kidney_infection(f: Facts) -> Finding | None:
    """Fever with a kidney sign."""
    if not f.has("fever") or not f.has(*KIDNEY_SIGNS):
        return None
    return Finding("kidney_infection", "emergency", _reported(f, ("fever", *KIDNEY_SIGNS)))


@needs_any("cancer_history")
def cord_compression_cancer(f: Facts) -> Finding | None:
    """A history of cancer with a leg nerve sign."""
    if not f.has_condition("cancer_history") or not f.has(*LEG_NERVE_SIGNS):
        return None
    evidence = _conditions(f, ("cancer_history",)) + _reported(f, LEG_NERVE_SIGNS)
    return Finding("cord_compression_cancer", "emergency", evidence)


@needs_any("pulsating_abdomen")
def pulsating_abdomen(f: Facts) -> Finding | None:
    """A pulsating feeling in the belly."""
    return _finding("pulsating_abdomen", "emergency", _reported(f, ("pulsating_abdomen",)))


@needs_any("chest_pain")
def chest_pain(f: Facts) -> Finding | None:
    """Chest pain with back pain."""
    return _finding("chest_pain", "emergency", _reported(f, ("chest_pain",)))


# --------------------------------------------------------------------------- urgent


@needs_any("fever")
def fever(f: Facts) -> Finding | None:
    """Fever on its own is urgent."""
    return _finding("fever", "urgent", _reported(f, ("fever",)))


def kidney_signs(f: Facts) -> Finding | None:
    """A kidney sign, or colicky pain spreading into the groin."""
    evidence = _reported(f, KIDNEY_SIGNS)
    if f.colicky_into_groin():
        evidence += ("pain comes in waves (colicky) and spreads to the groin",)
    return _finding("kidney_signs", "urgent", evidence)


@needs_any("dark_urine")
def dark_urine(f: Facts) -> Finding | None:
    """Brown or cola-coloured urine after training."""
    return _finding("dark_urine", "urgent", _reported(f, ("dark_urine",)))


@needs_any("leg_weakness")
def leg_weakness(f: Facts) -> Finding | None:
    """Weakness in a leg."""
    return _finding("leg_weakness", "urgent", _reported(f, ("leg_weakness",)))


@needs_any("minor_trauma")
def fracture_risk_minor_trauma(f: Facts) -> Finding | None:
    """A minor fall or knock with osteoporosis, long-term steroids or age 70 or over."""
    if not f.has("minor_trauma"):
        return None
    risks = _conditions(f, FRACTURE_RISKS)
    if f.age is not None and f.age >= 70:  # unknown age: this part cannot fire
        risks += (f"age {f.age}",)
    if not risks:
        return None
    return Finding("fracture_risk_minor_trauma", "urgent", _reported(f, ("minor_trauma",)) + risks)


@needs_any(*FRACTURE_RISKS)
def fracture_risk_sudden_severe(f: Facts) -> Finding | None:
    """Pain of 7 or more that began during the workout, with osteoporosis or steroids."""
    risks = _conditions(f, FRACTURE_RISKS)
    if not risks or f.pain.nrs < 7 or f.pain.onset != "during_workout":
        return None
    evidence = (f"pain {f.pain.nrs}/10", "began suddenly during the workout", *risks)
    return Finding("fracture_risk_sudden_severe", "urgent", evidence)


@needs_any("cancer_history")
def cancer_history(f: Facts) -> Finding | None:
    """Any back pain with a history of cancer."""
    return _finding("cancer_history", "urgent", _conditions(f, ("cancer_history",)))


@needs_any("unexplained_weight_loss")
def weight_loss(f: Facts) -> Finding | None:
    """Unexplained weight loss."""
    return _finding("weight_loss", "urgent", _reported(f, ("unexplained_weight_loss",)))


@needs_any("back_deformity")
def back_deformity(f: Facts) -> Finding | None:
    """A new lump or change in the shape of the back."""
    return _finding("back_deformity", "urgent", _reported(f, ("back_deformity",)))


def night_pain(f: Facts) -> Finding | None:
    """Constant night pain not eased by changing position."""
    if f.pain.worse_at_night is not True:
        return None
    return Finding(
        "night_pain", "urgent", ("constant pain at night, not eased by changing position",)
    )


# --------------------------------------------------------------------------- see a clinician


@needs_any("numbness_leg", "tingling_leg")
def leg_nerve_symptoms(f: Facts) -> Finding | None:
    """Numbness or tingling in a leg."""
    return _finding(
        "leg_nerve_symptoms", "see_clinician", _reported(f, ("numbness_leg", "tingling_leg"))
    )


def below_knee(f: Facts) -> Finding | None:
    """Pain radiating below the knee."""
    if f.pain.radiates_to != "below_knee":
        return None
    return Finding("below_knee", "see_clinician", ("pain spreads below the knee",))


def severe_pain(f: Facts) -> Finding | None:
    """Pain of 7 or more out of 10."""
    if f.pain.nrs < 7:
        return None
    return Finding("severe_pain", "see_clinician", (f"pain {f.pain.nrs}/10",))


def lasting_pain(f: Facts) -> Finding | None:
    """More than 7 days since onset, whatever the trend (day 7 is still within)."""
    if f.days is None or f.days <= 7:
        return None
    return Finding("lasting_pain", "see_clinician", (f"pain for {_days(f.days)}",))


def worsening(f: Facts) -> Finding | None:
    """Getting worse after day 3."""
    if f.pain.trend != "worse" or f.days is None or f.days <= 3:
        return None
    return Finding(
        "worsening", "see_clinician", (f"getting worse on day {_days(f.days, unit=False)}",)
    )


def sharp_pain(f: Facts) -> Finding | None:
    """Sharp or stabbing pain."""
    words = [q for q in ("sharp", "stabbing") if q in f.qualities]
    return _finding("sharp_pain", "see_clinician", tuple(f"{w} pain" for w in words))


def sudden_one_sided(f: Facts) -> Finding | None:
    """Localised one-sided pain that began during the workout."""
    p = f.pain
    if p.spread != "localized" or p.side not in ("left", "right") or p.onset != "during_workout":
        return None
    evidence = (f"localised on the {p.side} side", "began suddenly during the workout")
    return Finding("sudden_one_sided", "see_clinician", evidence)


def recurrent(f: Facts) -> Finding | None:
    """Three or more earlier episodes in three months."""
    episodes = f.pain.episodes_last_3_months
    if episodes is None or episodes < 3:
        return None
    return Finding("recurrent", "see_clinician", (f"{episodes} earlier episodes in 3 months",))


@needs_any("morning_stiffness")
def inflammatory(f: Facts) -> Finding | None:
    """Morning stiffness under age 45 with pain for more than 12 weeks (84 days)."""
    if not f.has("morning_stiffness") or f.age is None or f.age >= 45:
        return None
    if f.days is None or f.days <= 84:
        return None
    evidence = (*_reported(f, ("morning_stiffness",)), f"age {f.age}", f"pain for {_days(f.days)}")
    return Finding("inflammatory", "see_clinician", evidence)


@needs_any(*_RISK_CONDITIONS)
def risk_condition(f: Facts) -> Finding | None:
    """Back pain with an infection or fracture risk factor."""
    return _finding("risk_condition", "see_clinician", _conditions(f, _RISK_CONDITIONS))


@needs_any(*SPINAL_CONDITIONS)
def spinal_condition_changing(f: Facts) -> Finding | None:
    """A known spinal condition whose pain now radiates or gets worse."""
    known = _conditions(f, SPINAL_CONDITIONS)
    if not known:
        return None
    change: tuple[str, ...] = ()
    if f.pain.radiates_to not in (None, "none"):
        change += (f"pain now spreads to the {str(f.pain.radiates_to).replace('_', ' ')}",)
    if f.pain.trend == "worse":
        change += ("pain getting worse",)
    if not change:
        return None
    return Finding("spinal_condition_changing", "see_clinician", known + change)


def _days(days: float, unit: bool = True) -> str:
    value = f"{days:g}"
    return f"{value} day{'s' if days != 1 else ''}" if unit else value


# Registered explicitly, in the order of the policy table (most pressing level first).
RULES: tuple[Rule, ...] = (
    cauda_equina,
    progressive_weakness,
    major_trauma,
    spinal_infection,
    kidney_infection,
    cord_compression_cancer,
    pulsating_abdomen,
    chest_pain,
    fever,
    kidney_signs,
    dark_urine,
    leg_weakness,
    fracture_risk_minor_trauma,
    fracture_risk_sudden_severe,
    cancer_history,
    weight_loss,
    back_deformity,
    night_pain,
    leg_nerve_symptoms,
    below_knee,
    severe_pain,
    lasting_pain,
    worsening,
    sharp_pain,
    sudden_one_sided,
    recurrent,
    inflammatory,
    risk_condition,
    spinal_condition_changing,
)


@lru_cache(maxsize=1024)
def rules_for(signs: frozenset[str]) -> tuple[Rule, ...]:
    """The rules, in order, that can fire when exactly these symptoms and conditions are
    present: those without a declared need, and those with one of their signs here."""
    return tuple(rule for rule in RULES if rule not in NEEDS or not NEEDS[rule].isdisjoint(signs))


def _most_pressing_first(finding: Finding) -> int:
    return -LEVEL_RANK[finding.level]


def _by_level(found: list[Finding]) -> list[Finding]:
    found.sort(key=_most_pressing_first)  # stable within a level
    return found


def run_rules(f: Facts) -> list[Finding]:
    """Every finding, most pressing level first (stable within a level)."""
    signs = f.symptoms | f.conditions if f.conditions else f.symptoms
    return _by_level([x for rule in rules_for(signs) if (x := rule(f)) is not None])


def run_every_rule(f: Facts) -> list[Finding]:
    """``run_rules`` without the gate: every rule called. The reference in the tests."""
    return _by_level([x for rule in RULES if (x := rule(f)) is not None])


def level_of(findings: list[Finding]) -> Level:
    """The highest level any finding reaches; ``self_care`` when none fired."""
    return findings[0].level if findings else "self_care"
