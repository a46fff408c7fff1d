"""How often warm-ups and cool-downs were done, skipped or not logged.

The guide advises warming up and cooling down; these counts let the report and the
engine quote the person's own figures ("no warm-up in 6 of your last 10 sessions")
and keep "not logged" apart from "skipped".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from lumbar.training.records import TrainingSession

__all__ = ["Adherence", "adherence"]


class Adherence(NamedTuple):
    """Sessions with a warm-up (or cool-down) done, skipped, or not logged.

    Attributes:
        done: sessions logged with it.
        skipped: sessions logged without it.
        unknown: sessions where it was not logged either way.
    """

    done: int
    skipped: int
    unknown: int

    @property
    def logged(self) -> int:
        """Sessions where it was logged either way."""
        return self.done + self.skipped


def adherence(
    sessions: Iterable[TrainingSession], since: dt.date | None = None, until: dt.date | None = None
) -> tuple[Adherence, Adherence]:
    """Warm-up and cool-down counts over the sessions from ``since`` to ``until`` inclusive.

    Returns:
        ``(warm_up, cool_down)``.
    """
    flags = [
        (s.warm_up, s.cool_down)
        for s in sessions
        if (since is None or s.day >= since) and (until is None or s.day <= until)
    ]
    warm_up = [w for w, _ in flags]
    cool_down = [c for _, c in flags]
    # list.count compares with ==, under which 1 and True are one value: the records hold
    # bools and None only.
    return (
        Adherence(warm_up.count(True), warm_up.count(False), warm_up.count(None)),
        Adherence(cool_down.count(True), cool_down.count(False), cool_down.count(None)),
    )
