"""The contract's history read into records; kilometres on each shoe."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lumbar.model import History
from lumbar.training import (
    SHOE_REPLACE_KM,
    Adherence,
    PainEntry,
    TrainingSession,
    TrainingSet,
    adherence,
    from_contract_history,
    shoe_use,
)
from lumbar.training.shoes import shoe_km_before, sort_sessions

HISTORY = {
    "sessions": [
        {
            "date": "2026-11-20",
            "type": "strength",
            "duration_min": 60,
            "rpe": 8,
            "exercises": ["Deadlift (Barbell)", "Garden Wheelbarrow Lift"],
            "warm_up": False,
        },
        {"date": "2026-11-18", "type": "running", "distance_km": 8, "surface": "asphalt"},
        {"date": "2026-11-30", "type": "running"},
        {"date": "2026-11-22"},
    ],
    "checkins": [{"date": "2026-11-21", "nrs": 5}, {"date": "2026-12-01", "nrs": 2}],
}


def test_history_sessions_become_records_in_date_order():
    sessions, pains = from_contract_history(HISTORY)
    assert [s.day for s in sessions] == [
        dt.date(2026, 11, 18),
        dt.date(2026, 11, 20),
        dt.date(2026, 11, 22),
        dt.date(2026, 11, 30),
    ]
    lifting = sessions[1]
    assert lifting.type == "strength"
    assert lifting.rpe == 8
    assert lifting.warm_up is False
    assert lifting.cool_down is None  # not given: unknown, not "no"
    assert lifting.session_id == "history.sessions[0]"
    assert pains == (
        PainEntry(dt.date(2026, 11, 21), 5),
        PainEntry(dt.date(2026, 12, 1), 2),
    )


def test_exercise_names_are_mapped_through_the_catalogue():
    sessions, _ = from_contract_history(HISTORY)
    deadlift, carry = sessions[1].sets
    assert (deadlift.exercise, deadlift.exercise_id, deadlift.pattern) == (
        "Deadlift (Barbell)",
        "deadlift",
        "hinge",
    )
    assert carry == TrainingSet("Garden Wheelbarrow Lift")  # unknown: kept as written, unmapped


def test_a_session_without_a_type_is_other():
    sessions, _ = from_contract_history(HISTORY)
    assert sessions[2].type == "other"


def test_history_after_the_checkin_date_is_left_out():
    sessions, pains = from_contract_history(HISTORY, until=dt.date(2026, 11, 25))
    assert len(sessions) == 3
    assert [p.nrs for p in pains] == [5]


def test_the_pydantic_history_model_reads_the_same():
    model = History.model_validate(HISTORY)
    assert from_contract_history(model) == from_contract_history(HISTORY)


def test_a_bad_date_names_the_entry():
    with pytest.raises(ValueError, match=r"history\.sessions\[0\]\.date"):
        from_contract_history({"sessions": [{"date": "yesterday"}]})
    with pytest.raises(ValueError, match=r"history\.checkins\[0\]\.nrs"):
        from_contract_history({"checkins": [{"date": "2026-01-01", "nrs": "4"}]})


def test_records_are_frozen():
    session = TrainingSession(dt.date(2026, 1, 1), "running")
    with pytest.raises(dataclasses.FrozenInstanceError):
        session.rpe = 5  # type: ignore[misc]


# ------------------------------------------------------------------ shoes


def run(day: int, km: float | None, shoe: str | None = "Pegasus", hour: int = 7):
    d = dt.date(2026, 1, day)
    start = dt.datetime.combine(d, dt.time(hour))
    return TrainingSession(d, "running", start=start, distance_km=km, shoe=shoe)


def test_shoe_kilometres_add_up_to_the_day_asked():
    sessions = [run(1, 10), run(3, 12.5), run(5, None), run(7, 8), run(2, 6, "Trail")]
    (trail, pegasus) = shoe_use(sessions, on=dt.date(2026, 1, 5), km_before={"Trail": 470})
    assert trail.shoe == "Trail"  # 470 + 6 = 476 km, the most
    assert trail.km == 476
    assert pegasus.km == 10 + 12.5  # the run on the 7th is after the day asked
    assert pegasus.sessions == 3
    assert pegasus.sessions_without_distance == 1
    assert (pegasus.first_day, pegasus.last_day) == (dt.date(2026, 1, 1), dt.date(2026, 1, 5))


def test_a_shoe_is_due_from_the_low_end_of_the_rule_of_thumb():
    assert SHOE_REPLACE_KM == (480, 800)
    sessions = [run(1, 5)]
    (shoe,) = shoe_use(sessions, dt.date(2026, 1, 1), km_before={"Pegasus": 474.9})
    assert not shoe.due
    (shoe,) = shoe_use(sessions, dt.date(2026, 1, 1), km_before={"Pegasus": 475})
    assert shoe.due


def test_kilometres_before_each_session_in_the_order_run():
    sessions = sort_sessions([run(3, 12), run(1, 10, hour=18), run(1, 5, hour=6), run(2, 4, None)])
    assert [s.distance_km for s in sessions] == [5, 10, 4, 12]
    assert shoe_km_before(sessions, {"Pegasus": 100}) == [100, 105, None, 115]


# ------------------------------------------------------------------ adherence


def test_warm_up_and_cool_down_adherence_keep_unknown_apart():
    days = [dt.date(2026, 2, d) for d in range(1, 7)]
    flags = [(True, False), (False, None), (None, None), (True, True), (False, False), (True, None)]
    sessions = [
        TrainingSession(d, "strength", warm_up=w, cool_down=c)
        for d, (w, c) in zip(days, flags, strict=True)
    ]
    warm_up, cool_down = adherence(sessions)
    assert warm_up == Adherence(done=3, skipped=2, unknown=1)
    assert cool_down == Adherence(done=1, skipped=2, unknown=3)
    assert warm_up.logged == 5
    warm_up, _ = adherence(sessions, since=days[3], until=days[4])
    assert warm_up == Adherence(done=1, skipped=1, unknown=0)
