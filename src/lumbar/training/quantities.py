"""What one session contributes: session-RPE load, volume, running distance, impact, exercises.

Session-RPE load is Foster's (foster2001): CR-10 RPE × minutes, in arbitrary units
(AU). When the RPE or the duration was not logged, lumbar estimates it from the
session's type with the one table below, :data:`TYPE_DEFAULTS`, and marks the load as
estimated; nothing is silently taken as zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from lumbar.training.records import TrainingSession

__all__ = [
    "HIGH_IMPACT_TYPES",
    "TYPE_DEFAULTS",
    "SessionColumns",
    "SessionQuantities",
    "TypeDefaults",
    "measure_sessions",
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
    """The quantities one session adds to its day (a NamedTuple, as it is a plain record).

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


@dataclass(frozen=True, slots=True)
class SessionColumns:
    """:class:`SessionQuantities` of many sessions, one list per quantity (columns), with
    the exercises and patterns turned round: for each, the sessions that hold it.

    Built once per journal by :func:`measure_sessions` and read by the daily series, the
    factors and the links, so that no step measures a session again. ``load_au[i]``,
    ``estimated[i]`` ... describe ``sessions[i]`` as :class:`SessionQuantities` does.

    Attributes:
        days: each session's day as an ordinal (``date.toordinal()``).
        exercises: for each catalogue id, the positions of the sessions that hold it,
            ascending.
        unmatched: the same for the names, as written, that the catalogue does not know.
        patterns: the same for movement patterns.
    """

    days: list[int]
    load_au: list[float]
    estimated: list[bool]
    minutes: list[float]
    volume_kg: list[float]
    running_km: list[float]
    high_impact_min: list[float]
    high_impact: list[bool]
    exercises: dict[str, list[int]]
    unmatched: dict[str, list[int]]
    patterns: dict[str, list[int]]


# The table as plain tuples, read once per session: (rpe, duration_min, min_per_km).
_DEFAULTS = {k: (v.rpe, v.duration_min, v.min_per_km) for k, v in TYPE_DEFAULTS.items()}


def session_quantities(session: TrainingSession) -> SessionQuantities:
    """Load, volume, running distance, high-impact time and exercises of one session.

    The RPE, when missing, is the type's default; the duration, when missing, is the
    distance × the type's pace, or else the type's default duration (both lumbar's
    estimates, :data:`TYPE_DEFAULTS`), and ``estimated`` is then True.
    """
    c = measure_sessions((session,))
    return SessionQuantities(
        c.load_au[0], c.estimated[0], c.minutes[0], c.volume_kg[0], c.running_km[0],
        c.high_impact_min[0], c.high_impact[0], frozenset(c.exercises),
        frozenset(c.unmatched), frozenset(c.patterns),
    )  # fmt: skip


def measure_sessions(sessions: Sequence[TrainingSession]) -> SessionColumns:
    """:func:`session_quantities` of every session, as columns (:class:`SessionColumns`).

    The rules are those of :func:`session_quantities`, which is this function on one
    session.
    """
    # Written for speed (it runs once per session of every journal read): one loop,
    # plain lists filled in place, and each session's exercises and patterns added to
    # their groups at once rather than kept per session and gathered again later.
    n = len(sessions)
    load, estimated_col, minutes_col = [0.0] * n, [False] * n, [0.0] * n
    volume_col, running_col, impact_col, high_col = [0.0] * n, [0.0] * n, [0.0] * n, [False] * n
    exercises: defaultdict[str, list[int]] = defaultdict(list)
    unmatched: defaultdict[str, list[int]] = defaultdict(list)
    patterns: defaultdict[str, list[int]] = defaultdict(list)
    other = _DEFAULTS["other"]
    for i, session in enumerate(sessions):
        kind = session.type
        minutes = session.duration_min
        distance = session.distance_km
        rpe = session.rpe
        # The type's defaults are looked up only for a session that lacks a value.
        if minutes is None or rpe is None:
            default_rpe, default_min, pace = _DEFAULTS.get(kind) or other
            if minutes is None:
                minutes = (
                    distance * pace if distance is not None and pace is not None else default_min
                )
            if rpe is None:
                rpe = default_rpe
            estimated_col[i] = True
        load[i], minutes_col[i] = rpe * minutes, minutes
        high_type = kind in HIGH_IMPACT_TYPES
        running_km = distance if kind == "running" else None
        sets = session.sets
        if not sets:  # volume 0.0, running distance or 0.0: the columns' starting values
            if running_km:
                running_col[i] = running_km
            if high_type:
                impact_col[i], high_col[i] = minutes, True
            continue
        # One pass over the sets. Consecutive sets are most often one shared record
        # (three sets of five at the same weight): what a record adds is worked out when
        # it changes, and only added again for the repeats. Sums run in set order, as a
        # sum() over the sets would, so the totals are the same to the last bit.
        share_min = minutes / len(sets)  # a high-impact set's time when it has no duration
        ids: set[str | None] = set()
        kinds: set[str | None] = set()
        # Start from int 0, as sum() does: a volume of whole numbers stays a whole number.
        volume_kg: float = 0
        high_sets_min: float = 0
        high_sets = False
        last = kg = high_min = None
        for s in sets:
            if s is not last:
                last = s
                ids.add(s.exercise_id)
                kinds.add(s.pattern)
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
        volume_col[i] = volume_kg
        if None in ids:
            ids.discard(None)
            for name in {s.exercise.strip() for s in sets if s.exercise_id is None}:
                unmatched[name].append(i)
        for key in ids:
            exercises[key].append(i)  # type: ignore[index]
        kinds.discard(None)
        for key in kinds:
            patterns[key].append(i)  # type: ignore[index]
        if running_km is None:
            running_km = (
                sum(
                    [
                        s.distance_km
                        for s in sets
                        if s.pattern == "run" and s.distance_km is not None
                    ]
                )
                if "run" in kinds
                else 0.0
            )
        running_col[i] = running_km
        impact_col[i] = minutes if high_type else 0.0
        if high_sets and not high_type:
            impact_col[i] = min(minutes, high_sets_min)
        high_col[i] = high_type or high_sets
    return SessionColumns(
        [s.day.toordinal() for s in sessions], load, estimated_col, minutes_col, volume_col,
        running_col, impact_col, high_col, dict(exercises), dict(unmatched), dict(patterns),
    )  # fmt: skip
