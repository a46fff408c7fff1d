"""The reference pages: the bibliography (Sources) and what lumbar is and is not (About)."""

from __future__ import annotations

import re
from importlib.resources import files

from pydantic import BaseModel

from lumbar import __version__
from lumbar.knowledge.base import knowledge

__all__ = [
    "AboutPage",
    "SourceEntry",
    "SourcesPage",
    "VendoredLibrary",
    "about_page",
    "sources_page",
    "vendored_libraries",
]


class SourceEntry(BaseModel):
    """One bibliography entry, as shown and linked (``/sources#src-<id>``)."""

    id: str
    kind: str
    citation: str
    url: str | None
    doi: str | None
    verified: bool
    note: str


class SourcesPage(BaseModel):
    """Every source lumbar cites, grouped by kind in the order of the bibliography file."""

    sources: list[SourceEntry]


class VendoredLibrary(BaseModel):
    """A browser library shipped with lumbar: its package, version and licence."""

    file: str
    package: str
    version: str
    licence: str
    sha256: str


class AboutPage(BaseModel):
    """What lumbar is and is not, the emergency numbers, and how this server runs.

    Attributes:
        version: lumbar's version.
        disclaimer: the plain statement shown on every page.
        emergency: what to do in an emergency (with the numbers).
        journal: where the journal is.
        loopback_only: whether only this machine can reach the server.
        libraries: the vendored browser libraries and their licences.
    """

    version: str
    disclaimer: str
    emergency: str
    journal: str
    loopback_only: bool
    libraries: list[VendoredLibrary]


def sources_page() -> SourcesPage:
    """The bibliography page."""
    return SourcesPage(
        sources=[
            SourceEntry(
                id=s.id,
                kind=s.kind,
                citation=s.citation,
                url=s.url,
                doi=s.doi,
                verified=s.verified,
                note=s.note,
            )
            for s in knowledge().sources.values()
        ]
    )


_ROW = re.compile(r"^\| (\S+) \(`[^`]+`\) \| (\S+) \| (\S+) \| (\S+) \| \S+ \| ([0-9a-f]{64}) \|$")


def vendored_libraries() -> list[VendoredLibrary]:
    """The table of ``static/vendor/VERSIONS.md``: each vendored file and what it is."""
    text = files("lumbar.web").joinpath("static/vendor/VERSIONS.md").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if match:
            file, package, version, licence, digest = match.groups()
            found.append(
                VendoredLibrary(
                    file=file, package=package, version=version, licence=licence, sha256=digest
                )
            )
    return found


def about_page(journal: str, loopback_only: bool) -> AboutPage:
    """The About page for a server using ``journal``."""
    triage = knowledge().triage
    return AboutPage(
        version=__version__,
        disclaimer=triage.disclaimer,
        emergency=triage.headlines.emergency,
        journal=journal,
        loopback_only=loopback_only,
        libraries=vendored_libraries(),
    )
