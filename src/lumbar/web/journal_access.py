"""The web app's door to the journal: opened once, on first use, with domain errors translated.

The store and the importers are other packages of lumbar; the web app uses their
public functions only. When the store cannot be imported or the journal cannot be
opened, the pages that need it say so plainly (503 with the reason) while the
check-in, the sources and the about page keep working.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from lumbar.web.errors import (
    BadRequestError,
    ConflictError,
    InvalidInputError,
    NotAvailableError,
    NotFoundError,
    WebError,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.store.engine import Journal
    from lumbar.store.tables import Person

__all__ = ["JournalAccess", "person_or_none", "profile_of", "translate", "translated"]


def translate(exc: BaseException) -> WebError | None:
    """The web error for a domain error of the engine, the store or the importers, if it is one."""
    from lumbar.errors import InputError

    if isinstance(exc, WebError):
        return exc
    if isinstance(exc, InputError):
        return InvalidInputError(exc.reason, exc.field)
    try:
        from lumbar.ingest.records import ImportFileError
        from lumbar.store.errors import ConflictError as StoreConflict
        from lumbar.store.errors import JournalStoreError
        from lumbar.store.errors import NotFoundError as StoreNotFound
    except ImportError:  # pragma: no cover - only while those packages are missing
        return None
    if isinstance(exc, StoreNotFound):
        return NotFoundError(str(exc))
    if isinstance(exc, StoreConflict):
        return ConflictError(str(exc))
    if isinstance(exc, JournalStoreError):
        return NotAvailableError(str(exc), "journal")
    if isinstance(exc, ImportFileError):
        return BadRequestError(str(exc), exc.field)
    return None


class JournalAccess:
    """Opens the journal named by ``db`` (``--db``, ``LUMBAR_DB`` or the default) on first use.

    Attributes:
        db: the ``--db`` value, or ``None`` for the usual choice.
    """

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._journal: Journal | None = None
        self._lock = threading.Lock()

    @property
    def location(self) -> str:
        """Where the journal is (its URL, any password masked), for the About page."""
        try:
            from lumbar.journal.settings import JournalSettings
            from lumbar.store.engine import shown_url

            return shown_url(JournalSettings.resolve(self.db).database_url)
        except (ImportError, ValueError) as exc:
            return f"unavailable ({exc})"

    def journal(self) -> Journal:
        """The open journal.

        Raises:
            NotAvailableError: the store is not installed or the journal cannot be opened.
        """
        if self._journal is not None:
            return self._journal
        with self._lock:
            if self._journal is None:
                self._journal = self._open()
        return self._journal

    def _open(self) -> Journal:
        try:
            from lumbar.journal.settings import JournalSettings
            from lumbar.store.engine import open_journal
            from lumbar.store.errors import JournalStoreError
        except ImportError as exc:
            raise NotAvailableError(f"the journal store is not installed ({exc.name})") from exc
        try:
            return open_journal(JournalSettings.resolve(self.db).database_url)
        except (JournalStoreError, ValueError, OSError) as exc:
            raise NotAvailableError(f"the journal cannot be opened: {exc}", "journal") from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session; domain errors become web errors."""
        with translated(), self.journal().reading() as db:
            yield db

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction; domain errors roll it back and become web errors."""
        with translated(), self.journal().writing() as db:
            yield db

    def current_name(self) -> str | None:
        """The current person's name, or ``None`` when there is none or no journal."""
        try:
            with self.reading() as db:
                person = person_or_none(db)
                return person.name if person is not None else None
        except WebError:
            return None

    def close(self) -> None:
        """Release the journal's connections."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None


@contextmanager
def translated() -> Iterator[None]:
    """Re-raise the domain errors of the block as web errors (others pass unchanged)."""
    try:
        yield
    except WebError:
        raise
    except Exception as exc:
        web = translate(exc)
        if web is None:
            raise
        raise web from exc


def person_or_none(db: Session, name: str | None = None) -> Person | None:
    """The person a page is about: ``name``, else the current one, else the only one.

    Returns ``None`` when the journal has nobody yet, or several people and none chosen.

    Raises:
        NotFoundError: ``name`` is given and nobody has it.
    """
    from lumbar.store.errors import ConflictError as StoreConflict
    from lumbar.store.errors import NotFoundError as StoreNotFound
    from lumbar.store.people import choose_person

    try:
        return choose_person(db, name)
    except StoreNotFound as exc:
        if name is not None:
            raise NotFoundError(str(exc), "person") from exc
        return None
    except StoreConflict:  # several people and none chosen: the page asks to choose
        return None


def profile_of(person: Person | None) -> dict[str, Any]:
    """The person's stored profile (contract fields), or an empty one."""
    return dict(person.profile or {}) if person is not None else {}
