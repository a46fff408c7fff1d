"""Times as the journal stores them: local wall-clock time plus an optional UTC offset.

A source that gives an offset (Apple Health, FIT in UTC) keeps it; a source that
gives none (Strong, Hevy) stays naive. Storing the pair rather than a UTC instant
keeps both kinds exact and lets queries by day use the person's own calendar.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["dedupe_key", "join_local", "split_local", "to_iso"]


def split_local(value: dt.datetime) -> tuple[dt.datetime, int | None]:
    """``value`` as (naive wall-clock time, UTC offset in whole minutes or ``None``).

    Offsets with leftover seconds (historical local mean times) are rounded to the
    minute, which is all that any training app records.
    """
    offset = value.utcoffset()
    local = value.replace(tzinfo=None)
    if offset is None:
        return local, None
    return local, round(offset.total_seconds() / 60)


def join_local(local: dt.datetime, offset_min: int | None) -> dt.datetime:
    """The inverse of :func:`split_local`: aware when ``offset_min`` is known, naive otherwise."""
    if offset_min is None:
        return local
    return local.replace(tzinfo=dt.timezone(dt.timedelta(minutes=offset_min)))


def to_iso(local: dt.datetime | None, offset_min: int | None) -> str | None:
    """ISO 8601 text; seconds precision unless the time has microseconds; ``None`` stays."""
    if local is None:
        return None
    return join_local(local, offset_min).isoformat()


def dedupe_key(kind: str, local: dt.datetime, offset_min: int | None) -> str:
    """``kind@instant``: the UTC instant when the offset is known, else the naive local time.

    Precision is one second: apps round start times differently below that.
    """
    moment = local.replace(microsecond=0)
    if offset_min is None:
        return f"{kind}@{moment.isoformat()}"
    utc = moment - dt.timedelta(minutes=offset_min)
    return f"{kind}@{utc.isoformat()}Z"
