"""Benchmark: batch assessment throughput and cold start of `lumbar assess`.

Batch: N generated check-ins (seeded) in one JSON Lines file, assessed by
`lumbar assess --batch` in one process (one core), against the floor of a bare JSON
round trip (json.loads + json.dumps of every line) of the same file in the same run.
Cold start: the median wall time of `lumbar assess FILE` against `python -c pass` and
`python -c "import pydantic, typer, rich"`, each run the same number of times. lumbar's
bytecode is compiled first, as `pip install` does for an installed package: an editable
install under PYTHONDONTWRITEBYTECODE (as on this machine) would otherwise compile
lumbar's sources on every start, which no installed copy does.

It measures the lumbar installed beside the Python that runs it: ``make bench`` runs it
in ``.venv-bench``, where lumbar is installed from a built wheel (the engine compiled by
mypyc, as ``pip install`` builds it); run with ``.venv/bin/python`` it measures the
editable install, which runs the Python sources.

Usage: python benchmarks/bench_assess.py [--n 100000] [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, get_args

from lumbar import vocab

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
LUMBAR = str(Path(PYTHON).with_name("lumbar"))
# One core: the batch is single-threaded; pin it where taskset exists so the figure
# does not depend on what the other core is doing.
PIN = ["taskset", "-c", "0"] if shutil.which("taskset") else []


def _some(rng: random.Random, values: tuple[str, ...], most: int = 3) -> list[str]:
    return rng.sample(values, rng.randint(0, most))


def make_checkin(rng: random.Random) -> dict[str, Any]:
    """A realistic random check-in: most fields given, a few red flags now and then."""
    pain: dict[str, Any] = {
        "nrs": rng.randint(0, 10),
        "days_since_onset": rng.randint(0, 30),
        "onset": rng.choice(get_args(vocab.Onset)),
        "quality": _some(rng, vocab.QUALITIES, 2),
        "side": rng.choice(get_args(vocab.Side)),
        "spread": rng.choice(get_args(vocab.Spread)),
        "radiates_to": rng.choice(get_args(vocab.Radiation)),
        "trend": rng.choice(get_args(vocab.Trend)),
        "worse_at_night": rng.random() < 0.05,
        "episodes_last_3_months": rng.randint(0, 4),
    }
    doc: dict[str, Any] = {
        "date": "2026-11-24",
        "pain": pain,
        "profile": {
            "age": rng.randint(16, 85),
            "sex": rng.choice(("female", "male", "other")),
            "conditions": _some(rng, vocab.CONDITIONS, 1) if rng.random() < 0.2 else [],
            "desk_hours_per_day": rng.randint(0, 12),
            "core_sessions_per_week": rng.randint(0, 4),
        },
        "symptoms": _some(rng, vocab.SYMPTOMS, 1) if rng.random() < 0.3 else [],
        "workout": {
            "type": rng.choice(vocab.WORKOUT_TYPES),
            "exercises": rng.sample(
                [
                    "Deadlift (Barbell)",
                    "Squat (Barbell)",
                    "RDL",
                    "Bench Press (Barbell)",
                    "Kettlebell Swing",
                    "Running",
                    "Box Jump",
                    "Pull Up",
                    "Plank",
                ],
                rng.randint(0, 3),
            ),
            "warm_up": rng.random() < 0.7,
            "cool_down": rng.random() < 0.5,
            "rpe": rng.randint(1, 10),
            "duration_min": rng.randint(15, 120),
            "load_change_pct": rng.randint(-20, 80),
            "surface": rng.choice(vocab.SURFACES),
            "shoe_km": rng.randint(0, 1000),
        },
    }
    return doc


REFERENCE_PASS_MS = 11.0  # the issue: "python -c pass takes about 11 ms here"
REFERENCE_IMPORT_MS = 90.0  # and "import pydantic, typer, rich about 90 ms"

FLOOR = (
    "import json,sys\n"
    "out=sys.stdout\n"
    "for line in open(sys.argv[1],'rb'):\n"
    "    out.write(json.dumps(json.loads(line))+'\\n')\n"
)


def _timed(cmd: list[str], stdout: Any = subprocess.DEVNULL) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start


def bench_batch(n: int, folder: Path) -> dict[str, float]:
    rng = random.Random(20261125)
    path = folder / "checkins.jsonl"
    with path.open("w") as handle:
        for _ in range(n):
            handle.write(json.dumps(make_checkin(rng)) + "\n")
    floor = _timed([*PIN, PYTHON, "-c", FLOOR, str(path)])
    lumbar = _timed([*PIN, LUMBAR, "assess", "--batch", str(path), "--format", "json"])
    return {
        "n": n,
        "floor_s": floor,
        "lumbar_s": lumbar,
        "rate": n / lumbar,
        "ratio": lumbar / floor,
    }


def bench_cold_start(runs: int, folder: Path) -> dict[str, float]:
    import lumbar

    package = Path(lumbar.__file__).parent
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(package)], check=True)
    path = folder / "one.json"
    path.write_text(json.dumps(make_checkin(random.Random(1))))
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "import pydantic, typer, rich": [PYTHON, "-c", "import pydantic, typer, rich"],
        "lumbar assess FILE": [LUMBAR, "assess", str(path)],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so that drift affects every command alike
        for name, cmd in commands.items():
            times[name].append(_timed(cmd))
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batch = bench_batch(args.n, folder)
        cold = bench_cold_start(args.runs, folder)
    print(
        f"$ python benchmarks/bench_assess.py --n {args.n} --runs {args.runs}"
        f"   ({os.cpu_count()} cores, batch pinned to one: {bool(PIN)})"
    )
    print(
        f"batch: {batch['n']:,} check-ins in {batch['lumbar_s']:.2f} s = "
        f"{batch['rate']:,.0f} check-ins/s; bare JSON round trip of the same file "
        f"{batch['floor_s']:.2f} s; lumbar / floor = {batch['ratio']:.1f}x "
        f"(goals: >= 10,000/s, <= 10x)"
    )
    # The goals were set on a machine where `python -c pass` takes about 11 ms;
    # scaling by this machine's own figure gives a rough estimate of the rate there.
    speed = cold["python -c pass"] / REFERENCE_PASS_MS
    floor_ms = cold["import pydantic, typer, rich"]
    print(
        f"estimate on the issue's reference machine (python -c pass {REFERENCE_PASS_MS:.0f} ms"
        f" there, {cold['python -c pass']:.0f} ms here): about {batch['rate'] * speed:,.0f}"
        f" check-ins/s and a cold start of about {cold['lumbar assess FILE'] / speed:.0f} ms"
        f" (by the import floor, {REFERENCE_IMPORT_MS:.0f} ms there:"
        f" {cold['lumbar assess FILE'] * REFERENCE_IMPORT_MS / floor_ms:.0f} ms)"
    )
    ratio = cold["lumbar assess FILE"] / cold["import pydantic, typer, rich"]
    print(
        f"cold start (median of {args.runs} runs): "
        + "; ".join(f"{name} {ms:.0f} ms" for name, ms in cold.items())
        + f"; lumbar / import floor = {ratio:.2f}x"
    )


if __name__ == "__main__":
    main()
