"""The dashboard: the latest triage, pain against load, weekly load, links, shoes, what next."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import select

from lumbar.store.tables import CheckInRow
from lumbar.web.charts import pain_load_chart, weekly_load_chart
from lumbar.web.views.analysis import (
    LinkRow,
    ShoeRow,
    analyse,
    link_rows,
    load_points,
    pain_points,
    shoe_rows,
    week_bars,
)
from lumbar.web.views.assessment import AssessmentView, assessment_view

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.store.tables import Person

__all__ = ["DashboardPage", "LatestCheckin", "LoadFigures", "NextStep", "dashboard_page"]

RECENT_DAYS = 3
"""A check-in this recent still speaks for today (its urgent advice stays on top)."""
RISE_PCT = 30.0
"""A week this much above the 4-week average is worth a line (the analytics' own default)."""


class LatestCheckin(BaseModel):
    """The most recent stored check-in and its assessment."""

    id: int
    date: str
    nrs: int
    result: AssessmentView


class LoadFigures(BaseModel):
    """This week's training load against the person's usual, in figures and words."""

    acute_load_au: float | None
    chronic_load_au: float | None
    acwr_rolling: float | None
    sessions_7d: int
    change_pct: float | None
    change_text: str | None
    change_sources: list[str]


class NextStep(BaseModel):
    """One thing to do next, with where to do it."""

    text: str
    href: str


class DashboardPage(BaseModel):
    """The dashboard of one person (or a welcome when the journal has nobody).

    Attributes:
        person: whose dashboard, or ``None`` when nobody is chosen.
        today: the day it describes.
        latest: the latest check-in, if any.
        load: this week's load, when the journal has sessions.
        pain_load_chart: Vega-Lite spec of pain against acute and chronic load.
        pain_points: how many pain points that chart draws (one per check-in shown).
        weekly_chart: Vega-Lite spec of the weekly load bars.
        links: exercises, patterns and factors that go with pain (clear or possible).
        shoes_due: shoes past the low end of the replacement range.
        next_steps: what to do next, most pressing first.
        sessions, checkins: how many the journal holds for the person.
    """

    person: str | None
    today: str
    latest: LatestCheckin | None
    load: LoadFigures | None
    pain_load_chart: dict[str, Any] | None
    pain_points: int
    weekly_chart: dict[str, Any] | None
    links: list[LinkRow]
    shoes_due: list[ShoeRow]
    next_steps: list[NextStep]
    sessions: int
    checkins: int


def latest_checkin(db: Session, person_id: int, on: dt.date) -> LatestCheckin | None:
    """The person's most recent check-in up to ``on``, laid out for reading."""
    row = db.scalars(
        select(CheckInRow)
        .where(CheckInRow.person_id == person_id, CheckInRow.date <= on)
        .order_by(CheckInRow.date.desc(), CheckInRow.at_local.desc(), CheckInRow.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return LatestCheckin(
        id=row.id, date=row.date.isoformat(), nrs=row.nrs, result=assessment_view(row.assessment)
    )


def _next_steps(
    latest: LatestCheckin | None,
    on: dt.date,
    links: list[LinkRow],
    shoes: list[ShoeRow],
    load: LoadFigures | None,
    sessions: int,
) -> list[NextStep]:
    steps: list[NextStep] = []
    recent = latest is not None and (on - dt.date.fromisoformat(latest.date)).days <= RECENT_DAYS
    if latest is not None and recent and latest.result.urgent:
        steps.append(NextStep(text=latest.result.headline, href=f"/journal/checkins/{latest.id}"))
    if latest is None or latest.date != on.isoformat():
        steps.append(NextStep(text="Check in today: how is your back?", href="/checkin"))
    if sessions == 0:
        steps.append(NextStep(text="Import your training from the apps you use.", href="/import"))
    if load is not None and load.change_text and (load.change_pct or 0) >= RISE_PCT:
        steps.append(NextStep(text=load.change_text, href="/insights"))
    for link in links[:2]:
        steps.append(NextStep(text=link.text, href="/insights#links"))
    for shoe in shoes:
        steps.append(
            NextStep(
                text=f"Your shoes “{shoe.shoe}” have about {shoe.km:.0f} km: think about "
                "replacing them (a rule of thumb is 480–800 km).",
                href="/insights#shoes",
            )
        )
    if latest is not None and recent and not latest.result.urgent:
        for section in latest.result.plan:
            if section.key == "now":
                steps.extend(NextStep(text=i.text, href="/plan") for i in section.items[:2])
    return steps


def dashboard_page(db: Session | None, person: Person | None, on: dt.date) -> DashboardPage:
    """The dashboard of ``person`` on ``on``; a welcome page when there is nobody."""
    if db is None or person is None:
        return DashboardPage(
            person=None,
            today=on.isoformat(),
            latest=None,
            load=None,
            pain_load_chart=None,
            pain_points=0,
            weekly_chart=None,
            links=[],
            shoes_due=[],
            next_steps=[
                NextStep(text="Check in: how is your back today?", href="/checkin"),
                NextStep(text="Add yourself to the journal.", href="/people"),
                NextStep(text="Import your training from the apps you use.", href="/import"),
            ],
            sessions=0,
            checkins=0,
        )
    analysis = analyse(db, person.id, on)
    insights = analysis.insights
    latest = latest_checkin(db, person.id, on)
    links = link_rows(analysis, only_found=True)
    shoes = [s for s in shoe_rows(analysis) if s.due]
    has_sessions = bool(analysis.data.sessions)
    load = None
    if has_sessions:
        load = LoadFigures(
            acute_load_au=insights.summary.acute_load_au,
            chronic_load_au=insights.summary.chronic_load_au,
            acwr_rolling=insights.summary.acwr_rolling,
            sessions_7d=insights.summary.sessions_7d,
            change_pct=insights.change.change_pct if insights.change else None,
            change_text=insights.change.text if insights.change else None,
            change_sources=list(insights.change.sources) if insights.change else [],
        )
    pains = pain_points(analysis)
    chart = pain_load_chart(load_points(analysis), pains) if has_sessions or pains else None
    return DashboardPage(
        person=person.name,
        today=on.isoformat(),
        latest=latest,
        load=load,
        pain_load_chart=chart,
        pain_points=len(pains) if chart else 0,
        weekly_chart=weekly_load_chart(week_bars(analysis)) if has_sessions else None,
        links=links,
        shoes_due=shoes,
        next_steps=_next_steps(latest, on, links, shoes, load, len(analysis.data.sessions)),
        sessions=len(analysis.data.sessions),
        checkins=len(analysis.data.pains),
    )
