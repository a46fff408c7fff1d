"""Hevy CSV: the real exports in ../shared/samples and small files written here.

Counts are taken from the files with the csv module, independently of the importer.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from lumbar.ingest import hevy
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "hevy"
SET_TYPES = {"normal": "normal", "warmup": "warmup", "failure": "failure", "dropset": "drop"}


@cache
def csv_rows(name: str) -> tuple[dict[str, str], ...]:
    with (SAMPLES / name).open(encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def read_sample(name: str) -> tuple[ImportedSession | Refused, ...]:
    return tuple(hevy.read(SAMPLES / name))


def hevy_time(moment) -> str:
    """A time as Hevy writes it: ``5 Dec 2025, 11:37``."""
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def sessions(items) -> list[ImportedSession]:
    return [item for item in items if isinstance(item, ImportedSession)]


def refused(items) -> list[Refused]:
    return [item for item in items if isinstance(item, Refused)]


@pytest.mark.parametrize("name", ["workouts.csv", "workouts_large.csv"])
def test_every_hevy_sample_imports_with_the_sessions_and_sets_it_holds(name):
    rows = csv_rows(name)
    items = read_sample(name)

    assert refused(items) == []
    assert len(sessions(items)) == len({(r["title"], r["start_time"]) for r in rows})
    assert sum(len(s.sets) for s in sessions(items)) == len(rows)


@pytest.mark.parametrize("name", ["workouts.csv", "workouts_large.csv"])
def test_set_types_are_mapped_one_for_one(name):
    expected = Counter(SET_TYPES[r["set_type"]] for r in csv_rows(name))
    actual = Counter(one.set_type for s in sessions(read_sample(name)) for one in s.sets)
    assert actual == expected


def test_sets_without_weight_have_none_not_zero():
    blank = sum(1 for r in csv_rows("workouts_large.csv") if r["weight_kg"] == "")
    sets = [one for s in sessions(read_sample("workouts_large.csv")) for one in s.sets]
    assert sum(1 for one in sets if one.weight_kg is None) == blank


def test_notes_spanning_several_lines_reach_the_session_notes():
    row = next(r for r in csv_rows("workouts_large.csv") if "\n" in r["exercise_notes"])
    start = next(
        s
        for s in sessions(read_sample("workouts_large.csv"))
        if s.name == row["title"] and hevy_time(s.start) == row["start_time"]
    )
    assert f"{row['exercise_title']}: {row['exercise_notes']}" in (start.notes or "")


def test_titles_with_emoji_are_kept_as_written():
    titles = {r["title"] for r in csv_rows("workouts.csv")}
    emoji = next(title for title in titles if any(ord(char) > 0xFFFF for char in title))
    assert emoji in {s.name for s in sessions(read_sample("workouts.csv"))}


def test_duration_is_end_minus_start_and_times_are_naive_local():
    first = sessions(read_sample("workouts.csv"))[0]
    row = csv_rows("workouts.csv")[0]
    assert hevy_time(first.start) == row["start_time"]
    assert first.end is not None and hevy_time(first.end) == row["end_time"]
    assert first.start.tzinfo is None
    assert first.duration_min == (first.end - first.start).total_seconds() / 60


def test_running_rows_carry_distance_and_seconds():
    row = next(r for r in csv_rows("workouts.csv") if r["distance_km"])
    one = next(
        one
        for s in sessions(read_sample("workouts.csv"))
        for one in s.sets
        if one.distance_km is not None
    )
    assert one.exercise == row["exercise_title"]
    assert one.distance_km == float(row["distance_km"])
    assert one.duration_s == float(row["duration_seconds"])


HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_lbs,reps,distance_miles,duration_seconds,rpe\n"
)


def write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "workouts.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_imperial_account_is_converted_to_kilograms_and_kilometres(tmp_path):
    path = write(
        tmp_path,
        '"A","9 Sep 2025, 06:46","9 Sep 2025, 07:46","","Squat",,"",0,"normal",100,5,,0,\n'
        '"A","9 Sep 2025, 06:46","9 Sep 2025, 07:46","","Run",,"",0,"normal",,,2,600,\n',
    )
    squat, run = sessions(hevy.read(path))[0].sets
    assert squat.weight_kg == pytest.approx(45.359, abs=0.001)
    assert squat.duration_s is None  # 0 seconds marks a rep set, not a timed one
    assert run.distance_km == pytest.approx(3.2187, abs=0.0001)
    assert run.duration_s == 600.0


def test_us_locale_dates_are_read(tmp_path):
    path = write(
        tmp_path,
        '"A","Sep 30, 2026, 8:06 PM","Sep 30, 2026, 9:10 PM","","Squat",,"",0,"normal",100,5,,0,\n',
    )
    session = sessions(hevy.read(path))[0]
    assert (session.start.hour, session.start.minute) == (20, 6)
    assert session.duration_min == 64.0


def test_end_before_start_refuses_the_row(tmp_path):
    path = write(
        tmp_path,
        '"A","9 Sep 2025, 06:46","9 Sep 2025, 05:00","","Squat",,"",0,"normal",100,5,,0,\n',
    )
    items = list(hevy.read(path))
    assert sessions(items) == []
    assert [(r.source.locator, r.field) for r in refused(items)] == [("row 2", "end_time")]


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ('"normal",100,-1,,0,', "reps"),
        ('"normal",11100,5,,0,', "weight"),
        ('"normal",100,5,,0,11', "rpe"),
        ('"giant",100,5,,0,', "set_type"),
        ('"normal",lots,5,,0,', "weight_lbs"),
    ],
)
def test_absurd_or_unreadable_values_refuse_their_row(tmp_path, cells, field):
    good = '"A","9 Sep 2025, 06:46","9 Sep 2025, 07:46","","Squat",,"",0,"normal",100,5,,0,\n'
    bad = f'"A","9 Sep 2025, 06:46","9 Sep 2025, 07:46","","Squat",,"",1,{cells}\n'
    items = list(hevy.read(write(tmp_path, good + bad)))
    assert [(r.source.locator, r.field) for r in refused(items)] == [("row 3", field)]
    assert len(sessions(items)[0].sets) == 1


def test_header_without_exercise_title_fails_the_file(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(HEADER.replace("exercise_title", "exercise") + "x\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        list(hevy.read(path))
    assert caught.value.field == "exercise"


def test_sniff_recognises_hevy_headers_only():
    assert hevy.sniff(SAMPLES / "workouts.csv")
    assert not hevy.sniff(SAMPLES / ".." / "strong" / "strong.csv")


def test_public_names_exist():
    for name in hevy.__all__:
        assert hasattr(hevy, name)
