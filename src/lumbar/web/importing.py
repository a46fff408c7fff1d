"""An upload, imported: the files are saved and checked, then handed to the import pipeline.

The pipeline (:mod:`lumbar.journal.importing`) imports one file per transaction and
reports each; this module adds only what the web needs around it: the upload folder,
the refusals of :mod:`lumbar.web.uploads`, and the days the new sessions span.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from lumbar.web.journal_access import JournalAccess, person_or_none
from lumbar.web.settings import WebSettings
from lumbar.web.uploads import Upload, save_uploads
from lumbar.web.views.imports import ImportResult, import_result

__all__ = ["import_uploads"]


def _last_session_id(door: JournalAccess) -> int:
    from lumbar.store.tables import TrainingSession

    with door.reading() as db:
        return int(db.scalar(select(func.max(TrainingSession.id))) or 0)


def _span(door: JournalAccess, after_id: int) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the sessions written since ``after_id``."""
    from lumbar.store.tables import TrainingSession

    with door.reading() as db:
        first, last = db.execute(
            select(
                func.min(TrainingSession.start_local), func.max(TrainingSession.start_local)
            ).where(TrainingSession.id > after_id)
        ).one()
    return (first.date(), last.date()) if first is not None else None


def _run(
    door: JournalAccess,
    paths: Sequence[Path],
    person: str | None,
    weight_unit: Literal["kg", "lb"] | None,
    distance_unit: Literal["km", "mi"] | None,
) -> ImportResult:
    from lumbar.ingest.csvutil import ReadOptions
    from lumbar.journal.importing import ImportRequest, import_paths
    from lumbar.web.journal_access import translated

    options = None
    if weight_unit or distance_unit:
        options = ReadOptions(weight_unit=weight_unit or "kg", distance_unit=distance_unit or "km")
    before = _last_session_id(door)
    request = ImportRequest(paths=tuple(paths), person=person, read_options=options)
    with translated():
        summary = import_paths(door.journal(), request)
    with door.reading() as db:
        owner = person_or_none(db, person)
    return import_result(summary, _span(door, before), owner.name if owner else person)


async def import_uploads(
    door: JournalAccess,
    settings: WebSettings,
    files: Sequence[Upload],
    person: str | None,
    weight_unit: Literal["kg", "lb"] | None = None,
    distance_unit: Literal["km", "mi"] | None = None,
) -> ImportResult:
    """Save, check and import the uploaded files; the upload folder is removed afterwards.

    Raises:
        BadRequestError, TooLargeError: the upload is refused whole (nothing imported).
        NotFoundError, ConflictError: it is unclear whose files they are.
    """
    door.journal()  # a journal that cannot be opened is refused before reading any file
    with tempfile.TemporaryDirectory(prefix="lumbar-upload-") as folder:
        paths = await save_uploads(files, Path(folder), settings)
        return await run_in_threadpool(_run, door, paths, person, weight_unit, distance_unit)
