"""Commands about files: ``lumbar import``, ``lumbar export``, ``lumbar backup``.

Heavy modules (SQLAlchemy, the store, the importers) are imported inside the commands.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Literal

import typer

from lumbar.journal.edge import (
    EXIT_JOURNAL,
    Db,
    PersonOpt,
    at_edge,
    console,
    fail,
    open_db,
    print_json,
    reading,
)

__all__ = ["backup", "export", "import_"]

FORMATS_HELP = (
    "Force the importer instead of recognising the file: strong_csv, hevy_csv, fit, gpx, "
    "tcx, apple_health, strava_export, generic_csv, or journal_json (a lumbar export)."
)


def import_(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders or zip archives.")],
    output: Annotated[
        Literal["text", "json"],
        typer.Option(
            "--format",
            help="The report: text, or json (its last line is the summary of CONTRACT.md). "
            "To force the file format, use --as.",
        ),
    ] = "text",
    as_format: Annotated[
        str | None, typer.Option("--as", "--input-format", help=FORMATS_HELP)
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(
            help="Whose files they are (default: the current person; in an empty journal it "
            "is created). For a lumbar export: import only this person's part."
        ),
    ] = None,
    weight_unit: Annotated[
        Literal["kg", "lb"] | None,
        typer.Option(help="Unit of a Weight column that does not say (older Strong exports)."),
    ] = None,
    distance_unit: Annotated[
        Literal["km", "mi"] | None,
        typer.Option(help="Unit of a Distance column that does not say."),
    ] = None,
    db: Db = None,
) -> None:
    """Import training files: Strong, Hevy, FIT, GPX, TCX, Apple Health, Strava, generic CSV.

    Each file is one transaction: a file that fails changes nothing. A file imported
    before, and sessions already in the journal, are skipped. Exit status 0 only when
    every file imported.
    """
    from rich.console import Console

    from lumbar.ingest.csvutil import ReadOptions
    from lumbar.journal.importing import ImportRequest, import_paths
    from lumbar.journal.show import RichImportProgress, import_report

    options = None
    if weight_unit or distance_unit:
        options = ReadOptions(weight_unit=weight_unit or "kg", distance_unit=distance_unit or "km")
    request = ImportRequest(tuple(paths), person, as_format, options)
    with at_edge():
        journal = open_db(db)
        try:
            with RichImportProgress(Console(stderr=True)) as progress:
                summary = import_paths(journal, request, progress)
        finally:
            journal.close()
    if output == "json":
        _notes_to_stderr(summary)
        print_json(summary.contract_line())
    else:
        import_report(console(), summary)
    raise typer.Exit(0 if summary.ok else EXIT_JOURNAL)


def _notes_to_stderr(summary: object) -> None:
    """With ``--format json``, what the text report would add, in short, on standard error."""
    from lumbar.journal.outcomes import ImportSummary

    assert isinstance(summary, ImportSummary)
    refused = sum(len(o.refused) for o in summary.outcomes)
    if refused:
        print(f"{refused} rows refused (see --format text)", file=sys.stderr)
    unknown = summary.unknown_exercises
    if unknown:
        names = ", ".join(sorted(unknown))
        print(f"exercises not in the catalogue: {names}", file=sys.stderr)


@contextmanager
def _atomic_text(path: Path) -> Iterator[IO[str]]:
    """A file written beside ``path`` and moved over it only when complete."""
    path = path.expanduser()
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def export(
    output_format: Annotated[
        Literal["json", "csv"],
        typer.Option(
            "--format", help="json (the lumbar.journal/1 document) or csv (one row per set)."
        ),
    ] = "json",
    person: PersonOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    db: Db = None,
) -> None:
    """Export the whole journal (or one person's part): JSON, re-importable, or CSV."""
    import json

    from lumbar.journal.csv_export import write_csv
    from lumbar.journal.document import export_document
    from lumbar.store.people import choose_person

    with at_edge(), reading(db) as session:
        who = choose_person(session, person) if person is not None else None
        if output_format == "json":
            text = json.dumps(export_document(session, who), ensure_ascii=False, indent=2) + "\n"
            if output is None:
                sys.stdout.write(text)
            else:
                with _atomic_text(output) as handle:
                    handle.write(text)
        elif output is None:
            write_csv(session, sys.stdout, who)
        else:
            with _atomic_text(output) as handle:
                write_csv(session, handle, who)


def backup(
    path: Annotated[Path, typer.Argument(help="The copy to write (an SQLite file).")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    db: Db = None,
) -> None:
    """Copy the journal to PATH with SQLite's online backup (safe while it is in use).

    The copy is written beside PATH and moved into place only when complete.
    """
    from lumbar.journal.settings import JournalSettings
    from lumbar.store.engine import open_journal

    target = path.expanduser().resolve()
    with at_edge():
        settings = JournalSettings.resolve(db)
        if settings.path is None:
            raise fail(
                f"backup copies SQLite journals; {settings.database_url.split(':')[0]} databases "
                "are backed up with their own tools (pg_dump for PostgreSQL)",
                EXIT_JOURNAL,
            )
        if settings.path.resolve() == target:
            raise fail("the backup must be another file than the journal", EXIT_JOURNAL)
        if target.exists() and not force:
            raise fail(f"{path} exists; pass --force to replace it", EXIT_JOURNAL)
        scratch = target.with_name(f".{target.name}.partial")
        journal = open_journal(settings.database_url)
        try:
            scratch.unlink(missing_ok=True)
            journal.backup(scratch)
            os.replace(scratch, target)
        finally:
            journal.close()
            scratch.unlink(missing_ok=True)
    typer.echo(f"journal copied to {target}")
