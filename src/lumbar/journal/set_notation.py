"""The short notation for sets typed on the command line: ``"Deadlift:3x5@140"``.

``NAME:GROUP[,GROUP...]`` where a group is

* ``NxR`` — N sets of R repetitions, no external load (``Pull Up:3x8``);
* ``NxR@W`` — with W kilograms, or pounds when written ``@300lb`` / ``@300lbs``
  (``@140kg`` is also accepted); converted to kilograms here, at the edge;
* ``NxTs`` — N timed sets of T seconds (``Plank:3x60s``; ``min`` for minutes).

``x`` may also be written ``X`` or ``×``; spaces are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from lumbar.ingest.records import ImportedSet

__all__ = ["KG_PER_LB", "NotatedSet", "format_sets", "parse_exercise"]

KG_PER_LB = 0.45359237  # exact, by definition of the international pound
MAX_SETS = 100

_GROUP = re.compile(
    r"""^(?P<sets>\d+)[x×]
        (?:(?P<time>\d+(?:\.\d+)?)(?P<tunit>s|sec|min)
          |(?P<reps>\d+)(?:@(?P<load>\d+(?:\.\d+)?)(?P<lunit>kg|lbs?)?)?)$""",
    re.VERBOSE,
)
_EXPECTED = "sets like 3x5, 3x5@140, 3x5@300lb or 3x60s after the colon"


def parse_exercise(spec: str) -> list[ImportedSet]:
    """The sets that ``spec`` describes, in order, all of type ``normal``.

    Raises:
        ValueError: naming the spec, what was expected and what came.
    """
    name, colon, groups = spec.rpartition(":")
    name = name.strip()
    if not colon or not name:
        raise ValueError(f"{spec!r}: expected NAME:SETS, for example 'Deadlift:3x5@140'")
    sets: list[ImportedSet] = []
    for raw in groups.split(","):
        group = re.sub(r"\s+", "", raw).lower()
        found = _GROUP.match(group)
        if found is None:
            raise ValueError(f"{spec!r}: expected {_EXPECTED}, got {raw.strip()!r}")
        count = int(found["sets"])
        if not 1 <= count <= MAX_SETS:
            raise ValueError(f"{spec!r}: the number of sets must be 1–{MAX_SETS}, got {count}")
        sets.extend([_one_set(name, found)] * count)
    return sets


def _one_set(name: str, found: re.Match[str]) -> ImportedSet:
    if found["time"] is not None:
        seconds = float(found["time"]) * (60 if found["tunit"] == "min" else 1)
        return ImportedSet(exercise=name, duration_s=seconds, locator="command line")
    weight_kg = None
    if found["load"] is not None:
        weight_kg = float(found["load"])
        if (found["lunit"] or "kg").startswith("lb"):
            weight_kg = round(weight_kg * KG_PER_LB, 3)
    return ImportedSet(
        exercise=name, reps=int(found["reps"]), weight_kg=weight_kg, locator="command line"
    )


class NotatedSet(Protocol):
    """What :func:`format_sets` reads of a set (a stored row or an imported record)."""

    @property
    def exercise(self) -> str: ...
    @property
    def set_type(self) -> str: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def weight_kg(self) -> float | None: ...
    @property
    def rpe(self) -> float | None: ...
    @property
    def rir(self) -> float | None: ...
    @property
    def distance_km(self) -> float | None: ...
    @property
    def duration_s(self) -> float | None: ...


def format_sets(sets: Sequence[NotatedSet]) -> tuple[list[str], bool]:
    """The sets in this notation, one line per run of the same exercise, in order.

    Consecutive equal sets become one group (``3x5@140``); loads are in kilograms.

    Returns:
        The lines, and whether they say everything: ``False`` when a set holds what the
        notation cannot (a set type other than ``normal``, RPE, RIR, a distance, a set
        with neither repetitions nor a time), which the lines then leave out.
    """
    lines: list[str] = []
    exact = True
    runs: list[tuple[str, list[tuple[str, int]]]] = []  # exercise, its [(group, count)]
    for one in sets:
        text, fits = _group(one)
        name = one.exercise
        exact = exact and fits and name == name.strip() and len(name.splitlines()) == 1
        if not runs or runs[-1][0] != name:
            runs.append((name, []))
        groups = runs[-1][1]
        if groups and groups[-1][0] == text and groups[-1][1] < MAX_SETS:
            groups[-1] = (text, groups[-1][1] + 1)
        else:
            groups.append((text, 1))
    for name, groups in runs:
        lines.append(f"{name}: " + ", ".join(f"{count}x{text}" for text, count in groups))
    return lines, exact


def _number(value: float) -> str:
    """``value`` without float noise or an exponent (the parser reads plain decimals)."""
    text = repr(float(value))
    if "e" in text:
        text = f"{value:.6f}"
    return text.removesuffix(".0") if text.endswith(".0") else text.rstrip("0").rstrip(".")


def _group(one: NotatedSet) -> tuple[str, bool]:
    """The group of one set after ``Nx``, and whether it says all the set holds."""
    extras = (one.rpe, one.rir, one.distance_km)
    fits = one.set_type == "normal" and all(value is None for value in extras)
    if one.reps is None and one.duration_s is not None:
        return f"{_number(one.duration_s)}s", fits and one.weight_kg is None
    text = str(one.reps or 0)
    if one.weight_kg is not None:
        text += f"@{_number(one.weight_kg)}"
    return text, fits and one.reps is not None and one.duration_s is None
