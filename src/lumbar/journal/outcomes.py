"""What an import did, file by file, and the hooks that show its progress.

Kept apart from :mod:`lumbar.journal.importing` so that showing a summary does not
load the importers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from lumbar.ingest.records import Notice, Refused

__all__ = ["FileOutcome", "ImportProgress", "ImportSummary"]


@dataclass
class FileOutcome:
    """What happened to one file.

    Attributes:
        status: ``imported``; ``duplicate`` (the same file was imported before,
            nothing read); or ``failed`` (nothing written, see ``error``).
        duplicates: sessions and check-ins skipped as already in the journal; for
            a duplicate file, the ones its first import read.
        refused: rows the reader refused while importing the rest.
        unknown: exercise names the catalogue does not know → sets written with them.
        person_created: a person this file's import created, if any.
    """

    display: str
    format: str
    status: Literal["imported", "duplicate", "failed"] = "imported"
    sessions_added: int = 0
    sets_added: int = 0
    checkins_added: int = 0
    duplicates: int = 0
    refused: list[Refused] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    unknown: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    person_created: str | None = None

    def fail(self, message: str) -> None:
        """Mark the file failed: nothing it read was written."""
        self.status = "failed"
        self.error = message
        self.sessions_added = self.sets_added = self.checkins_added = self.duplicates = 0
        self.unknown.clear()
        self.person_created = None


@dataclass
class ImportSummary:
    """Every file's outcome, and the totals the command reports."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders that are not training data

    def total(self, name: str) -> int:
        """The sum over files of the counter ``name`` (``sessions_added`` ...)."""
        return sum(int(getattr(outcome, name)) for outcome in self.outcomes)

    @property
    def errors(self) -> list[str]:
        """One line per failed file: ``file:locator: field: message``."""
        return [o.error for o in self.outcomes if o.error is not None]

    @property
    def ok(self) -> bool:
        """True when every file was imported (or was already)."""
        return bool(self.outcomes) and not self.errors

    @property
    def unknown_exercises(self) -> Counter[str]:
        """Names left unmatched by this run → sets written with them."""
        total: Counter[str] = Counter()
        for outcome in self.outcomes:
            total.update(outcome.unknown)
        return total

    def contract_line(self) -> dict[str, Any]:
        """The summary line of CONTRACT.md, exactly these keys, in this order."""
        return {
            "files": len(self.outcomes),
            "sessions_added": self.total("sessions_added"),
            "sets_added": self.total("sets_added"),
            "duplicates": self.total("duplicates"),
            "errors": self.errors,
        }


class ImportProgress:
    """Hooks for showing progress; this base class shows nothing."""

    def begin_file(self, display: str, number: int, total: int) -> None:
        """A file starts (``number`` counts from 1)."""

    def advance(self, sessions: int) -> None:
        """``sessions`` more sessions were read from the current file."""

    def end_file(self, outcome: FileOutcome) -> None:
        """The current file is done."""
