"""The contract's vocabularies (CONTRACT.md, version 1), as typing literals.

Each vocabulary is declared once here and reused by the models, the engine and the
prompts, so that a word added to the contract is added in one place. The order of
``LEVELS`` and ``SUPPORTS`` is meaningful: later means more pressing / stronger.
"""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["self_care", "see_clinician", "urgent", "emergency"]
LEVELS: tuple[Level, ...] = get_args(Level)

Pattern = Literal["soreness", "strain", "radicular", "non_mechanical", "unclear"]
PATTERNS: tuple[Pattern, ...] = get_args(Pattern)

Support = Literal["weak", "moderate", "strong"]
SUPPORTS: tuple[Support, ...] = get_args(Support)

CauseId = Literal[
    "muscle_strain_overuse",
    "poor_posture_technique",
    "spinal_structural",
    "weak_core",
    "inadequate_warmup_cooldown",
    "high_impact",
    "age_related",
    "underlying_condition",
]
CAUSE_IDS: tuple[CauseId, ...] = get_args(CauseId)

Sex = Literal["female", "male", "other"]

Condition = Literal[
    "herniated_disc",
    "scoliosis",
    "degenerative_disc_disease",
    "spondylolisthesis",
    "arthritis",
    "axial_spondyloarthritis",
    "osteoporosis",
    "kidney_stones",
    "cancer_history",
    "immunosuppressed",
    "iv_drug_use",
    "long_term_steroids",
    "recent_spinal_surgery",
    "pregnancy",
]
CONDITIONS: tuple[Condition, ...] = get_args(Condition)

Onset = Literal["during_workout", "hours_after", "next_day", "gradual", "unrelated"]
Quality = Literal[
    "aching",
    "stiff",
    "tight",
    "sharp",
    "stabbing",
    "burning",
    "shooting",
    "throbbing",
    "cramping",
    "colicky",
]
QUALITIES: tuple[Quality, ...] = get_args(Quality)
Side = Literal["both", "left", "right", "central"]
Spread = Literal["diffuse", "localized"]
Radiation = Literal["none", "buttock", "thigh", "below_knee", "groin", "abdomen"]
Trend = Literal["improving", "same", "worse"]

Symptom = Literal[
    "saddle_numbness",
    "bladder_dysfunction",
    "bowel_incontinence",
    "sexual_dysfunction",
    "bilateral_leg_symptoms",
    "gait_disturbance",
    "leg_weakness",
    "progressive_weakness",
    "numbness_leg",
    "tingling_leg",
    "fever",
    "unexplained_weight_loss",
    "major_trauma",
    "minor_trauma",
    "flank_pain",
    "blood_in_urine",
    "painful_urination",
    "nausea_vomiting",
    "dark_urine",
    "pulsating_abdomen",
    "chest_pain",
    "back_deformity",
    "morning_stiffness",
    "unwell",
]
SYMPTOMS: tuple[Symptom, ...] = get_args(Symptom)

WorkoutType = Literal[
    "strength",
    "running",
    "hiit",
    "team_sport",
    "cycling",
    "rowing",
    "yoga_pilates",
    "walking",
    "other",
]
WORKOUT_TYPES: tuple[WorkoutType, ...] = get_args(WorkoutType)

Surface = Literal[
    "asphalt", "concrete", "track", "treadmill", "trail", "grass", "indoor_court", "gym_floor"
]
SURFACES: tuple[Surface, ...] = get_args(Surface)
# The surfaces the guide means by "hard" for high-impact training.
HARD_SURFACES: frozenset[Surface] = frozenset({"asphalt", "concrete"})

SetType = Literal["warmup", "normal", "failure", "drop"]
SET_TYPES: tuple[SetType, ...] = get_args(SetType)

PlanSection = Literal["now", "prevent", "support", "lifestyle"]
PLAN_SECTIONS: tuple[PlanSection, ...] = get_args(PlanSection)


# Positions in the orders above, as dicts for the engine's per-check-in sorting.
LEVEL_RANK: dict[Level, int] = {level: rank for rank, level in enumerate(LEVELS)}
SUPPORT_RANK: dict[Support, int] = {support: rank for rank, support in enumerate(SUPPORTS)}


def level_rank(level: Level) -> int:
    """Position of ``level`` from least (0, self_care) to most pressing (3, emergency)."""
    return LEVEL_RANK[level]


def support_rank(support: Support) -> int:
    """Position of ``support`` from weakest (0) to strongest (2)."""
    return SUPPORT_RANK[support]
