"""The import pipeline on real journals (SQLite and PostgreSQL): counts, idempotence, failures,
people."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lumbar.ingest import registry
from lumbar.ingest.records import ImportedSession, ImportedSet, ImportFileError, Refused, SourceRef
from lumbar.journal.document import export_document
from lumbar.journal.exercises import map_exercise, unknown_exercises
from lumbar.journal.importing import DEFAULT_PERSON, ImportRequest, import_paths
from lumbar.store.engine import Journal
from lumbar.store.errors import ConflictError, NotFoundError
from lumbar.store.people import add_person, list_people

FAKE = "fake_lines"


def _fake_read(path: Path, display: str) -> Iterator[ImportedSession | Refused]:
    """A tiny importer: one session per line ``START,TYPE,RPE[,EXERCISE]``; ``FAIL`` raises;
    ``SKIP`` is refused."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        source = SourceRef(FAKE, display, f"line {number}")
        if line == "FAIL":
            raise ImportFileError(display, f"line {number}", "date", "expected a date, got FAIL")
        if line == "SKIP":
            yield Refused(source, "reps", "must be 0 or more, got -3")
            continue
        start, kind, rpe, *exercise = line.split(",")
        sets = tuple(ImportedSet(name, reps=5, locator=f"line {number}") for name in exercise)
        yield ImportedSession(
            start=dt.datetime.fromisoformat(start),
            type=kind,  # type: ignore[arg-type]
            source=source,
            rpe=float(rpe),
            sets=sets,
        )


@pytest.fixture
def fake_format(monkeypatch: pytest.MonkeyPatch) -> str:
    """Register the tiny importer in the real registry for this test."""
    module = types.ModuleType(FAKE)
    module.FORMAT = FAKE  # type: ignore[attr-defined]
    module.sniff = lambda path: False  # type: ignore[attr-defined]
    module.read = _fake_read  # type: ignore[attr-defined]
    monkeypatch.setitem(registry.FORMATS, FAKE, module)
    return FAKE


def _dump(journal: Journal) -> str:
    with journal.reading() as db:
        return json.dumps(export_document(db), sort_keys=True)


def _strong_counts(path: Path) -> tuple[int, int]:
    """(workouts, sets) of a Strong CSV, counted with the csv module: a workout is a
    (Date, Workout Name) pair; rest-timer and note rows are not sets."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sets = [r for r in rows if r["Set Order"] not in {"Rest Timer", "Note"}]
    return len({(r["Date"], r["Workout Name"]) for r in rows}), len(sets)


def _hevy_counts(path: Path) -> tuple[int, int]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return len({(r["title"], r["start_time"]) for r in rows}), len(rows)


def test_real_strong_and_hevy_exports_import_with_their_counts(
    journal: Journal, samples: Path
) -> None:
    strong, hevy = samples / "strong" / "strong.csv", samples / "hevy" / "workouts.csv"
    summary = import_paths(journal, ImportRequest((strong, hevy)))
    assert summary.ok, summary.errors
    strong_sessions, strong_sets = _strong_counts(strong)
    hevy_sessions, hevy_sets = _hevy_counts(hevy)
    by_file = {o.display: o for o in summary.outcomes}
    assert (by_file["strong.csv"].sessions_added, by_file["strong.csv"].sets_added) == (
        strong_sessions,
        strong_sets,
    )
    assert (by_file["workouts.csv"].sessions_added, by_file["workouts.csv"].sets_added) == (
        hevy_sessions,
        hevy_sets,
    )
    assert summary.contract_line() == {
        "files": 2,
        "sessions_added": strong_sessions + hevy_sessions,
        "sets_added": strong_sets + hevy_sets,
        "duplicates": 0,
        "errors": [],
    }
    with journal.reading() as db:  # no person named: the first import created one
        assert [p.name for p in list_people(db)] == [DEFAULT_PERSON]


def test_importing_the_same_files_twice_adds_nothing_the_second_time(
    journal: Journal, samples: Path
) -> None:
    paths = (samples / "strong" / "strong.csv", samples / "hevy" / "workouts.csv")
    first = import_paths(journal, ImportRequest(paths))
    before = _dump(journal)

    second = import_paths(journal, ImportRequest(paths))

    assert second.ok
    assert [o.status for o in second.outcomes] == ["duplicate", "duplicate"]
    assert second.total("sessions_added") == second.total("sets_added") == 0
    assert second.total("duplicates") == first.total("sessions_added")
    assert _dump(journal) == before


def test_an_overlapping_export_adds_only_the_sessions_it_does_not_share(
    journal: Journal, samples: Path, tmp_path: Path
) -> None:
    source = samples / "strong" / "strong.csv"
    with source.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header, rows = next(reader), list(reader)
    workouts = list(dict.fromkeys((r[0], r[1]) for r in rows))
    early, late = set(workouts[:200]), set(workouts[150:])  # 50 workouts in both files
    for name, keep in (("early.csv", early), ("late.csv", late)):
        with (tmp_path / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(r for r in rows if (r[0], r[1]) in keep)

    import_paths(journal, ImportRequest((tmp_path / "early.csv",)))
    second = import_paths(journal, ImportRequest((tmp_path / "late.csv",)))

    assert second.ok
    assert second.total("duplicates") == len(early & late) == 50
    assert second.total("sessions_added") == len(late - early)


def _lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_file_failing_part_way_leaves_the_journal_exactly_as_it_was(
    journal: Journal, fake_format: str, tmp_path: Path
) -> None:
    good = _lines(tmp_path / "good.txt", "2025-09-01T08:00,strength,7,Deadlift")
    import_paths(journal, ImportRequest((good,), forced_format=fake_format))
    before = _dump(journal)
    bad = _lines(
        tmp_path / "bad.txt",
        "2025-09-02T08:00,strength,7,Squat",
        "2025-09-03T08:00,running,5",
        "FAIL",
        "2025-09-04T08:00,running,5",
    )

    summary = import_paths(journal, ImportRequest((bad,), forced_format=fake_format))

    assert not summary.ok
    assert summary.errors == ["bad.txt:line 3: date: expected a date, got FAIL"]
    assert summary.contract_line()["sessions_added"] == 0
    assert _dump(journal) == before
    # The failed file was not recorded as imported: once fixed, it imports.
    _lines(bad, "2025-09-02T08:00,strength,7,Squat")
    assert import_paths(journal, ImportRequest((bad,), forced_format=fake_format)).ok


def test_a_session_breaking_the_journals_rules_fails_its_file_naming_the_field(
    journal: Journal, fake_format: str, tmp_path: Path
) -> None:
    bad = _lines(
        tmp_path / "bad.txt", "2025-09-02T08:00,strength,7", "2025-09-03T08:00,strength,11"
    )
    other = _lines(tmp_path / "other.txt", "2025-09-05T08:00,strength,7")

    summary = import_paths(journal, ImportRequest((bad, other), forced_format=fake_format))

    assert summary.errors == ["bad.txt:line 2: rpe: must be 1–10, got 11.0"]
    assert [o.status for o in summary.outcomes] == ["failed", "imported"]
    assert summary.contract_line()["sessions_added"] == 1


def test_refused_rows_are_reported_and_the_rest_of_the_file_imports(
    journal: Journal, fake_format: str, tmp_path: Path
) -> None:
    path = _lines(tmp_path / "f.txt", "2025-09-02T08:00,strength,7", "SKIP")
    summary = import_paths(journal, ImportRequest((path,), forced_format=fake_format))
    (outcome,) = summary.outcomes
    assert summary.ok
    assert outcome.sessions_added == 1
    assert [(r.source.locator, r.field) for r in outcome.refused] == [("line 2", "reps")]


def test_unknown_exercise_names_are_kept_reported_and_can_be_mapped(
    journal: Journal, fake_format: str, tmp_path: Path
) -> None:
    path = _lines(
        tmp_path / "f.txt",
        "2025-09-02T08:00,strength,7,Deadlift (Barbell),Zzyzx Press",
        "2025-09-04T08:00,strength,7,Zzyzx Press",
    )
    summary = import_paths(journal, ImportRequest((path,), forced_format=fake_format))
    assert dict(summary.unknown_exercises) == {"Zzyzx Press": 2}
    with journal.writing() as db:
        assert unknown_exercises(db) == [("Zzyzx Press", 2)]
        result = map_exercise(db, "zzyzx press", "overhead_press")
        assert result.sets_updated == 2
        assert unknown_exercises(db) == []
    with journal.reading() as db:
        patterns = {
            s["exercise"]: s["pattern"]
            for session in export_document(db)["sessions"]
            for s in session["sets"]
        }
    assert patterns == {"Deadlift (Barbell)": "hinge", "Zzyzx Press": "overhead_press"}
    # A later import uses the mapping.
    later = _lines(tmp_path / "g.txt", "2025-09-06T08:00,strength,7,Zzyzx Press")
    again = import_paths(journal, ImportRequest((later,), forced_format=fake_format))
    assert dict(again.unknown_exercises) == {}


def test_whose_files_they_are_must_be_clear_before_anything_is_read(
    journal: Journal, fake_format: str, tmp_path: Path
) -> None:
    path = _lines(tmp_path / "f.txt", "2025-09-02T08:00,strength,7")
    with journal.writing() as db:
        add_person(db, "Ana")
        add_person(db, "Bo")
    with pytest.raises(ConflictError, match="several people"):
        import_paths(journal, ImportRequest((path,), forced_format=fake_format))
    with pytest.raises(NotFoundError, match="Cy"):
        import_paths(journal, ImportRequest((path,), person="Cy", forced_format=fake_format))
    summary = import_paths(journal, ImportRequest((path,), person="Bo", forced_format=fake_format))
    assert summary.ok
    with journal.reading() as db:
        owners = {s["person"] for s in export_document(db)["sessions"]}
        ids = {p.name: str(p.id) for p in list_people(db)}
    assert owners == {ids["Bo"]}


def test_a_missing_file_and_an_unknown_format_are_errors_naming_the_file(
    journal: Journal, tmp_path: Path
) -> None:
    stray = _lines(tmp_path / "notes.txt", "hello")
    summary = import_paths(journal, ImportRequest((tmp_path / "nope.csv", stray)))
    assert len(summary.errors) == 2
    assert summary.errors[0].startswith("nope.csv")
    assert summary.errors[1].startswith("notes.txt")
    assert not summary.ok
    assert _dump(journal) == json.dumps(
        {
            "checkins": [],
            "contract": "lumbar.journal/1",
            "exercise_mappings": [],
            "people": [],
            "sessions": [],
            "shoes": [],
        },
        sort_keys=True,
    )


def import_in_a_new_process(
    path: Path, db: Path
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """``lumbar import PATH --format json`` run as its own process: the finished process
    and the JSON summary (its last line of output)."""
    argv = ["import", str(path), "--db", str(db), "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-m", "lumbar", *argv],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr  # no summary at all: show why
    return done, json.loads(lines[-1])


def test_a_folder_import_lists_files_that_are_not_training_data_and_still_succeeds(
    tmp_path, samples
):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "README.txt").write_text("these are my exports\n")
    (folder / "alt.csv").write_bytes((samples / "strong" / "alt.csv").read_bytes())
    done, summary = import_in_a_new_process(folder, tmp_path / "j.db")
    assert done.returncode == 0, done.stdout + done.stderr
    assert summary["files"] == 1 and summary["errors"] == []
    assert summary["sessions_added"] == 1


def test_a_named_file_that_is_not_training_data_is_an_error(tmp_path):
    note = tmp_path / "README.txt"
    note.write_text("not a workout\n")
    done, summary = import_in_a_new_process(note, tmp_path / "j.db")
    assert done.returncode != 0
    assert summary["files"] == 1 and "no importer recognises it" in summary["errors"][0]


def test_a_nul_character_in_a_document_fails_it_naming_the_field_on_every_backend(
    journal: Journal, tmp_path: Path
) -> None:
    # PostgreSQL cannot store U+0000 in text; the journal's rules refuse it on SQLite too.
    # (CSV files holding NUL are refused earlier, as not text; JSON can escape it.)
    session = {"id": "1", "person": "1", "start": "2025-09-01T08:00:00", "type": "running"}
    document = {
        "contract": "lumbar.journal/1",
        "people": [{"id": "1", "name": "Ana"}],
        "sessions": [session, {**session, "id": "2", "type": "cycling", "notes": "a\x00b"}],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert '"a\\u0000b"' in path.read_text(encoding="utf-8")
    before = _dump(journal)

    summary = import_paths(journal, ImportRequest((path,)))

    assert summary.errors == [
        'doc.json: sessions[1].notes: must not contain the NUL character (\\x00), got "a\\u0000b"'
    ]
    assert _dump(journal) == before
