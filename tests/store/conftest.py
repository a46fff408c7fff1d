"""A fresh journal per test, on SQLite and on PostgreSQL (real databases, no mocks)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backends import backend, journal_url, journal_urls, journal_urls_on, postgres_server
from lumbar.store.engine import Journal, open_journal

__all__ = [
    "backend",
    "journal",
    "journal_url",
    "journal_urls",
    "journal_urls_on",
    "postgres_server",
]


@pytest.fixture
def journal(journal_url: str) -> Iterator[Journal]:
    """An empty journal at head, closed after the test."""
    opened = open_journal(journal_url)
    yield opened
    opened.close()
