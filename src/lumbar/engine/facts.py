"""The check-in read once into the facts every rule looks at.

:class:`Facts` keeps "not known" apart from "no": ``symptoms_known`` is False when
the check-in has no symptoms list, and each optional value stays ``None`` when it
was not given. Rules test for what the person said, never for its absence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from lumbar.model import CheckIn, History, Pain, Profile, Workout

_EMPTY_PROFILE = Profile()
_EMPTY_WORKOUT = Workout()
_EMPTY_HISTORY = History()

SPINAL_CONDITIONS = (
    "herniated_disc",
    "scoliosis",
    "degenerative_disc_disease",
    "spondylolisthesis",
    "recent_spinal_surgery",
)
KIDNEY_SIGNS = ("flank_pain", "blood_in_urine", "painful_urination")
LEG_NERVE_SIGNS = ("leg_weakness", "numbness_leg", "tingling_leg")
HARD_SURFACES = ("asphalt", "concrete")


@dataclass(frozen=True)
class Facts:
    """A check-in with its sets precomputed and its history cut at the check-in date.

    Attributes:
        checkin: the validated check-in.
        today: the check-in's date (its ``date``, or the caller's today).
        symptoms: symptoms the person reported.
        symptoms_known: whether a symptoms list was given at all.
        conditions: conditions from the profile.
        conditions_known: whether a conditions list was given at all.
        qualities: the words that describe the pain.
        history: past sessions and check-ins dated on or before ``today``.
    """

    checkin: CheckIn
    today: dt.date
    symptoms: frozenset[str]
    symptoms_known: bool
    conditions: frozenset[str]
    conditions_known: bool
    qualities: frozenset[str]
    history: History

    @property
    def pain(self) -> Pain:
        return self.checkin.pain

    @property
    def profile(self) -> Profile:
        return self.checkin.profile or _EMPTY_PROFILE

    @property
    def workout(self) -> Workout:
        return self.checkin.workout or _EMPTY_WORKOUT

    @property
    def age(self) -> int | None:
        return self.profile.age

    @property
    def days(self) -> float | None:
        """Days since onset, or None when not given."""
        return self.pain.days_since_onset

    def has(self, *symptoms: str) -> bool:
        """True when any of ``symptoms`` was reported."""
        return any(s in self.symptoms for s in symptoms)

    def has_condition(self, *conditions: str) -> bool:
        """True when any of ``conditions`` is in the profile."""
        return any(c in self.conditions for c in conditions)

    def colicky_into_groin(self) -> bool:
        """Pain in waves spreading to the groin: the kidney-stone picture."""
        return "colicky" in self.qualities and self.pain.radiates_to == "groin"

    @cached_property
    def exercises(self) -> tuple[tuple[str, object | None], ...]:
        """Each exercise name of the workout with its catalogue entry (or None).

        The catalogue is read only when a check-in names exercises.
        """
        names = self.workout.exercises or []
        if not names:
            return ()
        from lumbar.knowledge.catalogue import lookup_exercise

        return tuple((name, lookup_exercise(name)) for name in names)

    def exercise_names_for(self, *patterns: str) -> list[str]:
        """Names of this workout's exercises whose movement pattern is one of ``patterns``."""
        return [
            name
            for name, entry in self.exercises
            if entry is not None and getattr(entry, "pattern", None) in patterns
        ]


def read_facts(checkin: CheckIn, today: dt.date) -> Facts:
    """Build the facts of ``checkin``; its own ``date`` wins over ``today``."""
    day = checkin.date or today
    history = checkin.history or _EMPTY_HISTORY
    if any(s.date > day for s in history.sessions) or any(c.date > day for c in history.checkins):
        # History after the check-in is ignored (contract: "history after it is ignored").
        history = History.model_construct(
            sessions=[s for s in history.sessions if s.date <= day],
            checkins=[c for c in history.checkins if c.date <= day],
        )
    return Facts(
        checkin=checkin,
        today=day,
        symptoms=frozenset(checkin.symptoms or ()),
        symptoms_known=checkin.symptoms is not None,
        conditions=frozenset(checkin.profile.conditions or ()) if checkin.profile else frozenset(),
        conditions_known=bool(checkin.profile and checkin.profile.conditions is not None),
        qualities=frozenset(checkin.pain.quality or ()),
        history=history,
    )
