"""What the routes share: the journal door, today's date, the person a page is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

from fastapi import Path
from starlette.requests import Request

from lumbar.web.errors import NotAvailableError
from lumbar.web.journal_access import JournalAccess, person_or_none

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.store.tables import Person

__all__ = ["MAX_ID", "Id", "access", "now_local", "optional_journal", "text_form", "today"]

MAX_ID = 2**63 - 1
"""The largest id a journal row can have (a signed 64-bit integer)."""
Id = Annotated[int, Path(ge=1, le=MAX_ID, description="The entry's id.")]


def access(request: Request) -> JournalAccess:
    """The app's journal door."""
    door: JournalAccess = request.app.state.journal_access
    return door


def now_local() -> dt.datetime:
    """Now, with the machine's UTC offset, to the second (when a check-in is recorded)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def today() -> dt.date:
    """The local date, taken here at the edge so that the views stay pure."""
    return dt.date.today()


@contextmanager
def optional_journal(
    request: Request, person: str | None = None
) -> Iterator[tuple[Session | None, Person | None]]:
    """A read session and the page's person, or ``(None, None)`` when the journal is unavailable.

    For pages that work without the journal (the check-in): they lose only what the
    journal would add.
    """
    door = access(request)
    try:
        door.journal()
    except NotAvailableError:
        yield None, None
        return
    with door.reading() as db:
        yield db, person_or_none(db, person)


async def text_form(request: Request, max_fields: int = 500) -> dict[str, list[str]]:
    """The submitted form's text fields (``name → values``); a form holding files is refused.

    The form is closed before returning, so that nothing it spooled is left open.
    """
    from lumbar.web.checkin_form import form_values

    async with request.form(max_files=0, max_fields=max_fields) as form:
        return form_values(form)
