"""A person's journal as the training analytics read it: immutable sessions and pain entries.

The analytics (:mod:`lumbar.training`) are pure functions over their own records; this
module reads the store's tables and builds those records, the impact of each set
coming from the exercise catalogue. It reads plain rows on the session's connection
rather than ORM objects: five years of sets is thousands of rows, and the ORM's
per-row work would cost most of a page's time budget.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lumbar.store.tables import CheckInRow, SetRow, Shoe
from lumbar.store.tables import TrainingSession as SessionRow
from lumbar.store.timestamps import join_local
from lumbar.training.records import PainEntry, TrainingSession, TrainingSet

__all__ = ["PersonTraining", "person_training"]


@dataclass(frozen=True, slots=True)
class PersonTraining:
    """What the analytics need of one person, up to a day.

    Attributes:
        sessions: training sessions, oldest first, with their sets.
        pains: pain check-ins (day and NRS), oldest first.
        km_before: kilometres each shoe had before the journal, by shoe name.
    """

    sessions: tuple[TrainingSession, ...]
    pains: tuple[PainEntry, ...]
    km_before: dict[str, float]


@lru_cache(maxsize=1024)
def _impact(exercise_id: str | None) -> str | None:
    if exercise_id is None:
        return None
    from lumbar.knowledge.catalogue import exercise_by_id

    entry = exercise_by_id(exercise_id)
    return entry.impact if entry is not None else None


def _sets_by_session(
    db: Session, person_id: int, last: dt.datetime
) -> dict[int, list[TrainingSet]]:
    query = (
        select(
            SetRow.session_id,
            SetRow.exercise,
            SetRow.exercise_id,
            SetRow.pattern,
            SetRow.set_type,
            SetRow.reps,
            SetRow.weight_kg,
            SetRow.distance_km,
            SetRow.duration_s,
        )
        .join(SessionRow, SessionRow.id == SetRow.session_id)
        .where(SessionRow.person_id == person_id, SessionRow.start_local < last)
        .order_by(SetRow.session_id, SetRow.position)
    )
    sets: dict[int, list[TrainingSet]] = defaultdict(list)
    # Sets repeat (five sets of five at one weight): records are immutable, so one
    # record serves every identical set, and the loop builds each distinct one once.
    made: dict[tuple[Any, ...], TrainingSet] = {}
    for row in db.connection().execute(query).all():
        sid = row[0]
        values: tuple[Any, ...] = tuple(row[1:])
        one = made.get(values)
        if one is None:
            name, exercise_id, pattern, set_type, reps, weight, km, seconds = values
            one = made[values] = TrainingSet(
                exercise=name,
                exercise_id=exercise_id,
                pattern=pattern,
                impact=_impact(exercise_id),
                set_type=set_type,
                reps=reps,
                weight_kg=weight,
                distance_km=km,
                duration_s=seconds,
            )
        sets[sid].append(one)
    return sets


def person_training(db: Session, person_id: int, until: dt.date) -> PersonTraining:
    """The person's sessions and pain entries up to ``until`` (inclusive), as analytics records."""
    last = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
    sets = _sets_by_session(db, person_id, last)
    query = (
        select(
            SessionRow.id,
            SessionRow.start_local,
            SessionRow.start_offset_min,
            SessionRow.type,
            SessionRow.duration_min,
            SessionRow.rpe,
            SessionRow.distance_km,
            SessionRow.warm_up,
            SessionRow.cool_down,
            SessionRow.surface,
            Shoe.name,
            Shoe.km_before,
        )
        .outerjoin(Shoe, Shoe.id == SessionRow.shoe_id)
        .where(SessionRow.person_id == person_id, SessionRow.start_local < last)
        .order_by(SessionRow.start_local, SessionRow.id)
    )
    sessions = []
    km_before: dict[str, float] = {}
    for row in db.connection().execute(query).all():
        sid, start, offset, kind, minutes, rpe, km, warm, cool, surface, shoe, before = row
        if shoe is not None:
            km_before[shoe] = float(before or 0.0)
        sessions.append(
            TrainingSession(
                day=start.date(),
                type=kind,
                start=join_local(start, offset),
                duration_min=minutes,
                rpe=rpe,
                distance_km=km,
                sets=tuple(sets.get(sid, ())),
                warm_up=warm,
                cool_down=cool,
                surface=surface,
                shoe=shoe,
                session_id=str(sid),
            )
        )
    pain_query = (
        select(CheckInRow.date, CheckInRow.nrs, CheckInRow.at_local, CheckInRow.at_offset_min)
        .where(CheckInRow.person_id == person_id, CheckInRow.date <= until)
        .order_by(CheckInRow.date, CheckInRow.at_local, CheckInRow.id)
    )
    pains = tuple(
        PainEntry(day=day, nrs=nrs, at=join_local(at, offset))
        for day, nrs, at, offset in db.connection().execute(pain_query)
    )
    return PersonTraining(tuple(sessions), pains, km_before)
