"""Which sessions were followed by pain: a pain entry at or above a threshold soon after.

The threshold (NRS 4) and the window (48 h) are lumbar's defaults for "followed by
pain", chosen to catch delayed-onset soreness and strain reported the next day; they
are not clinical thresholds, and both are options (:class:`PainRule`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from lumbar.training.records import PainEntry, TrainingSession

__all__ = ["PainRule", "followed_by_pain", "pains_after", "pains_after_ordered"]


@dataclass(frozen=True, slots=True)
class PainRule:
    """When a session counts as followed by pain (lumbar's defaults, not clinical cut-offs).

    Attributes:
        min_nrs: the lowest NRS (0–10) that counts as pain.
        window_h: hours after the session within which the pain entry must fall.
    """

    min_nrs: int = 4
    window_h: float = 48.0

    def __post_init__(self) -> None:
        if not 0 <= self.min_nrs <= 10:
            raise ValueError(f"min_nrs must be 0-10, got {self.min_nrs}")
        if self.window_h <= 0:
            raise ValueError(f"window_h must be > 0, got {self.window_h}")


def _clock(t: dt.datetime) -> dt.datetime:
    """The wall-clock time of ``t``, without its offset if it has one."""
    # Journal times are local wall-clock times, with or without an offset: comparing the
    # clocks lets an aware and a naive time be set side by side.
    return t if t.tzinfo is None else t.replace(tzinfo=None)


def _first_positions(days: list[int]) -> list[int]:
    """For each day from ``days[0]`` to the day after ``days[-1]`` (``days``: ordinals,
    ascending, at least one), the position of the first item on that day or after it."""
    found = []
    i, n = 0, len(days)
    for day in range(days[0], days[-1] + 2):
        while i < n and days[i] < day:
            i += 1
        found.append(i)
    return found


def pains_after(
    sessions: Sequence[TrainingSession], pains: Sequence[PainEntry], rule: PainRule = PainRule()
) -> list[tuple[int, ...]]:
    """For each session, the positions in ``pains`` of the entries that count as following it.

    An entry counts when its NRS is at least ``rule.min_nrs`` and, if both the session's
    start and the entry's time are known, it comes after the start and at most
    ``window_h`` hours later. Otherwise days are compared: the entry's day is the
    session's day or up to ``window_h // 24`` days after (for 48 h: the same day, the
    next or the one after).
    """
    days = [s.day.toordinal() for s in sessions]
    order = sorted(range(len(days)), key=days.__getitem__)
    found = pains_after_ordered(
        [days[i] for i in order], [sessions[i].start for i in order], pains, rule
    )
    out: list[tuple[int, ...]] = [()] * len(sessions)
    for i, positions in zip(order, found, strict=True):
        out[i] = positions
    return out


def pains_after_ordered(
    days: list[int],
    starts: list[dt.datetime | None],
    pains: Sequence[PainEntry],
    rule: PainRule = PainRule(),
) -> list[tuple[int, ...]]:
    """:func:`pains_after` for sessions already in day order, given as their days
    (``date.toordinal()``, ascending) and start times: the caller that has them (the
    links, from the measured columns) saves reading and sorting the sessions again."""
    # (day, 0, position) for an untimed entry and (day, 1, clock, position) for a timed
    # one: an untimed entry sorts before the timed ones of its day, and a position is
    # never compared with a clock.
    hits: list[tuple[int, int, int] | tuple[int, int, dt.datetime, int]] = sorted(
        (p.day.toordinal(), 0, k) if p.at is None else (p.day.toordinal(), 1, _clock(p.at), k)
        for k, p in enumerate(pains)
        if p.nrs >= rule.min_nrs
    )
    out: list[tuple[int, ...]] = [()] * len(days)
    if not hits or not days:
        return out
    whole_days = int(rule.window_h // 24)
    reach_days = -(-int(rule.window_h) // 24) + 1  # a timed window may cross one more midnight
    window = dt.timedelta(hours=rule.window_h)
    nothing = dt.timedelta(0)
    # A journal holds fewer pain entries than sessions: each entry looks back for the
    # sessions of the days it can follow (read from a table of each day's first
    # session), rather than each session looking ahead. Entries are taken in their
    # sorted order, so each session's positions come out in that order. Clocks are
    # compared exactly, as datetimes, to the microsecond.
    first_day, first_at = days[0], _first_positions(days)
    last = len(first_at) - 1  # the day after the last session: no session on or after it
    for hit in hits:
        p_day, k = hit[0], hit[-1]
        at = hit[2] if len(hit) == 4 else None
        lo = first_at[min(max(p_day - reach_days - first_day, 0), last)]
        for i in range(lo, first_at[min(max(p_day + 1 - first_day, 0), last)]):
            start = starts[i]
            if start is None or at is None:  # days only: the day and the next whole_days
                if p_day - days[i] > whole_days:
                    continue
            elif not nothing < at - _clock(start) <= window:
                continue
            out[i] += (k,)
    return out


def followed_by_pain(
    sessions: Sequence[TrainingSession], pains: Sequence[PainEntry], rule: PainRule = PainRule()
) -> list[bool]:
    """For each session, whether a pain entry counts as following it (:func:`pains_after`).

    A session with no entry after it counts as not followed by pain: the journal cannot
    tell "no pain" from "not logged".
    """
    return [bool(found) for found in pains_after(sessions, pains, rule)]
