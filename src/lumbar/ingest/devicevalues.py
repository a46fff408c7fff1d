"""Reading one value of a device file (FIT, GPX, TCX, Apple Health).

A value that cannot be read refuses its session (:class:`BadValueError`); numbers
come from text with :func:`finite`, and distances from metres with :func:`distance_km`.
"""

from __future__ import annotations

import math


class BadValueError(Exception):
    """A value of one session that cannot be read (not a number, not a date, an unknown
    unit); the reader refuses that session with a
    :class:`~lumbar.ingest.records.Refused` item.

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


def distance_km(metres: float | None) -> float | None:
    """Kilometres from metres; a total of 0 m reads as unknown (None).

    Devices write 0 when they measured no distance (strength work, an indoor ride
    without a speed sensor), not when the person stood still for the session.
    """
    if metres is None or metres == 0:
        return None
    return metres / 1000


__all__ = ["BadValueError", "distance_km", "finite"]
