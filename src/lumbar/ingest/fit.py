"""Garmin FIT activity files (``.fit``, also gzip'd ``.fit.gz``): one session per
``session`` message, with the strength sets of its ``set`` messages.

What is read (formats.md §3): each ``session`` message gives start, sport and
sub_sport (→ workout.type, and treadmill/track/trail → surface), timer time
(→ duration; end = start + elapsed time, so pauses count in the end but not in the
duration), distance, average and maximum heart rate, calories and the session RPE
(``workout_rpe``, Borg CR-10 × 10). A multisport file gives one session per sport leg,
transitions included (type ``other``). Each active ``set`` message becomes a set of the
session whose time span holds its start: repetitions, weight (kg), duration, and the
exercise as the file names its first ``category`` (``"bench_press"``, ``"unknown"``).
Rest periods (``set_type="rest"``) are not sets.

Speed: decoding every per-second ``record`` message with fitdecode costs about 3 ms per
100 kB, which would make 1,000 files take minutes. :func:`_frame` walks the message
framing (header byte, definition sizes) and passes fitdecode only the messages lumbar
reads (file_id, session, set and the developer-data definitions), so fitdecode still
does all the value decoding (scales, enums, timestamps).

Damaged files:

* Not a FIT file (no ``.FIT`` signature), or a message before its definition:
  :class:`ImportFileError`.
* Truncated (the file ends inside a message, or before its CRC): the sessions whose
  ``session`` message was read before the damage are kept and a :class:`Refused` item
  (field ``file``) says where the file ends and that what followed is lost. Garmin
  writes the session summary at the end, so a truncated file usually has none left:
  then it is an :class:`ImportFileError`.
* CRC mismatch (a file whose framing is intact but whose bytes changed after the device
  wrote them): the sessions are kept, with a :class:`Refused` item (field ``crc``)
  saying that the values may be wrong. We keep them because one flipped byte rarely
  touches the few summary fields lumbar reads, and the notice lets the person check.
* A FIT file that is not an activity (a course, a planned workout, settings) holds no
  session: one :class:`Refused` item (field ``file_id.type``).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import fitdecode
from fitdecode.profile import FIELD_TYPES

from lumbar.ingest.devicefiles import head_bytes, read_bytes
from lumbar.ingest.devicevalues import distance_km
from lumbar.ingest.limits import check_session, check_set
from lumbar.ingest.records import (
    ImportedSession,
    ImportedSet,
    ImportFileError,
    Refused,
    SourceRef,
)
from lumbar.ingest.sports import fit_surface, fit_type

FORMAT = "fit"

# Global message numbers passed on to fitdecode: file_id, session, developer data
# (field_description, developer_data_id: needed to size developer fields) and set.
_FILE_ID, _SESSION, _FIELD_DESCRIPTION, _DEVELOPER_DATA_ID, _SET = 0, 18, 206, 207, 225
_WANTED = frozenset({_FILE_ID, _SESSION, _FIELD_DESCRIPTION, _DEVELOPER_DATA_ID, _SET})
_SIGNATURE = b".FIT"
_EXERCISE_CATEGORY: dict[int, str] = FIELD_TYPES["exercise_category"].enum
# The decoding errors fitdecode lets through on malformed field data.
_DECODE_ERRORS = (fitdecode.FitError, ValueError, KeyError, IndexError, TypeError, struct.error)


def sniff(path: Path) -> bool:
    """True when ``path`` (or the gzip it is) starts with a FIT header."""
    head = head_bytes(path, 12)
    return len(head) == 12 and head[0] >= 12 and head[8:12] == _SIGNATURE


def read(path: Path, display: str | None = None) -> Iterator[ImportedSession | Refused]:
    """The sessions of the FIT file ``path``, then any refusals and notices.

    Args:
        path: a ``.fit`` file, or a gzip of one.
        display: the name used in sources and errors; ``path.name`` by default.

    Raises:
        ImportFileError: not a FIT file, corrupt framing, or damaged before any session.
    """
    name = display or path.name
    framing = _frame(read_bytes(path, name), name)
    messages = _decode(framing, name)
    yield from _sessions(messages, framing, name)


@dataclass
class _Framing:
    """The wanted messages of a FIT file, as a new FIT stream for fitdecode."""

    stream: bytes
    ordinals: list[int]  # 1-based position in the file of each kept data message
    messages: int  # data messages in the file (all kinds)
    damage: str | None = None  # what went wrong, if the file is damaged
    damage_at: int = 0  # byte offset of the damage
    notices: list[tuple[str, str, str]] = field(default_factory=list)  # locator, field, text


@dataclass(frozen=True)
class _Message:
    ordinal: int
    name: str
    frame: Any  # fitdecode.FitDataMessage


def _frame(data: bytes, name: str) -> _Framing:
    """Walk the messages of ``data`` (FIT files chained one after another), keeping the
    definitions and the data messages of the wanted global numbers."""
    if len(data) < 12 or data[0] < 12 or data[8:12] != _SIGNATURE:
        raise ImportFileError(name, "byte 0", "header", "not a FIT file (no '.FIT' signature)")
    kept = bytearray()
    framing = _Framing(b"", [], 0)
    pos, size = 0, len(data)
    while pos < size:
        if size - pos < 12 or data[pos] < 12 or data[pos + 8 : pos + 12] != _SIGNATURE:
            text = f"{size - pos} bytes after the last FIT file were ignored"
            framing.notices.append((f"byte {pos}", "file", text))
            break
        start = pos + data[pos]
        end = start + int.from_bytes(data[pos + 4 : pos + 8], "little")
        stop = _walk(data, start, min(end, size), kept, framing, name)
        if framing.damage is None and stop != end:
            framing.damage, framing.damage_at = "the file ends inside a message", stop
        if framing.damage is None and end + 2 > size:
            framing.damage, framing.damage_at = "the file ends before its CRC", size
        if framing.damage is not None:
            break
        if _crc16(data[pos : end + 2]) != 0:
            text = (
                "the file's CRC does not match: its bytes changed after the device wrote them,"
                " so a value may be wrong; the sessions were imported, check them"
            )
            framing.notices.append((f"bytes {pos}-{end + 1}", "crc", text))
        pos = end + 2
    header = bytes([12, data[1], data[2], data[3]]) + len(kept).to_bytes(4, "little")
    framing.stream = header + _SIGNATURE + bytes(kept) + b"\x00\x00"
    return framing


def _walk(data: bytes, pos: int, end: int, kept: bytearray, framing: _Framing, name: str) -> int:
    """Walk the messages from ``pos`` to ``end``, adding the wanted ones to ``kept``;
    returns the offset where it stopped (``end`` unless the data ran out)."""
    layouts: dict[int, tuple[int, int]] = {}  # local message type -> (global number, size)
    size = len(data)
    while pos < end:
        head = data[pos]
        if head & 0x80:  # compressed-timestamp header: a data message, local type in bits 5-6
            local = (head >> 5) & 0x03
        elif head & 0x40:  # definition message
            stop = _definition_end(data, pos, head & 0x20)
            if stop > size:
                framing.damage, framing.damage_at = "the file ends inside a definition", pos
                return pos
            number = int.from_bytes(
                data[pos + 3 : pos + 5], "big" if data[pos + 2] == 1 else "little"
            )
            fields_end = pos + 6 + 3 * data[pos + 5]
            length = sum(data[pos + 7 : fields_end : 3])  # every third byte is a field size
            length += sum(data[fields_end + 2 : stop : 3])  # developer fields, if any
            layouts[head & 0x0F] = (number, length)
            kept += data[pos:stop]
            pos = stop
            continue
        else:
            local = head & 0x0F
        layout = layouts.get(local)
        if layout is None:
            text = (
                f"message {framing.messages + 1} uses local type {local} before any definition"
                " of it: the file is corrupt"
            )
            raise ImportFileError(name, f"byte {pos}", "message", text)
        stop = pos + 1 + layout[1]
        if stop > size:
            return pos
        framing.messages += 1
        if layout[0] in _WANTED:
            kept += data[pos:stop]
            framing.ordinals.append(framing.messages)
        pos = stop
    return pos


def _definition_end(data: bytes, pos: int, developer: int) -> int:
    """Offset just after the definition message at ``pos``; past the end of ``data``
    when the data stops inside it."""
    size = len(data)
    if pos + 6 > size:
        return size + 1
    stop = pos + 6 + 3 * data[pos + 5]
    if developer:
        if stop >= size:
            return size + 1
        stop += 1 + 3 * data[stop]
    return stop


@cache
def _crc_table() -> array[int]:
    """FIT's CRC-16 (polynomial 0xA001, reflected) over two bytes, indexed by the state
    xor the little-endian 16-bit word: ``state = table[state ^ word]``."""
    byte_table = [_crc_step(value, 0) for value in range(256)]
    words = array("H", bytes(2 * 65536))
    for x in range(65536):
        low = byte_table[x & 0xFF]
        words[x] = (low >> 8) ^ byte_table[((x >> 8) ^ low) & 0xFF]
    return words


def _crc16(data: bytes) -> int:
    """FIT's CRC of ``data``: 0 for a whole FIT file, since it ends with its own CRC.

    Two bytes per step, so that 100 MB of FIT files are checked in a few seconds.
    """
    table = _crc_table()
    words = array("H", data[: len(data) & ~1])
    if sys.byteorder == "big":
        words.byteswap()
    crc = 0
    for word in words:
        crc = table[crc ^ word]
    if len(data) & 1:
        crc = _crc_step(crc, data[-1])
    return crc


def _crc_step(crc: int, byte: int) -> int:
    """One byte of FIT's CRC-16, bit by bit."""
    crc ^= byte
    for _ in range(8):
        crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def _decode(framing: _Framing, name: str) -> list[_Message]:
    """The kept data messages, decoded by fitdecode, with their place in the file."""
    messages: list[_Message] = []
    reader = fitdecode.FitReader(
        io.BytesIO(framing.stream),
        check_crc=fitdecode.CrcCheck.DISABLED,  # checked on the original bytes by _frame
        error_handling=fitdecode.ErrorHandling.IGNORE,  # malformed developer fields
    )
    try:
        with reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                    ordinal = framing.ordinals[len(messages)]
                    messages.append(_Message(ordinal, str(frame.name), frame))
    except _DECODE_ERRORS as exc:
        decoded = len(messages)
        where = f"message {framing.ordinals[decoded]}" if decoded < len(framing.ordinals) else ""
        raise ImportFileError(name, where, "message", f"cannot be decoded: {exc}") from exc
    return messages


def _sessions(
    messages: list[_Message], framing: _Framing, name: str
) -> Iterator[ImportedSession | Refused]:
    file_id = next((m for m in messages if m.name == "file_id"), None)
    file_type = None if file_id is None else _value(file_id, "type")
    summaries = [m for m in messages if m.name == "session"]
    source = SourceRef(FORMAT, name, "")
    if not summaries:
        if framing.damage is not None:
            raise ImportFileError(
                name,
                f"byte {framing.damage_at}",
                "file",
                f"{framing.damage} after message {framing.messages}, before the session "
                "summary that Garmin writes at the end: nothing can be imported",
            )
        if file_type not in (None, "activity"):
            text = f"a FIT {file_type} file is not a record of training: no session to import"
            where = f"message {file_id.ordinal if file_id else 1}"
            yield Refused(SourceRef(FORMAT, name, where), "file_id.type", text)
            return
        raise ImportFileError(name, "", "session", "the activity has no session message")
    drafts = [_Draft(m, k, len(summaries)) for k, m in enumerate(summaries, 1)]
    refused: list[Refused] = []
    owner = drafts[0]
    for message in messages:
        if message.name != "set" or _value(message, "set_type") == "rest":
            continue  # rest periods are not sets
        started = _value(message, "start_time")
        if isinstance(started, dt.datetime):
            owner = _owner(drafts, started)
        item = check_set(_set(message), source)
        if isinstance(item, Refused):
            refused.append(item)
        else:
            owner.sets.append(item)
    for draft in drafts:
        yield draft.build(name)
    yield from refused
    if framing.damage is not None:
        text = (
            f"{framing.damage} (after message {framing.messages}); the {len(summaries)} "
            "session(s) read "
            "before the damage were imported, anything recorded after it is lost"
        )
        yield Refused(SourceRef(FORMAT, name, f"byte {framing.damage_at}"), "file", text)
    for locator, field_name, text in framing.notices:
        yield Refused(SourceRef(FORMAT, name, locator), field_name, text)


class _Draft:
    """A session message and the sets that fall in its time span."""

    def __init__(self, message: _Message, number: int, total: int) -> None:
        self.message = message
        self.locator = f"message {message.ordinal} (session {number} of {total})"
        self.start = _value(message, "start_time")
        self.elapsed_s = _number(message, "total_elapsed_time")
        self.sets: list[ImportedSet] = []

    def build(self, name: str) -> ImportedSession | Refused:
        source = SourceRef(FORMAT, name, self.locator)
        if not isinstance(self.start, dt.datetime):
            # fitdecode leaves values below 0x10000000 as seconds since the device was
            # switched on (FIT profile, date_time): no date can be told from them.
            text = f"no date: start_time is {self.start!r}, not a date and time"
            return Refused(source, "start_time", text)
        message = self.message
        sport, sub_sport = _label(message, "sport"), _label(message, "sub_sport")
        timer_s = _number(message, "total_timer_time")
        duration_s = timer_s if timer_s is not None else self.elapsed_s
        rpe = _number(message, "workout_rpe")
        return check_session(
            ImportedSession(
                start=self.start,
                end=self.start + dt.timedelta(seconds=self.elapsed_s) if self.elapsed_s else None,
                type=fit_type(sport, sub_sport),
                source=source,
                duration_min=duration_s / 60 if duration_s is not None else None,
                distance_km=distance_km(_number(message, "total_distance")),
                rpe=rpe / 10 if rpe and 10 <= rpe <= 100 else None,
                avg_hr_bpm=_number(message, "avg_heart_rate"),
                max_hr_bpm=_number(message, "max_heart_rate"),
                energy_kcal=_number(message, "total_calories"),
                sport=f"{sport}/{sub_sport}" if sub_sport not in (None, "generic") else sport,
                surface=fit_surface(sub_sport),
                sets=tuple(self.sets),
            )
        )


def _owner(drafts: list[_Draft], moment: dt.datetime) -> _Draft:
    """The session a set started at ``moment`` belongs to: the last one started at or
    before it (a leg's elapsed time can overlap the next leg's start), else the first."""
    started = [d for d in drafts if isinstance(d.start, dt.datetime) and d.start <= moment]
    return started[-1] if started else drafts[0]


def _set(message: _Message) -> ImportedSet:
    category = _value(message, "category")
    if isinstance(category, tuple):
        category = category[0] if category else None
    if isinstance(category, int):
        exercise = _EXERCISE_CATEGORY.get(category, f"category {category}")
    else:
        exercise = str(category) if category is not None else "unknown"
    reps = _number(message, "repetitions")
    return ImportedSet(
        exercise=exercise,
        reps=int(reps) if reps is not None else None,
        weight_kg=_number(message, "weight"),
        duration_s=_number(message, "duration"),
        locator=f"message {message.ordinal} (set)",
    )


def _value(message: _Message, name: str) -> Any:
    return message.frame.get_value(name, fallback=None)


def _number(message: _Message, name: str) -> float | None:
    """A numeric field, or None when absent, invalid or not a single number (a
    corrupt definition can turn a field into an array)."""
    value = _value(message, name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _label(message: _Message, name: str) -> str | None:
    value = _value(message, name)
    return None if value is None else str(value)


__all__ = ["FORMAT", "read", "sniff"]
