"""Text that the journal holds the same way on every backend.

PostgreSQL's text columns cannot hold the NUL character (U+0000); SQLite's can. The
store refuses it on both, so that a journal moves between backends unchanged and a
bad value is a clear error instead of a database error.
"""

from __future__ import annotations

from lumbar.store.errors import ConflictError

__all__ = ["NUL", "check_text"]

NUL = "\x00"


def check_text(value: str | None, what: str) -> None:
    """Refuse ``value`` if it holds a NUL character; ``what`` names it in the message.

    Raises:
        ConflictError: ``value`` contains ``"\\x00"``.
    """
    if value is not None and NUL in value:
        raise ConflictError(f"{what} cannot contain the NUL character (\\x00)")
