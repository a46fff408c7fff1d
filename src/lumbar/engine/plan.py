"""The plan: what to do now, how to prevent a recurrence, support and lifestyle.

Which items a plan holds depends on the level, the pattern and the causes; the words
and sources of each item are in ``knowledge/advice.yaml``. For an emergency or an
urgent level the plan holds only what to do now: the rest waits until a doctor has
seen the person, so that nothing distracts from the one thing that matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, TypeAlias

from lumbar.engine.causes import RISE_SMALL_PCT, CauseFinding
from lumbar.engine.facts import SPINAL_CONDITIONS, Facts
from lumbar.engine.history import HISTORY_WEEKS, links_of
from lumbar.engine.outcome import Piece, PlanPieces, piece
from lumbar.engine.triage import Finding
from lumbar.knowledge.base import knowledge
from lumbar.model import PlanItem
from lumbar.vocab import Level, Pattern

if TYPE_CHECKING:
    from lumbar.training import TrainingInsights

_FORM_ITEMS = (
    ("form_hinge", ("hinge",)),
    ("form_squat", ("squat", "lunge")),
    ("form_overhead", ("overhead_press",)),
    ("form_row", ("horizontal_pull",)),
)
_STRENGTH_PATTERNS = ("hinge", "squat", "lunge", "overhead_press")


@lru_cache(maxsize=4096)
def plan_item(item_id: str, values: tuple[tuple[str, str], ...] = ()) -> Piece[PlanItem]:
    """The plan item ``item_id`` with its placeholders filled from ``values``.

    Items are immutable, so one instance serves every plan that holds the same words:
    a batch of check-ins builds each distinct item once.
    """
    advice = knowledge().advice[item_id]
    text = advice.text.format(**dict(values)) if advice.needs else advice.text
    return piece(PlanItem, id=item_id, text=text, sources=list(advice.sources))


# An item of a plan before it is built: its id, or its id with its placeholders' values.
Item: TypeAlias = str | tuple[str, tuple[tuple[str, str], ...]]


def _filled(item_id: str, **values: str) -> Item:
    return (item_id, tuple(values.items()))


class _FixedItems(dict[str, Piece[PlanItem]]):
    """The items without placeholders, each built on first use and kept."""

    def __missing__(self, item_id: str) -> Piece[PlanItem]:
        built = self[item_id] = plan_item(item_id)
        return built


_FIXED = _FixedItems()


def _section(items: Iterable[Item]) -> tuple[Piece[PlanItem], ...]:
    """The section's pieces, in order, each item once (a repeated mention is dropped).

    Sections are written as lists of items, not built piece by piece, because appending
    to a list is the cheapest step Python has and a batch builds a plan per check-in.
    An id with placeholders is mentioned once per plan (``tests/engine`` checks that no
    id appears twice), so dropping exact repeats keeps each id once.
    """
    fixed = _FIXED
    return tuple([fixed[i] if isinstance(i, str) else plan_item(*i) for i in dict.fromkeys(items)])


def _emergency_signs(findings: list[Finding]) -> str:
    words = [
        e.removeprefix("reported: ")
        for finding in findings
        if finding.level == "emergency"
        for e in finding.evidence
    ]
    return ", ".join(dict.fromkeys(words)) or "the warning signs above"


def _involved_movement(f: Facts) -> str:
    names = [name for name, _ in f.exercises]
    return " and ".join(names[:2]) if names else "the movement that hurt"


def _now(f: Facts, level: Level, pattern: Pattern, findings: list[Finding]) -> list[Item]:
    if level == "emergency":
        signs = _emergency_signs(findings)
        return ["call_emergency", _filled("tell_them_signs", signs=signs), "no_training_until_seen"]
    if level == "urgent":
        kidney = any(x.rule == "kidney_signs" for x in findings)
        return ["doctor_today", *(["kidney_check"] if kidney else []), "no_training_until_seen"]
    items: list[Item] = []
    add = items.append
    if level == "see_clinician":
        add("book_clinician")
    if pattern == "strain":
        add(_filled("relative_rest_strain", movement=_involved_movement(f)))
    elif pattern == "radicular":
        add("radicular_care")
    else:
        add("stay_active")
    add("heat")
    if pattern != "radicular":
        add("gentle_mobility")
    if level == "see_clinician" or pattern in ("strain", "radicular", "unclear"):
        add("painkillers")
    if pattern == "soreness":
        add("resume_soreness")
    elif pattern == "strain":
        add(_filled("resume_strain", movement=_involved_movement(f)))
    rise = f.workout.load_change_pct
    if rise is not None and rise > RISE_SMALL_PCT and pattern in ("soreness", "strain"):
        add(_filled("resume_after_rise", pct=f"{rise:g}"))
    add("track_pain")
    return items


def _prevent(f: Facts, causes: list[CauseFinding], items: list[Item]) -> list[Item]:
    """``items`` (what the journal added) followed by the prevention items."""
    add = items.append
    ids = {c.id for c in causes}
    w = f.workout
    if "muscle_strain_overuse" in ids:
        add("progression")
    if "weak_core" in ids:
        add("core_big3")
    if "inadequate_warmup_cooldown" in ids:
        if w.warm_up is False:
            add("warm_up")
        if w.cool_down is False:
            add("cool_down")
    if f.exercises:
        for item_id, patterns in _FORM_ITEMS:
            names = f.exercise_names_for(*patterns)
            if names:
                add(_filled(item_id, names=", ".join(names)))
    if "poor_posture_technique" in ids and w.form_breakdown:
        add("form_general")
    if w.type == "running" or "high_impact" in ids:
        add("form_running")
    if "high_impact" in ids:
        add("impact_mix")
    if "spinal_structural" in ids:
        known = [c.replace("_", " ") for c in SPINAL_CONDITIONS if c in f.conditions]
        add(_filled("structural_physio", conditions=" and ".join(known) or "a nerve-root pattern"))
    if "age_related" in ids and f.age is not None:
        add(_filled("age_recovery", age=str(f.age)))
    # The general programme, after what the person's own data pointed to.
    add("core_big3")
    add("flexibility")
    if w.warm_up is not True:
        add("warm_up")
    if w.cool_down is not True:
        add("cool_down")
    add("progression")
    if f.pain.episodes_last_3_months:
        add("recurrence")
    add("track_load")
    return items


def _ceilings(training: TrainingInsights) -> str:
    """Next week's ceiling per modality: the person's own average week (4 weeks)."""
    weeks = training.weeks[-HISTORY_WEEKS:]
    if not weeks:
        return ""

    def mean(values: list[float]) -> float:
        return sum(values) / len(weeks)

    parts = [f"about {mean([w.load_au for w in weeks]):,.0f} AU of session load (RPE × minutes)"]
    for amount, words in (
        (mean([w.running_km for w in weeks]), "km of running"),
        (mean([w.volume_kg for w in weeks]), "kg of lifting volume (sets × reps × kg)"),
        (mean([w.high_impact_min for w in weeks]), "minutes of high-impact work"),
    ):
        if amount > 0:
            parts.append(f"about {amount:,.0f} {words}")
    return ", ".join(parts)


def _from_history(training: TrainingInsights | None) -> list[Item]:
    """What the person's own journal adds: the exercise to change, next week's ceiling."""
    if training is None:
        return []
    items: list[Item] = []
    exercises = [link.label for link in links_of(training, "exercise")]
    if exercises:
        items.append(_filled("change_exercise", names=" and ".join(exercises[:2])))
    ceilings = _ceilings(training)
    if ceilings and training.summary.chronic_load_au:
        change = training.change
        rise = change.change_pct if change is not None else 0.0
        reason = f"This week was {rise:.0f} % above it. " if rise > RISE_SMALL_PCT else ""
        items.append(_filled("progression_guard", ceilings=ceilings, reason=reason))
    return items


def _support(f: Facts, causes: list[CauseFinding]) -> list[Item]:
    w = f.workout
    items: list[Item] = []
    if w.type == "strength" or f.exercise_names_for(*_STRENGTH_PATTERNS):
        items.append("belt")
    if w.shoe_km is not None:
        items.append(_filled("shoes", shoe_km=f"{w.shoe_km:g}"))
    elif w.type == "running":
        items.append("shoes_general")
    if not f.history.sessions:
        items.append("wearable")
    if (w.rpe is not None and w.rpe >= 7) or any(c.id == "muscle_strain_overuse" for c in causes):
        items.append("rest_balance")
    items.append("stretching_routine")
    return items


_LIFESTYLE: tuple[Item, ...] = ("posture", "weight", "diet_hydration", "stress_sleep")


def _lifestyle(f: Facts) -> Sequence[Item]:
    hours = f.profile.desk_hours_per_day
    if hours:
        return [_filled("desk_breaks", hours=f"{hours:g}"), *_LIFESTYLE]
    return _LIFESTYLE


def build_plan(
    f: Facts,
    level: Level,
    pattern: Pattern,
    causes: list[CauseFinding],
    findings: list[Finding],
    training: TrainingInsights | None = None,
) -> PlanPieces:
    """The plan for this level, pattern and these causes (and the person's history)."""
    now = _section(_now(f, level, pattern, findings))
    if level not in ("self_care", "see_clinician"):
        return PlanPieces(now, (), (), ())
    first: list[Item] = [
        _filled("underlying_follow_up", conditions=", ".join(cause.evidence))
        for cause in causes
        if cause.id == "underlying_condition"
    ]
    return PlanPieces(
        now,
        _section(_prevent(f, causes, first + _from_history(training))),
        _section(_support(f, causes)),
        _section(_lifestyle(f)),
    )
