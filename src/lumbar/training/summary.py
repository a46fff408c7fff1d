"""Every load metric of one day in one record, and the weekly table of a report.

:func:`load_summary` is what the assessment engine reads (the load on the check-in's
day); :func:`weekly_loads` is what ``lumbar insights`` tabulates, one row a week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from lumbar.training.daily import DailyLoads
from lumbar.training.load import (
    ACUTE_DAYS,
    CHRONIC_DAYS,
    acute_load,
    acwr_rolling,
    acwr_uncoupled,
    chronic_load,
    days_since_rest,
    ewma_loads,
    monotony,
    strain,
    week_change_pct,
)

__all__ = ["LoadSummary", "WeekLoad", "load_summary", "weekly_loads"]


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """The load metrics of one day; a metric the series cannot support is None.

    Attributes:
        on: the day described.
        acute_load_au: load of the last 7 days, AU (gabbett2016).
        chronic_load_au: average weekly load of the last 28 days, AU per week.
        acwr_rolling: acute ÷ chronic, rolling (coupled) form (gabbett2016).
        acwr_uncoupled: mean of the last 7 days ÷ mean of the 21 before (lolli2019).
        ewma_acute_au: EWMA of daily load, N = 7 (williams2017), AU per day.
        ewma_chronic_au: EWMA of daily load, N = 28, AU per day.
        acwr_ewma: ``ewma_acute_au`` ÷ ``ewma_chronic_au``.
        week_change_pct: this 7 days against the 7 before, percent.
        monotony: Foster's monotony of the last 7 days (foster1998).
        strain_au: Foster's strain of the last 7 days, AU.
        days_since_rest: days since the last day without a session.
        estimated_days: days of the last 28 whose load includes lumbar's estimate
            of a missing RPE or duration (0–28; counts the days inside the series).
        sessions_7d: sessions in the last 7 days.
        volume_kg_7d: lifting volume load of the last 7 days, kg.
        running_km_7d: kilometres run in the last 7 days.
        high_impact_min_7d: minutes of high-impact activity in the last 7 days.
    """

    on: dt.date
    acute_load_au: float | None
    chronic_load_au: float | None
    acwr_rolling: float | None
    acwr_uncoupled: float | None
    ewma_acute_au: float | None
    ewma_chronic_au: float | None
    acwr_ewma: float | None
    week_change_pct: float | None
    monotony: float | None
    strain_au: float | None
    days_since_rest: int | None
    estimated_days: int
    sessions_7d: int
    volume_kg_7d: float
    running_km_7d: float
    high_impact_min_7d: float


def _last(values: tuple, i: int, length: int) -> tuple:
    return values[max(0, i - length + 1) : i + 1]


def load_summary(days: DailyLoads, on: dt.date) -> LoadSummary:
    """All the load metrics of ``on``, each as its own function in ``load`` computes it.

    The 7-day totals of sessions, volume, distance and impact count only the days the
    series holds.
    """
    i = days.index(on)
    ewma = ewma_loads(days, on)
    return LoadSummary(
        on=on,
        acute_load_au=acute_load(days, on),
        chronic_load_au=chronic_load(days, on),
        acwr_rolling=acwr_rolling(days, on),
        acwr_uncoupled=acwr_uncoupled(days, on),
        ewma_acute_au=None if ewma is None else ewma[0],
        ewma_chronic_au=None if ewma is None else ewma[1],
        acwr_ewma=None if ewma is None or ewma[1] == 0 else ewma[0] / ewma[1],
        week_change_pct=week_change_pct(days, on),
        monotony=monotony(days, on),
        strain_au=strain(days, on),
        days_since_rest=days_since_rest(days, on),
        estimated_days=sum(_last(days.estimated, i, CHRONIC_DAYS)) if i >= 0 else 0,
        sessions_7d=sum(_last(days.sessions, i, ACUTE_DAYS)) if i >= 0 else 0,
        volume_kg_7d=sum(_last(days.volume_kg, i, ACUTE_DAYS)) if i >= 0 else 0.0,
        running_km_7d=sum(_last(days.running_km, i, ACUTE_DAYS)) if i >= 0 else 0.0,
        high_impact_min_7d=sum(_last(days.high_impact_min, i, ACUTE_DAYS)) if i >= 0 else 0.0,
    )


class WeekLoad(NamedTuple):
    """One 7-day week of the weekly table (a NamedTuple: a report builds hundreds).

    Attributes:
        end: the week's last day.
        load_au: session-RPE load of the week, AU.
        volume_kg: lifting volume load, kg.
        running_km: kilometres run.
        high_impact_min: minutes of high-impact activity.
        sessions: sessions logged.
        rest_days: days without a session.
        estimated_days: days whose load includes lumbar's estimate.
        acwr_rolling: the rolling ratio on ``end`` (None in the first 3 weeks).
    """

    end: dt.date
    load_au: float
    volume_kg: float
    running_km: float
    high_impact_min: float
    sessions: int
    rest_days: int
    estimated_days: int
    acwr_rolling: float | None


def weekly_loads(days: DailyLoads, on: dt.date, weeks: int) -> list[WeekLoad]:
    """The last ``weeks`` whole 7-day weeks ending on ``on``, oldest first.

    Weeks that would reach before the series' first day are left out, so the list can
    be shorter than ``weeks``.
    """
    last = days.index(on)
    first_end = max(last - (weeks - 1) * ACUTE_DAYS, last % ACUTE_DAYS)
    if first_end < ACUTE_DAYS - 1:
        first_end += ACUTE_DAYS
    ends = range(first_end, last + 1, ACUTE_DAYS)
    lo = max(0, first_end - ACUTE_DAYS + 1)
    # Running totals over the covered span turn each weekly sum into one subtraction.
    span = slice(lo, last + 1)
    load, volume, running, impact = (
        [0.0, *accumulate(values[span])]
        for values in (days.load_au, days.volume_kg, days.running_km, days.high_impact_min)
    )
    sessions = days.sessions[span]
    count, rest, estimated = (
        [0, *accumulate(values)]
        for values in (sessions, [int(n == 0) for n in sessions], days.estimated[span])
    )
    rows = []
    for hi in ends:
        b, a = hi + 1 - lo, hi + 1 - lo - ACUTE_DAYS
        end = days.start + dt.timedelta(days=hi)
        logged = count[b] - count[a]
        # A week of rest is an exact zero, whatever rounding the running totals carry.
        load_au, volume_kg, running_km, impact_min = (
            t[b] - t[a] if logged else 0.0 for t in (load, volume, running, impact)
        )
        rows.append(
            WeekLoad(
                end,
                load_au,
                volume_kg,
                running_km,
                impact_min,
                logged,
                rest[b] - rest[a],
                estimated[b] - estimated[a],
                acwr_rolling(days, end),
            )
        )
    return rows
