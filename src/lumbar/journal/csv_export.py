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

from lumbar.journal.document import session_fields
from lumbar.store.entries import EDITABLE_SESSION_FIELDS, sessions_between
from lumbar.store.people import list_people
from lumbar.store.tables import Person, SetRow, TrainingSession

__all__ = ["CSV_COLUMNS", "csv_rows", "write_csv"]

SESSION_COLUMNS = (
    "person",
    "session_id",
    *EDITABLE_SESSION_FIELDS,
    "source_format",
    "source_file",
    "source_locator",
)
# CSV column → SetRow attribute; "set_" marks the names a session column has too.
_SET_ATTRIBUTES = {
    "exercise": "exercise",
    "exercise_id": "exercise_id",
    "pattern": "pattern",
    "set_type": "set_type",
    "reps": "reps",
    "weight_kg": "weight_kg",
    "set_rpe": "rpe",
    "rir": "rir",
    "set_distance_km": "distance_km",
    "duration_s": "duration_s",
    "set_locator": "locator",
}
SET_COLUMNS = ("set_number", *_SET_ATTRIBUTES)
CSV_COLUMNS = SESSION_COLUMNS + SET_COLUMNS


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _session_cells(row: TrainingSession, person: str) -> list[Any]:
    fields = session_fields(row)
    own = [fields[name] for name in EDITABLE_SESSION_FIELDS]
    return [person, row.id, *own, row.source_format, row.source_file, row.source_locator]


def _set_cells(item: SetRow | None) -> list[Any]:
    if item is None:
        return [None] * len(SET_COLUMNS)
    return [item.position + 1, *(getattr(item, name) for name in _SET_ATTRIBUTES.values())]


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
