"""Alembic revisions: an empty database upgrades from base to head, and head matches the models.

Each test that takes ``journal_urls`` runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.command import downgrade
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from backends import JournalUrls
from lumbar.store.engine import (
    HEAD_REVISION,
    MIGRATIONS,
    alembic_config,
    current_revision,
    open_journal,
    upgrade,
)
from lumbar.store.errors import JournalStoreError
from lumbar.store.tables import Base

TABLES = {
    "people",
    "imports",
    "shoes",
    "sessions",
    "sets",
    "checkins",
    "exercise_mappings",
    "settings",
    "alembic_version",
}


def test_empty_database_upgrades_from_base_to_head(journal_urls: JournalUrls) -> None:
    engine = create_engine(journal_urls.empty())
    assert current_revision(engine) is None

    upgrade(engine, "head")

    assert current_revision(engine) == HEAD_REVISION
    assert set(inspect(engine).get_table_names()) == TABLES
    engine.dispose()


def test_the_head_revision_creates_exactly_the_tables_the_models_declare(
    journal_urls: JournalUrls,
) -> None:
    engine = create_engine(journal_urls.empty())
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_head_revision_constant_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(alembic_config(None))
    assert script.get_current_head() == HEAD_REVISION
    assert (MIGRATIONS / "env.py").is_file()


def test_downgrade_to_base_and_upgrade_again_leaves_a_working_schema(
    journal_urls: JournalUrls,
) -> None:
    engine = create_engine(journal_urls.empty())
    upgrade(engine)
    with engine.begin() as connection:
        downgrade(alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) == TABLES
    engine.dispose()


def test_opening_a_new_file_creates_the_schema_in_wal_mode_with_foreign_keys(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new.db"
    journal = open_journal(f"sqlite:///{path}")
    with journal.engine.connect() as connection:
        foreign_keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    journal.close()
    assert foreign_keys == 1
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        raw.close()


def test_a_journal_from_a_newer_lumbar_is_refused_clearly(journal_urls: JournalUrls) -> None:
    url = journal_urls.empty()
    open_journal(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(JournalStoreError, match=r"'9999'.*upgrade lumbar"):
        open_journal(url)
