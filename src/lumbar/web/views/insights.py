"""The insights page: load figures, the weekly table and charts, links and shoes, with sources."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from lumbar.training import acwr_rolling_series
from lumbar.web.charts import acwr_chart, weekly_load_chart
from lumbar.web.views.analysis import (
    CHART_DAYS,
    LinkRow,
    ShoeRow,
    analyse,
    link_rows,
    shoe_rows,
    week_bars,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.store.tables import Person

__all__ = ["InsightsPage", "LoadSummaryRow", "insights_page"]

LOAD_SOURCES = [
    "foster2001",
    "foster1998",
    "gabbett2016",
    "lolli2019",
    "williams2017",
    "impellizzeri2020",
]
"""Where the load figures come from (see :mod:`lumbar.training`)."""


class LoadSummaryRow(BaseModel):
    """One load figure: its name, value, unit and what it means."""

    key: str
    label: str
    value: float | int | None
    unit: str


class InsightsPage(BaseModel):
    """What one person's journal says about their training and their pain.

    Attributes:
        person: whose journal.
        on: the day described.
        sessions, pain_entries: how many were read.
        figures: the load metrics of the day.
        change_text, change_sources: this week against the usual, in words.
        weeks: the weekly table, oldest first.
        weekly_chart, acwr_chart: Vega-Lite specs.
        links: every comparison made, strongest first.
        shoes: every shoe worn.
        sources: where the load figures come from.
    """

    person: str
    on: str
    sessions: int
    pain_entries: int
    figures: list[LoadSummaryRow]
    change_text: str | None
    change_sources: list[str]
    weeks: list[dict[str, Any]]
    weekly_chart: dict[str, Any] | None
    acwr_chart: dict[str, Any] | None
    links: list[LinkRow]
    shoes: list[ShoeRow]
    sources: list[str]


_FIGURES: tuple[tuple[str, str, str, int | None], ...] = (
    ("acute_load_au", "Acute load (last 7 days)", "AU", 0),
    ("chronic_load_au", "Chronic load (4-week average)", "AU a week", 0),
    ("acwr_rolling", "Acute : chronic ratio (rolling)", "", 2),
    ("acwr_uncoupled", "Acute : chronic ratio (uncoupled)", "", 2),
    ("acwr_ewma", "Acute : chronic ratio (EWMA)", "", 2),
    ("week_change_pct", "This week against the week before", "%", 0),
    ("monotony", "Monotony (last 7 days)", "", 2),
    ("strain_au", "Strain (last 7 days)", "AU", 0),
    ("days_since_rest", "Days since a rest day", "days", None),
    ("sessions_7d", "Sessions in the last 7 days", "", None),
    ("volume_kg_7d", "Lifting volume (last 7 days)", "kg", None),
    ("running_km_7d", "Running (last 7 days)", "km", 1),
)
"""The load figures shown, in order: summary attribute, label, unit and decimal digits.

``None`` digits round to a whole number (``int``), which leaves counts as they are.
"""


def _round(value: float | None, digits: int | None) -> float | int | None:
    if value is None:
        return None
    return round(value) if digits is None else round(value, digits)


def insights_page(db: Session, person: Person, on: dt.date) -> InsightsPage:
    """The insights of ``person`` on ``on``."""
    analysis = analyse(db, person.id, on)
    insights = analysis.insights
    figures = [
        LoadSummaryRow(
            key=key,
            label=label,
            value=_round(getattr(insights.summary, key), digits),
            unit=unit,
        )
        for key, label, unit, digits in _FIGURES
    ]
    weeks = week_bars(analysis)
    ratios = acwr_rolling_series(insights.days)
    first = max(0, len(ratios) - CHART_DAYS)
    ratio_points = [
        {"date": (insights.days.start + dt.timedelta(days=i)).isoformat(), "ratio": round(r, 3)}
        for i, r in enumerate(ratios)
        if i >= first and r is not None
    ]
    has_sessions = bool(analysis.data.sessions)
    return InsightsPage(
        person=person.name,
        on=on.isoformat(),
        sessions=insights.sessions,
        pain_entries=insights.pain_entries,
        figures=figures,
        change_text=insights.change.text if insights.change else None,
        change_sources=list(insights.change.sources) if insights.change else [],
        weeks=weeks,
        weekly_chart=weekly_load_chart(weeks) if has_sessions else None,
        acwr_chart=acwr_chart(ratio_points) if ratio_points else None,
        links=link_rows(analysis, only_found=False),
        shoes=shoe_rows(analysis),
        sources=LOAD_SOURCES,
    )
