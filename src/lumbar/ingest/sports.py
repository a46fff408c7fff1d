"""The sport labels that devices and apps write, mapped to the contract's ``workout.type``.

The vocabulary is CONTRACT.md's; a label not known maps to ``other`` (the reader keeps
the label itself in ``sport``). One function per source of labels:
:func:`fit_type` (and :func:`fit_surface`), :func:`apple_type`, :func:`tcx_type`,
:func:`strava_type`, and :func:`label_type` for free text such as a GPX ``<type>``.
"""

from __future__ import annotations

import re

from lumbar.vocab import Surface, WorkoutType

_TEAM_SPORTS = frozenset(
    "american_football australian_football baseball basketball cricket handball hockey "
    "lacrosse rugby soccer softball volleyball water_polo".split()
)

# FIT `sport` enum names (fitdecode profile) whose meaning does not depend on sub_sport.
_FIT_SPORT: dict[str, WorkoutType] = {
    "running": "running",
    "cycling": "cycling",
    "e_biking": "cycling",
    "walking": "walking",
    "hiking": "walking",
    "rowing": "rowing",
    "hiit": "hiit",
    **dict.fromkeys(_TEAM_SPORTS, "team_sport"),
}
# FIT `sub_sport` names that say more than the sport (``training``/``fitness_equipment``
# cover strength, yoga and gym machines alike).
_FIT_SUB_SPORT: dict[str, WorkoutType] = {
    "strength_training": "strength",
    "yoga": "yoga_pilates",
    "pilates": "yoga_pilates",
    "hiit": "hiit",
    "amrap": "hiit",
    "emom": "hiit",
    "tabata": "hiit",
    "indoor_rowing": "rowing",
    "indoor_cycling": "cycling",
    "spin": "cycling",
    "treadmill": "running",
    "indoor_running": "running",
    "indoor_walking": "walking",
}
_FIT_SURFACE: dict[str, Surface] = {"treadmill": "treadmill", "track": "track", "trail": "trail"}

# HealthKit HKWorkoutActivityType names, without the prefix.
_APPLE: dict[str, WorkoutType] = {
    "Running": "running",
    "Walking": "walking",
    "Hiking": "walking",
    "Cycling": "cycling",
    "HandCycling": "cycling",
    "TraditionalStrengthTraining": "strength",
    "FunctionalStrengthTraining": "strength",
    "CoreTraining": "strength",
    "HighIntensityIntervalTraining": "hiit",
    "CrossTraining": "hiit",
    "MixedCardio": "hiit",
    "Yoga": "yoga_pilates",
    "Pilates": "yoga_pilates",
    "MindAndBody": "yoga_pilates",
    "Rowing": "rowing",
    **dict.fromkeys(
        "AmericanFootball AustralianFootball Baseball Basketball Cricket Handball Hockey "
        "Lacrosse Rugby Soccer Softball Volleyball WaterPolo".split(),
        "team_sport",
    ),
}
_APPLE_PREFIX = "HKWorkoutActivityType"

_TCX: dict[str, WorkoutType] = {"Running": "running", "Biking": "cycling"}


def _named(kind: WorkoutType, names: str) -> dict[str, WorkoutType]:
    return dict.fromkeys(names.split("|"), kind)


# Strava activity types, lower case, in English and as translated exports write them
# (formats.md §6).
_STRAVA: dict[str, WorkoutType] = {
    **_named("running", "run|trail run|virtual run|carrera|lauf|course à pied"),
    **_named(
        "cycling",
        "ride|virtual ride|e-bike ride|mountain bike ride|gravel ride|velomobile|handcycle"
        "|bicicleta|radfahrt|vélo",
    ),
    **_named("walking", "walk|hike|caminata|senderismo|spaziergang|wanderung|marche|randonnée"),
    **_named("strength", "weight training|entrenamiento con pesas|krafttraining|musculation"),
    **_named("rowing", "rowing|virtual row|remo|rudern|aviron"),
    **_named("yoga_pilates", "yoga|pilates"),
    **_named("hiit", "hiit|high intensity interval training|crossfit"),
    **_named(
        "team_sport",
        "soccer|football|basketball|volleyball|handball|rugby|ice hockey|field hockey"
        "|fútbol|fußball",
    ),
}

# Words of free-text labels (GPX <type>, app names); the first word found decides.
_WORDS: dict[str, WorkoutType] = {
    **dict.fromkeys("run running jog jogging trailrun treadmill".split(), "running"),
    **dict.fromkeys("ride cycling biking bike cycle ebike mtb virtualride".split(), "cycling"),
    **dict.fromkeys("walk walking hike hiking".split(), "walking"),
    **dict.fromkeys("strength weighttraining weights lifting".split(), "strength"),
    **dict.fromkeys("hiit crossfit crosstraining".split(), "hiit"),
    **dict.fromkeys("yoga pilates".split(), "yoga_pilates"),
    **dict.fromkeys("row rowing".split(), "rowing"),
    **{w.replace("_", ""): "team_sport" for w in _TEAM_SPORTS},
    "football": "team_sport",
}
_WORD = re.compile(r"[a-z]+")


def fit_type(sport: str | None, sub_sport: str | None) -> WorkoutType:
    """The workout.type of a FIT session from its ``sport`` and ``sub_sport`` names."""
    if sub_sport in _FIT_SUB_SPORT:
        return _FIT_SUB_SPORT[sub_sport]
    return _FIT_SPORT.get(sport or "", "other")


def fit_surface(sub_sport: str | None) -> Surface | None:
    """The surface a FIT ``sub_sport`` names (treadmill, track, trail), if any."""
    return _FIT_SURFACE.get(sub_sport or "")


def apple_type(activity: str) -> WorkoutType:
    """The workout.type of an Apple Health ``workoutActivityType`` such as
    ``HKWorkoutActivityTypeRunning``."""
    name = activity[len(_APPLE_PREFIX) :] if activity.startswith(_APPLE_PREFIX) else activity
    return _APPLE.get(name, "other")


def tcx_type(sport: str | None) -> WorkoutType:
    """The workout.type of a TCX ``Activity@Sport`` (``Running``, ``Biking``, ``Other``)."""
    return _TCX.get(sport or "", "other")


def strava_type(activity: str) -> WorkoutType:
    """The workout.type of a Strava ``Activity Type`` (``Run``, ``Weight Training``,
    ``Carrera``…), in English, Spanish, French or German."""
    return _STRAVA.get(activity.casefold(), "other")


def label_type(label: str | None) -> WorkoutType:
    """The workout.type of a free-text label (``"running"``, ``"Morning Ride"``, ``"Hike"``).

    Each word of the label is looked up whole (``"rower"`` is not ``"row"``), and so is
    the label with spaces, dashes and underscores removed (``"Weight Training"``).
    """
    text = (label or "").lower()
    words = _WORD.findall(text)
    for word in ["".join(words), *words]:
        if word in _WORDS:
            return _WORDS[word]
    return "other"


__all__ = [
    "apple_type",
    "fit_surface",
    "fit_type",
    "label_type",
    "strava_type",
    "tcx_type",
]
