"""The web check-in form, read into a contract check-in.

Inputs are named after the contract's dotted fields (``pain.nrs``, ``workout.rpe``,
``profile.age``) so that an :class:`~lumbar.errors.InputError` from the engine points
at the input to mark. An empty input means *not known*; a yes/no question has a third
answer, "not sure", which is also *not known* — never *no*. The warning signs count
as answered only when one is ticked or "none of these" is: otherwise ``symptoms`` is
left out and the assessment says the signs were not asked.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from lumbar.errors import InputError

__all__ = [
    "TRI_STATE",
    "FormValues",
    "after_session",
    "assess_leniently",
    "exercise_names",
    "form_values",
    "read_checkin",
    "read_profile",
    "values_of",
]

FormValues = Mapping[str, Sequence[str]]
"""A submitted form: each name with its values, in order (checkboxes repeat a name)."""

TRI_STATE = {"yes": True, "no": False, "": None, "unsure": None}

_PAIN_NUMBERS = {"pain.days_since_onset": False, "pain.episodes_last_3_months": True}
_PAIN_CHOICES = ("onset", "side", "spread", "radiates_to", "trend")
_WORKOUT_NUMBERS = ("rpe", "duration_min", "load_change_pct", "shoe_km")
_WORKOUT_FLAGS = ("warm_up", "cool_down", "form_breakdown", "new_exercise", "belt")
_PROFILE_NUMBERS = {
    "profile.age": True,
    "profile.height_cm": False,
    "profile.weight_kg": False,
    "profile.desk_hours_per_day": False,
    "profile.core_sessions_per_week": False,
}


def form_values(form: Any) -> dict[str, list[str]]:
    """A Starlette ``FormData`` (or any multi-dict) as plain ``name → values``; files dropped."""
    return {
        key: [v for v in form.getlist(key) if isinstance(v, str)] for key in dict.fromkeys(form)
    }


def _one(form: FormValues, name: str) -> str:
    values = form.get(name) or [""]
    return values[-1].strip()


def _many(form: FormValues, name: str) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in form.get(name, []) if v.strip()))


def _number(form: FormValues, name: str, whole: bool) -> int | float | None:
    raw = _one(form, name).replace(",", ".")
    if raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InputError(
            name, f"must be a {'whole ' if whole else ''}number, got {raw!r}"
        ) from None
    if not math.isfinite(value):
        raise InputError(name, f"must be a finite number, got {raw!r}")
    if whole:
        if not value.is_integer():
            raise InputError(name, f"must be a whole number, got {raw!r}")
        return int(value)
    return value


def _flag(form: FormValues, name: str) -> bool | None:
    raw = _one(form, name).lower()
    if raw not in TRI_STATE:
        raise InputError(name, f"must be yes, no or not sure, got {raw!r}")
    return TRI_STATE[raw]


def _known(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in (None, "", [])}


def _pain(form: FormValues) -> dict[str, Any]:
    pain: dict[str, Any] = {"nrs": _number(form, "pain.nrs", whole=True)}
    if pain["nrs"] is None:
        raise InputError("pain.nrs", "is required: choose how bad the pain is, 0 to 10")
    for name, whole in _PAIN_NUMBERS.items():
        pain[name.split(".", 1)[1]] = _number(form, name, whole)
    for choice in _PAIN_CHOICES:
        pain[choice] = _one(form, f"pain.{choice}") or None
    pain["quality"] = _many(form, "pain.quality") or None
    pain["worse_at_night"] = _flag(form, "pain.worse_at_night")
    return _known(pain) | {"nrs": pain["nrs"]}


def _symptoms(form: FormValues) -> list[str] | None:
    ticked = _many(form, "symptoms")
    if ticked:
        return ticked
    return [] if _one(form, "symptoms_none") else None


# A comma that separates two names: one not inside brackets, where apps write the
# variant of an exercise ("Bench Press (Dumbbell, Incline)" is one name).
_NAME_SEPARATOR = re.compile(r",(?![^()]*\))")


def exercise_names(text: str) -> list[str]:
    """The exercise names of the form's box, in order: split at commas outside brackets."""
    return [name.strip() for name in _NAME_SEPARATOR.split(text) if name.strip()]


def _workout(form: FormValues) -> dict[str, Any]:
    workout: dict[str, Any] = {"type": _one(form, "workout.type") or None}
    workout["exercises"] = exercise_names(_one(form, "workout.exercises")) or None
    for name in _WORKOUT_NUMBERS:
        workout[name] = _number(form, f"workout.{name}", whole=False)
    for name in _WORKOUT_FLAGS:
        workout[name] = _flag(form, f"workout.{name}")
    workout["surface"] = _one(form, "workout.surface") or None
    return _known(workout)


def read_profile(form: FormValues) -> dict[str, Any]:
    """The profile part of a form (``profile.*`` inputs); empty when nothing was entered.

    Raises:
        InputError: a number that is not one.
    """
    profile: dict[str, Any] = {
        name.split(".", 1)[1]: _number(form, name, whole)
        for name, whole in _PROFILE_NUMBERS.items()
    }
    profile["sex"] = _one(form, "profile.sex") or None
    conditions = _many(form, "profile.conditions")
    if conditions or _one(form, "profile.conditions_none"):
        profile["conditions"] = conditions
    known = _known(profile)
    if "conditions" in profile and not conditions:
        known["conditions"] = []  # "none of these" is an answer, unlike an empty form
    return known


def read_checkin(form: FormValues) -> dict[str, Any]:
    """The contract check-in the form describes (not yet validated against the contract).

    ``workout.session`` (the id of a journal session the pain followed) is not part of
    the check-in: the caller reads it with :func:`after_session`.

    Raises:
        InputError: a value that is not a number where one is expected, or no pain score.
    """
    checkin: dict[str, Any] = {"pain": _pain(form)}
    day = _one(form, "date")
    if day:
        checkin["date"] = day
    symptoms = _symptoms(form)
    if symptoms is not None:
        checkin["symptoms"] = symptoms
    workout = _workout(form)
    if workout:
        checkin["workout"] = workout
    profile = read_profile(form)
    if profile:
        checkin["profile"] = profile
    return checkin


def _shown(value: Any) -> str:
    """A stored value as its input shows it: yes/no for flags, numbers without ".0"."""
    if value is True or value is False:
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def values_of(checkin: Mapping[str, Any]) -> dict[str, list[str]]:
    """The form values that describe ``checkin``: :func:`read_checkin`'s inverse.

    Used to fill the form with a stored check-in, so that correcting it starts from
    every answer it holds. Fields the form has no input for (``history``) are left out.
    """
    values: dict[str, list[str]] = {}
    if checkin.get("date"):
        values["date"] = [str(checkin["date"])]
    symptoms = checkin.get("symptoms")
    if symptoms:
        values["symptoms"] = list(symptoms)
    elif symptoms is not None:
        values["symptoms_none"] = ["1"]
    for part in ("pain", "workout", "profile"):
        for key, value in (checkin.get(part) or {}).items():
            if value is None:
                continue
            if key == "exercises":
                values["workout.exercises"] = [", ".join(value)]
            elif key == "conditions" and not value:
                values["profile.conditions_none"] = ["1"]
            elif isinstance(value, list):
                values[f"{part}.{key}"] = [str(v) for v in value]
            else:
                values[f"{part}.{key}"] = [_shown(value)]
    return values


def after_session(form: FormValues) -> int | None:
    """The id of the journal session the pain followed, if one was chosen."""
    raw = _one(form, "workout.session")
    if not raw:
        return None
    if not raw.isdigit():
        raise InputError("workout.session", f"must be a session id, got {raw!r}")
    return int(raw)


def _drop(document: dict[str, Any], field: str) -> bool:
    """Remove the dotted ``field`` from ``document``; False when it is not there."""
    parts = field.split(".")
    target: Any = document
    for part in parts[:-1]:
        target = target.get(part) if isinstance(target, dict) else None
        if target is None:
            return False
    last = parts[-1].split("[", 1)[0]
    if isinstance(target, dict) and last in target:
        del target[last]
        return True
    return False


def assess_leniently(form: FormValues, assess: Callable[[dict[str, Any]], Any]) -> Any:
    """Assess a form that is still being filled in: the pain score defaults to 0 and any
    value the contract refuses is left out, so that the warning signs ticked so far are
    always assessed.
    """
    form = dict(form)
    if not _one(form, "pain.nrs"):
        form["pain.nrs"] = ["0"]  # the score is asked after the warning signs
    checkin: dict[str, Any] = {"pain": {"nrs": 0}}
    readers: tuple[tuple[str, Callable[[FormValues], Any]], ...] = (
        ("pain", _pain),
        ("symptoms", _symptoms),
        ("workout", _workout),
        ("profile", read_profile),
    )
    for key, reader in readers:
        try:
            value = reader(form)
        except InputError:
            continue
        if value is not None and value != {}:
            checkin[key] = value
    for _ in range(20):  # each round removes one refused field
        try:
            return assess(checkin)
        except InputError as exc:
            if not _drop(checkin, exc.field):  # not pinned down: leave its section out
                section = exc.field.split(".", 1)[0].split("[", 1)[0]
                checkin.pop(section, None)
            checkin.setdefault("pain", {}).setdefault("nrs", 0)
    return assess({"pain": {"nrs": 0}})
