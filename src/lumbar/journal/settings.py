"""Where the journal lives: one typed setting with its default, environment key and help.

The database is chosen, first match wins, by the ``--db`` option, the ``LUMBAR_DB``
environment variable, or the default file ``journal.db`` in the user's data folder
(``platformdirs.user_data_dir("lumbar")``). Either value may be a file path or a
database URL (``sqlite:///...``, ``postgresql+psycopg://user@host/lumbar``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DB_ENV", "JournalSettings", "default_database_path"]

DB_ENV = "LUMBAR_DB"
DB_HELP = (
    "The journal: a file path or a database URL (sqlite:///..., postgresql+psycopg://...). "
    "Default: journal.db in your data folder."
)


def default_database_path() -> Path:
    """``journal.db`` in the user's data folder (platform dependent)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("lumbar")) / "journal.db"


def _is_url(value: str) -> bool:
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.replace("+", "").isalnum()


@dataclass(frozen=True, slots=True)
class JournalSettings:
    """The journal's location.

    Attributes:
        database_url: the SQLAlchemy URL of the journal.
        path: the SQLite file, when the journal is a file (``None`` for a server).
    """

    database_url: str
    path: Path | None

    @classmethod
    def resolve(
        cls, db: str | None = None, environ: Mapping[str, str] | None = None
    ) -> JournalSettings:
        """The setting from ``--db`` (``db``), else ``LUMBAR_DB``, else the default file.

        A plain path is made absolute and its folder created, so that a new journal
        can be started anywhere.

        Raises:
            ValueError: for an empty value, naming where it came from.
        """
        env = os.environ if environ is None else environ
        value, origin = (db, "--db") if db is not None else (env.get(DB_ENV), DB_ENV)
        if value is None:
            return cls.for_path(default_database_path())
        if not value.strip():
            raise ValueError(
                f"{origin}: expected a file path or a database URL, got an empty value"
            )
        if _is_url(value):
            return cls(database_url=value, path=_sqlite_file(value))
        return cls.for_path(Path(value))

    @classmethod
    def for_path(cls, path: Path) -> JournalSettings:
        """An SQLite journal in the file ``path`` (its folder is created)."""
        full = path.expanduser().resolve()
        full.parent.mkdir(parents=True, exist_ok=True)
        return cls(database_url=f"sqlite:///{full}", path=full)


def _sqlite_file(url: str) -> Path | None:
    prefix, _, rest = url.partition(":///")
    if prefix.split("+")[0] != "sqlite" or not rest or rest.startswith(":memory:"):
        return None
    return Path(rest.split("?")[0])
