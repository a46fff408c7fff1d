"""Assessing a check-in against the journal: its ``history`` comes from the person's entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lumbar.api import parse_checkin

__all__ = ["with_journal_history"]


def with_journal_history(
    document: str | bytes | dict[str, Any],
    today: dt.date | None,
    *,
    person: str | None = None,
    db: str | None = None,
) -> dict[str, Any]:
    """The check-in with the journal's history of ``person`` attached.

    A check-in that brings its own ``history`` keeps it: what the caller sent wins.
    The history is the year up to the check-in's day (see
    :func:`lumbar.journal.history.assessment_history`).

    Raises:
        InputError: the check-in does not follow the contract.
        JournalStoreError: the journal cannot be opened, or the person is unclear.
    """
    checkin = parse_checkin(document).model_dump(mode="json", exclude_none=True)
    if "history" in checkin:
        return checkin
    from lumbar.journal.edge import reading
    from lumbar.journal.history import assessment_history
    from lumbar.store.people import choose_person

    day = dt.date.fromisoformat(checkin["date"]) if "date" in checkin else today or dt.date.today()
    with reading(db) as session:
        owner = choose_person(session, person)
        checkin["history"] = assessment_history(session, owner.id, day)
    return checkin
