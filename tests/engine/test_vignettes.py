"""Every public vignette, through the real CLI (--batch, one process) and the Python API.

The vignettes are read from ../shared at test time; they are examples of the policy,
and the other tests check the policy itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import lumbar
from conftest import load_vignettes

VIGNETTES = load_vignettes()
IDS = [case["id"] for case in VIGNETTES]


def _check(case: dict[str, Any], answer: dict[str, Any]) -> None:
    expect = case["expect"]
    assert answer["contract"] == "lumbar.assessment/1"
    assert answer["triage"]["level"] == expect["level"], case["description"]
    if "pattern" in expect:
        assert answer["pattern"] == expect["pattern"], case["description"]
    causes = [c["id"] for c in answer["causes"]]
    for cause in expect.get("causes_include", []):
        assert cause in causes, f"{case['id']}: {cause} missing from {causes}"
    for cause in expect.get("causes_exclude", []):
        assert cause not in causes, f"{case['id']}: {cause} should not be listed"


@pytest.fixture(scope="module")
def batch_answers(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path: Path = tmp_path_factory.mktemp("vignettes") / "in.jsonl"
    path.write_text("".join(json.dumps(case["input"]) + "\n" for case in VIGNETTES))
    done = subprocess.run(
        [sys.executable, "-m", "lumbar", "assess", "--batch", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(VIGNETTES)
    return [json.loads(line) for line in lines]


def test_there_are_public_vignettes_to_run() -> None:
    assert len(VIGNETTES) >= 20


@pytest.mark.parametrize("index", range(len(VIGNETTES)), ids=IDS)
def test_vignette_through_the_cli_batch(index: int, batch_answers: list[dict[str, Any]]) -> None:
    _check(VIGNETTES[index], batch_answers[index])


@pytest.mark.parametrize("case", VIGNETTES, ids=IDS)
def test_vignette_through_the_python_api(case: dict[str, Any]) -> None:
    answer = lumbar.assess(case["input"])
    assert isinstance(answer, lumbar.Assessment)
    _check(case, answer.model_dump(mode="json"))


@pytest.mark.parametrize("case", VIGNETTES[:6], ids=IDS[:6])
def test_vignette_through_the_cli_single_file_and_stdin(
    case: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "checkin.json"
    path.write_text(json.dumps(case["input"]))
    by_file = subprocess.run(
        [sys.executable, "-m", "lumbar", "assess", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    by_stdin = subprocess.run(
        [sys.executable, "-m", "lumbar", "assess", "-"],
        input=json.dumps(case["input"]),
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(by_file.stdout) == json.loads(by_stdin.stdout)
    _check(case, json.loads(by_file.stdout))
