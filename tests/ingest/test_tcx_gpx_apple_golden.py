"""Golden files for the device readers: a small input beside the normalised sessions
expected from it, written by hand (tests/data/ingest/device/golden/).

Normalised means: every field of the session or refusal, datetimes in ISO 8601 with
their offset, floats rounded to 3 decimals.

To regenerate the expected files after a deliberate change, run

    LUMBAR_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/ingest/test_tcx_gpx_apple_golden.py

then read the diff (``git diff tests/data/ingest/device/golden``) before committing:
the expected side is only as good as that review.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lumbar.ingest import apple_health, gpx, tcx
from lumbar.ingest.records import ImportedSession, Refused

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "ingest" / "device" / "golden"
Reader = Callable[[Path], Iterator[ImportedSession | Refused]]
CASES: list[tuple[str, Reader]] = [
    ("two_activities.tcx", tcx.read),
    ("morning_run.gpx", gpx.read),
    ("watch_export.xml", apple_health.read),
]


def plain(value: Any) -> Any:
    """``value`` as JSON: datetimes in ISO 8601, floats to 3 decimals."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def normalised(item: ImportedSession | Refused) -> dict[str, Any]:
    kind = "session" if isinstance(item, ImportedSession) else "refused"
    return {"kind": kind, **plain(dataclasses.asdict(item))}


@pytest.mark.parametrize(("name", "read"), CASES, ids=[name for name, _ in CASES])
def test_device_file_gives_the_sessions_written_by_hand(name: str, read: Reader) -> None:
    got = [normalised(item) for item in read(GOLDEN / name)]
    expected_path = GOLDEN / f"{name}.expected.json"

    if os.environ.get("LUMBAR_REGEN_GOLDEN") == "1":
        expected_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
        pytest.skip(f"regenerated {expected_path.name}: review the diff before committing")

    assert got == json.loads(expected_path.read_text(encoding="utf-8"))
