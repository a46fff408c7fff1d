"""What the CSV importers share: the table, columns by name, cell values, grouping.

Every CSV reader (Strong, Hevy, the generic format, Strava's ``activities.csv``) goes
through :func:`read_table`, picks its columns by header label with
:func:`find_columns` (never by position: formats.md §1), lets :func:`parse_rows` turn
each row into a :class:`ParsedRow` — or, when a cell is unreadable or absurd, a
:class:`~lumbar.ingest.records.Refused` item built by :func:`refusal` — and lets
:func:`assemble` group the rows into sessions.
"""

from lumbar.ingest.csvutil.grouping import (
    ParsedRow,
    assemble,
    describe_rows,
    parse_rows,
    refusal,
)
from lumbar.ingest.csvutil.table import (
    MAX_CSV_BYTES,
    SNIFF_BYTES,
    Cell,
    ReadOptions,
    Table,
    TableRow,
    check_width,
    decode,
    detect_delimiter,
    find_columns,
    header_of,
    read_table,
    sniff_header,
)
from lumbar.ingest.csvutil.values import (
    LB_TO_KG,
    MI_TO_KM,
    RowError,
    to_bool,
    to_datetime,
    to_duration_s,
    to_float,
    to_int,
    within,
)
from lumbar.ingest.limits import EARLIEST, LATEST, LIMITS

__all__ = [
    "EARLIEST",
    "LATEST",
    "LB_TO_KG",
    "LIMITS",
    "MAX_CSV_BYTES",
    "MI_TO_KM",
    "SNIFF_BYTES",
    "Cell",
    "ParsedRow",
    "ReadOptions",
    "RowError",
    "Table",
    "TableRow",
    "assemble",
    "check_width",
    "decode",
    "describe_rows",
    "detect_delimiter",
    "find_columns",
    "header_of",
    "parse_rows",
    "read_table",
    "refusal",
    "sniff_header",
    "to_bool",
    "to_datetime",
    "to_duration_s",
    "to_float",
    "to_int",
    "within",
]
