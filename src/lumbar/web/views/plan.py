"""The plan page: the plan of the latest check-in, laid out to be printed and taken along."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel

from lumbar.web.views.dashboard import LatestCheckin, latest_checkin

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.store.tables import Person

__all__ = ["PlanPage", "plan_page"]


class PlanPage(BaseModel):
    """The current plan: the latest check-in's assessment, or nothing yet.

    Attributes:
        person: whose plan, or ``None`` when nobody is chosen.
        latest: the latest check-in and its assessment, if any.
        printed_on: the day the page was made.
    """

    person: str | None
    latest: LatestCheckin | None
    printed_on: str


def plan_page(db: Session | None, person: Person | None, on: dt.date) -> PlanPage:
    """The plan of ``person``'s latest check-in up to ``on``."""
    latest = latest_checkin(db, person.id, on) if db is not None and person is not None else None
    return PlanPage(
        person=person.name if person else None, latest=latest, printed_on=on.isoformat()
    )
