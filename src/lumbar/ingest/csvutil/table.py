"""Reading a CSV export into a table: encoding, separator, header, columns by name.

Encodings: UTF-8 (with or without a byte-order mark), UTF-16 when the file starts with
a UTF-16 byte-order mark, and otherwise Windows-1252, the encoding Excel writes on
Windows. A file that is none of these, or that holds NUL bytes (a binary file), is an
:class:`~lumbar.ingest.records.ImportFileError`.

Rows are numbered as a spreadsheet numbers them: the header is row 1, and a record
whose quoted notes span several lines is still one row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lumbar.ingest.csvutil.values import RowError
from lumbar.ingest.records import ImportFileError

MAX_CSV_BYTES = 256 * 1024 * 1024
"""Largest CSV read (bytes); real exports are a few MB (workouts_large.csv is 1 MB)."""

SNIFF_BYTES = 8192
"""How much of a file a CSV sniffer reads."""

_DELIMITERS = (",", ";", "\t")

Cell = Callable[[str], str]
"""A row's cell by reader field name, stripped; ``""`` when the file has no such column."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Choices a file cannot state itself, made by the user (``lumbar import --weight-unit``).

    Attributes:
        weight_unit: unit of a bare ``Weight`` column (Strong ≈2020–24 exports write
            the app's display unit and do not say which; formats.md §1). Default ``kg``.
        distance_unit: unit of a bare ``Distance`` column, likewise. Default ``km``.
    """

    weight_unit: Literal["kg", "lb"] = "kg"
    distance_unit: Literal["km", "mi"] = "km"


@dataclass(frozen=True, slots=True)
class TableRow:
    """One record of a CSV file.

    Attributes:
        number: spreadsheet row number (the header is row 1).
        cells: the fields, as text.
    """

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A decoded, parsed CSV file.

    Attributes:
        header: the header cells, stripped.
        rows: the data records, blank lines left out.
        delimiter: the field separator found in the header line.
    """

    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    delimiter: str


def decode(data: bytes, display: str) -> str:
    """The text of a CSV file, by the encodings this module's docstring lists.

    Raises:
        ImportFileError: NUL bytes, or bytes that no listed encoding decodes.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise ImportFileError(display, "", "encoding", f"bad UTF-16: {err.reason}") from err
    if b"\x00" in data:
        raise ImportFileError(display, "", "encoding", "holds NUL bytes: not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Windows saves CSV as Windows-1252; five byte values are undefined there.
        return data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise ImportFileError(
            display, "", "encoding", "neither UTF-8, UTF-16 nor Windows-1252 text"
        ) from err


def detect_delimiter(line: str) -> str:
    """The separator used in a header line: whichever of ``,`` ``;`` tab occurs most
    outside quotes (``,`` on a tie)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(_DELIMITERS, key=lambda d: counts[d])


def header_of(text: str) -> tuple[str, ...]:
    """The cells of the first line of ``text``, stripped, with its separator detected."""
    line = text.splitlines()[0] if text else ""
    try:
        cells = next(csv.reader([line], delimiter=detect_delimiter(line)), [])
    except csv.Error:
        return ()
    return tuple(cell.strip() for cell in cells)


def sniff_header(path: Path) -> tuple[str, ...]:
    """The header cells of a file that may be CSV, read from its first few KB.

    Never raises for content: a file that is not text gives an empty or meaningless
    header. Only an unreadable path raises ``OSError``.
    """
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return header_of(head.decode("utf-16", errors="replace"))
    if b"\x00" in head:
        return ()
    return header_of(head.decode("utf-8-sig", errors="replace"))


def read_table(path: Path, display: str) -> Table:
    """Read and parse a whole CSV file.

    Raises:
        ImportFileError: too large, badly encoded, empty, or not parseable as CSV.
    """
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise ImportFileError(
            display, "", "", f"{size} bytes is larger than {MAX_CSV_BYTES} for a CSV export"
        )
    text = decode(path.read_bytes(), display)
    first_line = text.split("\n", 1)[0]
    delimiter = detect_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[TableRow] = []
    number = 0
    try:
        for cells in reader:
            number += 1
            if any(cell.strip() for cell in cells):
                records.append(TableRow(number, tuple(cells)))
    except csv.Error as err:
        raise ImportFileError(display, f"row {number + 1}", "", f"not valid CSV: {err}") from err
    if not records or records[0].number != 1:
        raise ImportFileError(display, "row 1", "", "no header row: the file is empty")
    header = tuple(cell.strip() for cell in records[0].cells)
    return Table(header=header, rows=tuple(records[1:]), delimiter=delimiter)


def find_columns(
    header: Sequence[str],
    aliases: Mapping[str, Sequence[str]],
    required: Iterable[str],
    display: str,
) -> dict[str, int]:
    """Map each of a reader's field names to a column index, by header label.

    Labels compare without case or surrounding spaces; the first column with a label
    wins. Fields absent from the header are absent from the result.

    Raises:
        ImportFileError: a required field has no column.
    """
    position: dict[str, int] = {}
    for index, label in enumerate(header):
        position.setdefault(label.strip().casefold(), index)
    found: dict[str, int] = {}
    for name, labels in aliases.items():
        for label in labels:
            if label.casefold() in position:
                found[name] = position[label.casefold()]
                break
    for name in required:
        if name not in found:
            expected = " or ".join(f'"{label}"' for label in aliases[name])
            raise ImportFileError(display, "row 1", name, f"no column {expected} in the header")
    return found


def cells_by_name(row: TableRow, columns: Mapping[str, int]) -> Cell:
    """The :data:`Cell` lookup of ``row``, by the field names :func:`find_columns` found."""

    def cell(name: str) -> str:
        return row.cells[columns[name]].strip() if name in columns else ""

    return cell


def check_width(row: TableRow, width: int) -> None:
    """Refuse a row whose field count differs from the header's (a broken or cut row)."""
    if len(row.cells) != width:
        raise RowError(
            "row", f"has {len(row.cells)} fields where the header has {width}: cut short or split"
        )


__all__ = [
    "MAX_CSV_BYTES",
    "SNIFF_BYTES",
    "Cell",
    "ReadOptions",
    "Table",
    "TableRow",
    "cells_by_name",
    "check_width",
    "decode",
    "detect_delimiter",
    "find_columns",
    "header_of",
    "read_table",
    "sniff_header",
]
