"""The knowledge files, validated by a schema when loaded: sources, triage words, causes, advice.

:func:`knowledge` reads the four YAML files once per process, checks them against the
models below, and checks that every source id used anywhere resolves in the
bibliography and that every advice item has at least one source. A mistake in the
data stops lumbar at load time with the file and the item named, never later in
front of a person.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lumbar.knowledge.files import read_yaml
from lumbar.vocab import CauseId, Level, Pattern, PlanSection, Symptom

_STRICT = ConfigDict(extra="forbid", frozen=True, defer_build=True)
SourceIds = tuple[str, ...]


class KnowledgeError(ValueError):
    """A knowledge file does not follow its schema or cites an unknown source."""


class Source(BaseModel):
    """One bibliography entry."""

    model_config = _STRICT

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: Literal["guide", "guideline", "review", "study", "practice"]
    citation: str
    doi: str | None = None
    url: str | None = None
    verified: bool = True
    note: str = ""


class SymptomText(BaseModel):
    """How a symptom is asked, and the most pressing level it can lead to."""

    model_config = _STRICT

    tier: Level
    label: str
    question: str


class RuleText(BaseModel):
    """What a triage rule says when it fires, and its sources."""

    model_config = _STRICT

    text: str
    sources: SourceIds = Field(min_length=1)


class SelfCareHeadlines(BaseModel):
    model_config = _STRICT

    soreness: str
    strain: str
    radicular: str
    non_mechanical: str
    unclear: str

    def for_pattern(self, pattern: Pattern) -> str:
        """The headline for a self-care assessment with this pattern."""
        return str(getattr(self, pattern))


class Headlines(BaseModel):
    model_config = _STRICT

    emergency: str
    urgent: str
    see_clinician: str
    self_care: SelfCareHeadlines


class SafetyNet(BaseModel):
    model_config = _STRICT

    emergency_signs: str
    urgent_signs: str
    soreness_course: str
    general_course: str
    after_clinician: str
    not_asked_symptoms: str
    not_asked_conditions: str
    not_asked_night: str
    not_asked_duration: str


class TriageText(BaseModel):
    """triage.yaml."""

    model_config = _STRICT

    symptoms: dict[Symptom, SymptomText]
    rules: dict[str, RuleText]
    headlines: Headlines
    safety_net: SafetyNet
    disclaimer: str


class CauseText(BaseModel):
    """What the guide and the sources say about one cause."""

    model_config = _STRICT

    title: str
    guide: str
    sources_say: str
    sources: SourceIds = Field(min_length=1)


class AdviceItem(BaseModel):
    """One plan item's words; ``needs`` names the placeholders its text uses."""

    model_config = _STRICT

    section: PlanSection
    text: str
    needs: tuple[str, ...] = ()
    sources: SourceIds = Field(min_length=1)


class Knowledge(BaseModel):
    """Everything lumbar knows, validated and cross-checked."""

    model_config = _STRICT

    sources: dict[str, Source]
    triage: TriageText
    causes: dict[CauseId, CauseText]
    advice: dict[str, AdviceItem]

    def cited_ids(self) -> dict[str, SourceIds]:
        """Every place that cites sources, as ``"file:item" → ids``."""
        cited: dict[str, SourceIds] = {}
        cited.update({f"triage.yaml:{k}": v.sources for k, v in self.triage.rules.items()})
        cited.update({f"causes.yaml:{k}": v.sources for k, v in self.causes.items()})
        cited.update({f"advice.yaml:{k}": v.sources for k, v in self.advice.items()})
        return cited


def _check(knowledge: Knowledge) -> None:
    for where, ids in knowledge.cited_ids().items():
        unknown = [i for i in ids if i not in knowledge.sources]
        if unknown:
            raise KnowledgeError(f"{where}: unknown source id(s) {', '.join(unknown)}")
    for key, item in knowledge.advice.items():
        for name in item.needs:
            if "{" + name + "}" not in item.text:
                raise KnowledgeError(
                    f"advice.yaml:{key}: needs {name!r} but the text has no {{{name}}}"
                )
    missing = set(knowledge.causes) ^ set(CauseId.__args__)  # type: ignore[attr-defined]
    if missing:
        raise KnowledgeError(f"causes.yaml: causes missing or unknown: {sorted(missing)}")


KNOWLEDGE_FILES = ("sources.yaml", "triage.yaml", "causes.yaml", "advice.yaml")


@cache
def knowledge() -> Knowledge:
    """The validated knowledge (read once per process).

    The files are parsed and validated on first use after they change; the validated
    result is then kept in the user's cache folder, keyed by the files' contents, so
    that a command's start-up does not parse YAML (see :mod:`lumbar.knowledge.cache`).

    Raises:
        KnowledgeError: a file breaks its schema or cites an unknown source.
    """
    from lumbar.knowledge.cache import cached

    return cached(KNOWLEDGE_FILES, load_knowledge, Knowledge)


def load_knowledge() -> Knowledge:
    """Parse and validate the knowledge files, without any cache.

    Raises:
        KnowledgeError: a file breaks its schema or cites an unknown source.
    """
    try:
        sources = {s["id"]: s for s in read_yaml("sources.yaml")["sources"]}
        loaded = Knowledge.model_validate(
            {
                "sources": sources,
                "triage": read_yaml("triage.yaml"),
                "causes": read_yaml("causes.yaml")["causes"],
                "advice": read_yaml("advice.yaml")["advice"],
            }
        )
    except ValidationError as exc:
        raise KnowledgeError(f"knowledge files do not follow their schema: {exc}") from exc
    _check(loaded)
    return loaded
