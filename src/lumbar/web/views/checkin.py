"""The check-in page: the questions in their safe order, and the result of a submitted check-in.

The warning signs come first, emergency signs before the others, in the order of
``knowledge/triage.yaml`` (the same order as ``lumbar check``); then the pain, the
workout it followed and the person. The result is the engine's assessment, laid out
by :func:`~lumbar.web.views.assessment.assessment_view`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

from pydantic import BaseModel

from lumbar.knowledge.base import knowledge
from lumbar.vocab import (
    CONDITIONS,
    QUALITIES,
    SURFACES,
    WORKOUT_TYPES,
    Onset,
    Radiation,
    Side,
    Spread,
    Trend,
)
from lumbar.web.labels import labels_for
from lumbar.web.views.assessment import AssessmentView

__all__ = [
    "CheckinFields",
    "CheckinFormPage",
    "CheckinResultPage",
    "Choice",
    "FieldProblem",
    "SessionChoice",
    "SignQuestion",
    "checkin_form_page",
    "choices",
    "question_fields",
]


class SignQuestion(BaseModel):
    """A warning sign: its id, the level it can lead to, a short label and the question."""

    id: str
    tier: str
    label: str
    question: str


class Choice(BaseModel):
    """One option of a multiple-choice question: the contract value and its words."""

    value: str
    label: str


class SessionChoice(BaseModel):
    """A recent journal session the pain may have followed."""

    id: int
    label: str


class FieldProblem(BaseModel):
    """What was wrong with the form: the input (a contract field) and why."""

    field: str
    reason: str


class CheckinFields(BaseModel):
    """What the check-in questions need: shared by the check-in form and the form that
    corrects a stored check-in (``_checkin_fields.html``).

    Attributes:
        emergency_signs: asked first; one ticked shows the emergency advice at once.
        other_signs: the remaining warning signs, most pressing first.
        choices: the options of each multiple-choice question, by form field.
        saved_profile: the person's stored profile (used unless the form gives one).
        sessions: recent sessions to pick "the workout it followed" from.
        values: what the inputs hold: what was entered, or the stored check-in.
        problem: what was wrong, if the form was refused.
    """

    emergency_signs: list[SignQuestion]
    other_signs: list[SignQuestion]
    choices: dict[str, list[Choice]]
    saved_profile: dict[str, Any] = {}
    sessions: list[SessionChoice] = []
    values: dict[str, list[str]]
    problem: FieldProblem | None = None


class CheckinFormPage(CheckinFields):
    """The check-in form.

    Attributes:
        person: whose journal a submitted check-in goes to, if anyone's.
        today: the default date.
    """

    person: str | None
    today: str


class CheckinResultPage(BaseModel):
    """A submitted check-in: its assessment, and where it was saved.

    Attributes:
        result: the assessment laid out for reading.
        checkin: the contract check-in that was assessed.
        saved_id: the journal id of the stored check-in, or ``None`` when not saved.
        person: whose journal it was saved in.
    """

    result: AssessmentView
    checkin: dict[str, Any]
    saved_id: int | None
    person: str | None


def choices() -> dict[str, list[Choice]]:
    """The options of every multiple-choice question, keyed by form field name."""
    vocabularies: dict[str, tuple[str, tuple[str, ...]]] = {
        "pain.onset": ("onset", get_args(Onset)),
        "pain.quality": ("quality", QUALITIES),
        "pain.side": ("side", get_args(Side)),
        "pain.spread": ("spread", get_args(Spread)),
        "pain.radiates_to": ("radiates_to", get_args(Radiation)),
        "pain.trend": ("trend", get_args(Trend)),
        "workout.type": ("type", WORKOUT_TYPES),
        "workout.surface": ("surface", SURFACES),
        "profile.sex": ("sex", ("female", "male", "other")),
        "profile.conditions": ("conditions", CONDITIONS),
    }
    return {
        name: [Choice(value=v, label=w) for v, w in labels_for(vocab, values)]
        for name, (vocab, values) in vocabularies.items()
    }


def _signs() -> tuple[list[SignQuestion], list[SignQuestion]]:
    order = ("emergency", "urgent", "see_clinician", "self_care")
    signs = [
        SignQuestion(id=key, tier=text.tier, label=text.label, question=text.question)
        for key, text in knowledge().triage.symptoms.items()
    ]
    emergency = [s for s in signs if s.tier == "emergency"]
    others = sorted((s for s in signs if s.tier != "emergency"), key=lambda s: order.index(s.tier))
    return emergency, others


def question_fields(values: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The questions' signs and choices, with ``values`` in their inputs: the
    :class:`CheckinFields` part of a page."""
    emergency, others = _signs()
    return {
        "emergency_signs": emergency,
        "other_signs": others,
        "choices": choices(),
        "values": values or {},
    }


def checkin_form_page(
    *,
    person: str | None,
    saved_profile: dict[str, Any],
    sessions: list[SessionChoice],
    today: dt.date,
    values: dict[str, list[str]] | None = None,
    problem: FieldProblem | None = None,
) -> CheckinFormPage:
    """The form's view-model, filled with ``values`` after a refused submission."""
    return CheckinFormPage(
        **question_fields(values),
        person=person,
        saved_profile=saved_profile,
        sessions=sessions,
        today=today.isoformat(),
        problem=problem,
    )
