"""Benchmark: reading 1,000 FIT files with lumbar's FIT reader (goal: under a minute).

The 21 shared samples (``../shared/samples/fit``: runs, rides, swims, strength files
with sets, a 1 MB multisport race, and the two damaged files) are copied round-robin
into a temporary folder until there are ``--files`` of them; every file is then read
with ``lumbar.ingest.fit.read`` in one process. For scale, the same run also decodes
each distinct sample once with fitdecode alone (every message, CRC checked), which is
what reading without lumbar's message filter would cost.

Usage: python benchmarks/bench_fit.py [--files 1000]
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

import fitdecode

from lumbar.ingest import fit
from lumbar.ingest.records import ImportedSession, ImportFileError

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "fit"


def read_all(paths: list[Path]) -> tuple[float, int, int, int]:
    """Seconds to read every file, and the sessions, sets and file errors met."""
    sessions = sets = errors = 0
    started = time.perf_counter()
    for path in paths:
        try:
            for item in fit.read(path):
                if isinstance(item, ImportedSession):
                    sessions += 1
                    sets += len(item.sets)
        except ImportFileError:
            errors += 1
    return time.perf_counter() - started, sessions, sets, errors


def fitdecode_all(paths: list[Path]) -> float:
    """Seconds for fitdecode to decode every message of every file."""
    started = time.perf_counter()
    for path in paths:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the damaged samples warn about their CRC
            try:
                with fitdecode.FitReader(path) as reader:
                    for _ in reader:
                        pass
            except fitdecode.FitError:
                pass
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    samples = sorted(SAMPLES.glob("*.fit"))
    with tempfile.TemporaryDirectory() as scratch:
        paths = []
        for number, sample in zip(range(args.files), itertools.cycle(samples), strict=False):
            target = Path(scratch) / f"{number:04d}-{sample.name}"
            shutil.copyfile(sample, target)
            paths.append(target)
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        seconds, sessions, sets, errors = read_all(paths)
    distinct_mb = sum(p.stat().st_size for p in samples) / 1e6
    lumbar_distinct, *_ = read_all(samples)
    fitdecode_distinct = fitdecode_all(samples)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"command: python benchmarks/bench_fit.py --files {args.files}")
    print(f"cpu: {os.cpu_count()} cores; python {sys.version.split()[0]}\n")
    print(
        f"lumbar fit.read: {len(paths)} files, {size_mb:.0f} MB in {seconds:.1f} s "
        f"({len(paths) / seconds:.0f} files/s, {size_mb / seconds:.1f} MB/s); "
        f"{sessions} sessions, {sets} sets, {errors} file errors; peak {peak_mb:.0f} MB"
    )
    print(
        f"the {len(samples)} distinct samples ({distinct_mb:.1f} MB): lumbar "
        f"{lumbar_distinct:.2f} s, fitdecode alone {fitdecode_distinct:.2f} s "
        f"({fitdecode_distinct / lumbar_distinct:.0f}x slower)"
    )
    print(f"goal: {args.files} files in under 60 s: {'met' if seconds < 60 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
