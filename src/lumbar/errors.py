"""Refusing bad input with one clear line: which field, what was expected, what came.

Pydantic's errors are precise but long; :func:`describe_validation_error` turns the
first of them into a single line such as ``pain.nrs: must be 0–10, got 12``, which
the CLI prints on standard error (exit 2) and the web API returns as JSON.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

_MAX_SHOWN = 40


class InputError(ValueError):
    """A document that does not follow the contract.

    Attributes:
        field: dotted path of the offending field (``"pain.nrs"``), or ``""`` for the
            whole document.
        reason: what was expected and what came.
    """

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}" if field else reason)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _field_info(model: type[BaseModel], loc: tuple[int | str, ...]) -> FieldInfo | None:
    """The FieldInfo at ``loc`` (skipping list indexes), or None if it cannot be found."""
    info: FieldInfo | None = None
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            return None
        info = fields[part]
        current = _inner_model(info.annotation)
    return info


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside ``X | None`` or ``list[X]``, if any."""
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        stack.extend(getattr(item, "__args__", ()))
    return None


def _bounds(info: FieldInfo | None, loc_field: str) -> tuple[float | None, float | None]:
    low = high = None
    stack: list[Any] = list(info.metadata) if info else []
    if info is not None:
        stack.extend(getattr(info.annotation, "__args__", ()))
    while stack:
        item = stack.pop()
        for attr in ("ge", "gt"):
            if getattr(item, attr, None) is not None:
                low = getattr(item, attr)
        for attr in ("le", "lt"):
            if getattr(item, attr, None) is not None:
                high = getattr(item, attr)
        stack.extend(getattr(item, "__metadata__", ()))
        stack.extend(getattr(item, "metadata", ()) if not isinstance(item, type) else ())
        stack.extend(a for a in getattr(item, "__args__", ()) if not isinstance(a, type))
    return low, high


def _name(part: str) -> str:
    # A field name from the input may hold anything; quote it unless it is plain, so
    # that the error stays on one line and says exactly which key was refused.
    plain = part.isprintable() and part.strip() == part and "." not in part and part != ""
    return part if plain else json.dumps(part)


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{_name(part)}" if out else _name(part)
    return out


def _reason(error: dict[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    ctx = error.get("ctx", {})
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of the contract"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        low, high = _bounds(_field_info(model, loc), _dotted(loc))
        if low is not None and high is not None:
            return f"must be {_number(low)}–{_number(high)}, got {_shown(value)}"
        if low is not None:
            word = "more than" if kind == "greater_than" else "at least"
            return f"must be {word} {_number(low)}, got {_shown(value)}"
        return f"must be at most {_number(high or 0)}, got {_shown(value)}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}, got {_shown(value)}"
    if kind in {"int_type", "int_from_float", "int_parsing"}:
        return f"must be a whole number, got {_shown(value)}"
    if kind in {"float_type", "float_parsing"}:
        return f"must be a number, got {_shown(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"must be true or false, got {_shown(value)}"
    if kind in {"list_type"}:
        return f"must be a list, got {_shown(value)}"
    if kind in {"string_type"}:
        return f"must be text, got {_shown(value)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"must be an object, got {_shown(value)}"
    if kind.startswith("date"):
        return f"must be an ISO date (YYYY-MM-DD), got {_shown(value)}"
    if kind == "finite_number":
        return f"must be a finite number, got {_shown(value)}"
    return f"{error['msg']}, got {_shown(value)}"


def describe_validation_error(exc: ValidationError, model: type[BaseModel]) -> InputError:
    """The first error of ``exc`` as one :class:`InputError` naming the field."""
    first = exc.errors(include_url=False)[0]
    if first["type"] == "json_invalid":
        return InputError("", f"malformed JSON: {first.get('ctx', {}).get('error', first['msg'])}")
    return InputError(_dotted(tuple(first["loc"])) or "check-in", _reason(dict(first), model))
