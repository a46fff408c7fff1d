"""What one session contributes: session-RPE load, volume, running distance, impact, exercises.

Session-RPE load is Foster's (foster2001): CR-10 RPE × minutes, in arbitrary units
(AU). When the RPE or the duration was not logged, lumbar estimates it from the
session's type with the one table below, :data:`TYPE_DEFAULTS`, and marks the load as
estimated; nothing is silently taken as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

from lumbar.training.records import TrainingSession, TrainingSet

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
HIGH_IMPACT_TYPES: Final = frozenset({"running", "hiit", "team_sport"})


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
_DEFAULTS: Final = {k: (v.rpe, v.duration_min, v.min_per_km) for k, v in TYPE_DEFAULTS.items()}


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
    # their groups as they come, each group's last position telling whether this session
    # is in it already (sessions come in order), rather than kept per session and
    # gathered again later.
    n = len(sessions)
    load, estimated_col, minutes_col = [0.0] * n, [False] * n, [0.0] * n
    volume_col, running_col, impact_col, high_col = [0.0] * n, [0.0] * n, [0.0] * n, [False] * n
    exercises: dict[str, list[int]] = {}
    unmatched: dict[str, list[int]] = {}
    patterns: dict[str, list[int]] = {}
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
        # Floats whatever the log holds (an RPE of 6 and 50 minutes may come as whole
        # numbers): every load and time is a float, as it is in the compiled build.
        minutes = float(minutes)
        load[i], minutes_col[i] = float(rpe) * minutes, minutes
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
        # sum() over the sets would, so the totals are the same to the last bit (a sum
        # started at 0.0 is left as it was by the 0.0 a set without a value stands for).
        share_min = minutes / len(sets)  # a high-impact set's time when it has no duration
        volume_kg = high_sets_min = run_km = kg = high_min = km = 0.0
        high_sets = False
        last: TrainingSet | None = None
        for s in sets:
            if s is not last:
                last = s
                key = s.exercise_id
                if key is None:  # the catalogue does not know it: the name as written
                    key, groups = s.exercise.strip(), unmatched
                else:
                    groups = exercises
                positions = groups.get(key)
                if positions is None:
                    groups[key] = [i]
                elif positions[-1] != i:
                    positions.append(i)
                pattern = s.pattern
                km = 0.0
                if pattern is not None:
                    positions = patterns.get(pattern)
                    if positions is None:
                        patterns[pattern] = [i]
                    elif positions[-1] != i:
                        positions.append(i)
                    if pattern == "run" and s.distance_km is not None:
                        km = s.distance_km
                reps, weight = s.reps, s.weight_kg
                kg = (
                    reps * weight
                    if weight is not None and reps is not None and s.set_type != "warmup"
                    else 0.0
                )
                high_min = 0.0
                if s.impact == "high":
                    high_sets = True
                    seconds = s.duration_s
                    high_min = seconds / 60 if seconds is not None else share_min
            # Only what adds something is added: adding 0.0 would change no sum, and in
            # pure Python each addition makes a new float.
            if kg:
                volume_kg += kg
            if high_min:
                high_sets_min += high_min
            if km:
                run_km += km
        volume_col[i] = volume_kg
        running_col[i] = run_km if running_km is None else running_km
        impact_col[i] = minutes if high_type else 0.0
        if high_sets and not high_type:
            impact_col[i] = min(minutes, high_sets_min)
        high_col[i] = high_type or high_sets
    return SessionColumns(
        [s.day.toordinal() for s in sessions], load, estimated_col, minutes_col, volume_col,
        running_col, impact_col, high_col, exercises, unmatched, patterns,
    )  # fmt: skip
