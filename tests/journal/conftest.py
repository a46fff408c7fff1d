"""Fixtures for the journal tests: a real SQLite journal per test, the shared samples, the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from lumbar.journal_cli import register
from lumbar.store.engine import Journal, open_journal

# ../shared/samples beside the repository (read at test time, never copied).
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


@pytest.fixture
def samples() -> Path:
    """The shared folder of real files exported by real apps."""
    assert SAMPLES.is_dir(), f"missing {SAMPLES}"
    return SAMPLES


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's journal file; LUMBAR_DB points there too, so nothing reaches the home folder."""
    path = tmp_path / "journal.db"
    monkeypatch.setenv("LUMBAR_DB", str(path))
    return path


@pytest.fixture
def journal(db_path: Path) -> Iterator[Journal]:
    """An empty journal at head, closed after the test."""
    opened = open_journal(f"sqlite:///{db_path}")
    yield opened
    opened.close()


Run = Callable[..., Result]


@pytest.fixture
def cli(db_path: Path) -> Run:
    """Run a journal command on the test's journal: ``cli("person", "add", "Ana")``.

    ``--db`` is appended unless the arguments carry their own; ``input`` feeds stdin.
    """
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        argv = list(args) if "--db" in args else [*args, "--db", str(db_path)]
        return runner.invoke(app, argv, input=input, catch_exceptions=False)

    return run
