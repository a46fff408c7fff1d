"""Hevy CSV exports (``workouts.csv``): one row per set, grouped into workouts.

Facts from formats.md §2. Columns are found by header label. Metric accounts write
``weight_kg`` and ``distance_km``; imperial accounts write ``weight_lbs`` and
``distance_miles`` instead, converted here to kg and km. Dates look like
``15 Sep 2025, 07:48`` (``Sep 30, 2026, 8:06 PM`` in US-locale exports), local time
without an offset, so sessions start and end at naive times; the duration is
end − start.

Rows with the same (``start_time``, ``title``) form one ``strength`` session.
``set_type`` ``normal``/``warmup``/``failure``/``dropset`` maps to
normal/warmup/failure/drop (a blank one is normal). ``duration_seconds`` and
distances of ``0`` mean "not a timed set" and are read as not given. The workout
``description`` and each exercise's ``exercise_notes`` (repeated on every row of the
exercise, possibly over several lines) join the session notes once each, the latter
as ``Exercise: note``.

Refusals: a row whose date, number or ``set_type`` cannot be read, whose value is
absurd (negative reps, 5,000 kg, a date in 1900 or 2100, an end before the start:
limits in :mod:`lumbar.ingest.limits`), or whose field count differs from the
header's is a :class:`~lumbar.ingest.records.Refused` item; the other rows are kept.
The file fails with :class:`~lumbar.ingest.records.ImportFileError` when it cannot be
decoded or parsed, or its header lacks ``title``, ``start_time`` or
``exercise_title``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
    to_datetime,
    to_float,
    to_int,
    within,
)
from lumbar.ingest.records import ImportedSession, ImportedSet, Refused
from lumbar.vocab import SetType

FORMAT = "hevy_csv"

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "start": ("start_time",),
    "end": ("end_time",),
    "description": ("description",),
    "exercise": ("exercise_title",),
    "exercise_notes": ("exercise_notes",),
    "set_type": ("set_type",),
    "weight_kg": ("weight_kg",),
    "weight_lb": ("weight_lbs", "weight_lb"),
    "reps": ("reps",),
    "distance_km": ("distance_km",),
    "distance_mi": ("distance_miles", "distance_mi"),
    "duration_s": ("duration_seconds",),
    "rpe": ("rpe",),
}
"""Reader field → Hevy's header labels (formats.md §2)."""

REQUIRED = ("title", "start", "exercise")

_SET_TYPES: dict[str, SetType] = {
    "": "normal",
    "normal": "normal",
    "warmup": "warmup",
    "failure": "failure",
    "dropset": "drop",
}


def sniff(path: Path) -> bool:
    """True when the first line is a Hevy header (``exercise_title``, ``set_index``…)."""
    labels = {label.casefold() for label in sniff_header(path)}
    return {"title", "start_time", "exercise_title", "set_index"} <= labels


def read(path: Path, display: str | None = None) -> Iterator[ImportedSession | Refused]:
    """Read a Hevy export into sessions with their sets, refusing bad rows.

    Args:
        path: the CSV file.
        display: the file's name in sources and messages (default ``path.name``).

    Raises:
        ImportFileError: the file as a whole cannot be read (see module docstring).
    """
    display = display or path.name
    table = read_table(path, display)
    columns = find_columns(table.header, COLUMNS, REQUIRED, display)
    yield from assemble(FORMAT, display, parse_rows(FORMAT, display, table, columns, _parse_row))


def _parse_row(row: TableRow, cell: Cell) -> ParsedRow:
    start = to_datetime(cell("start"), "start_time")
    end = to_datetime(cell("end"), "end_time") if cell("end") else None
    duration_min = None
    if end is not None:
        if (end.tzinfo is None) != (start.tzinfo is None):
            raise RowError("end_time", "has a UTC offset where start_time has none, or back")
        if end < start:
            raise RowError("end_time", f"{end} is before start_time {start}")
        minutes = round((end - start).total_seconds() / 60, 3)
        duration_min = within(minutes, "end_time", "duration_min")
    title = cell("title")
    head = {
        "start": start,
        "end": end,
        "type": "strength",
        "name": title or None,
        "duration_min": duration_min,
    }
    exercise = cell("exercise")
    if not exercise:
        raise RowError("exercise_title", "empty")
    notes = [cell("description")] if cell("description") else []
    if cell("exercise_notes"):
        notes.append(f"{exercise}: {cell('exercise_notes')}")
    return ParsedRow(row.number, (start, title), head, _parse_set(row, cell), tuple(notes))


def _parse_set(row: TableRow, cell: Cell) -> ImportedSet:
    kind = cell("set_type").casefold()
    if kind not in _SET_TYPES:
        raise RowError("set_type", f"expected normal, warmup, failure or dropset, got {kind!r}")
    weight_kg = _converted(cell, "weight_kg", "weight_lb", LB_TO_KG, 3)
    return ImportedSet(
        exercise=cell("exercise"),
        set_type=_SET_TYPES[kind],
        reps=within(to_int(cell("reps"), "reps"), "reps", "reps"),
        weight_kg=within(weight_kg, "weight", "weight_kg"),
        rpe=within(to_float(cell("rpe"), "rpe"), "rpe", "rpe"),
        distance_km=within(
            _converted(cell, "distance_km", "distance_mi", MI_TO_KM, 4) or None,
            "distance",
            "set_distance_km",
        ),
        duration_s=within(
            to_float(cell("duration_s"), "duration_seconds") or None,
            "duration_seconds",
            "set_duration_s",
        ),
        locator=f"row {row.number}",
    )


def _converted(cell: Cell, metric: str, imperial: str, factor: float, digits: int) -> float | None:
    """The value of the metric column, or of the imperial one converted (rounded)."""
    if cell(metric):
        return to_float(cell(metric), COLUMNS[metric][0])
    value = to_float(cell(imperial), COLUMNS[imperial][0])
    return None if value is None else round(value * factor, digits)


__all__ = ["COLUMNS", "FORMAT", "REQUIRED", "read", "sniff"]
