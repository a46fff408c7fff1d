"""From a table's rows to sessions: each row parsed or refused, rows grouped into sessions.

A reader hands :func:`parse_rows` its function from one row to what the row holds
(usually a :class:`ParsedRow`); a row that function refuses, or whose field count is
wrong, becomes a :class:`~lumbar.ingest.records.Refused` item. :func:`assemble` then
groups the parsed rows into sessions, each with the rows it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from lumbar.ingest.csvutil.table import Cell, Table, TableRow, cells_by_name, check_width
from lumbar.ingest.csvutil.values import RowError
from lumbar.ingest.records import ImportedSession, ImportedSet, Refused, SourceRef


def describe_rows(numbers: Iterable[int]) -> str:
    """``"row 5"``, ``"rows 2-14"`` or ``"rows 2-5, 9-12"`` for a set of row numbers."""
    ordered = sorted(set(numbers))
    spans: list[tuple[int, int]] = []
    for number in ordered:
        if spans and number == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], number)
        else:
            spans.append((number, number))
    text = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in spans)
    return f"row {text}" if len(ordered) == 1 else f"rows {text}"


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A row read by a CSV reader, before rows are grouped into sessions.

    Attributes:
        number: the spreadsheet row number.
        key: what groups rows into one session (e.g. ``Workout #``).
        head: the session's own fields, as keyword arguments of ImportedSession
            (without ``sets``, ``source`` and ``notes``).
        set: the set this row holds, or None for a row that is not a set.
        notes: free-text lines this row adds to the session's notes.
        strict_head: True when rows of one session must agree on ``head`` (the
            generic format); False when the first row's values are kept.
    """

    number: int
    key: Hashable
    head: Mapping[str, Any]
    set: ImportedSet | None = None
    notes: tuple[str, ...] = ()
    strict_head: bool = False


@dataclass
class _Draft:
    head: dict[str, Any]
    rows: list[int] = field(default_factory=list)
    sets: list[ImportedSet] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def refusal(fmt: str, display: str, number: int, problem: RowError) -> Refused:
    """The :class:`Refused` item for a problem found in row ``number``."""
    return Refused(SourceRef(fmt, display, f"row {number}"), problem.field, problem.message)


_T = TypeVar("_T")


def parse_rows(
    fmt: str,
    display: str,
    table: Table,
    columns: Mapping[str, int],
    parse: Callable[[TableRow, Cell], _T],
) -> Iterator[_T | Refused]:
    """Each data row of ``table`` as ``parse`` reads it, in order, or its Refused item.

    ``parse`` gets the row and its cells by field name (``columns`` from
    :func:`~lumbar.ingest.csvutil.table.find_columns`) and refuses the row by raising
    :class:`RowError`. A row whose field count differs from the header's is refused
    before ``parse`` sees it.
    """
    width = len(table.header)
    for row in table.rows:
        try:
            check_width(row, width)
            item = parse(row, cells_by_name(row, columns))
        except RowError as problem:
            yield refusal(fmt, display, row.number, problem)
            continue
        yield item


def _merge_head(draft: _Draft, row: ParsedRow) -> RowError | None:
    """Fill the session's unknown fields from ``row``, unless ``row`` contradicts it:
    then nothing is taken from the row and the contradiction is returned."""
    for name, value in row.head.items():
        known = draft.head.get(name)
        if value is not None and known is not None and known != value:
            return RowError(
                name,
                f"{value!r} differs from {known!r} given earlier for the same "
                f"session ({describe_rows(draft.rows)})",
            )
    for name, value in row.head.items():
        if value is not None and draft.head.get(name) is None:
            draft.head[name] = value
    return None


def assemble(
    fmt: str, display: str, items: Iterable[ParsedRow | Refused]
) -> Iterator[ImportedSession | Refused]:
    """Group parsed rows into sessions, in the order of each session's first row.

    Refused items pass through in row order; a session's source names all its rows
    (``"rows 2-14"``). Notes are joined one per line, repeated lines once.
    """
    drafts: dict[Hashable, _Draft] = {}
    order: list[tuple[int, Refused | _Draft]] = []
    for item in items:
        if isinstance(item, Refused):
            order.append((_row_of(item), item))
            continue
        draft = drafts.get(item.key)
        if draft is None:
            draft = drafts[item.key] = _Draft(head=dict(item.head))
            order.append((item.number, draft))
        elif item.strict_head and (problem := _merge_head(draft, item)):
            order.append((item.number, refusal(fmt, display, item.number, problem)))
            continue
        draft.rows.append(item.number)
        if item.set is not None:
            draft.sets.append(item.set)
        draft.notes.extend(line for line in item.notes if line not in draft.notes)
    order.sort(key=lambda pair: pair[0])
    for _, entry in order:
        if isinstance(entry, Refused):
            yield entry
            continue
        draft = entry
        yield ImportedSession(
            **draft.head,
            sets=tuple(draft.sets),
            notes="\n".join(draft.notes) or None,
            source=SourceRef(fmt, display, describe_rows(draft.rows)),
        )


def _row_of(item: Refused) -> int:
    locator = item.source.locator
    digits = locator.removeprefix("row ").split(" ", 1)[0]
    return int(digits) if digits.isdigit() else 0


__all__ = ["ParsedRow", "assemble", "describe_rows", "parse_rows", "refusal"]
