"""The engine as a built package has it: compiled by mypyc, and answering byte for byte as
the Python sources do.

The package is built as ``pip install lumbar`` builds it (a wheel, through setup.py),
from a copy of the sources, and installed into a folder of its own (the ``compiled_site``
fixture, one build per test run: ``tests/compiled_build.py``). The same check-ins,
valid and refused, then go through ``lumbar assess`` with that folder first on the path
and with the editable (pure Python) install the other tests use.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest

from cli_process import TERMINAL, run_lumbar
from conftest import ROOT, load_vignettes
from lumbar import vocab

pytestmark = pytest.mark.slow

ENGINE = sorted(p.stem for p in (ROOT / "src/lumbar/engine").glob("*.py") if p.stem != "__init__")


def _lumbar(args: list[str], site: Path | None, stdin: str | None = None) -> tuple[int, str, str]:
    done = run_lumbar(*args, stdin=stdin, env={"PYTHONPATH": str(site)} if site else None)
    return done.returncode, done.stdout, done.stderr


def _checkins(count: int) -> list[dict[str, Any]]:
    """Varied check-ins: red flags, conditions, unknown fields, history, odd values."""
    rng = random.Random(20261125)
    docs = []
    for _ in range(count):
        pain: dict[str, Any] = {
            "nrs": rng.randint(0, 10),
            "days_since_onset": rng.randint(0, 120),
            "onset": rng.choice(get_args(vocab.Onset)),
            "quality": rng.sample(vocab.QUALITIES, rng.randint(0, 3)),
            "side": rng.choice(get_args(vocab.Side)),
            "spread": rng.choice(get_args(vocab.Spread)),
            "radiates_to": rng.choice(get_args(vocab.Radiation)),
            "trend": rng.choice(get_args(vocab.Trend)),
            "worse_at_night": rng.random() < 0.1,
            "episodes_last_3_months": rng.randint(0, 5),
        }
        doc: dict[str, Any] = {
            "date": "2026-11-24",
            "pain": {k: v for k, v in pain.items() if k == "nrs" or rng.random() < 0.8},
            "symptoms": rng.sample(vocab.SYMPTOMS, rng.randint(0, 3)),
            "profile": {
                "age": rng.randint(14, 90),
                "conditions": rng.sample(vocab.CONDITIONS, rng.randint(0, 2)),
                "desk_hours_per_day": rng.randint(0, 14),
                "core_sessions_per_week": rng.randint(0, 5),
            },
            "workout": {
                "type": rng.choice(vocab.WORKOUT_TYPES),
                "exercises": rng.sample(
                    ["Deadlift (Barbell)", "RDL", "Back Squat", "Running", "Box Jump", "Plank"],
                    rng.randint(0, 3),
                ),
                "warm_up": rng.random() < 0.5,
                "cool_down": rng.random() < 0.5,
                "rpe": rng.randint(1, 10),
                "load_change_pct": rng.randint(-50, 150),
                "shoe_km": rng.randint(0, 1200),
                "surface": rng.choice(get_args(vocab.Surface)),
            },
        }
        if rng.random() < 0.2:
            doc["history"] = {
                "sessions": [
                    {
                        "date": f"2026-11-{day:02d}",
                        "type": "strength",
                        "rpe": rng.randint(3, 9),
                        "duration_min": 60,
                        "exercises": ["Deadlift (Barbell)"],
                    }
                    for day in sorted(rng.sample(range(1, 24), rng.randint(0, 10)))
                ],
                "checkins": [
                    {"date": f"2026-11-{day:02d}", "nrs": rng.randint(0, 8)}
                    for day in sorted(rng.sample(range(1, 24), rng.randint(0, 5)))
                ],
            }
        for part in ("symptoms", "profile", "workout"):
            if rng.random() < 0.1:
                del doc[part]
        docs.append(doc)
    return docs


def test_the_built_package_holds_every_engine_module_compiled(compiled_site: Path) -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {ENGINE!r}:\n"
        "    print(name, importlib.import_module('lumbar.engine.' + name).__file__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**TERMINAL, "PYTHONPATH": str(compiled_site)},
    )
    files = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert sorted(files) == ENGINE
    for name, file in files.items():
        assert file.startswith(str(compiled_site)) and file.endswith(".so"), (name, file)


def test_the_compiled_engine_answers_byte_for_byte_as_the_python_sources(
    compiled_site: Path, tmp_path: Path
) -> None:
    lines = [json.dumps(case["input"]) for case in load_vignettes()]
    lines += [json.dumps(doc) for doc in _checkins(3000)]
    lines += ['{"pain": {"nrs": 12}}', '{"pain": {}}', "not json", '{"pain": {"nrs": 3}, "x": 1}']
    path = tmp_path / "checkins.jsonl"
    path.write_text("\n".join(lines) + "\n")
    args = ["assess", "--batch", str(path), "--today", "2026-11-25"]
    python, native = _lumbar(args, None), _lumbar(args, compiled_site)
    assert python[0] == 2  # the refused lines
    assert len(python[1].splitlines()) == len(lines)
    assert native == python


@pytest.mark.parametrize("index", [0, 7, 19])
def test_the_compiled_engine_writes_the_same_text_report(compiled_site: Path, index: int) -> None:
    case = load_vignettes()[index]
    args = ["assess", "-", "--format", "text", "--today", "2026-11-25"]
    python = _lumbar(args, None, stdin=json.dumps(case["input"]))
    assert python[0] == 0 and "not a diagnosis" in python[1]
    assert _lumbar(args, compiled_site, stdin=json.dumps(case["input"])) == python
