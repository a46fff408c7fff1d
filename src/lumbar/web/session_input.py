"""Sessions and check-ins as the API and the journal forms send them, validated at the edge.

The same pydantic models read a JSON body and a submitted form (after
:func:`session_from_form` has turned the form's text into values), so the two ways of
writing to the journal accept exactly the same things, and a refusal names the field.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from lumbar.errors import InputError, describe_validation_error
from lumbar.ingest.csvutil import EARLIEST, LATEST, LIMITS
from lumbar.ingest.records import ImportedSession, ImportedSet, SourceRef
from lumbar.model import Pain, PainFields
from lumbar.vocab import SetType, Surface, Symptom, WorkoutType
from lumbar.web.checkin_form import TRI_STATE, FormValues

__all__ = [
    "CheckinIn",
    "CheckinPatch",
    "PersonIn",
    "SessionIn",
    "SessionPatch",
    "SetIn",
    "check_pain",
    "checked",
    "session_from_form",
    "sets_from_form",
    "to_record",
    "to_sets",
]

_IN = ConfigDict(extra="forbid", allow_inf_nan=False)


def _within(limit: str) -> Any:
    """The importers' own range for a quantity (``LIMITS``), as a field constraint."""
    low, high = LIMITS[limit]
    return Field(ge=low, le=high)


def _rounded(digits: int) -> AfterValidator:
    """Keep ``digits`` decimals: what a person can mean (a hundredth of a minute, a gram,
    a metre), dropping float dust such as 1e-300 that would only upset running totals."""
    return AfterValidator(lambda value: round(value, digits))


Minutes = Annotated[float, _within("duration_min"), _rounded(2)]
Kilometres = Annotated[float, _within("distance_km"), _rounded(3)]
SetKilometres = Annotated[float, _within("set_distance_km"), _rounded(3)]
SetSeconds = Annotated[float, _within("set_duration_s"), _rounded(1)]
Kilograms = Annotated[float, _within("weight_kg"), _rounded(2)]
Reps = Annotated[int, Field(ge=LIMITS["reps"][0], le=LIMITS["reps"][1])]
Rpe = Annotated[float, Field(ge=1, le=10)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(max_length=10_000)]
WEB_SOURCE = SourceRef("manual", "web", "")


def _within_years(value: dt.datetime | None) -> dt.datetime | None:
    """Refuse a time outside the years any export holds (as the importers do)."""
    if value is not None and not EARLIEST <= value.replace(tzinfo=None) <= LATEST:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return value


When = Annotated[dt.datetime, AfterValidator(_within_years)]


class SetIn(BaseModel):
    """One set: the exercise as the person writes it, and what was done."""

    model_config = _IN

    exercise: ShortText
    set_type: SetType = "normal"
    reps: Reps | None = None
    weight_kg: Kilograms | None = None
    rpe: Annotated[float, Field(ge=0, le=10)] | None = None
    rir: Annotated[float, Field(ge=LIMITS["rir"][0], le=LIMITS["rir"][1])] | None = None
    distance_km: SetKilometres | None = None
    duration_s: SetSeconds | None = None


SetList = Annotated[list[SetIn], Field(max_length=2000)]


class SessionIn(BaseModel):
    """A session to add. ``start`` is local time, with an offset when known."""

    model_config = _IN

    person: ShortText | None = None
    start: When
    end: When | None = None
    type: WorkoutType
    name: ShortText | None = None
    duration_min: Minutes | None = None
    distance_km: Kilometres | None = None
    rpe: Rpe | None = None
    warm_up: bool | None = None
    cool_down: bool | None = None
    surface: Surface | None = None
    shoe: ShortText | None = None
    notes: LongText | None = None
    sets: SetList = []


class SessionPatch(BaseModel):
    """Changes to a session; a field sent as ``null`` becomes unknown.

    ``sets``, when sent, replaces all the session's sets (``[]`` or ``null`` removes them).
    """

    model_config = _IN

    start: When | None = None
    end: When | None = None
    type: WorkoutType | None = None
    name: ShortText | None = None
    duration_min: Minutes | None = None
    distance_km: Kilometres | None = None
    rpe: Rpe | None = None
    warm_up: bool | None = None
    cool_down: bool | None = None
    surface: Surface | None = None
    shoe: ShortText | None = None
    notes: LongText | None = None
    sets: SetList | None = None


class CheckinIn(BaseModel):
    """A check-in to assess and store: the contract check-in, whose and after which session."""

    model_config = _IN

    person: ShortText | None = None
    after_session: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = None
    checkin: dict[str, Any]


class CheckinPatch(BaseModel):
    """Changes to a stored check-in (it is assessed again): pain fields are merged into
    the stored ones; the other parts are replaced whole, and ``null`` removes one."""

    model_config = _IN

    date: dt.date | None = None
    symptoms: list[Symptom] | None = None
    pain: dict[str, Any] | None = None
    workout: dict[str, Any] | None = None
    profile: dict[str, Any] | None = None


class PersonIn(BaseModel):
    """A person to add, with the contract's profile fields."""

    model_config = _IN

    name: ShortText
    profile: dict[str, Any] = {}


def checked(model: type[BaseModel], data: Any) -> Any:
    """``data`` validated by ``model``.

    Raises:
        InputError: naming the first field refused and why.
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise describe_validation_error(exc, model) from None


def check_pain(changes: dict[str, Any]) -> None:
    """Refuse pain changes outside the contract (``nrs`` may be absent: a partial change).

    Raises:
        InputError: naming ``pain.<field>``.
    """
    model: type[BaseModel] = Pain if changes.get("nrs") is not None else PainFields
    known = {k: v for k, v in changes.items() if v is not None}
    try:
        model.model_validate(known)
    except ValidationError as exc:
        problem = describe_validation_error(exc, model)
        raise InputError(f"pain.{problem.field}", problem.reason) from None


def to_record(session: SessionIn) -> ImportedSession:
    """The store's record for a session typed in the web app or sent to the API."""
    return ImportedSession(
        start=session.start,
        end=session.end,
        type=session.type,
        source=WEB_SOURCE,
        name=session.name,
        duration_min=session.duration_min,
        distance_km=session.distance_km,
        rpe=session.rpe,
        warm_up=session.warm_up,
        cool_down=session.cool_down,
        surface=session.surface,
        shoe=session.shoe,
        notes=session.notes,
        sets=to_sets(session.sets),
    )


def to_sets(sets: list[SetIn]) -> tuple[ImportedSet, ...]:
    """The store's records for sets typed in the web app or sent to the API."""
    return tuple(
        ImportedSet(
            exercise=s.exercise,
            set_type=s.set_type,
            reps=s.reps,
            weight_kg=s.weight_kg,
            rpe=s.rpe,
            rir=s.rir,
            distance_km=s.distance_km,
            duration_s=s.duration_s,
            locator="web",
        )
        for s in sets
    )


def _text(form: FormValues, name: str) -> str:
    return ((form.get(name) or [""])[-1]).strip()


def _number(form: FormValues, name: str) -> float | None:
    raw = _text(form, name).replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InputError(name, f"must be a number, got {raw!r}") from None
    if not math.isfinite(value):
        raise InputError(name, f"must be a finite number, got {raw!r}")
    return value


def _sets(form: FormValues) -> list[dict[str, Any]]:
    from lumbar.journal.set_notation import parse_exercise

    sets: list[dict[str, Any]] = []
    for line in _text(form, "exercises").splitlines():
        if not line.strip():
            continue
        try:
            parsed = parse_exercise(line.strip())
        except ValueError as exc:
            raise InputError("exercises", str(exc)) from None
        sets.extend(
            {
                "exercise": s.exercise,
                "reps": s.reps,
                "weight_kg": s.weight_kg,
                "duration_s": s.duration_s,
            }
            for s in parsed
        )
    return sets


def sets_from_form(form: FormValues) -> list[SetIn]:
    """The sets of the form's ``exercises`` text (one exercise a line), validated as the
    API validates them.

    Raises:
        InputError: naming ``exercises`` for a line that is not in the set notation, or
            the set's field for a value out of range.
    """
    patch: SessionPatch = checked(SessionPatch, {"sets": _sets(form)})
    return patch.sets or []


def session_from_form(form: FormValues, *, new: bool) -> dict[str, Any]:
    """The values of the session form, ready for :class:`SessionIn` or :class:`SessionPatch`.

    An empty input is ``None`` (unknown); ``yes``/``no``/``not sure`` become true,
    false and ``None``.

    Raises:
        InputError: a number that is not one, a bad start time, or a bad set line.
    """
    start = _text(form, "start")
    values: dict[str, Any] = {
        "start": start or None,
        "type": _text(form, "type") or None,
        "name": _text(form, "name") or None,
        "duration_min": _number(form, "duration_min"),
        "distance_km": _number(form, "distance_km"),
        "rpe": _number(form, "rpe"),
        "surface": _text(form, "surface") or None,
        "shoe": _text(form, "shoe") or None,
        "notes": _text(form, "notes") or None,
    }
    for flag in ("warm_up", "cool_down"):
        raw = _text(form, flag).lower()
        if raw not in TRI_STATE:
            raise InputError(flag, f"must be yes, no or not sure, got {raw!r}")
        values[flag] = TRI_STATE[raw]
    if new:
        values["sets"] = _sets(form)
        if values["start"] is None:
            raise InputError("start", "is required: when did the session start?")
    return values
