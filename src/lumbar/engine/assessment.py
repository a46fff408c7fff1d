"""assess: (check-in, today) → assessment. Pure: no I/O, no clock, no database.

The caller supplies ``today`` (used only when the check-in has no ``date``); the
knowledge files are read once per process and never change while it runs.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from lumbar.engine.causes import CauseFinding, detect_causes
from lumbar.engine.facts import Facts, read_facts
from lumbar.engine.history import read_training
from lumbar.engine.outcome import Outcome, Piece, piece
from lumbar.engine.pattern import read_pattern
from lumbar.engine.plan import build_plan
from lumbar.engine.triage import Finding, level_of, run_rules
from lumbar.knowledge.base import knowledge
from lumbar.model import Assessment, Cause, CheckIn, Reason
from lumbar.vocab import Level, Pattern


@lru_cache(maxsize=4096)
def _reason(finding: Finding) -> Piece[Reason]:
    # Reasons are immutable: a batch builds (and serialises) each distinct one once.
    rule = knowledge().triage.rules[finding.rule]
    return piece(
        Reason,
        id=finding.rule,
        text=rule.text,
        evidence=list(finding.evidence),
        sources=list(rule.sources),
    )


@lru_cache(maxsize=4096)
def _cause(found: CauseFinding) -> Piece[Cause]:
    text = knowledge().causes[found.id]
    return piece(
        Cause,
        id=found.id,
        support=found.support,
        evidence=list(found.evidence),
        sources=list(text.sources),
        title=text.title,
    )


def _headline(level: Level, pattern: Pattern) -> str:
    headlines = knowledge().triage.headlines
    if level == "self_care":
        return headlines.self_care.for_pattern(pattern)
    return str(getattr(headlines, level))


def not_asked(f: Facts) -> tuple[str, ...]:
    """The questions that matter for safety and that the check-in left unanswered."""
    missing = []
    if not f.symptoms_known:
        missing.append("symptoms")
    if not f.conditions_known:
        missing.append("profile.conditions")
    if f.pain.worse_at_night is None:
        missing.append("pain.worse_at_night")
    if f.days is None:
        missing.append("pain.days_since_onset")
    if f.age is None:
        missing.append("profile.age")
    return tuple(missing)


@lru_cache(maxsize=256)
def safety_net(level: Level, pattern: Pattern, missing: tuple[str, ...]) -> tuple[str, ...]:
    """What to watch for, always including the emergency and urgent signs.

    A function of a few values only, so a batch builds each distinct net once.
    """
    net = knowledge().triage.safety_net
    lines = [net.emergency_signs]
    if level != "emergency":
        lines.append(net.urgent_signs)
    if level == "see_clinician":
        lines.append(net.after_clinician)
    elif level == "self_care":
        lines.append(net.soreness_course if pattern == "soreness" else net.general_course)
    if "symptoms" in missing:
        lines.append(net.not_asked_symptoms)
    if "profile.conditions" in missing and level != "emergency":
        lines.append(net.not_asked_conditions)
    if "pain.worse_at_night" in missing and level in ("self_care", "see_clinician"):
        lines.append(net.not_asked_night)
    if "pain.days_since_onset" in missing and level == "self_care":
        lines.append(net.not_asked_duration)
    return tuple(lines)


def evaluate(checkin: CheckIn, today: dt.date) -> Outcome:
    """Every part of the assessment of ``checkin``, following the policy of CONTRACT.md."""
    f = read_facts(checkin, today)
    findings = run_rules(f)
    level = level_of(findings)
    pattern, pattern_reasons = read_pattern(f)
    training = read_training(f.history, f.today)
    found = detect_causes(f, pattern, training)
    missing = not_asked(f)
    return Outcome(
        level=level,
        headline=_headline(level, pattern),
        reasons=tuple(map(_reason, findings)),
        pattern=pattern,
        causes=tuple(map(_cause, found)),
        plan=build_plan(f, level, pattern, found, findings, training),
        safety_net=safety_net(level, pattern, missing),
        pattern_reasons=tuple(pattern_reasons),
        not_asked=missing,
        disclaimer=knowledge().triage.disclaimer,
    )


def assess_checkin(checkin: CheckIn, today: dt.date) -> Assessment:
    """The assessment of ``checkin`` as the contract's model."""
    return evaluate(checkin, today).to_model()
