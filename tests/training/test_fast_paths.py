"""The shortcuts taken for speed give what the plain definitions give, to the last bit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from lumbar.training import (
    PainEntry,
    PainRule,
    TrainingSession,
    TrainingSet,
    daily_loads,
    ewma_loads,
    session_quantities,
)
from lumbar.training.pain_window import pains_after
from lumbar.training.quantities import measure_sessions
from lumbar.training.shoes import sort_sessions
from lumbar.training.stats import fisher_exact

DAY = dt.date(2025, 3, 3)

# A few distinct set records; a session's sets are drawn from them, so that records
# repeat (one object several times in a row) as they do in the journal.
RECORDS = (
    TrainingSet("Deadlift", "deadlift", "hinge", "low", "warmup", 5, 60.0),
    TrainingSet("Deadlift", "deadlift", "hinge", "low", "normal", 5, 102.5),
    TrainingSet("Box Jump", "box_jump", "jump", "high", "normal", 5, None),
    TrainingSet("Box Jump", "box_jump", "jump", "high", "normal", 1, None, duration_s=45.0),
    TrainingSet("Plank", "plank", "core", "none", "normal", 1, None, duration_s=60.0),
    TrainingSet("Run", "run", "run", "high", "normal", None, None, 0.4),
    TrainingSet("My odd lift ", None, None, None, "drop", 8, 17.3),
    TrainingSet("Curl", None, "pull", None, "failure", 12, 7.1),
    TrainingSet("Lunge", "lunge", "lunge", "low", "normal", 10, 12),  # whole kilograms
)


def plain_volume(sets: tuple[TrainingSet, ...]) -> float:
    # Started from 0.0: a volume is kilograms, a float, even when every weight is whole.
    return sum(
        [
            s.reps * s.weight_kg
            for s in sets
            if s.weight_kg is not None and s.reps is not None and s.set_type != "warmup"
        ],
        0.0,
    )


@settings(max_examples=200, deadline=None)
@given(
    picks=st.lists(st.integers(0, len(RECORDS) - 1), min_size=1, max_size=30),
    kind=st.sampled_from(["strength", "hiit", "other"]),
    minutes=st.floats(1, 200, allow_nan=False),
)
def test_repeated_set_records_add_up_like_the_plain_sums(picks, kind, minutes):
    shared = tuple(RECORDS[i] for i in picks)
    copies = tuple(dataclasses.replace(s) for s in shared)  # equal values, no shared object
    session = TrainingSession(DAY, kind, duration_min=minutes, rpe=6, sets=shared)
    q = session_quantities(session)
    assert q == session_quantities(dataclasses.replace(session, sets=copies))
    volume = plain_volume(shared)
    assert q.volume_kg == volume and type(q.volume_kg) is float
    share = minutes / len(shared)
    high = [s.duration_s / 60 if s.duration_s is not None else share for s in shared]
    high = [m for m, s in zip(high, shared, strict=True) if s.impact == "high"]
    if kind == "hiit":
        assert q.high_impact_min == minutes
    elif high:
        assert q.high_impact_min == min(minutes, sum(high))
    else:
        assert q.high_impact_min == 0.0
    assert q.exercise_ids == {s.exercise_id for s in shared} - {None}
    assert q.patterns == {s.pattern for s in shared} - {None}
    assert q.unmatched == {s.exercise.strip() for s in shared if s.exercise_id is None}


def test_volume_of_whole_kilograms_is_a_float_of_the_same_value():
    # One type whatever the weights: the compiled build (setup.py) holds it as a C double.
    lunge = RECORDS[-1]
    q = session_quantities(TrainingSession(DAY, "strength", sets=(lunge, lunge, RECORDS[0])))
    assert q.volume_kg == 240 and type(q.volume_kg) is float


times = st.one_of(st.none(), st.times().map(lambda t: t.replace(microsecond=0)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), times), max_size=25))
def test_sessions_are_ordered_by_day_then_start_and_ties_keep_their_order(drawn):
    sessions = [
        TrainingSession(
            DAY + dt.timedelta(days=d),
            "running",
            start=None if t is None else dt.datetime.combine(DAY + dt.timedelta(days=d), t),
            session_id=str(k),
        )
        for k, (d, t) in enumerate(drawn)
    ]
    expected = sorted(
        sessions, key=lambda s: (s.day, s.start.time() if s.start is not None else dt.time.min)
    )
    assert [s.session_id for s in sort_sessions(sessions)] == [s.session_id for s in expected]


def test_pain_entries_with_and_without_a_time_on_the_same_day():
    evening = dt.datetime(2025, 3, 3, 18, 0)
    session = TrainingSession(DAY, "strength", start=evening)
    next_day = DAY + dt.timedelta(days=1)
    pains = [
        PainEntry(next_day, 5, dt.datetime(2025, 3, 4, 8, 0)),  # 14 h after the start
        PainEntry(next_day, 6),  # no time: the day is within the window
        PainEntry(DAY, 7, dt.datetime(2025, 3, 3, 7, 0)),  # timed before the start
        PainEntry(DAY + dt.timedelta(days=4), 7),  # untimed, days later
    ]
    # the untimed entry sorts first within its day; positions are those in ``pains``
    assert pains_after([session], pains) == [(1, 0)]


def brute_force_fisher(a: int, b: int, c: int, d: int) -> float:
    row1, row2, col1 = a + b, c + d, a + c

    def prob(x: int) -> float:
        return math.comb(row1, x) * math.comb(row2, col1 - x) / math.comb(row1 + row2, col1)

    observed = prob(a)
    support = range(max(0, col1 - row2), min(row1, col1) + 1)
    return sum(prob(x) for x in support if prob(x) <= observed * (1 + 1e-7))


@settings(max_examples=200, deadline=None)
@given(row1=st.integers(1, 60), row2=st.integers(1, 60), col1=st.integers(1, 60))
def test_the_most_likely_table_has_p_one_exactly(row1, row2, col1):
    col1 = min(col1, row1 + row2)
    # the most likely table, by exact counts of the ways to get each one
    support = range(max(0, col1 - row2), min(row1, col1) + 1)
    mode = max(support, key=lambda x: math.comb(row1, x) * math.comb(row2, col1 - x))
    table = (mode, row1 - mode, col1 - mode, row2 - col1 + mode)
    assert fisher_exact(*table) == 1.0
    assert math.isclose(brute_force_fisher(*table), 1.0, rel_tol=1e-9)


def test_the_ewma_of_a_day_does_not_depend_on_the_series_read_before():
    short = daily_loads(
        [
            TrainingSession(DAY + dt.timedelta(days=k), "running", duration_min=30, rpe=4)
            for k in range(0, 40, 2)
        ]
    )
    on = short.end
    first = ewma_loads(short, on)
    long = daily_loads(
        [
            TrainingSession(DAY + dt.timedelta(days=k), "cycling", duration_min=50, rpe=5)
            for k in range(0, 900, 3)
        ]
    )
    ewma_loads(long, long.end)
    assert ewma_loads(short, on) == first


def plain_minutes(t: dt.datetime) -> float:
    return t.toordinal() * 1440 + t.hour * 60 + t.minute + (t.second + t.microsecond / 1e6) / 60


def plain_pains_after(sessions, pains, rule):
    """The rule of ``pains_after`` read straight from its docstring, session by session."""
    out = []
    for s in sessions:
        found = []
        for k, p in enumerate(pains):
            if p.nrs < rule.min_nrs:
                continue
            gap = p.day.toordinal() - s.day.toordinal()
            reach = -(-int(rule.window_h) // 24) + 1
            if s.start is not None and p.at is not None:
                ok = 0 <= gap <= reach and 0 < plain_minutes(p.at) - plain_minutes(s.start) <= (
                    rule.window_h * 60
                )
            else:
                ok = 0 <= gap <= rule.window_h // 24
            if ok:
                found.append((p.day, -math.inf if p.at is None else plain_minutes(p.at), k))
        out.append(tuple(k for *_, k in sorted(found)))
    return out


moments = st.tuples(st.integers(0, 6), st.one_of(st.none(), st.integers(0, 24 * 60 - 1)))


def at_minute(day: int, minute: int | None) -> dt.datetime | None:
    if minute is None:
        return None
    return dt.datetime.combine(DAY + dt.timedelta(days=day), dt.time(minute // 60, minute % 60))


@settings(max_examples=200, deadline=None)
@given(
    sessions=st.lists(moments, max_size=12),
    pains=st.lists(st.tuples(moments, st.integers(0, 10)), max_size=12),
    window_h=st.sampled_from([1.0, 20.0, 24.0, 48.0, 72.5]),
)
def test_pain_lookup_from_each_entry_matches_the_rule_read_per_session(sessions, pains, window_h):
    # sessions in any order; pain entries in any order, timed or not, any NRS
    made = [
        TrainingSession(DAY + dt.timedelta(days=d), "running", start=at_minute(d, m))
        for d, m in sessions
    ]
    entries = [PainEntry(DAY + dt.timedelta(days=d), nrs, at_minute(d, m)) for (d, m), nrs in pains]
    rule = PainRule(min_nrs=4, window_h=window_h)
    assert pains_after(made, entries, rule) == plain_pains_after(made, entries, rule)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, len(RECORDS) - 1), max_size=8), max_size=15))
def test_columns_list_each_exercise_and_pattern_with_the_sessions_that_hold_it(drawn):
    sessions = [
        TrainingSession(DAY, "strength", duration_min=40, rpe=5, sets=tuple(RECORDS[i] for i in p))
        for p in drawn
    ]
    columns = measure_sessions(sessions)
    ids = [{s.exercise_id for s in x.sets} - {None} for x in sessions]
    names = [{s.exercise.strip() for s in x.sets if s.exercise_id is None} for x in sessions]
    kinds = [{s.pattern for s in x.sets} - {None} for x in sessions]
    for column, per_session in (
        (columns.exercises, ids),
        (columns.unmatched, names),
        (columns.patterns, kinds),
    ):
        keys = set().union(*per_session)
        assert column == {k: [i for i, held in enumerate(per_session) if k in held] for k in keys}
    assert columns.volume_kg == [plain_volume(x.sets) if x.sets else 0.0 for x in sessions]
    assert columns.days == [DAY.toordinal()] * len(sessions)


def test_a_session_with_an_id_and_an_unknown_name_written_alike_counts_once() -> None:
    from lumbar.training.candidates import exercise_candidates

    known = TrainingSet("Deadlift", "deadlift", "hinge", "low", "normal", 5, 100.0)
    as_written = TrainingSet("deadlift", None, None, None, "normal", 5, 100.0)
    both = [TrainingSession(DAY, "strength", sets=(known, as_written))]
    others = [
        TrainingSession(DAY + dt.timedelta(days=i), "strength", sets=(known,)) for i in (1, 2)
    ]
    plain = [TrainingSession(DAY + dt.timedelta(days=i), "strength") for i in (3, 4, 5)]
    sessions = both + others + plain
    followed = [True, True, False, True, False, False]  # pain after sessions 0, 1 and 3
    found = {
        c.key: c
        for c in exercise_candidates(measure_sessions(sessions), followed, 1)
        if c.kind == "exercise"
    }
    deadlift = found["deadlift"]
    assert deadlift.members == (0, 1, 2)  # session 0 once, not twice
    # 2 of the 3 deadlift sessions were followed by pain, 1 of the 3 others.
    s = deadlift.stats
    assert (s.with_pain, s.with_total, s.without_pain, s.without_total) == (2, 3, 1, 3)


def walked_fisher(a: int, b: int, c: int, d: int) -> float:
    """Fisher's p by the plain walk: each weight from the one before with the integer
    ratio, the observed weight walked to on its own, both sides walked from the mode."""
    row1, row2, col1 = a + b, c + d, a + c
    lo, hi = max(0, col1 - row2), min(row1, col1)
    if lo == hi:
        return 1.0

    def up(k: int) -> float:  # P(k+1) / P(k)
        return (row1 - k) * (col1 - k) / ((k + 1) * (row2 - col1 + k + 1))

    def down(k: int) -> float:  # P(k-1) / P(k)
        return k * (row2 - col1 + k) / ((row1 - k + 1) * (col1 - k + 1))

    mode = min(hi, max(lo, (row1 + 1) * (col1 + 1) // (row1 + row2 + 2)))
    observed = 1.0
    for k in range(mode, a):
        observed *= up(k)
    for k in range(mode, a, -1):
        observed *= down(k)
    if observed >= 1.0:
        return 1.0
    limit, floor = observed * (1 + 1e-7), observed * 1e-13
    sums = []
    for ks, ratio in ((range(mode, hi), up), (range(mode, lo, -1), down)):
        w, total, counted = 1.0, 0.0, 0.0
        for k in ks:
            w *= ratio(k)
            if w < floor:
                break
            total += w
            if w <= limit:
                counted += w
        sums.append((total, counted))
    (up_total, up_counted), (down_total, down_counted) = sums
    mode_counted = 1.0 if limit >= 1.0 else 0.0
    return min(1.0, (mode_counted + up_counted + down_counted) / (1.0 + up_total + down_total))


@settings(max_examples=300, deadline=None)
@given(
    st.tuples(*[st.integers(0, 40)] * 4)
    | st.tuples(*[st.integers(0, 3000)] * 4)
    | st.tuples(*[st.integers(0, 400)] * 2, *[st.integers(0, 3000)] * 2)
)
def test_fisher_walks_in_floats_give_the_integer_walks_p_to_the_last_bit(table):
    assert fisher_exact(*table).hex() == walked_fisher(*table).hex()


def test_fisher_on_tables_past_the_float_limit_matches_the_integer_walk():
    # 2**26 sessions or more: the factors' products may pass 2**53, so integers are used;
    # the table is a few steps from the mode (about 2**24), to keep the walk short
    row = 2**25 + 5
    a = (row + 1) * (row + 1) // (2 * row + 2) + 3
    table = (a, row - a, row - a, a)
    assert fisher_exact(*table).hex() == walked_fisher(*table).hex()
