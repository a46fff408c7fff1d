"""The journal's rules for a session, applied however it arrives (file, command line).

The rules are those of :class:`~lumbar.journal.schema.SessionDoc`: the contract's
vocabularies, non-negative durations and distances, session RPE 1–10, set RPE
0–10, whole non-negative repetitions, finite numbers, an exercise name on every
set. Applying the export document's own model keeps one definition: whatever the
journal accepts, its export can be read back.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import ValidationError

from lumbar.errors import describe_validation_error
from lumbar.ingest.records import ImportedSession, ImportedSet, ImportFileError
from lumbar.journal.schema import SessionDoc

__all__ = ["check_record"]


def check_record(record: ImportedSession) -> None:
    """Refuse a session that breaks the journal's rules (those of :class:`SessionDoc`).

    Raises:
        ImportFileError: naming the file, the row or record, the field and the rule.
    """
    # The rules are about the session itself, not where it came from (source, locators).
    data = _fields(record, skip=("source", "sets"))
    data |= {
        "id": "",
        "person": "",
        "sets": [_fields(one, skip=("locator",)) for one in record.sets],
    }
    try:
        SessionDoc.model_validate(data)
    except ValidationError as exc:
        problem = describe_validation_error(exc, SessionDoc)
        locator = record.source.locator
        if problem.field.startswith("sets["):
            index = int(problem.field[5 : problem.field.index("]")])
            locator = record.sets[index].locator or locator
        raise ImportFileError(record.source.file, locator, problem.field, problem.reason) from exc


def _fields(record: ImportedSession | ImportedSet, skip: tuple[str, ...]) -> dict[str, Any]:
    """The record's fields by name, but those in ``skip`` (not deep: sets stay records)."""
    return {
        field.name: getattr(record, field.name)
        for field in dataclasses.fields(record)
        if field.name not in skip
    }
