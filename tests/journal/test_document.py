"""The journal export document: its shape (CONTRACT.md) and the round trip through import."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backends import JournalUrls
from lumbar.ingest.records import ImportedSession, ImportedSet, SourceRef
from lumbar.journal.document import export_document
from lumbar.journal.exercises import map_exercise
from lumbar.journal.importing import ImportRequest, ImportSummary, import_paths
from lumbar.journal.manual import log_session, save_checkin
from lumbar.store.engine import Journal, open_journal
from lumbar.store.people import add_person, find_person, shoe_named

# The fields CONTRACT.md names, in its order; the export may add fields after them.
SESSION_FIELDS = [
    "id", "person", "start", "end", "type", "name", "duration_min", "distance_km", "rpe",
    "warm_up", "cool_down", "surface", "shoe", "notes", "sets", "source",
]  # fmt: skip
SET_FIELDS = [
    "exercise", "pattern", "set_type", "reps", "weight_kg", "rpe", "rir", "distance_km",
    "duration_s",
]  # fmt: skip


def _fill(journal: Journal, samples: Path) -> None:
    """Two people; imported Strong, Hevy and FIT files; a hand-logged session; a check-in;
    shoes with kilometres before the journal; a user mapping."""
    with journal.writing() as db:
        ana = add_person(db, "Ana", {"age": 34, "sex": "female", "conditions": ["scoliosis"]})
        add_person(db, "Bo", {"age": 61, "height_cm": 180.5})
    files = (
        samples / "strong" / "example.csv",
        samples / "hevy" / "workouts.csv",
        samples / "fit" / "20474406937_ACTIVITY.fit",
        samples / "fit" / "garmin-fenix-5-run.fit",
    )
    assert import_paths(journal, ImportRequest(files, person="Ana")).ok
    with journal.writing() as db:
        bo = find_person(db, "Bo")
        assert bo is not None
        run = ImportedSession(
            start=dt.datetime(2025, 9, 20, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            end=dt.datetime(2025, 9, 20, 7, 45, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            type="running",
            source=SourceRef("manual", "command line", ""),
            distance_km=8.25,
            rpe=6,
            warm_up=True,
            cool_down=False,
            surface="trail",
            shoe="Pegasus 40",
            notes="hilly, ünïcode ☀️",
            sets=(ImportedSet("Plank", duration_s=60.0), ImportedSet("Zzyzx Press", reps=8)),
        )
        log_session(db, bo, run)
        shoe = shoe_named(db, bo.id, "Pegasus 40", create=False)
        assert shoe is not None
        shoe.km_before = 412.5
        map_exercise(db, "Zzyzx Press", "overhead_press")
        checkin = {"pain": {"nrs": 4, "onset": "next_day", "quality": ["aching"]}}
        at = dt.datetime(2025, 9, 21, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
        save_checkin(db, bo, checkin, at, after_session=None)
        save_checkin(db, ana, {"date": "2025-09-24", "pain": {"nrs": 2}}, dt.datetime(2025, 9, 24))


def _without_ids(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its ids dropped and person references replaced by names."""
    names = {p["id"]: p["name"] for p in document["people"]}
    out = json.loads(json.dumps(document))
    for person in out["people"]:
        del person["id"]
    for key in ("sessions", "checkins", "shoes"):
        for row in out[key]:
            row.pop("id", None)
            row["person"] = names[row["person"]]
    return out


def _exported(journal: Journal) -> dict[str, Any]:
    """The journal's whole export document."""
    with journal.reading() as db:
        return export_document(db)


def _into_empty_journal(
    path: Path, urls: JournalUrls, person: str | None = None
) -> tuple[ImportSummary, dict[str, Any]]:
    """Import the document at ``path`` into a new, empty journal on the test's backend:
    the import's summary, and that journal's export afterwards."""
    empty = open_journal(urls.new())
    try:
        summary = import_paths(empty, ImportRequest((path,), person=person))
        return summary, _exported(empty)
    finally:
        empty.close()


@pytest.fixture
def full(journal: Journal, samples: Path) -> Journal:
    _fill(journal, samples)
    return journal


def test_export_names_the_contract_fields_in_the_contracts_order(full: Journal) -> None:
    document = _exported(full)
    assert list(document)[:4] == ["contract", "people", "sessions", "checkins"]
    assert document["contract"] == "lumbar.journal/1"
    assert all(list(p)[:3] == ["id", "name", "profile"] for p in document["people"])
    for session in document["sessions"]:
        assert list(session)[: len(SESSION_FIELDS)] == SESSION_FIELDS
        for one in session["sets"]:
            assert list(one)[: len(SET_FIELDS)] == SET_FIELDS
            assert one["set_type"] in {"warmup", "normal", "failure", "drop"}
    for checkin in document["checkins"]:
        assert list(checkin)[:5] == ["id", "person", "at", "checkin", "assessment"]
        assert checkin["assessment"]["contract"] == "lumbar.assessment/1"


def test_times_keep_their_offset_or_stay_naive(full: Journal) -> None:
    document = _exported(full)
    starts = {
        s["source"]["format"] if s["source"] else "manual": s["start"] for s in document["sessions"]
    }
    assert starts["manual"] == "2025-09-20T07:00:00+02:00"
    assert dt.datetime.fromisoformat(starts["strong_csv"]).tzinfo is None  # Strong gives none
    assert dt.datetime.fromisoformat(starts["fit"]).utcoffset() == dt.timedelta(0)  # FIT is UTC
    manual = next(s for s in document["sessions"] if s["source"] is None)
    assert manual["end"] == "2025-09-20T07:45:30+02:00"
    assert {c["at"] for c in document["checkins"]} == {
        "2025-09-21T09:30:00+02:00",
        "2025-09-24T00:00:00",
    }


def test_export_then_import_into_an_empty_journal_then_export_gives_the_same_document(
    full: Journal, tmp_path: Path, journal_urls: JournalUrls
) -> None:
    first = _exported(full)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(first, ensure_ascii=False, indent=2), encoding="utf-8")
    summary, second = _into_empty_journal(path, journal_urls)
    assert summary.ok, summary.errors
    assert summary.total("sessions_added") == len(first["sessions"])
    assert summary.total("checkins_added") == len(first["checkins"])
    assert _without_ids(second) == _without_ids(first)


def test_a_document_read_back_into_its_own_journal_adds_nothing(
    full: Journal, tmp_path: Path
) -> None:
    document = _exported(full)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    summary = import_paths(full, ImportRequest((path,)))
    assert summary.ok
    assert summary.total("sessions_added") == summary.total("checkins_added") == 0
    assert summary.total("duplicates") == len(document["sessions"]) + len(document["checkins"])
    assert _exported(full) == document


def test_a_document_with_a_wrong_field_is_refused_whole_naming_the_field(
    full: Journal, tmp_path: Path, journal_urls: JournalUrls
) -> None:
    document = _exported(full)
    document["sessions"][3]["sets"][0]["reps"] = "five"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    summary, after = _into_empty_journal(path, journal_urls)
    assert summary.errors == [
        'broken.json: sessions[3].sets[0].reps: must be a whole number, got "five"'
    ]
    assert after["people"] == after["sessions"] == []


def test_importing_one_persons_part_of_a_document(
    full: Journal, tmp_path: Path, journal_urls: JournalUrls
) -> None:
    document = _exported(full)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    summary, only = _into_empty_journal(path, journal_urls, person="Bo")
    assert summary.ok
    bo = next(p["id"] for p in document["people"] if p["name"] == "Bo")
    assert [p["name"] for p in only["people"]] == ["Bo"]
    assert len(only["sessions"]) == sum(s["person"] == bo for s in document["sessions"]) == 1
    assert len(only["checkins"]) == 1


def _collation_sensitive(journal: Journal) -> None:
    """Shoes and mappings whose order differs between code points and an English collation."""
    with journal.writing() as db:
        bo = find_person(db, "Bo")
        assert bo is not None
        for name in ("Zoom Fly", "pegasus trail", "Ärger"):
            shoe_named(db, bo.id, name)
        for name in ("Überzug", "zercher squat"):
            map_exercise(db, name, "squat")


def test_sqlite_and_postgresql_journals_with_the_same_entries_export_the_same_document(
    samples: Path, tmp_path: Path, journal_urls_on: Callable[[str], JournalUrls]
) -> None:
    documents = {}
    for backend in ("sqlite", "postgres"):
        journal = open_journal(journal_urls_on(backend).new())
        try:
            _fill(journal, samples)
            _collation_sensitive(journal)
            documents[backend] = _exported(journal)
        finally:
            journal.close()
    assert _without_ids(documents["postgres"]) == _without_ids(documents["sqlite"])
    # And a journal moves from one backend to the other unchanged.
    path = tmp_path / "export.json"
    path.write_text(json.dumps(documents["sqlite"], ensure_ascii=False), encoding="utf-8")
    summary, moved = _into_empty_journal(path, journal_urls_on("postgres"))
    assert summary.ok, summary.errors
    assert _without_ids(moved) == _without_ids(documents["sqlite"])
