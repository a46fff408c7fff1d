"""The record of imported files: what makes a second import of the same file a no-op."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from lumbar.store.tables import Import

__all__ = ["find_import", "start_import"]


def find_import(db: Session, sha256: str) -> Import | None:
    """The earlier import of the file with that hash, if any."""
    return db.scalars(select(Import).where(Import.sha256 == sha256)).first()


def start_import(
    db: Session, sha256: str, format_id: str, display: str, person_id: int | None
) -> Import:
    """Record that a file is being imported; the caller fills in the counts before commit."""
    row = Import(
        sha256=sha256,
        format=format_id,
        display=display,
        person_id=person_id,
        sessions_added=0,
        sets_added=0,
        checkins_added=0,
        duplicates=0,
        refused=0,
        imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
    )
    db.add(row)
    db.flush()
    return row
