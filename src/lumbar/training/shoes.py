"""Kilometres on each shoe, and the replacement reminder.

Running shoes are commonly replaced every 300–500 miles, about 480–800 km (acsm_shoes,
via secondary sources; the rationale is midsole breakdown). No outcome trial backs the
figure, so lumbar uses it as a soft reminder, never as a cause on its own.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, eq

from lumbar.training.records import TrainingSession

__all__ = [
    "SHOE_REPLACE_KM",
    "ShoeUse",
    "shoe_km_before",
    "shoe_use",
    "sort_sessions",
]

SHOE_REPLACE_KM = (480.0, 800.0)  # acsm_shoes: 300–500 miles, a rule of thumb


@dataclass(frozen=True, slots=True)
class ShoeUse:
    """One shoe's distance up to a day.

    Attributes:
        shoe: the shoe's name as logged.
        km: kilometres on it: ``km_before`` given for it plus the distance of every
            session in it up to the day.
        sessions: sessions logged in it.
        sessions_without_distance: of those, sessions whose distance is not known
            (their kilometres are missing from ``km``, so ``km`` is a floor).
        first_day, last_day: first and last session in it.
        due: ``km`` has reached the low end of the 480–800 km rule of thumb (acsm_shoes).
    """

    shoe: str
    km: float
    sessions: int
    sessions_without_distance: int
    first_day: dt.date
    last_day: dt.date
    due: bool


def _clock(s: TrainingSession) -> dt.time:
    return s.start.time() if s.start is not None else dt.time.min


_DAY = attrgetter("day")


def sort_sessions(sessions: Iterable[TrainingSession]) -> list[TrainingSession]:
    """Sessions in the order they happened: by day, then start time where known.

    Sessions that compare equal (same day, same or no start time) keep their order.
    """
    # Sorting on the day alone runs in C; then only the days that hold several sessions
    # are sorted again on the start time. sorted() is stable, so the result is the one
    # a single sort on (day, start time) gives.
    ordered = sorted(sessions, key=_DAY)
    days = [s.day for s in ordered]
    for day in {days[k] for k in compress(range(1, len(days)), map(eq, days[1:], days))}:
        lo, hi = bisect_left(days, day), bisect_right(days, day)
        ordered[lo:hi] = sorted(ordered[lo:hi], key=_clock)
    return ordered


def shoe_use(
    sessions: Iterable[TrainingSession],
    on: dt.date,
    km_before: Mapping[str, float] | None = None,
) -> list[ShoeUse]:
    """Every shoe worn up to ``on`` (inclusive), most kilometres first.

    Args:
        sessions: one person's sessions.
        on: the last day counted.
        km_before: kilometres each shoe had before the journal's first session in it.
    """
    km_before = km_before or {}
    totals: dict[str, list] = {}
    for s in sessions:
        if s.shoe is None or s.day > on:
            continue
        row = totals.get(s.shoe)
        if row is None:
            row = totals[s.shoe] = [km_before.get(s.shoe, 0.0), 0, 0, s.day, s.day]
        if s.distance_km is None:
            row[2] += 1
        else:
            row[0] += s.distance_km
        row[1] += 1
        if s.day < row[3]:
            row[3] = s.day
        elif s.day > row[4]:
            row[4] = s.day
    uses = [
        ShoeUse(name, km, n, unknown, first, last, km >= SHOE_REPLACE_KM[0])
        for name, (km, n, unknown, first, last) in totals.items()
    ]
    uses.sort(key=lambda u: (-u.km, u.shoe))
    return uses


def shoe_km_before(
    sessions: Sequence[TrainingSession], km_before: Mapping[str, float] | None = None
) -> list[float | None]:
    """Kilometres already on the shoe at the start of each session (None: no shoe logged).

    ``sessions`` must be in the order they happened (:func:`sort_sessions`); the result
    is aligned with it.
    """
    km = dict(km_before or {})
    out: list[float | None] = []
    for s in sessions:
        if s.shoe is None:
            out.append(None)
            continue
        so_far = km.get(s.shoe, 0.0)
        out.append(so_far)
        km[s.shoe] = so_far + (s.distance_km or 0.0)
    return out
