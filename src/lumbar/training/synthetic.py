"""A seeded, realistic training journal for tests, benchmarks and demos.

Three to five sessions a week (by default): lifting that rotates three main barbell
lifts, each day with three accessories drawn at random, warm-up and working sets and
a slow progression with a lighter week every fourth, runs with distance, surface and
shoes, now and then a ride, a yoga class or a walk. Pain check-ins come from a
background rate that has nothing to do with training, and, when ``signal`` names an
exercise, from most sessions containing that exercise (the planted link). The same
seed always gives the same journal. Nothing here is real data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from lumbar.training.records import PainEntry, TrainingSession, TrainingSet

__all__ = ["ACCESSORIES", "MAIN_LIFTS", "PROGRAM", "SyntheticJournal", "synthetic_journal"]

# Lifting days rotate through the main lifts; each day adds three accessories drawn
# from the pool, so that no accessory always shares a session with one main lift.
# Each entry: (name as an app writes it, starting kg or 0 for body weight, reps,
# barbell lift with a warm-up set?)
MAIN_LIFTS: tuple[tuple[str, float, int, bool], ...] = (
    ("Squat (Barbell)", 80, 5, True),
    ("Deadlift (Barbell)", 100, 5, True),
    ("Bench Press (Barbell)", 60, 5, True),
)
ACCESSORIES: tuple[tuple[str, float, int, bool], ...] = (
    ("Overhead Press (Barbell)", 40, 5, True),
    ("Bent Over Row (Barbell)", 50, 8, True),
    ("Pull Up", 0, 8, False),
    ("Lunge (Dumbbell)", 16, 10, False),
    ("Plank", 0, 1, False),
    ("Leg Press", 120, 10, False),
    ("Lat Pulldown (Cable)", 50, 10, False),
    ("Bicep Curl (Dumbbell)", 12, 12, False),
    ("Box Jump", 0, 5, False),
)
PROGRAM = MAIN_LIFTS + ACCESSORIES
_SURFACES = ("asphalt", "asphalt", "trail", "track", "treadmill", "concrete")
_OTHER = ("cycling", "yoga_pilates", "walking")
_SHOE_LIFE_KM = 650  # a new pair of shoes after about this many kilometres


@dataclass(frozen=True, slots=True)
class SyntheticJournal:
    """A generated journal.

    Attributes:
        sessions: the sessions, in order.
        pains: the pain check-ins, in order.
        signal: the exercise whose sessions were planted to be followed by pain, or None.
    """

    sessions: tuple[TrainingSession, ...]
    pains: tuple[PainEntry, ...]
    signal: str | None


def _catalogue_sets() -> dict[str, tuple[str | None, str | None, str | None]]:
    from lumbar.knowledge.catalogue import lookup_exercise

    found: dict[str, tuple[str | None, str | None, str | None]] = {}
    for name, *_ in PROGRAM:
        e = lookup_exercise(name)
        found[name] = (None, None, None) if e is None else (e.id, e.pattern, e.impact)
    return found


def _maybe(rng: random.Random, p_true: float, p_false: float) -> bool | None:
    x = rng.random()
    return True if x < p_true else False if x < p_true + p_false else None


def synthetic_journal(
    weeks: int,
    seed: int,
    signal: str | None = None,
    start: dt.date = dt.date(2024, 1, 1),
    sessions_per_week: tuple[int, int] = (3, 5),
    background_pain: float = 0.04,
    signal_pain: float = 0.85,
) -> SyntheticJournal:
    """Generate ``weeks`` weeks of training and pain for one made-up person.

    Args:
        weeks: length of the journal in weeks.
        seed: the random seed; the same seed gives the same journal.
        signal: a catalogue id from :data:`PROGRAM` (e.g. ``"deadlift"``) whose sessions
            are followed, with probability ``signal_pain``, by pain of NRS 4–7 the next
            morning; None for a journal where pain has nothing to do with training.
        start: the first day (a Monday by default).
        sessions_per_week: the least and most sessions in a week (7, 7 = every day).
        background_pain: the daily chance of a pain check-in of NRS 4–6 unrelated to
            training (plus low-NRS check-ins that never count as pain).
        signal_pain: the chance that a session with ``signal`` is followed by pain.

    Raises:
        ValueError: ``signal`` is not an exercise of the program.
    """
    ids = _catalogue_sets()
    if signal is not None and signal not in {v[0] for v in ids.values()}:
        raise ValueError(f"signal must be a catalogue id in PROGRAM, got {signal!r}")
    rng = random.Random(seed)
    set_cache: dict[tuple, TrainingSet] = {}  # identical sets share one record

    def make_set(name: str, set_type: str, reps: int, kg: float | None) -> TrainingSet:
        key = (name, set_type, reps, kg)
        found = set_cache.get(key)
        if found is None:
            eid, pattern, impact = ids[name]
            found = set_cache[key] = TrainingSet(
                name, eid, pattern, impact, set_type, reps, kg, None, 60.0 if reps == 1 else None
            )
        return found

    sessions: list[TrainingSession] = []
    pains: list[PainEntry] = []
    rotation = 0
    shoe_no, shoe_km = 1, 0.0
    low, high = sessions_per_week
    for week in range(weeks):
        progress = 1 + 0.01 * week - (0.05 if week % 4 == 3 else 0)  # deload every 4th week
        for weekday in sorted(rng.sample(range(7), rng.randint(low, high))):
            day = start + dt.timedelta(days=7 * week + weekday)
            hour = 10 if weekday >= 5 else 18
            begin = dt.datetime.combine(day, dt.time(hour, rng.randrange(0, 60, 5)))
            kind = rng.random()
            sets: list[TrainingSet] = []
            surface = shoe = distance = None
            if kind < 0.6:
                session_type, minutes, rpe = "strength", rng.uniform(45, 75), rng.randint(5, 8)
                lifts = [MAIN_LIFTS[rotation % len(MAIN_LIFTS)], *rng.sample(ACCESSORIES, 3)]
                for name, kg, reps, barbell in lifts:
                    load = round(kg * progress / 2.5) * 2.5 if kg else None
                    if barbell and load:
                        sets += [make_set(name, "warmup", 5, round(load * 0.5 / 2.5) * 2.5)]
                    sets += [make_set(name, "normal", reps, load)] * rng.randint(3, 4)
                rotation += 1
            elif kind < 0.9:
                session_type = "running"
                distance = round(rng.uniform(4, 12) * progress, 2)
                minutes, rpe = distance * rng.uniform(5.3, 6.5), rng.randint(3, 7)
                surface = rng.choice(_SURFACES)
                if shoe_km > _SHOE_LIFE_KM:
                    shoe_no, shoe_km = shoe_no + 1, 0.0
                shoe, shoe_km = f"Road shoe {shoe_no}", shoe_km + distance
            else:
                session_type, minutes, rpe = rng.choice(_OTHER), rng.uniform(30, 70), 3
            sessions.append(
                TrainingSession(
                    day=day,
                    type=session_type,
                    start=begin,
                    duration_min=round(minutes, 1),
                    rpe=None if rng.random() < 0.15 else rpe,
                    distance_km=distance,
                    sets=tuple(sets),
                    warm_up=_maybe(rng, 0.6, 0.25),
                    cool_down=_maybe(rng, 0.4, 0.4),
                    surface=surface,
                    shoe=shoe,
                    session_id=f"synthetic:{seed}:{len(sessions)}",
                )
            )
            planted = signal is not None and any(s.exercise_id == signal for s in sets)
            if planted and rng.random() < signal_pain:
                at = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(8, 0))
                pains.append(PainEntry(at.date(), rng.randint(4, 7), at))
    for offset in range(7 * weeks):
        day = start + dt.timedelta(days=offset)
        x = rng.random()
        if x < background_pain:
            pains.append(PainEntry(day, rng.randint(4, 6), dt.datetime.combine(day, dt.time(8))))
        elif x < background_pain + 0.1:
            pains.append(PainEntry(day, rng.randint(0, 3), dt.datetime.combine(day, dt.time(8))))
    pains.sort(key=lambda p: (p.day, p.nrs))
    return SyntheticJournal(tuple(sessions), tuple(pains), signal)
