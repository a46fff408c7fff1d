"""Sessions with their sets, and check-ins.

Functions take an open SQLAlchemy ``Session`` and never commit. A session's
``dedupe_key`` (type and start instant) is unique per person: adding one that the
journal already holds raises :class:`ConflictError`, and importers check
:func:`session_keys` first to count it as a duplicate instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from lumbar.ingest.records import ImportedSession, ImportedSet, SourceRef
from lumbar.store.errors import ConflictError, NotFoundError
from lumbar.store.people import shoe_named
from lumbar.store.tables import CheckInRow, SetRow, TrainingSession
from lumbar.store.text import check_text
from lumbar.store.timestamps import dedupe_key, split_local

__all__ = [
    "EDITABLE_SESSION_FIELDS",
    "ExerciseMatch",
    "NewSession",
    "add_checkin",
    "add_session",
    "checkin_key",
    "checkin_keys",
    "checkins_between",
    "get_checkin",
    "get_session",
    "replace_sets",
    "session_key",
    "session_keys",
    "sessions_between",
    "update_session",
    "write_sessions",
]

# A session's own fields: what `update_session` accepts (`start`/`end` are datetimes,
# `shoe` a shoe name), and the session columns of the CSV export, in this order.
EDITABLE_SESSION_FIELDS = (
    "start",
    "end",
    "type",
    "name",
    "duration_min",
    "distance_km",
    "rpe",
    "avg_hr_bpm",
    "max_hr_bpm",
    "energy_kcal",
    "warm_up",
    "cool_down",
    "surface",
    "shoe",
    "notes",
)
_PLAIN_FIELDS = frozenset(EDITABLE_SESSION_FIELDS) - {"start", "end", "shoe"}
_Row = TypeVar("_Row", TrainingSession, CheckInRow)


@dataclass(frozen=True, slots=True)
class ExerciseMatch:
    """What a set's exercise name matched: a catalogue entry, a pattern only, or nothing."""

    exercise_id: str | None = None
    pattern: str | None = None


def session_key(type_: str, start: dt.datetime) -> str:
    """The natural key of a session: its type and start instant (see :func:`dedupe_key`)."""
    return dedupe_key(type_, *split_local(start))


def checkin_key(at: dt.datetime) -> str:
    """The natural key of a check-in: the instant it was recorded."""
    return dedupe_key("checkin", *split_local(at))


def session_keys(db: Session, person_id: int) -> set[str]:
    """Natural keys of every session of the person (to skip duplicates in one query)."""
    query = select(TrainingSession.dedupe_key).where(TrainingSession.person_id == person_id)
    return set(db.scalars(query))


def checkin_keys(db: Session, person_id: int) -> set[str]:
    """Natural keys of every check-in of the person."""
    rows = db.execute(
        select(CheckInRow.at_local, CheckInRow.at_offset_min).where(
            CheckInRow.person_id == person_id
        )
    )
    return {dedupe_key("checkin", local, offset) for local, offset in rows}


def _session_conflict(db: Session, person_id: int, key: str, own_id: int | None) -> None:
    query = select(TrainingSession.id).where(
        TrainingSession.person_id == person_id, TrainingSession.dedupe_key == key
    )
    other = db.scalar(query)
    if other is not None and other != own_id:
        kind, _, when = key.partition("@")
        raise ConflictError(
            f"the journal already has a {kind} session starting {when} (id {other})"
        )


def _source_columns(source: SourceRef | None) -> dict[str, str | None]:
    """The ``source_*`` columns of a row from ``source`` (all None for a row typed by hand)."""
    return {
        "source_format": source.format if source else None,
        "source_file": source.file if source else None,
        "source_locator": source.locator if source else None,
    }


def _session_values(
    person_id: int,
    record: ImportedSession,
    shoe_id: int | None,
    source: SourceRef | None,
    import_id: int | None,
) -> dict[str, Any]:
    start_local, start_offset = split_local(record.start)
    end_local, end_offset = split_local(record.end) if record.end else (None, None)
    return {
        "person_id": person_id,
        "start_local": start_local,
        "start_offset_min": start_offset,
        "end_local": end_local,
        "end_offset_min": end_offset,
        "dedupe_key": dedupe_key(record.type, start_local, start_offset),
        "type": record.type,
        "name": record.name,
        "duration_min": record.duration_min,
        "distance_km": record.distance_km,
        "rpe": record.rpe,
        "avg_hr_bpm": record.avg_hr_bpm,
        "max_hr_bpm": record.max_hr_bpm,
        "energy_kcal": record.energy_kcal,
        "sport": record.sport,
        "warm_up": record.warm_up,
        "cool_down": record.cool_down,
        "surface": record.surface,
        "shoe_id": shoe_id,
        "notes": record.notes,
        **_source_columns(source),
        "import_id": import_id,
    }


def _set_values(
    session_id: int, position: int, item: ImportedSet, match: ExerciseMatch
) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "position": position,
        "exercise": item.exercise,
        "exercise_id": match.exercise_id,
        "pattern": match.pattern,
        "set_type": item.set_type,
        "reps": item.reps,
        "weight_kg": item.weight_kg,
        "rpe": item.rpe,
        "rir": item.rir,
        "distance_km": item.distance_km,
        "duration_s": item.duration_s,
        "locator": item.locator or None,
    }


@dataclass(frozen=True, slots=True)
class NewSession:
    """A session to write: the record, what each set matched, and where it came from.

    Attributes:
        record: the session and its sets.
        matches: one per set of ``record``, in order.
        source: where it came from; ``None`` for a session logged by hand.
    """

    record: ImportedSession
    matches: tuple[ExerciseMatch, ...]
    source: SourceRef | None


def write_sessions(
    db: Session, person_id: int, items: Sequence[NewSession], import_id: int | None = None
) -> list[int]:
    """Insert sessions and their sets in a few statements; returns the new ids, in order.

    The caller has checked that the sessions are new (:func:`session_keys`); a
    duplicate breaks the unique key and raises ``IntegrityError``. Bulk inserts
    keep a large import fast (an ORM flush per session costs about 7 ms).
    """
    if not items:
        return []
    shoes: dict[str, int] = {}
    rows = []
    for item in items:
        if len(item.matches) != len(item.record.sets):
            raise ValueError("one ExerciseMatch per set is required")
        shoe_id = None
        if item.record.shoe:
            if item.record.shoe not in shoes:
                shoe = shoe_named(db, person_id, item.record.shoe)
                assert shoe is not None  # created when missing
                shoes[item.record.shoe] = shoe.id
            shoe_id = shoes[item.record.shoe]
        rows.append(_session_values(person_id, item.record, shoe_id, item.source, import_id))
    statement = insert(TrainingSession).returning(TrainingSession.id, sort_by_parameter_order=True)
    ids = list(db.scalars(statement, rows))
    sets = [
        _set_values(session_id, position, one, match)
        for session_id, item in zip(ids, items, strict=True)
        for position, (one, match) in enumerate(zip(item.record.sets, item.matches, strict=True))
    ]
    if sets:
        db.execute(insert(SetRow), sets)
    return ids


def add_session(
    db: Session,
    person_id: int,
    record: ImportedSession,
    matches: Sequence[ExerciseMatch],
    *,
    source: SourceRef | None,
    import_id: int | None = None,
) -> TrainingSession:
    """Store one session and its sets for the person, after checking it is new.

    Args:
        matches: one per set of ``record``, in order: what its exercise name matched.
        source: where it came from; ``None`` for a session logged by hand.
        import_id: the import writing it, if any.

    Raises:
        ConflictError: the person already has a session of that type at that instant.
    """
    _session_conflict(db, person_id, session_key(record.type, record.start), None)
    (new_id,) = write_sessions(
        db, person_id, [NewSession(record, tuple(matches), source)], import_id
    )
    return get_session(db, new_id)


def _get(db: Session, table: type[_Row], row_id: int, what: str) -> _Row:
    row = db.get(table, row_id)
    if row is None:
        raise NotFoundError(f"no {what} with id {row_id}")
    return row


def get_session(db: Session, session_id: int) -> TrainingSession:
    """The session with that id.

    Raises:
        NotFoundError: when there is none.
    """
    return _get(db, TrainingSession, session_id, "session")


def update_session(db: Session, row: TrainingSession, changes: Mapping[str, Any]) -> None:
    """Apply ``changes`` (keys from :data:`EDITABLE_SESSION_FIELDS`) and re-check its key.

    Raises:
        ValueError: for a field that cannot be edited (a bug in the caller).
        ConflictError: when the new type and start collide with another session, or a
            text holds a NUL character.
    """
    unknown = set(changes) - set(EDITABLE_SESSION_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name, value in changes.items():
        if name in _PLAIN_FIELDS:
            if isinstance(value, str):
                check_text(value, f"the session's {name}")
            setattr(row, name, value)
    if "start" in changes:
        row.start_local, row.start_offset_min = split_local(changes["start"])
    if "end" in changes:
        end = changes["end"]
        row.end_local, row.end_offset_min = split_local(end) if end else (None, None)
    if "shoe" in changes:
        shoe_name = changes["shoe"]
        row.shoe = shoe_named(db, row.person_id, shoe_name) if shoe_name else None
    key = dedupe_key(row.type, row.start_local, row.start_offset_min)
    _session_conflict(db, row.person_id, key, row.id)
    row.dedupe_key = key
    db.flush()


def replace_sets(
    db: Session,
    row: TrainingSession,
    sets: Sequence[ImportedSet],
    matches: Sequence[ExerciseMatch],
) -> None:
    """Replace all the sets of the session ``row`` with ``sets``, numbered from 0.

    The session's own fields, its source included, stay as they are; the caller's
    transaction holds the deletion and the insertion together.

    Args:
        matches: one per set, in order: what its exercise name matched.
    """
    if len(matches) != len(sets):
        raise ValueError("one ExerciseMatch per set is required")
    row.sets = [
        SetRow(**_set_values(row.id, position, one, match))
        for position, (one, match) in enumerate(zip(sets, matches, strict=True))
    ]
    db.flush()


def add_checkin(
    db: Session,
    person_id: int,
    at: dt.datetime,
    checkin: Mapping[str, Any],
    assessment: Mapping[str, Any],
    *,
    source: SourceRef | None = None,
    import_id: int | None = None,
) -> CheckInRow:
    """Store a check-in document (``date`` and ``pain.nrs`` required) with its assessment.

    Args:
        at: when it was recorded (aware if the offset is known).
        checkin: the contract check-in, without ``history``.
        assessment: the contract assessment computed for it.
    """
    at_local, at_offset = split_local(at)
    row = CheckInRow(
        person_id=person_id,
        at_local=at_local,
        at_offset_min=at_offset,
        date=dt.date.fromisoformat(str(checkin["date"])),
        nrs=int(checkin["pain"]["nrs"]),
        checkin=dict(checkin),
        assessment=dict(assessment),
        **_source_columns(source),
        import_id=import_id,
    )
    db.add(row)
    db.flush()
    return row


def get_checkin(db: Session, checkin_id: int) -> CheckInRow:
    """The check-in with that id.

    Raises:
        NotFoundError: when there is none.
    """
    return _get(db, CheckInRow, checkin_id, "check-in")


def sessions_between(
    db: Session,
    person_ids: Sequence[int] | None = None,
    first_day: dt.date | None = None,
    last_day: dt.date | None = None,
) -> list[TrainingSession]:
    """Sessions (with their sets) whose local start day is within the bounds, by start time.

    Args:
        person_ids: whose; ``None`` for everyone.
        first_day, last_day: inclusive bounds on the local start day; ``None`` is open.
    """
    query = select(TrainingSession).options(
        selectinload(TrainingSession.sets), selectinload(TrainingSession.shoe)
    )
    if person_ids is not None:
        query = query.where(TrainingSession.person_id.in_(person_ids))
    if first_day is not None:
        query = query.where(
            TrainingSession.start_local >= dt.datetime.combine(first_day, dt.time())
        )
    if last_day is not None:
        after = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())
        query = query.where(TrainingSession.start_local < after)
    order = (TrainingSession.start_local, TrainingSession.type, TrainingSession.id)
    return list(db.scalars(query.order_by(*order)))


def checkins_between(
    db: Session,
    person_ids: Sequence[int] | None = None,
    first_day: dt.date | None = None,
    last_day: dt.date | None = None,
) -> list[CheckInRow]:
    """Check-ins whose ``date`` is within the inclusive bounds, by date and time recorded."""
    query = select(CheckInRow)
    if person_ids is not None:
        query = query.where(CheckInRow.person_id.in_(person_ids))
    if first_day is not None:
        query = query.where(CheckInRow.date >= first_day)
    if last_day is not None:
        query = query.where(CheckInRow.date <= last_day)
    order = (CheckInRow.date, CheckInRow.at_local, CheckInRow.id)
    return list(db.scalars(query.order_by(*order)))
