"""Pattern: soreness, strain, nerve-root pain, a non-mechanical picture, or unclear.

The reading follows the facts of research/clinical.md §3 (Cheung 2003 for delayed
soreness: onset 12-24 h, peak 24-72 h, settled in about 5-7 days, dull, diffuse,
both sides, not at rest; a strain starts suddenly during the effort and is
localised; nerve-root pain spreads down the leg with numbness or tingling) and the
contract: soreness only within 7 days of onset; kidney, infection, inflammatory,
visceral and colicky-into-the-groin pictures are non-mechanical. The first pattern
whose test holds wins, in the order non-mechanical, radicular, strain, soreness.
Every step of the reading is returned as a sentence.
"""

from __future__ import annotations

from lumbar.engine.facts import KIDNEY_SIGNS, Facts
from lumbar.vocab import Pattern

SORENESS_WINDOW_DAYS = 7  # contract: "soreness only within 7 days of onset"
INFLAMMATORY_DAYS = 84  # policy: more than 12 weeks
INFLAMMATORY_ONSET_AGE = 45  # NICE NG65: back pain that started before 45
DULL = frozenset({"aching", "stiff", "tight"})
NERVE_QUALITIES = frozenset({"shooting", "burning"})


def _non_mechanical_signs(f: Facts) -> list[str]:
    signs: list[str] = []
    if f.has("fever"):
        signs.append("fever suggests an infection, not a loaded back")
    if f.has(*KIDNEY_SIGNS):
        signs.append("pain in the side or urinary signs point to the kidneys")
    if f.colicky_into_groin():
        signs.append("pain in waves into the groin is the kidney-stone picture")
    if f.pain.radiates_to == "abdomen":
        signs.append("pain spreading into the abdomen can come from the organs")
    if f.has("pulsating_abdomen", "chest_pain"):
        signs.append("a pulsating belly or chest pain points beyond the spine")
    if f.has("unexplained_weight_loss", "unwell"):
        signs.append("weight loss or feeling unwell is not how a training injury behaves")
    if f.has("dark_urine"):
        signs.append("dark urine after training is a whole-body sign, not a back sign")
    if f.pain.worse_at_night is True:
        signs.append("constant night pain that position does not ease is non-mechanical")
    if (
        f.has("morning_stiffness")
        and f.days is not None
        and f.days > INFLAMMATORY_DAYS
        and (f.age is None or f.age < INFLAMMATORY_ONSET_AGE)
    ):
        signs.append(
            "morning stiffness for more than 12 weeks that eases with movement fits "
            "inflammatory back pain (NICE NG65)"
        )
    return signs


def _radicular_signs(f: Facts) -> list[str]:
    signs: list[str] = []
    if f.pain.radiates_to == "below_knee":
        signs.append("pain spreads below the knee, the path of a nerve root")
    if f.has("numbness_leg", "tingling_leg"):
        signs.append("numbness or tingling in the leg points to a nerve")
    if f.qualities & NERVE_QUALITIES and f.pain.radiates_to in ("thigh", "below_knee"):
        signs.append("shooting or burning pain into the leg is nerve-like")
    return signs


def _soreness_against(f: Facts) -> list[str]:
    """Features that a delayed-onset soreness picture does not have."""
    against: list[str] = []
    if f.days is not None and f.days > SORENESS_WINDOW_DAYS:
        against.append(f"it has lasted {f.days:g} days, longer than soreness lasts (5-7 days)")
    if f.qualities & {"sharp", "stabbing"}:
        against.append("sharp or stabbing pain is not the dull ache of soreness")
    if f.pain.spread == "localized" and f.pain.side in ("left", "right"):
        against.append("pain in one spot on one side is not the diffuse ache of soreness")
    return against


def read_pattern(f: Facts) -> tuple[Pattern, list[str]]:
    """The pattern of the pain, and the reasoning in sentences."""
    signs = _non_mechanical_signs(f)
    if signs:
        return "non_mechanical", [*signs, "so the pain does not behave like a loaded back"]

    signs = _radicular_signs(f)
    if signs:
        return "radicular", [*signs, "so this looks like nerve-root (radicular) pain"]

    p = f.pain
    if p.onset == "during_workout":
        reasons = ["it began suddenly during the workout, as a strain does"]
        if p.spread == "localized":
            reasons.append("it is localised, as a strained muscle is")
        if f.qualities & {"sharp", "stabbing"}:
            reasons.append("it is sharp, unlike soreness")
        return "strain", [*reasons, "so this looks like a muscle strain"]

    against = _soreness_against(f)
    delayed = p.onset in ("hours_after", "next_day")
    diffuse_dull = (
        p.spread == "diffuse" and p.side == "both" and bool(f.qualities) and f.qualities <= DULL
    )
    if not against and (delayed or (p.onset is None and diffuse_dull and f.days is not None)):
        reasons = []
        if delayed:
            reasons.append("it came on hours to a day after training, as soreness does")
        if p.spread == "diffuse" or p.side == "both":
            reasons.append("it is spread out rather than in one spot")
        if f.qualities and f.qualities <= DULL:
            reasons.append("it aches or feels stiff rather than sharp")
        if f.days is None:
            reasons.append("the time since onset was not given; soreness settles within 7 days")
        return "soreness", [*reasons, "so this looks like delayed-onset muscle soreness"]

    reasons = against or ["the check-in does not say enough to tell soreness from an injury"]
    if p.onset == "gradual":
        reasons.append("a gradual onset fits neither post-workout soreness nor a sudden strain")
    return "unclear", reasons
