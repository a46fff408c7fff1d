"""The public Python API: validate a check-in and assess it.

``assess`` accepts the check-in as a dict, a :class:`CheckIn` or a JSON text and
returns the :class:`Assessment` model; bad input raises :class:`InputError` naming
the field. The one impure step — today's date for a check-in without one — is
taken here, at the edge, so that the engine stays a pure function.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from lumbar.engine.assessment import assess_checkin, evaluate
from lumbar.errors import InputError, describe_validation_error
from lumbar.model import Assessment, CheckIn


def parse_checkin(document: CheckIn | dict[str, Any] | str | bytes) -> CheckIn:
    """The validated check-in.

    Raises:
        InputError: the document does not follow the contract (one line, the field named).
    """
    if isinstance(document, CheckIn):
        return document
    try:
        if isinstance(document, (str, bytes)):
            return CheckIn.model_validate_json(document)
        if not isinstance(document, dict):
            raise InputError("", f"a check-in must be a JSON object, got {type(document).__name__}")
        return CheckIn.model_validate(document)
    except ValidationError as exc:
        raise describe_validation_error(exc, CheckIn) from None


def assess(
    checkin: CheckIn | dict[str, Any] | str | bytes, today: dt.date | None = None
) -> Assessment:
    """Assess one check-in (contract ``lumbar.assessment/1``).

    Args:
        checkin: the check-in as a model, a dict or a JSON text.
        today: the date to use when the check-in has none (default: the local date).

    Raises:
        InputError: the check-in does not follow the contract.
    """
    parsed = parse_checkin(checkin)
    return assess_checkin(parsed, today or dt.date.today())


def assess_json(
    checkin: CheckIn | dict[str, Any] | str | bytes, today: dt.date | None = None
) -> str:
    """Assess one check-in and return the assessment as JSON text.

    The text is the same as ``assess(checkin, today).model_dump_json()``, written
    without building the output model (the batch's fast path).
    """
    parsed = parse_checkin(checkin)
    return evaluate(parsed, today or dt.date.today()).to_json()


__all__ = ["assess", "assess_json", "parse_checkin"]
