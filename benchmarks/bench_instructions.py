"""Benchmark: instructions executed (valgrind's callgrind), for figures a noisy machine
cannot blur.

Wall times on a shared virtual machine vary by up to 2x from run to run; the number of
instructions a command executes barely moves, so a change's effect shows in it to the
percent. Each figure is set against its baseline measured the same way in this run:

* cold start: `lumbar assess FILE` against `python -c "import pydantic, typer, rich"`;
* batch: instructions per check-in of `lumbar assess --batch` (a batch of N check-ins
  less an empty batch, over N) against a bare JSON round trip of the same lines.

Instructions are not time (the interpreter and C code run at different speeds per
instruction), so the ratios here are a steady yardstick, not a replacement for
bench_assess.py's wall times. Needs valgrind (Debian's ``valgrind``); without it the
script says so and exits 0.

Usage: python benchmarks/bench_instructions.py [--n 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench_assess import FLOOR, LUMBAR, PYTHON, make_checkin


def instructions(cmd: list[str], folder: Path) -> int:
    """Instructions ``cmd`` executes, as callgrind counts them (its output discarded)."""
    out = folder / "callgrind.out"
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    match = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.M)
    if match is None:
        raise SystemExit(f"no instruction count in {out}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    print(f"$ python benchmarks/bench_instructions.py --n {args.n}")
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: no instruction counts (apt-get install valgrind)")
        return
    import lumbar

    # Installed copies have compiled bytecode; so must this one (see bench_assess.py).
    package = str(Path(lumbar.__file__).parent)
    subprocess.run([PYTHON, "-m", "compileall", "-q", package], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rng = random.Random(20261125)
        batch, empty, one = folder / "n.jsonl", folder / "empty.jsonl", folder / "one.json"
        batch.write_text("".join(json.dumps(make_checkin(rng)) + "\n" for _ in range(args.n)))
        empty.write_text("")
        one.write_text(json.dumps(make_checkin(random.Random(1))))

        floor_start = instructions([PYTHON, "-c", "import pydantic, typer, rich"], folder)
        start = instructions([LUMBAR, "assess", str(one)], folder)
        per_checkin = (
            instructions([LUMBAR, "assess", "--batch", str(batch)], folder)
            - instructions([LUMBAR, "assess", "--batch", str(empty)], folder)
        ) / args.n
        per_line = (
            instructions([PYTHON, "-c", FLOOR, str(batch)], folder)
            - instructions([PYTHON, "-c", FLOOR, str(empty)], folder)
        ) / args.n
    print(
        f"cold start: lumbar assess FILE {start / 1e6:,.0f} M instructions; "
        f"import pydantic, typer, rich {floor_start / 1e6:,.0f} M; "
        f"ratio {start / floor_start:.2f}x"
    )
    print(
        f"batch: {per_checkin / 1e3:,.0f} k instructions per check-in; bare JSON round trip "
        f"{per_line / 1e3:,.0f} k per line; ratio {per_checkin / per_line:.1f}x"
    )


if __name__ == "__main__":
    main()
