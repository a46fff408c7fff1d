"""The command-line set notation: "Deadlift:3x5@140", "Plank:3x60s", "Squat:5x5@300lb"."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumbar.ingest.records import ImportedSet
from lumbar.journal.set_notation import format_sets, parse_exercise


def test_sets_of_reps_at_a_weight_in_kilograms() -> None:
    sets = parse_exercise("Deadlift (Barbell):3x5@140")
    assert len(sets) == 3
    assert {(s.exercise, s.reps, s.weight_kg, s.duration_s) for s in sets} == {
        ("Deadlift (Barbell)", 5, 140.0, None)
    }


def test_pounds_are_converted_to_kilograms_at_the_edge() -> None:
    (one,) = parse_exercise("Squat:1x3@300lb")
    assert one.weight_kg == pytest.approx(300 / 2.20462262185, abs=1e-3)
    assert parse_exercise("Squat:1x3@300lbs")[0].weight_kg == one.weight_kg
    assert parse_exercise("Squat:1x3@100kg")[0].weight_kg == 100.0


def test_timed_sets_and_sets_without_load() -> None:
    plank = parse_exercise("Plank:3x60s")
    assert [(s.reps, s.duration_s) for s in plank] == [(None, 60.0)] * 3
    assert parse_exercise("Dead Hang:1x2min")[0].duration_s == 120.0
    assert [(s.reps, s.weight_kg) for s in parse_exercise("Pull Up:2x8")] == [(8, None)] * 2


def test_several_groups_with_spaces_and_a_times_sign() -> None:
    sets = parse_exercise("Bench Press: 1 x 5 @ 60, 2×3@80.5")
    assert [(s.reps, s.weight_kg) for s in sets] == [(5, 60.0), (3, 80.5), (3, 80.5)]


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("Deadlift", "expected NAME:SETS"),
        (":3x5", "expected NAME:SETS"),
        ("Deadlift:3x", "got '3x'"),
        ("Deadlift:3x5@", "got '3x5@'"),
        ("Deadlift:0x5", "1–100, got 0"),
        ("Deadlift:-1x5", "got '-1x5'"),
        ("Deadlift:3x5@140stone", "got '3x5@140stone'"),
    ],
)
def test_malformed_specs_are_refused_saying_what_was_expected(spec: str, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)) as caught:
        parse_exercise(spec)
    assert str(caught.value).startswith(repr(spec))


def test_formatted_sets_group_equal_neighbours_and_name_each_exercise_once_a_line() -> None:
    sets = [
        *parse_exercise("Deadlift:1x5@100"),
        *parse_exercise("Deadlift:3x5@140"),
        *parse_exercise("Plank:2x60s"),
        *parse_exercise("Pull Up:3x8"),
    ]
    lines, exact = format_sets(sets)
    assert lines == ["Deadlift: 1x5@100, 3x5@140", "Plank: 2x60s", "Pull Up: 3x8"]
    assert exact


def test_formatting_says_when_a_set_holds_more_than_the_notation_can() -> None:
    warm_up = ImportedSet("Squat", set_type="warmup", reps=5, weight_kg=60.0)
    with_rpe = ImportedSet("Squat", reps=5, weight_kg=100.0, rpe=8.0)
    run = ImportedSet("Run", distance_km=1.0, duration_s=300.0)
    for one in (warm_up, with_rpe, run):
        assert format_sets([one])[1] is False
    assert format_sets([])[0] == []


names = st.text(alphabet=string.ascii_letters + " ()-:", min_size=1, max_size=20).filter(
    lambda name: name.strip() == name and not name.endswith(":")
)
kilograms = st.integers(min_value=0, max_value=500_000).map(lambda grams: grams / 1000)
lifts = st.builds(
    ImportedSet, exercise=names, reps=st.integers(0, 50), weight_kg=st.none() | kilograms
)
holds = st.builds(
    ImportedSet, exercise=names, duration_s=st.integers(1, 36_000).map(lambda ds: ds / 10)
)


@given(st.lists(lifts | holds, max_size=30))
@settings(max_examples=150)
def test_sets_the_notation_can_say_read_back_to_the_same_sets(sets: list[ImportedSet]) -> None:
    lines, exact = format_sets(sets)
    assert exact
    again = [one for line in lines for one in parse_exercise(line)]
    fields = ("exercise", "reps", "weight_kg", "duration_s", "set_type")
    assert [[getattr(s, f) for f in fields] for s in again] == [
        [getattr(s, f) for f in fields] for s in sets
    ]
