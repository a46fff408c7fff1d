"""Fixtures for the journal tests: a real journal per test (SQLite and PostgreSQL), the shared
samples, the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from backends import JournalUrls, backend, journal_urls, journal_urls_on, postgres_server
from lumbar.journal_cli import register
from lumbar.store.engine import Journal, open_journal

__all__ = [
    "backend",
    "cli",
    "journal",
    "journal_url",
    "journal_urls",
    "journal_urls_on",
    "postgres_server",
    "samples",
]

# ../shared/samples beside the repository (read at test time, never copied).
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


@pytest.fixture
def samples() -> Path:
    """The shared folder of real files exported by real apps."""
    assert SAMPLES.is_dir(), f"missing {SAMPLES}"
    return SAMPLES


@pytest.fixture
def journal_url(journal_urls: JournalUrls, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test's journal; LUMBAR_DB points there too, so nothing reaches the home folder."""
    url = journal_urls.new()
    monkeypatch.setenv("LUMBAR_DB", url)
    return url


@pytest.fixture
def journal(journal_url: str) -> Iterator[Journal]:
    """An empty journal at head, closed after the test."""
    opened = open_journal(journal_url)
    yield opened
    opened.close()


Run = Callable[..., Result]


@pytest.fixture
def cli(journal_url: str) -> Run:
    """Run a journal command on the test's journal: ``cli("person", "add", "Ana")``.

    ``--db`` is appended unless the arguments carry their own; ``input`` feeds stdin.
    """
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        argv = list(args) if "--db" in args else [*args, "--db", journal_url]
        return runner.invoke(app, argv, input=input, catch_exceptions=False)

    return run
