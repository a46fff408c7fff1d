"""A fresh journal file per test (a real SQLite database, no mocks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lumbar.store.engine import Journal, open_journal


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    """An empty journal at head, closed after the test."""
    opened = open_journal(f"sqlite:///{tmp_path / 'journal.db'}")
    yield opened
    opened.close()
