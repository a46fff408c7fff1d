"""The words of a link: the counts first, then what they are worth.

The counts are always stated ("3 of your last 4 deadlift sessions were followed by
pain, against 2 of 15 other sessions"); the sentence after them matches the strength
that :mod:`lumbar.training.links` gave, so that a weak difference is never worded
as a finding.
"""

from __future__ import annotations

from lumbar.training.pain_window import PainRule
from lumbar.training.stats import Comparison

__all__ = ["describe"]

_VERDICT = {
    "clear": (
        "In your journal that difference is clear and unlikely to be chance; it shows"
        " what goes together, not what causes what."
    ),
    "possible": "That may be a link, but it could still be chance: a few more sessions will tell.",
    "higher": "With this few sessions, that difference could well be chance.",
    "not_higher": "Pain did not follow these sessions more often than the others.",
}


def _counts(with_what: str, without_what: str, c: Comparison, rule: PainRule) -> str:
    if c.with_pain == c.with_total:
        head = f"Each of your last {c.with_total} {with_what} was"
    elif c.with_pain == 0:
        head = f"None of your last {c.with_total} {with_what} was"
    else:
        verb = "was" if c.with_pain == 1 else "were"
        head = f"{c.with_pain} of your last {c.with_total} {with_what} {verb}"
    return (
        f"{head} followed by back pain of {rule.min_nrs}/10 or more within"
        f" {rule.window_h:g} h, against {c.without_pain} of {c.without_total} {without_what}."
    )


def describe(
    phrase: tuple[str, str],
    c: Comparison,
    strength: str,
    rule: PainRule,
    explained_by: str | None = None,
    within: Comparison | None = None,
) -> str:
    """One link in words.

    Args:
        phrase: how to name the sessions with it and the sessions without it.
        c: the comparison.
        strength: ``clear``, ``possible`` or ``none``.
        rule: the pain rule behind "followed by pain".
        explained_by: the label of a stronger link that accounts for this one.
        within: the comparison on the sessions without ``explained_by``, if it was made.
    """
    text = _counts(*phrase, c, rule)
    if explained_by is not None:
        if within is None:
            return (
                f"{text} Nearly all of these sessions also included {explained_by}, or came"
                f" just before one, so the journal cannot tell the two apart;"
                f" {explained_by} is the stronger link."
            )
        return (
            f"{text} Setting aside the sessions with {explained_by} and the pain that"
            f" followed them, {within.with_pain} of {within.with_total} were followed by"
            f" pain, against {within.without_pain} of {within.without_total}, so"
            f" {explained_by} accounts for the difference."
        )
    if strength != "none":
        return f"{text} {_VERDICT[strength]}"
    return f"{text} {_VERDICT['higher' if c.rate_with > c.rate_without else 'not_higher']}"
