"""The ``lumbar`` command line: thin commands over the library.

Each command parses its arguments, calls one function, and turns domain errors into
one clear line on standard error with exit status 2. Heavy modules (the store, the
importers, Rich's report) are imported inside the commands that need them, so that
``lumbar assess`` starts quickly.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any

import typer

from lumbar.assess_command import assess_document, fail, parse_day, read_text

app = typer.Typer(
    name="lumbar",
    help=(
        "Lower back pain after training: triage, soreness or injury, causes from your own "
        "data, and a sourced plan. lumbar is not a diagnosis; in an emergency call 999, "
        "112, 911 or 000."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    """Output format of a command."""

    json = "json"
    text = "text"


@app.command()
def assess(
    file: Annotated[
        str | None, typer.Argument(help="Check-in JSON file, or - for standard input.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch", help="JSON Lines file: one check-in per line, one answer per line."
        ),
    ] = None,
    today: Annotated[
        str | None, typer.Option(help="Date to use when a check-in has none (YYYY-MM-DD).")
    ] = None,
    journal: Annotated[
        bool,
        typer.Option("--journal", help="Read the person's training history from the journal."),
    ] = False,
    person: Annotated[
        str | None, typer.Option(help="With --journal: whose (default: the current person).")
    ] = None,
    db: Annotated[
        str | None, typer.Option(envvar="LUMBAR_DB", help="With --journal: journal or URL.")
    ] = None,
) -> None:
    """Assess a check-in (contract lumbar.assessment/1).

    Example: lumbar assess checkin.json --format text   or   lumbar assess - --journal
    """
    day = parse_day(today)
    if journal and batch is not None:
        fail("--journal reads one check-in: give FILE, not --batch")
    if batch is not None:
        if file is not None:
            fail("give either FILE or --batch, not both")
        if format is not Format.json:
            fail("--batch writes JSON Lines: use --format json")
        from lumbar.batch import assess_lines

        try:
            handle = batch.open("rb")
        except OSError as exc:
            fail(f"{batch}: cannot read: {exc.strerror or exc}")
        with handle:
            sys.stdout.flush()
            refused = assess_lines(handle, sys.stdout.buffer, day)
        if refused:
            raise typer.Exit(2)
        return
    if file is None:
        fail("missing FILE (a check-in JSON file, or - for standard input)")
    document: str | dict[str, Any] = read_text(file)
    if journal:
        from lumbar.errors import InputError
        from lumbar.journal.assessing import with_journal_history
        from lumbar.journal.edge import at_edge

        try:
            with at_edge():  # a journal that cannot be read: one line, exit 1
                document = with_journal_history(document, day, person=person, db=db)
        except InputError as exc:
            fail(str(exc))
    assess_document(document, day, format.value)


@app.command()
def check(
    save: Annotated[
        Path | None, typer.Option(help="Also write the check-in as JSON to this file.")
    ] = None,
    profile_file: Annotated[
        Path | None,
        typer.Option(help="Where your profile is remembered (default: your data folder)."),
    ] = None,
    save_to_journal: Annotated[
        bool,
        typer.Option(
            help="Store the check-in and its assessment in the journal; the "
            "assessment then reads your journal's training history."
        ),
    ] = False,
    person: Annotated[
        str | None, typer.Option(help="Whose journal (default: the current person).")
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(envvar="LUMBAR_DB", help="Journal file or database URL."),
    ] = None,
) -> None:
    """Interactive check-in: warning signs first, then the pain, the workout and you.

    Example: lumbar check --save today.json   or   lumbar check --save-to-journal
    """
    from lumbar.checkin_prompt import run_check

    store = None
    if save_to_journal:
        from lumbar.journal_cli import store_checkin

        def store(checkin: dict[str, Any]) -> tuple[int, dict[str, Any]]:
            return store_checkin(checkin, db=db, person=person)

    raise typer.Exit(run_check(save=save, profile_path=profile_file, store=store))


@app.command()
def sources(
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
) -> None:
    """List the bibliography that every statement cites.

    Example: lumbar sources
    """
    from lumbar.knowledge.base import knowledge

    items = knowledge().sources
    if format is Format.json:
        sys.stdout.write(json.dumps([s.model_dump() for s in items.values()], indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="lumbar's sources", show_lines=False, expand=True)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("kind")
    table.add_column("citation")
    for item in items.values():
        cite = item.citation + ("" if item.verified else " (not read directly)")
        if item.doi:
            cite += f" doi:{item.doi}"
        table.add_row(item.id, item.kind, cite)
    Console().print(table)


@app.command()
def explain(
    cause: Annotated[str, typer.Argument(help="A cause id, e.g. weak_core.")],
) -> None:
    """What the guide and the sources say about one of the eight causes.

    Example: lumbar explain inadequate_warmup_cooldown
    """
    from lumbar.knowledge.base import knowledge

    k = knowledge()
    text = k.causes.get(cause)  # type: ignore[call-overload]
    if text is None:
        fail(f"unknown cause {cause!r}; one of: {', '.join(k.causes)}")
    from rich.console import Console
    from rich.markdown import Markdown

    cites = "\n".join(f"- **{s}**: {k.sources[s].citation}" for s in text.sources)
    Console().print(
        Markdown(
            f"# {text.title} (`{cause}`)\n\n**What the guide says.** {text.guide}\n\n"
            f"**What the sources say.** {text.sources_say}\n\n## Sources\n\n{cites}\n\n"
            f"*{k.triage.disclaimer}*"
        )
    )


# Commands defined in this module: invoking one of them needs no other command group.
CORE_COMMANDS = frozenset({"assess", "check", "sources", "explain"})


def register_plugins() -> None:
    """Add the journal and web commands when those parts of lumbar are installed."""
    from importlib.util import find_spec

    # Registering imports only these small modules: the store, the importers and the
    # web framework are imported inside the commands that use them.
    for name in ("journal_cli", "web_cli"):
        if find_spec(f"lumbar.{name}") is not None:
            import_module(f"lumbar.{name}").register(app)


def main(argv: list[str] | None = None) -> None:
    """The whole command line (the console script reaches it through :mod:`lumbar.launch`).

    The journal and web command groups are registered unless the command invoked is
    one of this module's own: building them costs a ``lumbar assess`` start-up tens of
    milliseconds for commands it will not run. ``lumbar --help`` lists them all.
    """
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in CORE_COMMANDS:
        register_plugins()
    app(args=args)


if __name__ == "__main__":  # pragma: no cover
    main()
