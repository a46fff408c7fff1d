"""Fixtures shared by every test: where the shared material lives, and a fresh journal path."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from compiled_build import build_compiled_site

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


@pytest.fixture(scope="session")
def compiled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding lumbar installed from a wheel built as ``pip install`` builds it
    (setup.py: the engine and training analytics compiled by mypyc), built once per run.

    Under pytest-xdist each worker's base temp folder is inside the run's, so the build
    goes beside them, where every worker finds it (:mod:`compiled_build` makes the
    others wait for the first worker's build).
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return build_compiled_site(ROOT, shared / "compiled")
