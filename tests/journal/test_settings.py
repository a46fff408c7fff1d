"""Where the journal lives: --db, then LUMBAR_DB, then the user's data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lumbar.journal.settings import JournalSettings, default_database_path


def test_db_option_wins_over_the_environment(tmp_path: Path) -> None:
    settings = JournalSettings.resolve(
        str(tmp_path / "a.db"), {"LUMBAR_DB": str(tmp_path / "b.db")}
    )
    assert settings.path == tmp_path / "a.db"
    assert settings.database_url == f"sqlite:///{tmp_path / 'a.db'}"


def test_the_environment_is_used_without_the_option_and_its_folder_is_created(
    tmp_path: Path,
) -> None:
    target = tmp_path / "new" / "folder" / "j.db"
    settings = JournalSettings.resolve(None, {"LUMBAR_DB": str(target)})
    assert settings.path == target
    assert target.parent.is_dir()


def test_without_either_the_journal_is_in_the_users_data_folder() -> None:
    expected = default_database_path()
    assert expected.name == "journal.db"
    assert "lumbar" in expected.parts[-2].casefold()


def test_a_database_url_is_taken_as_it_is() -> None:
    url = "postgresql+psycopg://coach@db.example/lumbar"
    settings = JournalSettings.resolve(None, {"LUMBAR_DB": url})
    assert (settings.database_url, settings.path) == (url, None)
    sqlite = JournalSettings.resolve("sqlite:////tmp/x/j.db", {})
    assert sqlite.path == Path("/tmp/x/j.db")


def test_an_empty_value_is_refused_naming_where_it_came_from() -> None:
    with pytest.raises(ValueError, match="LUMBAR_DB"):
        JournalSettings.resolve(None, {"LUMBAR_DB": "  "})
    with pytest.raises(ValueError, match="--db"):
        JournalSettings.resolve("", {})


def test_registering_the_journal_commands_loads_neither_sqlalchemy_nor_the_importers() -> None:
    code = (
        "import sys, typer\n"
        "from lumbar import journal_cli\n"
        "journal_cli.register(typer.Typer())\n"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'lumbar.store', 'lumbar.ingest.registry')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
