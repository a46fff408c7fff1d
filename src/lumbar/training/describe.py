"""Words for a change in load, against the person's own usual and never as a risk band.

The acute:chronic ratio's "sweet spot" (0.8–1.3) and "danger zone" (1.5 or more) of
gabbett2016 did not predict injury better than fixed or random denominators
(impellizzeri2020), so lumbar states the change and its size and leaves it there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lumbar.training.daily import DailyLoads
from lumbar.training.load import CHRONIC_DAYS, acute_load, chronic_load

__all__ = ["LoadChange", "describe_load_change"]

_SOURCES = ("foster2001", "gabbett2016", "impellizzeri2020")


@dataclass(frozen=True, slots=True)
class LoadChange:
    """This week's load against the person's 4-week average, in numbers and words.

    Attributes:
        on: the last day of "this week".
        week_load_au: load of the 7 days ending ``on``, AU.
        usual_load_au: average weekly load of the 28 days ending ``on``, AU per week.
        change_pct: ``week_load_au`` against ``usual_load_au``, percent (62 = 62 % more).
        estimated_days: days of the 28 whose load is partly lumbar's estimate.
        text: one or two sentences for the person.
        sources: bibliography ids behind the figures and the way they are shown.
    """

    on: dt.date
    week_load_au: float
    usual_load_au: float
    change_pct: float
    estimated_days: int
    text: str
    sources: tuple[str, ...] = _SOURCES


def _au(value: float) -> str:
    return f"{value:,.0f} AU"


def describe_load_change(days: DailyLoads, on: dt.date) -> LoadChange | None:
    """This week's session-RPE load against the person's own 4-week average.

    The 4-week average is the rolling chronic load (the same window as
    :func:`lumbar.training.load.acwr_rolling`), so ``change_pct`` = (ratio − 1) × 100.
    Returns None when the series does not hold 28 days up to ``on`` or the 4 weeks
    held no load.
    """
    week = acute_load(days, on)
    usual = chronic_load(days, on)
    if week is None or usual is None or usual == 0:
        return None
    change = (week / usual - 1) * 100
    shown = round(change)
    if shown > 0:
        how = f"{shown} % above"
    elif shown < 0:
        how = f"{-shown} % below"
    else:
        how = "about the same as"
    text = f"This week's load ({_au(week)}) was {how} your 4-week average ({_au(usual)} a week)."
    i = days.index(on)
    estimated = sum(days.estimated[i - CHRONIC_DAYS + 1 : i + 1])
    if estimated:
        text += (
            f" On {estimated} of those 28 days the effort or the duration was not logged"
            " and lumbar estimated it from the session type."
        )
    text += " This compares you with your own usual; it is not a measure of injury risk."
    return LoadChange(on, week, usual, change, estimated, text)
