"""The check-in pages: the form, the live warning-sign alert, and the result.

``POST /checkin/flags`` is called by HTMX each time the form changes: it assesses
what has been entered so far and answers the emergency or urgent advice at once
(an empty fragment otherwise). Without JavaScript the same advice heads the result
page after submitting, before anything else.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from lumbar.errors import InputError
from lumbar.web.checkin_form import after_session, assess_leniently, read_checkin
from lumbar.web.errors import InvalidInputError, NotAvailableError, NotFoundError
from lumbar.web.journal_access import person_or_none, profile_of
from lumbar.web.rendering import present, render_html
from lumbar.web.routes.deps import access, now_local, optional_journal, text_form, today
from lumbar.web.views.assessment import assessment_view
from lumbar.web.views.checkin import (
    CheckinFormPage,
    CheckinResultPage,
    FieldProblem,
    SessionChoice,
    checkin_form_page,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.store.tables import Person

__all__ = ["router"]

router = APIRouter()

RECENT_DAYS = 14
"""How far back the sessions offered as "the workout it followed" go."""


def _recent_sessions(
    db: Session | None, person: Person | None, day: dt.date
) -> list[SessionChoice]:
    if db is None or person is None:
        return []
    from lumbar.store.entries import sessions_between

    rows = sessions_between(db, [person.id], day - dt.timedelta(days=RECENT_DAYS), day)
    return [
        SessionChoice(
            id=row.id,
            label=f"{row.start_local:%a %d %b %H:%M} · {row.type}"
            + (f" · {row.name}" if row.name else ""),
        )
        for row in reversed(rows)
    ]


def _form_page(
    request: Request,
    values: dict[str, list[str]] | None = None,
    problem: FieldProblem | None = None,
) -> CheckinFormPage:
    day = today()
    with optional_journal(request) as (db, person):
        return checkin_form_page(
            person=person.name if person else None,
            saved_profile=profile_of(person),
            sessions=_recent_sessions(db, person, day),
            today=day,
            values=values,
            problem=problem,
        )


@router.get("/checkin", include_in_schema=False)
@router.get("/checkin.json", response_model=CheckinFormPage, tags=["pages"])
def checkin_form(request: Request) -> Response:
    """The check-in form: warning signs first, then the pain, the workout and you."""
    return present(request, "checkin.html", _form_page(request))


def _assess_and_maybe_save(
    request: Request, checkin: dict[str, Any], session_id: int | None, save: bool
) -> tuple[dict[str, Any], int | None, str | None]:
    """The assessment; stored in the person's journal when there is one and ``save``."""
    from lumbar import assess

    door = access(request)
    try:
        door.journal()
    except NotAvailableError:
        if session_id is not None:
            raise
        return assess(checkin, today()).model_dump(mode="json"), None, None
    with door.writing() as db:
        person = person_or_none(db)
        if person is None or not save:
            if session_id is not None:
                raise InputError("workout.session", "choose a person before linking a session")
            return assess(checkin, today()).model_dump(mode="json"), None, None
        from lumbar.journal.manual import save_checkin

        if "profile" in checkin and person.profile:
            # What the form gives completes the saved profile rather than replacing it.
            checkin = checkin | {"profile": dict(person.profile) | checkin["profile"]}
        row = save_checkin(db, person, checkin, now_local(), session_id)
        return dict(row.assessment), row.id, person.name


@router.post("/checkin", include_in_schema=False)
async def checkin_submit(request: Request) -> Response:
    """Assess the submitted check-in (and store it in the journal); show the result."""
    values = await text_form(request)
    try:
        checkin = read_checkin(values)
        session_id = after_session(values)
        save = bool(values.get("save")) or "save_choice" not in values
        assessment, saved_id, person = _assess_and_maybe_save(request, checkin, session_id, save)
    except (InputError, InvalidInputError, NotFoundError) as exc:
        field = exc.field or ("workout.session" if isinstance(exc, NotFoundError) else "")
        problem = FieldProblem(field=field, reason=exc.reason if exc.field else str(exc))
        page = _form_page(request, values, problem)
        return render_html(request, "checkin.html", status=422, page=page)
    result = CheckinResultPage(
        result=assessment_view(assessment), checkin=checkin, saved_id=saved_id, person=person
    )
    return render_html(request, "checkin_result.html", page=result)


@router.post("/checkin/flags", include_in_schema=False)
async def checkin_flags(request: Request) -> HTMLResponse:
    """The alert for the form as filled so far: emergency or urgent advice, or nothing."""
    from lumbar import assess

    values = await text_form(request)
    assessment = assess_leniently(values, lambda doc: assess(doc, today()))
    view = assessment_view(assessment.model_dump(mode="json"))
    return render_html(request, "_flag_alert.html", result=view)
