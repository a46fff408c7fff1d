"""The journal as CSV: one row per set, each carrying its session's columns.

A session without sets (a run, a ride) gives one row with empty set columns, so
every session appears. Check-ins are not in the CSV (they are nested documents;
the JSON export holds them). Numbers are written as Python writes them, empty
cells mean unknown, booleans are ``true``/``false``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

from sqlalchemy.orm import Session

from lumbar.store.entries import sessions_between
from lumbar.store.people import list_people
from lumbar.store.tables import Person, SetRow, TrainingSession
from lumbar.store.timestamps import to_iso

__all__ = ["CSV_COLUMNS", "csv_rows", "write_csv"]

SESSION_COLUMNS = (
    "person",
    "session_id",
    "start",
    "end",
    "type",
    "name",
    "duration_min",
    "distance_km",
    "rpe",
    "avg_hr_bpm",
    "max_hr_bpm",
    "energy_kcal",
    "warm_up",
    "cool_down",
    "surface",
    "shoe",
    "notes",
    "source_format",
    "source_file",
    "source_locator",
)
SET_COLUMNS = (
    "set_number",
    "exercise",
    "exercise_id",
    "pattern",
    "set_type",
    "reps",
    "weight_kg",
    "set_rpe",
    "rir",
    "set_distance_km",
    "duration_s",
    "set_locator",
)
CSV_COLUMNS = SESSION_COLUMNS + SET_COLUMNS


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _session_cells(row: TrainingSession, person: str) -> list[Any]:
    return [
        person,
        row.id,
        to_iso(row.start_local, row.start_offset_min),
        to_iso(row.end_local, row.end_offset_min),
        row.type,
        row.name,
        row.duration_min,
        row.distance_km,
        row.rpe,
        row.avg_hr_bpm,
        row.max_hr_bpm,
        row.energy_kcal,
        row.warm_up,
        row.cool_down,
        row.surface,
        row.shoe.name if row.shoe else None,
        row.notes,
        row.source_format,
        row.source_file,
        row.source_locator,
    ]


def _set_cells(item: SetRow | None) -> list[Any]:
    if item is None:
        return [None] * len(SET_COLUMNS)
    return [
        item.position + 1,
        item.exercise,
        item.exercise_id,
        item.pattern,
        item.set_type,
        item.reps,
        item.weight_kg,
        item.rpe,
        item.rir,
        item.distance_km,
        item.duration_s,
        item.locator,
    ]


def csv_rows(db: Session, person: Person | None = None) -> Iterator[list[Any]]:
    """The CSV's data rows (without the header), sessions by start time, sets in order."""
    people = [person] if person is not None else list_people(db)
    names = {p.id: p.name for p in people}
    for row in sessions_between(db, list(names)):
        head = _session_cells(row, names[row.person_id])
        sets: list[SetRow | None] = list(row.sets) or [None]
        for item in sets:
            yield [_cell(value) for value in head + _set_cells(item)]


def write_csv(db: Session, out: IO[str], person: Person | None = None) -> int:
    """Write the header and every row to ``out``; returns the number of data rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for cells in csv_rows(db, person):
        writer.writerow(cells)
        count += 1
    return count
