"""Everything the training journal says on one day, computed in one pass.

:func:`training_insights` is what ``lumbar insights`` and the assessment engine call:
the sessions are measured once, as columns (:func:`~lumbar.training.quantities.measure_sessions`),
and the columns feed the load series, the weekly table and the links.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter

from lumbar.training.adherence import Adherence, adherence
from lumbar.training.daily import DailyLoads, daily_loads_from_columns
from lumbar.training.describe import LoadChange, describe_load_change
from lumbar.training.links import Link, LinkOptions, find_links_measured
from lumbar.training.quantities import measure_sessions
from lumbar.training.records import PainEntry, TrainingSession
from lumbar.training.shoes import ShoeUse, shoe_use, sort_sessions
from lumbar.training.summary import LoadSummary, WeekLoad, load_summary, weekly_loads

__all__ = ["TrainingInsights", "training_insights"]

_DAY = attrgetter("day")


@dataclass(frozen=True, slots=True)
class TrainingInsights:
    """One person's training and pain, read on one day.

    Attributes:
        on: the day described; nothing after it was read.
        days: the daily series from the first session (or ``start``) to ``on``.
        summary: every load metric on ``on``.
        weeks: the weekly table, oldest first, ending on ``on``.
        change: this week against the 4-week average in words, or None.
        shoes: every shoe worn, most kilometres first.
        warm_up, cool_down: done / skipped / not logged, over the weeks of the table.
        links: exercise, pattern and factor links over the whole journal up to ``on``.
        sessions: sessions read.
        pain_entries: pain entries read (any NRS).
    """

    on: dt.date
    days: DailyLoads
    summary: LoadSummary
    weeks: tuple[WeekLoad, ...]
    change: LoadChange | None
    shoes: tuple[ShoeUse, ...]
    warm_up: Adherence
    cool_down: Adherence
    links: tuple[Link, ...]
    sessions: int
    pain_entries: int


def training_insights(
    sessions: Iterable[TrainingSession],
    pains: Iterable[PainEntry],
    on: dt.date,
    *,
    weeks: int = 12,
    start: dt.date | None = None,
    options: LinkOptions = LinkOptions(),
    km_before: Mapping[str, float] | None = None,
) -> TrainingInsights:
    """Load metrics, weekly table, shoes and links of one person on ``on``.

    Args:
        sessions: the person's sessions; those after ``on`` are left out.
        pains: the person's pain entries; those after ``on`` are left out.
        on: the day to describe (the check-in's day, or today at the CLI's edge).
        weeks: rows of the weekly table.
        start: first day of the series; defaults to the first session's day (or ``on``).
        options: how links are found and graded.
        km_before: kilometres each shoe had before the journal.
    """
    # In time order, the sessions after ``on`` are the tail: cut them in one search.
    ordered = sort_sessions(sessions)
    del ordered[bisect_right(ordered, on, key=_DAY) :]
    kept_pains = [p for p in pains if p.day <= on]
    columns = measure_sessions(ordered)
    first = start if start is not None else (ordered[0].day if ordered else on)
    days = daily_loads_from_columns(columns, first, on)
    links = find_links_measured(ordered, columns, kept_pains, options, km_before, days)
    since = on - dt.timedelta(days=7 * weeks - 1)
    warm_up, cool_down = adherence(ordered[bisect_left(ordered, since, key=_DAY) :], since=since)
    return TrainingInsights(
        on=on,
        days=days,
        summary=load_summary(days, on),
        weeks=tuple(weekly_loads(days, on, weeks)),
        change=describe_load_change(days, on),
        shoes=tuple(shoe_use(ordered, on, km_before)),
        warm_up=warm_up,
        cool_down=cool_down,
        links=tuple(links),
        sessions=len(ordered),
        pain_entries=len(kept_pains),
    )
