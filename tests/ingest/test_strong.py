"""Strong CSV: the real exports in ../shared/samples and small files written here.

Counts are taken from the files with the csv module, independently of the importer.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pytest

from lumbar.ingest import strong
from lumbar.ingest.csvutil import ReadOptions
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "strong"
NOT_SETS = {"Rest Timer", "Note"}


def sessions_of(items: Iterable[ImportedSession | Refused]) -> list[ImportedSession]:
    return [item for item in items if isinstance(item, ImportedSession)]


def refused_of(items: Iterable[ImportedSession | Refused]) -> list[Refused]:
    return [item for item in items if isinstance(item, Refused)]


def csv_rows(path: Path) -> list[dict[str, str]]:
    """The file's records as dicts, separator chosen by counting it in the header."""
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return list(csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter))


def write(tmp_path: Path, text: str, name: str = "strong.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("name", ["strong.csv", "alt.csv", "example.csv", "exampleB.csv"])
def test_every_strong_sample_imports_with_the_sessions_and_sets_it_holds(name):
    path = SAMPLES / name
    rows = csv_rows(path)
    if "Workout #" in rows[0]:
        expected_sessions = len({row["Workout #"] for row in rows})
    else:
        expected_sessions = len({(row["Date"], row["Workout Name"]) for row in rows})
    expected_sets = sum(1 for row in rows if row["Set Order"] not in NOT_SETS)

    items = list(strong.read(path))

    assert refused_of(items) == []
    sessions = sessions_of(items)
    assert len(sessions) == expected_sessions
    assert sum(len(session.sets) for session in sessions) == expected_sets
    assert all(session.type == "strength" for session in sessions)


def test_first_session_of_the_real_export_points_to_its_rows():
    path = SAMPLES / "strong.csv"
    rows = csv_rows(path)
    first_key = (rows[0]["Date"], rows[0]["Workout Name"])
    # Spreadsheet numbering: the header is row 1, the first record row 2.
    numbers = [
        n for n, row in enumerate(rows, start=2) if (row["Date"], row["Workout Name"]) == first_key
    ]

    first = sessions_of(strong.read(path))[0]

    assert first.source.format == "strong_csv"
    assert first.source.file == "strong.csv"
    assert first.source.locator == f"rows {numbers[0]}-{numbers[-1]}"
    assert [s.locator for s in first.sets] == [f"row {n}" for n in numbers]
    assert first.sets[0].exercise == rows[0]["Exercise Name"]


def test_bare_weight_column_is_read_in_the_unit_the_user_chose():
    path = SAMPLES / "strong.csv"
    written = float(csv_rows(path)[0]["Weight"])

    as_kg = sessions_of(strong.read(path))[0].sets[0]
    as_lb = sessions_of(strong.read(path, options=ReadOptions(weight_unit="lb")))[0].sets[0]

    assert as_kg.weight_kg == written
    assert as_lb.weight_kg == pytest.approx(written * 0.45359237, abs=0.001)


def test_duration_text_like_1h_44m_becomes_minutes():
    path = SAMPLES / "strong.csv"
    rows = csv_rows(path)
    date = next(row["Date"] for row in rows if row["Duration"] == "1h 44m")

    session = next(s for s in sessions_of(strong.read(path)) if s.start.isoformat(" ") == date)

    assert session.duration_min == 104.0


def test_cardio_rows_with_zero_weight_and_reps_keep_distance_and_seconds():
    path = SAMPLES / "strong.csv"
    cardio = [
        row
        for row in csv_rows(path)
        if row["Distance"] not in ("", "0") and row["Weight"] in ("0", "0.0")
    ]

    sets = [
        one
        for session in sessions_of(strong.read(path))
        for one in session.sets
        if one.distance_km is not None
    ]

    assert len(sets) == len(cardio)
    assert all(one.weight_kg is None and one.reps is None for one in sets)
    assert sets[0].distance_km == float(cardio[0]["Distance"])
    assert sets[0].duration_s == float(cardio[0]["Seconds"])


def test_rows_that_hold_no_distance_or_seconds_give_none_not_zero():
    first = sessions_of(strong.read(SAMPLES / "strong.csv"))[0].sets[0]
    assert first.distance_km is None
    assert first.duration_s is None


def test_current_export_with_workout_numbers_groups_by_number_and_reads_seconds():
    path = SAMPLES / "example.csv"
    rows = csv_rows(path)

    sessions = sessions_of(strong.read(path))

    assert [s.duration_min for s in sessions] == [
        round(int(duration) / 60, 3)
        for duration in dict.fromkeys(r["Duration (sec)"] for r in rows)
    ]


def test_workout_name_with_commas_in_a_semicolon_file_is_kept_whole():
    sessions = sessions_of(strong.read(SAMPLES / "exampleB.csv"))
    assert sessions[0].name == "Back, Core, Biceps"


def test_timed_sets_without_weight_or_reps_keep_their_seconds():
    plank = [
        one
        for session in sessions_of(strong.read(SAMPLES / "exampleB.csv"))
        for one in session.sets
        if one.exercise == "Plank"
    ]
    assert [one.duration_s for one in plank] == [75.0, 80.0, 60.0]
    assert all(one.reps is None and one.weight_kg is None for one in plank)


def test_malformed_file_refuses_each_broken_row_and_imports_nothing_else():
    path = SAMPLES / "malformed" / "bad.csv"
    records = list(csv.reader(path.read_text().splitlines(keepends=True), delimiter=";"))[1:]

    items = list(strong.read(path))

    assert sessions_of(items) == []
    refused = refused_of(items)
    assert len(refused) == len(records)
    assert [r.source.locator for r in refused] == [f"row {n}" for n in range(2, len(records) + 2)]
    assert all(r.source.file == "bad.csv" for r in refused)


OLDEST = (
    "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
    "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n"
    "2019-05-02 18:00:00;Legs;Squat (Barbell);1;100;lbs;5;;;;;;;1h 5min\n"
    "2019-05-02 18:00:00;Legs;Squat (Barbell);2;50;kg;5;;;;;;;1h 5min\n"
    "2019-05-02 18:00:00;Legs;Running;1;;;;;2;mi;900;;;1h 5min\n"
)


def test_oldest_export_converts_each_row_by_its_own_unit_columns(tmp_path):
    session = sessions_of(strong.read(write(tmp_path, OLDEST)))[0]

    assert session.duration_min == 65.0
    assert [one.weight_kg for one in session.sets[:2]] == [45.359, 50.0]
    assert session.sets[2].distance_km == pytest.approx(2 * 1.609344, abs=0.0001)


def test_unknown_weight_unit_refuses_the_row(tmp_path):
    items = list(strong.read(write(tmp_path, OLDEST.replace(";lbs;", ";stone;"))))
    refused = refused_of(items)
    assert [(r.source.locator, r.field) for r in refused] == [("row 2", "Weight Unit")]
    assert len(sessions_of(items)[0].sets) == 2


V6_HEADER = (
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
    '"Weight (lbs)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
)
V6_START = '"3";"2025-06-01 09:00:00";"A";"1800";"Deadlift (Barbell)";'
V6_LBS = V6_HEADER + "".join(
    V6_START + rest + "\n"
    for rest in (
        '"W";"135";"5";"";"";"";"";""',
        '"Rest Timer";"";"";"";"";"90";"";""',
        '"D";"95";"8";"";"";"";"";""',
        '"F";"95";"4";"";"";"";"";""',
        '"Note";"";"";"";"";"";"Grip gave out";""',
    )
)


def test_set_letters_become_set_types_and_timer_and_note_rows_are_not_sets(tmp_path):
    session = sessions_of(strong.read(write(tmp_path, V6_LBS)))[0]

    assert [one.set_type for one in session.sets] == ["warmup", "drop", "failure"]
    assert [one.locator for one in session.sets] == ["row 2", "row 4", "row 5"]
    assert session.source.locator == "rows 2-6"
    assert session.notes == "Deadlift (Barbell): Grip gave out"
    assert session.sets[0].weight_kg == pytest.approx(135 * 0.45359237, abs=0.001)


def test_excel_round_trip_with_bom_and_decimal_commas_is_read(tmp_path):
    text = V6_LBS.replace('"Weight (lbs)"', '"Weight (kg)"').replace('"135"', '"72,5"')
    path = write(tmp_path, "\ufeff" + text)

    session = sessions_of(strong.read(path))[0]

    assert session.sets[0].weight_kg == 72.5


def test_windows_1252_file_is_decoded(tmp_path):
    path = write(tmp_path, OLDEST.replace("Legs", "Jambes écrasées"), encoding="cp1252")
    assert sessions_of(strong.read(path))[0].name == "Jambes écrasées"


def test_utf16_file_with_its_byte_order_mark_is_decoded(tmp_path):
    path = write(tmp_path, OLDEST, encoding="utf-16")
    assert len(sessions_of(strong.read(path))[0].sets) == 3


def test_twelve_hour_time_with_a_narrow_no_break_space_is_read(tmp_path):
    path = write(tmp_path, OLDEST.replace("2019-05-02 18:00:00", "2019-05-02 6:00:00\u202fPM"))
    assert sessions_of(strong.read(path))[0].start.hour == 18


def test_header_without_set_order_fails_the_file_naming_the_column(tmp_path):
    path = write(tmp_path, OLDEST.replace("Set Order", "Set Number"))
    with pytest.raises(ImportFileError) as caught:
        list(strong.read(path, display="mine.csv"))
    assert caught.value.file == "mine.csv"
    assert caught.value.locator == "row 1"
    assert "Set Order" in caught.value.message


def test_binary_file_fails_cleanly(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"Date,Workout Name\x00\x01\x02")
    with pytest.raises(ImportFileError, match="NUL"):
        list(strong.read(path))


@pytest.mark.parametrize(
    ("cell", "field"),
    [("-5", "Reps"), ("abc", "Reps"), ("5.5", "Reps"), ("1e400", "Reps")],
)
def test_unreadable_or_absurd_reps_refuse_only_their_row(tmp_path, cell, field):
    text = OLDEST.replace("lbs;5;", f"lbs;{cell};")
    items = list(strong.read(write(tmp_path, text)))
    assert [(r.source.locator, r.field) for r in refused_of(items)] == [("row 2", field)]
    assert len(sessions_of(items)[0].sets) == 2


@pytest.mark.parametrize("date", ["1900-01-01 10:00:00", "2100-01-01 10:00:00", "yesterday"])
def test_dates_outside_the_plausible_window_are_refused(tmp_path, date):
    items = list(strong.read(write(tmp_path, OLDEST.replace("2019-05-02 18:00:00", date))))
    assert sessions_of(items) == []
    assert {r.field for r in refused_of(items)} == {"Date"}


def test_five_thousand_kilos_is_refused(tmp_path):
    items = list(strong.read(write(tmp_path, OLDEST.replace(";50;kg;", ";5000;kg;"))))
    assert [(r.source.locator, r.field) for r in refused_of(items)] == [("row 3", "Weight")]


def test_sniff_recognises_strong_headers_only():
    assert strong.sniff(SAMPLES / "strong.csv")
    assert strong.sniff(SAMPLES / "example.csv")
    assert not strong.sniff(SAMPLES / ".." / "hevy" / "workouts.csv")


def test_public_names_exist():
    for name in strong.__all__:
        assert hasattr(strong, name)
