"""Golden files: small inputs beside the sessions they must give, written by hand.

Each ``tests/data/ingest/csv/golden/<name>.csv`` is detected by the registry, read,
and compared, normalised (fields that are ``None`` left out, times in ISO 8601),
with ``<name>.json`` beside it. The JSON files were written by hand from the inputs.

After a deliberate change to an importer, regenerate them and review the diff
before committing::

    LUMBAR_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/ingest/test_registry_golden.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from lumbar.ingest import registry
from lumbar.ingest.records import ImportedSession, Refused

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "ingest" / "csv" / "golden"
REGENERATE = os.environ.get("LUMBAR_REGEN_GOLDEN") == "1"

EXPECTED_FORMATS = {
    "strong_v6.csv": "strong_csv",
    "hevy_imperial.csv": "hevy_csv",
    "generic.csv": "generic_csv",
    "strava_es_activities.csv": "strava_export",
}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(inner) for key, inner in value.items() if inner is not None}
    if isinstance(value, list | tuple):
        return [_plain(inner) for inner in value]
    return value


def normalised(item: ImportedSession | Refused) -> dict[str, Any]:
    """One read item as plain JSON data, ``None`` fields left out."""
    if isinstance(item, Refused):
        return {
            "refused": {
                "file": item.source.file,
                "locator": item.source.locator,
                "field": item.field,
                "message": item.message,
            }
        }
    return {"session": _plain(dataclasses.asdict(item))}


def test_every_golden_input_has_its_expected_file_and_format():
    inputs = sorted(path.name for path in GOLDEN.glob("*.csv"))
    assert inputs == sorted(EXPECTED_FORMATS)
    for name in inputs:
        assert (GOLDEN / name).with_suffix(".json").is_file()


@pytest.mark.parametrize("name", sorted(EXPECTED_FORMATS))
def test_golden_file_is_detected_and_read_into_the_expected_sessions(name):
    path = GOLDEN / name
    fmt = registry.detect(path)
    assert fmt == EXPECTED_FORMATS[name]
    actual = [normalised(item) for item in registry.read_one(path, fmt)]
    expected_path = path.with_suffix(".json")
    if REGENERATE:
        text = json.dumps(actual, indent=2, ensure_ascii=False)
        expected_path.write_text(text + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
