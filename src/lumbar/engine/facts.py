"""The check-in read once into the facts every rule looks at.

:class:`Facts` keeps "not known" apart from "no": ``symptoms_known`` is False when
the check-in has no symptoms list, and each optional value stays ``None`` when it
was not given. Rules test for what the person said, never for its absence.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from lumbar.model import CheckIn, History, Pain, Profile, Workout

if TYPE_CHECKING:
    from lumbar.knowledge.catalogue import Exercise

_EMPTY_PROFILE = Profile.model_construct()
_EMPTY_WORKOUT = Workout.model_construct()
_EMPTY_HISTORY = History.model_construct()

SPINAL_CONDITIONS = (
    "herniated_disc",
    "scoliosis",
    "degenerative_disc_disease",
    "spondylolisthesis",
    "recent_spinal_surgery",
)
KIDNEY_SIGNS = ("flank_pain", "blood_in_urine", "painful_urination")
LEG_NERVE_SIGNS = ("leg_weakness", "numbness_leg", "tingling_leg")


class Facts(NamedTuple):
    """A check-in with its parts unpacked once and its history cut at the check-in date.

    Attributes:
        checkin: the validated check-in.
        today: the check-in's date (its ``date``, or the caller's today).
        pain, profile, workout: the check-in's parts (empty when not given).
        age: the profile's age, or None.
        days: days since onset, or None.
        symptoms: symptoms the person reported.
        symptoms_known: whether a symptoms list was given at all.
        conditions: conditions from the profile.
        conditions_known: whether a conditions list was given at all.
        qualities: the words that describe the pain.
        exercises: each exercise name of the workout with its catalogue entry (or None).
        history: past sessions and check-ins dated on or before ``today``.
    """

    checkin: CheckIn
    today: dt.date
    pain: Pain
    profile: Profile
    workout: Workout
    age: int | None
    days: float | None
    symptoms: frozenset[str]
    symptoms_known: bool
    conditions: frozenset[str]
    conditions_known: bool
    qualities: frozenset[str]
    exercises: tuple[tuple[str, Exercise | None], ...]
    history: History

    def has(self, *symptoms: str) -> bool:
        """True when any of ``symptoms`` was reported."""
        return not self.symptoms.isdisjoint(symptoms)

    def has_condition(self, *conditions: str) -> bool:
        """True when any of ``conditions`` is in the profile."""
        return not self.conditions.isdisjoint(conditions)

    def colicky_into_groin(self) -> bool:
        """Pain in waves spreading to the groin: the kidney-stone picture."""
        return "colicky" in self.qualities and self.pain.radiates_to == "groin"

    def exercise_names_for(self, *patterns: str) -> list[str]:
        """Names of this workout's exercises whose movement pattern is one of ``patterns``."""
        if not self.exercises:
            return []
        return [
            name
            for name, entry in self.exercises
            if entry is not None and entry.pattern in patterns
        ]


def _match_exercises(names: list[str] | None) -> tuple[tuple[str, Exercise | None], ...]:
    if not names:
        return ()
    # The catalogue is read only when a check-in names exercises.
    from lumbar.knowledge.catalogue import lookup_exercise

    return tuple([(name, lookup_exercise(name)) for name in names])


def read_facts(checkin: CheckIn, today: dt.date) -> Facts:
    """Build the facts of ``checkin``; its own ``date`` wins over ``today``."""
    day = checkin.date or today
    history = checkin.history
    if history is None:
        history = _EMPTY_HISTORY
    elif any(s.date > day for s in history.sessions) or any(c.date > day for c in history.checkins):
        # History after the check-in is ignored (contract: "history after it is ignored").
        history = History.model_construct(
            sessions=[s for s in history.sessions if s.date <= day],
            checkins=[c for c in history.checkins if c.date <= day],
        )
    profile = checkin.profile or _EMPTY_PROFILE
    workout = checkin.workout or _EMPTY_WORKOUT
    return Facts(
        checkin=checkin,
        today=day,
        pain=checkin.pain,
        profile=profile,
        workout=workout,
        age=profile.age,
        days=checkin.pain.days_since_onset,
        symptoms=frozenset(checkin.symptoms or ()),
        symptoms_known=checkin.symptoms is not None,
        conditions=frozenset(profile.conditions or ()),
        conditions_known=profile.conditions is not None,
        qualities=frozenset(checkin.pain.quality or ()),
        exercises=_match_exercises(workout.exercises),
        history=history,
    )
