"""The assessment's ``history`` read from the journal, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lumbar.ingest.records import ImportedSession, ImportedSet, SourceRef
from lumbar.journal.assessing import with_journal_history
from lumbar.journal.history import HISTORY_DAYS, assessment_history
from lumbar.journal.manual import log_session, save_checkin
from lumbar.store.engine import Journal
from lumbar.store.people import add_person, find_person

HAND = SourceRef("manual", "command line", "")
DAY = dt.date(2025, 9, 24)
# (person, start, type, rpe, exercises): the year before DAY is 2024-09-24 to DAY, inclusive.
SESSIONS = [
    ("Ana", dt.datetime(2024, 9, 23, 18, 0), "running", 5.0, ()),
    ("Ana", dt.datetime(2024, 9, 24, 0, 0), "running", 6.0, ()),
    ("Ana", dt.datetime(2025, 9, 23, 7, 48), "strength", 8.0, ("Deadlift", "Plank", "Deadlift")),
    ("Ana", dt.datetime(2025, 9, 24, 23, 59), "cycling", 4.0, ()),
    ("Ana", dt.datetime(2025, 9, 25, 6, 0), "running", 7.0, ()),
    ("Bo", dt.datetime(2025, 9, 23, 9, 0), "strength", 9.0, ("Squat",)),
]
# (person, day, pain)
CHECKINS = [
    ("Ana", dt.date(2024, 9, 1), {"nrs": 2}),
    ("Ana", dt.date(2025, 9, 10), {"nrs": 3, "onset": "next_day", "side": "both"}),
    ("Bo", dt.date(2025, 9, 11), {"nrs": 6}),
]


def _fill(journal: Journal) -> int:
    """The entries above; returns the id of a check-in of Ana's on DAY (to be left out)."""
    with journal.writing() as db:
        people = {name: add_person(db, name) for name in ("Ana", "Bo")}
        for name, start, kind, rpe, exercises in SESSIONS:
            sets = tuple(ImportedSet(e, reps=5) for e in exercises)
            record = ImportedSession(start, kind, HAND, rpe=rpe, sets=sets)  # type: ignore[arg-type]
            log_session(db, people[name], record)
        for name, day, pain in CHECKINS:
            at = dt.datetime.combine(day, dt.time(20, 0))
            save_checkin(db, people[name], {"date": day.isoformat(), "pain": pain}, at)
        today = {"date": DAY.isoformat(), "pain": {"nrs": 5}}
        return save_checkin(db, people["Ana"], today, dt.datetime(2025, 9, 24, 21, 0)).id


def _expected(name: str, day: dt.date) -> dict[str, Any]:
    first = day - dt.timedelta(days=HISTORY_DAYS)
    sessions = [
        {"date": start.date().isoformat(), "type": kind, "rpe": rpe}
        | ({"exercises": list(dict.fromkeys(exercises))} if exercises else {})
        for who, start, kind, rpe, exercises in SESSIONS
        if who == name and first <= start.date() <= day
    ]
    checkins = [
        {"date": when.isoformat(), **pain}
        for who, when, pain in CHECKINS
        if who == name and first <= when <= day
    ]
    return {"sessions": sessions, "checkins": checkins}


def test_the_history_is_the_persons_year_of_entries_up_to_the_day(journal: Journal) -> None:
    today_id = _fill(journal)
    with journal.reading() as db:
        ana = find_person(db, "Ana")
        assert ana is not None
        history = assessment_history(db, ana.id, DAY, exclude_checkin=today_id)
    assert history == _expected("Ana", DAY)
    assert [s["date"] for s in history["sessions"]] == ["2024-09-24", "2025-09-23", "2025-09-24"]


def test_a_check_in_assessed_against_the_journal_gets_the_history_of_the_named_person(
    journal: Journal, journal_url: str
) -> None:
    _fill(journal)
    checkin = with_journal_history(
        {"date": "2025-09-12", "pain": {"nrs": 4}}, None, person="Bo", db=journal_url
    )
    assert checkin["history"] == _expected("Bo", dt.date(2025, 9, 12))
    assert checkin["history"]["checkins"] == [{"date": "2025-09-11", "nrs": 6}]
