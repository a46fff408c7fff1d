"""The journal export document (CONTRACT.md, "The journal export", ``lumbar.journal/1``).

These models say what the journal accepts, whichever way a session arrives: read
back from an export document, or handed over by a file importer (the import
pipeline validates every :class:`~lumbar.ingest.records.ImportedSession` against
:class:`SessionDoc` before writing it). Unknown fields are refused, so nothing is
dropped silently.

Fields named in the contract come first, in its order. Additive fields, allowed by
the contract, keep a journal whole across export and import: per session
``avg_hr_bpm``, ``max_hr_bpm``, ``energy_kcal`` and ``sport``; per set
``exercise_id`` (the catalogue match) and ``locator`` (row or record in the source);
per check-in ``source``; and at the top ``shoes`` (kilometres before the journal)
and ``exercise_mappings`` (the user's own mappings).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from lumbar.knowledge.catalogue import MovementPattern
from lumbar.model import Profile
from lumbar.vocab import SetType, Surface, WorkoutType

__all__ = [
    "JOURNAL_CONTRACT",
    "CheckInDoc",
    "JournalDoc",
    "MappingDoc",
    "PersonDoc",
    "SessionDoc",
    "SetDoc",
    "ShoeDoc",
    "SourceDoc",
]

JOURNAL_CONTRACT = "lumbar.journal/1"

_STRICT = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)
NonNegative = Annotated[float, Field(ge=0)]
SessionRpe = Annotated[float, Field(ge=1, le=10)]
SetRpe = Annotated[float, Field(ge=0, le=10)]


def _without_nul(text: str) -> str:
    if "\x00" in text:
        raise PydanticCustomError("no_nul", "must not contain the NUL character (\\x00)")
    return text


# Text the journal can store on every backend: PostgreSQL's text columns refuse the NUL
# character, so both backends refuse it here, naming the field.
Plain = Annotated[str, AfterValidator(_without_nul)]
Text = Annotated[Plain, Field(min_length=1)]
# Bounded text and counts: the columns that hold them have these sizes on PostgreSQL.
Label = Annotated[Plain, Field(min_length=1, max_length=100)]
Name = Annotated[Plain, Field(min_length=1, max_length=200)]
Reps = Annotated[int, Field(ge=0, le=10_000)]


class SourceDoc(BaseModel):
    """Where an imported row came from (``None`` in the document for a row logged by hand)."""

    model_config = _STRICT

    format: Annotated[Plain, Field(min_length=1, max_length=40)]
    file: Plain
    locator: Plain


class SetDoc(BaseModel):
    """One set. ``weight_kg`` may be negative (assistance on an assisted pull-up)."""

    model_config = _STRICT

    exercise: Text
    pattern: MovementPattern | None = None
    set_type: SetType = "normal"
    reps: Reps | None = None
    weight_kg: float | None = None
    rpe: SetRpe | None = None
    rir: NonNegative | None = None
    distance_km: NonNegative | None = None
    duration_s: NonNegative | None = None
    exercise_id: Label | None = None
    locator: Plain | None = None


class SessionDoc(BaseModel):
    """One session; ``start``/``end`` carry their offset when the source gave one."""

    model_config = _STRICT

    id: str
    person: str
    start: dt.datetime
    end: dt.datetime | None = None
    type: WorkoutType
    name: Plain | None = None
    duration_min: NonNegative | None = None
    distance_km: NonNegative | None = None
    rpe: SessionRpe | None = None
    warm_up: bool | None = None
    cool_down: bool | None = None
    surface: Surface | None = None
    shoe: Name | None = None
    notes: Plain | None = None
    sets: list[SetDoc] = Field(default_factory=list)
    source: SourceDoc | None = None
    avg_hr_bpm: NonNegative | None = None
    max_hr_bpm: NonNegative | None = None
    energy_kcal: NonNegative | None = None
    sport: Label | None = None


class PersonDoc(BaseModel):
    """A person and their profile (the contract's profile fields)."""

    model_config = _STRICT

    id: str
    name: Name
    profile: Profile = Field(default_factory=Profile)


class CheckInDoc(BaseModel):
    """A check-in (contract input, without history) and the assessment stored with it."""

    model_config = _STRICT

    id: str
    person: str
    at: dt.datetime
    checkin: dict[str, Any]
    assessment: dict[str, Any]
    source: SourceDoc | None = None


class ShoeDoc(BaseModel):
    """A pair of shoes and the kilometres run in them before the journal began."""

    model_config = _STRICT

    person: str
    name: Name
    km_before: NonNegative = 0.0


class MappingDoc(BaseModel):
    """A user's exercise mapping: a catalogue id, or a pattern alone."""

    model_config = _STRICT

    name: Annotated[Plain, Field(min_length=1, max_length=300)]
    exercise_id: Label | None = None
    pattern: MovementPattern


class JournalDoc(BaseModel):
    """The whole document."""

    model_config = _STRICT

    contract: Literal["lumbar.journal/1"]
    people: list[PersonDoc] = Field(default_factory=list)
    sessions: list[SessionDoc] = Field(default_factory=list)
    checkins: list[CheckInDoc] = Field(default_factory=list)
    shoes: list[ShoeDoc] = Field(default_factory=list)
    exercise_mappings: list[MappingDoc] = Field(default_factory=list)
