"""A demo person with realistic months of training and back pain, for a first look at lumbar.

``lumbar serve --demo`` (and ``make run``) calls :func:`seed_if_empty`: on an empty
journal it adds "Alex (demo)", who lifts twice a week, runs twice and does yoga now and
then; whose loads climb with a lighter week every fifth; whose deadlift weeks
sometimes jump by 15 % — and whose back hurts for a few days after some of those.
The history is generated from a fixed seed, so the same day gives the same journal.
Everything is written through the store's public functions, with the source
``demo`` so that nobody mistakes it for their own data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from lumbar.ingest.records import ImportedSession, ImportedSet, SourceRef

__all__ = ["DEMO_NAME", "DEMO_PROFILE", "DemoSummary", "demo_history", "seed_demo", "seed_if_empty"]

DEMO_NAME = "Alex (demo)"
DEMO_PROFILE: dict[str, Any] = {
    "age": 38,
    "sex": "female",
    "height_cm": 168,
    "weight_kg": 64,
    "conditions": [],
    "desk_hours_per_day": 7,
    "core_sessions_per_week": 1,
}
DEMO_SHOE = "Pegasus 40"
SHOE_KM_BEFORE = 330.0
"""Kilometres on the demo shoes before the journal: they pass 480 km within months."""

_SOURCE_FORMAT = "demo"


@dataclass(frozen=True)
class DemoSummary:
    """What the demo seeding wrote."""

    person: str
    sessions: int
    sets: int
    checkins: int


@dataclass(frozen=True)
class _Day:
    """One generated day: its sessions and its pain check-in, if any."""

    sessions: tuple[ImportedSession, ...]
    checkin: dict[str, Any] | None


def _sets(
    name: str, count: int, reps: int, weight_kg: float | None, where: str
) -> list[ImportedSet]:
    return [
        ImportedSet(exercise=name, reps=reps, weight_kg=weight_kg, locator=where)
        for _ in range(count)
    ]


def _strength(
    day: dt.date, kind: str, week: int, spike: bool, rng: random.Random
) -> ImportedSession:
    """A lifting session; loads rise 2.5 kg a week, every fifth week is lighter."""
    deload = week % 5 == 4
    step = 0.85 if deload else 1.0
    where = f"demo {day.isoformat()}"
    if kind == "A":
        squat = round((70 + 2.5 * (week % 20)) * step / 2.5) * 2.5
        bench = round((45 + 1.25 * (week % 20)) * step / 2.5) * 2.5
        sets = [
            *_sets("Squat (Barbell)", 5, 5, squat, where),
            *_sets("Bench Press (Barbell)", 5, 5, bench, where),
            *_sets("Bent Over Row (Barbell)", 3, 8, round(bench * 0.9 / 2.5) * 2.5, where),
            *[ImportedSet(exercise="Plank", duration_s=45, locator=where) for _ in range(3)],
        ]
        name = "Strength A"
    else:
        deadlift = round((90 + 2.5 * (week % 20)) * step * (1.15 if spike else 1.0) / 2.5) * 2.5
        sets = [
            *_sets("Deadlift (Barbell)", 3 if not spike else 5, 5, deadlift, where),
            *_sets("Overhead Press (Barbell)", 3, 8, 30.0, where),
            *_sets("Pull Up", 3, 6, None, where),
            *_sets("Romanian Deadlift (Barbell)", 3, 8, round(deadlift * 0.6 / 2.5) * 2.5, where),
        ]
        name = "Strength B"
    start = dt.datetime.combine(day, dt.time(18, 0)) + dt.timedelta(minutes=rng.randint(0, 40))
    return ImportedSession(
        start=start,
        type="strength",
        source=SourceRef(_SOURCE_FORMAT, "demo data", where),
        name=name,
        duration_min=float(rng.randint(50, 70)),
        rpe=float(min(10, rng.randint(7, 8) + (1 if spike else 0))),
        warm_up=rng.random() > 0.15,
        cool_down=rng.random() > 0.5,
        surface="gym_floor",
        sets=tuple(sets),
    )


def _run(day: dt.date, long: bool, rng: random.Random) -> ImportedSession:
    km = round(rng.uniform(10, 14) if long else rng.uniform(5, 7.5), 1)
    minutes = round(km * rng.uniform(5.4, 6.2), 1)
    start = dt.datetime.combine(day, dt.time(7, 30)) + dt.timedelta(minutes=rng.randint(0, 30))
    return ImportedSession(
        start=start,
        type="running",
        source=SourceRef(_SOURCE_FORMAT, "demo data", f"demo {day.isoformat()}"),
        name="Long run" if long else "Easy run",
        duration_min=minutes,
        distance_km=km,
        rpe=float(rng.randint(5, 7) if long else rng.randint(3, 5)),
        warm_up=True,
        cool_down=rng.random() > 0.3,
        surface=rng.choice(("asphalt", "asphalt", "trail")),
        shoe=DEMO_SHOE,
    )


def _yoga(day: dt.date) -> ImportedSession:
    return ImportedSession(
        start=dt.datetime.combine(day, dt.time(10, 0)),
        type="yoga_pilates",
        source=SourceRef(_SOURCE_FORMAT, "demo data", f"demo {day.isoformat()}"),
        name="Yoga",
        duration_min=45.0,
        rpe=3.0,
    )


def _checkin(day: dt.date, nrs: int, onset_day: dt.date | None, worse: bool) -> dict[str, Any]:
    pain: dict[str, Any] = {"nrs": nrs}
    if nrs > 0 and onset_day is not None:
        pain |= {
            "days_since_onset": (day - onset_day).days,
            "onset": "next_day",
            "quality": ["aching", "stiff"],
            "side": "both",
            "spread": "diffuse",
            "radiates_to": "none",
            "trend": "worse" if worse else "improving",
            "worse_at_night": False,
        }
    return {"date": day.isoformat(), "pain": pain, "symptoms": []}


def demo_history(today: dt.date, days: int, seed: int = 7) -> list[_Day]:
    """The generated days, oldest first, ending on ``today`` (pure: no journal needed)."""
    rng = random.Random(seed)
    first = today - dt.timedelta(days=days - 1)
    out: list[_Day] = []
    flare: list[int] = []  # the pain to come on the next days, after a hard deadlift day
    onset: dt.date | None = None
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        week = offset // 7
        spike = week % 3 == 2
        sessions: list[ImportedSession] = []
        weekday = day.weekday()
        skip = rng.random() < 0.08
        if weekday == 0 and not skip:
            sessions.append(_strength(day, "A", week, False, rng))
        elif weekday == 3 and not skip:
            sessions.append(_strength(day, "B", week, spike, rng))
            if spike and rng.random() < 0.85:
                flare = [rng.randint(4, 6), rng.randint(3, 5), rng.randint(2, 3), 1]
                onset = day + dt.timedelta(days=1)
        elif weekday == 2 and not skip:
            sessions.append(_run(day, long=False, rng=rng))
        elif weekday == 5 and not skip:
            sessions.append(_run(day, long=True, rng=rng))
        elif weekday == 6 and rng.random() < 0.4:
            sessions.append(_yoga(day))
        checkin = None
        if flare and (onset is None or day >= onset):
            nrs = flare.pop(0)
            checkin = _checkin(day, nrs, onset, worse=False)
        elif weekday in (1, 4, 6) or offset == days - 1:
            checkin = _checkin(day, rng.choice((0, 0, 1, 1, 2)), day, worse=False)
        out.append(_Day(tuple(sessions), checkin))
    return out


def seed_demo(
    journal: Any,
    today: dt.date,
    days: int = 120,
    seed: int = 7,
    now: dt.datetime | None = None,
) -> DemoSummary:
    """Add the demo person and ``days`` of generated history ending on ``today``.

    The check-ins are stored with their assessments; the last one is assessed against
    the whole generated history, as a real check-in would be. Check-ins are recorded
    at 21:00, or at ``now`` when that is earlier, so that none is in the future.

    Raises:
        ConflictError: the journal already has a person called :data:`DEMO_NAME`.
    """
    from lumbar import assess
    from lumbar.journal.exercises import Matcher
    from lumbar.journal.manual import save_checkin
    from lumbar.store.entries import NewSession, add_checkin, write_sessions
    from lumbar.store.people import add_person, set_current_person, shoe_named

    history = demo_history(today, days, seed)
    sessions = sets = checkins = 0
    with journal.writing() as db:
        person = add_person(db, DEMO_NAME, DEMO_PROFILE)
        shoe = shoe_named(db, person.id, DEMO_SHOE)
        assert shoe is not None  # created when missing
        shoe.km_before = SHOE_KM_BEFORE
        matcher = Matcher.from_journal(db)
        pending = [
            NewSession(s, tuple(matcher.match(x.exercise) for x in s.sets), s.source)
            for item in history
            for s in item.sessions
        ]
        write_sessions(db, person.id, pending)
        sessions = len(pending)
        sets = sum(len(p.record.sets) for p in pending)
        dated = [item.checkin for item in history if item.checkin is not None]

        def recorded(day: dt.date) -> dt.datetime:
            evening = dt.datetime.combine(day, dt.time(21, 0))
            return min(evening, now.replace(microsecond=0)) if now is not None else evening

        for body in dated[:-1]:
            day = dt.date.fromisoformat(body["date"])
            at = recorded(day)
            answer = assess(body | {"profile": DEMO_PROFILE}, day).model_dump(mode="json")
            add_checkin(db, person.id, at, body | {"profile": DEMO_PROFILE}, answer)
        last = dated[-1]
        save_checkin(db, person, last, recorded(dt.date.fromisoformat(last["date"])))
        checkins = len(dated)
        set_current_person(db, person.name)
    return DemoSummary(DEMO_NAME, sessions, sets, checkins)


def seed_if_empty(journal: Any, now: dt.datetime, days: int = 120) -> DemoSummary | None:
    """Seed the demo, ending at ``now`` (local, naive), when the journal has nobody yet.

    Returns ``None`` when the journal already has people.
    """
    from lumbar.store.people import list_people

    with journal.reading() as db:
        if list_people(db):
            return None
    return seed_demo(journal, now.date(), days, now=now)
