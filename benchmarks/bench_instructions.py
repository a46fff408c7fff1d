"""Benchmark: instructions executed (valgrind's callgrind), for figures a noisy machine
cannot blur.

Wall times on a shared virtual machine vary by up to 2x from run to run; the number of
instructions a command executes barely moves, so a change's effect shows in it to the
percent. Each figure is set against its baseline measured the same way in this run:

* cold start: `lumbar assess FILE` against `python -c "import pydantic, typer, rich"`;
* batch: instructions per check-in of `lumbar assess --batch` (a batch of N check-ins
  less an empty batch, over N) against a bare JSON round trip of the same lines;
* insights: instructions per ``training_insights`` call on one person's 10 years of
  daily sessions (5 calls less 1, over 4) against bench_insights.py's pandas version of
  the same metrics from ready-made DataFrames, counted the same way (when pandas is
  installed).

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

# N calls of one insights implementation on the 10-year journal of bench_insights.py,
# after the journal (and, for pandas, its frames) is built: argv is "lumbar|pandas N".
INSIGHTS = """
import sys
sys.path.insert(0, {here!r})
from bench_insights import WEEKS_SHOWN, pandas_insights, to_frames
from lumbar.training import LinkOptions, training_insights
from lumbar.training.synthetic import synthetic_journal
one = synthetic_journal(520, 1, signal="deadlift", sessions_per_week=(7, 7))
on = one.sessions[-1].day
which, calls = sys.argv[1], int(sys.argv[2])
if which == "pandas":
    frames = to_frames(one)
    for _ in range(calls):
        pandas_insights(frames, on, LinkOptions())
else:
    for _ in range(calls):
        training_insights(one.sessions, one.pains, on, weeks=WEEKS_SHOWN)
"""


def per_call(which: str, folder: Path) -> float:
    """Instructions of one insights call by ``which`` (lumbar or pandas): 5 calls less 1."""
    script = INSIGHTS.format(here=str(Path(__file__).resolve().parent))
    runs = [instructions([PYTHON, "-c", script, which, str(n)], folder) for n in (1, 5)]
    return (runs[1] - runs[0]) / 4


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
    here = str(Path(__file__).resolve().parent)  # bench_insights.py, for the insights
    subprocess.run([PYTHON, "-m", "compileall", "-q", package, here], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rng = random.Random(20261125)
        batch, empty, one = folder / "n.jsonl", folder / "empty.jsonl", folder / "one.json"
        batch.write_text("".join(json.dumps(make_checkin(rng)) + "\n" for _ in range(args.n)))
        empty.write_text("")
        one.write_text(json.dumps(make_checkin(random.Random(1))))

        # A first run fills the knowledge cache (lumbar.knowledge.cache), as any run after
        # an install does: the figures are of the runs after it.
        subprocess.run([LUMBAR, "assess", str(one)], capture_output=True, check=True)
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
    with tempfile.TemporaryDirectory() as tmp:
        ours = per_call("lumbar", Path(tmp))
        line = f"insights, one person, 10 years daily: {ours / 1e6:,.0f} M instructions per call"
        try:
            import pandas  # noqa: F401 - only whether it is there
        except ImportError:
            print(f"{line}; pandas is not installed: no comparison")
        else:
            theirs = per_call("pandas", Path(tmp))
            print(f"{line}; pandas {theirs / 1e6:,.0f} M; pandas / lumbar {theirs / ours:.1f}x")


if __name__ == "__main__":
    main()
