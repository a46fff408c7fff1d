"""The People page: everyone in the journal, switching the current person, adding someone."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from lumbar.errors import InputError
from lumbar.web.checkin_form import read_profile
from lumbar.web.errors import ConflictError, InvalidInputError
from lumbar.web.rendering import present, render_html
from lumbar.web.routes.deps import Id, access, text_form
from lumbar.web.views.checkin import FieldProblem
from lumbar.web.views.people import PeoplePage, people_page

__all__ = ["router"]

router = APIRouter()


@router.get("/people", include_in_schema=False)
@router.get("/people.json", response_model=PeoplePage, tags=["pages"])
def people(request: Request) -> Response:
    """Everyone in the journal; the current person is marked."""
    with access(request).reading() as db:
        return present(request, "people.html", people_page(db))


def add_person_checked(db: Any, name: str, profile: dict[str, Any]) -> Any:
    """Add a person whose profile follows the contract, making them current if first.

    Raises:
        InputError: a profile value outside the contract.
        ConflictError: the name is empty or taken.
    """
    from lumbar.journal.cli_people import checked_profile
    from lumbar.store.people import add_person, list_people, set_current_person

    clean = checked_profile(profile)
    first = not list_people(db)
    person = add_person(db, name, clean)
    if first:
        set_current_person(db, person.name)
    return person


@router.post("/people", include_in_schema=False)
async def people_add(request: Request) -> Response:
    """Add a person from the form; back to the page (with the problem, if refused)."""
    values = await text_form(request, max_fields=200)
    name = (values.get("name") or [""])[-1].strip()
    door = access(request)
    try:
        profile = read_profile(values)
        with door.writing() as db:
            add_person_checked(db, name, profile)
    except (InputError, InvalidInputError, ConflictError) as exc:
        field = getattr(exc, "field", "") or "name"
        problem = FieldProblem(field=field, reason=getattr(exc, "reason", str(exc)))
        with door.reading() as db:
            page = people_page(db, values, problem)
        return render_html(request, "people.html", status=422, page=page)
    return RedirectResponse("/people", status_code=303)


@router.post("/people/{person_id}/use", include_in_schema=False)
def people_use(request: Request, person_id: Id) -> Response:
    """Make this person the current one (for the pages and the CLI alike)."""
    from lumbar.store.people import set_current_person
    from lumbar.store.tables import Person
    from lumbar.web.errors import NotFoundError

    with access(request).writing() as db:
        person = db.get(Person, person_id)
        if person is None:
            raise NotFoundError(f"no person with id {person_id}", "person")
        set_current_person(db, person.name)
    return RedirectResponse("/", status_code=303)
