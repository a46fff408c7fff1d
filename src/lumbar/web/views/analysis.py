"""What the dashboard and the insights page share: a person's training read by the analytics.

:func:`analyse` reads the journal once (:mod:`lumbar.journal.training_data`) and hands it to
:func:`lumbar.training.training_insights`; the helpers below turn the result into the
rows the pages and their charts show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel

from lumbar.journal.training_data import PersonTraining, person_training
from lumbar.training import TrainingInsights, acute_load, chronic_load, training_insights
from lumbar.web.charts import ACUTE_LABEL, CHRONIC_LABEL, LoadPoint, PainPoint, WeekBar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "CHART_DAYS",
    "Analysis",
    "LinkRow",
    "ShoeRow",
    "analyse",
    "link_rows",
    "load_points",
    "pain_points",
    "shoe_rows",
    "week_bars",
]

CHART_DAYS = 182
"""Days shown on the pain-and-load chart (26 weeks, ending today)."""
WEEKS = 12
"""Rows of the weekly table and bars of the weekly chart."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """A person's journal and what the analytics read in it on one day."""

    on: dt.date
    data: PersonTraining
    insights: TrainingInsights


class LinkRow(BaseModel):
    """One exercise, pattern or factor compared for pain after it.

    Attributes:
        kind: ``exercise``, ``pattern`` or ``factor``.
        label: its name in words.
        strength: ``clear``, ``possible`` or ``none``.
        text: the finding in words, with its counts.
        with_pain, with_total, without_pain, without_total: the counts compared.
        p_value, q_value: Fisher's exact p and its Benjamini–Hochberg adjustment.
        explained_by: a stronger link that accounts for this one, if any.
        sources: bibliography ids.
    """

    kind: str
    label: str
    strength: str
    text: str
    with_pain: int
    with_total: int
    without_pain: int
    without_total: int
    p_value: float
    q_value: float
    explained_by: str | None
    sources: list[str]


class ShoeRow(BaseModel):
    """A pair of shoes: kilometres so far and whether they are due for replacing."""

    shoe: str
    km: float
    sessions: int
    sessions_without_distance: int
    last_day: str
    due: bool


def analyse(db: Session, person_id: int, on: dt.date) -> Analysis:
    """Read the person's journal up to ``on`` and run the training analytics on it."""
    data = person_training(db, person_id, on)
    insights = training_insights(
        data.sessions, data.pains, on, weeks=WEEKS, km_before=data.km_before
    )
    return Analysis(on, data, insights)


def load_points(analysis: Analysis, days: int = CHART_DAYS) -> list[LoadPoint]:
    """Acute and chronic load on every day of the chart where the series supports them."""
    series = analysis.insights.days
    first = max(series.start, analysis.on - dt.timedelta(days=days - 1))
    points: list[LoadPoint] = []
    day = first
    while day <= analysis.on:
        for label, value in (
            (ACUTE_LABEL, acute_load(series, day)),
            (CHRONIC_LABEL, chronic_load(series, day)),
        ):
            if value is not None:
                points.append({"date": day.isoformat(), "series": label, "au": round(value, 1)})
        day += dt.timedelta(days=1)
    return points


def pain_points(analysis: Analysis, days: int = CHART_DAYS) -> list[PainPoint]:
    """One point per check-in of the chart's days."""
    first = analysis.on - dt.timedelta(days=days - 1)
    return [
        {"date": p.day.isoformat(), "nrs": p.nrs}
        for p in analysis.data.pains
        if first <= p.day <= analysis.on
    ]


def week_bars(analysis: Analysis) -> list[WeekBar]:
    """The weekly table's rows, oldest first."""
    return [
        {
            "week_end": w.end.isoformat(),
            "load_au": round(w.load_au, 1),
            "sessions": w.sessions,
            "volume_kg": round(w.volume_kg, 1),
            "running_km": round(w.running_km, 2),
            "rest_days": w.rest_days,
            "acwr_rolling": None if w.acwr_rolling is None else round(w.acwr_rolling, 2),
        }
        for w in analysis.insights.weeks
    ]


def link_rows(analysis: Analysis, only_found: bool) -> list[LinkRow]:
    """The links, strongest first; with ``only_found``, the clear and possible ones only."""
    order = {"clear": 0, "possible": 1, "none": 2}
    rows = [
        LinkRow(
            kind=link.kind,
            label=link.label,
            strength=link.strength,
            text=link.text,
            with_pain=link.stats.with_pain,
            with_total=link.stats.with_total,
            without_pain=link.stats.without_pain,
            without_total=link.stats.without_total,
            p_value=link.stats.p_value,
            q_value=link.q_value,
            explained_by=link.explained_by,
            sources=list(link.sources),
        )
        for link in analysis.insights.links
        if not only_found or link.strength != "none"
    ]
    return sorted(rows, key=lambda r: (order.get(r.strength, 3), r.q_value))


def shoe_rows(analysis: Analysis) -> list[ShoeRow]:
    """Every shoe worn, most kilometres first."""
    return [
        ShoeRow(
            shoe=s.shoe,
            km=round(s.km, 1),
            sessions=s.sessions,
            sessions_without_distance=s.sessions_without_distance,
            last_day=s.last_day.isoformat(),
            due=s.due,
        )
        for s in analysis.insights.shoes
    ]
