"""lumbar as a built package has it (setup.py: the engine and training analytics compiled
by mypyc), built once per test run and shared by every pytest-xdist worker.

The package is built as ``pip install lumbar`` builds it, a wheel through setup.py,
from a copy of the sources, and installed into a folder of its own (``site``). A build
takes about 40 s; the first worker that needs it builds it while holding a lock, and
the others wait for the lock and reuse the folder. A marker file, written last, says
the build completed: a worker that finds the lock free and no marker (the build failed)
builds again, from a clean folder, and reports pip's output as the first one did.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["BUILD_LOG", "build_compiled_site"]

#: A line per build, in the build folder, so that a run can show how many builds it made.
BUILD_LOG = "builds.log"
_MARKER = "complete"


def _build(root: Path, work: Path) -> Path:
    """Build the wheel from a copy of ``root``'s sources into ``work`` and install it
    into ``work / "site"``."""
    source = work / "lumbar"
    source.mkdir(parents=True)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(root / name, source / name)
    shutil.copytree(
        root / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(work), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = work.glob("lumbar-*.whl")
    site = work / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True)
    return site


def build_compiled_site(root: Path, folder: Path) -> Path:
    """The ``site`` folder holding lumbar installed from a wheel built from ``root``.

    Args:
        root: the project (pyproject.toml, setup.py, README.md and src are copied).
        folder: where the build goes; every process given the same folder shares one
            build (an ``fcntl.flock`` on ``folder / "lock"`` makes the others wait).

    Raises:
        AssertionError: pip could not build the wheel (its output is the message).
    """
    folder.mkdir(parents=True, exist_ok=True)
    work = folder / "build"
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / _MARKER).exists():
            shutil.rmtree(work, ignore_errors=True)  # what a failed build left
            began = time.perf_counter()
            _build(root, work)
            took_s = time.perf_counter() - began
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            with (folder / BUILD_LOG).open("a") as log:
                log.write(f"built by {worker} (pid {os.getpid()}) in {took_s:.1f} s\n")
            (folder / _MARKER).touch()
    return work / "site"
