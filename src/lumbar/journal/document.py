"""Export the journal as its contract document, and read such a document back.

Export → import into an empty journal → export gives the same document, ids
aside: every stored value is written out (see :mod:`lumbar.journal.schema` for the
additive fields that make this hold), and reading keeps each row's original
source rather than naming the document as the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from lumbar.errors import describe_validation_error
from lumbar.ingest.records import ImportedSession, ImportedSet, ImportFileError, SourceRef
from lumbar.journal.schema import JOURNAL_CONTRACT, CheckInDoc, JournalDoc, SessionDoc, SetDoc
from lumbar.knowledge.catalogue import normalise_name
from lumbar.model import CheckIn
from lumbar.store.entries import (
    ExerciseMatch,
    NewSession,
    add_checkin,
    checkin_key,
    checkin_keys,
    checkins_between,
    session_key,
    session_keys,
    sessions_between,
    write_sessions,
)
from lumbar.store.people import (
    add_person,
    find_person,
    list_people,
    mappings,
    put_mapping,
    shoe_named,
    shoes_of,
)
from lumbar.store.tables import CheckInRow, Person, TrainingSession
from lumbar.store.timestamps import to_iso

__all__ = [
    "FORMAT_ID",
    "DocumentCounts",
    "checkin_doc",
    "export_document",
    "import_document",
    "is_journal_document",
    "read_document",
    "session_doc",
    "session_fields",
]

FORMAT_ID = "journal_json"
_CONTRACT_RE = re.compile(rb'"contract"\s*:\s*"lumbar\.journal/1"')
_SNIFF_BYTES = 4096
# SessionDoc fields that are not the session's own values: identity, sets and source.
_NOT_OWN_FIELDS = ("id", "person", "sets", "source")


def _source(fmt: str | None, file: str | None, locator: str | None) -> dict[str, str] | None:
    if fmt is None:
        return None
    return {"format": fmt, "file": file or "", "locator": locator or ""}


def session_fields(row: TrainingSession) -> dict[str, Any]:
    """A stored session's own values as exports write them, by :class:`SessionDoc` field.

    Every field but ``id``, ``person``, ``sets`` and ``source``; ``start`` and ``end``
    are ISO 8601 text (with the offset when it is known), ``shoe`` the shoe's name.
    """
    converted = {
        "start": to_iso(row.start_local, row.start_offset_min),
        "end": to_iso(row.end_local, row.end_offset_min),
        "shoe": row.shoe.name if row.shoe else None,
    }
    return {
        name: converted[name] if name in converted else getattr(row, name)
        for name in SessionDoc.model_fields
        if name not in _NOT_OWN_FIELDS
    }


def session_doc(row: TrainingSession) -> dict[str, Any]:
    """A stored session (with its sets loaded) as the document writes it."""
    parts = {
        "id": str(row.id),
        "person": str(row.person_id),
        "sets": [{name: getattr(s, name) for name in SetDoc.model_fields} for s in row.sets],
        "source": _source(row.source_format, row.source_file, row.source_locator),
        **session_fields(row),
    }
    return {name: parts[name] for name in SessionDoc.model_fields}


def checkin_doc(row: CheckInRow) -> dict[str, Any]:
    """A stored check-in as the document writes it."""
    return {
        "id": str(row.id),
        "person": str(row.person_id),
        "at": to_iso(row.at_local, row.at_offset_min),
        "checkin": row.checkin,
        "assessment": row.assessment,
        "source": _source(row.source_format, row.source_file, row.source_locator),
    }


def export_document(db: Session, person: Person | None = None) -> dict[str, Any]:
    """The whole journal, or one person's part of it, as a ``lumbar.journal/1`` document."""
    people = [person] if person is not None else list_people(db)
    ids = [p.id for p in people]
    shoes = shoes_of(db, ids)
    return {
        "contract": JOURNAL_CONTRACT,
        "people": [{"id": str(p.id), "name": p.name, "profile": p.profile} for p in people],
        "sessions": [session_doc(s) for s in sessions_between(db, ids)],
        "checkins": [checkin_doc(c) for c in checkins_between(db, ids)],
        "shoes": [
            {"person": str(s.person_id), "name": s.name, "km_before": s.km_before} for s in shoes
        ],
        "exercise_mappings": [
            {"name": m.name, "exercise_id": m.exercise_id, "pattern": m.pattern}
            for m in mappings(db)
        ],
    }


def is_journal_document(path: Path) -> bool:
    """Whether ``path`` is a file that begins like a journal export document."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and bool(_CONTRACT_RE.search(head))


def read_document(path: Path, display: str) -> JournalDoc:
    """Parse and validate the document in ``path``.

    Raises:
        ImportFileError: naming the file and the first field that is wrong.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(display, "", "", f"cannot read the file: {exc.strerror}") from exc
    try:
        doc = JournalDoc.model_validate_json(data)
    except ValidationError as exc:
        problem = describe_validation_error(exc, JournalDoc)
        raise ImportFileError(display, "", problem.field, problem.reason) from exc
    known = {p.id for p in doc.people}
    owners: dict[str, list[str]] = {
        "sessions": [row.person for row in doc.sessions],
        "checkins": [row.person for row in doc.checkins],
        "shoes": [row.person for row in doc.shoes],
    }
    for kind, persons in owners.items():
        for index, person in enumerate(persons):
            if person not in known:
                where = f"{kind}[{index}].person"
                raise ImportFileError(display, "", where, f"no person with id {person!r} in people")
    return doc


@dataclass
class DocumentCounts:
    """What reading a document added, and what it skipped as already in the journal."""

    sessions_added: int = 0
    sets_added: int = 0
    checkins_added: int = 0
    duplicates: int = 0


def _record(doc: SessionDoc, display: str, index: int) -> ImportedSession:
    # The catalogue match of a set is written apart (ExerciseMatch), not as the record's.
    sets = tuple(
        ImportedSet(
            **s.model_dump(exclude={"pattern", "exercise_id", "locator"}), locator=s.locator or ""
        )
        for s in doc.sets
    )
    return ImportedSession(
        **doc.model_dump(exclude=set(_NOT_OWN_FIELDS)),
        source=SourceRef(FORMAT_ID, display, f"sessions[{index}]"),
        sets=sets,
    )


def _checkin(doc: CheckInDoc, display: str, index: int) -> dict[str, Any]:
    body = dict(doc.checkin)
    body.setdefault("date", doc.at.date().isoformat())
    try:
        CheckIn.model_validate(body)
    except ValidationError as exc:
        problem = describe_validation_error(exc, CheckIn)
        raise ImportFileError(
            display, "", f"checkins[{index}].checkin.{problem.field}", problem.reason
        ) from exc
    return body


def _src(doc: SessionDoc | CheckInDoc) -> SourceRef | None:
    return None if doc.source is None else SourceRef(**doc.source.model_dump())


def _merge_mappings(db: Session, doc: JournalDoc) -> None:
    """Add the document's mappings for names the journal has not mapped (the journal's win)."""
    existing = {m.key for m in mappings(db)}
    for mapping in doc.exercise_mappings:
        key = normalise_name(mapping.name)
        if key and key not in existing:
            put_mapping(db, key, mapping.name, mapping.exercise_id, mapping.pattern)
            existing.add(key)


def _merge_shoes(db: Session, doc: JournalDoc, people: dict[str, Person]) -> None:
    """Add the document's shoes that the person does not have yet, with their km before."""
    for item in doc.shoes:
        if item.person not in people:
            continue
        owner = people[item.person].id
        if shoe_named(db, owner, item.name, create=False) is None:
            shoe = shoe_named(db, owner, item.name)
            assert shoe is not None  # created just above
            shoe.km_before = item.km_before


def import_document(
    db: Session, doc: JournalDoc, display: str, import_id: int, only_person: str | None = None
) -> DocumentCounts:
    """Add the document's people, sessions, check-ins, shoes and mappings to the journal.

    People are matched by name (an existing person keeps their profile); a session
    or check-in the person already has (same natural key) is counted as a duplicate.

    Args:
        only_person: read only this person's part of the document.

    Raises:
        ImportFileError: when ``only_person`` is not in the document, or a check-in is invalid.
    """
    wanted = [p for p in doc.people if only_person is None or p.name == only_person]
    if only_person is not None and not wanted:
        raise ImportFileError(display, "", "people", f"no person called {only_person!r} here")
    people: dict[str, Person] = {}
    for wanted_person in wanted:
        profile = wanted_person.profile.model_dump(mode="json", exclude_none=True)
        name = wanted_person.name
        people[wanted_person.id] = find_person(db, name) or add_person(db, name, profile)
    _merge_mappings(db, doc)
    _merge_shoes(db, doc, people)
    counts = DocumentCounts()
    keys = {pid: session_keys(db, p.id) for pid, p in people.items()}
    pending: dict[int, list[NewSession]] = {p.id: [] for p in people.values()}
    for index, item in enumerate(doc.sessions):
        if item.person not in people:
            continue
        key = session_key(item.type, item.start)
        if key in keys[item.person]:
            counts.duplicates += 1
            continue
        record = _record(item, display, index)
        matches = tuple(ExerciseMatch(s.exercise_id, s.pattern) for s in item.sets)
        pending[people[item.person].id].append(NewSession(record, matches, _src(item)))
        keys[item.person].add(key)
        counts.sessions_added += 1
        counts.sets_added += len(record.sets)
    for person_id, items in pending.items():
        write_sessions(db, person_id, items, import_id)
    seen = {pid: checkin_keys(db, p.id) for pid, p in people.items()}
    for index, entry in enumerate(doc.checkins):
        if entry.person not in people:
            continue
        key = checkin_key(entry.at)
        if key in seen[entry.person]:
            counts.duplicates += 1
            continue
        body = _checkin(entry, display, index)
        add_checkin(
            db,
            people[entry.person].id,
            entry.at,
            body,
            entry.assessment,
            source=_src(entry),
            import_id=import_id,
        )
        seen[entry.person].add(key)
        counts.checkins_added += 1
    return counts
