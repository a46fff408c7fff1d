"""The command-line set notation: "Deadlift:3x5@140", "Plank:3x60s", "Squat:5x5@300lb"."""

from __future__ import annotations

import re

import pytest

from lumbar.journal.set_notation import parse_exercise


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
