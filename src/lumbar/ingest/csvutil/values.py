"""Reading one cell: numbers, dates, durations, yes/no, each within sane bounds.

A cell that cannot be read, or holds an absurd value (negative reps, 5,000 kg, a date
in 1900 or 2100: the bounds of :mod:`lumbar.ingest.limits`), raises :class:`RowError`;
the reader turns it into a :class:`~lumbar.ingest.records.Refused` item for that row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TypeVar

from lumbar.ingest.limits import EARLIEST, LATEST, LIMITS, UNITS


class RowError(Exception):
    """A value in one row that the reader refuses; becomes a :class:`Refused` item."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


LB_TO_KG = 0.45359237
MI_TO_KM = 1.609344

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january ene enero janv janvier januar jän",
            "feb february febrero févr fevr février februar",
            "mar march marzo mars märz mär mrz",
            "apr april abr abril avr avril",
            "may mayo mai",
            "jun june junio juin juni",
            "jul july julio juil juillet juli",
            "aug august ago agosto août aout",
            "sep sept september septiembre septembre",
            "oct october octubre octobre okt oktober",
            "nov november noviembre novembre",
            "dec december dic diciembre déc decembre décembre dez dezember",
        ),
        start=1,
    )
    for name in names.split()
}
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?\s?m\.?)?"
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4}),?\s+" + _TIME, re.I)
_MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+" + _TIME, re.I)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+" + _TIME, re.I)
_ISO_12H = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T]" + _TIME, re.I)
_DURATION = re.compile(
    r"(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*m(?:in(?:utes?|s)?)?)?\s*"
    r"(?:(\d+(?:\.\d+)?)\s*s(?:ec(?:onds?|s)?)?)?",
    re.I,
)
_CLOCK = re.compile(r"(\d+):(\d{2}):(\d{2})")
_N = TypeVar("_N", int, float)
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}


def to_float(text: str, field: str) -> float | None:
    """A number, or None for an empty cell; ``72,5`` (decimal comma) reads as 72.5."""
    text = text.strip()
    if not text:
        return None
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise RowError(field, f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise RowError(field, f"expected a finite number, got {text!r}")
    return value


def to_int(text: str, field: str) -> int | None:
    """A whole number (``5`` or ``5.0``), or None for an empty cell."""
    value = to_float(text, field)
    if value is None:
        return None
    if not value.is_integer():
        raise RowError(field, f"expected a whole number, got {text.strip()!r}")
    return int(value)


def within(value: _N | None, field: str, limit: str) -> _N | None:
    """``value`` unchanged if it lies in ``LIMITS[limit]``; refuses the row otherwise."""
    low, high = LIMITS[limit]
    if value is not None and not low <= value <= high:
        unit = f" {UNITS[limit]}" if limit in UNITS else ""
        raise RowError(field, f"{value:g}{unit} is outside {low:g}–{high:g}{unit}")
    return value


def to_datetime(text: str, field: str) -> dt.datetime:
    """A date-time from the forms exports use, refused outside EARLIEST–LATEST.

    Accepted: ISO 8601 (``2021-07-07 18:35:21``, ``2025-03-14T07:30+01:00``, a bare
    date), a 12-hour ISO form (``2024-11-28 5:36:08 PM``), ``15 Sep 2025, 07:48``,
    ``Sep 30, 2026, 8:06 PM`` and ``01.08.2025, 17:00:00``. Month names may be
    English, Spanish, French or German. An offset in the text gives an aware result.
    """
    clean = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    when = _parse_when(clean)
    if when is None:
        raise RowError(field, f"expected a date and time, got {text.strip()!r}")
    naive = when.replace(tzinfo=None)
    if not EARLIEST <= naive <= LATEST:
        raise RowError(field, f"{clean} is outside {EARLIEST.year}–{LATEST.year}")
    return when


def _parse_when(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    for pattern, order in (
        (_ISO_12H, "ymd"),
        (_DAY_MONTH_YEAR, "dmy"),
        (_MONTH_DAY_YEAR, "mdy"),
        (_DOTTED, "dmy"),
    ):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups()[:3], strict=True))
        month = _MONTHS.get(parts["m"].casefold()) if not parts["m"].isdigit() else int(parts["m"])
        hour, minute, second, half = match.groups()[3:]
        hour_24 = int(hour)
        if half:
            if not 1 <= hour_24 <= 12:
                return None
            hour_24 = hour_24 % 12 + (12 if half[0] in "pP" else 0)
        try:
            return dt.datetime(
                int(parts["y"]), month or 0, int(parts["d"]), hour_24, int(minute), int(second or 0)
            )
        except ValueError:
            return None
    return None


def to_duration_s(text: str, field: str) -> float | None:
    """Seconds from ``1h 44m``, ``31m``, ``1h 5min``, ``45s``, ``1:02:03`` or plain seconds."""
    text = text.strip()
    if not text:
        return None
    if clock := _CLOCK.fullmatch(text):
        h, m, s = (int(part) for part in clock.groups())
        return float(h * 3600 + m * 60 + s)
    match = _DURATION.fullmatch(text)
    if match and any(match.groups()):
        hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    return to_float(text, field)


def to_bool(text: str, field: str) -> bool | None:
    """``yes``/``no`` (also ``true``/``false``, ``y``/``n``, ``1``/``0``), None if empty."""
    word = text.strip().casefold()
    if not word:
        return None
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise RowError(field, f"expected yes or no, got {text.strip()!r}")


__all__ = [
    "LB_TO_KG",
    "MI_TO_KM",
    "RowError",
    "to_bool",
    "to_datetime",
    "to_duration_s",
    "to_float",
    "to_int",
    "within",
]
