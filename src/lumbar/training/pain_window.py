"""Which sessions were followed by pain: a pain entry at or above a threshold soon after.

The threshold (NRS 4) and the window (48 h) are lumbar's defaults for "followed by
pain", chosen to catch delayed-onset soreness and strain reported the next day; they
are not clinical thresholds, and both are options (:class:`PainRule`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from lumbar.training.records import PainEntry, TrainingSession

__all__ = ["PainRule", "followed_by_pain", "pains_after"]


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


def _minutes(t: dt.datetime) -> float:
    # Journal times are local wall-clock times, with or without an offset: comparing the
    # clocks (minutes since day 1) lets an aware and a naive time be set side by side.
    return t.toordinal() * 1440 + t.hour * 60 + t.minute + (t.second + t.microsecond / 1e6) / 60


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
    hits = sorted(
        (p.day.toordinal(), None if p.at is None else _minutes(p.at), k)
        for k, p in enumerate(pains)
        if p.nrs >= rule.min_nrs
    )
    ordinals = [o for o, _, _ in hits]
    whole_days = int(rule.window_h // 24)
    reach_days = -(-int(rule.window_h) // 24) + 1  # a timed window may cross one more midnight
    window_min = rule.window_h * 60
    days = [s.day.toordinal() for s in sessions]
    firsts = [bisect.bisect_left(ordinals, day) for day in days]
    n = len(ordinals)
    out: list[tuple[int, ...]] = [()] * len(sessions)
    # Most sessions have no pain entry anywhere near: only the others are looked at.
    for i, day, j in [
        (i, day, j)
        for i, (day, j) in enumerate(zip(days, firsts, strict=True))
        if j < n and ordinals[j] <= day + reach_days
    ]:
        start = sessions[i].start
        start_min = None if start is None else _minutes(start)
        found = []
        for p_day, at, k in islice(hits, j, None):
            if p_day > day + reach_days:
                break
            if start_min is not None and at is not None:
                if 0 < at - start_min <= window_min:
                    found.append(k)
            elif p_day - day <= whole_days:
                found.append(k)
        out[i] = tuple(found)
    return out


def followed_by_pain(
    sessions: Sequence[TrainingSession], pains: Sequence[PainEntry], rule: PainRule = PainRule()
) -> list[bool]:
    """For each session, whether a pain entry counts as following it (:func:`pains_after`).

    A session with no entry after it counts as not followed by pain: the journal cannot
    tell "no pain" from "not logged".
    """
    return [bool(found) for found in pains_after(sessions, pains, rule)]
