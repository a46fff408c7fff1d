"""Opening a journal: the engine, its per-database settings, schema upgrades and transactions.

One code path serves SQLite and PostgreSQL. The only database-specific statements
are these, each guarded by the dialect:

* SQLite: ``foreign_keys=ON`` (SQLite leaves them off by default);
  ``journal_mode=WAL`` so that readers never block the writer, and
  ``synchronous=FULL`` so that a committed import survives a power cut.
* SQLite: pysqlite's own transaction handling is switched off and ``BEGIN`` is
  emitted here, because pysqlite otherwise starts a transaction only at the first
  write and the reads before it (the duplicate checks of an import) would escape it.
  Write transactions use ``BEGIN IMMEDIATE``: the write lock is taken at the start,
  so two imports of the same file cannot both decide that it is new.
* PostgreSQL: a write transaction starts by taking a transaction-level advisory
  lock (``pg_advisory_xact_lock``), which gives the same promise: writers to one
  journal take turns, and the second import of a file sees the first one's rows
  (under READ COMMITTED each statement sees what was committed before it) instead of
  failing on the unique key. The lock is per database and is released at commit
  or rollback. Schema upgrades are write transactions too, so two processes opening
  a new journal at once do not both create its tables.

A writer waits for another at most ``busy_timeout_s`` (30 s): SQLite's busy timeout,
PostgreSQL's ``lock_timeout`` for the transaction. Past it the write is refused with
:class:`JournalStoreError` saying the journal is busy, and nothing is written.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session

from lumbar.store.errors import JournalStoreError

__all__ = [
    "HEAD_REVISION",
    "Journal",
    "alembic_config",
    "current_revision",
    "open_journal",
    "shown_url",
    "upgrade",
]

# The newest revision in migrations/versions; a test checks it against Alembic's head
# so that opening an up-to-date journal does not have to load Alembic at all.
HEAD_REVISION = "0001"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_WRITE = "lumbar_write"
BUSY_TIMEOUT_S = 30.0
# The advisory lock key of a journal's writers on PostgreSQL: any constant will do, as
# long as it is always the same ("lumbar" in ASCII, as a number).
_PG_WRITE_LOCK = int.from_bytes(b"lumbar", "big")
_PG_LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of a lock wait ended by lock_timeout


def _turn_to_wal(cursor: sqlite3.Cursor, busy_timeout_s: float) -> None:
    """Put the journal in write-ahead-log mode, waiting up to ``busy_timeout_s`` for it.

    A journal is turned to WAL once, when it is new, and that needs it to itself for a
    moment. When several connections open a new journal at the same instant, SQLite
    answers "database is locked" at once rather than through its busy timeout (it will
    not wait on a change of journal mode), so the wait is here: short retries until the
    one that got there first has done it.
    """
    deadline = time.monotonic() + busy_timeout_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _configure_sqlite(engine: Engine, busy_timeout_s: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see module doc
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        _turn_to_wal(cursor, busy_timeout_s)
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _configure_postgresql(engine: Engine, busy_timeout_s: float) -> None:
    wait_ms = max(1, round(busy_timeout_s * 1000))

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(_WRITE, False):
            # SET LOCAL: the limit ends with the transaction, like the lock.
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {wait_ms}")
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")


def _make_engine(url: str, busy_timeout_s: float) -> Engine:
    connect_args: dict[str, Any] = {}
    if url.startswith("sqlite"):
        connect_args["timeout"] = busy_timeout_s
    engine = create_engine(url, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, busy_timeout_s)
    elif engine.dialect.name == "postgresql":
        _configure_postgresql(engine, busy_timeout_s)
    return engine


def _is_busy(exc: OperationalError) -> bool:
    """Whether ``exc`` is a writer giving up on the lock that another writer holds."""
    cause = exc.orig
    if isinstance(cause, sqlite3.OperationalError):
        return "locked" in str(cause) or "busy" in str(cause)
    return getattr(cause, "sqlstate", None) == _PG_LOCK_NOT_AVAILABLE


def alembic_config(connection: Any) -> Any:
    """Alembic's configuration, built in code so that it works from an installed package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one write transaction (DDL is transactional)."""
    from alembic import command

    with engine.execution_options(**{_WRITE: True}).begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, or ``None`` for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def shown_url(url: str) -> str:
    """``url`` as lumbar shows it (errors, the web's About page): any password masked.

    A PostgreSQL URL may carry the password of its role; it must not reach a terminal,
    a log or a web page. A text that is not a URL is shown as it is.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    # Rendering again may quote characters of a path: only a URL with a password is.
    return url if parsed.password is None else parsed.render_as_string(hide_password=True)


class Journal:
    """An open journal: an engine and the transactions to read and write it.

    Attributes:
        url: the database URL (``sqlite:///...`` or ``postgresql+psycopg://...``).
        engine: the SQLAlchemy engine.
        busy_timeout_s: how long a write waits for another writer before it is refused.
    """

    def __init__(self, url: str, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.url = url
        self.busy_timeout_s = busy_timeout_s
        self.engine = _make_engine(url, busy_timeout_s)
        self._writer = self.engine.execution_options(**{_WRITE: True})

    @property
    def is_sqlite(self) -> bool:
        """Whether the journal is an SQLite database."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; whatever it changes is discarded when it closes.

        Rows read stay usable after the block (closing detaches them without
        expiring what was loaded).
        """
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back if it raises.

        Raises:
            JournalStoreError: another writer held the journal longer than
                ``busy_timeout_s``; nothing was written.
        """
        try:
            with Session(self._writer, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:
            if not _is_busy(exc):
                raise
            raise JournalStoreError(
                f"the journal {shown_url(self.url)} is busy: another lumbar has been writing to "
                f"it for more than {self.busy_timeout_s:g} s; nothing was written, try again"
            ) from exc

    def backup(self, destination: Path) -> None:
        """Copy the whole journal to ``destination`` with SQLite's online backup API.

        The copy is consistent even while another process writes the journal.

        Raises:
            JournalStoreError: for a database that is not SQLite, or when the copy fails.
        """
        if not self.is_sqlite:
            raise JournalStoreError(
                f"backup copies SQLite journals only; {self.engine.dialect.name} databases "
                "are backed up with their own tools (pg_dump for PostgreSQL)"
            )
        raw = self.engine.raw_connection()
        try:
            target = sqlite3.connect(str(destination))
            try:
                raw.driver_connection.backup(target)  # type: ignore[union-attr]
            finally:
                target.close()
        except sqlite3.Error as exc:
            raise JournalStoreError(f"{destination}: backup failed: {exc}") from exc
        finally:
            raw.close()

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def open_journal(url: str, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Journal:
    """Open the journal at ``url``, creating or upgrading its schema as needed.

    ``busy_timeout_s`` is how long each write waits for another writer (see Journal).

    Raises:
        JournalStoreError: when the database cannot be reached, or was written by a
            newer lumbar (a schema revision this one does not know).
    """
    from sqlalchemy.exc import SQLAlchemyError

    journal = Journal(url, busy_timeout_s)
    try:
        revision = current_revision(journal.engine)
        if revision != HEAD_REVISION:
            from alembic.util import CommandError

            try:
                upgrade(journal.engine)
            except CommandError as exc:
                raise JournalStoreError(
                    f"the journal {shown_url(url)} has schema revision {revision!r}, which this "
                    "lumbar does not know; upgrade lumbar to open it"
                ) from exc
    except SQLAlchemyError as exc:
        journal.close()
        reason = getattr(exc, "orig", None) or exc
        raise JournalStoreError(f"cannot open the journal {shown_url(url)}: {reason}") from exc
    except JournalStoreError:
        journal.close()
        raise
    return journal
