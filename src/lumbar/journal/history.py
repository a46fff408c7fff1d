"""The journal read back: for the assessment (the contract's ``history``) and for people.

:func:`assessment_history` turns a person's recent sessions and check-ins into the
check-in's ``history`` block, so that a check-in stored in the journal is assessed
against the training that preceded it. :func:`history_document` is what
``lumbar history --format json`` prints: the export document's shape, filtered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from lumbar.journal.document import checkin_doc, session_doc
from lumbar.journal.schema import JOURNAL_CONTRACT
from lumbar.model import PainFields
from lumbar.store.entries import checkins_between, sessions_between
from lumbar.store.people import shoe_distance_km
from lumbar.store.tables import Person, TrainingSession

__all__ = ["HISTORY_DAYS", "assessment_history", "history_document", "workout_of"]

HISTORY_DAYS = 365
"""How far back the history given to the assessment reaches, in days."""

_PAIN_FIELDS = ("nrs", *PainFields.model_fields)
"""The pain fields a history check-in carries (the contract's ``HistoryCheckIn``)."""


def _exercises(row: TrainingSession) -> list[str]:
    """Exercise names of the session, each once, in the order first done."""
    return list(dict.fromkeys(s.exercise for s in row.sets))


def _known(values: dict[str, Any]) -> dict[str, Any]:
    """Drop unknown (``None``) values: the contract reads a missing field as unknown."""
    return {key: value for key, value in values.items() if value is not None}


def workout_of(db: Session, row: TrainingSession) -> dict[str, Any]:
    """The check-in's ``workout`` block for the session that the pain followed."""
    shoe_km = shoe_distance_km(db, row.shoe, until=row.start_local) if row.shoe else None
    return _known(
        {
            "type": row.type,
            "exercises": _exercises(row) or None,
            "warm_up": row.warm_up,
            "cool_down": row.cool_down,
            "rpe": row.rpe,
            "duration_min": row.duration_min,
            "surface": row.surface,
            "shoe_km": shoe_km,
        }
    )


def assessment_history(
    db: Session, person_id: int, day: dt.date, exclude_checkin: int | None = None
) -> dict[str, Any]:
    """The contract ``history`` for a check-in on ``day``: the year of entries up to that day.

    Args:
        exclude_checkin: a check-in to leave out (the one being re-assessed).
    """
    first = day - dt.timedelta(days=HISTORY_DAYS)
    sessions = [
        _known(
            {
                "date": row.start_local.date().isoformat(),
                "type": row.type,
                "duration_min": row.duration_min,
                "rpe": row.rpe,
                "distance_km": row.distance_km,
                "exercises": _exercises(row) or None,
                "warm_up": row.warm_up,
                "cool_down": row.cool_down,
                "surface": row.surface,
            }
        )
        for row in sessions_between(db, [person_id], first, day)
    ]
    checkins = []
    for row in checkins_between(db, [person_id], first, day):
        if row.id == exclude_checkin:
            continue
        pain = row.checkin.get("pain", {})
        entry = {"date": row.date.isoformat()} | {k: pain[k] for k in _PAIN_FIELDS if k in pain}
        checkins.append(_known(entry))
    return {"sessions": sessions, "checkins": checkins}


def history_document(
    db: Session,
    people: Sequence[Person],
    first_day: dt.date | None = None,
    last_day: dt.date | None = None,
) -> dict[str, Any]:
    """The people's sessions and check-ins between the days (inclusive), shaped as in the export."""
    ids = [p.id for p in people]
    return {
        "contract": JOURNAL_CONTRACT,
        "people": [{"id": str(p.id), "name": p.name, "profile": p.profile} for p in people],
        "sessions": [session_doc(s) for s in sessions_between(db, ids, first_day, last_day)],
        "checkins": [checkin_doc(c) for c in checkins_between(db, ids, first_day, last_day)],
    }
