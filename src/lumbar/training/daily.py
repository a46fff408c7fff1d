"""One person's training as a series of days: the input of every load metric.

:func:`daily_loads` adds up each day's sessions (see
:func:`lumbar.training.quantities.measure_sessions`); a day without a session is a
rest day with zero load. The series covers ``start``..``end`` and says nothing about the
days outside it: the metrics refuse windows that reach before ``start``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lumbar.training.quantities import SessionColumns, measure_sessions
from lumbar.training.records import TrainingSession

__all__ = ["DailyLoads", "daily_loads", "daily_loads_from_columns"]


@dataclass(frozen=True, slots=True)
class DailyLoads:
    """Per-day totals of one person, day ``start`` first; every tuple has one item a day.

    Attributes:
        start: the first day of the series.
        load_au: session-RPE load (foster2001), arbitrary units.
        estimated: True on days whose load includes lumbar's estimate of a missing RPE
            or duration.
        volume_kg: lifting volume load, Σ reps × kg over non-warm-up sets.
        running_km: kilometres run.
        high_impact_min: minutes of high-impact activity.
        sessions: how many sessions were logged (0 = a rest day).
    """

    start: dt.date
    load_au: tuple[float, ...]
    estimated: tuple[bool, ...]
    volume_kg: tuple[float, ...]
    running_km: tuple[float, ...]
    high_impact_min: tuple[float, ...]
    sessions: tuple[int, ...]

    @property
    def end(self) -> dt.date:
        """The last day of the series."""
        return self.start + dt.timedelta(days=len(self.load_au) - 1)

    def index(self, day: dt.date) -> int:
        """Position of ``day`` in the series (negative before ``start``).

        Raises:
            ValueError: ``day`` is after the series' last day (build the series up to it).
        """
        i = (day - self.start).days
        if i >= len(self.load_au):
            raise ValueError(f"{day} is after the last day of the series ({self.end})")
        return i


def daily_loads(
    sessions: Iterable[TrainingSession],
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> DailyLoads:
    """Add up sessions into one row a day from ``start`` to ``end`` inclusive.

    Args:
        sessions: one person's sessions, in any order.
        start: first day; defaults to the first session's day. Sessions before it are
            left out.
        end: last day, e.g. the day of the check-in; defaults to the last session's day.
            Sessions after it are left out.

    Raises:
        ValueError: no sessions and no ``start``/``end`` to span, or ``end`` < ``start``.
    """
    sessions = list(sessions)
    if start is None or end is None:
        if not sessions:
            raise ValueError("no sessions: give start and end to build an empty series")
        days = [s.day for s in sessions]
        start = min(days) if start is None else start
        end = max(days) if end is None else end
    return daily_loads_from_columns(
        measure_sessions([s for s in sessions if start <= s.day <= end]), start, end
    )


def daily_loads_from_columns(columns: SessionColumns, start: dt.date, end: dt.date) -> DailyLoads:
    """:func:`daily_loads` from sessions already measured (:func:`measure_sessions`), for
    callers that read the columns for more than the series and should not measure twice.

    Sessions outside ``start``..``end`` are left out; each day adds its sessions in the
    columns' order.

    Raises:
        ValueError: ``end`` < ``start``.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    n = (end - start).days + 1
    load = [0.0] * n
    estimated = [False] * n
    volume = [0.0] * n
    running = [0.0] * n
    impact = [0.0] * n
    count = [0] * n
    origin = start.toordinal()
    c = columns
    days, loads, flags, volumes, runs, impacts = (
        c.days,
        c.load_au,
        c.estimated,
        c.volume_kg,
        c.running_km,
        c.high_impact_min,
    )
    # A plain loop over positions: compiled (setup.py), it runs on machine numbers.
    for k in range(len(days)):
        i = days[k] - origin
        if not 0 <= i < n:
            continue
        # Written out, not "+=": compiled, a list item's "+=" is a generic addition.
        load[i] = load[i] + loads[k]
        if flags[k]:
            estimated[i] = True
        volume[i] = volume[i] + volumes[k]
        running[i] = running[i] + runs[k]
        impact[i] = impact[i] + impacts[k]
        count[i] = count[i] + 1
    return DailyLoads(
        start=start,
        load_au=tuple(load),
        estimated=tuple(estimated),
        volume_kg=tuple(volume),
        running_km=tuple(running),
        high_impact_min=tuple(impact),
        sessions=tuple(count),
    )
