"""Batch assessment: JSON Lines in, JSON Lines out, one answer per line in the same order.

A refused line gives ``{"error": "line N: field: reason"}`` on its output line and the
run goes on (CONTRACT.md); the caller exits 2 when any line was refused.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import BinaryIO

from pydantic import ValidationError

from lumbar.engine.assessment import evaluate
from lumbar.errors import describe_validation_error
from lumbar.model import CheckIn

_FLUSH_EVERY = 512


def assess_lines(lines: Iterable[bytes], out: BinaryIO, today: dt.date | None = None) -> int:
    """Assess each line of ``lines`` and write one JSON answer per line to ``out``.

    Args:
        lines: the input, one check-in JSON document per line (bytes, as read from a file).
        out: where the answers go (UTF-8 bytes: the answers are written as pydantic
            serialises them, never decoded and encoded again).
        today: the date for check-ins without one (default: the local date).

    Returns:
        How many lines were refused.
    """
    day = today or dt.date.today()
    refused = 0
    buffer: list[bytes] = []
    for number, line in enumerate(lines, start=1):
        try:
            checkin = CheckIn.model_validate_json(line)
        except ValidationError as exc:
            refused += 1
            error = describe_validation_error(exc, CheckIn)
            answer = json.dumps({"error": f"line {number}: {error}"}, ensure_ascii=False)
            buffer.append(answer.encode())
        else:
            buffer.append(evaluate(checkin, day).json_bytes())
        if len(buffer) >= _FLUSH_EVERY:
            out.write(b"\n".join(buffer) + b"\n")
            buffer.clear()
    if buffer:
        out.write(b"\n".join(buffer) + b"\n")
    out.flush()
    return refused
