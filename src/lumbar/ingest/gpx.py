"""GPX tracks (``.gpx``, also gzip'd): one session per file, from its track points.

A GPX file holds one recording, possibly split into several ``<trk>`` (GPSBabel
writes one per day or per pause) and ``<trkseg>`` (a new segment when the receiver
lost its fix or was paused); every track of the file makes one session. GPX has no
summary (formats.md §4), so the session is computed from the points:

* start and end: the earliest and latest point time;
* duration: the sum over segments of last time − first time, so the gaps between
  segments (pauses) are not counted;
* distance: the 2-D length of every segment's points (gpxpy's geodesy), 0 km read
  as unknown;
* heart rate: the mean and maximum of the points' ``hr`` extension
  (``gpxtpx:TrackPointExtension/gpxtpx:hr``), so an indoor recording whose points have
  times and heart rate but no position still gives duration and heart rate;
* type: the first ``<trk><type>`` (free text such as ``running``), name: the first
  ``<trk><name>``, notes: its ``<desc>``.

Refused rather than imported (a :class:`Refused` item, the rest of the import goes on):
a file with only a planned route (``<rte>``) and no track, a track with no times (a
route drawn on a map), a point with an unreadable time or impossible coordinates, and
the route files of an Apple Health export (``creator="Apple Health Export"``), whose
workout comes from ``export.xml``. A file that is not well-formed GPX is an
:class:`ImportFileError`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gpxpy.geo import Location, length_2d

from lumbar.ingest.devicefiles import head_bytes, local_name, parse_xml, read_bytes
from lumbar.ingest.devicevalues import distance_km, finite
from lumbar.ingest.limits import check_session
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused, SourceRef
from lumbar.ingest.sports import label_type

FORMAT = "gpx"
APPLE_ROUTE_CREATOR = "Apple Health Export"
_ROOT = re.compile(rb"<(?:[\w.-]+:)?gpx[\s>]")
_HR_TAGS = frozenset({"hr", "heartrate"})


def sniff(path: Path) -> bool:
    """True when the first 4 KB of ``path`` (or of the gzip it is) open a ``<gpx>``."""
    return _ROOT.search(head_bytes(path, 4096)) is not None


def read(path: Path, display: str | None = None) -> Iterator[ImportedSession | Refused]:
    """The session recorded in the GPX file ``path``, or the reason it holds none.

    Raises:
        ImportFileError: the file is not well-formed XML or its root is not ``<gpx>``.
    """
    name = display or path.name
    yield from _items(_gpx_root(read_bytes(path, name), name), name)


def track_distance_km(data: bytes, name: str) -> float | None:
    """The 2-D length of every track of the GPX document ``data``, in km (None if 0).

    Used for the route files that an Apple Health workout points to.

    Raises:
        ImportFileError: ``data`` is not GPX; a point has impossible coordinates.
    """
    root = _gpx_root(data, name)
    points = _Track(root.findall("{*}trk"))
    if points.problem is not None:
        raise ImportFileError(name, points.problem[0], points.problem[1], points.problem[2])
    return distance_km(points.length_m())


def _gpx_root(data: bytes, name: str) -> Any:
    root = parse_xml(data, name)
    if local_name(root) != "gpx":
        where = f"line {root.sourceline}"
        raise ImportFileError(name, where, "gpx", f"the root is <{local_name(root)}>, not <gpx>")
    return root


@dataclass(frozen=True, slots=True)
class _Point:
    lat: float | None
    lon: float | None
    time: dt.datetime | None
    hr: float | None


class _Track:
    """The timed points of some ``<trk>`` elements, segment by segment, or the problem
    met. Points without a time are counted in ``untimed`` and left out."""

    def __init__(self, tracks: list[Any]) -> None:
        self.segments: list[list[_Point]] = []
        self.untimed = 0
        self.problem: tuple[str, str, str] | None = None  # locator, field, message
        for track in tracks:
            for segment in track.iterfind("{*}trkseg"):
                points = [self._point(p) for p in segment.iterfind("{*}trkpt")]
                if self.problem is not None:
                    return
                timed = [p for p in points if p is not None and p.time is not None]
                self.untimed += len(points) - len(timed)
                self.segments.append(timed)

    def _point(self, element: Any) -> _Point | None:
        if self.problem is not None:
            return None
        where = f"line {element.sourceline}"
        lat, lon = finite(element.get("lat")), finite(element.get("lon"))
        if (lat is None) != (lon is None) or (
            lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
        ):
            text = f"impossible position lat={element.get('lat')!r} lon={element.get('lon')!r}"
            self.problem = (where, "trkpt", text)
            return None
        text = (element.findtext("{*}time") or "").strip()
        try:
            moment = dt.datetime.fromisoformat(text) if text else None
        except ValueError:
            self.problem = (where, "time", f"{text!r} is not a date-time")
            return None
        return _Point(lat, lon, moment, _heart_rate(element))

    def times(self) -> list[dt.datetime]:
        return [p.time for segment in self.segments for p in segment if p.time is not None]

    def length_m(self) -> float:
        return math.fsum(
            length_2d(
                [Location(p.lat, p.lon) for p in segment if p.lat is not None and p.lon is not None]
            )
            for segment in self.segments
        )

    def duration_s(self) -> float:
        total = 0.0
        for segment in self.segments:
            times = [p.time for p in segment if p.time is not None]
            if times:
                total += (max(times) - min(times)).total_seconds()
        return total

    def heart_rates(self) -> list[float]:
        return [p.hr for segment in self.segments for p in segment if p.hr is not None]


def _heart_rate(point: Any) -> float | None:
    for extensions in point.iterfind("{*}extensions"):
        for element in extensions.iter():
            if local_name(element).lower() in _HR_TAGS:
                return finite(element.text)
    return None


def _items(root: Any, name: str) -> Iterator[ImportedSession | Refused]:
    tracks = root.findall("{*}trk")
    span = f"trk 1-{len(tracks)}" if len(tracks) > 1 else "trk 1"
    where = f"{span}, line {tracks[0].sourceline}" if tracks else f"line {root.sourceline}"
    source = SourceRef(FORMAT, name, where)
    if root.get("creator") == APPLE_ROUTE_CREATOR:
        text = "the route of an Apple Health workout: the workout is imported from export.xml"
        yield Refused(source, "creator", text)
        return
    if not tracks:
        routes = len(root.findall("{*}rte"))
        text = (
            f"{routes} planned route(s) (<rte>) and no recorded track: a route is not a session"
            if routes
            else "no recorded track (<trk>): nothing to import"
        )
        yield Refused(source, "trk", text)
        return
    track = _Track(tracks)
    times = track.times()
    if track.problem is not None:
        yield Refused(SourceRef(FORMAT, name, track.problem[0]), *track.problem[1:])
    elif not times:
        text = f"the track's {track.untimed} points have no time: a session needs a date"
        yield Refused(source, "time", text)
    elif len({moment.tzinfo is None for moment in times}) > 1:
        yield Refused(source, "time", "some point times have a UTC offset and others do not")
    else:
        session = _session(tracks, track, source, root)
        yield session
        if isinstance(session, ImportedSession) and track.untimed:
            text = f"{track.untimed} track point(s) without a time were left out of the session"
            yield Refused(source, "time", text)


def _session(
    tracks: list[Any], track: _Track, source: SourceRef, root: Any
) -> ImportedSession | Refused:
    times = track.times()
    label = _first_text(tracks, "type")
    rates = track.heart_rates()
    return check_session(
        ImportedSession(
            start=min(times),
            end=max(times),
            type=label_type(label),
            source=source,
            name=_first_text(tracks, "name") or _metadata_name(root),
            duration_min=track.duration_s() / 60,
            distance_km=distance_km(track.length_m()),
            avg_hr_bpm=sum(rates) / len(rates) if rates else None,
            max_hr_bpm=max(rates) if rates else None,
            sport=label,
            notes=_first_text(tracks, "desc"),
        )
    )


def _first_text(tracks: list[Any], tag: str) -> str | None:
    for track in tracks:
        text = (track.findtext("{*}" + tag) or "").strip()
        if text:
            return text
    return None


def _metadata_name(root: Any) -> str | None:
    # GPX 1.1 keeps the file's name in <metadata>, GPX 1.0 directly under <gpx>.
    text = root.findtext("{*}metadata/{*}name") or root.findtext("{*}name") or ""
    return text.strip() or None


__all__ = ["APPLE_ROUTE_CREATOR", "FORMAT", "read", "sniff", "track_distance_km"]
