"""Small-sample statistics for 2 × 2 tables: Fisher's exact test, Wilson and Newcombe
intervals, Benjamini–Hochberg adjustment. Pure Python, exact where it matters.

A personal journal holds tens of sessions, not thousands, so lumbar uses statistics
that stay honest at that size: Fisher's exact test instead of a chi-square
approximation, and score intervals that never leave [0, 1].
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import truediv
from typing import Final, NamedTuple

__all__ = [
    "Z95",
    "Comparison",
    "benjamini_hochberg",
    "compare",
    "fisher_exact",
    "newcombe_difference",
    "wilson_interval",
]

Z95: Final = 1.959963984540054  # standard normal quantile for a two-sided 95 % interval

# Relative tolerance when comparing table probabilities, so that tables exactly as
# likely as the observed one are not lost to rounding (the same guard R's fisher.test uses).
_RELATIVE_TOLERANCE: Final = 1e-7


# Below this many sessions in a table, every product of two factors of a weight ratio is
# below 2**53: exact as a float.
_PRODUCTS_EXACT_AS_FLOATS: Final = 1 << 26


def _weights(
    x: int, end: int, w: float, margins: tuple[int, int, int], floor: float
) -> list[float]:
    """The unnormalised hypergeometric weights of the tables after ``x`` (whose weight
    is ``w``) up to ``end``, in that order, stopping before the first one below ``floor``.

    Each weight is the one before × the ratio P(k+1)/P(k) = (row1−k)(col1−k) /
    ((k+1)(row2−col1+k+1)) going up, or P(k−1)/P(k) = k(row2−col1+k) /
    ((row1−k+1)(col1−k+1)) going down. Walking away from the mode (the callers do),
    the weights only fall, so every weight after the first below ``floor`` is too.
    """
    row1, row2, col1 = margins
    # Either way one factor above the line and one below move by one a step: going up,
    # row1−k falls (col1−k is it + col1−row1) and k+1 rises (row2−col1+k+1 is it +
    # row2−col1); going down, k falls and row1−k+1 rises, the others as many apart.
    if end > x:
        top, bottom, top_gap, bottom_gap = row1 - x, x + 1, col1 - row1, row2 - col1
    else:
        top, bottom, top_gap, bottom_gap = x, row1 - x + 1, row2 - col1, col1 - row1
    # Each ratio is the quotient of two integer products, rounded once to the nearest
    # float, as Python divides integers. The factors are carried as floats (exact, being
    # counts); below _PRODUCTS_EXACT_AS_FLOATS sessions their products are exact as
    # floats too, and a float division is that nearest float, at machine speed when
    # compiled (setup.py). Past it the products are made and divided as integers.
    products_exact = row1 + row2 < _PRODUCTS_EXACT_AS_FLOATS
    p, r, e, f = float(top), float(bottom), float(top_gap), float(bottom_gap)
    found = []
    for _ in range(abs(end - x)):
        if products_exact:
            w *= p * (p + e) / (r * (r + f))
        else:
            w *= truediv(int(p) * int(p + e), int(r) * int(r + f))
        if w < floor:
            break
        found.append(w)
        p -= 1.0
        r += 1.0
    return found


def _sums(weights: list[float], limit: float) -> tuple[float, float]:
    """The sum of ``weights`` and the sum of those at most ``limit``, each added in order."""
    total = counted = 0.0
    for w in weights:
        total += w
        if w <= limit:
            counted += w
    return total, counted


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for the table [[a, b], [c, d]].

    The p-value is the total probability, under the hypergeometric distribution with
    the table's margins fixed, of every table no more likely than the observed one.

    Raises:
        ValueError: a negative count.
    """
    if min(a, b, c, d) < 0:
        raise ValueError(f"counts must be >= 0, got {(a, b, c, d)}")
    margins = row1, row2, col1 = a + b, c + d, a + c
    lo, hi = max(0, col1 - row2), min(row1, col1)
    if lo == hi:
        return 1.0
    # Weights relative to the mode (weight 1, the largest), summed outwards on both
    # sides, leaving out tables less likely than 1e-13 of the observed one: they cannot
    # change the p-value. Tails that underflow to 0.0 drop out alike.
    mode = min(hi, max(lo, (row1 + 1) * (col1 + 1) // (row1 + row2 + 2)))
    # The walk to the observed table gives its weight; it is kept as the first stretch
    # of that side's walk rather than walked again once the floor is known (all of it
    # lies above the floor, as the observed weight is the smallest of the stretch).
    toward = _weights(mode, a, 1.0, margins, -math.inf)
    observed = toward[-1] if toward else 1.0
    if observed >= 1.0:
        # The observed table is as likely as the mode: every table counts, the sums
        # below come out equal and p is exactly 1, without walking the tables.
        return 1.0
    limit = observed * (1 + _RELATIVE_TOLERANCE)
    floor = observed * 1e-13
    if a > mode:
        up = toward + _weights(a, hi, observed, margins, floor)
        down = _weights(mode, lo, 1.0, margins, floor)
    else:
        up = _weights(mode, hi, 1.0, margins, floor)
        down = toward + _weights(a, lo, observed, margins, floor)
    up_total, up_counted = _sums(up, limit)
    down_total, down_counted = _sums(down, limit)
    mode_counted = 1.0 if limit >= 1.0 else 0.0
    p = (mode_counted + up_counted + down_counted) / (1.0 + up_total + down_total)
    return min(1.0, p)


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (95 % by default); (0, 1) when ``n`` is 0."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At 0 of n and n of n the bound is exactly 0 or 1; say so rather than 1 − 1e-16.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def newcombe_difference(
    successes1: int,
    n1: int,
    successes2: int,
    n2: int,
    z: float = Z95,
    wilson: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> tuple[float, float]:
    """Newcombe's hybrid score interval for p1 − p2, built from the two Wilson intervals.

    Newcombe (1998), method 10: it keeps good coverage with small counts and stays in
    [−1, 1]. ``wilson``: the two Wilson intervals at ``z``, when the caller has them.
    """
    p1 = successes1 / n1 if n1 else 0.0
    p2 = successes2 / n2 if n2 else 0.0
    if wilson is None:
        wilson = wilson_interval(successes1, n1, z), wilson_interval(successes2, n2, z)
    (l1, u1), (l2, u2) = wilson
    diff = p1 - p2
    low = diff - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = diff + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return max(-1.0, low), min(1.0, high)


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order given.

    Controls the expected share of false links among those claimed when many
    exercises are tested at once.
    """
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i], reverse=True)
    adjusted = [0.0] * m
    running = 1.0
    for rank_from_top, i in enumerate(order):
        rank = m - rank_from_top
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = running
    return adjusted


class Comparison(NamedTuple):
    """Pain after sessions with something against sessions without it (a NamedTuple:
    a journal makes dozens per call).

    Attributes:
        with_pain, with_total: sessions with it followed by pain, and all sessions with it.
        without_pain, without_total: the same for sessions without it.
        rate_with, rate_without: the two proportions (0–1).
        interval_with, interval_without: 95 % Wilson intervals of the two proportions.
        difference_interval: 95 % Newcombe interval of ``rate_with − rate_without``.
        p_value: two-sided Fisher's exact test.
    """

    with_pain: int
    with_total: int
    without_pain: int
    without_total: int
    rate_with: float
    rate_without: float
    interval_with: tuple[float, float]
    interval_without: tuple[float, float]
    difference_interval: tuple[float, float]
    p_value: float


def compare(with_pain: int, with_total: int, without_pain: int, without_total: int) -> Comparison:
    """Rates, intervals and Fisher's exact p for one with / without split.

    Raises:
        ValueError: a count outside 0..total, or an empty group.
    """
    if not (0 <= with_pain <= with_total and 0 <= without_pain <= without_total):
        raise ValueError("pain counts must be within 0..total")
    if with_total == 0 or without_total == 0:
        raise ValueError("both groups need at least one session")
    interval_with = wilson_interval(with_pain, with_total)
    interval_without = wilson_interval(without_pain, without_total)
    return Comparison(
        with_pain,
        with_total,
        without_pain,
        without_total,
        with_pain / with_total,
        without_pain / without_total,
        interval_with,
        interval_without,
        newcombe_difference(
            with_pain, with_total, without_pain, without_total,
            wilson=(interval_with, interval_without),
        ),
        fisher_exact(with_pain, with_total - with_pain, without_pain, without_total - without_pain),
    )  # fmt: skip
