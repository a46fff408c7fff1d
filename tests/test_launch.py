"""The console script's quick start for ``lumbar assess FILE``: when it applies, and that
it answers exactly as the full command line does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_process import TERMINAL, run_lumbar
from lumbar.launch import PlainAssess, plain_assess

ENV = TERMINAL
CHECKIN = {
    "date": "2026-11-20",
    "pain": {"nrs": 6, "onset": "during_workout", "side": "left", "radiates_to": "none"},
    "profile": {"age": 44},
    "workout": {"type": "strength", "exercises": ["Deadlift (Barbell)"], "warm_up": False},
}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["assess", "c.json"], PlainAssess("c.json")),
        (["assess", "-"], PlainAssess("-")),
        (["assess", "c.json", "--format", "text"], PlainAssess("c.json", "text")),
        (["assess", "-f", "json", "c.json"], PlainAssess("c.json", "json")),
        (["assess", "--format=text", "c.json"], PlainAssess("c.json", "text")),
        (
            ["assess", "--today", "2026-11-01", "c.json", "-f", "text"],
            PlainAssess("c.json", "text", "2026-11-01"),
        ),
        (["assess", "c.json", "--today=2026-11-01"], PlainAssess("c.json", "json", "2026-11-01")),
    ],
)
def test_a_plain_assess_command_line_is_read_for_the_quick_start(
    args: list[str], expected: PlainAssess
) -> None:
    assert plain_assess(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["assess"],
        ["--help"],
        ["sources"],
        ["assess", "--help"],
        ["assess", "a.json", "b.json"],
        ["assess", "--batch", "all.jsonl"],
        ["assess", "c.json", "--journal"],
        ["assess", "c.json", "--format", "yaml"],
        ["assess", "c.json", "--format=yaml"],
        ["assess", "c.json", "--format"],
        ["assess", "c.json", "--format", "json", "--format", "text"],
        ["assess", "c.json", "--today", "--format"],
        ["assess", "c.json", "-fjson"],
        ["assess", "--", "c.json"],
        ["assess", "c.json", "--today=2026-11-01", "--today", "2026-11-02"],
        ["check", "c.json"],
    ],
)
def test_any_other_command_line_goes_to_the_full_cli(args: list[str]) -> None:
    assert plain_assess(args) is None


def _run(module: str, args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    done = run_lumbar(*args, stdin=stdin, module=module)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(CHECKIN))
    undated = tmp_path / "undated.json"
    undated.write_text(json.dumps({k: v for k, v in CHECKIN.items() if k != "date"}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**CHECKIN, "pain": {"nrs": 12}}))
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"pain": {"nrs": 3}, "note": "caf\xe9"}'.encode("latin-1"))
    return {"good": good, "undated": undated, "bad": bad, "latin": latin}


@pytest.mark.parametrize(
    ("name", "extra", "status"),
    [
        ("good", [], 0),
        ("good", ["--format", "text"], 0),
        ("undated", ["--today", "2026-10-01"], 0),
        ("undated", ["--today=2026-13-01"], 2),
        ("bad", [], 2),
        ("bad", ["-f", "text"], 2),
        ("latin", [], 2),
        ("missing", [], 2),
    ],
)
def test_the_quick_start_answers_and_refuses_exactly_as_the_full_cli(
    files: dict[str, Path], tmp_path: Path, name: str, extra: list[str], status: int
) -> None:
    args = ["assess", str(files.get(name, tmp_path / "missing.json")), *extra]
    assert plain_assess(args) is not None  # this command line does take the quick start
    quick = _run("lumbar", args)
    assert quick == _run("lumbar.cli", args)
    code, out, err = quick
    assert code == status
    if status == 0:
        assert out.strip() and err == ""
    else:
        assert out == "" and err.startswith("lumbar: ") and len(err.splitlines()) == 1


def test_the_quick_start_reads_standard_input_as_the_full_cli_does() -> None:
    text = json.dumps(CHECKIN)
    quick = _run("lumbar", ["assess", "-"], stdin=text)
    assert quick == _run("lumbar.cli", ["assess", "-"], stdin=text)
    assert json.loads(quick[1])["contract"] == "lumbar.assessment/1"


def test_the_quick_start_loads_neither_the_cli_framework_nor_package_metadata(
    files: dict[str, Path],
) -> None:
    code = (
        "import sys\n"
        "from lumbar.launch import main\n"
        f"main(['assess', {str(files['good'])!r}])\n"
        "names = ('typer', 'click', 'importlib.metadata')\n"
        "print('LOADED', [n for n in names if n in sys.modules], file=sys.stderr)\n"
    )
    env = {k: v for k, v in ENV.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(done.stdout)["contract"] == "lumbar.assessment/1"
    assert done.stderr.strip().splitlines()[-1] == "LOADED []"


def test_pydantic_plugins_chosen_by_the_user_keep_pydantics_own_loader(
    files: dict[str, Path],
) -> None:
    code = (
        "import sys\n"
        "from lumbar.launch import main, spare_plugin_loader\n"
        "print('SPARED', spare_plugin_loader(), file=sys.stderr)\n"
        f"main(['assess', {str(files['good'])!r}])\n"
        "loader = sys.modules['pydantic.plugin._loader']\n"
        "print('REAL', hasattr(loader, 'entry_points'), file=sys.stderr)\n"
    )
    env = {**ENV, "PYDANTIC_DISABLE_PLUGINS": "some_plugin"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(done.stdout)["contract"] == "lumbar.assessment/1"
    assert done.stderr.strip().splitlines() == ["SPARED False", "REAL True"]


def test_the_stand_in_gives_the_answer_pydantics_loader_gives_with_plugins_off() -> None:
    # The stand-in is only right while pydantic's own loader, asked with every plugin
    # turned off, finds none: hold the installed pydantic to that.
    code = "from pydantic.plugin._loader import get_plugins\nprint(repr(tuple(get_plugins())))\n"
    env = {**ENV, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.split() == ["()"]
