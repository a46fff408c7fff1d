"""A journal URL's password never reaches an error message or a page."""

from __future__ import annotations

import pytest

from lumbar.store.engine import open_journal, shown_url
from lumbar.store.errors import JournalStoreError

SECRET = "s3cret-Pa55"


def test_an_error_opening_a_journal_masks_the_password_of_its_url() -> None:
    # Port 1 on the loopback refuses at once: the open fails before any login.
    url = f"postgresql+psycopg://ana:{SECRET}@127.0.0.1:1/lumbar?connect_timeout=2"
    with pytest.raises(JournalStoreError) as caught:
        open_journal(url)
    message = str(caught.value)
    assert SECRET not in message
    assert "postgresql+psycopg://ana:***@127.0.0.1:1/lumbar" in message


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////tmp/my journal (100%).db",
        "postgresql+psycopg://lumbar@/journal?host=/run/pg",
        "journal.db",
    ],
)
def test_a_url_without_a_password_is_shown_as_written(url: str) -> None:
    assert shown_url(url) == url
