"""Fixtures shared by every test: where the shared material lives, and a fresh journal path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# CI and every developer checkout have ../shared beside the project (read-only).
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
VIGNETTES = SHARED / "vignettes" / "public.jsonl"
DATA = Path(__file__).resolve().parent / "data"


def load_vignettes() -> list[dict[str, Any]]:
    """Every public vignette, read from ../shared at test time."""
    return [json.loads(line) for line in VIGNETTES.read_text().splitlines() if line.strip()]


@pytest.fixture
def samples() -> Path:
    """The folder of real files exported by real apps (../shared/samples)."""
    assert SAMPLES.is_dir(), f"missing {SAMPLES}: tests read the shared samples"
    return SAMPLES
