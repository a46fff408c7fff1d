"""Pydantic models of the assessment contract (CONTRACT.md, ``lumbar.assessment/1``).

Input models refuse unknown fields and out-of-range values; every field but
``pain.nrs`` may be missing or ``null``, which means *not known*, never *no*.
Output models are built by the engine from trusted parts and serialise to exactly
the contract's JSON (plus the additive fields documented on each class).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from lumbar.vocab import (
    CauseId,
    Condition,
    Level,
    Onset,
    Pattern,
    Quality,
    Radiation,
    Sex,
    Side,
    Spread,
    Support,
    Surface,
    Symptom,
    Trend,
    WorkoutType,
)

CONTRACT_ID = "lumbar.assessment/1"

# Strict: JSON `true` is a boolean and `"4"` is not a number. Dates stay lax so that an
# ISO string in a Python dict is read the same way as in a JSON document.
_INPUT = ConfigDict(extra="forbid", strict=True, frozen=True)
# The parts are built when first used on their own: validating a CheckIn builds its
# whole schema in one go, so that `lumbar assess` compiles one validator, not eight.
_PART = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
IsoDate = Annotated[dt.date, Field(strict=False)]
NonNegative = Annotated[float, Field(ge=0)]


class Profile(BaseModel):
    """Who the person is. Attributes are all optional.

    Attributes:
        age: whole years, 12–110.
        sex: ``female``, ``male`` or ``other``.
        height_cm: standing height in centimetres.
        weight_kg: body mass in kilograms.
        conditions: known diagnoses and risk factors (contract vocabulary).
        desk_hours_per_day: hours a day spent sitting at a desk.
        core_sessions_per_week: core-strength sessions a week.
    """

    model_config = _PART

    age: Annotated[int, Field(ge=12, le=110)] | None = None
    sex: Sex | None = None
    height_cm: Annotated[float, Field(gt=0, le=300)] | None = None
    weight_kg: Annotated[float, Field(gt=0, le=500)] | None = None
    conditions: list[Condition] | None = None
    desk_hours_per_day: Annotated[float, Field(ge=0, le=24)] | None = None
    core_sessions_per_week: NonNegative | None = None


class PainFields(BaseModel):
    """The description of a pain episode; shared by the check-in and history check-ins.

    Attributes:
        days_since_onset: days since the pain began (0 = today).
        onset: when it began relative to training.
        quality: words that describe it.
        side, spread, radiates_to, trend: where it is and how it changes.
        worse_at_night: constant night pain not eased by changing position.
        episodes_last_3_months: earlier episodes, not counting this one.
    """

    model_config = _PART

    days_since_onset: NonNegative | None = None
    onset: Onset | None = None
    quality: list[Quality] | None = None
    side: Side | None = None
    spread: Spread | None = None
    radiates_to: Radiation | None = None
    trend: Trend | None = None
    worse_at_night: bool | None = None
    episodes_last_3_months: Annotated[int, Field(ge=0)] | None = None


class Pain(PainFields):
    """The present pain. ``nrs`` (0–10, worst in the last 24 h) is the one required field."""

    nrs: Annotated[int, Field(ge=0, le=10)]


class Workout(BaseModel):
    """The training session the pain followed.

    Attributes:
        type: kind of session (contract vocabulary).
        exercises: names as a person or an app writes them.
        rpe: session rating of perceived exertion, CR-10 scale, 1–10.
        duration_min: minutes.
        load_change_pct: load against the usual for that session, percent (40 = 40 % more).
        shoe_km: kilometres already run in the shoes worn.
    """

    model_config = _PART

    type: WorkoutType | None = None
    exercises: list[str] | None = None
    warm_up: bool | None = None
    cool_down: bool | None = None
    rpe: Annotated[float, Field(ge=1, le=10)] | None = None
    duration_min: NonNegative | None = None
    load_change_pct: Annotated[float, Field(ge=-100)] | None = None
    form_breakdown: bool | None = None
    new_exercise: bool | None = None
    surface: Surface | None = None
    shoe_km: NonNegative | None = None
    belt: bool | None = None


class HistorySession(BaseModel):
    """A past session, in the journal's own shape. ``date`` is required."""

    model_config = _PART

    date: IsoDate
    type: WorkoutType | None = None
    duration_min: NonNegative | None = None
    rpe: Annotated[float, Field(ge=1, le=10)] | None = None
    distance_km: NonNegative | None = None
    exercises: list[str] | None = None
    warm_up: bool | None = None
    cool_down: bool | None = None
    surface: Surface | None = None


class HistoryCheckIn(PainFields):
    """A past pain check-in: ``date`` and ``nrs``, optionally the other pain fields."""

    date: IsoDate
    nrs: Annotated[int, Field(ge=0, le=10)]


class History(BaseModel):
    """Past sessions and check-ins; entries dated after the check-in are ignored."""

    model_config = _PART

    sessions: list[HistorySession] = Field(default_factory=list)
    checkins: list[HistoryCheckIn] = Field(default_factory=list)


class CheckIn(BaseModel):
    """One check-in: the contract's input document."""

    model_config = _INPUT

    date: IsoDate | None = None
    profile: Profile | None = None
    pain: Pain
    symptoms: list[Symptom] | None = None
    workout: Workout | None = None
    history: History | None = None


# --------------------------------------------------------------------------- output

# Built on first use: a single `lumbar assess` serialises only the small pieces.
_OUTPUT = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Reason(BaseModel):
    """Why the triage level was reached: the rule, its evidence and its sources."""

    model_config = _OUTPUT

    id: str
    text: str
    evidence: list[str]
    sources: list[str]


class Triage(BaseModel):
    """How pressing it is. ``reasons`` lists every rule that fired, highest level first."""

    model_config = _OUTPUT

    level: Level
    headline: str
    reasons: list[Reason]


class Cause(BaseModel):
    """A cause the input supports. ``title`` is an additive field (its plain name)."""

    model_config = _OUTPUT

    id: CauseId
    support: Support
    evidence: list[str]
    sources: list[str]
    title: str = ""


class PlanItem(BaseModel):
    """One thing to do, with its sources (ids in the bibliography)."""

    model_config = _OUTPUT

    id: str
    text: str
    sources: list[str]


class Plan(BaseModel):
    """What to do now, how to prevent a recurrence, supportive measures and lifestyle."""

    model_config = _OUTPUT

    now: list[PlanItem]
    prevent: list[PlanItem]
    support: list[PlanItem]
    lifestyle: list[PlanItem]


class Assessment(BaseModel):
    """The contract's output document.

    Additive fields (allowed by the contract): ``pattern_reasons`` shows how the
    pattern was read, ``not_asked`` names the red-flag questions the check-in left
    unanswered, and ``disclaimer`` is the plain statement shown on every report.
    """

    model_config = _OUTPUT

    contract: str = CONTRACT_ID
    triage: Triage
    pattern: Pattern
    causes: list[Cause]
    plan: Plan
    safety_net: list[str]
    pattern_reasons: list[str] = Field(default_factory=list)
    not_asked: list[str] = Field(default_factory=list)
    disclaimer: str = ""


__all__ = [
    "CONTRACT_ID",
    "Assessment",
    "Cause",
    "CheckIn",
    "History",
    "HistoryCheckIn",
    "HistorySession",
    "Pain",
    "PainFields",
    "Plan",
    "PlanItem",
    "Profile",
    "Reason",
    "Triage",
    "Workout",
]
