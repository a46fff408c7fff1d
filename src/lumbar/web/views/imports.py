"""The import page: the upload form, past imports, and what an upload did, file by file."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel
from sqlalchemy import select

from lumbar.store.people import list_people
from lumbar.store.tables import Import, Person
from lumbar.web.journal_access import person_or_none

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.journal.outcomes import ImportSummary

__all__ = ["FileRow", "ImportPage", "ImportResult", "PastImport", "import_page", "import_result"]

RECENT_IMPORTS = 20


class PastImport(BaseModel):
    """A file imported before."""

    file: str
    format: str
    person: str | None
    sessions_added: int
    sets_added: int
    checkins_added: int
    duplicates: int
    refused: int
    imported_at: str


class ImportPage(BaseModel):
    """The upload form and the latest imports.

    Attributes:
        people: names to import for (the current one first).
        current: the current person, if any (the default owner of the files).
        max_upload_mb: the upload size limit.
        recent: the latest imports, newest first.
    """

    people: list[str]
    current: str | None
    max_upload_mb: int
    recent: list[PastImport]


class FileRow(BaseModel):
    """What happened to one uploaded file.

    Attributes:
        file: its name (inside an archive: ``export.zip/x.fit``).
        format: the importer that read it.
        status: ``imported``, ``duplicate`` (the same file was imported before) or
            ``failed`` (nothing from it was written; ``error`` says why).
        refused: rows the importer refused while importing the rest, with the reason.
        unknown_exercises: names the catalogue does not know (kept as written).
    """

    file: str
    format: str
    status: str
    sessions_added: int
    sets_added: int
    checkins_added: int
    duplicates: int
    refused: list[str]
    unknown_exercises: list[str]
    error: str | None
    person_created: str | None


class ImportResult(BaseModel):
    """What one upload did: the contract's summary line, then each file.

    Attributes:
        summary: ``{"files", "sessions_added", "sets_added", "duplicates", "errors"}``
            exactly as ``lumbar import --format json`` prints it.
        files: each file's outcome, in order.
        first_day, last_day: the days the imported sessions span, to open the journal there.
        person: whose journal received them.
    """

    summary: dict[str, object]
    files: list[FileRow]
    first_day: str | None
    last_day: str | None
    person: str | None


def import_page(db: Session, max_upload_bytes: int) -> ImportPage:
    """The import form's view-model."""
    current = person_or_none(db)
    names = [p.name for p in list_people(db)]
    if current is not None:
        names.remove(current.name)
        names.insert(0, current.name)
    rows = db.execute(
        select(Import, Person.name)
        .outerjoin(Person, Person.id == Import.person_id)
        .order_by(Import.imported_at.desc(), Import.id.desc())
        .limit(RECENT_IMPORTS)
    )
    return ImportPage(
        people=names,
        current=current.name if current else None,
        max_upload_mb=max_upload_bytes // (1024 * 1024),
        recent=[
            PastImport(
                file=row.display,
                format=row.format,
                person=name,
                sessions_added=row.sessions_added,
                sets_added=row.sets_added,
                checkins_added=row.checkins_added,
                duplicates=row.duplicates,
                refused=row.refused,
                imported_at=row.imported_at.replace(microsecond=0).isoformat(),
            )
            for row, name in rows
        ],
    )


def import_result(
    summary: ImportSummary, span: tuple[dt.date, dt.date] | None, person: str | None
) -> ImportResult:
    """The view-model of an import's summary."""
    return ImportResult(
        summary=summary.contract_line(),
        files=[
            FileRow(
                file=o.display,
                format=o.format,
                status=o.status,
                sessions_added=o.sessions_added,
                sets_added=o.sets_added,
                checkins_added=o.checkins_added,
                duplicates=o.duplicates,
                refused=[f"{r.source.locator}: {r.field}: {r.message}" for r in o.refused],
                unknown_exercises=sorted(o.unknown),
                error=o.error,
                person_created=o.person_created,
            )
            for o in summary.outcomes
        ],
        first_day=span[0].isoformat() if span else None,
        last_day=span[1].isoformat() if span else None,
        person=person,
    )
