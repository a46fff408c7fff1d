"""A journal document written by hand from CONTRACT.md's example imports and exports back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lumbar.journal.document import export_document
from lumbar.journal.importing import ImportRequest, import_paths
from lumbar.store.engine import Journal

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "journal" / "contract_example.json"


def _named_fields(document: Any, like: Any) -> Any:
    """``document`` cut down to the keys ``like`` has, ids dropped (recursively, by position)."""
    if isinstance(like, dict):
        return {
            key: _named_fields(document[key], like[key])
            for key in like
            if key not in {"id", "person"}
        }
    if isinstance(like, list):
        assert len(document) == len(like)
        return [_named_fields(d, e) for d, e in zip(document, like, strict=True)]
    return document


def test_the_contract_example_imports_and_exports_back_unchanged(journal: Journal) -> None:
    summary = import_paths(journal, ImportRequest((EXAMPLE,)))
    assert summary.ok, summary.errors
    assert summary.contract_line() == {
        "files": 1, "sessions_added": 2, "sets_added": 2, "duplicates": 0, "errors": [],
    }  # fmt: skip
    with journal.reading() as db:
        exported = export_document(db)
    written = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert _named_fields(exported, written) == _named_fields(written, written)
    (ana,) = exported["people"]
    assert {s["person"] for s in exported["sessions"]} == {ana["id"]}
    assert exported["shoes"] == [{"person": ana["id"], "name": "Pegasus 40", "km_before": 0.0}]
