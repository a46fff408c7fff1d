"""The training analytics as a built package has them: compiled by mypyc (setup.py),
records included, and answering byte for byte as the Python sources do.

The package is the ``compiled_site`` fixture's (one wheel build per test run,
``tests/compiled_build.py``). Each comparison runs the same thing twice, as a process:
with that folder first on the path, and with the editable (pure Python) install the
other tests use. Both runs share one ``PYTHONHASHSEED``, so that the order of sets of
names is the same in both.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cli_process import TERMINAL, run_lumbar
from conftest import DATA, ROOT
from hevy_pain import journal_with_pain

pytestmark = pytest.mark.slow

NOT_COMPILED = {"__init__", "synthetic"}  # as setup.py leaves them
TRAINING = sorted(
    p.stem for p in (ROOT / "src/lumbar/training").glob("*.py") if p.stem not in NOT_COMPILED
)
OUTPUTS = DATA / "training" / "analytics_outputs.py"
HASH_SEED = {"PYTHONHASHSEED": "0"}


def _python(args: list[str], site: Path | None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``python ARGS`` with the compiled ``site`` first on the path, or the pure install."""
    # Not this run's xdist worker: a pytest run in the process is a run of its own.
    env = {k: v for k, v in TERMINAL.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CUR"))}
    env.update(HASH_SEED)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=False, env=env, cwd=cwd
    )


def _differences(python: list[str], native: list[str], shown: int = 8) -> list[str]:
    """Which lines differ (their labels), then the first ``shown`` of them, each cut to
    where it starts to differ."""
    pairs = [(p, n) for p, n in zip(python, native, strict=False) if p != n]
    found = [f"{len(pairs)} lines differ: " + "; ".join(p.split(":", 1)[0] for p, _ in pairs)]
    if len(python) != len(native):
        found.append(f"{len(python)} lines from Python, {len(native)} compiled")
    for p, n in pairs[:shown]:
        at = next((i for i, (x, y) in enumerate(zip(p, n, strict=False)) if x != y), 0)
        cut = slice(max(0, at - 80), at + 80)
        found.append(f"{p.split(':', 1)[0]}\n  python: …{p[cut]}\n  native: …{n[cut]}")
    return found


# -- what is compiled --------------------------------------------------------------------

_PROBE = """
import importlib
from lumbar.training.records import TrainingSession
for name in {modules!r}:
    print(name, importlib.import_module('lumbar.training.' + name).__file__)
attrs = getattr(TrainingSession, '__mypyc_attrs__', None)
print('TrainingSession', attrs, type(vars(TrainingSession)['day']).__name__)
"""


def _probe(site: Path | None) -> tuple[dict[str, str], str]:
    done = _python(["-c", _PROBE.format(modules=[*TRAINING, "synthetic"])], site)
    assert done.returncode == 0, done.stderr
    *files, records = done.stdout.splitlines()
    return dict(line.split(" ", 1) for line in files), records


def test_every_training_module_but_the_journal_maker_is_loaded_compiled(
    compiled_site: Path,
) -> None:
    files, _ = _probe(compiled_site)
    assert sorted(files) == sorted([*TRAINING, "synthetic"])
    assert files.pop("synthetic") == str(compiled_site / "lumbar/training/synthetic.py")
    for name, file in files.items():
        assert file.startswith(str(compiled_site)) and file.endswith(".so"), (name, file)


def test_the_session_record_is_a_native_class_only_in_the_built_package(
    compiled_site: Path,
) -> None:
    # mypyc gives a native class the fields it stores in C (``__mypyc_attrs__``), read
    # through getset descriptors; a slotted dataclass reads its slots through member
    # descriptors and has no such list.
    fields = (
        "('day', 'type', 'start', 'duration_min', 'rpe', 'distance_km', 'sets', 'warm_up', "
        "'cool_down', 'surface', 'shoe', 'session_id')"
    )
    assert _probe(compiled_site)[1] == f"TrainingSession {fields} getset_descriptor"
    assert _probe(None)[1] == "TrainingSession None member_descriptor"


# -- the analytics, function by function -------------------------------------------------

# Lines the script prints, by label (its first word): two reports of each of its 16
# journals, links of 4 of them with two settings, the series, columns, 5 sessions' and
# pains of 4 others (3 rules), Fisher's test over 7 × 7 rows of tables and 10 more.
EXPECTED_LINES = {
    "insights": 32,
    "links": 8,
    "daily_loads": 4,
    "acwr_rolling_series": 4,
    "measure_sessions": 4,
    "session_quantities": 20,
    "pains_after": 12,
    "fisher_exact": 59,
}


def test_the_compiled_analytics_answer_byte_for_byte_as_the_python_sources(
    compiled_site: Path, tmp_path: Path
) -> None:
    python = _python([str(OUTPUTS)], None, cwd=tmp_path)
    assert python.returncode == 0 and not python.stderr, python.stderr
    lines = python.stdout.splitlines()
    assert Counter(line.split(" ", 1)[0] for line in lines) == EXPECTED_LINES
    # The planted signal leads the links of the journal built with it (an empty or
    # truncated answer cannot get here).
    (report,) = [line for line in lines if line.startswith("insights deadlift-26w 2024-06-30:")]
    first = re.search(r"links=\(Link\(kind='exercise', key='(\w+)'.*?strength='(\w+)'", report)
    assert first is not None and first.groups() == ("deadlift", "clear"), report[-3000:]
    native = _python([str(OUTPUTS)], compiled_site, cwd=tmp_path)
    assert native.returncode == 0 and not native.stderr, native.stderr
    if native.stdout != python.stdout:  # the lines that differ, not pytest's diff of 1 MB
        pytest.fail("\n".join(_differences(lines, native.stdout.splitlines())))


# -- `lumbar insights` on a journal of real imported files -------------------------------


@pytest.fixture(scope="module")
def hevy_journal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dt.date]]:
    """A SQLite journal of the Hevy sample with pain planted after dumbbell rows
    (``tests/hevy_pain.py``, as the insights tests build it); and days to read it on."""
    db = tmp_path_factory.mktemp("compiled-insights") / "journal.db"
    days = journal_with_pain(str(db), f"sqlite:///{db}")
    return db, {"last": days[-1] + dt.timedelta(days=1), "middle": days[len(days) // 2]}


@pytest.mark.parametrize(
    ("output", "on", "weeks"),
    [
        ("json", "last", "52"),
        ("text", "last", "12"),
        ("json", "middle", "5"),
        ("text", "middle", "5"),
    ],
)
def test_lumbar_insights_compiled_writes_what_the_python_sources_write(
    compiled_site: Path,
    hevy_journal: tuple[Path, dict[str, dt.date]],
    output: str,
    on: str,
    weeks: str,
) -> None:
    db, days = hevy_journal
    args = ["insights", "--db", str(db), "--on", days[on].isoformat(), "--weeks", weeks]
    args += ["--format", output]
    python = run_lumbar(*args, env=HASH_SEED)
    assert python.returncode == 0, python.stderr
    if output == "json":
        doc = json.loads(python.stdout)
        assert doc["sessions"] > 10 and doc["links"], doc.keys()
    else:
        assert "What goes with your pain" in python.stdout
    native = run_lumbar(*args, env={**HASH_SEED, "PYTHONPATH": str(compiled_site)})
    assert (native.returncode, native.stderr) == (python.returncode, python.stderr)
    if native.stdout != python.stdout:
        pytest.fail("\n".join(_differences(python.stdout.splitlines(), native.stdout.splitlines())))


# -- the training tests, run against the built package -----------------------------------


def test_the_training_tests_pass_against_the_compiled_build(
    compiled_site: Path, tmp_path: Path
) -> None:
    check = "import lumbar.training.quantities as q; print(q.__file__)"
    where = _python(["-c", check], compiled_site)
    file = where.stdout.strip()
    assert file.startswith(str(compiled_site)) and file.endswith(".so"), where
    done = _python(
        [
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--basetemp={tmp_path / 'run'}",
            "tests/training",
            "tests/insights",
            "tests/engine/test_history.py",
            "--ignore",
            "tests/training/test_compiled_training.py",
        ],
        compiled_site,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
