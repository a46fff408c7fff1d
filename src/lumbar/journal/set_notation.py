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

from lumbar.ingest.records import ImportedSet

__all__ = ["KG_PER_LB", "parse_exercise"]

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
