"""Print what the training analytics answer for many journals, one line per answer.

``tests/training/test_compiled_training.py`` runs this script with the pure Python
sources and with the compiled build first on the path, and compares the two outputs
byte for byte. Each line is ``<label>: <repr of the answer>``; ``repr`` shows a float
as the shortest string that reads back to the same float, so equal lines mean equal
values and equal types (``240`` and ``240.0`` differ).

The journals are seeded (``lumbar.training.synthetic``) and then varied: information
taken away (pains, sets, shoes, start times, pain times, RPE and duration, catalogue
ids), given in other types (whole numbers, aware times) or absent altogether.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from lumbar.training import (
    LinkOptions,
    PainEntry,
    PainRule,
    TrainingSession,
    TrainingSet,
    acwr_rolling_series,
    daily_loads,
    find_links,
    session_quantities,
    training_insights,
)
from lumbar.training.pain_window import pains_after
from lumbar.training.quantities import measure_sessions
from lumbar.training.stats import fisher_exact
from lumbar.training.synthetic import synthetic_journal

__all__ = ["JOURNALS", "main"]

Journal = tuple[tuple[TrainingSession, ...], tuple[PainEntry, ...]]
UTC_PLUS_2 = dt.timezone(dt.timedelta(hours=2))
OPTIONS = LinkOptions(pain=PainRule(min_nrs=5, window_h=30), min_exposures=3)
KM_BEFORE = {"Road shoe 1": 300.0, "Road shoe 2": 120.5, "Never worn": 50.0}
EMPTY_DAY = dt.date(2025, 3, 12)  # the day read for a journal with nothing in it


def _seeded(weeks: int, seed: int, **kwargs: object) -> Journal:
    j = synthetic_journal(weeks, seed, **kwargs)  # type: ignore[arg-type]
    return j.sessions, j.pains


def _each_set(sessions: tuple[TrainingSession, ...], change: Callable) -> tuple:
    return tuple(
        replace(s, sets=tuple(change(i, t) for i, t in enumerate(s.sets))) for s in sessions
    )


def _unmatched(i: int, t: TrainingSet) -> TrainingSet:
    # Every third set loses its catalogue entry, as a name the catalogue does not know.
    return replace(t, exercise_id=None, pattern=None, impact=None) if i % 3 == 0 else t


def _whole(i: int, t: TrainingSet) -> TrainingSet:
    return t if t.weight_kg is None else replace(t, weight_kg=int(t.weight_kg))


def _journals() -> dict[str, Journal]:
    base = _seeded(26, 1, signal="deadlift")
    s, p = base
    return {
        "deadlift-26w": base,
        "squat-52w": _seeded(52, 2, signal="back_squat", sessions_per_week=(2, 4)),
        "no-signal-12w": _seeded(12, 3),
        "daily-deadlift-20w": _seeded(20, 4, signal="deadlift", sessions_per_week=(7, 7)),
        "sparse-8w": _seeded(8, 5, sessions_per_week=(1, 2), background_pain=0.3),
        "box-jump-30w": _seeded(30, 6, signal="box_jump", signal_pain=0.5),
        "no-pains": (s, ()),
        "no-sets": (tuple(replace(x, sets=()) for x in s), p),
        "no-shoes-no-starts": (tuple(replace(x, shoe=None, start=None) for x in s), p),
        "pains-without-times": (s, tuple(replace(x, at=None) for x in p)),
        "estimated-rpe-duration": (tuple(replace(x, rpe=None, duration_min=None) for x in s), p),
        "unmatched-names": (_each_set(s, _unmatched), p),
        "whole-numbers": (
            tuple(
                replace(
                    x,
                    rpe=None if x.rpe is None else int(x.rpe),
                    duration_min=None if x.duration_min is None else round(x.duration_min),
                )
                for x in _each_set(s, _whole)
            ),
            p,
        ),
        "aware-times": (
            tuple(
                x if x.start is None else replace(x, start=x.start.replace(tzinfo=UTC_PLUS_2))
                for x in s
            ),
            p,
        ),
        "empty": ((), ()),
        "pains-only": ((), p),
    }


JOURNALS = tuple(_journals())


def _days(j: Journal) -> tuple[dt.date, dt.date]:
    """The journal's last day and a day in the middle of it."""
    sessions, pains = j
    days = [x.day for x in sessions] + [x.day for x in pains]
    if not days:
        return EMPTY_DAY, EMPTY_DAY
    first, last = min(days), max(days)
    return last, first + (last - first) / 2


_M = 1 << 25
#: Tables of tens to hundreds of millions: above 2**26 sessions the weights are carried
#: as integers (lumbar.training.stats), at and below as floats. Each lies within a few
#: thousand tables of its mode, so that the walk to it stays short.
_LARGER_TABLES = (
    (12, 30, 25, 8),
    (100, 200, 150, 90),
    (3, 900, 17, 880),
    (4000, 4100, 3900, 4200),
    (_M // 2, _M // 2 + 5, _M // 2 + 9, _M // 2 - 1),  # 2**25 + 13
    (_M - 1, _M, _M, _M - 2),  # 2**27 - 3
    (1 << 24, (1 << 24) + 5, (1 << 24) + 9, 1 << 24),  # 2**26 + 14
    ((1 << 24) - 1, 1 << 24, 1 << 24, 1 << 24),  # 2**26 - 1, the last float table
    (_M + 1500, _M, _M, _M + 700),
    (3 * _M, 3 * _M + 2000, 3 * _M - 900, 3 * _M + 3100),
)


def main() -> None:
    journals = _journals()
    for name, j in journals.items():
        last, middle = _days(j)
        print(f"insights {name} {last}: {training_insights(*j, last)!r}")
        answer = training_insights(*j, middle, weeks=5, km_before=KM_BEFORE, options=OPTIONS)
        print(f"insights {name} {middle} options: {answer!r}")
    for name in ("deadlift-26w", "unmatched-names", "no-shoes-no-starts", "pains-only"):
        sessions, pains = journals[name]
        print(f"links {name}: {find_links(sessions, pains)!r}")
        print(f"links {name} options: {find_links(sessions, pains, OPTIONS, KM_BEFORE)!r}")
    for name in ("squat-52w", "estimated-rpe-duration", "whole-numbers", "sparse-8w"):
        sessions, pains = journals[name]
        days = daily_loads(sessions)
        print(f"daily_loads {name}: {days!r}")
        print(f"acwr_rolling_series {name}: {acwr_rolling_series(days)!r}")
        print(f"measure_sessions {name}: {measure_sessions(sessions)!r}")
        for i in (0, 1, 2, len(sessions) // 2, len(sessions) - 1):
            print(f"session_quantities {name} {i}: {session_quantities(sessions[i])!r}")
        for rule in (PainRule(), PainRule(min_nrs=5, window_h=30), PainRule(0, 72.5)):
            # The rule by its values: compiled, its float field holds 30 as 30.0, which
            # would show in its repr though it is the same rule.
            label = f"nrs>={rule.min_nrs} within {rule.window_h:g} h"
            print(f"pains_after {name} {label}: {pains_after(sessions, pains, rule)!r}")
    for a in range(7):
        for b in range(7):
            row = [fisher_exact(a, b, c, d) for c in range(7) for d in range(7)]
            print(f"fisher_exact {a} {b} c d in 0..6: {row!r}")
    for table in _LARGER_TABLES:
        print(f"fisher_exact {table}: {fisher_exact(*table)!r}")


if __name__ == "__main__":
    main()
