"""Plain words for the contract's vocabularies, as the web pages show them.

The values sent and stored are always the contract's own (``below_knee``); these are
only the labels a person reads beside them. A value without a label here is shown
with its underscores replaced by spaces.
"""

from __future__ import annotations

from lumbar.checkin_prompt import ONSET_WORDS

__all__ = ["LEVEL_TITLES", "PATTERN_WORDS", "SECTION_TITLES", "label", "labels_for"]

LEVEL_TITLES = {
    "emergency": "Emergency",
    "urgent": "Urgent: see a doctor today",
    "see_clinician": "See a clinician in the coming days",
    "self_care": "Self-care",
}
"""The banner title of each triage level."""

PATTERN_WORDS = {
    "soreness": "Delayed-onset muscle soreness",
    "strain": "Acute muscle strain",
    "radicular": "Nerve-root (radicular) pain",
    "non_mechanical": "Not a mechanical back problem (kidney, infection, inflammatory or visceral)",
    "unclear": "Unclear from what was given",
}
"""What each pattern means, in words."""

SECTION_TITLES = (
    ("now", "What to do now"),
    ("prevent", "Prevent it coming back"),
    ("support", "Supportive measures"),
    ("lifestyle", "Lifestyle"),
)
"""The plan's sections, in reading order."""

_WORDS: dict[str, dict[str, str]] = {
    "onset": dict(ONSET_WORDS),
    "side": {
        "both": "both sides",
        "left": "left side",
        "right": "right side",
        "central": "in the middle, over the spine",
    },
    "spread": {"diffuse": "spread over an area", "localized": "in one spot"},
    "radiates_to": {
        "none": "it does not spread",
        "buttock": "into a buttock",
        "thigh": "into a thigh",
        "below_knee": "below the knee",
        "groin": "into the groin",
        "abdomen": "into the belly",
    },
    "trend": {"improving": "getting better", "same": "about the same", "worse": "getting worse"},
    "quality": {"colicky": "colicky (comes in waves)"},
    "conditions": {
        "herniated_disc": "herniated (slipped) disc",
        "degenerative_disc_disease": "degenerative disc disease",
        "axial_spondyloarthritis": "axial spondyloarthritis",
        "cancer_history": "cancer, now or in the past",
        "immunosuppressed": "a weakened immune system",
        "iv_drug_use": "injecting drugs",
        "long_term_steroids": "long-term steroid tablets",
        "recent_spinal_surgery": "spinal surgery in the last year",
    },
    "type": {
        "hiit": "HIIT",
        "team_sport": "team sport",
        "yoga_pilates": "yoga or Pilates",
    },
    "surface": {"gym_floor": "gym floor", "indoor_court": "indoor court"},
}


def label(vocabulary: str, value: str) -> str:
    """The words shown for ``value`` of ``vocabulary`` (``label("side", "both")``)."""
    return _WORDS.get(vocabulary, {}).get(value, value.replace("_", " "))


def labels_for(vocabulary: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(value, words)`` pairs for a list of choices, in the given order."""
    return [(value, label(vocabulary, value)) for value in values]
