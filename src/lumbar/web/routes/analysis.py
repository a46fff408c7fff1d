"""The Dashboard, Insights and Plan pages: what the journal and the last check-in say."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from lumbar.web.journal_access import person_or_none
from lumbar.web.rendering import present
from lumbar.web.routes.deps import access, optional_journal, today
from lumbar.web.routes.journal import no_person
from lumbar.web.views.dashboard import DashboardPage, dashboard_page
from lumbar.web.views.insights import InsightsPage, insights_page
from lumbar.web.views.plan import PlanPage, plan_page

__all__ = ["router"]

router = APIRouter()


@router.get("/", include_in_schema=False)
@router.get("/dashboard", include_in_schema=False)
@router.get("/dashboard.json", response_model=DashboardPage, tags=["pages"])
def dashboard(request: Request) -> Response:
    """The latest triage, pain against load, weekly load, links, shoes due, what next."""
    with optional_journal(request) as (db, person):
        return present(request, "dashboard.html", dashboard_page(db, person, today()))


@router.get("/insights", include_in_schema=False)
@router.get("/insights.json", response_model=InsightsPage, tags=["pages"])
def insights(request: Request) -> Response:
    """The insights report: load figures, weekly table and charts, links, shoes."""
    with access(request).reading() as db:
        person = person_or_none(db)
        if person is None:
            return no_person(request)
        return present(request, "insights.html", insights_page(db, person, today()))


@router.get("/plan", include_in_schema=False)
@router.get("/plan.json", response_model=PlanPage, tags=["pages"])
def plan(request: Request) -> Response:
    """The plan of the latest check-in, as a printable page."""
    with optional_journal(request) as (db, person):
        return present(request, "plan.html", plan_page(db, person, today()))
