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

Columns: the header repeats some names (``Elapsed Time``, ``Distance``…; the first
``Distance`` is in display units, the second in metres) and is translated into the
account's language. Columns are found by label in English, Spanish, French and German;
a label not known is found by its position in Strava's layout, which is the same in
every language, when the layout checks out (the repeated columns fall where the
English header has them); ``Perceived Exertion``, further on, is read by label only.
Distance is read from the metres column when present,
otherwise from the first, as kilometres; a distance of 0 (what Strava writes when
nothing was measured) is read as not given.

Types: ``Run``, ``Ride``, ``Walk``, ``Hike``, ``Weight Training``, ``Rowing``, ``Yoga``…
map to the contract's vocabulary (:data:`TYPES`); any other type is ``other``, with
the label kept in ``sport``.

Refusals: a row whose date or number cannot be read, whose value is absurd (a date in
1900 or 2100, a negative or week-long duration: limits in
:mod:`lumbar.ingest.csvutil.values`), or whose field count differs from the header's
is a :class:`~lumbar.ingest.records.Refused` item. A referenced file that is missing,
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
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from lumbar.ingest.csvutil import (
    MAX_CSV_BYTES,
    SNIFF_BYTES,
    RowError,
    Table,
    TableRow,
    check_width,
    header_of,
    read_table,
    refusal,
    sniff_header,
    to_datetime,
    to_float,
    within,
)
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused, SourceRef
from lumbar.vocab import WorkoutType

if TYPE_CHECKING:
    from lumbar.ingest.registry import Readable

FORMAT = "strava_export"

ENGLISH_HEADER = (
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Elevation Loss", "Elevation Low", "Elevation High", "Max Grade", "Average Grade",
    "Average Positive Grade", "Average Negative Grade", "Max Cadence", "Average Cadence",
    "Max Heart Rate", "Average Heart Rate", "Max Watts", "Average Watts", "Calories",
)  # fmt: skip
"""The start of Strava's header in English; every language keeps this order."""

LABELS: dict[str, tuple[str, ...]] = {
    "id": ("Activity ID", "ID de actividad", "ID de l'activité", "Aktivitäts-ID"),
    "date": ("Activity Date", "Fecha de la actividad", "Date de l'activité", "Aktivitätsdatum"),
    "name": ("Activity Name", "Nombre de la actividad", "Nom de l'activité", "Name der Aktivität"),
    "type": ("Activity Type", "Tipo de actividad", "Type d'activité", "Aktivitätsart"),
    "description": ("Activity Description",),
    "elapsed_s": ("Elapsed Time",),
    "distance": ("Distance", "Distancia", "Distanz"),
    "max_hr": ("Max Heart Rate",),
    "private_note": ("Activity Private Note",),
    "gear": ("Activity Gear",),
    "filename": ("Filename", "Nombre del archivo", "Nom du fichier", "Dateiname"),
    "avg_hr": ("Average Heart Rate",),
    "calories": ("Calories",),
    "exertion": ("Perceived Exertion",),
}
"""Reader field → header labels known in English, Spanish, French and German."""


def _named(kind: WorkoutType, names: str) -> dict[str, WorkoutType]:
    return dict.fromkeys(names.split("|"), kind)


TYPES: dict[str, WorkoutType] = {
    **_named("running", "run|trail run|virtual run|carrera|lauf|course à pied"),
    **_named(
        "cycling",
        "ride|virtual ride|e-bike ride|mountain bike ride|gravel ride|velomobile|handcycle"
        "|bicicleta|radfahrt|vélo",
    ),
    **_named("walking", "walk|hike|caminata|senderismo|spaziergang|wanderung|marche|randonnée"),
    **_named("strength", "weight training|entrenamiento con pesas|krafttraining|musculation"),
    **_named("rowing", "rowing|virtual row|remo|rudern|aviron"),
    **_named("yoga_pilates", "yoga|pilates"),
    **_named("hiit", "hiit|high intensity interval training|crossfit"),
    **_named(
        "team_sport",
        "soccer|football|basketball|volleyball|handball|rugby|ice hockey|field hockey"
        "|fútbol|fußball",
    ),
}
"""Strava activity type (lower case, English or translated) → contract workout type."""

_ACTIVITY_FORMATS = ("fit", "gpx", "tcx")  # what activities/ holds (formats.md §6)

_POSITIONS = {
    "id": 0,
    "date": 1,
    "name": 2,
    "type": 3,
    "description": 4,
    "elapsed_s": 5,
    "distance": 6,
    "max_hr": 7,
    "private_note": 10,
    "gear": 11,
    "filename": 12,
}
"""Columns by their place in Strava's layout, for labels in other languages."""


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
        return _is_header(header_of(head))
    return _is_header(sniff_header(path))


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


def _is_header(cells: Sequence[str]) -> bool:
    folded = [cell.strip().strip('"').casefold() for cell in cells[:2]]
    return (
        len(folded) == 2
        and folded[0] in {label.casefold() for label in LABELS["id"]}
        and folded[1] in {label.casefold() for label in LABELS["date"]}
    )


def find_columns(header: Sequence[str]) -> dict[str, int]:
    """Reader field → column index, by label, else by Strava's layout (module docstring).

    ``distance_m`` is the second ``Distance`` column (metres), when present.
    """
    folded = [label.strip().casefold() for label in header]
    found: dict[str, int] = {}
    for name, labels in LABELS.items():
        for label in labels:
            if label.casefold() in folded:
                found[name] = folded.index(label.casefold())
                break
    if "distance" in found:  # the repeated Distance column is in metres
        repeats = [i for i, label in enumerate(folded) if label == folded[found["distance"]]]
        if len(repeats) > 1:
            found["distance_m"] = repeats[1]
    standard = len(folded) > 31 and all(
        folded[first] == folded[second] for first, second in ((5, 15), (6, 17), (7, 30))
    )
    if standard:
        for name, index in _POSITIONS.items():
            found.setdefault(name, index)
        found.setdefault("distance_m", 17)
        found.setdefault("avg_hr", 31)
        if len(folded) > 34:
            found.setdefault("calories", 34)
    return found


def _read_export(export: _Export) -> Iterator[ImportedSession | Refused]:
    table = export.table()
    columns = find_columns(table.header)
    if "date" not in columns:
        raise ImportFileError(export.csv_display, "row 1", "Activity Date", "no date column")
    for row in table.rows:
        try:
            session = _parse_row(row, len(table.header), columns, export.csv_display)
        except RowError as problem:
            yield refusal(FORMAT, export.csv_display, row.number, problem)
            continue
        filename = _cell(row, columns, "filename")
        if not filename:
            yield session
            continue
        try:
            path, shown = export.activity_file(filename)
            yield from _enriched(session, path, shown, filename)
        except ImportFileError as err:
            yield session
            where = SourceRef(FORMAT, export.csv_display, f"row {row.number}")
            message = f"{filename} not read, the CSV row alone was used: {err}"
            yield Refused(where, "Filename", message)


def _cell(row: TableRow, columns: dict[str, int], name: str) -> str:
    return row.cells[columns[name]].strip() if name in columns else ""


def _parse_row(row: TableRow, width: int, columns: dict[str, int], display: str) -> ImportedSession:
    check_width(row, width)

    def number(name: str, label: str, limit: str) -> float | None:
        return within(to_float(_cell(row, columns, name), label), label, limit)

    start = to_datetime(_cell(row, columns, "date"), "Activity Date")
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.UTC)  # Strava writes UTC (formats.md §6)
    elapsed_s = to_float(_cell(row, columns, "elapsed_s"), "Elapsed Time")
    duration_min = None if elapsed_s is None else round(elapsed_s / 60, 3)
    metres = to_float(_cell(row, columns, "distance_m"), "Distance")
    shown_km = to_float(_cell(row, columns, "distance"), "Distance")
    distance_km = round(metres / 1000, 4) if metres is not None else shown_km
    distance_km = distance_km or None  # Strava writes 0 when it recorded no distance
    label = _cell(row, columns, "type")
    notes = [_cell(row, columns, name) for name in ("description", "private_note")]
    return ImportedSession(
        start=start,
        type=TYPES.get(label.casefold(), "other"),
        source=SourceRef(FORMAT, display, f"row {row.number}"),
        name=_cell(row, columns, "name") or None,
        duration_min=within(duration_min, "Elapsed Time", "duration_min"),
        distance_km=within(distance_km, "Distance", "distance_km"),
        rpe=number("exertion", "Perceived Exertion", "rpe"),
        avg_hr_bpm=number("avg_hr", "Average Heart Rate", "hr_bpm"),
        max_hr_bpm=number("max_hr", "Max Heart Rate", "hr_bpm"),
        energy_kcal=number("calories", "Calories", "energy_kcal"),
        sport=label or None,
        shoe=_cell(row, columns, "gear") or None,
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


__all__ = ["ENGLISH_HEADER", "FORMAT", "LABELS", "TYPES", "find_columns", "read", "sniff"]
