"""The journal's store: SQLAlchemy tables, Alembic migrations and repository functions.

SQLite by default, PostgreSQL through the same code. Open one with
:func:`open_journal` (the schema is created or upgraded on the way), then read or
write in one transaction::

    journal = open_journal("sqlite:////home/me/.local/share/lumbar/journal.db")
    with journal.writing() as db:
        person = add_person(db, "Ana", {"age": 34})

Importing this package loads SQLAlchemy; commands that do not touch the journal
must not import it.
"""

from __future__ import annotations

from lumbar.store.engine import HEAD_REVISION, Journal, current_revision, open_journal, upgrade
from lumbar.store.errors import ConflictError, JournalStoreError, NotFoundError

__all__ = [
    "HEAD_REVISION",
    "ConflictError",
    "Journal",
    "JournalStoreError",
    "NotFoundError",
    "current_revision",
    "open_journal",
    "upgrade",
]
