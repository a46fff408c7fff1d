"""What the journal commands share at the edge: opening the journal, reading times, errors.

Domain errors become one clear line on standard error and an exit status — 2 for
input that is refused (a bad value, a malformed time), 1 for a journal that cannot
do what was asked (no such id, a name taken) — never a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from lumbar.journal.settings import DB_ENV, DB_HELP

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.store.engine import Journal

__all__ = [
    "EXIT_JOURNAL",
    "EXIT_REFUSED",
    "Db",
    "OutputFormat",
    "PersonOpt",
    "at_edge",
    "console",
    "fail",
    "now_local",
    "open_db",
    "parse_day",
    "parse_when",
    "print_json",
    "reading",
    "writing",
]

EXIT_REFUSED = 2
EXIT_JOURNAL = 1

# Options that every journal command shares.
Db = Annotated[str | None, typer.Option("--db", envvar=DB_ENV, help=DB_HELP, show_envvar=True)]
PersonOpt = Annotated[
    str | None, typer.Option("--person", help="Whose entries (default: the current person).")
]
OutputFormat = Annotated[Literal["text", "json"], typer.Option("--format", help="text or json.")]


def print_json(value: Any) -> None:
    """One JSON document on one line of standard output."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


def console() -> Any:
    """A Rich console on standard output."""
    from rich.console import Console

    return Console()


def fail(message: str, status: int) -> typer.Exit:
    """Print ``error: message`` on standard error; the caller raises the returned Exit."""
    print(f"error: {message}", file=sys.stderr)
    return typer.Exit(status)


@contextmanager
def at_edge() -> Iterator[None]:
    """Turn the journal's domain errors raised in the block into a message and an exit status."""
    from lumbar.errors import InputError
    from lumbar.ingest.records import ImportFileError
    from lumbar.store.errors import JournalStoreError

    try:
        yield
    except (InputError, ImportFileError, ValueError) as exc:
        raise fail(str(exc), EXIT_REFUSED) from None
    except JournalStoreError as exc:
        raise fail(str(exc), EXIT_JOURNAL) from None


def open_db(db: str | None) -> Journal:
    """Open the journal chosen by ``--db`` / ``LUMBAR_DB`` / the default file.

    Raises:
        ValueError: an empty ``--db`` value.
        JournalStoreError: the journal cannot be opened.
    """
    from lumbar.journal.settings import JournalSettings
    from lumbar.store.engine import open_journal

    return open_journal(JournalSettings.resolve(db).database_url)


@contextmanager
def _opened(db: str | None, write: bool) -> Iterator[Session]:
    journal = open_db(db)
    try:
        with journal.writing() if write else journal.reading() as session:
            yield session
    finally:
        journal.close()


def writing(db: str | None) -> AbstractContextManager[Session]:
    """One write transaction on the journal chosen by ``db``, closed afterwards."""
    return _opened(db, write=True)


def reading(db: str | None) -> AbstractContextManager[Session]:
    """A read-only session on the journal chosen by ``db``, closed afterwards."""
    return _opened(db, write=False)


def now_local() -> dt.datetime:
    """Now, with the machine's UTC offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def parse_when(text: str, option: str) -> dt.datetime:
    """An ISO date or date-time (``2025-09-23``, ``2025-09-23T07:48``, with or without offset).

    A time without an offset stays naive (local wall-clock time, as the person typed it).

    Raises:
        ValueError: naming the option and the expected form.
    """
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{option}: expected a date or date-time like 2025-09-23 or 2025-09-23T07:48, "
            f"got {text!r}"
        ) from None


def parse_day(text: str | None, option: str) -> dt.date | None:
    """An ISO date (``2025-09-23``), or ``None`` when not given.

    Raises:
        ValueError: naming the option and the expected form.
    """
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{option}: expected a date like 2025-09-23, got {text!r}") from None
