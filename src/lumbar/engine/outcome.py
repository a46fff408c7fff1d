"""An assessment in parts, each part with its JSON text, for the model and the fast JSON path.

The engine assembles an :class:`Outcome` from immutable pieces (reasons, causes, plan
items) that are built and serialised once per distinct value. ``to_model`` gives the
contract's :class:`Assessment`; ``json_bytes`` (and ``to_json``, its text) gives
exactly what ``to_model().model_dump_json()`` would, without building the model, which
is what makes batch assessment fast. Both are tested to agree on random check-ins.
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from typing import Any, Generic, NamedTuple, TypeVar

from pydantic import BaseModel
from pydantic_core import to_json

from lumbar.model import CONTRACT_ID, Assessment, Cause, Plan, PlanItem, Reason, Triage
from lumbar.vocab import Level, Pattern

M = TypeVar("M", bound=BaseModel)
_CONTRACT = CONTRACT_ID.encode()


class Piece(NamedTuple, Generic[M]):
    """A part of the assessment (a reason, a cause, a plan item): its fields and JSON.

    The JSON is what the batch writes; the model is built only when asked for, as most
    runs never need it.
    """

    kind: type[M]
    fields: dict[str, Any]
    json: bytes

    @property
    def model(self) -> M:
        """The part as its contract model."""
        return self.kind.model_construct(**self.fields)


def piece(kind: type[M], **fields: Any) -> Piece[M]:
    """The part of type ``kind`` with these fields, and its JSON (UTF-8 bytes).

    The parts are flat (strings and lists of strings), so their fields in declaration
    order are their JSON: writing them directly spares building each part's model and
    serialiser. ``tests/engine`` holds the result to ``model_dump_json()``.
    """
    ordered = {name: fields[name] for name in kind.model_fields}  # a missing field: KeyError
    return Piece(kind, ordered, to_json(ordered))


class PlanPieces(NamedTuple):
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

    def json_bytes(self) -> bytes:
        """The plan's JSON."""
        return b"".join(
            (
                b'{"now":',
                _array(self.now),
                b',"prevent":',
                _array(self.prevent),
                b',"support":',
                _array(self.support),
                b',"lifestyle":',
                _array(self.lifestyle),
                b"}",
            )
        )


# The answer's plain text parts (headline, safety net, reasons for the pattern, what was
# not asked, disclaimer) come from a small set of values: each is serialised once.
_text_json = lru_cache(maxsize=4096)(to_json)


_json_of = attrgetter("json")


def _array(pieces: tuple[Piece[M], ...]) -> bytes:
    return b"[" + b",".join(map(_json_of, pieces)) + b"]"


class Outcome(NamedTuple):
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

    def json_bytes(self) -> bytes:
        """The assessment's JSON as UTF-8 bytes: ``to_json()`` encoded.

        Assembled from bytes throughout, as pydantic_core writes them, so that a batch
        writes its output without decoding and encoding each answer again.
        """
        return b"".join(
            (
                b'{"contract":"',
                _CONTRACT,
                b'","triage":{"level":"',
                self.level.encode(),
                b'","headline":',
                _text_json(self.headline),
                b',"reasons":',
                _array(self.reasons),
                b'},"pattern":"',
                self.pattern.encode(),
                b'","causes":',
                _array(self.causes),
                b',"plan":',
                self.plan.json_bytes(),
                b',"safety_net":',
                _text_json(self.safety_net),
                b',"pattern_reasons":',
                _text_json(self.pattern_reasons),
                b',"not_asked":',
                _text_json(self.not_asked),
                b',"disclaimer":',
                _text_json(self.disclaimer),
                b"}",
            )
        )

    def to_json(self) -> str:
        """The same text as ``self.to_model().model_dump_json()``."""
        return self.json_bytes().decode()
