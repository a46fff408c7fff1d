"""An assessment in parts, each part with its JSON text, for the model and the fast JSON path.

The engine assembles an :class:`Outcome` from immutable pieces (reasons, causes, plan
items) that are built and serialised once per distinct value. ``to_model`` gives the
contract's :class:`Assessment`; ``to_json`` gives exactly the text that
``to_model().model_dump_json()`` would, without building the model, which is what
makes batch assessment fast. Both are tested to agree on random check-ins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel
from pydantic_core import to_json

from lumbar.model import CONTRACT_ID, Assessment, Cause, Plan, PlanItem, Reason, Triage
from lumbar.vocab import Level, Pattern

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Piece(Generic[M]):
    """A model part and its JSON text (as pydantic writes it)."""

    model: M
    json: str


def piece(model: M) -> Piece[M]:
    """Pair ``model`` with its JSON text."""
    return Piece(model, model.model_dump_json())


@dataclass(frozen=True, slots=True)
class PlanPieces:
    """The four plan sections, in contract order."""

    now: tuple[Piece[PlanItem], ...]
    prevent: tuple[Piece[PlanItem], ...]
    support: tuple[Piece[PlanItem], ...]
    lifestyle: tuple[Piece[PlanItem], ...]

    def to_model(self) -> Plan:
        return Plan.model_construct(
            now=[p.model for p in self.now],
            prevent=[p.model for p in self.prevent],
            support=[p.model for p in self.support],
            lifestyle=[p.model for p in self.lifestyle],
        )

    def to_json(self) -> str:
        return (
            f'{{"now":{_array(self.now)},"prevent":{_array(self.prevent)},'
            f'"support":{_array(self.support)},"lifestyle":{_array(self.lifestyle)}}}'
        )


def _array(pieces: tuple[Piece[M], ...]) -> str:
    return "[" + ",".join(p.json for p in pieces) + "]"


def _text(value: object) -> str:
    return to_json(value).decode()


@dataclass(frozen=True, slots=True)
class Outcome:
    """Every part of one assessment (see :class:`lumbar.model.Assessment`)."""

    level: Level
    headline: str
    reasons: tuple[Piece[Reason], ...]
    pattern: Pattern
    causes: tuple[Piece[Cause], ...]
    plan: PlanPieces
    safety_net: tuple[str, ...]
    pattern_reasons: tuple[str, ...]
    not_asked: tuple[str, ...]
    disclaimer: str

    def to_model(self) -> Assessment:
        """The contract's model."""
        return Assessment.model_construct(
            contract=CONTRACT_ID,
            triage=Triage.model_construct(
                level=self.level,
                headline=self.headline,
                reasons=[r.model for r in self.reasons],
            ),
            pattern=self.pattern,
            causes=[c.model for c in self.causes],
            plan=self.plan.to_model(),
            safety_net=list(self.safety_net),
            pattern_reasons=list(self.pattern_reasons),
            not_asked=list(self.not_asked),
            disclaimer=self.disclaimer,
        )

    def to_json(self) -> str:
        """The same text as ``self.to_model().model_dump_json()``."""
        return (
            f'{{"contract":"{CONTRACT_ID}","triage":{{"level":"{self.level}",'
            f'"headline":{_text(self.headline)},"reasons":{_array(self.reasons)}}},'
            f'"pattern":"{self.pattern}","causes":{_array(self.causes)},'
            f'"plan":{self.plan.to_json()},"safety_net":{_text(self.safety_net)},'
            f'"pattern_reasons":{_text(self.pattern_reasons)},'
            f'"not_asked":{_text(self.not_asked)},"disclaimer":{_text(self.disclaimer)}}}'
        )
