"""The comparisons :func:`lumbar.training.links.find_links` weighs, before they are graded.

One comparison per exercise, per movement pattern and per factor, each with the
sessions it covers; exercises (or patterns) done in exactly the same sessions become
one comparison that names them all, since no journal can tell them apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from lumbar.training.daily import DailyLoads
from lumbar.training.factors import FACTORS, session_exposures
from lumbar.training.quantities import SessionColumns
from lumbar.training.records import TrainingSession
from lumbar.training.stats import Comparison, compare

if TYPE_CHECKING:
    from lumbar.training.links import LinkOptions

__all__ = ["Candidate", "Kind", "Tables", "exercise_candidates", "factor_candidates", "weigh"]

Kind = Literal["exercise", "pattern", "factor"]

# The comparisons made in one call, by their counts (with pain, with, without pain,
# without).
Tables = dict[tuple[int, int, int, int], Comparison]


def weigh(counts: tuple[int, int, int, int], tables: Tables) -> Comparison:
    """:func:`~lumbar.training.stats.compare` of ``counts``, made once per ``tables``.

    Within one journal the same table often comes up again (an exercise and its
    pattern done in the same sessions, or both tested again without a stronger link),
    and Fisher's test is the costliest step of a comparison.
    """
    found = tables.get(counts)
    if found is None:
        found = tables[counts] = compare(*counts)
    return found


@dataclass(slots=True)
class Candidate:
    """A comparison on its way to becoming a :class:`~lumbar.training.links.Link`.

    Attributes:
        kind, key, label, together, stats, sources: as in ``Link``.
        name: ``label`` and ``together`` joined, as the words name it.
        phrase: how the words name the sessions with it and those without it.
        members: the positions (in time order) of the sessions containing it; empty for
            factors.
        q, strength, explained_by, within: filled in by the grading in ``links``.
    """

    kind: Kind
    key: str
    label: str
    together: tuple[str, ...]
    name: str
    phrase: tuple[str, str]
    stats: Comparison
    sources: tuple[str, ...]
    members: tuple[int, ...] = ()
    q: float = 1.0
    strength: str = "none"
    explained_by: Candidate | None = None
    within: Comparison | None = None


def _groups(columns: SessionColumns) -> dict[tuple[Kind, str], list[int]]:
    """For each (kind, key), the positions of the sessions that contain it, ascending.

    An exercise key is a catalogue id or a name as written; a session holding both an id
    and an unknown name written the same way is one session under that key, counted once.
    """
    groups: dict[tuple[Kind, str], list[int]] = {
        ("exercise", k): v for k, v in columns.exercises.items()
    }
    for name, positions in columns.unmatched.items():
        both = groups.get(("exercise", name))
        groups["exercise", name] = sorted({*both, *positions}) if both else positions
    groups.update({("pattern", k): v for k, v in columns.patterns.items()})
    return groups


def exercise_candidates(
    columns: SessionColumns, followed: list[bool], least: int, tables: Tables | None = None
) -> list[Candidate]:
    """One candidate per exercise and per pattern with ``least`` sessions on each side
    (``tables``: the comparisons already made in this call, :func:`weigh`)."""
    groups = _groups(columns)
    as_written = columns.unmatched
    total, total_pain = len(followed), followed.count(True)
    same: dict[tuple[Kind, tuple[int, ...]], list[str]] = {}
    for (kind, key), positions in groups.items():
        if least <= len(positions) <= total - least:
            same.setdefault((kind, tuple(positions)), []).append(key)
    found = []
    tables = {} if tables is None else tables
    for (kind, members), keys in same.items():
        named = sorted((key if key in as_written else key.replace("_", " "), key) for key in keys)
        labels = [label for label, _ in named]
        # Compiled (setup.py), the list is made by indexed reads at machine speed.
        pain_with = [followed[i] for i in members].count(True)
        counts = (pain_with, len(members), total_pain - pain_with, total - len(members))
        c = weigh(counts, tables)
        name = " and ".join(labels) if len(labels) <= 2 else ", ".join(labels)
        if kind == "exercise":
            phrase = (f"{name} sessions", "other sessions")
        else:
            phrase = (f"sessions with {name} movements", "sessions without")
        found.append(
            Candidate(
                kind, named[0][1], labels[0], tuple(labels[1:]), name, phrase, c,
                ("lumbar_guide",), members,
            )
        )  # fmt: skip
    return found


def _split(flags: list[bool | None], followed: list[bool]) -> tuple[int, int, int, int]:
    """(with pain, with, without pain, without) over the sessions whose flag is known."""
    # One pass, in plain steps: compiled (setup.py), each is a machine compare and add
    # (a zip() without strict=, which mypyc turns into indexed reads; the two lists have
    # one item per session).
    with_pain = with_total = without_pain = without_total = 0
    for flag, pain in zip(flags, followed):  # noqa: B905
        if flag is None:
            continue
        if flag:
            with_total += 1
            if pain:
                with_pain += 1
        else:
            without_total += 1
            if pain:
                without_pain += 1
    return with_pain, with_total, without_pain, without_total


def factor_candidates(
    ordered: Sequence[TrainingSession],
    columns: SessionColumns,
    followed: list[bool],
    options: LinkOptions,
    km_before: Mapping[str, float] | None,
    days: DailyLoads | None = None,
    tables: Tables | None = None,
) -> list[Candidate]:
    """One candidate per factor with ``options.min_exposures`` sessions on each side
    (``columns``: :func:`~lumbar.training.quantities.measure_sessions` of ``ordered``;
    ``tables``: the comparisons already made in this call, :func:`weigh`)."""
    exposures = session_exposures(ordered, columns, options, km_before, days)
    least = options.min_exposures
    found = []
    tables = {} if tables is None else tables
    for factor in FACTORS:
        counts = _split(exposures[factor.id], followed)
        if counts[1] < least or counts[3] < least:
            continue
        c = weigh(counts, tables)
        phrase = factor.phrase(options)
        found.append(
            Candidate("factor", factor.id, phrase[0], (), phrase[0], phrase, c, factor.sources)
        )
    return found
