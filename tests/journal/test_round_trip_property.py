"""Property: whatever sessions the journal accepts, export → import → export gives them back,
on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backends import JournalUrls
from lumbar.ingest.records import ImportedSession, ImportedSet, SourceRef
from lumbar.journal.document import export_document
from lumbar.journal.importing import ImportRequest, import_paths
from lumbar.journal.manual import log_session
from lumbar.store.engine import open_journal
from lumbar.store.entries import session_key
from lumbar.store.people import add_person
from lumbar.vocab import SET_TYPES, SURFACES, WORKOUT_TYPES

HAND = SourceRef("manual", "command line", "")
zones = st.none() | st.integers(-12 * 60, 14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
starts = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(dt.datetime(1995, 1, 1), dt.datetime(2040, 1, 1)),
    zones,
)
amounts = st.none() | st.floats(0, 10_000, allow_nan=False, allow_infinity=False)
# Any text but surrogates (not text) and the NUL character, which the journal refuses
# (PostgreSQL cannot store it).
letters = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
any_text = st.text(letters, min_size=1)
texts = st.none() | st.text(letters, min_size=1, max_size=30)
sets = st.builds(
    ImportedSet,
    exercise=st.sampled_from(["Deadlift (Barbell)", "Plank", "Zzyzx Press"]) | any_text,
    set_type=st.sampled_from(SET_TYPES),
    reps=st.none() | st.integers(0, 500),
    weight_kg=st.none() | st.floats(-200, 1000, allow_nan=False),
    rpe=st.none() | st.floats(0, 10),
    rir=st.none() | st.floats(0, 10),
    distance_km=amounts,
    duration_s=amounts,
)
sessions = st.builds(
    ImportedSession,
    start=starts,
    type=st.sampled_from(WORKOUT_TYPES),
    source=st.just(HAND),
    name=texts,
    duration_min=amounts,
    distance_km=amounts,
    rpe=st.none() | st.floats(1, 10),
    warm_up=st.none() | st.booleans(),
    cool_down=st.none() | st.booleans(),
    surface=st.none() | st.sampled_from(SURFACES),
    notes=texts,
    sets=st.lists(sets, max_size=4).map(tuple),
)


def _export(url: str) -> dict[str, Any]:
    journal = open_journal(url)
    try:
        with journal.reading() as db:
            return export_document(db)
    finally:
        journal.close()


def _without_ids(document: dict[str, Any]) -> dict[str, Any]:
    out = json.loads(json.dumps(document))
    for key in ("people", "sessions"):
        for row in out[key]:
            row.pop("id")
            row.pop("person", None)
    return out


@given(st.lists(sessions, max_size=5, unique_by=lambda s: session_key(s.type, s.start)))
@settings(
    max_examples=20,
    deadline=None,
    # Each example makes its own journals through the factory and drops them at its end.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_any_accepted_sessions_survive_export_and_import(
    journal_urls: JournalUrls, tmp_path: Path, given_sessions: list[ImportedSession]
) -> None:
    first_url, second_url = journal_urls.new(), journal_urls.new()
    try:
        journal = open_journal(first_url)
        try:
            with journal.writing() as db:
                person = add_person(db, "Ana")
                for session in given_sessions:
                    log_session(db, person, session)
        finally:
            journal.close()
        first = _export(first_url)
        path = tmp_path / "export.json"
        path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
        other = open_journal(second_url)
        try:
            assert import_paths(other, ImportRequest((path,))).ok
        finally:
            other.close()
        second = _export(second_url)
    finally:
        journal_urls.drop_all()
    assert len(first["sessions"]) == len(given_sessions)
    assert _without_ids(second) == _without_ids(first)
