"""Strava bulk exports: ``activities.csv`` and the activity files it points to.

Reads either the export's zip (``export_<id>.zip``, handed over whole by the registry)
or an unpacked ``activities.csv``, whose ``Filename`` paths are then looked up beside
it. Facts from formats.md §6.

Each CSV row is one session; its own fields are the session: type, start
(``Activity Date``, which is UTC), elapsed time, distance, name, description and
private note (the notes), gear (the shoe), maximum and average heart rate, calories
and perceived exertion. The referenced FIT/GPX/TCX file (``activities/123.fit.gz``,
gzipped or not) is read through the registry and only fills what the CSV lacks (heart
rate, calories, end time, the sets of a strength file). It is first copied (and
gunzipped) into a temporary folder, at most ``registry.MAX_EXPANDED_BYTES``; a
``Filename`` that leaves the export (``../``) is not followed.

Columns are found by their label in English, Spanish, French or German, else by their
place in Strava's layout (:mod:`lumbar.ingest.strava_columns`). Distance is read from
the metres column when present, otherwise from the first, as kilometres; a distance of
0 (what Strava writes when nothing was measured) is read as not given.

Types: ``Run``, ``Ride``, ``Walk``, ``Hike``, ``Weight Training``, ``Rowing``, ``Yoga``…
map to the contract's vocabulary (:func:`~lumbar.ingest.sports.strava_type`); any
other type is ``other``, with the label kept in ``sport``.

Refusals: a row whose date or number cannot be read, whose value is absurd (a date in
1900 or 2100, a negative or week-long duration: limits in :mod:`lumbar.ingest.limits`),
or whose field count differs from the header's is a
:class:`~lumbar.ingest.records.Refused` item. A referenced file that is missing,
unreadable or has no reader gives a Refused item for that row (field ``Filename``)
and the session is still imported from the CSV. The file fails with
:class:`~lumbar.ingest.records.ImportFileError` when the zip holds no
``activities.csv``, the CSV cannot be decoded or parsed, or it has no date column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lumbar.ingest.csvutil import (
    MAX_CSV_BYTES,
    SNIFF_BYTES,
    Cell,
    Table,
    TableRow,
    header_of,
    parse_rows,
    read_table,
    sniff_header,
    to_datetime,
    to_float,
    within,
)
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused, SourceRef
from lumbar.ingest.sports import strava_type
from lumbar.ingest.strava_columns import find_columns, is_header

if TYPE_CHECKING:
    from lumbar.ingest.registry import Readable

FORMAT = "strava_export"

_ACTIVITY_FORMATS = ("fit", "gpx", "tcx")  # what activities/ holds (formats.md §6)


def sniff(path: Path) -> bool:
    """True for a Strava export zip, or a CSV whose header starts like ``activities.csv``."""
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                member = _csv_member(archive)
                if member is None:
                    return False
                with archive.open(member) as handle:
                    head = handle.read(SNIFF_BYTES).decode("utf-8-sig", errors="replace")
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
            return False
        return is_header(header_of(head))
    return is_header(sniff_header(path))


def read(path: Path, display: str | None = None) -> Iterator[ImportedSession | Refused]:
    """Read a Strava export (zip or ``activities.csv``) into sessions.

    Args:
        path: the export's zip, or its ``activities.csv``.
        display: the name in sources and messages (default ``path.name``).

    Raises:
        ImportFileError: the export as a whole cannot be read (see module docstring).
    """
    display = display or path.name
    with tempfile.TemporaryDirectory(prefix="lumbar-strava-") as scratch:
        if zipfile.is_zipfile(path):
            try:
                archive = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as err:
                raise ImportFileError(display, "", "", f"damaged zip: {err}") from err
            with archive:
                yield from _read_export(_ZipExport(archive, display, Path(scratch)))
        else:
            yield from _read_export(_FolderExport(path, display, Path(scratch)))


class _Export:
    """Where an export's files are: the CSV, and the activity files it names."""

    csv_display: str

    def table(self) -> Table:
        raise NotImplementedError

    def activity_file(self, filename: str) -> tuple[Path, str]:
        """A readable copy of a referenced file and its display name.

        Raises:
            ImportFileError: missing, outside the export, or too large.
        """
        raise NotImplementedError


class _ZipExport(_Export):
    def __init__(self, archive: zipfile.ZipFile, display: str, scratch: Path) -> None:
        self.archive = archive
        self.display = display
        self.scratch = scratch
        member = _csv_member(archive)
        if member is None:
            raise ImportFileError(display, "", "", "no activities.csv in the archive")
        self.member = member
        self.prefix = member.rpartition("/")[0]
        self.csv_display = f"{display}/{member}"

    def table(self) -> Table:
        info = self.archive.getinfo(self.member)
        if info.file_size > MAX_CSV_BYTES:
            raise ImportFileError(self.csv_display, "", "", "activities.csv is too large")
        target = self.scratch / "activities.csv"
        with self.archive.open(info) as handle:
            _copy(handle, target, self.csv_display)
        return read_table(target, self.csv_display)

    def activity_file(self, filename: str) -> tuple[Path, str]:
        name = str(PurePosixPath(self.prefix, filename)) if self.prefix else filename
        shown = f"{self.display}/{name}"
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            raise ImportFileError(shown, "", "", "not in the export") from None
        target = self.scratch / PurePosixPath(filename).name.removesuffix(".gz")
        try:
            with self.archive.open(info) as handle:
                if filename.endswith(".gz"):
                    with gzip.GzipFile(fileobj=handle) as unpacked:
                        _copy(unpacked, target, shown)
                else:
                    _copy(handle, target, shown)
        except (zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError) as err:
            raise ImportFileError(shown, "", "", f"damaged in the archive: {err}") from err
        return target, shown


class _FolderExport(_Export):
    def __init__(self, csv_path: Path, display: str, scratch: Path) -> None:
        self.csv_path = csv_path
        self.csv_display = display
        self.scratch = scratch
        self.base_display = display.rpartition("/")[0]

    def table(self) -> Table:
        return read_table(self.csv_path, self.csv_display)

    def activity_file(self, filename: str) -> tuple[Path, str]:
        shown = f"{self.base_display}/{filename}" if self.base_display else filename
        root = self.csv_path.parent.resolve()
        path = (root / filename).resolve()
        if not path.is_relative_to(root):
            raise ImportFileError(shown, "", "", "points outside the export: refused")
        if not path.is_file():
            raise ImportFileError(shown, "", "", "not found beside activities.csv")
        if not filename.endswith(".gz"):
            return path, shown
        target = self.scratch / path.name.removesuffix(".gz")
        with gzip.open(path, "rb") as unpacked:
            _copy(unpacked, target, shown)
        return target, shown


def _copy(source: Readable, target: Path, shown: str) -> None:
    from lumbar.ingest import registry  # imported late: the registry imports this module

    try:
        registry.copy_member(source, target, shown)
    except OSError as err:
        raise ImportFileError(shown, "", "", f"cannot read: {err}") from err


def _csv_member(archive: zipfile.ZipFile) -> str | None:
    """``activities.csv`` at the top of the archive or one folder down, if present."""
    names = [n for n in archive.namelist() if PurePosixPath(n).name == "activities.csv"]
    names = [n for n in names if n.count("/") <= 1 and ".." not in n]
    return min(names, key=lambda n: (n.count("/"), n)) if names else None


def _read_export(export: _Export) -> Iterator[ImportedSession | Refused]:
    table = export.table()
    display = export.csv_display
    columns = find_columns(table.header)
    if "date" not in columns:
        raise ImportFileError(display, "row 1", "Activity Date", "no date column")

    def parse(row: TableRow, cell: Cell) -> tuple[ImportedSession, str]:
        return _parse_row(row, cell, display), cell("filename")

    for item in parse_rows(FORMAT, display, table, columns, parse):
        if isinstance(item, Refused):
            yield item
            continue
        session, filename = item
        if not filename:
            yield session
            continue
        try:
            path, shown = export.activity_file(filename)
            yield from _enriched(session, path, shown, filename)
        except ImportFileError as err:
            yield session
            message = f"{filename} not read, the CSV row alone was used: {err}"
            yield Refused(session.source, "Filename", message)


def _parse_row(row: TableRow, cell: Cell, display: str) -> ImportedSession:
    def number(name: str, label: str, limit: str) -> float | None:
        return within(to_float(cell(name), label), label, limit)

    start = to_datetime(cell("date"), "Activity Date")
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.UTC)  # Strava writes UTC (formats.md §6)
    elapsed_s = to_float(cell("elapsed_s"), "Elapsed Time")
    duration_min = None if elapsed_s is None else round(elapsed_s / 60, 3)
    metres = to_float(cell("distance_m"), "Distance")
    shown_km = to_float(cell("distance"), "Distance")
    distance_km = round(metres / 1000, 4) if metres is not None else shown_km
    distance_km = distance_km or None  # Strava writes 0 when it recorded no distance
    label = cell("type")
    notes = [cell(name) for name in ("description", "private_note")]
    return ImportedSession(
        start=start,
        type=strava_type(label),
        source=SourceRef(FORMAT, display, f"row {row.number}"),
        name=cell("name") or None,
        duration_min=within(duration_min, "Elapsed Time", "duration_min"),
        distance_km=within(distance_km, "Distance", "distance_km"),
        rpe=number("exertion", "Perceived Exertion", "rpe"),
        avg_hr_bpm=number("avg_hr", "Average Heart Rate", "hr_bpm"),
        max_hr_bpm=number("max_hr", "Max Heart Rate", "hr_bpm"),
        energy_kcal=number("calories", "Calories", "energy_kcal"),
        sport=label or None,
        shoe=cell("gear") or None,
        notes="\n".join(note for note in notes if note) or None,
    )


def _enriched(
    session: ImportedSession, path: Path, shown: str, filename: str
) -> Iterator[ImportedSession | Refused]:
    """The session with what the activity file adds, then the file's own refusals."""
    from lumbar.ingest import registry  # imported late: the registry imports this module

    fmt = registry.detect(path, shown)
    if fmt not in _ACTIVITY_FORMATS:
        raise ImportFileError(shown, "", "format", f"a {fmt} file, not an activity file")
    items = list(registry.read_one(path, fmt, shown))
    found = [item for item in items if isinstance(item, ImportedSession)]
    yield _merge(session, found, filename) if found else session
    yield from (item for item in items if isinstance(item, Refused))


def _merge(
    session: ImportedSession, found: list[ImportedSession], filename: str
) -> ImportedSession:
    """Fill the CSV session's empty fields from the file's session(s) (several in a
    multisport file: the highest maximum, the summed energy, every set)."""
    maxima = [s.max_hr_bpm for s in found if s.max_hr_bpm is not None]
    energy = [s.energy_kcal for s in found if s.energy_kcal is not None]
    single = found[0] if len(found) == 1 else None
    sets = tuple(
        dataclasses.replace(one, locator=f"{filename} {one.locator}".strip())
        for s in found
        for one in s.sets
    )
    fill = {
        "end": single.end if single else None,
        "duration_min": single.duration_min if single else None,
        "distance_km": single.distance_km if single else None,
        "avg_hr_bpm": single.avg_hr_bpm if single else None,
        "max_hr_bpm": max(maxima) if maxima else None,
        "energy_kcal": sum(energy) if energy else None,
        "surface": single.surface if single else None,
    }
    changes: dict[str, Any] = {
        name: value
        for name, value in fill.items()
        if value is not None and getattr(session, name) is None
    }
    if sets and not session.sets:
        changes["sets"] = sets
    source = dataclasses.replace(session.source, locator=f"{session.source.locator}; {filename}")
    return dataclasses.replace(session, **changes, source=source)


__all__ = ["FORMAT", "read", "sniff"]
