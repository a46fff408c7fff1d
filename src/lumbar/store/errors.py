"""Errors of the store: domain problems with a clear message, never bugs.

::

    JournalStoreError      the journal cannot be opened or used as asked
    ├── NotFoundError           no row with that id or name
    └── ConflictError           the change would break a rule (duplicate name, same session twice)
"""

from __future__ import annotations

__all__ = ["ConflictError", "JournalStoreError", "NotFoundError"]


class JournalStoreError(Exception):
    """The journal cannot be opened or used as asked; the message says why."""


class NotFoundError(JournalStoreError):
    """No person, session, check-in or shoe with that id or name."""


class ConflictError(JournalStoreError):
    """The change would break a rule of the journal (a name taken, a session already there)."""
