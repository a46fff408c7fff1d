"""An assessment as the pages show it: banner, reasons, pattern, causes, plan, safety net.

The contract document is kept whole (``assessment``) and beside it every item is laid
out for reading, with its sources numbered in order of first citation and linked to
the bibliography page (``/sources#src-<id>``). Used by the check-in result, the
dashboard's banner and the printable plan.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from lumbar.knowledge.base import knowledge
from lumbar.web.labels import LEVEL_TITLES, PATTERN_WORDS, SECTION_TITLES

__all__ = ["AssessmentView", "Cited", "SourceLink", "assessment_view"]


class SourceLink(BaseModel):
    """A citation: the source id and its number in this page's bibliography."""

    id: str
    number: int


class Cited(BaseModel):
    """A statement with the evidence that triggered it and its sources.

    Attributes:
        id: the rule, cause or advice id.
        title: a short name (the cause's title), or ``""``.
        text: the statement.
        support: for a cause, ``strong``, ``moderate`` or ``weak``; else ``""``.
        evidence: the person's own data that triggered it.
        sources: its citations.
    """

    id: str
    title: str = ""
    text: str
    support: str = ""
    evidence: list[str] = []
    sources: list[SourceLink]


class PlanSection(BaseModel):
    """One part of the plan: ``now``, ``prevent``, ``support`` or ``lifestyle``."""

    key: str
    title: str
    items: list[Cited]


class BibliographyEntry(BaseModel):
    """A source cited on the page, numbered."""

    number: int
    id: str
    citation: str
    url: str | None


class AssessmentView(BaseModel):
    """An assessment laid out for a page.

    Attributes:
        assessment: the contract document (``lumbar.assessment/1``), unchanged.
        level, level_title, headline: the banner.
        urgent: whether the level is urgent or emergency (the rest of the plan waits).
        reasons: why the level was reached, most pressing first.
        pattern_words, pattern_reasons: what kind of pain it looks like, and why.
        causes: the causes the input supports, strongest first.
        plan: the plan's sections that hold items.
        safety_net: what to watch for.
        bibliography: every source cited above, by number.
    """

    assessment: dict[str, Any]
    level: str
    level_title: str
    headline: str
    urgent: bool
    reasons: list[Cited]
    pattern: str
    pattern_words: str
    pattern_reasons: list[str]
    causes: list[Cited]
    plan: list[PlanSection]
    safety_net: list[str]
    bibliography: list[BibliographyEntry]
    disclaimer: str


class _Numbering:
    """Numbers sources in order of first citation."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def cite(self, ids: list[str]) -> list[SourceLink]:
        for source_id in ids:
            self.numbers.setdefault(source_id, len(self.numbers) + 1)
        return [SourceLink(id=s, number=self.numbers[s]) for s in ids]

    def bibliography(self) -> list[BibliographyEntry]:
        sources = knowledge().sources
        entries = []
        for source_id, number in self.numbers.items():
            source = sources.get(source_id)
            entries.append(
                BibliographyEntry(
                    number=number,
                    id=source_id,
                    citation=source.citation if source else source_id,
                    url=(source.url or (f"https://doi.org/{source.doi}" if source.doi else None))
                    if source
                    else None,
                )
            )
        return entries


def assessment_view(assessment: dict[str, Any]) -> AssessmentView:
    """Lay out a contract assessment document for a page."""
    cite = _Numbering()
    triage = assessment["triage"]
    reasons = [
        Cited(id=r["id"], text=r["text"], evidence=r["evidence"], sources=cite.cite(r["sources"]))
        for r in triage["reasons"]
    ]
    causes = [
        Cited(
            id=c["id"],
            title=c.get("title") or c["id"].replace("_", " "),
            text=c.get("title") or c["id"],
            support=c["support"],
            evidence=c["evidence"],
            sources=cite.cite(c["sources"]),
        )
        for c in assessment["causes"]
    ]
    plan = []
    for key, title in SECTION_TITLES:
        items = [
            Cited(id=i["id"], text=i["text"], sources=cite.cite(i["sources"]))
            for i in assessment["plan"].get(key, [])
        ]
        if items:
            plan.append(PlanSection(key=key, title=title, items=items))
    level = triage["level"]
    return AssessmentView(
        assessment=assessment,
        level=level,
        level_title=LEVEL_TITLES[level],
        headline=triage["headline"],
        urgent=level in ("urgent", "emergency"),
        reasons=reasons,
        pattern=assessment["pattern"],
        pattern_words=PATTERN_WORDS[assessment["pattern"]],
        pattern_reasons=list(assessment.get("pattern_reasons", [])),
        causes=causes,
        plan=plan,
        safety_net=list(assessment["safety_net"]),
        bibliography=cite.bibliography(),
        disclaimer=assessment.get("disclaimer") or knowledge().triage.disclaimer,
    )
