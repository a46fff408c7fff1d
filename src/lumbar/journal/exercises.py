"""Exercise names → the catalogue, with the user's own mappings first.

A user mapping (``lumbar exercises map NAME TARGET``) names either a catalogue
entry or, when no entry fits, a movement pattern alone. A pattern is stored as it
is rather than replaced by a "representative" entry: a hack squat is a squat
pattern, but it does not load the spine like a back squat, and the catalogue's
spinal load must not be claimed for it. Names that match nothing are kept as
written and listed by :func:`unknown_exercises`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from lumbar.knowledge.catalogue import (
    MovementPattern,
    exercise_by_id,
    lookup_exercise,
    normalise_name,
)
from lumbar.store.entries import ExerciseMatch
from lumbar.store.people import mappings, put_mapping
from lumbar.store.tables import SetRow, TrainingSession

__all__ = [
    "MOVEMENT_PATTERNS",
    "MappingResult",
    "Matcher",
    "map_exercise",
    "resolve_target",
    "unknown_exercises",
]

MOVEMENT_PATTERNS: tuple[str, ...] = get_args(MovementPattern)
MAX_KEY = 300  # the size of exercise_mappings.key


@dataclass
class Matcher:
    """Matches exercise names, remembering each answer for the length of one import.

    Attributes:
        by_id: the user's mappings to catalogue entries (normalised name → id).
        by_pattern: the user's mappings to a pattern only (normalised name → pattern).
    """

    by_id: dict[str, str] = field(default_factory=dict)
    by_pattern: dict[str, str] = field(default_factory=dict)
    _seen: dict[str, ExerciseMatch] = field(default_factory=dict, repr=False)

    @classmethod
    def from_journal(cls, db: Session) -> Matcher:
        """A matcher with the journal's user mappings."""
        matcher = cls()
        for row in mappings(db):
            if row.exercise_id is not None:
                matcher.by_id[row.key] = row.exercise_id
            else:
                matcher.by_pattern[row.key] = row.pattern
        return matcher

    def match(self, name: str) -> ExerciseMatch:
        """The catalogue entry and pattern for ``name``; both ``None`` when unknown."""
        known = self._seen.get(name)
        if known is not None:
            return known
        pattern = self.by_pattern.get(normalise_name(name))
        if pattern is not None:
            result = ExerciseMatch(None, pattern)
        else:
            entry = lookup_exercise(name, extra=self.by_id)
            result = ExerciseMatch(entry.id, entry.pattern) if entry else ExerciseMatch()
        self._seen[name] = result
        return result


def resolve_target(target: str) -> ExerciseMatch:
    """What ``target`` names: a catalogue id, else a movement pattern, else an exercise name.

    Raises:
        ValueError: when it is none of these, with the patterns to choose from.
    """
    entry = exercise_by_id(target)
    if entry is not None:
        return ExerciseMatch(entry.id, entry.pattern)
    if target in MOVEMENT_PATTERNS:
        return ExerciseMatch(None, target)
    entry = lookup_exercise(target)
    if entry is not None:
        return ExerciseMatch(entry.id, entry.pattern)
    raise ValueError(
        f"{target!r} is neither a catalogue exercise nor a movement pattern "
        f"(patterns: {', '.join(MOVEMENT_PATTERNS)})"
    )


@dataclass(frozen=True, slots=True)
class MappingResult:
    """A stored mapping and how many sets already in the journal it re-labelled."""

    name: str
    match: ExerciseMatch
    sets_updated: int


def map_exercise(db: Session, name: str, target: str) -> MappingResult:
    """Map ``name`` to ``target`` for future imports and re-label the sets already stored.

    Raises:
        ValueError: when ``name`` is empty or ``target`` names nothing known.
    """
    key = normalise_name(name)
    if not key or len(key) > MAX_KEY:
        raise ValueError(f"an exercise name to map has 1 to {MAX_KEY} letters and digits")
    match = resolve_target(target)
    put_mapping(db, key, name, match.exercise_id, match.pattern or "other")
    names = [n for n in db.scalars(select(SetRow.exercise).distinct()) if normalise_name(n) == key]
    updated = 0
    for row in db.scalars(select(SetRow).where(SetRow.exercise.in_(names))):
        row.exercise_id, row.pattern = match.exercise_id, match.pattern
        updated += 1
    db.flush()
    return MappingResult(name=name, match=match, sets_updated=updated)


def unknown_exercises(
    db: Session, person_ids: Sequence[int] | None = None
) -> list[tuple[str, int]]:
    """Exercise names in the journal that match nothing, with their set counts, most sets first.

    Names stored unmatched but known to the catalogue now (after an update of the
    catalogue or a new mapping) are not listed.
    """
    query = select(SetRow.exercise).where(SetRow.exercise_id.is_(None), SetRow.pattern.is_(None))
    if person_ids is not None:
        query = query.join(TrainingSession).where(TrainingSession.person_id.in_(person_ids))
    counts = Counter(db.scalars(query))
    matcher = Matcher.from_journal(db)
    still = [(name, n) for name, n in counts.items() if matcher.match(name).pattern is None]
    return sorted(still, key=lambda item: (-item[1], item[0].casefold()))
