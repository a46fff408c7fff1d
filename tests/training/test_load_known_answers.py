"""Known answers for every load metric, each worked out by hand in the test.

The series are small and round: four steady weeks of 100 AU a day, then a rest week,
a spike or a taper. Expected values are written as the arithmetic that gives them.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from lumbar.training import (
    DailyLoads,
    acute_load,
    acwr_ewma,
    acwr_rolling,
    acwr_rolling_series,
    acwr_uncoupled,
    chronic_load,
    days_since_rest,
    describe_load_change,
    ewma_loads,
    ewma_series,
    load_summary,
    monotony,
    strain,
    week_change_pct,
    weekly_loads,
)

START = dt.date(2025, 1, 6)  # a Monday


def series(loads: list[float], start: dt.date = START) -> DailyLoads:
    """A daily series with the given loads; a day with load counts as one session."""
    n = len(loads)
    return DailyLoads(
        start=start,
        load_au=tuple(loads),
        estimated=(False,) * n,
        volume_kg=(0.0,) * n,
        running_km=(0.0,) * n,
        high_impact_min=(0.0,) * n,
        sessions=tuple(1 if x else 0 for x in loads),
    )


def day(i: int) -> dt.date:
    return START + dt.timedelta(days=i)


STEADY = [100.0] * 28  # four weeks of 100 AU every day
REST = [*STEADY, *[0.0] * 7]  # then a week of rest: days 28..34
SPIKE = [*REST, *[300.0] * 7]  # then a week of 300 AU a day: days 35..41
TAPER = [*STEADY, *[50.0] * 7]  # four steady weeks, then half the load


# ------------------------------------------------------------------ acute and chronic


def test_acute_load_is_the_total_of_the_last_seven_days():
    days = series(SPIKE)
    assert acute_load(days, day(27)) == 7 * 100
    assert acute_load(days, day(34)) == 0  # the rest week
    assert acute_load(days, day(41)) == 7 * 300
    assert acute_load(days, day(31)) == 3 * 100 + 4 * 0  # days 25..31


def test_chronic_load_is_the_weekly_average_of_the_last_four_weeks():
    days = series(SPIKE)
    assert chronic_load(days, day(27)) == 28 * 100 / 4
    # days 7..34: three weeks of 700 and the rest week
    assert chronic_load(days, day(34)) == (3 * 700 + 0) / 4
    # days 14..41: two weeks of 700, the rest week, the 2100 spike
    assert chronic_load(days, day(41)) == (700 + 700 + 0 + 2100) / 4


def test_windows_that_reach_before_the_journal_are_not_guessed():
    days = series(SPIKE)
    assert acute_load(days, day(5)) is None
    assert acute_load(days, day(6)) == 700
    assert chronic_load(days, day(26)) is None
    assert acwr_rolling(days, day(26)) is None
    assert ewma_loads(days, day(26)) is None


def test_a_day_after_the_series_is_refused():
    with pytest.raises(ValueError, match="after the last day"):
        acute_load(series(STEADY), day(28))


# ------------------------------------------------------------------ ratios


def test_steady_training_gives_ratios_of_one():
    days = series(STEADY)
    assert acwr_rolling(days, day(27)) == 1
    assert acwr_uncoupled(days, day(27)) == 1
    assert acwr_ewma(days, day(27)) == pytest.approx(1)


def test_a_rest_week_brings_the_ratios_to_zero():
    days = series(REST)
    assert acwr_rolling(days, day(34)) == 0 / ((3 * 700) / 4)
    assert acwr_uncoupled(days, day(34)) == 0 / 100


def test_a_spike_after_a_rest_week_in_all_three_forms():
    days = series(SPIKE)
    # rolling: 2100 / 875
    assert acwr_rolling(days, day(41)) == pytest.approx(2100 / 875)  # 2.4
    # uncoupled (lolli2019): mean of days 35..41 (300) over mean of days 14..34, which
    # holds weeks 3 and 4 (700 each) and the rest week: 1400 / 21
    assert acwr_uncoupled(days, day(41)) == pytest.approx(300 / (1400 / 21))  # 4.5


def test_a_taper_halves_the_uncoupled_ratio():
    days = series(TAPER)
    assert acwr_rolling(days, day(34)) == pytest.approx(350 / ((3 * 700 + 350) / 4))  # 4/7
    assert acwr_uncoupled(days, day(34)) == pytest.approx(50 / 100)


def test_the_ratio_series_matches_the_ratio_of_each_day():
    days = series(SPIKE)
    every_day = acwr_rolling_series(days)
    assert len(every_day) == len(SPIKE)
    assert every_day[:27] == [None] * 27
    for i in range(27, len(SPIKE)):
        assert every_day[i] == pytest.approx(acwr_rolling(days, day(i)))


def test_a_month_of_rest_has_no_ratio_rather_than_a_rounding_residue():
    days = series([0.1, 0.2, 0.7, *[0.0] * 60])
    ratios = acwr_rolling_series(days)
    assert ratios[27] == pytest.approx(0.0)
    assert ratios[-1] is None
    assert acwr_rolling(days, day(62)) is None


# ------------------------------------------------------------------ EWMA


def test_ewma_recurrence_step_by_step():
    # λ = 2 / (7 + 1) = 0.25, starting from 40
    # 0.25·100 + 0.75·40 = 55; 0.25·0 + 0.75·55 = 41.25; 0.25·200 + 0.75·41.25 = 80.9375
    assert ewma_series([100, 0, 200], 7, 40) == [55, 41.25, 80.9375]


def test_ewma_chronic_smoothing_constant_is_two_over_twenty_nine():
    # one step from 0 with a load of 29: λ·29 = (2/29)·29 = 2
    assert ewma_series([29], 28, 0)[0] == pytest.approx(2)


def test_ewma_ratio_of_a_one_day_spike_after_steady_weeks():
    loads = [100.0] * 27 + [800.0]
    days = series(loads)
    # Both averages start at the mean of the first 28 days: (27·100 + 800) / 28 = 125.
    # After 27 days at 100 an EWMA is 100 + 25·(1 − λ)^27; then one step with 800.
    acute = 0.25 * 800 + 0.75 * (100 + 25 * 0.75**27)
    lam = 2 / 29
    chronic = lam * 800 + (1 - lam) * (100 + 25 * (1 - lam) ** 27)
    assert ewma_loads(days, day(27)) == pytest.approx((acute, chronic))
    assert acwr_ewma(days, day(27)) == pytest.approx(acute / chronic)
    assert acute / chronic == pytest.approx(1.8133, abs=1e-3)


# ------------------------------------------------------------------ week change


def test_week_over_week_change():
    assert week_change_pct(series(TAPER), day(34)) == pytest.approx((350 / 700 - 1) * 100)
    assert week_change_pct(series(REST), day(34)) == pytest.approx(-100)
    # after a week without load there is nothing to compare against
    assert week_change_pct(series(SPIKE), day(41)) is None
    assert week_change_pct(series(STEADY), day(12)) is None  # no earlier week yet


# ------------------------------------------------------------------ monotony and strain


def test_monotony_and_strain_of_an_alternating_week():
    week = [300.0, 0, 300, 0, 300, 0, 300]
    days = series(week)
    # mean = 1200/7; sample variance = (Σx² − 7·mean²)/6 = (360000 − 1440000/7)/6
    #                                 = (1080000/7)/6 = 180000/7
    mean = 1200 / 7
    sd = math.sqrt(180000 / 7)
    assert monotony(days, day(6)) == pytest.approx(mean / sd)  # 1.069
    assert strain(days, day(6)) == pytest.approx(1200 * mean / sd)  # 1282.8


def test_a_week_of_identical_loads_has_no_monotony_or_strain():
    days = series(STEADY)
    assert monotony(days, day(27)) is None
    assert strain(days, day(27)) is None


def test_a_rest_week_has_no_monotony_and_zero_strain():
    days = series(REST)
    assert monotony(days, day(34)) is None
    assert strain(days, day(34)) == 0


# ------------------------------------------------------------------ rest days


def test_days_since_the_last_rest_day():
    days = series(SPIKE)
    assert days_since_rest(days, day(34)) == 0  # itself a rest day
    assert days_since_rest(days, day(41)) == 41 - 34
    assert days_since_rest(days, day(27)) is None  # never rested in the series


# ------------------------------------------------------------------ summary and weeks


def test_summary_gathers_the_metrics_of_the_day():
    days = series(SPIKE)
    s = load_summary(days, day(41))
    assert s.acute_load_au == 2100
    assert s.chronic_load_au == 875
    assert s.acwr_rolling == pytest.approx(2.4)
    assert s.acwr_uncoupled == pytest.approx(4.5)
    assert s.days_since_rest == 7
    assert s.sessions_7d == 7
    assert s.monotony is None  # seven days of 300
    assert s.estimated_days == 0


def test_weekly_table_of_rest_and_spike():
    days = series(SPIKE)
    weeks = weekly_loads(days, day(41), 3)
    assert [w.end for w in weeks] == [day(27), day(34), day(41)]
    assert [w.load_au for w in weeks] == [700, 0, 2100]
    assert [w.rest_days for w in weeks] == [0, 7, 0]
    assert [w.sessions for w in weeks] == [7, 0, 7]
    assert weeks[-1].acwr_rolling == pytest.approx(2.4)


def test_weekly_table_leaves_out_weeks_before_the_journal():
    days = series(STEADY)  # 28 days = 4 weeks
    weeks = weekly_loads(days, day(27), 10)
    assert len(weeks) == 4
    assert weeks[0].end == day(6)
    assert weekly_loads(days, day(4), 2) == []


# ------------------------------------------------------------------ words


def test_a_spike_is_described_against_the_persons_own_usual():
    change = describe_load_change(series(SPIKE), day(41))
    assert change is not None
    assert change.change_pct == pytest.approx((2100 / 875 - 1) * 100)  # 140 %
    assert "This week's load (2,100 AU) was 140 % above your 4-week average (875 AU" in (
        change.text
    )
    assert "not a measure of injury risk" in change.text
    assert "impellizzeri2020" in change.sources


def test_a_taper_is_described_as_below_the_usual():
    change = describe_load_change(series(TAPER), day(34))
    assert change is not None
    # 350 against (3·700 + 350)/4 = 612.5: 42.9 % below
    assert "43 % below your 4-week average" in change.text


def test_the_words_never_use_risk_bands():
    for loads, on in ((SPIKE, 41), (TAPER, 34), (REST, 34)):
        change = describe_load_change(series(loads), day(on))
        assert change is not None
        lowered = change.text.lower()
        for banned in ("danger", "sweet spot", "1.5", "0.8", "1.3", "high risk"):
            assert banned not in lowered


def test_estimated_days_are_said_in_the_words():
    days = series(STEADY)
    days = DailyLoads(
        days.start,
        days.load_au,
        (True, True, True, *days.estimated[3:]),
        days.volume_kg,
        days.running_km,
        days.high_impact_min,
        days.sessions,
    )
    change = describe_load_change(days, day(27))
    assert change is not None
    assert change.estimated_days == 3
    assert "On 3 of those 28 days" in change.text


@pytest.mark.parametrize("length", [1, 7, 20, 27, 28, 29])
def test_the_ratio_series_of_short_journals(length):
    ratios = acwr_rolling_series(series([100.0] * length))
    assert len(ratios) == length
    assert ratios[:27] == [None] * min(27, length)
    assert ratios[27:] == [1.0] * max(0, length - 27)


def test_a_load_too_small_for_the_running_totals_gives_no_ratio_instead_of_failing():
    from lumbar.training import acwr_rolling_series

    # Found by the web API's schemathesis run: 1e-300 AU vanishes next to 1,000 AU in the
    # running totals, so the 28-day load of a loaded day came out as exactly zero.
    loads = [1000.0] + [0.0] * 40 + [1e-300] + [0.0] * 3
    ratios = acwr_rolling_series(series(loads))
    assert len(ratios) == len(loads)
    assert all(r is None or math.isfinite(r) for r in ratios)
