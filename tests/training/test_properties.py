"""Properties that hold for every series and journal, checked on random ones (hypothesis)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumbar.training import (
    DailyLoads,
    LinkOptions,
    PainEntry,
    TrainingSession,
    TrainingSet,
    acute_load,
    acwr_ewma,
    acwr_rolling,
    acwr_rolling_series,
    acwr_uncoupled,
    chronic_load,
    compare,
    daily_loads,
    ewma_loads,
    ewma_series,
    find_links,
    monotony,
    strain,
)
from lumbar.training.stats import fisher_exact

START = dt.date(2025, 1, 6)


def series(loads: list[float]) -> DailyLoads:
    n = len(loads)
    return DailyLoads(
        START,
        tuple(loads),
        (False,) * n,
        (0.0,) * n,
        (0.0,) * n,
        (0.0,) * n,
        tuple(1 if x else 0 for x in loads),
    )


loads_st = st.lists(
    st.one_of(st.just(0.0), st.floats(1, 2000, allow_nan=False)), min_size=28, max_size=90
)
factor_st = st.floats(0.01, 100, allow_nan=False)


def approx_or_none(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=150, deadline=None)
@given(loads=loads_st, k=factor_st)
def test_scaling_every_load_leaves_the_ratios_unchanged(loads, k):
    days, scaled = series(loads), series([x * k for x in loads])
    on = START + dt.timedelta(days=len(loads) - 1)
    for ratio in (acwr_rolling, acwr_uncoupled, acwr_ewma, monotony):
        assert approx_or_none(ratio(days, on), ratio(scaled, on)), ratio.__name__
    for a, b in zip(acwr_rolling_series(days), acwr_rolling_series(scaled), strict=True):
        assert approx_or_none(a, b)
    # and the loads themselves scale with k
    assert acute_load(scaled, on) == pytest.approx(k * acute_load(days, on))
    assert chronic_load(scaled, on) == pytest.approx(k * chronic_load(days, on))
    s1, s2 = strain(days, on), strain(scaled, on)
    assert (s1 is None and s2 is None) or s2 == pytest.approx(k * s1)


@settings(max_examples=150, deadline=None)
@given(loads=loads_st)
def test_a_rest_day_never_raises_the_acute_load(loads):
    days = series([*loads, 0.0])  # the day after is a rest day
    today = START + dt.timedelta(days=len(loads) - 1)
    tomorrow = today + dt.timedelta(days=1)
    assert acute_load(days, tomorrow) <= acute_load(days, today)


@settings(max_examples=100, deadline=None)
@given(loads=loads_st, data=st.data())
def test_resting_on_any_day_never_raises_any_acute_load(loads, data):
    i = data.draw(st.integers(0, len(loads) - 1))
    rested = [*loads[:i], 0.0, *loads[i + 1 :]]
    before, after = series(loads), series(rested)
    for j in range(6, len(loads)):
        on = START + dt.timedelta(days=j)
        assert acute_load(after, on) <= acute_load(before, on)


sessions_st = st.lists(
    st.builds(
        TrainingSession,
        day=st.dates(START, START + dt.timedelta(days=60)),
        type=st.sampled_from(["strength", "running", "cycling", "hiit", "walking"]),
        duration_min=st.one_of(st.none(), st.floats(0, 180)),
        rpe=st.one_of(st.none(), st.integers(1, 10).map(float)),
        distance_km=st.one_of(st.none(), st.floats(0, 30)),
    ),
    max_size=40,
)


@settings(max_examples=100, deadline=None)
@given(sessions=sessions_st)
def test_adding_a_rest_day_to_a_journal_never_raises_acute_load(sessions):
    if not sessions:
        return
    days = daily_loads(sessions)
    longer = daily_loads(sessions, end=days.end + dt.timedelta(days=1))
    if len(days.load_au) >= 7:
        assert acute_load(longer, longer.end) <= acute_load(days, days.end) + 1e-9


counts_st = st.tuples(st.integers(1, 60), st.integers(1, 60)).flatmap(
    lambda n: st.tuples(st.integers(0, n[0]), st.just(n[0]), st.integers(0, n[1]), st.just(n[1]))
)


@settings(max_examples=200, deadline=None)
@given(counts=counts_st)
def test_swapping_the_groups_swaps_the_rates_and_keeps_the_p_value(counts):
    a, n, b, m = counts
    one, other = compare(a, n, b, m), compare(b, m, a, n)
    assert (one.rate_with, one.rate_without) == (other.rate_without, other.rate_with)
    assert one.interval_with == other.interval_without
    assert one.p_value == pytest.approx(other.p_value, rel=1e-9)
    low, high = one.difference_interval
    assert (-high, -low) == pytest.approx(other.difference_interval)
    assert 0 <= one.p_value <= 1
    assert low <= one.rate_with - one.rate_without <= high


@settings(max_examples=200, deadline=None)
@given(counts=counts_st)
def test_fisher_is_symmetric_under_transposing_and_relabelling_the_table(counts):
    a, n, b, m = counts
    p = fisher_exact(a, n - a, b, m - b)
    assert fisher_exact(a, b, n - a, m - b) == pytest.approx(p, rel=1e-9)  # transpose
    assert fisher_exact(n - a, a, m - b, b) == pytest.approx(p, rel=1e-9)  # pain ↔ no pain


EXERCISES = [
    TrainingSet("Deadlift", "deadlift", "hinge", "none"),
    TrainingSet("Squat", "back_squat", "squat", "none"),
    TrainingSet("Bench", "bench_press", "horizontal_push", "none"),
    TrainingSet("Box Jump", "box_jump", "jump", "high"),
    TrainingSet("Mystery move"),
]

journal_st = st.tuples(
    st.lists(
        st.builds(
            TrainingSession,
            day=st.dates(START, START + dt.timedelta(days=90)),
            type=st.sampled_from(["strength", "running"]),
            duration_min=st.just(45.0),
            rpe=st.just(6.0),
            sets=st.lists(st.sampled_from(EXERCISES), max_size=3).map(tuple),
            warm_up=st.sampled_from([None, True, False]),
            cool_down=st.sampled_from([None, True, False]),
            surface=st.sampled_from([None, "asphalt", "trail"]),
            shoe=st.sampled_from([None, "A"]),
            distance_km=st.sampled_from([None, 10.0]),
        ),
        max_size=30,
    ),
    st.lists(
        st.builds(
            PainEntry, day=st.dates(START, START + dt.timedelta(days=92)), nrs=st.integers(0, 10)
        ),
        max_size=20,
    ),
    st.integers(2, 8),
)


@settings(max_examples=100, deadline=None)
@given(journal=journal_st)
def test_no_link_is_made_below_the_exposure_minimum(journal):
    sessions, pains, least = journal
    for link in find_links(sessions, pains, LinkOptions(min_exposures=least), {"A": 450}):
        assert link.stats.with_total >= least
        assert link.stats.without_total >= least
        assert link.stats.with_total + link.stats.without_total <= len(sessions)
        if link.strength != "none":
            assert link.stats.rate_with > link.stats.rate_without


@settings(max_examples=100, deadline=None)
@given(loads=loads_st)
def test_the_ewma_of_a_day_is_the_last_step_of_the_recurrence(loads):
    days = series(loads)
    on = START + dt.timedelta(days=len(loads) - 1)
    initial = sum(loads[:28]) / 28
    expected = (ewma_series(loads, 7, initial)[-1], ewma_series(loads, 28, initial)[-1])
    assert ewma_loads(days, on) == pytest.approx(expected, rel=1e-9, abs=1e-9)
