"""lumbar's own CSV format, for training logged anywhere else (docs/generic-csv.md).

One row per set, or one row per session (a row without ``exercise``). Column names
are lower case with the unit in the name; every column is optional except ``date``
and ``type``, and no other column is allowed (a misspelt column fails the file rather
than being ignored). Rows form one session when they share ``session`` — or, without
that column, the same ``date``, ``type`` and ``name``. The rows of one session must
agree on the session's fields: a row giving a different value is refused.

Refusals: a row whose date, number, vocabulary word or yes/no cannot be read, whose
value is absurd (negative reps, 5,000 kg, a date in 1900 or 2100: limits in
:mod:`lumbar.ingest.limits`), that disagrees with an earlier row of its
session, or whose field count differs from the header's is a
:class:`~lumbar.ingest.records.Refused` item; the other rows are kept. The file fails
with :class:`~lumbar.ingest.records.ImportFileError` when it cannot be decoded or
parsed, or its header lacks ``date`` or ``type`` or holds an unknown column.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from lumbar.ingest.csvutil import (
    LB_TO_KG,
    MI_TO_KM,
    Cell,
    ParsedRow,
    RowError,
    TableRow,
    assemble,
    find_columns,
    parse_rows,
    read_table,
    sniff_header,
    to_bool,
    to_datetime,
    to_float,
    to_int,
    within,
)
from lumbar.ingest.records import ImportedSession, ImportedSet, ImportFileError, Refused
from lumbar.vocab import SET_TYPES, SURFACES, WORKOUT_TYPES

FORMAT = "generic_csv"

SESSION_COLUMNS = (
    "session",
    "date",
    "type",
    "name",
    "duration_min",
    "distance_km",
    "distance_mi",
    "rpe",
    "avg_hr_bpm",
    "max_hr_bpm",
    "energy_kcal",
    "warm_up",
    "cool_down",
    "surface",
    "shoe",
    "notes",
)
SET_COLUMNS = (
    "exercise",
    "set_type",
    "reps",
    "weight_kg",
    "weight_lb",
    "set_rpe",
    "rir",
    "set_distance_km",
    "set_duration_s",
)
COLUMNS = SESSION_COLUMNS + SET_COLUMNS
"""Every column the format knows, in the order docs/generic-csv.md lists them."""

REQUIRED = ("date", "type")

_W = TypeVar("_W", bound=str)


def sniff(path: Path) -> bool:
    """True when the header has ``date`` and ``type`` and only this format's columns."""
    labels = {label.casefold() for label in sniff_header(path)}
    return {"date", "type"} <= labels and labels <= set(COLUMNS)


def read(path: Path, display: str | None = None) -> Iterator[ImportedSession | Refused]:
    """Read a generic CSV file into sessions with their sets, refusing bad rows.

    Args:
        path: the CSV file.
        display: the file's name in sources and messages (default ``path.name``).

    Raises:
        ImportFileError: the file as a whole cannot be read (see module docstring).
    """
    display = display or path.name
    table = read_table(path, display)
    unknown = [label for label in table.header if label.casefold() not in COLUMNS]
    if unknown:
        raise ImportFileError(
            display,
            "row 1",
            unknown[0],
            "not a column of lumbar's generic CSV (see docs/generic-csv.md)",
        )
    aliases = {name: (name,) for name in COLUMNS}
    columns = find_columns(table.header, aliases, REQUIRED, display)
    yield from assemble(FORMAT, display, parse_rows(FORMAT, display, table, columns, _parse_row))


def _parse_row(row: TableRow, cell: Cell) -> ParsedRow:
    head = _parse_head(cell)
    if cell("session"):
        key: tuple[object, ...] = ("session", cell("session"))
    else:
        key = ("day", head["start"], head["type"], cell("name"))
    notes = (cell("notes"),) if cell("notes") else ()  # notes add up; they never conflict
    set_ = _parse_set(row, cell) if cell("exercise") else None
    return ParsedRow(row.number, key, head, set_, notes, strict_head=True)


def _parse_head(cell: Cell) -> dict[str, Any]:
    distance_km = _one_of(cell, "distance_km", "distance_mi", MI_TO_KM)
    return {
        "start": to_datetime(cell("date"), "date"),
        "type": _word(cell("type"), "type", WORKOUT_TYPES),
        "name": cell("name") or None,
        "duration_min": _number(cell, "duration_min", "duration_min"),
        "distance_km": within(distance_km, "distance", "distance_km"),
        "rpe": _number(cell, "rpe", "rpe"),
        "avg_hr_bpm": _number(cell, "avg_hr_bpm", "hr_bpm"),
        "max_hr_bpm": _number(cell, "max_hr_bpm", "hr_bpm"),
        "energy_kcal": _number(cell, "energy_kcal", "energy_kcal"),
        "warm_up": to_bool(cell("warm_up"), "warm_up"),
        "cool_down": to_bool(cell("cool_down"), "cool_down"),
        "surface": _word(cell("surface"), "surface", SURFACES) if cell("surface") else None,
        "shoe": cell("shoe") or None,
    }


def _parse_set(row: TableRow, cell: Cell) -> ImportedSet:
    weight_kg = _one_of(cell, "weight_kg", "weight_lb", LB_TO_KG)
    return ImportedSet(
        exercise=cell("exercise"),
        set_type=_word(cell("set_type") or "normal", "set_type", SET_TYPES),
        reps=within(to_int(cell("reps"), "reps"), "reps", "reps"),
        weight_kg=within(weight_kg, "weight", "weight_kg"),
        rpe=_number(cell, "set_rpe", "rpe"),
        rir=_number(cell, "rir", "rir"),
        distance_km=_number(cell, "set_distance_km", "set_distance_km"),
        duration_s=_number(cell, "set_duration_s", "set_duration_s"),
        locator=f"row {row.number}",
    )


def _number(cell: Cell, column: str, limit: str) -> float | None:
    """The column's number, refused outside ``LIMITS[limit]``."""
    return within(to_float(cell(column), column), column, limit)


def _one_of(cell: Cell, metric: str, imperial: str, factor: float) -> float | None:
    """The metric column's value, or the imperial one converted; both given is refused."""
    if cell(metric) and cell(imperial):
        raise RowError(imperial, f"give {metric} or {imperial}, not both")
    if cell(metric):
        return to_float(cell(metric), metric)
    value = to_float(cell(imperial), imperial)
    return None if value is None else round(value * factor, 4)


def _word(text: str, field: str, vocabulary: tuple[_W, ...]) -> _W:
    """``text`` as a word of ``vocabulary``; case, spaces and hyphens are forgiven, so
    "Team sport" is ``team_sport`` and "warm-up" is ``warmup``."""
    word = "".join(text.casefold().replace("-", " ").replace("_", " ").split())
    for known in vocabulary:
        if known.replace("_", "") == word:
            return known
    raise RowError(field, f"expected one of {', '.join(vocabulary)}, got {text!r}")


__all__ = ["COLUMNS", "FORMAT", "REQUIRED", "SESSION_COLUMNS", "SET_COLUMNS", "read", "sniff"]
