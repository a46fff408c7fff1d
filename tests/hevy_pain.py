"""A journal of the real Hevy sample with a planted signal: pain logged by hand the
morning after each day, NRS 6 after a day with a dumbbell row and 1 after the others.

The insights tests and the compiled-build tests read it; the days and their exercises
are read from the CSV here with the csv module, independently of lumbar's importer.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict

from cli_process import run_lumbar
from conftest import SAMPLES
from lumbar.journal.manual import save_checkin
from lumbar.store.engine import open_journal
from lumbar.store.people import choose_person

__all__ = ["HEVY", "SIGNAL", "hevy_session_days", "hevy_sessions", "journal_with_pain"]

HEVY = SAMPLES / "hevy" / "workouts.csv"
SIGNAL = "Dumbbell Row"  # the exercise pain is planted after


def hevy_sessions() -> dict[dt.datetime, set[str]]:
    """Each session of the export by its start, with the exercises done in it."""
    starts: dict[dt.datetime, set[str]] = defaultdict(set)
    with HEVY.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            start = dt.datetime.strptime(row["start_time"], "%d %b %Y, %H:%M")
            starts[start].add(row["exercise_title"])
    return starts


def hevy_session_days() -> dict[dt.date, set[str]]:
    """Each day of the export with the exercises done on it."""
    days: dict[dt.date, set[str]] = defaultdict(set)
    for start, exercises in hevy_sessions().items():
        days[start.date()] |= exercises
    return days


def journal_with_pain(db: str, url: str) -> list[dt.date]:
    """Import the Hevy sample into the journal ``db`` (its ``--db`` value; ``url``, the
    same as a URL), log the planted pain, and return the session days, in order."""
    done = run_lumbar("import", str(HEVY), "--db", db)
    assert done.returncode == 0, done.stdout + done.stderr
    days = hevy_session_days()
    journal = open_journal(url)
    with journal.writing() as session:  # logging pain by hand, as `lumbar log pain` does
        owner = choose_person(session, None)
        for day, exercises in sorted(days.items()):
            pain_day = day + dt.timedelta(days=1)
            save_checkin(
                session,
                owner,
                {"date": pain_day.isoformat(), "pain": {"nrs": 6 if SIGNAL in exercises else 1}},
                dt.datetime.combine(pain_day, dt.time(8)),
            )
    journal.close()
    return sorted(days)
