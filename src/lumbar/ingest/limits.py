"""The bounds of plausible values, shared by every importer so that all refuse alike.

A value outside them (a start in 1901, a negative duration, 5,000 kg, 5,000 km) is
not training data: the CSV readers refuse its row (:func:`lumbar.ingest.csvutil.within`),
the device readers (FIT, GPX, TCX, Apple Health) its session (:func:`check_session`,
:func:`check_set`); either way a :class:`~lumbar.ingest.records.Refused` item takes
the place of the journal entry.
"""

from __future__ import annotations

import datetime as dt

from lumbar.ingest.records import ImportedSession, ImportedSet, Refused, SourceRef

EARLIEST = dt.datetime(1970, 1, 1)
LATEST = dt.datetime(2099, 12, 31, 23, 59, 59)
"""Dates outside this window (e.g. 1900 or 2100) are refused: no export holds them."""

LIMITS: dict[str, tuple[float, float]] = {
    "reps": (0, 1000),
    "weight_kg": (0, 1000),  # the heaviest lifts are ~500 kg; 5,000 kg is a typo
    "set_distance_km": (0, 1000),
    "set_duration_s": (0, 24 * 3600),
    "duration_min": (0, 7 * 24 * 60),
    "distance_km": (0, 2000),
    "rpe": (0, 10),
    "rir": (0, 20),
    "hr_bpm": (20, 260),
    "energy_kcal": (0, 50_000),
}
"""Inclusive range of each quantity; a value outside it refuses its row or session."""

UNITS: dict[str, str] = {
    "reps": "reps",
    "weight_kg": "kg",
    "set_distance_km": "km",
    "set_duration_s": "s",
    "duration_min": "min",
    "distance_km": "km",
    "hr_bpm": "bpm",
    "energy_kcal": "kcal",
}
"""The unit each limit is stated in, for messages (RPE and RIR have none)."""


def _naive(moment: dt.datetime) -> dt.datetime:
    # Compare in UTC when an offset is known; EARLIEST/LATEST are naive.
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def check_session(session: ImportedSession) -> ImportedSession | Refused:
    """``session`` unchanged when its own values are plausible, else a :class:`Refused`.

    Plausible means: start (and end) between 1970 and 2099, end not before start, and
    duration, distance, heart rate, energy and RPE within the shared ``LIMITS``. Sets
    are checked one by one with :func:`check_set` before the session is built.
    """
    for name, moment in (("start", session.start), ("end", session.end)):
        if moment is not None and not EARLIEST <= _naive(moment) <= LATEST:
            message = f"{moment.isoformat()} is outside {EARLIEST.year}–{LATEST.year}"
            return Refused(session.source, name, message)
    if session.end is not None and _naive(session.end) < _naive(session.start):
        return Refused(session.source, "end", f"{session.end.isoformat()} is before the start")
    problem = _outside(
        [
            ("duration_min", session.duration_min, "duration_min"),
            ("distance_km", session.distance_km, "distance_km"),
            ("avg_hr_bpm", session.avg_hr_bpm, "hr_bpm"),
            ("max_hr_bpm", session.max_hr_bpm, "hr_bpm"),
            ("energy_kcal", session.energy_kcal, "energy_kcal"),
            ("rpe", session.rpe, "rpe"),
        ]
    )
    return session if problem is None else Refused(session.source, *problem)


def check_set(item: ImportedSet, source: SourceRef) -> ImportedSet | Refused:
    """``item`` unchanged when reps, weight, distance and duration are plausible, else a
    :class:`Refused` item located at the set (``source`` gives format and file)."""
    problem = _outside(
        [
            ("reps", item.reps, "reps"),
            ("weight_kg", item.weight_kg, "weight_kg"),
            ("distance_km", item.distance_km, "set_distance_km"),
            ("duration_s", item.duration_s, "set_duration_s"),
        ]
    )
    if problem is None:
        return item
    return Refused(SourceRef(source.format, source.file, item.locator), *problem)


def _outside(checks: list[tuple[str, float | None, str]]) -> tuple[str, str] | None:
    for field, value, limit in checks:
        low, high = LIMITS[limit]
        if value is not None and not low <= value <= high:
            return field, f"{value:g} is outside {low:g}–{high:g}"
    return None


__all__ = ["EARLIEST", "LATEST", "LIMITS", "UNITS", "check_session", "check_set"]
