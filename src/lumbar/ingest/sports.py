"""What the device readers (FIT, GPX, TCX, Apple Health) share.

* The sport labels that devices and apps write, mapped to the contract's
  ``workout.type`` vocabulary (CONTRACT.md): :func:`fit_type`, :func:`apple_type`,
  :func:`tcx_type` and :func:`label_type` for free text such as a GPX ``<type>``.
* The bounds of a plausible session (:func:`check_session`): a session outside them
  (a start in 1901, a negative duration, 5,000 km) becomes a
  :class:`~lumbar.ingest.records.Refused` item instead of a journal entry. The bounds
  are the CSV readers' ``LIMITS`` so that every importer refuses the same values.
* Reading a device file: plain or gzip-compressed (Strava's bulk export holds
  ``.fit.gz`` and ``.tcx.gz`` files), and parsing XML without loading external
  entities or the network (:func:`read_bytes`, :func:`head_bytes`, :func:`parse_xml`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import math
import re
import zlib
from pathlib import Path

from lxml import etree

from lumbar.ingest.csvutil.values import EARLIEST, LATEST, LIMITS
from lumbar.ingest.records import (
    ImportedSession,
    ImportedSet,
    ImportFileError,
    Refused,
    SourceRef,
)
from lumbar.vocab import Surface, WorkoutType

# --- sport labels -> workout.type --------------------------------------------------------

_TEAM_SPORTS = frozenset(
    "american_football australian_football baseball basketball cricket handball hockey "
    "lacrosse rugby soccer softball volleyball water_polo".split()
)

# FIT `sport` enum names (fitdecode profile) whose meaning does not depend on sub_sport.
_FIT_SPORT: dict[str, WorkoutType] = {
    "running": "running",
    "cycling": "cycling",
    "e_biking": "cycling",
    "walking": "walking",
    "hiking": "walking",
    "rowing": "rowing",
    "hiit": "hiit",
    **dict.fromkeys(_TEAM_SPORTS, "team_sport"),
}
# FIT `sub_sport` names that say more than the sport (``training``/``fitness_equipment``
# cover strength, yoga and gym machines alike).
_FIT_SUB_SPORT: dict[str, WorkoutType] = {
    "strength_training": "strength",
    "yoga": "yoga_pilates",
    "pilates": "yoga_pilates",
    "hiit": "hiit",
    "amrap": "hiit",
    "emom": "hiit",
    "tabata": "hiit",
    "indoor_rowing": "rowing",
    "indoor_cycling": "cycling",
    "spin": "cycling",
    "treadmill": "running",
    "indoor_running": "running",
    "indoor_walking": "walking",
}
_FIT_SURFACE: dict[str, Surface] = {"treadmill": "treadmill", "track": "track", "trail": "trail"}

# HealthKit HKWorkoutActivityType names, without the prefix.
_APPLE: dict[str, WorkoutType] = {
    "Running": "running",
    "Walking": "walking",
    "Hiking": "walking",
    "Cycling": "cycling",
    "HandCycling": "cycling",
    "TraditionalStrengthTraining": "strength",
    "FunctionalStrengthTraining": "strength",
    "CoreTraining": "strength",
    "HighIntensityIntervalTraining": "hiit",
    "CrossTraining": "hiit",
    "MixedCardio": "hiit",
    "Yoga": "yoga_pilates",
    "Pilates": "yoga_pilates",
    "MindAndBody": "yoga_pilates",
    "Rowing": "rowing",
    **dict.fromkeys(
        "AmericanFootball AustralianFootball Baseball Basketball Cricket Handball Hockey "
        "Lacrosse Rugby Soccer Softball Volleyball WaterPolo".split(),
        "team_sport",
    ),
}
_APPLE_PREFIX = "HKWorkoutActivityType"

_TCX: dict[str, WorkoutType] = {"Running": "running", "Biking": "cycling"}

# Words of free-text labels (GPX <type>, app names); the first word found decides.
_WORDS: dict[str, WorkoutType] = {
    **dict.fromkeys("run running jog jogging trailrun treadmill".split(), "running"),
    **dict.fromkeys("ride cycling biking bike cycle ebike mtb virtualride".split(), "cycling"),
    **dict.fromkeys("walk walking hike hiking".split(), "walking"),
    **dict.fromkeys("strength weighttraining weights lifting".split(), "strength"),
    **dict.fromkeys("hiit crossfit crosstraining".split(), "hiit"),
    **dict.fromkeys("yoga pilates".split(), "yoga_pilates"),
    **dict.fromkeys("row rowing".split(), "rowing"),
    **{w.replace("_", ""): "team_sport" for w in _TEAM_SPORTS},
    "football": "team_sport",
}
_WORD = re.compile(r"[a-z]+")


def fit_type(sport: str | None, sub_sport: str | None) -> WorkoutType:
    """The workout.type of a FIT session from its ``sport`` and ``sub_sport`` names."""
    if sub_sport in _FIT_SUB_SPORT:
        return _FIT_SUB_SPORT[sub_sport]
    return _FIT_SPORT.get(sport or "", "other")


def fit_surface(sub_sport: str | None) -> Surface | None:
    """The surface a FIT ``sub_sport`` names (treadmill, track, trail), if any."""
    return _FIT_SURFACE.get(sub_sport or "")


def apple_type(activity: str) -> WorkoutType:
    """The workout.type of an Apple Health ``workoutActivityType`` such as
    ``HKWorkoutActivityTypeRunning``."""
    name = activity[len(_APPLE_PREFIX) :] if activity.startswith(_APPLE_PREFIX) else activity
    return _APPLE.get(name, "other")


def tcx_type(sport: str | None) -> WorkoutType:
    """The workout.type of a TCX ``Activity@Sport`` (``Running``, ``Biking``, ``Other``)."""
    return _TCX.get(sport or "", "other")


def label_type(label: str | None) -> WorkoutType:
    """The workout.type of a free-text label (``"running"``, ``"Morning Ride"``, ``"Hike"``).

    Each word of the label is looked up whole (``"rower"`` is not ``"row"``), and so is
    the label with spaces, dashes and underscores removed (``"Weight Training"``).
    """
    text = (label or "").lower()
    words = _WORD.findall(text)
    for word in ["".join(words), *words]:
        if word in _WORDS:
            return _WORDS[word]
    return "other"


# --- plausible sessions -----------------------------------------------------------------


class BadValueError(Exception):
    """A value of one session that cannot be read (not a number, not a date, an unknown
    unit); the reader refuses that session with a :class:`Refused` item.

    Attributes:
        field: the attribute or element that holds the value.
        message: what was found and what was expected.
        locator: where the value is (``"line 12"``), when the reader knows.
    """

    def __init__(self, field: str, message: str, locator: str = "") -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.locator = locator


def finite(text: str | None) -> float | None:
    """The number ``text`` holds, or None when it is empty, not a number, NaN or infinite."""
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


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


def distance_km(metres: float | None) -> float | None:
    """Kilometres from metres; a total of 0 m reads as unknown (None).

    Devices write 0 when they measured no distance (strength work, an indoor ride
    without a speed sensor), not when the person stood still for the session.
    """
    if metres is None or metres == 0:
        return None
    return metres / 1000


# --- reading device files ---------------------------------------------------------------

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Largest FIT/GPX/TCX read into memory (bytes, after gunzip); real files are < 20 MB."""

_GZIP_MAGIC = b"\x1f\x8b"


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == _GZIP_MAGIC


def head_bytes(path: Path, size: int = 4096) -> bytes:
    """The first ``size`` bytes of ``path`` (uncompressed when it is gzip); b"" when
    it cannot be read. For ``sniff``: cheap, never raises."""
    try:
        if path.is_dir():
            return b""
        if _is_gzip(path):
            with gzip.open(path, "rb") as handle:
                return handle.read(size)
        with path.open("rb") as handle:
            return handle.read(size)
    except (OSError, EOFError, zlib.error):
        return b""


def read_bytes(path: Path, display: str) -> bytes:
    """The whole content of ``path``, gunzipped when it is gzip.

    Raises:
        ImportFileError: the file cannot be read, is damaged gzip, or is larger than
            MAX_FILE_BYTES.
    """
    try:
        if _is_gzip(path):
            with gzip.open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        else:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ImportFileError(display, "", "file", f"cannot be read: {exc}") from exc
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            display, "", "file", f"larger than {MAX_FILE_BYTES // 2**20} MB; not a device file"
        )
    return data


SAFE_XML: dict[str, bool] = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "remove_comments": True,
}
"""lxml parser options of every device reader: no entity, DTD or network is loaded."""


def parse_xml(data: bytes, display: str) -> etree._Element:
    """The root element of the XML document ``data``.

    The encoding comes from the XML declaration (UTF-8 when there is none), as the
    XML standard says.

    Raises:
        ImportFileError: ``data`` is not well-formed XML; the locator names the line.
    """
    try:
        root = etree.fromstring(data, etree.XMLParser(**SAFE_XML))
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        raise ImportFileError(
            display, f"line {line}", "xml", f"not well-formed: {exc.msg}"
        ) from exc
    except ValueError as exc:  # e.g. an encoding declaration lxml does not know
        raise ImportFileError(display, "", "xml", f"cannot be decoded: {exc}") from exc
    if root is None:
        raise ImportFileError(display, "", "xml", "the document is empty")
    return root


def local_name(element: etree._Element) -> str:
    """The tag of ``element`` without its namespace (``"Lap"`` for ``{ns}Lap``)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


__all__ = [
    "MAX_FILE_BYTES",
    "SAFE_XML",
    "BadValueError",
    "apple_type",
    "check_session",
    "check_set",
    "distance_km",
    "finite",
    "fit_surface",
    "fit_type",
    "head_bytes",
    "label_type",
    "local_name",
    "parse_xml",
    "read_bytes",
    "tcx_type",
]
