"""Benchmark: reading an Apple Health export, against a bare lxml parse and
healthkit-to-sqlite, in the same run on the same file.

A synthetic export (``../shared/tools/gen_apple_health.py``: iOS 16 layout, realistic
mix of Records and Workouts, seeded) is written to ``benchmarks/out/`` as export.xml and
export.zip. Each side then runs in its own process, so that its peak memory
(``ru_maxrss`` from ``os.wait4``) is its own:

* ``lumbar zip`` / ``lumbar xml``: ``lumbar.ingest.apple_health.read`` over export.zip
  (streamed from the member) and over export.xml;
* ``floor, top-level``: lxml ``iterparse`` reporting the top-level elements only and
  clearing each one with its predecessors: the least work a streaming reader can do;
* ``floor, every element``: lxml ``iterparse`` reporting every element and clearing it
  (a common "bare pass"; its memory grows with the emptied elements it keeps);
* ``healthkit-to-sqlite``: its CLI on export.zip into a fresh database, when installed
  (the ``bench`` extra, which ``make bench`` installs).

Throughput is the size of export.xml in MB (10^6 bytes) divided by the wall time of
the side's process (interpreter start included), the best of ``--repeat`` runs since
the machine may be shared; healthkit-to-sqlite runs once. Goals (issue 3): lumbar
within 2x of the bare parse, under 150 MB, at least 4x faster than healthkit-to-sqlite.

Usage: python benchmarks/bench_apple_health.py [--size-mb 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GENERATOR = HERE.parent.parent / "shared" / "tools" / "gen_apple_health.py"
OUT = HERE / "out" / "apple_health"
TOP_LEVEL = ("Record", "Workout", "ActivitySummary", "Correlation")


def make_export(size_mb: float, seed: int) -> tuple[Path, Path]:
    """export.xml and export.zip of about ``size_mb`` MB, generated once per size/seed."""
    folder = OUT / f"{size_mb:g}mb-seed{seed}"
    xml, packed = folder / "export.xml", folder / "export.zip"
    if not (xml.is_file() and packed.is_file()):
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, str(GENERATOR), "--mb", f"{size_mb:g}", "--seed", str(seed)]
        subprocess.run([*command, "--out", str(xml), "--zip", str(packed)], check=True)
    return xml, packed


# --- the sides, each run as `bench_apple_health.py --side NAME FILE` ---------------------


def side_lumbar(path: Path) -> dict[str, Any]:
    from lumbar.ingest import apple_health

    sessions = sum(1 for item in apple_health.read(path) if hasattr(item, "start"))
    return {"workouts": sessions}


def side_floor_top_level(path: Path) -> dict[str, Any]:
    from lxml import etree

    workouts = 0
    with path.open("rb") as stream:  # a file object, as lumbar reads it
        for _, element in etree.iterparse(stream, events=("end",), tag=TOP_LEVEL):
            workouts += element.tag == "Workout"
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del element.getparent()[0]
    return {"workouts": workouts}


def side_floor_every_element(path: Path) -> dict[str, Any]:
    from lxml import etree

    workouts = 0
    with path.open("rb") as stream:
        for _, element in etree.iterparse(stream, events=("end",)):
            workouts += element.tag == "Workout"
            element.clear(keep_tail=True)
    return {"workouts": workouts}


SIDES = {
    "lumbar": side_lumbar,
    "floor-top-level": side_floor_top_level,
    "floor-every-element": side_floor_every_element,
}


# --- measuring --------------------------------------------------------------------------


def measure(command: list[str]) -> dict[str, Any]:
    """Wall time and peak resident memory of ``command``, run in its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out = process.stdout.read().decode() if process.stdout else ""
    err = process.stderr.read().decode() if process.stderr else ""
    if status != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err[-2000:]}")
    # ru_maxrss is in kilobytes on Linux
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, "stdout": out}


def run_side(name: str, path: Path, repeat: int) -> dict[str, Any]:
    """The fastest of ``repeat`` runs (the machine may be busy), with the largest peak."""
    runs = []
    for _ in range(repeat):
        result = measure([sys.executable, __file__, "--side", name, str(path)])
        result.update(json.loads(result.pop("stdout").strip().splitlines()[-1]))
        runs.append(result)
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "peak_mb": max(r["peak_mb"] for r in runs)}


def run_healthkit_to_sqlite(packed: Path) -> dict[str, Any] | None:
    tool = Path(sys.executable).with_name("healthkit-to-sqlite")
    if not tool.exists():
        found = shutil.which("healthkit-to-sqlite")
        if found is None:
            return None
        tool = Path(found)
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "healthkit.db"
        result = measure([str(tool), str(packed), str(database), "--silent"])
        import sqlite3

        with sqlite3.connect(database) as db:
            result["workouts"] = db.execute("select count(*) from workouts").fetchone()[0]
    result.pop("stdout")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0, help="export.xml size (MB)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per side (best kept)")
    parser.add_argument("--side", choices=sorted(SIDES), help=argparse.SUPPRESS)
    parser.add_argument("file", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:  # a child process: run one side and print its result as JSON
        print(json.dumps(SIDES[args.side](args.file)))
        return 0

    xml, packed = make_export(args.size_mb, args.seed)
    size_mb = xml.stat().st_size / 1e6
    print(f"command: python benchmarks/bench_apple_health.py --size-mb {args.size_mb:g} "
          f"--seed {args.seed} --repeat {args.repeat}")  # fmt: skip
    print(f"file: {xml} ({size_mb:.0f} MB; export.zip {packed.stat().st_size / 1e6:.0f} MB)")
    print(f"cpu: {os.cpu_count()} cores; python {sys.version.split()[0]}\n")
    rows: list[tuple[str, dict[str, Any] | None]] = [
        ("lumbar, export.zip", run_side("lumbar", packed, args.repeat)),
        ("lumbar, export.xml", run_side("lumbar", xml, args.repeat)),
        ("floor: lxml iterparse, top-level + clear", run_side("floor-top-level", xml, args.repeat)),
        ("floor: lxml iterparse, every element", run_side("floor-every-element", xml, args.repeat)),
        ("healthkit-to-sqlite 1.0.1, export.zip", run_healthkit_to_sqlite(packed)),
    ]
    print(f"{'side':44} {'seconds':>8} {'MB/s':>7} {'peak MB':>8} {'workouts':>9}")
    for name, result in rows:
        if result is None:
            print(f"{name:44} skipped: healthkit-to-sqlite is not installed")
            continue
        print(
            f"{name:44} {result['seconds']:8.1f} {size_mb / result['seconds']:7.1f} "
            f"{result['peak_mb']:8.0f} {result['workouts']:9d}"
        )
    lumbar, floor = rows[0][1], rows[2][1]
    assert lumbar is not None and floor is not None
    print(f"\nlumbar (zip) / floor (top-level): {lumbar['seconds'] / floor['seconds']:.2f}x")
    other = rows[4][1]
    if other is not None:
        print(f"healthkit-to-sqlite / lumbar (zip): {other['seconds'] / lumbar['seconds']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
