"""Every journal command through Typer's CliRunner, each on its own journal (--db): an SQLite
file, and a PostgreSQL database."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from backends import only_on

Run = Callable[..., Result]
KG_PER_LB = 0.45359237


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _export(cli: Run) -> dict[str, Any]:
    return _json(cli("export", "--format", "json"))


def test_person_add_list_and_use(cli: Run) -> None:
    added = cli(
        "person", "add", "Ana", "--age", "34", "--sex", "female", "--condition", "scoliosis"
    )
    assert added.exit_code == 0, added.output
    assert cli("person", "add", "Bo", "--desk-hours", "8").exit_code == 0
    people = _json(cli("person", "list", "--format", "json"))
    assert [(p["name"], p["profile"]) for p in people] == [
        ("Ana", {"age": 34, "sex": "female", "conditions": ["scoliosis"]}),
        ("Bo", {"desk_hours_per_day": 8.0}),
    ]
    assert "*" not in cli("person", "list").stdout
    assert cli("person", "use", "Bo").exit_code == 0
    listing = cli("person", "list").stdout
    assert "Bo" in listing and "*" in listing


def test_person_add_refuses_a_taken_name_and_a_profile_outside_the_contract(cli: Run) -> None:
    cli("person", "add", "Ana")
    taken = cli("person", "add", "Ana")
    assert taken.exit_code == 1
    assert "already a person called 'Ana'" in taken.stderr
    young = cli("person", "add", "Cy", "--age", "5")
    assert young.exit_code == 2
    assert young.stderr.strip() == "error: profile.age: must be 12–110, got 5"
    unknown = cli("person", "use", "Zed")
    assert unknown.exit_code == 1
    assert "no person called 'Zed'" in unknown.stderr


def test_log_session_stores_the_sets_in_kilograms(cli: Run) -> None:
    cli("person", "add", "Ana")
    result = cli(
        "log", "session", "--date", "2025-09-23T07:48", "--type", "strength",
        "--duration-min", "60", "--rpe", "8", "--warm-up", "--no-cool-down",
        "--exercise", "Deadlift:3x5@140", "--exercise", "Plank:3x60s",
        "--exercise", "Squat:2x5@300lb", "--notes", "felt good",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (session,) = _export(cli)["sessions"]
    assert session["start"] == "2025-09-23T07:48:00"
    assert (session["type"], session["duration_min"], session["rpe"]) == ("strength", 60.0, 8.0)
    assert (session["warm_up"], session["cool_down"], session["notes"]) == (
        True,
        False,
        "felt good",
    )
    assert session["source"] is None
    loads = [(s["exercise"], s["reps"], s["weight_kg"], s["duration_s"]) for s in session["sets"]]
    assert (
        loads
        == [("Deadlift", 5, 140.0, None)] * 3
        + [("Plank", None, None, 60.0)] * 3
        + [("Squat", 5, pytest.approx(300 * KG_PER_LB, abs=1e-3), None)] * 2
    )
    again = cli("log", "session", "--date", "2025-09-23T07:48", "--type", "strength")
    assert again.exit_code == 1
    assert "already has a strength session" in again.stderr
    bad = cli("log", "session", "--exercise", "Deadlift:3x")
    assert bad.exit_code == 2
    assert "Deadlift:3x" in bad.stderr


def test_log_pain_stores_the_checkin_with_its_assessment(cli: Run) -> None:
    cli("person", "add", "Ana", "--age", "34")
    cli("log", "session", "--date", "2025-09-23T07:48", "--exercise", "Deadlift:3x5@140")
    result = cli(
        "log", "pain", "--nrs", "4", "--date", "2025-09-24", "--onset", "next_day",
        "--quality", "aching", "--quality", "stiff", "--side", "both",
        "--after-session", "1", "--format", "json",
    )  # fmt: skip
    shown = _json(result)
    assert shown["assessment"]["contract"] == "lumbar.assessment/1"
    (stored,) = _export(cli)["checkins"]
    assert stored["id"] == shown["id"]
    assert stored["assessment"] == shown["assessment"]
    checkin = stored["checkin"]
    assert checkin["date"] == "2025-09-24"
    assert checkin["pain"] == {
        "nrs": 4, "onset": "next_day", "quality": ["aching", "stiff"], "side": "both",
    }  # fmt: skip
    assert checkin["profile"] == {"age": 34}
    assert checkin["workout"]["exercises"] == ["Deadlift"]
    assert "history" not in checkin


def test_log_pain_refuses_a_value_outside_the_contract_naming_the_field(cli: Run) -> None:
    cli("person", "add", "Ana")
    result = cli("log", "pain", "--nrs", "3", "--quality", "zzz")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: pain.quality[0]: must be one of")
    assert _export(cli)["checkins"] == []


def test_history_filters_by_dates_and_person(cli: Run) -> None:
    cli("person", "add", "Ana")
    cli("person", "add", "Bo")
    for person, day in (("Ana", 1), ("Ana", 10), ("Ana", 20), ("Bo", 10)):
        date = f"2025-09-{day:02d}T08:00"
        assert cli("log", "session", "--date", date, "--person", person).exit_code == 0
    cli("log", "pain", "--nrs", "3", "--date", "2025-09-11", "--person", "Ana")

    chosen = _json(
        cli("history", "--person", "Ana", "--from", "2025-09-05", "--to", "2025-09-20",
            "--format", "json")
    )  # fmt: skip
    assert [s["start"] for s in chosen["sessions"]] == [
        "2025-09-10T08:00:00",
        "2025-09-20T08:00:00",
    ]
    assert [c["checkin"]["date"] for c in chosen["checkins"]] == ["2025-09-11"]
    everyone = _json(cli("history", "--everyone", "--to", "2025-09-10", "--format", "json"))
    assert sorted(s["start"][8:10] for s in everyone["sessions"]) == ["01", "10", "10"]
    # Several people, none current: the table shows everyone, with a Person column.
    table = cli("history").stdout
    assert "Person" in table and "Bo" in table and "check-in" in table
    cli("person", "use", "Bo")
    assert len(_json(cli("history", "--format", "json"))["sessions"]) == 1
    bad = cli("history", "--from", "Sept 5")
    assert bad.exit_code == 2
    assert "--from" in bad.stderr


def test_edit_and_delete_by_id(cli: Run) -> None:
    cli("person", "add", "Ana")
    cli("log", "session", "--date", "2025-09-23T07:48", "--rpe", "8", "--shoe", "Pegasus")
    cli("log", "pain", "--nrs", "3", "--date", "2025-09-24", "--side", "left")
    assert cli("edit", "session", "1", "--rpe", "6", "--clear", "shoe").exit_code == 0
    assert cli("edit", "checkin", "1", "--nrs", "8", "--clear", "side").exit_code == 0
    document = _export(cli)
    assert (document["sessions"][0]["rpe"], document["sessions"][0]["shoe"]) == (6.0, None)
    pain = document["checkins"][0]["checkin"]["pain"]
    assert pain == {"nrs": 8}
    # nrs 8 is "see a clinician" by the contract's policy: the assessment was redone.
    assert document["checkins"][0]["assessment"]["triage"]["level"] == "see_clinician"
    assert cli("edit", "session", "1").exit_code == 2
    assert cli("edit", "session", "9", "--rpe", "5").exit_code == 1

    kept = cli("delete", "session", "1", input="n\n")
    assert kept.exit_code != 0
    assert len(_export(cli)["sessions"]) == 1
    assert cli("delete", "session", "1", "--yes").exit_code == 0
    assert cli("delete", "checkin", "1", "--yes").exit_code == 0
    document = _export(cli)
    assert document["sessions"] == document["checkins"] == []
    assert cli("delete", "checkin", "1", "--yes").exit_code == 1


def test_export_csv_has_one_row_per_set_and_one_per_session_without_sets(
    cli: Run, samples: Path
) -> None:
    cli(
        "import",
        str(samples / "strong" / "example.csv"),
        str(samples / "fit" / "garmin-fenix-5-run.fit"),
    )
    cli("log", "session", "--type", "running", "--distance-km", "5", "--date", "2025-09-01")
    document = _export(cli)
    expected = sum(max(1, len(s["sets"])) for s in document["sessions"])
    result = cli("export", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == expected
    assert {r["session_id"] for r in rows} == {s["id"] for s in document["sessions"]}
    sets = sum(len(s["sets"]) for s in document["sessions"])
    assert sum(1 for r in rows if r["exercise"]) == sets


def test_export_to_a_file(cli: Run, tmp_path: Path) -> None:
    cli("person", "add", "Ana")
    target = tmp_path / "out.json"
    assert cli("export", "--output", str(target)).exit_code == 0
    assert json.loads(target.read_text())["people"][0]["name"] == "Ana"


def test_import_prints_the_contract_summary_line_and_exits_0_only_if_every_file_imported(
    cli: Run, samples: Path, tmp_path: Path
) -> None:
    strong = samples / "strong" / "example.csv"
    with strong.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    result = cli("import", str(strong), "--format", "json")
    assert result.exit_code == 0, result.output
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert list(last) == ["files", "sessions_added", "sets_added", "duplicates", "errors"]
    workouts = len({r["Workout #"] for r in rows})
    assert last == {"files": 1, "sessions_added": workouts, "sets_added": len(rows),
                    "duplicates": 0, "errors": []}  # fmt: skip

    broken = tmp_path / "broken.fit"
    broken.write_bytes(b"not a fit file at all")
    mixed = cli("import", str(broken), str(strong), "--format", "json")
    assert mixed.exit_code == 1
    last = json.loads(mixed.stdout.strip().splitlines()[-1])
    assert (last["files"], last["sessions_added"], last["duplicates"]) == (2, 0, workouts)
    assert len(last["errors"]) == 1
    assert last["errors"][0].startswith("broken.fit")


def test_import_forces_a_format_with_as(cli: Run, samples: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "my-training.dat"
    shutil.copy(samples / "strong" / "example.csv", renamed)
    forced = cli("import", str(renamed), "--as", "strong_csv", "--format", "json")
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.stdout.splitlines()[-1])["sessions_added"] == 2
    text = cli("import", str(renamed), "--input-format", "strong_csv")
    assert text.exit_code == 0
    assert "duplicate" in text.stdout


@only_on("sqlite")
def test_backup_copies_the_journal_and_refuses_to_overwrite(cli: Run, tmp_path: Path) -> None:
    cli("person", "add", "Ana")
    cli("log", "session", "--date", "2025-09-23T07:48", "--exercise", "Deadlift:3x5@140")
    target = tmp_path / "copy.db"
    assert cli("backup", str(target)).exit_code == 0
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM sets").fetchone()[0] == 3
    finally:
        copy.close()
    refused = cli("backup", str(target))
    assert refused.exit_code == 1
    assert "--force" in refused.stderr
    assert cli("backup", str(target), "--force").exit_code == 0
    from_copy = _json(cli("export", "--db", str(target)))
    assert from_copy == _export(cli)


@only_on("postgres")
def test_backup_refuses_a_server_database_clearly_and_changes_nothing(
    cli: Run, tmp_path: Path
) -> None:
    cli("person", "add", "Ana")
    before = _export(cli)
    target = tmp_path / "x.db"
    result = cli("backup", str(target))
    assert result.exit_code == 1
    assert "SQLite" in result.stderr and "pg_dump" in result.stderr
    assert not target.exists()
    assert _export(cli) == before


def test_exercises_unknown_and_map(cli: Run) -> None:
    cli("person", "add", "Ana")
    cli("log", "session", "--date", "2025-09-23T07:48", "--exercise", "Zzyzx Press:3x5@40",
        "--exercise", "Deadlift:1x5@100")  # fmt: skip
    assert _json(cli("exercises", "unknown", "--format", "json")) == [
        {"name": "Zzyzx Press", "sets": 3}
    ]
    mapped = cli("exercises", "map", "Zzyzx Press", "overhead_press")
    assert mapped.exit_code == 0
    assert "3 sets updated" in mapped.stdout
    assert _json(cli("exercises", "unknown", "--format", "json")) == []
    wrong = cli("exercises", "map", "Zzyzx Press", "not-a-thing")
    assert wrong.exit_code == 2
    assert "neither a catalogue exercise nor a movement pattern" in wrong.stderr


def test_shoes_count_their_kilometres(cli: Run) -> None:
    cli("person", "add", "Ana")
    assert cli("shoes", "add", "Pegasus", "--km-before", "300").exit_code == 0
    for day, km in ((1, "5"), (2, "7.5")):
        cli("log", "session", "--type", "running", "--date", f"2025-09-0{day}T07:00",
            "--distance-km", km, "--shoe", "Pegasus")  # fmt: skip
    assert _json(cli("shoes", "list", "--format", "json")) == [{"name": "Pegasus", "km": 312.5}]


def test_a_first_import_files_the_sessions_under_a_new_person_who_can_be_renamed(
    cli: Run, samples: Path
) -> None:
    result = cli("import", str(samples / "strong" / "alt.csv"))
    assert result.exit_code == 0
    assert "new person, 'me'" in result.stdout
    assert cli("person", "rename", "me", "Ana").exit_code == 0
    assert [p["name"] for p in _json(cli("person", "list", "--format", "json"))] == ["Ana"]
    assert len(_json(cli("history", "--person", "Ana", "--format", "json"))["sessions"]) == 1
    assert cli("person", "rename", "me", "Bo").exit_code == 1


def test_edit_session_exercise_replaces_the_sets_of_an_imported_session_only(
    cli: Run, samples: Path
) -> None:
    assert cli("import", str(samples / "strong" / "example.csv")).exit_code == 0
    before = _export(cli)
    target = before["sessions"][0]
    edited = cli(
        "edit", "session", target["id"],
        "--exercise", "Deadlift:1x5@100,2x5@140", "--exercise", "Plank:2x45s",
    )  # fmt: skip
    assert edited.exit_code == 0, edited.output
    assert "changed: sets" in edited.stdout
    after = _export(cli)
    changed = next(s for s in after["sessions"] if s["id"] == target["id"])
    loads = [(s["exercise"], s["reps"], s["weight_kg"], s["duration_s"]) for s in changed["sets"]]
    assert loads == [
        ("Deadlift", 5, 100.0, None),
        ("Deadlift", 5, 140.0, None),
        ("Deadlift", 5, 140.0, None),
        ("Plank", None, None, 45.0),
        ("Plank", None, None, 45.0),
    ]
    assert changed["sets"][0]["exercise_id"] is not None  # matched to the catalogue
    # Everything but the sets is as it was: the session's fields, its source, the others.
    assert {**changed, "sets": None} == {**target, "sets": None}
    assert [s for s in after["sessions"] if s["id"] != target["id"]] == before["sessions"][1:]


def test_edit_session_clear_sets_removes_them_and_keeps_the_session(cli: Run) -> None:
    cli("person", "add", "Ana")
    cli("log", "session", "--date", "2025-09-23T07:48", "--rpe", "7", "--exercise", "Squat:3x5@100")
    before = _export(cli)["sessions"][0]
    assert len(before["sets"]) == 3
    cleared = cli("edit", "session", "1", "--clear", "sets")
    assert cleared.exit_code == 0, cleared.output
    after = _export(cli)["sessions"][0]
    assert after == {**before, "sets": []}
    both = cli("edit", "session", "1", "--clear", "sets", "--exercise", "Squat:1x5")
    assert both.exit_code == 2


def test_edit_session_refuses_a_bad_set_notation_naming_the_option_and_changes_nothing(
    cli: Run,
) -> None:
    cli("person", "add", "Ana")
    cli("log", "session", "--date", "2025-09-23T07:48", "--exercise", "Squat:3x5@100")
    before = _export(cli)
    bad = cli("edit", "session", "1", "--rpe", "6", "--exercise", "Squat:3x")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("error: --exercise:")
    assert "'Squat:3x'" in bad.stderr
    too_many = cli("edit", "session", "1", "--exercise", "Squat:1x99999999")
    assert too_many.exit_code == 2
    assert too_many.stderr.startswith("error: --exercise: sets[0].reps:")
    assert _export(cli) == before


def test_edit_session_help_says_how_to_replace_and_clear_sets(cli: Run) -> None:
    shown = cli("edit", "session", "--help", "--db", "unused")
    assert "--exercise" in shown.stdout
    assert "--clear sets" in shown.stdout
