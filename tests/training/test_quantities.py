"""What each session adds to its day: session-RPE load, estimates, volume, distance, impact."""

from __future__ import annotations

import datetime as dt

import pytest

from lumbar.training import (
    TYPE_DEFAULTS,
    TrainingSession,
    TrainingSet,
    daily_loads,
    session_quantities,
)

DAY = dt.date(2025, 3, 3)


def lift(name: str, reps: int | None, kg: float | None, set_type: str = "normal", **kw):
    return TrainingSet(name, set_type=set_type, reps=reps, weight_kg=kg, **kw)


def test_session_rpe_load_is_rpe_times_minutes():
    q = session_quantities(TrainingSession(DAY, "strength", duration_min=60, rpe=7))
    assert q.load_au == 7 * 60
    assert not q.estimated


def test_missing_rpe_uses_the_types_default_and_is_marked_estimated():
    q = session_quantities(TrainingSession(DAY, "strength", duration_min=60))
    assert q.load_au == TYPE_DEFAULTS["strength"].rpe * 60
    assert q.estimated


def test_missing_duration_of_a_run_comes_from_its_distance():
    q = session_quantities(TrainingSession(DAY, "running", rpe=4, distance_km=10))
    assert q.minutes == 10 * TYPE_DEFAULTS["running"].min_per_km
    assert q.load_au == 4 * 10 * TYPE_DEFAULTS["running"].min_per_km
    assert q.estimated


def test_missing_duration_without_distance_uses_the_types_default_length():
    q = session_quantities(TrainingSession(DAY, "yoga_pilates", rpe=2))
    assert q.minutes == TYPE_DEFAULTS["yoga_pilates"].duration_min
    assert q.estimated


def test_an_unknown_type_is_estimated_as_other():
    q = session_quantities(TrainingSession(DAY, "underwater_hockey"))
    other = TYPE_DEFAULTS["other"]
    assert q.load_au == other.rpe * other.duration_min


def test_a_zero_minute_session_is_a_real_zero_not_an_estimate():
    q = session_quantities(TrainingSession(DAY, "strength", duration_min=0, rpe=8))
    assert q.load_au == 0
    assert not q.estimated


def test_every_type_of_the_contract_has_a_default():
    types = "strength running hiit team_sport cycling rowing yoga_pilates walking other".split()
    assert set(TYPE_DEFAULTS) == set(types)


def test_volume_load_counts_working_sets_only():
    sets = (
        lift("Deadlift", 5, 60, "warmup"),
        lift("Deadlift", 5, 100),
        lift("Deadlift", 5, 100),
        lift("Deadlift", 3, 110, "failure"),
        lift("Deadlift", 8, 80, "drop"),
        lift("Pull Up", 8, None),  # body weight: no external load
        lift("Curl", None, 12),  # reps not logged
    )
    q = session_quantities(TrainingSession(DAY, "strength", duration_min=50, rpe=8, sets=sets))
    assert q.volume_kg == 5 * 100 + 5 * 100 + 3 * 110 + 8 * 80


def test_running_distance_of_a_run_and_of_run_sets_in_another_session():
    run = TrainingSession(DAY, "running", duration_min=30, rpe=5, distance_km=5.5)
    assert session_quantities(run).running_km == 5.5
    hiit = TrainingSession(
        DAY,
        "hiit",
        duration_min=30,
        rpe=7,
        distance_km=3.0,  # total distance including the rower
        sets=(
            TrainingSet("Run", pattern="run", impact="high", distance_km=0.4),
            TrainingSet("Row", pattern="row", impact="none", distance_km=2.0),
            TrainingSet("Run", pattern="run", impact="high", distance_km=0.4),
        ),
    )
    assert session_quantities(hiit).running_km == pytest.approx(0.8)
    ride = TrainingSession(DAY, "cycling", duration_min=60, rpe=4, distance_km=25)
    assert session_quantities(ride).running_km == 0


def test_high_impact_minutes_of_impact_types_and_of_jump_sets():
    run = session_quantities(TrainingSession(DAY, "running", duration_min=40, rpe=5))
    assert run.high_impact_min == 40
    assert run.high_impact
    # 10 sets in 60 minutes: each set without a logged duration gets 6 minutes
    sets = (
        *(lift("Squat", 5, 80) for _ in range(8)),
        TrainingSet("Box Jump", "box_jump", "jump", "high", reps=5),
        TrainingSet("Box Jump", "box_jump", "jump", "high", reps=5),
    )
    q = session_quantities(TrainingSession(DAY, "strength", duration_min=60, rpe=6, sets=sets))
    assert q.high_impact_min == 2 * 60 / 10
    assert q.high_impact
    timed = (TrainingSet("Jump Rope", impact="high", duration_s=90), lift("Squat", 5, 80))
    q = session_quantities(TrainingSession(DAY, "strength", duration_min=30, rpe=6, sets=timed))
    assert q.high_impact_min == 1.5


def test_low_impact_sessions_have_no_high_impact_minutes():
    q = session_quantities(TrainingSession(DAY, "cycling", duration_min=60, rpe=4))
    assert q.high_impact_min == 0
    assert not q.high_impact


def test_exercises_and_patterns_of_a_session():
    sets = (
        TrainingSet("Deadlift (Barbell)", "deadlift", "hinge", "none"),
        TrainingSet("Deadlift (Barbell)", "deadlift", "hinge", "none"),
        TrainingSet(" Garden Wheelbarrow Lift ", None, None, None),
    )
    q = session_quantities(TrainingSession(DAY, "strength", sets=sets))
    assert q.exercise_ids == {"deadlift"}
    assert q.patterns == {"hinge"}
    assert q.unmatched == {"Garden Wheelbarrow Lift"}


def test_daily_loads_add_up_sessions_of_the_same_day_and_mark_estimates():
    sessions = [
        TrainingSession(DAY, "strength", duration_min=60, rpe=7),
        TrainingSession(DAY, "running", duration_min=30, distance_km=5),  # RPE estimated
        TrainingSession(DAY + dt.timedelta(days=2), "cycling", duration_min=60, rpe=3),
    ]
    days = daily_loads(sessions)
    assert days.start == DAY
    assert days.end == DAY + dt.timedelta(days=2)
    assert days.load_au == (7 * 60 + TYPE_DEFAULTS["running"].rpe * 30, 0, 3 * 60)
    assert days.estimated == (True, False, False)
    assert days.sessions == (2, 0, 1)
    assert days.running_km == (5, 0, 0)
    assert days.high_impact_min == (30, 0, 0)


def test_daily_loads_cut_to_the_span_asked_for():
    sessions = [
        TrainingSession(DAY, "strength", duration_min=10, rpe=5),
        TrainingSession(DAY + dt.timedelta(days=5), "strength", duration_min=10, rpe=5),
    ]
    days = daily_loads(sessions, start=DAY + dt.timedelta(days=1), end=DAY + dt.timedelta(days=9))
    assert len(days.load_au) == 9
    assert sum(days.load_au) == 50  # only the second session


def test_daily_loads_need_a_span():
    with pytest.raises(ValueError, match="no sessions"):
        daily_loads([])
    with pytest.raises(ValueError, match="before start"):
        daily_loads([], start=DAY, end=DAY - dt.timedelta(days=1))
    empty = daily_loads([], start=DAY, end=DAY + dt.timedelta(days=6))
    assert empty.load_au == (0,) * 7
