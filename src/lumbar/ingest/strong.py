"""Strong (iOS/Android) CSV exports: one row per set, grouped into workouts.

All three header generations of formats.md §1 are read, with ``,`` or ``;`` between
fields; columns are found by header label, never by position:

- oldest (≈2019–20): ``Weight`` + a per-row ``Weight Unit`` (``kg``/``lbs``), ``Distance``
  + ``Distance Unit``, sometimes ``Workout Duration``;
- middle (≈2020–24): ``Duration`` as text (``1h 44m``, ``31m``) and bare ``Weight`` /
  ``Distance`` columns whose unit the file does not state — Strong writes the app's
  display unit. Those are read in :class:`~lumbar.ingest.csvutil.ReadOptions`
  ``weight_unit`` (default **kg**) and ``distance_unit`` (default **km**), which the
  user sets (``lumbar import --weight-unit lb``);
- current (v6, 2025+): ``Workout #``, ``Duration (sec)``, ``Weight (kg)`` or
  ``Weight (lbs)``, ``Distance (meters)``.

Rows group into one session by ``Workout #`` when the file has it, otherwise by
(``Date``, ``Workout Name``). Every session is ``strength``; its rows are its source.

``Set Order`` is ``1, 2, 3…`` (normal sets) or ``W``/``D``/``F`` (warm-up, drop and
failure sets). The ``Rest Timer`` and ``Note`` rows of v6 exports are not sets: a note's
text joins the session notes as ``Exercise: note``, as do per-set notes; a rest timer
only counts as one of the session's rows. Strong writes ``0`` in ``Distance`` and
``Seconds`` when they do not apply, so a zero there is read as "not given"; a cardio
row with 0 weight and 0 reps carries only its distance and seconds.

Refusals: a row whose date, number or unit cannot be read, whose value is absurd
(negative reps, 5,000 kg, a date in 1900 or 2100: limits in
:mod:`lumbar.ingest.limits`), or whose field count differs from the header's
is refused as a :class:`~lumbar.ingest.records.Refused` item and the other rows are
kept. The file fails with :class:`~lumbar.ingest.records.ImportFileError` when it
cannot be decoded or parsed as CSV, or its header lacks ``Date``, ``Workout Name``,
``Exercise Name`` or ``Set Order``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lumbar.ingest.csvutil import (
    LB_TO_KG,
    MI_TO_KM,
    Cell,
    ParsedRow,
    ReadOptions,
    RowError,
    TableRow,
    assemble,
    find_columns,
    parse_rows,
    read_table,
    sniff_header,
    to_datetime,
    to_duration_s,
    to_float,
    to_int,
    within,
)
from lumbar.ingest.records import ImportedSession, ImportedSet, Notice, Refused, SourceRef
from lumbar.vocab import SetType

FORMAT = "strong_csv"

COLUMNS: dict[str, tuple[str, ...]] = {
    "workout_no": ("Workout #",),
    "date": ("Date",),
    "workout_name": ("Workout Name",),
    "duration_s": ("Duration (sec)", "Duration (seconds)"),
    "duration_text": ("Duration", "Workout Duration"),
    "exercise": ("Exercise Name",),
    "set_order": ("Set Order",),
    "weight_kg": ("Weight (kg)",),
    "weight_lb": ("Weight (lbs)", "Weight (lb)"),
    "weight": ("Weight",),
    "weight_unit": ("Weight Unit",),
    "reps": ("Reps",),
    "rpe": ("RPE",),
    "distance_m": ("Distance (meters)", "Distance (m)"),
    "distance_km": ("Distance (km)",),
    "distance_mi": ("Distance (miles)", "Distance (mi)"),
    "distance": ("Distance",),
    "distance_unit": ("Distance Unit",),
    "seconds": ("Seconds",),
    "notes": ("Notes",),
    "workout_notes": ("Workout Notes",),
}
"""Reader field → the header labels Strong has used for it (formats.md §1)."""

REQUIRED = ("date", "workout_name", "exercise", "set_order")

_SET_LETTERS: dict[str, SetType] = {"W": "warmup", "D": "drop", "F": "failure"}
_NOT_SETS = ("rest timer", "note")
_WEIGHT_UNITS = {"kg": 1.0, "kgs": 1.0, "lb": LB_TO_KG, "lbs": LB_TO_KG}
_DISTANCE_UNITS = {"km": 1.0, "m": 0.001, "mi": MI_TO_KM, "miles": MI_TO_KM, "mile": MI_TO_KM}


def sniff(path: Path) -> bool:
    """True when the first line is a Strong header (``Exercise Name`` and ``Set Order``)."""
    labels = {label.casefold() for label in sniff_header(path)}
    return {"exercise name", "set order", "workout name", "date"} <= labels


def read(
    path: Path, display: str | None = None, options: ReadOptions | None = None
) -> Iterator[ImportedSession | Refused | Notice]:
    """Read a Strong export into sessions with their sets, refusing bad rows.

    Args:
        path: the CSV file.
        display: the file's name in sources and messages (default ``path.name``).
        options: units of bare ``Weight``/``Distance`` columns (default kg, km).

    Raises:
        ImportFileError: the file as a whole cannot be read (see module docstring).
    """
    display = display or path.name
    assumed = options is None
    options = options or ReadOptions()
    table = read_table(path, display)
    columns = find_columns(table.header, COLUMNS, REQUIRED, display)
    if assumed and "Weight" in table.header and "Weight Unit" not in table.header:
        # formats.md: this generation leaves the unit to the app's setting; say the guess.
        yield Notice(
            SourceRef(FORMAT, display, "line 1"),
            f"the Weight column does not say its unit: read as {options.weight_unit}. If "
            "the app was set to pounds, delete these sessions (`lumbar history` lists "
            "them) and import the file again with --weight-unit lb",
        )

    def parse(row: TableRow, cell: Cell) -> ParsedRow:
        return _parse_row(row, cell, options)

    yield from assemble(FORMAT, display, parse_rows(FORMAT, display, table, columns, parse))


def _parse_row(row: TableRow, cell: Cell, options: ReadOptions) -> ParsedRow:
    start = to_datetime(cell("date"), "Date")
    name = cell("workout_name")
    number = cell("workout_no")
    duration_s = _duration_s(cell)
    duration_min = None if duration_s is None else round(duration_s / 60, 3)
    head = {
        "start": start,
        "type": "strength",
        "name": name or None,
        "duration_min": within(duration_min, "Duration", "duration_min"),
    }
    key = ("workout", number) if number else ("date", start, name)
    exercise = cell("exercise")
    notes = [cell("workout_notes")] if cell("workout_notes") else []
    order = cell("set_order")
    if order.casefold() in _NOT_SETS:
        if order.casefold() == "note" and cell("notes"):
            notes.append(f"{exercise}: {cell('notes')}")
        return ParsedRow(row.number, key, head, None, tuple(notes))
    if not exercise:
        raise RowError("Exercise Name", "empty")
    if cell("notes"):
        notes.append(f"{exercise}: {cell('notes')}")
    return ParsedRow(row.number, key, head, _parse_set(row, cell, options), tuple(notes))


def _duration_s(cell: Cell) -> float | None:
    if cell("duration_s"):
        return to_float(cell("duration_s"), "Duration (sec)")
    return to_duration_s(cell("duration_text"), "Duration")


def _parse_set(row: TableRow, cell: Cell, options: ReadOptions) -> ImportedSet:
    order = cell("set_order")
    set_type: SetType
    if order.upper() in _SET_LETTERS:
        set_type = _SET_LETTERS[order.upper()]
    elif order.isdigit():
        set_type = "normal"
    else:
        raise RowError(
            "Set Order", f"expected 1, 2, 3…, W, D, F, Rest Timer or Note, got {order!r}"
        )
    reps = within(to_int(cell("reps"), "Reps"), "Reps", "reps")
    weight_kg = _weight_kg(cell, options)
    distance_km = _distance_km(cell, options) or None  # Strong writes 0 for "not used"
    seconds = to_float(cell("seconds"), "Seconds") or None
    if weight_kg == 0 and reps == 0 and (distance_km or seconds):
        weight_kg, reps = None, None  # a cardio row: 0 weight and 0 reps mean "none"
    return ImportedSet(
        exercise=cell("exercise"),
        set_type=set_type,
        reps=reps,
        weight_kg=weight_kg,
        rpe=within(to_float(cell("rpe"), "RPE"), "RPE", "rpe"),
        distance_km=within(distance_km, "Distance", "set_distance_km"),
        duration_s=within(seconds, "Seconds", "set_duration_s"),
        locator=f"row {row.number}",
    )


def _weight_kg(cell: Cell, options: ReadOptions) -> float | None:
    if cell("weight_kg"):
        value, factor, label = cell("weight_kg"), 1.0, "Weight (kg)"
    elif cell("weight_lb"):
        value, factor, label = cell("weight_lb"), LB_TO_KG, "Weight (lbs)"
    else:
        unit = cell("weight_unit").casefold() or options.weight_unit
        if unit not in _WEIGHT_UNITS:
            raise RowError("Weight Unit", f"expected kg or lbs, got {cell('weight_unit')!r}")
        value, factor, label = cell("weight"), _WEIGHT_UNITS[unit], "Weight"
    weight = to_float(value, label)
    if weight is None:
        return None
    # Strong's own lb → kg conversions leave float noise (12.900000000000034): round.
    return within(round(weight * factor, 3), label, "weight_kg")


def _distance_km(cell: Cell, options: ReadOptions) -> float | None:
    for name, factor, label in (
        ("distance_m", 0.001, "Distance (meters)"),
        ("distance_km", 1.0, "Distance (km)"),
        ("distance_mi", MI_TO_KM, "Distance (miles)"),
    ):
        if cell(name):
            value = to_float(cell(name), label)
            return None if value is None else round(value * factor, 4)
    unit = cell("distance_unit").casefold() or options.distance_unit
    if unit not in _DISTANCE_UNITS:
        raise RowError("Distance Unit", f"expected km, m or mi, got {cell('distance_unit')!r}")
    value = to_float(cell("distance"), "Distance")
    return None if value is None else round(value * _DISTANCE_UNITS[unit], 4)


__all__ = ["COLUMNS", "FORMAT", "REQUIRED", "read", "sniff"]
