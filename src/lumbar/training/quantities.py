"""What one session contributes: session-RPE load, volume, running distance, impact, exercises.

Session-RPE load is Foster's (foster2001): CR-10 RPE × minutes, in arbitrary units
(AU). When the RPE or the duration was not logged, lumbar estimates it from the
session's type with the one table below, :data:`TYPE_DEFAULTS`, and marks the load as
estimated; nothing is silently taken as zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from lumbar.training.records import TrainingSession

__all__ = [
    "HIGH_IMPACT_TYPES",
    "TYPE_DEFAULTS",
    "SessionQuantities",
    "TypeDefaults",
    "session_quantities",
]

# Session types whose whole duration counts as high-impact time: their movement is
# running and jumping (the catalogue gives "run" and "jump" entries impact "high").
HIGH_IMPACT_TYPES = frozenset({"running", "hiit", "team_sport"})


@dataclass(frozen=True, slots=True)
class TypeDefaults:
    """lumbar's estimates for a session type when the journal lacks a value.

    These are lumbar's own conventions, not measured or published values; each is
    applied only where the person logged nothing, and the load is then marked estimated.

    Attributes:
        rpe: a typical session RPE (CR-10; Foster's anchors: 2 easy, 3 moderate,
            4 somewhat hard, 5 hard, 7 very hard).
        duration_min: a typical session length in minutes.
        min_per_km: a typical pace in minutes per kilometre, used to estimate the
            duration from the distance; None where distance says little about time.
    """

    rpe: float
    duration_min: float
    min_per_km: float | None


# lumbar's estimates (see TypeDefaults); "other" and unknown types use the "other" row.
TYPE_DEFAULTS: dict[str, TypeDefaults] = {
    "strength": TypeDefaults(rpe=5, duration_min=60, min_per_km=None),
    "running": TypeDefaults(rpe=4, duration_min=40, min_per_km=6.0),
    "hiit": TypeDefaults(rpe=7, duration_min=30, min_per_km=None),
    "team_sport": TypeDefaults(rpe=6, duration_min=75, min_per_km=None),
    "cycling": TypeDefaults(rpe=4, duration_min=60, min_per_km=2.5),
    "rowing": TypeDefaults(rpe=5, duration_min=30, min_per_km=5.0),
    "yoga_pilates": TypeDefaults(rpe=2, duration_min=60, min_per_km=None),
    "walking": TypeDefaults(rpe=2, duration_min=45, min_per_km=12.0),
    "other": TypeDefaults(rpe=4, duration_min=45, min_per_km=None),
}


class SessionQuantities(NamedTuple):
    """The quantities one session adds to its day (a NamedTuple: built once per session,
    and a tuple is several times cheaper to build than a frozen dataclass).

    Attributes:
        load_au: session-RPE load, RPE × minutes (foster2001), arbitrary units.
        estimated: True when the RPE or the duration behind ``load_au`` is lumbar's
            estimate from :data:`TYPE_DEFAULTS` rather than the person's log.
        minutes: the duration used for the load (logged or estimated), minutes.
        volume_kg: Σ reps × weight_kg over the non-warm-up sets whose reps and weight
            are both logged, kilograms.
        running_km: kilometres run: the session's distance for a ``running`` session
            (or its run sets' distances when it has none), else the distance of its
            sets whose pattern is ``run``.
        high_impact_min: minutes of high-impact activity: the whole session for
            :data:`HIGH_IMPACT_TYPES`, else the high-impact sets' time (``duration_s``
            where logged, otherwise an even share of the session's minutes per set), at
            most the session's minutes.
        high_impact: whether any of the session is high-impact.
        exercise_ids: catalogue ids of the exercises done.
        unmatched: names, as written, of exercises the catalogue does not know.
        patterns: movement patterns of the exercises done.
    """

    load_au: float
    estimated: bool
    minutes: float
    volume_kg: float
    running_km: float
    high_impact_min: float
    high_impact: bool
    exercise_ids: frozenset[str]
    unmatched: frozenset[str]
    patterns: frozenset[str]


# The table as plain tuples, read once per session: (rpe, duration_min, min_per_km).
_DEFAULTS = {k: (v.rpe, v.duration_min, v.min_per_km) for k, v in TYPE_DEFAULTS.items()}
_NONE: frozenset[str] = frozenset()
# A NamedTuple built straight from a tuple skips its Python-level __new__ (half the cost).
_new = tuple.__new__


def session_quantities(session: TrainingSession) -> SessionQuantities:
    """Load, volume, running distance, high-impact time and exercises of one session.

    The RPE, when missing, is the type's default; the duration, when missing, is the
    distance × the type's pace, or else the type's default duration (both lumbar's
    estimates, :data:`TYPE_DEFAULTS`), and ``estimated`` is then True.
    """
    # Written for speed (it runs once per session of every journal read): plain tuples,
    # one loop over the sets, positional construction.
    kind = session.type
    default_rpe, default_min, pace = _DEFAULTS.get(kind) or _DEFAULTS["other"]
    minutes = session.duration_min
    distance = session.distance_km
    estimated = minutes is None
    if minutes is None:
        minutes = distance * pace if distance is not None and pace is not None else default_min
    rpe = session.rpe
    if rpe is None:
        rpe, estimated = default_rpe, True
    high_type = kind in HIGH_IMPACT_TYPES
    running_km = distance if kind == "running" else None

    sets = session.sets
    if not sets:
        return _new(SessionQuantities, (
            rpe * minutes, estimated, minutes, 0.0, running_km or 0.0,
            minutes if high_type else 0.0, high_type, _NONE, _NONE, _NONE,
        ))  # fmt: skip
    # One pass over the sets. Consecutive sets are most often one shared record (three
    # sets of five at the same weight): what a record adds is worked out when it
    # changes, and only added again for the repeats. Sums run in set order, as a sum()
    # over the sets would, so the totals are the same to the last bit.
    share_min = minutes / len(sets)  # a high-impact set's time when it has no duration
    ids: set[str | None] = set()
    patterns: set[str | None] = set()
    # Start from int 0, as sum() does: a volume of whole numbers stays a whole number.
    volume_kg: float = 0
    high_sets_min: float = 0
    high_sets = False
    last = kg = high_min = None
    for s in sets:
        if s is not last:
            last = s
            ids.add(s.exercise_id)
            patterns.add(s.pattern)
            kg = (
                s.reps * s.weight_kg
                if s.weight_kg is not None and s.reps is not None and s.set_type != "warmup"
                else None
            )
            high_min = None
            if s.impact == "high":
                high_sets = True
                high_min = s.duration_s / 60 if s.duration_s is not None else share_min
        if kg is not None:
            volume_kg += kg
        if high_min is not None:
            high_sets_min += high_min
    unmatched = _NONE
    if None in ids:
        ids.discard(None)
        unmatched = frozenset([s.exercise.strip() for s in sets if s.exercise_id is None])
    patterns.discard(None)
    if running_km is None:
        running_km = (
            sum([s.distance_km for s in sets if s.pattern == "run" and s.distance_km is not None])
            if "run" in patterns
            else 0.0
        )
    impact_min = minutes if high_type else 0.0
    if high_sets and not high_type:
        impact_min = min(minutes, high_sets_min)
    return _new(SessionQuantities, (
        rpe * minutes, estimated, minutes, volume_kg, running_km, impact_min,
        high_type or high_sets, frozenset(ids), unmatched, frozenset(patterns),
    ))  # fmt: skip
