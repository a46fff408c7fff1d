"""The plan: what to do now, how to prevent a recurrence, support and lifestyle.

Which items a plan holds depends on the level, the pattern and the causes; the words
and sources of each item are in ``knowledge/advice.yaml``. For an emergency or an
urgent level the plan holds only what to do now: the rest waits until a doctor has
seen the person, so that nothing distracts from the one thing that matters.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

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


_SECTION = {key: item.section for key, item in knowledge().advice.items()}
_FIXED: dict[str, Piece[PlanItem]] = {}  # the items without placeholders, built on first use


class _Builder:
    """Collects plan items once each, filling their placeholders."""

    __slots__ = ("_seen", "sections")

    def __init__(self) -> None:
        self.sections: dict[str, list[Piece[PlanItem]]] = {
            "now": [],
            "prevent": [],
            "support": [],
            "lifestyle": [],
        }
        self._seen: set[str] = set()

    def add(self, item_id: str, **values: str) -> None:
        # Called about twenty times a check-in: the fixed items skip the keyed cache.
        seen = self._seen
        if item_id in seen:
            return
        seen.add(item_id)
        if values:
            item = plan_item(item_id, tuple(values.items()))
        else:
            item = _FIXED.get(item_id) or _FIXED.setdefault(item_id, plan_item(item_id))
        self.sections[_SECTION[item_id]].append(item)

    def plan(self) -> PlanPieces:
        s = self.sections
        return PlanPieces(
            tuple(s["now"]), tuple(s["prevent"]), tuple(s["support"]), tuple(s["lifestyle"])
        )


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


def _now(b: _Builder, f: Facts, level: Level, pattern: Pattern, findings: list[Finding]) -> None:
    if level == "emergency":
        b.add("call_emergency")
        b.add("tell_them_signs", signs=_emergency_signs(findings))
        b.add("no_training_until_seen")
        return
    if level == "urgent":
        b.add("doctor_today")
        if any(x.rule == "kidney_signs" for x in findings):
            b.add("kidney_check")
        b.add("no_training_until_seen")
        return
    if level == "see_clinician":
        b.add("book_clinician")
    if pattern == "strain":
        b.add("relative_rest_strain", movement=_involved_movement(f))
    elif pattern == "radicular":
        b.add("radicular_care")
    else:
        b.add("stay_active")
    b.add("heat")
    if pattern != "radicular":
        b.add("gentle_mobility")
    if level == "see_clinician" or pattern in ("strain", "radicular", "unclear"):
        b.add("painkillers")
    if pattern == "soreness":
        b.add("resume_soreness")
    elif pattern == "strain":
        b.add("resume_strain", movement=_involved_movement(f))
    rise = f.workout.load_change_pct
    if rise is not None and rise > RISE_SMALL_PCT and pattern in ("soreness", "strain"):
        b.add("resume_after_rise", pct=f"{rise:g}")
    b.add("track_pain")


def _prevent(b: _Builder, f: Facts, causes: list[CauseFinding]) -> None:
    ids = {c.id for c in causes}
    if "muscle_strain_overuse" in ids:
        b.add("progression")
    if "weak_core" in ids:
        b.add("core_big3")
    if "inadequate_warmup_cooldown" in ids:
        if f.workout.warm_up is False:
            b.add("warm_up")
        if f.workout.cool_down is False:
            b.add("cool_down")
    for item_id, patterns in _FORM_ITEMS:
        names = f.exercise_names_for(*patterns)
        if names:
            b.add(item_id, names=", ".join(names))
    if "poor_posture_technique" in ids and f.workout.form_breakdown:
        b.add("form_general")
    if f.workout.type == "running" or "high_impact" in ids:
        b.add("form_running")
    if "high_impact" in ids:
        b.add("impact_mix")
    if "spinal_structural" in ids:
        known = [c.replace("_", " ") for c in SPINAL_CONDITIONS if c in f.conditions]
        b.add("structural_physio", conditions=" and ".join(known) or "a nerve-root pattern")
    if "age_related" in ids and f.age is not None:
        b.add("age_recovery", age=str(f.age))
    # The general programme, after what the person's own data pointed to.
    b.add("core_big3")
    b.add("flexibility")
    if f.workout.warm_up is not True:
        b.add("warm_up")
    if f.workout.cool_down is not True:
        b.add("cool_down")
    b.add("progression")
    if f.pain.episodes_last_3_months:
        b.add("recurrence")
    b.add("track_load")


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


def _from_history(b: _Builder, training: TrainingInsights | None) -> None:
    """What the person's own journal adds: the exercise to change, next week's ceiling."""
    if training is None:
        return
    exercises = [link.label for link in links_of(training, "exercise")]
    if exercises:
        b.add("change_exercise", names=" and ".join(exercises[:2]))
    ceilings = _ceilings(training)
    if ceilings and training.summary.chronic_load_au:
        change = training.change
        rise = change.change_pct if change is not None else 0.0
        reason = f"This week was {rise:.0f} % above it. " if rise > RISE_SMALL_PCT else ""
        b.add("progression_guard", ceilings=ceilings, reason=reason)


def _support(b: _Builder, f: Facts, causes: list[CauseFinding]) -> None:
    w = f.workout
    if w.type == "strength" or f.exercise_names_for(*_STRENGTH_PATTERNS):
        b.add("belt")
    if w.shoe_km is not None:
        b.add("shoes", shoe_km=f"{w.shoe_km:g}")
    elif w.type == "running":
        b.add("shoes_general")
    if not f.history.sessions:
        b.add("wearable")
    if (w.rpe is not None and w.rpe >= 7) or any(c.id == "muscle_strain_overuse" for c in causes):
        b.add("rest_balance")
    b.add("stretching_routine")


def _lifestyle(b: _Builder, f: Facts) -> None:
    hours = f.profile.desk_hours_per_day
    if hours:
        b.add("desk_breaks", hours=f"{hours:g}")
    b.add("posture")
    b.add("weight")
    b.add("diet_hydration")
    b.add("stress_sleep")


def build_plan(
    f: Facts,
    level: Level,
    pattern: Pattern,
    causes: list[CauseFinding],
    findings: list[Finding],
    training: TrainingInsights | None = None,
) -> PlanPieces:
    """The plan for this level, pattern and these causes (and the person's history)."""
    b = _Builder()
    _now(b, f, level, pattern, findings)
    if level in ("self_care", "see_clinician"):
        for cause in causes:
            if cause.id == "underlying_condition":
                b.add("underlying_follow_up", conditions=", ".join(cause.evidence))
        _from_history(b, training)
        _prevent(b, f, causes)
        _support(b, f, causes)
        _lifestyle(b, f)
    return b.plan()
