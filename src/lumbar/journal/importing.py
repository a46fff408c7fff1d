"""The import pipeline: files named by the user → the journal, one transaction per file.

Rules (issue 3, "Imports are safe"):

* One file, one transaction. A file that fails — the reader raises
  :class:`ImportFileError` part-way, a row breaks the journal's rules, the
  database refuses — leaves the journal exactly as it was, and the error says
  which file, which line or record, which field and what was expected.
* A file seen before (same SHA-256) is skipped whole; a session the person
  already has (same type and start instant, as in an overlapping export) is
  skipped and counted as a duplicate.
* Exercise names go to the catalogue through :class:`Matcher`; names it does not
  know are kept as written and reported.

A ``lumbar.journal/1`` export document is recognised here, before the importer
registry sees the files, and read back by :mod:`lumbar.journal.document`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from lumbar.ingest.csvutil import ReadOptions
from lumbar.ingest.records import ImportFileError, Notice, Refused
from lumbar.ingest.registry import InputFile, Skipped, open_inputs, read_one, sha256_of
from lumbar.journal.checks import check_record
from lumbar.journal.document import FORMAT_ID, import_document, is_journal_document, read_document
from lumbar.journal.exercises import Matcher
from lumbar.journal.outcomes import FileOutcome, ImportProgress, ImportSummary
from lumbar.store.engine import Journal
from lumbar.store.entries import NewSession, session_key, session_keys, write_sessions
from lumbar.store.errors import JournalStoreError, NotFoundError
from lumbar.store.imports import find_import, start_import
from lumbar.store.people import (
    add_person,
    choose_person,
    find_person,
    list_people,
    unknown_person_message,
)
from lumbar.store.tables import Person

__all__ = [
    "DEFAULT_PERSON",
    "FileOutcome",
    "ImportProgress",
    "ImportRequest",
    "ImportSummary",
    "import_paths",
]

WRITE_BATCH = 500
"""Sessions written per insert statement; bounds the memory a large file needs."""

DEFAULT_PERSON = "me"
"""The person created when a first import finds an empty journal and no ``--person``."""


@dataclass(frozen=True)
class ImportRequest:
    """What to import and how.

    Attributes:
        paths: files, folders and archives, as the user named them.
        person: whose training it is (default: the current person).
        forced_format: an importer id to use instead of sniffing (``journal_json``
            for export documents).
        read_options: the user's unit choices for files that do not state them.
    """

    paths: tuple[Path, ...]
    person: str | None = None
    forced_format: str | None = None
    read_options: ReadOptions | None = None


def _person_for(db: Session, wanted: str | None, outcome: FileOutcome) -> Person:
    """The person a file's sessions belong to; the first person is created when needed."""
    if wanted is not None:
        person = find_person(db, wanted)
        if person is not None:
            return person
        if list_people(db):
            raise NotFoundError(unknown_person_message(db, wanted))
        outcome.person_created = wanted
        return add_person(db, wanted)
    try:
        return choose_person(db, None)
    except NotFoundError:  # an empty journal: a newcomer's first import
        outcome.person_created = DEFAULT_PERSON
        return add_person(db, DEFAULT_PERSON)


def _read_file(
    db: Session,
    item: InputFile,
    request: ImportRequest,
    outcome: FileOutcome,
    progress: ImportProgress,
) -> None:
    person = _person_for(db, request.person, outcome)
    record = start_import(db, reading_key(item, request), item.format, item.display, person.id)
    keys = session_keys(db, person.id)
    matcher = Matcher.from_journal(db)
    pending: list[NewSession] = []
    for entry in read_one(item.path, item.format, item.display, request.read_options):
        if isinstance(entry, Refused):
            outcome.refused.append(entry)
            continue
        if isinstance(entry, Notice):
            outcome.notices.append(entry)
            continue
        check_record(entry)
        progress.advance(1)
        key = session_key(entry.type, entry.start)
        if key in keys:
            outcome.duplicates += 1
            continue
        matches = tuple(matcher.match(s.exercise) for s in entry.sets)
        outcome.unknown.update(
            s.exercise for s, m in zip(entry.sets, matches, strict=True) if m.pattern is None
        )
        pending.append(NewSession(entry, matches, entry.source))
        keys.add(key)
        outcome.sessions_added += 1
        outcome.sets_added += len(entry.sets)
        if len(pending) >= WRITE_BATCH:
            write_sessions(db, person.id, pending, record.id)
            pending.clear()
    write_sessions(db, person.id, pending, record.id)
    record.sessions_added, record.sets_added = outcome.sessions_added, outcome.sets_added
    record.duplicates, record.refused = outcome.duplicates, len(outcome.refused)


def _read_document(
    db: Session, item: InputFile, request: ImportRequest, outcome: FileOutcome
) -> None:
    doc = read_document(item.path, item.display)
    record = start_import(db, item.sha256, FORMAT_ID, item.display, None)
    counts = import_document(db, doc, item.display, record.id, only_person=request.person)
    outcome.sessions_added, outcome.sets_added = counts.sessions_added, counts.sets_added
    outcome.checkins_added, outcome.duplicates = counts.checkins_added, counts.duplicates
    outcome.unknown.update(
        s.exercise for session in doc.sessions for s in session.sets if s.pattern is None
    )
    record.sessions_added, record.sets_added = counts.sessions_added, counts.sets_added
    record.checkins_added, record.duplicates = counts.checkins_added, counts.duplicates


def reading_key(item: InputFile, request: ImportRequest) -> str:
    """What makes an import a repeat: the file's bytes, and the units it was read with.

    The same file read again with other units (``--weight-unit lb`` after a first
    import read its bare Weight column as kg) is a new reading, not a duplicate file;
    its sessions still meet the journal's per-session duplicate check.
    """
    if request.read_options is None:
        return item.sha256
    units = f"{request.read_options.weight_unit}/{request.read_options.distance_unit}"
    return hashlib.sha256(f"{item.sha256}|{units}".encode()).hexdigest()


def _import_one(
    journal: Journal, item: InputFile, request: ImportRequest, progress: ImportProgress
) -> FileOutcome:
    outcome = FileOutcome(item.display, item.format)
    try:
        with journal.writing() as db:
            earlier = find_import(db, reading_key(item, request))
            if earlier is not None:
                outcome.status = "duplicate"
                outcome.duplicates = (
                    earlier.sessions_added + earlier.checkins_added + earlier.duplicates
                )
            elif item.format == FORMAT_ID:
                _read_document(db, item, request, outcome)
            else:
                _read_file(db, item, request, outcome, progress)
    except ImportFileError as exc:
        outcome.fail(str(exc))
    except JournalStoreError as exc:
        outcome.fail(f"{item.display}: {exc}")
    except SQLAlchemyError as exc:
        outcome.fail(f"{item.display}: the journal refused the write: {getattr(exc, 'orig', exc)}")
    return outcome


def _documents(
    paths: Sequence[Path], forced: str | None
) -> tuple[list[InputFile | ImportFileError], list[Path]]:
    """Split the paths into journal documents (read here) and the rest (for the registry)."""
    documents: list[InputFile | ImportFileError] = []
    others: list[Path] = []
    for path in paths:
        if forced == FORMAT_ID and not path.is_file():
            reason = "expected a journal export document (a file)"
            documents.append(ImportFileError(path.name, "", "", reason))
        elif path.is_file() and (
            forced == FORMAT_ID or (forced is None and is_journal_document(path))
        ):
            documents.append(InputFile(path.name, path, FORMAT_ID, sha256_of(path)))
        else:
            others.append(path)
    return documents, others


def _check_person(journal: Journal, wanted: str | None) -> None:
    """Fail early, before any file, when it is unclear whose training the files hold.

    Raises:
        ConflictError: several people and none current or named.
        NotFoundError: ``wanted`` is unknown in a journal that already has people.
    """
    with journal.reading() as db:
        if not list_people(db):
            return  # the first import creates the person
        choose_person(db, wanted)


def import_paths(
    journal: Journal, request: ImportRequest, progress: ImportProgress | None = None
) -> ImportSummary:
    """Import every file the request names; export documents first, then the others in order.

    Returns the summary; a bad file does not raise (its failure is in the summary,
    and the journal is as it was for that file).

    Raises:
        JournalStoreError: before any file is read, when it is unclear whose files
            they are (several people, none current or named; an unknown ``person``).
    """
    progress = progress or ImportProgress()
    summary = ImportSummary()
    documents, others = _documents(request.paths, request.forced_format)
    if others:
        _check_person(journal, request.person)
    with open_inputs(others, request.forced_format) as found:
        summary.skipped = [f"{i.display}: {i.reason}" for i in found if isinstance(i, Skipped)]
        items = documents + [i for i in found if not isinstance(i, Skipped)]
        for number, item in enumerate(items, start=1):
            if isinstance(item, ImportFileError):
                outcome = FileOutcome(item.file, "?")
                outcome.fail(str(item))
            else:
                progress.begin_file(item.display, number, len(items))
                outcome = _import_one(journal, item, request, progress)
            summary.outcomes.append(outcome)
            progress.end_file(outcome)
    return summary
