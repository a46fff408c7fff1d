"""Crash safety: `lumbar import` killed (SIGKILL) part-way through a large file, several times.

Each kill lands while the import's write transaction is open (the test waits until the
journal is write-locked by the importing process). Afterwards the journal passes SQLite's
integrity check and holds either all of the file's sessions or none, and a re-run completes.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from subprocess import DEVNULL

import pytest

from lumbar.store.engine import open_journal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

WORKOUTS = 1500
SETS_PER_WORKOUT = 8
EXERCISES = ("Deadlift (Barbell)", "Squat (Barbell)", "Bench Press (Barbell)", "Plank")
KILL_FRACTIONS = (0.1, 0.3, 0.5, 0.7)
LUMBAR = (
    "import typer\n"
    "from lumbar.journal_cli import register\n"
    "app = typer.Typer()\n"
    "register(app)\n"
    "app()\n"
)


def _write_strong_csv(path: Path) -> None:
    """A Strong export (comma generation, formats.md §1) of WORKOUTS workouts."""
    start = dt.datetime(2010, 1, 1, 6, 0)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
             "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]
        )  # fmt: skip
        for number in range(WORKOUTS):
            when = (start + dt.timedelta(days=number, minutes=7 * number)).isoformat(" ")
            for order in range(1, SETS_PER_WORKOUT + 1):
                exercise = EXERCISES[(number + order) % len(EXERCISES)]
                writer.writerow(
                    [when, f"Workout {number}", "1h 5m", exercise, order, 60 + order, 5, 0, 0,
                     "", "", ""]
                )  # fmt: skip


def _command(source: Path, journal: Path) -> list[str]:
    return [sys.executable, "-c", LUMBAR, "import", str(source), "--db", str(journal)]


def _run_import(source: Path, journal: Path) -> None:
    """Run an import to its end; it must succeed."""
    done = subprocess.run(_command(source, journal), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def _write_locked(journal: Path) -> bool:
    """Whether another connection holds the journal's write lock right now."""
    probe = sqlite3.connect(journal, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise
        return True
    else:
        probe.execute("ROLLBACK")
        return False
    finally:
        probe.close()


def _wait_for_lock(process: subprocess.Popen[bytes], journal: Path) -> float:
    """The moment the importing process is seen holding the write lock."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("the import ended before it was seen writing")
        if _write_locked(journal):
            return time.monotonic()
        time.sleep(0.005)
    raise AssertionError("the import never took the write lock")


def _state(journal: Path) -> tuple[str, int, int, int, int]:
    """(integrity_check, sessions, sets, imports, sessions the import says it added)."""
    connection = sqlite3.connect(journal)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        sessions = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]
        sets = connection.execute("SELECT count(*) FROM sets").fetchone()[0]
        imports, added = connection.execute(
            "SELECT count(*), coalesce(sum(sessions_added), 0) FROM imports"
        ).fetchone()
    finally:
        connection.close()
    return integrity, sessions, sets, imports, added


def _transaction_seconds(source: Path, journal: Path) -> float:
    """How long a complete import of ``source`` holds its write transaction."""
    process = subprocess.Popen(_command(source, journal), stdout=DEVNULL, stderr=DEVNULL)
    try:
        locked_at = _wait_for_lock(process, journal)
        while _write_locked(journal):
            time.sleep(0.005)
        return time.monotonic() - locked_at
    finally:
        assert process.wait(timeout=300) == 0


def _fresh(journal: Path) -> None:
    """An empty journal at ``journal`` (schema first: its migration is a write too)."""
    for leftover in journal.parent.glob(f"{journal.name}*"):
        leftover.unlink()
    open_journal(f"sqlite:///{journal}").close()


def _kill_part_way(source: Path, journal: Path, delay_s: float) -> bool:
    """Start an import, wait until it writes, then SIGKILL it ``delay_s`` later.

    Returns False, killing nothing, when the import committed before the delay ran
    out (timings vary on a loaded machine).
    """
    process = subprocess.Popen(_command(source, journal), stdout=DEVNULL, stderr=DEVNULL)
    try:
        _wait_for_lock(process, journal)
        time.sleep(delay_s)
        if not _write_locked(journal):
            assert process.wait(timeout=300) == 0
            return False
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
        return True
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.slow
def test_killing_an_import_part_way_never_leaves_a_half_imported_file(tmp_path: Path) -> None:
    source = tmp_path / "strong_large.csv"
    _write_strong_csv(source)
    calibration, journal = tmp_path / "calibration.db", tmp_path / "journal.db"
    _fresh(calibration)
    holding_s = _transaction_seconds(source, calibration)
    complete = _state(calibration)
    assert complete == ("ok", WORKOUTS, WORKOUTS * SETS_PER_WORKOUT, 1, WORKOUTS)

    _fresh(journal)
    kills = attempts = 0
    while kills < len(KILL_FRACTIONS):
        attempts += 1
        assert attempts <= 3 * len(KILL_FRACTIONS), "could not kill the import part-way"
        if _kill_part_way(source, journal, KILL_FRACTIONS[kills] * holding_s):
            kills += 1
            assert _state(journal) == ("ok", 0, 0, 0, 0)  # none of the file
        else:  # it finished first: all of the file; start again, sooner
            assert _state(journal) == complete
            _fresh(journal)
            holding_s /= 2

    _run_import(source, journal)  # after the kills, a re-run completes
    assert _state(journal) == complete
    _run_import(source, journal)  # and a second run adds nothing
    assert _state(journal) == complete
