"""Two writers at once, on SQLite and on PostgreSQL: they take turns; nothing is lost or doubled.

SQLite serialises writers with ``BEGIN IMMEDIATE``; PostgreSQL with an advisory lock
taken when a write transaction begins (``lumbar.store.engine``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from backends import JournalUrls, only_on
from lumbar.journal.importing import ImportRequest, ImportSummary, import_paths
from lumbar.store.engine import Journal, open_journal
from lumbar.store.entries import sessions_between
from lumbar.store.people import add_person

T = TypeVar("T")


def _at_once(work: Callable[[], T], times: int = 2) -> list[T]:
    """Run ``work`` in ``times`` threads released together; their results, or the first error."""
    barrier = threading.Barrier(times)
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            results.append(work())
        except BaseException as exc:  # handed to the test's thread below
            errors.append(exc)

    # Daemon threads: a writer that hangs fails the test without holding up the run.
    threads = [threading.Thread(target=run, daemon=True) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a writer never finished"
    if errors:
        raise errors[0]
    return results


def test_the_same_file_imported_twice_at_once_is_imported_once(
    journal: Journal, samples: Path
) -> None:
    path = samples / "strong" / "strong.csv"
    with journal.writing() as db:
        add_person(db, "Ana")

    summaries: list[ImportSummary] = _at_once(lambda: import_paths(journal, ImportRequest((path,))))

    assert sorted(o.status for s in summaries for o in s.outcomes) == ["duplicate", "imported"]
    added = sum(s.total("sessions_added") for s in summaries)
    with journal.reading() as db:
        assert len(sessions_between(db)) == added > 0


def test_a_new_journal_opened_by_several_connections_at_once_is_created_once(
    journal_urls: JournalUrls,
) -> None:
    url = journal_urls.empty()  # no tables yet: each opening wants to create them

    def open_and_close() -> None:
        open_journal(url).close()

    _at_once(open_and_close, times=3)
    journal = open_journal(url)
    try:
        with journal.writing() as db:
            assert add_person(db, "Ana").id == 1
    finally:
        journal.close()


@only_on("sqlite")
def test_new_sqlite_journals_opened_by_four_connections_at_once_all_open(
    journal_urls: JournalUrls,
) -> None:
    # Turning a new journal to WAL is refused at once ("database is locked") to all but
    # one of several connections doing it together; before they waited, about one round
    # in four failed here (7 of 30), so twenty rounds catch it nearly always.
    for _ in range(20):
        url = journal_urls.empty()
        _at_once(lambda url=url: open_journal(url).close(), times=4)
