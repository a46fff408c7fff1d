"""``lumbar serve``: the web app on this machine, added to the CLI by :func:`register`.

FastAPI and uvicorn are imported inside the command, so that registering it costs
``lumbar assess`` nothing.
"""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["register", "serve"]

NO_ACCOUNTS_WARNING = (
    "WARNING: lumbar is listening on {host}, which other computers can reach. The journal "
    "has no accounts yet: anyone who can reach this address can read and change it. Use "
    "--host 127.0.0.1 unless you trust every machine on this network."
)


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default 127.0.0.1, this machine).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="TCP port (default 8000).")
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="LUMBAR_DB", help="The journal: a file path or database URL."),
    ] = None,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="When the journal is empty, add a demo person with four months of history.",
        ),
    ] = False,
) -> None:
    """Start lumbar in the browser: check-in, journal, imports and charts.

    Example: lumbar serve --port 8000
    """
    from lumbar.web.settings import WebSettings

    try:
        settings = WebSettings.from_env().with_overrides(host=host, port=port, db=db)
    except ValueError as exc:
        typer.echo(f"lumbar: {exc}", err=True)
        raise typer.Exit(2) from None
    if not settings.loopback_only:
        typer.echo(NO_ACCOUNTS_WARNING.format(host=settings.host), err=True)

    import uvicorn

    from lumbar.web.app import create_app

    app = create_app(settings)
    if demo:
        _seed_demo(app)
    typer.echo(f"lumbar is running at {settings.address} (Ctrl+C to stop)")
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
    )


def _seed_demo(app: object) -> None:
    """Seed the demo person into an empty journal, saying what was done."""
    import datetime as dt

    from lumbar.web.demo import seed_if_empty
    from lumbar.web.errors import WebError

    door = app.state.journal_access  # type: ignore[attr-defined]
    try:
        summary = seed_if_empty(door.journal(), dt.datetime.now())
    except WebError as exc:
        typer.echo(f"lumbar: {exc.reason}", err=True)
        raise typer.Exit(1) from None
    if summary is None:
        typer.echo("The journal already has people: no demo data added.")
    else:
        typer.echo(
            f"Added the demo person {summary.person!r}: {summary.sessions} sessions and "
            f"{summary.checkins} check-ins over four months (journal: {door.location})."
        )


def register(app: typer.Typer) -> None:
    """Add ``lumbar serve`` to the main ``lumbar`` app."""
    app.command("serve")(serve)
