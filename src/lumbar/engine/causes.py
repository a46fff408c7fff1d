"""The eight causes of the guide, each detected by one small named function.

A detector has one signature — ``(facts, pattern, history) -> CauseFinding | None`` —
and returns the cause with its support and the evidence quoted from the person's
data, or ``None`` when nothing supports it or the input contradicts it. Unknown is
neither: a cause whose evidence was not given is not listed on a guess.

Support: each piece of evidence carries a weight (weak, moderate, strong); the
cause's support is the strongest piece, raised one step when two or more
independent pieces agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from lumbar.engine.facts import KIDNEY_SIGNS, SPINAL_CONDITIONS, Facts
from lumbar.engine.history import links_of
from lumbar.engine.pattern import INFLAMMATORY_DAYS
from lumbar.vocab import HARD_SURFACES, SUPPORT_RANK, SUPPORTS, CauseId, Pattern, Support

if TYPE_CHECKING:
    from lumbar.training import TrainingInsights

Evidence = tuple[Support, str]
# The person's training history as the analytics read it (None without history).
Training: TypeAlias = "TrainingInsights | None"

# Nielsen 2014 compared progression bands of <10 %, 10-30 % and >30 %; lumbar uses the
# same bands to weigh a rise in load, without claiming a risk threshold.
RISE_SMALL_PCT = 10
RISE_LARGE_PCT = 30
VERY_HARD_RPE = 7  # CR-10 anchor "very hard" (Foster 2001)
SHOE_REPLACE_KM = (480, 800)  # ACSM rule of thumb via secondary sources
FULL_DESK_DAY_H = 8  # a full working day seated; lumbar's convention, not a clinical cutoff
AGE_LISTED_FROM = 50  # contract: age_related is listed from 50, weak <60, moderate <70
IMPACT_TYPES = ("running", "hiit", "team_sport")
LOW_IMPACT_TYPES = ("cycling", "rowing", "yoga_pilates", "walking")


class CauseFinding(NamedTuple):
    """A supported cause, before its sources and title are attached."""

    id: CauseId
    support: Support
    evidence: tuple[str, ...]


Detector = Callable[[Facts, Pattern, Training], CauseFinding | None]


_STRONGEST = len(SUPPORTS) - 1


def _combine(cause: CauseId, items: list[Evidence]) -> CauseFinding | None:
    if not items:
        return None
    rank = max([SUPPORT_RANK[weight] for weight, _ in items])
    if len(items) >= 2:
        rank = min(rank + 1, _STRONGEST)
    return CauseFinding(cause, SUPPORTS[rank], tuple([text for _, text in items]))


def _pct(value: float) -> str:
    return f"{value:g}"


def _journal(training: Training, *kinds: str) -> list[Evidence]:
    """The journal's links of these kinds as evidence: a clear link is strong, a possible
    one moderate. Nothing without a journal (most check-ins)."""
    if training is None:
        return []
    links = links_of(training, *kinds)
    return [("strong" if link.strength == "clear" else "moderate", link.text) for link in links]


def muscle_strain_overuse(f: Facts, pattern: Pattern, training: Training) -> CauseFinding | None:
    """A rise in load, a very hard session, unaccustomed work or a sudden strain."""
    w = f.workout
    items: list[Evidence] = []
    if w.load_change_pct is not None and w.load_change_pct > RISE_SMALL_PCT:
        weight: Support = "moderate" if w.load_change_pct > RISE_LARGE_PCT else "weak"
        items.append((weight, f"load {_pct(w.load_change_pct)} % above usual"))
    if w.rpe is not None and w.rpe >= VERY_HARD_RPE:
        items.append(("weak", f"session RPE {w.rpe:g}/10 (very hard or harder)"))
    if w.new_exercise:
        items.append(("weak", "a new exercise (unaccustomed work causes soreness and strain)"))
    if pattern == "strain":
        items.append(("moderate", "pain began suddenly during the effort"))
    change = training.change if training is not None else None
    if change is not None and change.change_pct > RISE_SMALL_PCT:
        weight = "moderate" if change.change_pct > RISE_LARGE_PCT else "weak"
        items.append(
            (weight, f"this week's load was {change.change_pct:.0f} % above your 4-week average")
        )
    items += _journal(training, "load_rise")
    return _combine("muscle_strain_overuse", items)


def poor_posture_technique(f: Facts, pattern: Pattern, training: Training) -> CauseFinding | None:
    """Form that broke down under load, or long hours seated."""
    items: list[Evidence] = []
    if f.workout.form_breakdown:
        lifts = ", ".join(name for name, _ in f.exercises)
        where = f" during {lifts}" if lifts else ""
        items.append(("moderate", f"form broke down{where}"))
    hours = f.profile.desk_hours_per_day
    if hours is not None and hours >= FULL_DESK_DAY_H:
        items.append(("weak", f"{hours:g} h a day at a desk"))
    # An exercise or movement that keeps being followed by pain points at how it is done.
    items += _journal(training, "exercise", "pattern")
    return _combine("poor_posture_technique", items)


def spinal_structural(f: Facts, pattern: Pattern, training: Training) -> CauseFinding | None:
    """A known spinal condition, or a nerve-root pattern that suggests one."""
    known = [c for c in SPINAL_CONDITIONS if c in f.conditions]
    items: list[Evidence] = [("moderate", f"known {c.replace('_', ' ')}") for c in known[:1]]
    items += [("weak", f"known {c.replace('_', ' ')}") for c in known[1:]]
    if pattern == "radicular":
        items.append(("weak", "pain follows a nerve-root pattern (into the leg)"))
    return _combine("spinal_structural", items)


def weak_core(f: Facts, pattern: Pattern, training: Training) -> CauseFinding | None:
    """No core training (and, with it, recurring episodes)."""
    core = f.profile.core_sessions_per_week
    if core is None or core > 0:  # unknown, or core work is done: not listed
        return None
    items: list[Evidence] = [("moderate", "no core training (0 sessions a week)")]
    episodes = f.pain.episodes_last_3_months
    if episodes:
        items.append(
            ("weak", f"{episodes} earlier episode{'s' if episodes > 1 else ''} in 3 months")
        )
    return _combine("weak_core", items)


def inadequate_warmup_cooldown(
    f: Facts, pattern: Pattern, training: Training
) -> CauseFinding | None:
    """A skipped warm-up or cool-down; never listed when both were done or are unknown."""
    items: list[Evidence] = []
    if f.workout.warm_up is False:
        items.append(("moderate", "no warm-up"))
    if f.workout.cool_down is False:
        items.append(("weak", "no cool-down"))
    if training is not None:
        for words, counts in (("warm-up", training.warm_up), ("cool-down", training.cool_down)):
            if counts.skipped and counts.skipped >= counts.done:
                items.append(
                    (
                        "weak",
                        f"{words} skipped in {counts.skipped} of {counts.logged} logged "
                        "sessions over the last 4 weeks",
                    )
                )
    items += _journal(training, "warm_up_skipped", "cool_down_skipped")
    return _combine("inadequate_warmup_cooldown", items)


def high_impact(f: Facts, pattern: Pattern, training: Training) -> CauseFinding | None:
    """Running or jumping, on hard surfaces, in worn shoes."""
    w = f.workout
    jumps = [name for name, entry in f.exercises if getattr(entry, "impact", None) == "high"]
    impact = w.type in IMPACT_TYPES or bool(jumps) or (w.type is None and w.shoe_km is not None)
    journal = _journal(training, "high_impact", "hard_surface", "worn_shoes")
    if not impact and not journal:  # low-impact session, or nothing known about impact
        return None
    items: list[Evidence] = list(journal)
    if w.type in IMPACT_TYPES:
        items.append(("weak", f"high-impact session ({str(w.type).replace('_', ' ')})"))
    if jumps:
        items.append(("weak", f"high-impact exercises: {', '.join(jumps)}"))
    if w.surface in HARD_SURFACES:
        items.append(("moderate", f"on {w.surface}"))
    if w.shoe_km is not None and w.shoe_km >= SHOE_REPLACE_KM[0]:
        low, high = SHOE_REPLACE_KM
        items.append(
            ("moderate", f"shoes at {w.shoe_km:g} km (usually replaced at {low}-{high} km)")
        )
    return _combine("high_impact", items)


def age_related(f: Facts, pattern: Pattern, training: Training) -> CauseFinding | None:
    """Listed from age 50: weak under 60, moderate under 70, strong from 70."""
    age = f.age
    if age is None or age < AGE_LISTED_FROM:
        return None
    support: Support = "weak" if age < 60 else "moderate" if age < 70 else "strong"
    return CauseFinding("age_related", support, (f"age {age}",))


_CONDITION_WORDS = {
    "kidney_stones": "known kidney stones",
    "arthritis": "known arthritis",
    "axial_spondyloarthritis": "known axial spondyloarthritis",
    "cancer_history": "a history of cancer",
    "osteoporosis": "known osteoporosis",
    "pregnancy": "pregnancy",
    "immunosuppressed": "a weakened immune system",
    "iv_drug_use": "injected drug use",
}


# The signs that point beyond the back, in the order the evidence lists them, with how
# strongly each one alone supports an underlying condition.
_KIDNEY_SIGNS: tuple[tuple[str, Support], ...] = (
    ("fever", "moderate"),
    *((sign, "moderate") for sign in KIDNEY_SIGNS),
)
_OTHER_SIGNS: tuple[tuple[str, Support], ...] = (
    ("pulsating_abdomen", "strong"),
    ("unexplained_weight_loss", "moderate"),
    ("dark_urine", "moderate"),
    ("chest_pain", "moderate"),
    ("unwell", "weak"),
    ("nausea_vomiting", "weak"),
)


def _signs(f: Facts, signs: tuple[tuple[str, Support], ...]) -> list[Evidence]:
    if not f.symptoms:  # most check-ins report none
        return []
    return [(weight, sign.replace("_", " ")) for sign, weight in signs if sign in f.symptoms]


def underlying_condition(f: Facts, pattern: Pattern, training: Training) -> CauseFinding | None:
    """Signs of kidney disease, infection, inflammation or another condition."""
    items = _signs(f, _KIDNEY_SIGNS)
    if f.colicky_into_groin():
        items.append(("moderate", "colicky pain into the groin"))
    items += _signs(f, _OTHER_SIGNS)
    if "morning_stiffness" in f.symptoms:
        long_standing = f.days is not None and f.days > INFLAMMATORY_DAYS
        items.append(
            ("moderate" if long_standing else "weak", "morning stiffness that eases with movement")
        )
    if f.conditions:
        items += [("moderate", words) for c, words in _CONDITION_WORDS.items() if c in f.conditions]
    if f.pain.worse_at_night is True:
        items.append(("weak", "constant night pain"))
    return _combine("underlying_condition", items)


# Registered explicitly; the engine lists the findings strongest first.
DETECTORS: tuple[Detector, ...] = (
    muscle_strain_overuse,
    poor_posture_technique,
    spinal_structural,
    weak_core,
    inadequate_warmup_cooldown,
    high_impact,
    age_related,
    underlying_condition,
)


def detect_causes(f: Facts, pattern: Pattern, training: Training) -> list[CauseFinding]:
    """Every supported cause, strongest first (ties keep the guide's order)."""
    found = [c for detect in DETECTORS if (c := detect(f, pattern, training)) is not None]
    found.sort(key=_strongest_first)
    return found


def _strongest_first(cause: CauseFinding) -> int:
    return -SUPPORT_RANK[cause.support]
