"""What in a person's training goes with their back pain: exercise ↔ pain links.

For each exercise (catalogue id, or the name as written when the catalogue does not
know it), each movement pattern and each factor (skipped warm-up or cool-down,
high-impact work, hard surfaces, worn shoes, a week of load well above the usual),
:func:`find_links` counts the sessions with it that were followed by pain
(:mod:`lumbar.training.pain_window`) against the sessions without it, and weighs the
difference with Fisher's exact test. A comparison is made only when both groups
hold at least ``min_exposures`` sessions.

Strength, lumbar's rule:

1. The p-values of one call form one family and are adjusted with Benjamini–Hochberg
   (q). A link is ``clear`` when q ≤ 0.01 and ``possible`` when q ≤ 0.05, in both
   cases only when pain followed the sessions *with* it more often; else ``none``.
2. Exercises share sessions and pain: if deadlifts are followed by pain, so are the
   planks done in the same session and the run of the day before. Going from the
   strongest link down, each exercise or pattern link is tested again on the sessions
   without each stronger one, counting only pain that did not also follow a session
   with the stronger one; unless it still holds there (higher rate, Fisher p ≤ 0.05
   with at least ``min_exposures`` sessions on each side) it becomes ``none`` and
   names the link that accounts for it (``explained_by``).

A link says what goes together in one journal, not what causes what.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Final, Literal

from lumbar.training.candidates import (
    Candidate,
    Kind,
    Tables,
    exercise_candidates,
    factor_candidates,
    weigh,
)
from lumbar.training.daily import DailyLoads
from lumbar.training.link_words import describe
from lumbar.training.pain_window import PainRule, pains_after_ordered
from lumbar.training.quantities import SessionColumns, measure_sessions
from lumbar.training.records import PainEntry, TrainingSession
from lumbar.training.shoes import sort_sessions
from lumbar.training.stats import Comparison, benjamini_hochberg

__all__ = ["Link", "LinkOptions", "Strength", "find_links", "find_links_measured"]

Strength = Literal["clear", "possible", "none"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkOptions:
    """How :func:`find_links` decides; every default is lumbar's, not a clinical threshold.

    Attributes:
        pain: when a session counts as followed by pain (NRS ≥ 4 within 48 h).
        min_exposures: the fewest sessions each group (with / without) must hold
            before a comparison is made at all (at least 2).
        worn_shoe_km: kilometres above which a shoe counts as worn: the low end of the
            480–800 km rule of thumb (acsm_shoes).
        rise_pct: a session counts as in a week of raised load when the 7-day load on its
            day is at least this much above the 4-week average (percent). 30 follows
            the >30 % progression group of nielsen2014, which is not a proven threshold.
        clear_q, possible_q: Benjamini–Hochberg q at or below which a link is ``clear``
            or ``possible``.
        holds_p: Fisher p at or below which an overlapping link still holds in the
            sessions without the stronger link (rule 2 of the module docstring).
    """

    pain: PainRule = field(default_factory=PainRule)
    min_exposures: int = 4
    worn_shoe_km: float = 480.0
    rise_pct: float = 30.0
    clear_q: float = 0.01
    possible_q: float = 0.05
    holds_p: float = 0.05

    def __post_init__(self) -> None:
        if self.min_exposures < 2:
            raise ValueError(f"min_exposures must be >= 2, got {self.min_exposures}")


@dataclass(frozen=True, slots=True)
class Link:
    """One comparison reported to the person.

    Attributes:
        kind: ``exercise``, ``pattern`` or ``factor``.
        key: catalogue id or name as written (exercise), pattern id, or factor id
            (``warm_up_skipped`` ``cool_down_skipped`` ``high_impact`` ``hard_surface``
            ``worn_shoes`` ``load_rise``).
        label: the words used for it in ``text``.
        together: labels of other exercises (or patterns) done in exactly the same
            sessions, which the journal cannot tell apart from this one.
        stats: the counts, rates, intervals and Fisher's p.
        q_value: the p-value adjusted over every comparison of the same call.
        strength: ``clear``, ``possible`` or ``none`` (rules in the module docstring).
        explained_by: the key of a stronger link that accounts for this one, or None.
        within: this comparison again on the sessions without ``explained_by``, when
            each side still held at least ``min_exposures`` sessions.
        text: the finding in words, with the counts.
        sources: bibliography ids.
    """

    kind: Kind
    key: str
    label: str
    together: tuple[str, ...]
    stats: Comparison
    q_value: float
    strength: Strength
    explained_by: str | None
    within: Comparison | None
    text: str
    sources: tuple[str, ...]


def _grade(c: Candidate, options: LinkOptions) -> Strength:
    if c.stats.rate_with <= c.stats.rate_without:
        return "none"
    if c.q <= options.clear_q:
        return "clear"
    if c.q <= options.possible_q:
        return "possible"
    return "none"


class _Remainder:
    """The sessions without one stronger link, and which of them were followed by pain
    that did not also follow a session with the stronger link."""

    __slots__ = ("own", "pain", "size", "stronger", "tables")

    def __init__(
        self,
        stronger: tuple[int, ...],
        after: list[tuple[int, ...]],
        painful: list[int],
        tables: Tables,
    ) -> None:
        """``stronger``: the positions of the stronger link's sessions (distinct);
        ``painful``: the positions of the sessions that pain followed (``after`` non-empty),
        so that only they are looked at, not every session of the journal; ``tables``:
        the comparisons already made in this call."""
        # One flag per session for each group, so that a count is a walk over one
        # link's positions reading flags (compiled, setup.py: indexed machine reads).
        flags = [False] * len(after)
        taken: set[int] = set()
        for i in stronger:
            flags[i] = True
            taken.update(after[i])
        own = [False] * len(after)
        pain = 0
        for i in painful:
            if not taken.issuperset(after[i]):
                own[i] = True
                if not flags[i]:
                    pain += 1
        self.stronger, self.own, self.pain = flags, own, pain
        self.size = len(after) - len(stronger)
        self.tables = tables

    def compare(self, positions: tuple[int, ...], least: int) -> Comparison | None:
        """The comparison of the sessions at ``positions`` (distinct) against the others,
        both without the stronger link's sessions; None below ``least`` on either side."""
        stronger, own = self.stronger, self.own
        n_with = pain_with = 0
        for i in positions:
            if not stronger[i]:
                n_with += 1
                if own[i]:
                    pain_with += 1
        n_without = self.size - n_with
        if n_with < least or n_without < least:
            return None
        return weigh((pain_with, n_with, self.pain - pain_with, n_without), self.tables)


def _explain(
    ranked: list[Candidate],
    after: list[tuple[int, ...]],
    options: LinkOptions,
    tables: Tables,
) -> None:
    """Rule 2: demote exercise and pattern links that a stronger one accounts for
    (``tables``: the comparisons already made in this call)."""
    anchors: list[tuple[Candidate, _Remainder]] = []
    painful = list(compress(range(len(after)), after))  # selected in C
    for c in ranked:
        if c.kind == "factor" or c.strength == "none":
            continue
        for a, remainder in anchors:
            within = remainder.compare(c.members, options.min_exposures)
            holds = (
                within is not None
                and within.rate_with > within.rate_without
                and within.p_value <= options.holds_p
            )
            if not holds:
                c.strength, c.explained_by, c.within = "none", a, within
                break
        else:
            anchors.append((c, _Remainder(c.members, after, painful, tables)))


_RANK: Final = {"clear": 0, "possible": 1, "none": 2}


def _order(c: Candidate) -> tuple:
    return _RANK[c.strength], c.q, -c.stats.rate_with, c.kind, c.key


def find_links(
    sessions: Iterable[TrainingSession],
    pains: Iterable[PainEntry],
    options: LinkOptions = LinkOptions(),
    km_before: Mapping[str, float] | None = None,
) -> list[Link]:
    """Every exercise, pattern and factor with enough sessions on both sides, strongest first.

    Args:
        sessions: one person's sessions over the period to analyse.
        pains: the same person's pain entries (any NRS; the rule picks).
        options: thresholds and the strength rule (:class:`LinkOptions`).
        km_before: kilometres each shoe had before the journal, for ``worn_shoes``.

    Returns:
        Links ordered ``clear``, ``possible``, ``none``, then by q-value. Anything with
        fewer than ``options.min_exposures`` sessions on either side is left out.
        Exercises done in exactly the same sessions form one link (``together``).
    """
    ordered = sort_sessions(sessions)
    return find_links_measured(ordered, measure_sessions(ordered), pains, options, km_before)


def find_links_measured(
    ordered: Sequence[TrainingSession],
    columns: SessionColumns,
    pains: Iterable[PainEntry],
    options: LinkOptions = LinkOptions(),
    km_before: Mapping[str, float] | None = None,
    days: DailyLoads | None = None,
) -> list[Link]:
    """:func:`find_links` for sessions already in time order (:func:`sort_sessions`) and
    measured (``columns`` is :func:`measure_sessions` of ``ordered``); ``days``
    is their daily series when the caller has it (sessions outside it have no
    ``load_rise`` value)."""
    after = pains_after_ordered(columns.days, [s.start for s in ordered], list(pains), options.pain)
    followed = list(map(bool, after))
    tables: Tables = {}  # every comparison of this call, made once
    candidates = exercise_candidates(columns, followed, options.min_exposures, tables)
    candidates += factor_candidates(ordered, columns, followed, options, km_before, days, tables)
    q_values = benjamini_hochberg([c.stats.p_value for c in candidates])
    for c, q in zip(candidates, q_values, strict=True):
        c.q = q
        c.strength = _grade(c, options)
    candidates.sort(key=_order)
    _explain(candidates, after, options, tables)
    candidates.sort(key=_order)
    return [_link(c, options) for c in candidates]


def _link(c: Candidate, options: LinkOptions) -> Link:
    explained = c.explained_by
    text = describe(
        c.phrase,
        c.stats,
        c.strength,
        options.pain,
        None if explained is None else explained.name,
        c.within,
    )
    return Link(
        kind=c.kind,
        key=c.key,
        label=c.label,
        together=c.together,
        stats=c.stats,
        q_value=c.q,
        strength=c.strength,  # type: ignore[arg-type]
        explained_by=None if explained is None else explained.key,
        within=c.within,
        text=text,
        sources=c.sources,
    )
