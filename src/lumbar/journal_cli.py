"""The journal's commands, added to the main ``lumbar`` app by :func:`register`.

``lumbar person add|list|use``, ``lumbar log session|pain``, ``lumbar history``,
``lumbar edit session|checkin``, ``lumbar delete session|checkin``, ``lumbar export``,
``lumbar import``, ``lumbar backup``, ``lumbar exercises map|unknown`` and
``lumbar shoes add|list``. Every one takes ``--db PATH`` (or ``LUMBAR_DB``).

The commands live in :mod:`lumbar.journal.cli_people`, :mod:`~lumbar.journal.cli_entries`
and :mod:`~lumbar.journal.cli_files`; none of them imports SQLAlchemy, the store or
the importers before it runs, so registering them costs ``lumbar assess`` nothing.
"""

from __future__ import annotations

import typer

# For `lumbar check --save-to-journal`: assess a contract check-in and store it.
from lumbar.journal.cli_entries import store_checkin

__all__ = ["register", "store_checkin"]


def register(app: typer.Typer) -> None:
    """Add the journal commands to ``app`` (the main ``lumbar`` Typer app)."""
    from lumbar.journal import cli_entries, cli_files, cli_insights, cli_people

    app.add_typer(cli_people.person_app, name="person")
    app.add_typer(cli_entries.log_app, name="log")
    app.command("history")(cli_entries.history)
    app.command("insights")(cli_insights.insights)
    app.add_typer(cli_entries.edit_app, name="edit")
    app.add_typer(cli_entries.delete_app, name="delete")
    app.command("import")(cli_files.import_)
    app.command("export")(cli_files.export)
    app.command("backup")(cli_files.backup)
    app.add_typer(cli_people.exercises_app, name="exercises")
    app.add_typer(cli_people.shoes_app, name="shoes")
