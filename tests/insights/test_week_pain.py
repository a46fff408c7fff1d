"""The worst pain of each week in the insights report, worked out by hand."""

from __future__ import annotations

import datetime as dt

from lumbar.render.insights import _week_pain
from lumbar.training import PainEntry

ENDS = [dt.date(2026, 11, 11), dt.date(2026, 11, 18), dt.date(2026, 11, 25)]


def test_each_pain_counts_in_the_week_that_holds_its_day_and_the_worst_wins() -> None:
    pains = [
        PainEntry(day=dt.date(2026, 11, 5), nrs=3),  # first day of week 1 (Nov 5-11)
        PainEntry(day=dt.date(2026, 11, 11), nrs=5),  # last day of week 1
        PainEntry(day=dt.date(2026, 11, 12), nrs=2),  # first day of week 2
        PainEntry(day=dt.date(2026, 11, 4), nrs=9),  # before the table
        PainEntry(day=dt.date(2026, 11, 26), nrs=9),  # after the table
    ]
    assert _week_pain(ENDS, pains) == [5, 2, None]


def test_no_weeks_no_pain() -> None:
    assert _week_pain([], [PainEntry(day=dt.date(2026, 1, 1), nrs=4)]) == []
