"""The work of ``lumbar assess FILE``, free of the command-line framework.

Two front doors lead here: the typer command in :mod:`lumbar.cli`, and the quick start
in :mod:`lumbar.launch`, which runs the plain ``lumbar assess FILE`` without loading
typer at all. Both read the file, the date and the check-in through these functions and
refuse bad input through :func:`fail`, so they cannot answer differently.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

# lumbar uses no pydantic plugins; without this, pydantic scans every installed
# package's entry points on the first model it builds, a visible part of start-up.
# Every command line imports this module before it builds a model.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__all__ = ["FORMATS", "assess_document", "fail", "parse_day", "read_text"]

#: The output formats of ``lumbar assess``; JSON is the default.
FORMATS = ("json", "text")


def fail(message: str) -> NoReturn:
    """Print ``lumbar: message`` on standard error and exit with status 2 (input refused).

    ``SystemExit`` rather than a framework's exit, so that the quick start can use it;
    typer lets it through unchanged.
    """
    sys.stderr.write(f"lumbar: {message}\n")
    raise SystemExit(2)


def read_text(path: str) -> str:
    """The text of ``path`` (UTF-8), or of standard input for ``-``; refused otherwise."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror or exc}")
    except UnicodeDecodeError:
        fail(f"{path}: not UTF-8 text")


def parse_day(value: str | None) -> dt.date | None:
    """The ``--today`` date, ``None`` when not given; refused unless an ISO date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--today: must be an ISO date (YYYY-MM-DD), got {value!r}")


def assess_document(document: str | dict[str, Any], day: dt.date | None, format: str) -> None:
    """Assess one check-in and write the answer on standard output.

    Args:
        document: the check-in, as JSON text or an already-parsed document.
        day: the date for a check-in that has none (today when ``None``).
        format: ``"json"`` (the contract's answer, one line) or ``"text"`` (the report).

    A check-in that breaks the contract is refused with one line naming the field.
    """
    from lumbar.api import assess, assess_json
    from lumbar.errors import InputError

    try:
        if format == "json":
            sys.stdout.write(assess_json(document, day) + "\n")
            return
        result = assess(document, day)
    except InputError as exc:
        fail(str(exc))
    # Rich is loaded only for the report: the JSON answer does not need it.
    from lumbar.render.text import print_report

    print_report(result)
