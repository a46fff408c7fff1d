"""Apple Health exports: ``export.zip``, its ``export.xml``, or the unzipped
``apple_health_export/`` folder. One session per ``<Workout>``.

The export can be gigabytes (formats.md §5: 3.1 GB, 7.4 M Records), so it is read as a
stream, straight from the zip member when given the zip: lxml ``iterparse`` reports
the end of each top-level element, a Workout is turned into a session, and every
element is then cleared and unlinked, so memory stays bounded whatever the size.
Records (heart-rate samples, steps…) are not needed by the journal and are dropped
as soon as they are parsed.

iOS 16 exports carry a malformed inline DTD and stray control characters (``\\x0b``)
that stop XML parsers; :class:`_Cleaned` removes the DTD (keeping its line breaks, so
that line numbers stay true) and the characters XML 1.0 forbids before lxml sees them.
No entity, DTD or network resource is ever loaded.

What a Workout gives: ``workoutActivityType`` (→ workout.type), ``startDate`` and
``endDate`` (local time with offset), ``duration`` in its ``durationUnit`` (pauses
excluded). Distance, active energy and heart rate come from the ``WorkoutStatistics``
children of iOS 16 and later (``Distance…`` sum, ``ActiveEnergyBurned`` sum,
``HeartRate`` average and maximum), else from the older ``totalDistance`` and
``totalEnergyBurned`` attributes with their units (mi → km, kJ → kcal; ``Cal`` is
kcal), else, for distance, from the workout's route GPX when the export holds it.

Each session's locator is ``"Workout element N, line L"``: N counts the Workouts of
the file from 1; L is lxml's line of the element (past line 65,535 libxml2 may give
the line after it).

A Workout with an unreadable date, number or unit, or an absurd value, is refused (a
:class:`Refused` item); a file that is not an Apple Health export, a damaged zip or
XML that stops being well-formed part-way is an :class:`ImportFileError` (the
workouts before the damage have then been yielded; the caller discards the file).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree

from lumbar.ingest.devicefiles import SAFE_XML
from lumbar.ingest.devicevalues import BadValueError, finite
from lumbar.ingest.gpx import track_distance_km
from lumbar.ingest.limits import check_session
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused, SourceRef
from lumbar.ingest.sports import apple_type

FORMAT = "apple_health"
EXPORT_XML = "export.xml"
_FOLDER = "apple_health_export"
_ROOT_TAG = b"<HealthData"
# Top-level elements, reported so that each can be cleared once parsed.
_TOP_LEVEL = (
    "Record",
    "Workout",
    "ActivitySummary",
    "Correlation",
    "ClinicalRecord",
    "Audiogram",
    "VisionPrescription",
)
# Characters XML 1.0 forbids (all C0 controls but tab, newline, carriage return).
_FORBIDDEN = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20))
_HEAD_LIMIT = 4 * 2**20  # the DTD of a real export is ~10 KB
_CHUNK = 2**20
_KM_PER = {"km": 1.0, "m": 0.001, "cm": 0.00001, "mi": 1.609344, "ft": 0.0003048, "yd": 0.0009144}
_KCAL_PER = {"kcal": 1.0, "Cal": 1.0, "cal": 0.001, "kJ": 1 / 4.184, "J": 1 / 4184}
_MIN_PER = {"min": 1.0, "s": 1 / 60, "sec": 1 / 60, "hr": 60.0, "h": 60.0, "ms": 1 / 60000}
_BPM_PER = {"count/min": 1.0, "count/s": 60.0}
# HealthKit names every distance type this way: …DistanceWalkingRunning, …DistanceCycling,
# …DistanceSwimming, …DistanceDownhillSnowSports; a workout may hold several.
_DISTANCE_STAT = "HKQuantityTypeIdentifierDistance"
_ENERGY_STAT = "HKQuantityTypeIdentifierActiveEnergyBurned"
_HEART_STAT = "HKQuantityTypeIdentifierHeartRate"


def sniff(path: Path) -> bool:
    """True for an Apple Health ``export.xml``, an ``export.zip`` holding one, or a
    folder holding one (directly or in ``apple_health_export/``)."""
    try:
        if path.is_dir():
            return _folder_export(path) is not None
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                member = _zip_member(archive)
                if member is None:
                    return False
                with archive.open(member) as handle:
                    return _looks_like_export(handle.read(4096))
        with path.open("rb") as handle:
            return _looks_like_export(handle.read(4096))
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, RuntimeError):
        return False


def read(path: Path, display: str | None = None) -> Iterator[ImportedSession | Refused]:
    """One session per Workout of the export at ``path``, in file order.

    Raises:
        ImportFileError: not an Apple Health export, a damaged zip, or XML that is
            not well-formed (the locator names the line).
    """
    name = display or path.name
    with _open(path, name) as export:
        yield from _workouts(export)


@dataclass
class _Export:
    """An opened export: the XML stream, its name for sources, and its route files."""

    stream: IO[bytes]
    label: str
    route: Callable[[str], bytes | None]  # FileReference path -> GPX bytes, if present


def _looks_like_export(head: bytes) -> bool:
    return b"<!DOCTYPE HealthData" in head or _ROOT_TAG in head


def _folder_export(folder: Path) -> Path | None:
    for candidate in (folder / EXPORT_XML, folder / _FOLDER / EXPORT_XML):
        if candidate.is_file():
            with candidate.open("rb") as handle:
                if _looks_like_export(handle.read(4096)):
                    return candidate
    return None


def _zip_member(archive: zipfile.ZipFile) -> str | None:
    names = [n for n in archive.namelist() if posixpath.basename(n) == EXPORT_XML]
    preferred = [n for n in names if posixpath.basename(posixpath.dirname(n)) == _FOLDER]
    choices = preferred or names
    return choices[0] if choices else None


@contextmanager
def _open(path: Path, name: str) -> Iterator[_Export]:
    try:
        if path.is_dir():
            xml = _folder_export(path)
            if xml is None:
                raise ImportFileError(name, "", "export.xml", "no Apple Health export.xml here")
            with xml.open("rb") as handle:
                label = f"{name}/{xml.relative_to(path).as_posix()}"
                yield _Export(handle, label, _folder_routes(xml.parent))
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                member = _zip_member(archive)
                if member is None:
                    raise ImportFileError(name, "", "export.xml", "the zip holds no export.xml")
                with archive.open(member) as handle:
                    yield _Export(handle, f"{name}/{member}", _zip_routes(archive, member))
        else:
            with path.open("rb") as handle:
                yield _Export(handle, name, _folder_routes(path.parent))
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportFileError(name, "", "file", f"cannot be read: {exc}") from exc


def _folder_routes(base: Path) -> Callable[[str], bytes | None]:
    def route(reference: str) -> bytes | None:
        target = base / reference.lstrip("/")
        return target.read_bytes() if target.is_file() else None

    return route


def _zip_routes(archive: zipfile.ZipFile, member: str) -> Callable[[str], bytes | None]:
    def route(reference: str) -> bytes | None:
        target = posixpath.join(posixpath.dirname(member), reference.lstrip("/"))
        try:
            return archive.read(target)
        except KeyError:
            return None

    return route


class _Cleaned:
    """A binary stream that drops the inline DTD and the control characters XML 1.0
    forbids, the two things that break iOS 16 exports (formats.md §5)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.started = False

    def read(self, size: int = -1) -> bytes:
        if not self.started:
            self.started = True
            return self._head()
        while chunk := self.raw.read(max(size, _CHUNK)):
            cleaned = chunk.translate(None, _FORBIDDEN)
            if cleaned:  # an empty read would tell lxml the file has ended
                return cleaned
        return b""

    def _head(self) -> bytes:
        head = b""
        while _ROOT_TAG not in head and len(head) < _HEAD_LIMIT:
            chunk = self.raw.read(2**16)
            if not chunk:
                break
            head += chunk
        doctype, root = head.find(b"<!DOCTYPE"), head.find(_ROOT_TAG)
        if 0 <= doctype < root:
            lines = b"\n" * head.count(b"\n", doctype, root)
            head = head[:doctype] + lines + head[root:]
        return head.translate(None, _FORBIDDEN)


def _workouts(export: _Export) -> Iterator[ImportedSession | Refused]:
    events = etree.iterparse(
        _Cleaned(export.stream),
        events=("end",),
        tag=_TOP_LEVEL,
        huge_tree=True,  # lift libxml2's limits, made for small documents
        **SAFE_XML,
    )
    number = 0
    checked = False
    try:
        for _, element in events:
            if not checked:
                checked = True
                if element.getroottree().getroot().tag != "HealthData":
                    break
            if element.tag == "Workout":
                number += 1
                yield from _workout(element, number, export)
            element.clear(keep_tail=True)
            # Unlink what came before, so that the tree never holds more than one element.
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        text = f"not well-formed XML: {exc.msg}"
        raise ImportFileError(export.label, f"line {line}", "xml", text) from exc
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportFileError(export.label, "", "file", f"cannot be read: {exc}") from exc
    root = events.root
    if root is None or root.tag != "HealthData":
        tag = "nothing" if root is None else f"<{root.tag}>"
        text = f"not an Apple Health export: the root is {tag}, not <HealthData>"
        raise ImportFileError(export.label, "line 1", "HealthData", text)


def _workout(element: Any, number: int, export: _Export) -> Iterator[ImportedSession | Refused]:
    where = f"Workout element {number}, line {element.sourceline}"
    source = SourceRef(FORMAT, export.label, where)
    notices: list[Refused] = []
    try:
        session = _session(element, source, export, notices)
    except BadValueError as problem:
        yield Refused(source, problem.field, problem.message)
        return
    yield session
    yield from notices


def _session(
    element: Any, source: SourceRef, export: _Export, notices: list[Refused]
) -> ImportedSession | Refused:
    activity = element.get("workoutActivityType") or ""
    start = _date(element, "startDate")
    if start is None:
        raise BadValueError("startDate", "the workout has no start date")
    end = _date(element, "endDate")
    stats = {s.get("type"): s for s in element.iterfind("WorkoutStatistics")}
    duration = _amount(element, "duration", "durationUnit", _MIN_PER, "min")
    if duration is None and end is not None:
        duration = (end - start).total_seconds() / 60
    heart = stats.get(_HEART_STAT)
    return check_session(
        ImportedSession(
            start=start,
            end=end,
            type=apple_type(activity),
            source=source,
            duration_min=duration,
            distance_km=_distance(element, stats, export, notices, source),
            avg_hr_bpm=None if heart is None else _amount(heart, "average", "unit", _BPM_PER),
            max_hr_bpm=None if heart is None else _amount(heart, "maximum", "unit", _BPM_PER),
            energy_kcal=_energy(element, stats),
            sport=activity or None,
        )
    )


def _distance(
    element: Any, stats: dict[Any, Any], export: _Export, notices: list[Refused], source: SourceRef
) -> float | None:
    parts = [
        _amount(stat, "sum", "unit", _KM_PER)
        for kind, stat in stats.items()
        if isinstance(kind, str) and kind.startswith(_DISTANCE_STAT)
    ]
    known = [part for part in parts if part is not None]
    if known:
        return sum(known) or None
    total = _amount(element, "totalDistance", "totalDistanceUnit", _KM_PER)
    if total is not None:
        return total or None
    for reference in element.iterfind("WorkoutRoute/FileReference"):
        path = reference.get("path") or ""
        data = export.route(path)
        if data is None:
            text = f"route file {path!r} is not in the export: distance unknown"
            notices.append(Refused(source, "WorkoutRoute", text))
            continue
        try:
            return track_distance_km(data, f"{export.label}:{path}")
        except ImportFileError as exc:
            notices.append(Refused(source, "WorkoutRoute", f"route unreadable: {exc}"))
    return None


def _energy(element: Any, stats: dict[Any, Any]) -> float | None:
    stat = stats.get(_ENERGY_STAT)
    if stat is not None:
        return _amount(stat, "sum", "unit", _KCAL_PER)
    return _amount(element, "totalEnergyBurned", "totalEnergyBurnedUnit", _KCAL_PER)


def _amount(
    element: Any, attribute: str, unit_attribute: str, factors: dict[str, float], unit: str = ""
) -> float | None:
    """The value of ``attribute`` converted by its unit, None when it is absent.

    Raises:
        BadValueError: the value is not a number, or its unit is not one of ``factors``.
    """
    text = element.get(attribute)
    if text is None or not text.strip():
        return None
    value = finite(text)
    if value is None:
        raise BadValueError(attribute, f"{text!r} is not a number")
    unit = element.get(unit_attribute) or unit
    if unit not in factors:
        expected = ", ".join(factors)
        raise BadValueError(unit_attribute, f"unknown unit {unit!r} (expected one of {expected})")
    return value * factors[unit]


def _date(element: Any, attribute: str) -> dt.datetime | None:
    text = element.get(attribute)
    if not text:
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        raise BadValueError(attribute, f"{text!r} is not like 2016-11-14 07:25:41 -0700") from None


__all__ = ["EXPORT_XML", "FORMAT", "read", "sniff"]
