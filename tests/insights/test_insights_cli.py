"""`lumbar insights` and a history-aware check on a real imported Hevy history, in a
journal on SQLite and in one on PostgreSQL.

The signal is planted by logging pain the day after every session that (read from the
CSV independently here) contained a dumbbell row, and low pain after the others.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from backends import BACKENDS, postgres_server
from cli_process import run_lumbar
from hevy_pain import SIGNAL, hevy_session_days, hevy_sessions, journal_with_pain


def lumbar(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_lumbar(*args, stdin=stdin, columns=140)


def _followed(start: dt.datetime, painful: list[dt.datetime]) -> bool:
    """Pain of 4 or more after the start and within 48 h (the insights' default rule)."""
    return any(start < at <= start + dt.timedelta(hours=48) for at in painful)


__all__ = ["postgres_server"]  # a fixture, from tests/backends.py


def _new_journal(request: pytest.FixtureRequest, folder: Path) -> tuple[str, str]:
    """A new journal on the backend ``request.param``: its ``--db`` value and URL."""
    if request.param == "sqlite":
        path = folder / "journal.db"
        return str(path), f"sqlite:///{path}"
    server = request.getfixturevalue("postgres_server")
    name = server.create_database()
    request.addfinalizer(lambda: server.drop_database(name))
    return server.url(name), server.url(name)


@pytest.fixture(scope="module", params=BACKENDS)
def journal(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, dt.date]:
    db, url = _new_journal(request, tmp_path_factory.mktemp("insights"))
    days = journal_with_pain(db, url)
    return db, days[-1] + dt.timedelta(days=1)


def test_insights_find_the_exercise_that_keeps_preceding_pain(
    journal: tuple[str, dt.date],
) -> None:
    db, last = journal
    done = lumbar(
        "insights", "--db", db, "--on", last.isoformat(), "--weeks", "52", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    rows = hevy_session_days()
    painful = [
        dt.datetime.combine(d + dt.timedelta(days=1), dt.time(8))
        for d, e in rows.items()
        if SIGNAL in e
    ]
    sessions = hevy_sessions()
    with_row = [s for s, e in sessions.items() if SIGNAL in e]
    without = [s for s, e in sessions.items() if SIGNAL not in e]
    found = [
        link
        for link in doc["links"]
        if link["kind"] == "exercise"
        and "row" in link["label"].casefold()
        and link["strength"] != "none"
    ]
    assert found, [(link["label"], link["strength"]) for link in doc["links"]]
    assert found[0]["with_total"] == len(with_row)
    assert found[0]["with_pain"] == sum(_followed(s, painful) for s in with_row)
    assert found[0]["without_total"] == len(without)
    assert found[0]["without_pain"] == sum(_followed(s, painful) for s in without)
    assert doc["sessions"] == len(sessions)


def test_insights_text_report_shows_weeks_links_and_next_steps(
    journal: tuple[str, dt.date],
) -> None:
    db, last = journal
    done = lumbar("insights", "--db", db, "--on", last.isoformat())
    assert done.returncode == 0, done.stderr
    for words in (
        "Load and pain by week",
        "What goes with your pain",
        "What to do next",
        "not a measure of injury risk",
        "Swap",
        "lumbar is not a diagnosis",
        "call emergency services",
    ):
        assert words in done.stdout, words


def test_a_check_against_the_journal_cites_the_row_and_caps_next_week(
    journal: tuple[str, dt.date],
) -> None:
    db, last = journal
    checkin = {
        "date": last.isoformat(),
        "pain": {"nrs": 5, "onset": "next_day", "days_since_onset": 1},
    }
    done = lumbar("assess", "-", "--journal", "--db", db, stdin=json.dumps(checkin))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    technique = [c for c in answer["causes"] if c["id"] == "poor_posture_technique"]
    assert technique and "row" in " ".join(technique[0]["evidence"]).casefold()
    prevent = {item["id"]: item["text"] for item in answer["plan"]["prevent"]}
    assert "row" in prevent["change_exercise"].casefold()
    assert "AU of session load" in prevent["progression_guard"]


def test_assess_against_a_missing_person_is_one_clear_line(journal: tuple[str, dt.date]) -> None:
    db, _ = journal
    done = lumbar(
        "assess",
        "-",
        "--journal",
        "--db",
        db,
        "--person",
        "Nobody",
        stdin='{"pain": {"nrs": 2}}',
    )
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "Nobody" in done.stderr
