"""The exercise catalogue: names as apps write them → movement pattern, spinal load, impact.

``exercises.yaml`` holds the data; this module validates it once when first used and
answers :func:`lookup_exercise`. Matching is forgiving in the ways app exports differ
("Deadlift (Barbell)", "deadlift", "Barbell Deadlift", "RDL") and exact otherwise: a
name it does not know gives ``None`` so that the caller can keep it as written and
report it, never a guess.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from lumbar.knowledge.files import read_yaml

MovementPattern = Literal[
    "hinge",
    "squat",
    "lunge",
    "horizontal_push",
    "overhead_press",
    "horizontal_pull",
    "vertical_pull",
    "carry",
    "core",
    "rotation",
    "jump",
    "run",
    "cycle",
    "row",
    "swim",
    "walk",
    "mobility",
    "isolation",
    "sport",
    "other",
]
SpinalLoad = Literal["low", "moderate", "high"]
Impact = Literal["none", "low", "high"]

# Equipment words that apps add to a movement's name; dropped only as a fallback so
# that "Kettlebell Swing" still matches its own entry first.
_EQUIPMENT = frozenset(
    "barbell dumbbell dumbbells db bb kettlebell kb machine cable smith band bands banded "
    "ez bar trap hex weighted bodyweight assisted plate landmine".split()
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_PAREN = re.compile(r"\([^)]*\)")


class Exercise(BaseModel):
    """One catalogue entry.

    Attributes:
        id: stable identifier (snake_case).
        name: the canonical display name.
        pattern: movement pattern, used for form cues and pain links.
        spinal_load: how much axial or shear load the movement puts on the lumbar spine.
        impact: ground-impact level (running and jumping are ``high``).
        aliases: other names apps and people use for it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    pattern: MovementPattern
    spinal_load: SpinalLoad
    impact: Impact
    aliases: tuple[str, ...] = ()


class Catalogue(BaseModel):
    """The whole file, validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    exercises: tuple[Exercise, ...]


def normalise_name(name: str) -> str:
    """Fold case and punctuation.

    ``"Romanian Deadlift (Dumbbell)"`` becomes ``"romanian deadlift dumbbell"``.
    """
    return _NON_WORD.sub(" ", name.casefold()).strip()


def _without_equipment(key: str) -> str:
    return " ".join(word for word in key.split() if word not in _EQUIPMENT)


class Indexed(NamedTuple):
    """The validated catalogue with every name it knows, normalised, mapped to its entry."""

    catalogue: Catalogue
    by_name: dict[str, Exercise]


@cache
def _indexed() -> Indexed:
    # Read once per process, from the knowledge cache when exercises.yaml is unchanged:
    # the index is cached too, as normalising its 1,400 names is most of the loading.
    from lumbar.knowledge.cache import cached

    return cached(("exercises.yaml",), load_catalogue, Indexed)


def load_catalogue() -> Indexed:
    """Validate ``exercises.yaml`` from the file itself and index its names.

    Raises:
        ValueError: two entries claim the same name.
    """
    validated = Catalogue.model_validate(read_yaml("exercises.yaml"))
    index: dict[str, Exercise] = {}
    for entry in validated.exercises:
        for name in (entry.name, entry.id.replace("_", " "), *entry.aliases):
            key = normalise_name(name)
            other = index.get(key)
            if other is not None and other.id != entry.id:
                raise ValueError(f"exercises.yaml: {name!r} names both {other.id} and {entry.id}")
            index[key] = entry
    return Indexed(validated, index)


def catalogue() -> Catalogue:
    """The validated catalogue."""
    return _indexed().catalogue


def _index() -> dict[str, Exercise]:
    return _indexed().by_name


def lookup_exercise(name: str, extra: dict[str, str] | None = None) -> Exercise | None:
    """The catalogue entry for ``name`` as an app or a person wrote it, or ``None``.

    Args:
        name: the exercise name as written.
        extra: the user's own mappings (normalised name → catalogue id), consulted first.

    Tries, in order: the exact (normalised) name; the name without a parenthesised
    suffix ("(Barbell)"); the name without equipment words.
    """
    if extra:
        mapped = extra.get(normalise_name(name))
        if mapped is not None:
            return exercise_by_id(mapped)
    return _lookup(name)


@lru_cache(maxsize=8192)
def _lookup(name: str) -> Exercise | None:
    # Names repeat across check-ins and imported sets: match each distinct one once.
    index = _index()
    key = normalise_name(name)
    bare = normalise_name(_PAREN.sub(" ", name))
    for candidate in (key, bare, _without_equipment(key), _without_equipment(bare)):
        if candidate and candidate in index:
            return index[candidate]
    return None


def exercise_by_id(exercise_id: str) -> Exercise | None:
    """The entry whose id is ``exercise_id``, or ``None``."""
    return _by_id().get(exercise_id)


@cache
def _by_id() -> dict[str, Exercise]:
    # Importers with user mappings ask for an id per set: one lookup, not a scan.
    return {entry.id: entry for entry in catalogue().exercises}


def known_names() -> int:
    """How many distinct names (canonical names and aliases) the catalogue recognises."""
    return len(_index())
