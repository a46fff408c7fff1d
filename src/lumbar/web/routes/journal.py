"""The Journal pages: sessions and check-ins by date, and adding, editing, deleting them.

Every change is a POST from a form carrying the CSRF token, answered by a redirect
(303) to the page that shows the result; a refused form is shown again with the
problem and what was entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from lumbar.errors import InputError
from lumbar.web.errors import ConflictError, InvalidInputError, NotFoundError
from lumbar.web.journal_access import person_or_none
from lumbar.web.rendering import present, render_html
from lumbar.web.routes.deps import Id, access, now_local, text_form
from lumbar.web.session_input import (
    SessionIn,
    SessionPatch,
    SetIn,
    check_pain,
    checked,
    session_from_form,
    sets_from_form,
    to_record,
    to_sets,
)
from lumbar.web.views.checkin import FieldProblem, choices
from lumbar.web.views.journal import (
    CheckinDetail,
    JournalPage,
    SessionDetail,
    checkin_detail,
    journal_page,
    session_detail,
)

if TYPE_CHECKING:
    from pydantic import BaseModel
    from sqlalchemy.orm import Session

__all__ = ["no_person", "router"]

router = APIRouter()


def no_person(request: Request) -> Response:
    """The page shown where a person is needed and nobody is chosen (404 for ``.json``)."""
    if request.url.path.endswith(".json"):
        raise NotFoundError(
            "nobody is chosen in this journal yet: add or choose a person", "person"
        )
    return render_html(request, "no_person.html")


def _problem(exc: Exception) -> FieldProblem:
    field = getattr(exc, "field", "") or ""
    return FieldProblem(field=field, reason=getattr(exc, "reason", None) or str(exc))


def _show_again(
    request: Request,
    template: str,
    detail: Callable[[Session, int, FieldProblem], BaseModel],
    entry_id: int,
    exc: Exception,
) -> Response:
    """The entry's edit page shown again (422) with what was wrong with the form."""
    with access(request).reading() as db:
        page = detail(db, entry_id, _problem(exc))
    return render_html(request, template, status=422, page=page)


@router.get("/journal", include_in_schema=False)
@router.get("/journal.json", response_model=JournalPage, tags=["pages"])
def journal(
    request: Request,
    first: dt.date | None = Query(None, alias="from", description="First day (inclusive)."),
    last: dt.date | None = Query(None, alias="to", description="Last day (inclusive)."),
) -> Response:
    """The current person's sessions and check-ins, newest first, filtered by dates."""
    with access(request).reading() as db:
        person = person_or_none(db)
        if person is None:
            return no_person(request)
        return present(request, "journal.html", journal_page(db, person, first, last))


def _new_session_page(
    request: Request, values: dict[str, list[str]], problem: FieldProblem | None, status: int
) -> Response:
    options = choices()
    return render_html(
        request,
        "session_new.html",
        status=status,
        values=values,
        problem=problem,
        types=options["workout.type"],
        surfaces=options["workout.surface"],
        now=now_local().replace(tzinfo=None).isoformat(timespec="minutes"),
    )


@router.get("/journal/sessions/new", include_in_schema=False)
def session_new(request: Request) -> Response:
    """The form to log a session by hand."""
    return _new_session_page(request, {}, None, 200)


@router.post("/journal/sessions", include_in_schema=False)
async def session_create(request: Request) -> Response:
    """Log the session of the form in the current person's journal."""
    from lumbar.ingest.records import ImportFileError
    from lumbar.journal.manual import log_session

    values = await text_form(request, max_fields=200)
    try:
        session = checked(SessionIn, session_from_form(values, new=True))
        with access(request).writing() as db:
            person = person_or_none(db)
            if person is None:
                raise InvalidInputError("add or choose a person before logging a session", "person")
            row = log_session(db, person, to_record(session))
            new_id = row.id
    except (InputError, InvalidInputError, ConflictError, ImportFileError) as exc:
        return _new_session_page(request, values, _problem(exc), 422)
    return RedirectResponse(f"/journal/sessions/{new_id}", status_code=303)


@router.get("/journal/sessions/{session_id}", include_in_schema=False)
@router.get("/journal/sessions/{session_id}.json", response_model=SessionDetail, tags=["pages"])
def session_page(request: Request, session_id: Id) -> Response:
    """One session, its sets, and its edit form."""
    with access(request).reading() as db:
        return present(request, "session.html", session_detail(db, session_id))


def _changes(values: dict[str, Any], row: Any) -> dict[str, Any]:
    """The session form's changes to ``row``.

    The form shows the start as local wall-clock time, to the minute. When it comes back
    unchanged the start is left alone (seconds and UTC offset kept); when it changed, the
    session keeps its UTC offset, if it had one.
    """
    patch = checked(SessionPatch, values)
    changes = patch.model_dump(exclude={"end", "sets"})
    start = changes["start"]
    if start is None:
        raise InputError("start", "is required: when did the session start?")
    if changes["type"] is None:
        raise InputError("type", "is required")
    if start.tzinfo is None and start == row.start_local.replace(second=0, microsecond=0):
        del changes["start"]
    elif start.tzinfo is None and row.start_offset_min is not None:
        offset = dt.timezone(dt.timedelta(minutes=row.start_offset_min))
        changes["start"] = start.replace(tzinfo=offset)
    return changes


def _typed_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _edited_sets(values: dict[str, list[str]], row: Any) -> list[SetIn] | None:
    """The sets of the edit form when its ``exercises`` text changed; ``None`` to keep them.

    Only a changed text replaces the sets: the text cannot say everything a set may
    hold (set types, RPE, distances from an import), and saving the other fields must
    not lose it. A form without the text (an older page) keeps the sets too.
    """
    from lumbar.journal.set_notation import format_sets

    if "exercises" not in values:
        return None
    shown, _ = format_sets(row.sets)
    if _typed_lines((values["exercises"] or [""])[-1]) == _typed_lines("\n".join(shown)):
        return None
    return sets_from_form(values)


@router.post("/journal/sessions/{session_id}", include_in_schema=False)
async def session_update(request: Request, session_id: Id) -> Response:
    """Save the edit form of a session, its sets included."""
    from lumbar.ingest.records import ImportFileError
    from lumbar.journal.manual import edit_sets
    from lumbar.store.entries import get_session, update_session
    from lumbar.web.session_input import WEB_SOURCE

    values = await text_form(request, max_fields=200)
    try:
        with access(request).writing() as db:
            row = get_session(db, session_id)
            sets = _edited_sets(values, row)
            update_session(db, row, _changes(session_from_form(values, new=False), row))
            if sets is not None:
                edit_sets(db, row, to_sets(sets), WEB_SOURCE)
    except (InputError, InvalidInputError, ConflictError, ImportFileError) as exc:
        return _show_again(request, "session.html", session_detail, session_id, exc)
    return RedirectResponse(f"/journal/sessions/{session_id}", status_code=303)


@router.post("/journal/sessions/{session_id}/delete", include_in_schema=False)
def session_delete(request: Request, session_id: Id) -> Response:
    """Delete a session and its sets."""
    from lumbar.journal.manual import delete_session

    with access(request).writing() as db:
        delete_session(db, session_id)
    return RedirectResponse("/journal", status_code=303)


@router.get("/journal/checkins/{checkin_id}", include_in_schema=False)
@router.get("/journal/checkins/{checkin_id}.json", response_model=CheckinDetail, tags=["pages"])
def checkin_page(request: Request, checkin_id: Id) -> Response:
    """One stored check-in with its assessment, and its edit form."""
    with access(request).reading() as db:
        return present(request, "checkin_detail.html", checkin_detail(db, checkin_id))


def _replacing(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The changes that turn check-in ``old`` into ``new``: a part or pain field that
    the form left empty is removed (it becomes not known); an empty day keeps the
    stored one."""
    changes: dict[str, Any] = {
        "pain": dict.fromkeys(old.get("pain", {})) | new["pain"],
        **{part: new.get(part) for part in ("symptoms", "workout", "profile")},
    }
    if "date" in new:
        changes["date"] = new["date"]
    return changes


@router.post("/journal/checkins/{checkin_id}", include_in_schema=False)
async def checkin_update(request: Request, checkin_id: Id) -> Response:
    """Replace a check-in's answers with the form's; it is assessed again."""
    from lumbar.journal.manual import edit_checkin
    from lumbar.store.entries import get_checkin
    from lumbar.web.checkin_form import read_checkin

    values = await text_form(request, max_fields=200)
    try:
        checkin = read_checkin(values)
        check_pain(checkin["pain"])
        day = checkin.get("date")
        if day is not None:
            try:
                checkin["date"] = dt.date.fromisoformat(day).isoformat()
            except ValueError:
                raise InputError("date", f"must be an ISO date (YYYY-MM-DD), got {day!r}") from None
        with access(request).writing() as db:
            stored = get_checkin(db, checkin_id).checkin
            edit_checkin(db, checkin_id, _replacing(stored, checkin))
    except (InputError, InvalidInputError) as exc:
        with access(request).reading() as db:
            page = checkin_detail(db, checkin_id, _problem(exc), values)
        return render_html(request, "checkin_detail.html", status=422, page=page)
    return RedirectResponse(f"/journal/checkins/{checkin_id}", status_code=303)


@router.post("/journal/checkins/{checkin_id}/delete", include_in_schema=False)
def checkin_delete(request: Request, checkin_id: Id) -> Response:
    """Delete a check-in and its stored assessment."""
    from lumbar.journal.manual import delete_checkin

    with access(request).writing() as db:
        delete_checkin(db, checkin_id)
    return RedirectResponse("/journal", status_code=303)
