"""Fisher's exact test, Wilson and Newcombe intervals, Benjamini–Hochberg: known answers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumbar.training.stats import (
    benjamini_hochberg,
    compare,
    fisher_exact,
    newcombe_difference,
    wilson_interval,
)


def brute_force_fisher(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher p by listing every table with the same margins (math.comb)."""
    row1, row2, col1 = a + b, c + d, a + c
    n = row1 + row2

    def prob(x: int) -> float:
        return math.comb(row1, x) * math.comb(row2, col1 - x) / math.comb(n, col1)

    observed = prob(a)
    support = range(max(0, col1 - row2), min(row1, col1) + 1)
    return sum(prob(x) for x in support if prob(x) <= observed * (1 + 1e-7))


def test_fisher_lady_tasting_tea():
    # Fisher's own example: 3 of 4 cups right each way; the one-sided p is 17/70 and the
    # two-sided p doubles it (the table is symmetric): 34/70.
    assert fisher_exact(3, 1, 1, 3) == pytest.approx(34 / 70)


def test_fisher_three_of_four_against_two_of_fifteen():
    # [[3, 1], [2, 13]]: margins 4 and 15 sessions, 5 followed by pain, C(19, 5) = 11628.
    # Tables by x (pain after the 4): C(4,x)·C(15,5−x) = 3003, 5460, 2730, 420, 15.
    # As or less likely than the observed 420: x = 3 and x = 4, so p = 435 / 11628.
    assert fisher_exact(3, 1, 2, 13) == pytest.approx(435 / 11628)


@pytest.mark.parametrize(
    "table",
    [(0, 5, 5, 0), (1, 9, 11, 3), (10, 2, 3, 15), (0, 0, 3, 4), (7, 7, 7, 7), (12, 30, 2, 55)],
)
def test_fisher_agrees_with_listing_every_table(table):
    assert fisher_exact(*table) == pytest.approx(brute_force_fisher(*table), rel=1e-9)


def test_fisher_of_a_degenerate_table_is_one():
    assert fisher_exact(0, 0, 0, 5) == 1.0
    assert fisher_exact(4, 0, 6, 0) == 1.0


def test_fisher_refuses_negative_counts():
    with pytest.raises(ValueError, match=">= 0"):
        fisher_exact(-1, 2, 3, 4)


def test_fisher_of_a_large_lopsided_table_stays_a_probability():
    p = fisher_exact(400, 0, 0, 400)
    assert 0 <= p < 1e-200


def test_wilson_interval_known_values():
    # 3 of 4 with z = 1.96: centre (0.75 + 1.9208/4) / (1 + 3.8415/4) and half-width
    # 1.96·sqrt(0.75·0.25/4 + 3.8415/64) / (1 + 3.8415/4)
    z = 1.959963984540054
    centre = (0.75 + z * z / 8) / (1 + z * z / 4)
    half = z * math.sqrt(0.75 * 0.25 / 4 + z * z / 64) / (1 + z * z / 4)
    assert wilson_interval(3, 4) == pytest.approx((centre - half, centre + half))
    assert wilson_interval(3, 4) == pytest.approx((0.3006, 0.9544), abs=1e-4)
    assert wilson_interval(0, 10)[0] == 0
    assert wilson_interval(10, 10)[1] == 1
    assert wilson_interval(0, 0) == (0, 1)


def test_newcombe_difference_of_his_worked_example():
    # Newcombe (1998), Stat Med 17:873, example (a): 56/70 − 48/80, method 10 gives
    # 0.0524 to 0.3339.
    low, high = newcombe_difference(56, 70, 48, 80)
    assert low == pytest.approx(0.0524, abs=1e-4)
    assert high == pytest.approx(0.3339, abs=1e-4)


def test_benjamini_hochberg_known_values():
    # p sorted: 0.01, 0.02, 0.03, 0.5 with m = 4: 0.04, 0.04, 0.04, 0.5 after the step-up
    assert benjamini_hochberg([0.03, 0.5, 0.01, 0.02]) == pytest.approx([0.04, 0.5, 0.04, 0.04])
    assert benjamini_hochberg([]) == []
    assert benjamini_hochberg([0.2]) == [0.2]


def test_compare_gathers_rates_intervals_and_p():
    c = compare(3, 4, 2, 15)
    assert (c.rate_with, c.rate_without) == (0.75, 2 / 15)
    assert c.interval_with == wilson_interval(3, 4)
    assert c.p_value == pytest.approx(brute_force_fisher(3, 1, 2, 13))
    low, high = c.difference_interval
    assert low < 0.75 - 2 / 15 < high


def test_compare_refuses_impossible_counts():
    with pytest.raises(ValueError, match="within"):
        compare(5, 4, 0, 3)
    with pytest.raises(ValueError, match="at least one"):
        compare(0, 0, 1, 3)


@settings(max_examples=300, deadline=None)
@given(
    table=st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
)
def test_fisher_agrees_with_listing_every_table_for_any_small_table(table):
    assert fisher_exact(*table) == pytest.approx(brute_force_fisher(*table), rel=1e-9, abs=1e-300)
