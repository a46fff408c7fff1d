"""The demo history: deterministic, within the contract, and written only to an empty journal."""

from __future__ import annotations

import datetime as dt

from lumbar.api import parse_checkin
from lumbar.journal.checks import check_record
from lumbar.store.engine import open_journal
from lumbar.store.people import list_people
from lumbar.web.demo import DEMO_NAME, demo_history, seed_if_empty

DAY = dt.date(2026, 11, 24)


def test_the_same_day_and_seed_give_the_same_history() -> None:
    assert demo_history(DAY, 60) == demo_history(DAY, 60)
    assert demo_history(DAY, 60, seed=1) != demo_history(DAY, 60, seed=2)


def test_every_generated_entry_follows_the_journal_and_the_contract() -> None:
    history = demo_history(DAY, 120)
    assert len(history) == 120
    sessions = [s for d in history for s in d.sessions]
    checkins = [d.checkin for d in history if d.checkin is not None]
    assert len(sessions) > 50
    for session in sessions:
        check_record(session)  # raises on anything the journal would refuse
        assert session.start.date() <= DAY
    for checkin in checkins:
        parse_checkin(checkin)  # raises on anything the contract would refuse
    assert history[-1].checkin is not None  # there is a check-in today
    assert max(c["pain"]["nrs"] for c in checkins) >= 4  # some flare-ups to find


def test_seeding_fills_an_empty_journal_only(tmp_path) -> None:
    journal = open_journal(f"sqlite:///{tmp_path / 'journal.db'}")
    try:
        now = dt.datetime(2026, 11, 24, 9, 30)
        summary = seed_if_empty(journal, now, days=30)
        assert summary is not None
        history = demo_history(now.date(), 30)
        assert summary.sessions == sum(len(d.sessions) for d in history)
        assert summary.checkins == sum(d.checkin is not None for d in history)
        assert seed_if_empty(journal, now, days=30) is None
        with journal.reading() as db:
            assert [p.name for p in list_people(db)] == [DEMO_NAME]
    finally:
        journal.close()
