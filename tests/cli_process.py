"""lumbar's command line run as a real process, as the tests run it.

The terminal is fixed (no colour, a known width) so that text reports are the same on
every machine, and the process sees this test run's Python and environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["TERMINAL", "run_lumbar"]

#: The environment of every run: this process's, with no colour and 120 columns.
TERMINAL = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}


def run_lumbar(
    *args: str,
    stdin: str | None = None,
    module: str = "lumbar",
    columns: int = 120,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m lumbar ARGS`` (or another ``module``), its output captured as text.

    Args:
        stdin: what the process reads on standard input.
        module: the module run: ``lumbar`` is the console script's path, ``lumbar.cli``
            the full command line.
        columns: the terminal width Rich lays text reports out to.
        env: variables added to (or replacing) :data:`TERMINAL`'s.
        cwd: the working folder.
    """
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**TERMINAL, "COLUMNS": str(columns), **(env or {})},
        cwd=cwd,
    )
