"""Training-load metrics on one day of a :class:`~lumbar.training.daily.DailyLoads` series.

Every function takes the series and the day ``on`` (no clock) and reads the
session-RPE load (foster2001). A metric whose window reaches before the series'
first day is ``None``: lumbar does not guess the training it was not shown. A
ratio whose denominator is zero is ``None`` as well.

The acute:chronic ratio comes in the three published forms: rolling, or coupled
(gabbett2016), uncoupled (lolli2019) and exponentially weighted (williams2017). It
is a description of this week against the person's own usual, never an injury-risk
alarm: Impellizzeri et al. (impellizzeri2020) reproduced its "risk" with fixed and
random chronic loads, so lumbar shows no 0.8–1.3 or 1.5 bands.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from itertools import accumulate, repeat
from operator import mul
from typing import Final

from lumbar.training.daily import DailyLoads

__all__ = [
    "ACUTE_DAYS",
    "CHRONIC_DAYS",
    "acute_load",
    "acwr_ewma",
    "acwr_rolling",
    "acwr_rolling_series",
    "acwr_uncoupled",
    "chronic_load",
    "days_since_rest",
    "ewma_loads",
    "ewma_series",
    "monotony",
    "strain",
    "week_change_pct",
]

ACUTE_DAYS: Final = 7
CHRONIC_DAYS: Final = 28


def _window(days: DailyLoads, on: dt.date, length: int, lag: int = 0) -> Sequence[float] | None:
    """Daily loads of the ``length`` days ending ``lag`` days before ``on``, or None."""
    last = days.index(on) - lag
    first = last - length + 1
    if first < 0:
        return None
    return days.load_au[first : last + 1]


def acute_load(days: DailyLoads, on: dt.date) -> float | None:
    """Total load of the 7 days ``on``−6 .. ``on``, AU (gabbett2016's acute load)."""
    window = _window(days, on, ACUTE_DAYS)
    return None if window is None else sum(window)


def chronic_load(days: DailyLoads, on: dt.date) -> float | None:
    """Average weekly load of the 28 days ``on``−27 .. ``on``, AU per week (gabbett2016).

    It is the 28-day total ÷ 4, so that it reads on the same scale as :func:`acute_load`.
    """
    window = _window(days, on, CHRONIC_DAYS)
    return None if window is None else sum(window) / (CHRONIC_DAYS / ACUTE_DAYS)


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def acwr_rolling(days: DailyLoads, on: dt.date) -> float | None:
    """Acute:chronic ratio, rolling (coupled) form: 7-day load ÷ 28-day weekly average.

    The acute week is part of the chronic window (gabbett2016); see :func:`acwr_uncoupled`
    for the form without that coupling. Descriptive only (impellizzeri2020).
    """
    return _ratio(acute_load(days, on), chronic_load(days, on))


def _prefix(values: Sequence[float]) -> tuple[list[float], list[int]]:
    """Running totals of ``values`` and running counts of its non-zero items, each with a
    leading 0, so that the window ``lo``..``hi`` sums to ``total[hi + 1] − total[lo]``."""
    # The counts start from int 0, so that every count is an int: accumulate() yields its
    # first item as it is (True, not 1).
    return [0.0, *accumulate(values)], list(accumulate(map(bool, values), initial=0))


def acwr_rolling_series(days: DailyLoads) -> list[float | None]:
    """:func:`acwr_rolling` for every day of the series, in one pass (running totals).

    None for the first 27 days and wherever the 28-day load is zero.
    """
    total, loaded = _prefix(days.load_au)
    n = len(total)
    weeks = CHRONIC_DAYS / ACUTE_DAYS
    out: list[float | None] = [None] * min(CHRONIC_DAYS - 1, n - 1)
    if n <= CHRONIC_DAYS:  # shorter than four weeks: no day has a chronic load
        return out
    # For each day i from the 28th: the totals at the day, 7 days before and 28 days
    # before, and the same for the count of loaded days. A window without any load is an
    # exact zero, whatever rounding the running totals carry, so that a month of rest
    # gives None and a rest week gives 0. A load too small to survive the totals'
    # rounding can leave a zero 28-day load on a loaded day: the ratio is None there, as
    # for a month of rest (:func:`_ratio`, written out because a function call per day
    # costs more than the division). A loop over positions: compiled (setup.py), it
    # reads machine floats and integers (a zip() of six lists would give it untyped
    # values, as typing knows zip() of at most five).
    for i in range(CHRONIC_DAYS, n):
        loaded_now = loaded[i]
        if loaded_now == loaded[i - CHRONIC_DAYS]:
            out.append(None)
            continue
        now = total[i]
        chronic = (now - total[i - CHRONIC_DAYS]) / weeks
        if chronic == 0.0:
            out.append(None)
            continue
        acute = now - total[i - ACUTE_DAYS] if loaded_now != loaded[i - ACUTE_DAYS] else 0.0
        out.append(acute / chronic)
    return out


def acwr_uncoupled(days: DailyLoads, on: dt.date) -> float | None:
    """Uncoupled ratio: mean daily load of ``on``−6..``on`` ÷ mean of ``on``−27..``on``−7.

    Lolli et al. 2019 (lolli2019): the chronic window excludes the acute week, which
    removes the mathematical coupling of the rolling form. Descriptive only.
    """
    acute = _window(days, on, ACUTE_DAYS)
    chronic = _window(days, on, CHRONIC_DAYS - ACUTE_DAYS, lag=ACUTE_DAYS)
    if acute is None or chronic is None:
        return None
    return _ratio(sum(acute) / ACUTE_DAYS, sum(chronic) / (CHRONIC_DAYS - ACUTE_DAYS))


def ewma_series(values: Sequence[float], span_days: int, initial: float) -> list[float]:
    """Exponentially weighted moving average of ``values`` (williams2017).

    EWMA_t = λ·value_t + (1 − λ)·EWMA_{t−1}, with λ = 2 / (N + 1) and N = ``span_days``;
    EWMA_{−1} = ``initial``. Returns one value per input value.
    """
    lam = 2 / (span_days + 1)
    keep = 1 - lam
    out = []
    level = initial
    for value in values:
        level = lam * value + keep * level
        out.append(level)
    return out


def ewma_loads(days: DailyLoads, on: dt.date) -> tuple[float, float] | None:
    """Acute (N = 7, λ = 0.25) and chronic (N = 28, λ = 2/29) EWMA of daily load on ``on``.

    Williams et al. 2017 (williams2017) give the recurrence, not its start. lumbar
    starts both averages, the day before the series' first day, at the mean daily load
    of the first 28 days, and reports them from the 28th day on, so that a value never
    depends on a day after ``on``. Units: AU per day. None before the 28th day.
    """
    i = days.index(on)
    if i < CHRONIC_DAYS - 1:
        return None
    loads = days.load_au[: i + 1]
    initial = sum(loads[:CHRONIC_DAYS]) / CHRONIC_DAYS
    return _ewma_last(loads, ACUTE_DAYS, initial), _ewma_last(loads, CHRONIC_DAYS, initial)


# q^0, q^1, ... for each q = 1 − λ used, shared by every person: the same for all of them,
# and working them out took more time than the weighted sum itself.
_POWERS: dict[float, list[float]] = {}


def _powers(keep: float, n: int) -> list[float]:
    """q^0 .. q^n (at least), each the one before × q, as a running product gives them."""
    powers = _POWERS.get(keep)
    if powers is None or len(powers) <= n:
        # A longer run replaces the cached one: its first items are the same numbers.
        powers = _POWERS[keep] = list(accumulate(repeat(keep, n), mul, initial=1.0))
    return powers


def _ewma_last(values: Sequence[float], span_days: int, initial: float) -> float:
    """The last value of :func:`ewma_series`, unrolled: with q = 1 − λ,
    EWMA_{n−1} = q^n·initial + λ·Σ_k q^(n−1−k)·value_k (the same recurrence, summed at
    C speed)."""
    lam = 2 / (span_days + 1)
    keep = 1 - lam
    powers = _powers(keep, len(values))
    weighted = sum(map(mul, reversed(values), powers))  # stops at the last value
    return powers[len(values)] * initial + lam * weighted


def acwr_ewma(days: DailyLoads, on: dt.date) -> float | None:
    """EWMA acute:chronic ratio (williams2017): acute EWMA ÷ chronic EWMA. Descriptive only."""
    pair = ewma_loads(days, on)
    return None if pair is None else _ratio(*pair)


def week_change_pct(days: DailyLoads, on: dt.date) -> float | None:
    """Change of the 7-day load against the 7 days before it, percent (40 = 40 % more).

    None when the earlier week is not in the series or had no load.
    """
    this_week = acute_load(days, on)
    window = _window(days, on, ACUTE_DAYS, lag=ACUTE_DAYS)
    if this_week is None or window is None or sum(window) == 0:
        return None
    return (this_week / sum(window) - 1) * 100


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    n = len(values)
    mean = sum(values) / n
    # Sample SD (n − 1), as spreadsheets' STDEV computes it; clinical.md does not say
    # which SD Foster used.
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(variance)


def monotony(days: DailyLoads, on: dt.date) -> float | None:
    """Foster's training monotony over ``on``−6..``on``: mean daily load ÷ its SD (foster1998).

    The SD is the sample SD (n − 1). When every day of the week has the same load
    (SD = 0, a week of rest included) the ratio is undefined and the result is None;
    lumbar does not substitute a cap. Foster's ">2.0" alarm is not verified and not used.
    """
    window = _window(days, on, ACUTE_DAYS)
    if window is None:
        return None
    mean, sd = _mean_sd(window)
    return None if sd == 0 else mean / sd


def strain(days: DailyLoads, on: dt.date) -> float | None:
    """Foster's training strain: 7-day load × monotony, AU (foster1998).

    A week without load has strain 0. A week of identical non-zero daily loads has an
    undefined monotony and so an undefined strain (None).
    """
    week = acute_load(days, on)
    if week is None:
        return None
    if week == 0:
        return 0.0
    m = monotony(days, on)
    return None if m is None else week * m


def days_since_rest(days: DailyLoads, on: dt.date) -> int | None:
    """Days since the last rest day (a day without a session); 0 when ``on`` is one.

    None when the series holds no rest day up to ``on``.
    """
    i = days.index(on)
    if i < 0:
        return None
    counts = days.sessions
    for j in range(i, -1, -1):
        if counts[j] == 0:
            return i - j
    return None
