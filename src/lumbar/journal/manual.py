"""Entries made by hand: sessions and pain check-ins, their edits and deletions.

A check-in is stored with the assessment computed when it was stored, by
:func:`lumbar.assess`, against the person's profile and the journal's history up to
that day. The stored check-in is the contract document without ``history`` (which
the journal itself holds); editing a check-in assesses it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy.orm import Session

from lumbar.ingest.records import ImportedSession, ImportedSet, SourceRef
from lumbar.journal.checks import check_record
from lumbar.journal.exercises import Matcher
from lumbar.journal.history import assessment_history, workout_of
from lumbar.store.entries import (
    add_checkin,
    add_session,
    get_checkin,
    get_session,
    replace_sets,
)
from lumbar.store.tables import CheckInRow, Person, TrainingSession

__all__ = [
    "MANUAL_FORMAT",
    "delete_checkin",
    "delete_session",
    "edit_checkin",
    "edit_sets",
    "log_session",
    "save_checkin",
]

MANUAL_FORMAT = "manual"
"""Format id in the messages about an entry typed on the command line."""


def log_session(db: Session, person: Person, entry: ImportedSession) -> TrainingSession:
    """Store a session typed by hand (its ``source`` only names it in error messages).

    Raises:
        ImportFileError: a value breaks the journal's rules (field and rule named).
        ConflictError: the person already has a session of that type at that time.
    """
    check_record(entry)
    matcher = Matcher.from_journal(db)
    matches = [matcher.match(s.exercise) for s in entry.sets]
    row = add_session(db, person.id, entry, matches, source=None)
    db.flush()
    return row


def edit_sets(
    db: Session, row: TrainingSession, sets: Sequence[ImportedSet], source: SourceRef
) -> None:
    """Replace the sets of the session ``row`` by ``sets``, matched to the catalogue as
    :func:`log_session` matches them; the session's own fields and source stay.

    Args:
        source: who typed the sets (``manual``, ``command line``), for error messages only.

    Raises:
        ImportFileError: a set breaks the journal's rules (field and rule named).
    """
    # The rules are checked on a session carrying only the new sets: its own fields are
    # already in the journal and were checked when they got there.
    start = row.start_local
    check_record(ImportedSession(start, cast(Any, row.type), source, sets=tuple(sets)))
    matcher = Matcher.from_journal(db)
    replace_sets(db, row, sets, [matcher.match(one.exercise) for one in sets])


def _assess(
    db: Session, person: Person, body: Mapping[str, Any], exclude: int | None = None
) -> dict[str, Any]:
    from lumbar import assess

    day = dt.date.fromisoformat(str(body["date"]))
    full = dict(body, history=assessment_history(db, person.id, day, exclude_checkin=exclude))
    return assess(full).model_dump(mode="json")


def save_checkin(
    db: Session,
    person: Person,
    checkin: Mapping[str, Any],
    at: dt.datetime,
    after_session: int | None = None,
) -> CheckInRow:
    """Assess and store a check-in (a contract document; ``history`` is filled from the journal).

    Args:
        checkin: the check-in; ``date`` defaults to the day of ``at``, ``profile`` to
            the person's stored profile.
        at: when it is recorded.
        after_session: id of the session the pain followed, which fills ``workout``.

    Raises:
        InputError: the check-in does not follow the contract (the field named).
        NotFoundError: no session with the id ``after_session``.
    """
    body = {key: value for key, value in checkin.items() if key != "history"}
    body.setdefault("date", at.date().isoformat())
    if person.profile and "profile" not in body:
        body["profile"] = dict(person.profile)
    if after_session is not None:
        body["workout"] = workout_of(db, get_session(db, after_session))
    assessment = _assess(db, person, body)
    return add_checkin(db, person.id, at, body, assessment)


def edit_checkin(db: Session, checkin_id: int, changes: Mapping[str, Any]) -> CheckInRow:
    """Change a check-in and assess it again.

    Args:
        changes: ``pain`` (a mapping of pain fields, merged into the stored ones), and
            ``date``, ``symptoms``, ``workout`` and ``profile`` (each replaced whole); a
            value of ``None`` removes the field (it becomes unknown).

    Raises:
        NotFoundError: no check-in with that id.
        InputError: the changed check-in does not follow the contract.
    """
    row = get_checkin(db, checkin_id)
    body = dict(row.checkin)
    pain = dict(body.get("pain", {}))
    for key, value in changes.get("pain", {}).items():
        if value is None:
            pain.pop(key, None)
        else:
            pain[key] = value
    body["pain"] = pain
    for key in ("date", "symptoms", "workout", "profile"):
        if key in changes:
            if changes[key] is None:
                body.pop(key, None)
            else:
                body[key] = changes[key]
    body.setdefault("date", row.date.isoformat())
    person = row.person
    assessment = _assess(db, person, body, exclude=row.id)
    row.checkin, row.assessment = body, assessment
    row.date = dt.date.fromisoformat(str(body["date"]))
    row.nrs = int(pain["nrs"])
    db.flush()
    return row


def delete_session(db: Session, session_id: int) -> TrainingSession:
    """Delete a session and its sets; returns the deleted row (for the message).

    Raises:
        NotFoundError: no session with that id.
    """
    row = get_session(db, session_id)
    db.delete(row)
    db.flush()
    return row


def delete_checkin(db: Session, checkin_id: int) -> CheckInRow:
    """Delete a check-in and its stored assessment.

    Raises:
        NotFoundError: no check-in with that id.
    """
    row = get_checkin(db, checkin_id)
    db.delete(row)
    db.flush()
    return row
