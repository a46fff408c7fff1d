"""The people page: who is in the journal, who is current, and adding someone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import func, select

from lumbar.store.people import list_people
from lumbar.store.tables import CheckInRow, TrainingSession
from lumbar.web.journal_access import person_or_none
from lumbar.web.views.checkin import Choice, FieldProblem, choices

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["PeoplePage", "PersonRow", "people_page"]


class PersonRow(BaseModel):
    """One person: name, profile, how much the journal holds, and whether they are current."""

    id: int
    name: str
    profile: dict[str, Any]
    sessions: int
    checkins: int
    current: bool


class PeoplePage(BaseModel):
    """Everyone in the journal, and the form to add someone.

    Attributes:
        people: in the order they were added.
        current: the current person's name, if one is chosen.
        sexes, conditions: the options of the add form.
        values: what was entered in the add form (after a refusal).
        problem: why the add form was refused, if it was.
    """

    people: list[PersonRow]
    current: str | None
    sexes: list[Choice]
    conditions: list[Choice]
    values: dict[str, list[str]] = {}
    problem: FieldProblem | None = None


def _counts(db: Session, table: Any) -> dict[int, int]:
    rows = db.execute(select(table.person_id, func.count()).group_by(table.person_id))
    return {row[0]: row[1] for row in rows}


def people_page(
    db: Session, values: dict[str, list[str]] | None = None, problem: FieldProblem | None = None
) -> PeoplePage:
    """The people page, with the add form refilled after a refusal."""
    current = person_or_none(db)
    sessions = _counts(db, TrainingSession)
    checkins = _counts(db, CheckInRow)
    options = choices()
    return PeoplePage(
        people=[
            PersonRow(
                id=p.id,
                name=p.name,
                profile=dict(p.profile or {}),
                sessions=sessions.get(p.id, 0),
                checkins=checkins.get(p.id, 0),
                current=current is not None and current.id == p.id,
            )
            for p in list_people(db)
        ],
        current=current.name if current else None,
        sexes=options["profile.sex"],
        conditions=options["profile.conditions"],
        values=values or {},
        problem=problem,
    )
