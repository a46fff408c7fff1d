"""The REST API of the journal: people, sessions (CRUD) and check-ins (CRUD).

Sessions and check-ins are answered in the shape of the journal export
(CONTRACT.md, ``lumbar.journal/1``); ids are strings there and integers in paths.
Each endpoint acts for ``person`` when given, else for the current person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse, Response

from lumbar.web.errors import InvalidInputError, NotFoundError
from lumbar.web.journal_access import person_or_none
from lumbar.web.routes.api_core import ERROR_RESPONSES
from lumbar.web.routes.deps import Id, access, now_local
from lumbar.web.session_input import (
    CheckinIn,
    CheckinPatch,
    PersonIn,
    SessionIn,
    SessionPatch,
    check_pain,
    to_record,
    to_sets,
)

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

FIRST = Query(None, alias="from", description="First day, inclusive (YYYY-MM-DD).")
LAST = Query(None, alias="to", description="Last day, inclusive (YYYY-MM-DD).")
PERSON = Query(None, max_length=200, description="Whose entries (default: the current person).")


def _person(db: Any, name: str | None) -> Any:
    person = person_or_none(db, name)
    if person is None:
        raise NotFoundError("nobody is chosen in this journal: pass ?person=NAME", "person")
    return person


def _listed(
    request: Request,
    person: str | None,
    first: dt.date | None,
    last: dt.date | None,
    between: Callable[[Any, list[int], dt.date | None, dt.date | None], Iterable[Any]],
    doc: Callable[[Any], dict[str, Any]],
) -> JSONResponse:
    """The person's entries from ``first`` to ``last`` (read by ``between``), each as ``doc``."""
    with access(request).reading() as db:
        owner = _person(db, person)
        return JSONResponse([doc(row) for row in between(db, [owner.id], first, last)])


def _person_doc(person: Any, current: Any) -> dict[str, Any]:
    return {
        "id": str(person.id),
        "name": person.name,
        "profile": dict(person.profile or {}),
        "current": current is not None and current.id == person.id,
    }


@router.get("/people", tags=["people"], summary="Everyone in the journal")
def list_people_api(request: Request) -> JSONResponse:
    """Everyone in the journal, in the order they were added; ``current`` marks the chosen one."""
    from lumbar.store.people import list_people

    with access(request).reading() as db:
        current = person_or_none(db)
        return JSONResponse([_person_doc(p, current) for p in list_people(db)])


@router.post("/people", status_code=201, tags=["people"], summary="Add a person")
def add_person_api(request: Request, body: PersonIn) -> JSONResponse:
    """Add a person with a contract profile (the first person becomes current)."""
    from lumbar.web.routes.people import add_person_checked

    with access(request).writing() as db:
        person = add_person_checked(db, body.name, body.profile)
        current = person_or_none(db)
        return JSONResponse(_person_doc(person, current), status_code=201)


@router.put("/people/current", tags=["people"], summary="Choose the current person")
def use_person_api(request: Request, body: PersonIn) -> JSONResponse:
    """Make the person called ``name`` current (``profile`` is ignored)."""
    from lumbar.store.people import set_current_person

    with access(request).writing() as db:
        person = set_current_person(db, body.name)
        return JSONResponse(_person_doc(person, person))


@router.get("/sessions", tags=["sessions"], summary="Sessions between two days")
def list_sessions_api(
    request: Request,
    first: dt.date | None = FIRST,
    last: dt.date | None = LAST,
    person: str | None = PERSON,
) -> JSONResponse:
    """The person's sessions with their sets, oldest first, in the journal export's shape."""
    from lumbar.journal.document import session_doc
    from lumbar.store.entries import sessions_between

    return _listed(request, person, first, last, sessions_between, session_doc)


@router.post("/sessions", status_code=201, tags=["sessions"], summary="Log a session")
def add_session_api(request: Request, body: SessionIn) -> JSONResponse:
    """Log a session with its sets; refused (409) when one of that type starts at that time."""
    from lumbar.journal.document import session_doc
    from lumbar.journal.manual import log_session

    with access(request).writing() as db:
        row = log_session(db, _person(db, body.person), to_record(body))
        return JSONResponse(session_doc(row), status_code=201)


@router.get("/sessions/{session_id}", tags=["sessions"], summary="One session")
def get_session_api(request: Request, session_id: Id) -> JSONResponse:
    """One session with its sets."""
    from lumbar.journal.document import session_doc
    from lumbar.store.entries import get_session

    with access(request).reading() as db:
        return JSONResponse(session_doc(get_session(db, session_id)))


@router.patch("/sessions/{session_id}", tags=["sessions"], summary="Change a session")
def patch_session_api(request: Request, session_id: Id, body: SessionPatch) -> JSONResponse:
    """Change the fields sent; a field sent as ``null`` becomes unknown.

    ``sets``, when sent, replaces all the session's sets, as they are sent when logging
    one; ``[]`` or ``null`` removes them. The session keeps its source.
    """
    from lumbar.journal.document import session_doc
    from lumbar.journal.manual import edit_sets
    from lumbar.store.entries import get_session, update_session
    from lumbar.web.session_input import WEB_SOURCE

    changes = body.model_dump(exclude_unset=True, exclude={"sets"})
    for required in ("start", "type"):
        if required in changes and changes[required] is None:
            raise InvalidInputError("cannot be removed", required)
    with access(request).writing() as db:
        row = get_session(db, session_id)
        update_session(db, row, changes)
        if "sets" in body.model_fields_set:
            edit_sets(db, row, to_sets(body.sets or []), WEB_SOURCE)
        return JSONResponse(session_doc(row))


@router.delete("/sessions/{session_id}", status_code=204, tags=["sessions"])
def delete_session_api(request: Request, session_id: Id) -> Response:
    """Delete a session and its sets."""
    from lumbar.journal.manual import delete_session

    with access(request).writing() as db:
        delete_session(db, session_id)
    return Response(status_code=204)


@router.get("/checkins", tags=["checkins"], summary="Check-ins between two days")
def list_checkins_api(
    request: Request,
    first: dt.date | None = FIRST,
    last: dt.date | None = LAST,
    person: str | None = PERSON,
) -> JSONResponse:
    """The person's check-ins with their assessments, oldest first."""
    from lumbar.journal.document import checkin_doc
    from lumbar.store.entries import checkins_between

    return _listed(request, person, first, last, checkins_between, checkin_doc)


@router.post("/checkins", status_code=201, tags=["checkins"], summary="Assess and store a check-in")
def add_checkin_api(request: Request, body: CheckinIn) -> JSONResponse:
    """Assess the check-in against the journal's history and store both.

    The check-in is the contract's document (its ``history`` comes from the journal);
    ``after_session`` names the journal session the pain followed.
    """
    from lumbar.journal.document import checkin_doc
    from lumbar.journal.manual import save_checkin

    with access(request).writing() as db:
        owner = _person(db, body.person)
        row = save_checkin(db, owner, body.checkin, now_local(), body.after_session)
        return JSONResponse(checkin_doc(row), status_code=201)


@router.get("/checkins/{checkin_id}", tags=["checkins"], summary="One check-in")
def get_checkin_api(request: Request, checkin_id: Id) -> JSONResponse:
    """One stored check-in and its assessment."""
    from lumbar.journal.document import checkin_doc
    from lumbar.store.entries import get_checkin

    with access(request).reading() as db:
        return JSONResponse(checkin_doc(get_checkin(db, checkin_id)))


@router.patch("/checkins/{checkin_id}", tags=["checkins"], summary="Change a check-in")
def patch_checkin_api(request: Request, checkin_id: Id, body: CheckinPatch) -> JSONResponse:
    """Change the day, the warning signs, pain fields, the workout or the profile; the
    check-in is assessed again."""
    from lumbar.journal.document import checkin_doc
    from lumbar.journal.manual import edit_checkin

    changes = body.model_dump(exclude_unset=True, mode="json")
    if changes.get("pain") is not None:
        check_pain(changes["pain"])
        if "nrs" in changes["pain"] and changes["pain"]["nrs"] is None:
            raise InvalidInputError(
                "cannot be removed: every check-in has a pain score", "pain.nrs"
            )
    else:
        changes.pop("pain", None)
    with access(request).writing() as db:
        return JSONResponse(checkin_doc(edit_checkin(db, checkin_id, changes)))


@router.delete("/checkins/{checkin_id}", status_code=204, tags=["checkins"])
def delete_checkin_api(request: Request, checkin_id: Id) -> Response:
    """Delete a check-in and its stored assessment."""
    from lumbar.journal.manual import delete_checkin

    with access(request).writing() as db:
        delete_checkin(db, checkin_id)
    return Response(status_code=204)
