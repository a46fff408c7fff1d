"""The person's own training history, read for the assessment.

When a check-in carries ``history`` (the contract's past sessions and check-ins, or
the journal's, attached by ``lumbar check --save-to-journal`` and
``lumbar assess --journal``), the cause detectors and the plan cite what it shows:
a rise in load against the person's own usual, the exercises that keep being followed
by pain, how often warm-ups were skipped, high-impact work. The analytics are the pure
functions of :mod:`lumbar.training`; they are imported only for check-ins that carry
history, so a plain check-in pays nothing for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lumbar.model import History

if TYPE_CHECKING:
    import datetime as dt

    from lumbar.training import Link, TrainingInsights

# The weekly table the assessment reads: four weeks, the span of the chronic load.
HISTORY_WEEKS = 4


def read_training(history: History, today: dt.date) -> TrainingInsights | None:
    """The training insights of ``history`` on ``today``, or None without sessions."""
    if not history.sessions:
        return None
    from lumbar.training import from_contract_history, training_insights

    sessions, pains = from_contract_history(history, until=today)
    return training_insights(sessions, pains, today, weeks=HISTORY_WEEKS)


def links_of(training: TrainingInsights | None, *kinds: str) -> list[Link]:
    """The links of these kinds (or factor keys) that the journal supports, strongest first."""
    if training is None:
        return []
    found = [
        link
        for link in training.links
        if link.strength != "none" and (link.kind in kinds or link.key in kinds)
    ]
    return sorted(found, key=lambda link: link.strength != "clear")
