"""``lumbar insights``: what in the person's own training goes with their back pain."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from lumbar.journal.edge import Db, OutputFormat, PersonOpt, at_edge, console, parse_day, print_json

__all__ = ["insights"]


def insights(
    person: PersonOpt = None,
    weeks: Annotated[int, typer.Option(min=1, max=520, help="Weeks in the weekly table.")] = 12,
    on: Annotated[
        str | None, typer.Option(help="The day to describe (default: today), e.g. 2025-12-01.")
    ] = None,
    output: OutputFormat = "text",
    db: Db = None,
) -> None:
    """Load and pain by week, exercises and habits linked to pain, shoes, what to do next.

    Example: lumbar insights --weeks 16
    """
    from lumbar.journal.edge import reading
    from lumbar.journal.training_data import person_training
    from lumbar.render.insights import insights_document, print_insights
    from lumbar.store.people import choose_person
    from lumbar.training import training_insights

    with at_edge():
        day = parse_day(on, "--on") or dt.date.today()
        with reading(db) as session:
            owner = choose_person(session, person)
            data = person_training(session, owner.id, day)
            name = owner.name
    found = training_insights(data.sessions, data.pains, day, weeks=weeks, km_before=data.km_before)
    doc = insights_document(found, data.pains, name)
    if output == "json":
        print_json(doc)
        return
    print_insights(doc, console())
