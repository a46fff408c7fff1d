"""Garmin Training Center TCX files (``.tcx``, also gzip'd): one session per
``<Activity>``, from the totals of its laps.

The lap totals are read directly (formats.md §4: tcxreader derives them from the
trackpoints and loses indoor sessions): duration is the sum of ``TotalTimeSeconds``,
distance the sum of ``DistanceMeters`` (0 read as unknown), energy the sum of
``Calories``, average heart rate the mean of the laps' ``AverageHeartRateBpm`` weighted
by lap time, maximum heart rate the largest ``MaximumHeartRateBpm``. The start is the
activity's ``Id`` (else its first lap's ``StartTime``) and the end the latest lap start
plus that lap's time. A lap that gives no heart rate leaves the session to the
trackpoints' ``HeartRateBpm`` values; laps without ``TotalTimeSeconds`` leave the
duration to the trackpoints' first and last ``Time``. Position is never needed, so an
indoor file without GPS gives duration and heart rate. Activities nested in a
``MultiSportSession`` are read the same way, one session each.

``Activity@Sport`` is only ``Running``, ``Biking`` or ``Other`` (strength work shows up
as ``Other``). A value that is not a number or a date, or an activity without laps, is
refused (a :class:`Refused` item for that activity); a file that is not well-formed
TCX is an :class:`ImportFileError`; a file holding only courses (planned routes) gives
one :class:`Refused` item.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lumbar.ingest.devicefiles import head_bytes, local_name, parse_xml, read_bytes
from lumbar.ingest.devicevalues import BadValueError, distance_km, finite
from lumbar.ingest.limits import check_session
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused, SourceRef
from lumbar.ingest.sports import tcx_type

FORMAT = "tcx"
_ROOT = re.compile(rb"<(?:[\w.-]+:)?TrainingCenterDatabase[\s>]")


def sniff(path: Path) -> bool:
    """True when the first 4 KB of ``path`` (or of the gzip it is) open a
    ``<TrainingCenterDatabase>``."""
    return _ROOT.search(head_bytes(path, 4096)) is not None


def read(path: Path, display: str | None = None) -> Iterator[ImportedSession | Refused]:
    """One session per activity of the TCX file ``path``, or the reason each is refused.

    Raises:
        ImportFileError: not well-formed XML, or the root is not TrainingCenterDatabase.
    """
    name = display or path.name
    root = parse_xml(read_bytes(path, name), name)
    if local_name(root) != "TrainingCenterDatabase":
        where = f"line {root.sourceline}"
        text = f"the root is <{local_name(root)}>, not <TrainingCenterDatabase>"
        raise ImportFileError(name, where, "TrainingCenterDatabase", text)
    activities = list(root.iter("{*}Activity"))
    if not activities:
        courses = sum(1 for _ in root.iter("{*}Course"))
        text = (
            f"{courses} course(s) (planned routes) and no activity: nothing was recorded"
            if courses
            else "no <Activity>: nothing to import"
        )
        yield Refused(SourceRef(FORMAT, name, f"line {root.sourceline}"), "Activity", text)
        return
    for number, activity in enumerate(activities, 1):
        try:
            yield _session(activity, number, name)
        except BadValueError as problem:
            source = SourceRef(FORMAT, name, f"Activity {number}, {problem.locator}")
            yield Refused(source, problem.field, problem.message)
        except OverflowError:  # a lap time so large that its end is past year 9999
            source = SourceRef(FORMAT, name, f"Activity {number}, line {activity.sourceline}")
            yield Refused(source, "TotalTimeSeconds", "a lap lasts longer than any calendar")


def _session(activity: Any, number: int, name: str) -> ImportedSession | Refused:
    laps = activity.findall("{*}Lap")
    span = f"Laps 1-{len(laps)}" if len(laps) > 1 else "Lap 1"
    source = SourceRef(FORMAT, name, f"Activity {number}, {span}, line {activity.sourceline}")
    if not laps:
        return Refused(source, "Lap", "the activity has no lap, so no totals")
    lap_starts = [_time(lap, lap.get("StartTime"), "StartTime") for lap in laps]
    lap_times = [_number(lap, "TotalTimeSeconds") for lap in laps]
    points = [_time(t, t.text, "Time") for t in activity.iterfind("{*}Lap/{*}Track/*/{*}Time")]
    start = _time(activity, activity.findtext("{*}Id"), "Id") or _first(lap_starts + points)
    if start is None:
        return Refused(source, "Id", "the activity has no start time (Id, Lap StartTime)")
    moments = [start, *(m for m in lap_starts + points if m is not None)]
    if len({moment.tzinfo is None for moment in moments}) > 1:
        return Refused(source, "Time", "some times have a UTC offset and others do not")
    ends = [
        s + dt.timedelta(seconds=t) for s, t in zip(lap_starts, lap_times, strict=True) if s and t
    ]
    timed = [t for t in lap_times if t is not None]
    if timed:
        duration_s: float | None = sum(timed)
    else:  # no lap totals: the span of the trackpoints
        stamps = [p for p in points if p is not None]
        duration_s = (max(stamps) - min(stamps)).total_seconds() if stamps else None
    sport = activity.get("Sport")
    avg_hr, max_hr = _heart_rate(activity, laps, lap_times)
    return check_session(
        ImportedSession(
            start=start,
            end=max(ends + [p for p in points if p is not None], default=None),
            type=tcx_type(sport),
            source=source,
            duration_min=duration_s / 60 if duration_s is not None else None,
            distance_km=distance_km(_total(laps, "DistanceMeters")),
            avg_hr_bpm=avg_hr,
            max_hr_bpm=max_hr,
            energy_kcal=_total(laps, "Calories"),
            sport=sport,
            notes=(activity.findtext("{*}Notes") or "").strip() or None,
        )
    )


def _heart_rate(
    activity: Any, laps: list[Any], lap_times: list[float | None]
) -> tuple[float | None, float | None]:
    """Average (weighted by lap time) and maximum heart rate, from the laps when they
    give it, else from the trackpoints."""
    weighted: list[tuple[float, float]] = []
    for lap, seconds in zip(laps, lap_times, strict=True):
        bpm = _number(lap, "AverageHeartRateBpm/{*}Value")
        if bpm is not None:
            weighted.append((bpm, seconds or 0.0))
    maxima = [m for m in (_number(lap, "MaximumHeartRateBpm/{*}Value") for lap in laps) if m]
    samples = [
        _number(point, "Value")
        for point in activity.iterfind("{*}Lap/{*}Track/{*}Trackpoint/{*}HeartRateBpm")
    ]
    rates = [bpm for bpm in samples if bpm is not None]
    total_s = math.fsum(seconds for _, seconds in weighted)
    average: float | None = None
    if weighted and total_s > 0:
        average = math.fsum(bpm * seconds for bpm, seconds in weighted) / total_s
    elif weighted:  # laps without times: a plain mean
        average = math.fsum(bpm for bpm, _ in weighted) / len(weighted)
    elif rates:
        average = math.fsum(rates) / len(rates)
    maximum = max(maxima) if maxima else (max(rates) if rates else None)
    return average, maximum


def _first(moments: list[dt.datetime | None]) -> dt.datetime | None:
    return next((m for m in moments if m is not None), None)


def _number(element: Any, path: str) -> float | None:
    """The number in the child ``path`` of ``element``; None when there is no such child.

    Raises:
        BadValueError: the child holds something other than a finite number.
    """
    child = element.find("{*}" + path)
    if child is None or not (child.text or "").strip():
        return None
    value = finite(child.text)
    if value is None:
        text = f"{child.text.strip()!r} is not a number"
        raise BadValueError(local_name(child), text, f"line {child.sourceline}")
    return value


def _total(laps: list[Any], tag: str) -> float | None:
    values = [v for v in (_number(lap, tag) for lap in laps) if v is not None]
    return sum(values) if values else None


def _time(element: Any, text: str | None, field: str) -> dt.datetime | None:
    """The date-time ``text`` (ISO 8601, ``Z`` or an offset), None when empty.

    Raises:
        BadValueError: ``text`` is not a date-time.
    """
    if not text or not text.strip():
        return None
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        text = f"{text.strip()!r} is not a date-time"
        raise BadValueError(field, text, f"line {element.sourceline}") from None


__all__ = ["FORMAT", "read", "sniff"]
