"""assess: (check-in, today) → assessment. Pure: no I/O, no clock, no database.

The caller supplies ``today`` (used only when the check-in has no ``date``); the
knowledge files are read once per process and never change while it runs.
"""

from __future__ import annotations

import datetime as dt

from lumbar.engine.causes import detect_causes
from lumbar.engine.facts import Facts, read_facts
from lumbar.engine.pattern import read_pattern
from lumbar.engine.plan import build_plan
from lumbar.engine.triage import Finding, level_of, run_rules
from lumbar.knowledge.base import knowledge
from lumbar.model import Assessment, Cause, CheckIn, Reason, Triage
from lumbar.vocab import Level, Pattern


def _reasons(findings: list[Finding]) -> list[Reason]:
    rules = knowledge().triage.rules
    return [
        Reason.model_construct(
            id=x.rule,
            text=rules[x.rule].text,
            evidence=list(x.evidence),
            sources=list(rules[x.rule].sources),
        )
        for x in findings
    ]


def _headline(level: Level, pattern: Pattern) -> str:
    headlines = knowledge().triage.headlines
    if level == "self_care":
        return headlines.self_care.for_pattern(pattern)
    return str(getattr(headlines, level))


def not_asked(f: Facts) -> list[str]:
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
    return missing


def safety_net(level: Level, pattern: Pattern, missing: list[str]) -> list[str]:
    """What to watch for, always including the emergency and urgent signs."""
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
    return lines


def assess_checkin(checkin: CheckIn, today: dt.date) -> Assessment:
    """The assessment of ``checkin``, following the triage policy of CONTRACT.md."""
    f = read_facts(checkin, today)
    findings = run_rules(f)
    level = level_of(findings)
    pattern, pattern_reasons = read_pattern(f)
    found = detect_causes(f, pattern, f.history)
    texts = knowledge().causes
    causes = [
        Cause.model_construct(
            id=c.id,
            support=c.support,
            evidence=list(c.evidence),
            sources=list(texts[c.id].sources),
            title=texts[c.id].title,
        )
        for c in found
    ]
    missing = not_asked(f)
    return Assessment.model_construct(
        contract="lumbar.assessment/1",
        triage=Triage.model_construct(
            level=level, headline=_headline(level, pattern), reasons=_reasons(findings)
        ),
        pattern=pattern,
        causes=causes,
        plan=build_plan(f, level, pattern, found, findings),
        safety_net=safety_net(level, pattern, missing),
        pattern_reasons=pattern_reasons,
        not_asked=missing,
        disclaimer=knowledge().triage.disclaimer,
    )
