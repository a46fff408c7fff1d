"""Commands about who and what: ``lumbar person``, ``lumbar shoes``, ``lumbar exercises``.

Heavy modules (SQLAlchemy, the store) are imported inside the commands.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from lumbar.journal.edge import (
    Db,
    OutputFormat,
    PersonOpt,
    at_edge,
    console,
    print_json,
    reading,
    writing,
)
from lumbar.vocab import Sex

__all__ = ["exercises_app", "person_app", "shoes_app"]

person_app = typer.Typer(
    help="The people whose training the journal follows.", no_args_is_help=True
)
shoes_app = typer.Typer(help="Shoes and the kilometres run in them.", no_args_is_help=True)
exercises_app = typer.Typer(
    help="Exercise names and the catalogue: map the names it does not know.", no_args_is_help=True
)


def checked_profile(raw: dict[str, Any]) -> dict[str, Any]:
    """The contract profile from the options given (unknown ones left out).

    Raises:
        InputError: a value outside the contract (``profile.age: must be 12–110, got 5``).
    """
    from pydantic import ValidationError

    from lumbar.errors import InputError, describe_validation_error
    from lumbar.model import Profile

    given = {key: value for key, value in raw.items() if value is not None}
    try:
        profile = Profile.model_validate(given)
    except ValidationError as exc:
        problem = describe_validation_error(exc, Profile)
        raise InputError(f"profile.{problem.field}", problem.reason) from None
    return profile.model_dump(mode="json", exclude_none=True)


@person_app.command("add")
def person_add(
    name: Annotated[str, typer.Argument(help="The person's name (unique in the journal).")],
    age: Annotated[int | None, typer.Option(help="Whole years, 12–110.")] = None,
    sex: Annotated[Sex | None, typer.Option()] = None,
    height_cm: Annotated[float | None, typer.Option(help="Centimetres.")] = None,
    weight_kg: Annotated[float | None, typer.Option(help="Kilograms.")] = None,
    condition: Annotated[
        list[str] | None, typer.Option(help="A known condition (repeat), e.g. scoliosis.")
    ] = None,
    desk_hours: Annotated[float | None, typer.Option(help="Hours a day at a desk.")] = None,
    core_sessions: Annotated[float | None, typer.Option(help="Core sessions a week.")] = None,
    db: Db = None,
) -> None:
    """Add a person with their profile (every field optional: missing means unknown)."""
    from lumbar.store.people import add_person

    raw = {
        "age": age,
        "sex": sex,
        "height_cm": height_cm,
        "weight_kg": weight_kg,
        "conditions": condition or None,
        "desk_hours_per_day": desk_hours,
        "core_sessions_per_week": core_sessions,
    }
    with at_edge():
        profile = checked_profile(raw)
        with writing(db) as session:
            person = add_person(session, name, profile)
    typer.echo(f"added {person.name} (id {person.id})")


@person_app.command("list")
def person_list(db: Db = None, output: OutputFormat = "text") -> None:
    """Everyone in the journal; the current person is marked with *."""
    from lumbar.store.people import CURRENT_PERSON, get_setting, list_people

    with at_edge(), reading(db) as session:
        people = list_people(session)
        current = get_setting(session, CURRENT_PERSON)
    if output == "json":
        print_json([{"id": str(p.id), "name": p.name, "profile": p.profile} for p in people])
        return
    from lumbar.journal.show import people_table

    current_id = int(current) if current and current.isdigit() else None
    console().print(people_table(people, current_id))


@person_app.command("use")
def person_use(name: str, db: Db = None) -> None:
    """Make NAME the person that commands use when --person is not given."""
    from lumbar.store.people import set_current_person

    with at_edge(), writing(db) as session:
        person = set_current_person(session, name)
    typer.echo(f"now using {person.name}")


@person_app.command("rename")
def person_rename(old: str, new: str, db: Db = None) -> None:
    """Rename a person (for instance "me", the person a first import creates)."""
    from lumbar.store.people import rename_person

    with at_edge(), writing(db) as session:
        person = rename_person(session, old, new)
    typer.echo(f"{old} is now {person.name}")


@shoes_app.command("add")
def shoes_add(
    name: str,
    km_before: Annotated[
        float, typer.Option(min=0, help="Kilometres already run in them before the journal.")
    ] = 0.0,
    person: PersonOpt = None,
    db: Db = None,
) -> None:
    """Add a pair of shoes (or set their kilometres before the journal)."""
    from lumbar.store.people import choose_person, shoe_named

    with at_edge(), writing(db) as session:
        shoe = shoe_named(session, choose_person(session, person).id, name)
        assert shoe is not None  # created when missing
        shoe.km_before = km_before
    typer.echo(f"shoes {name}: {km_before:g} km before the journal")


@shoes_app.command("list")
def shoes_list(person: PersonOpt = None, db: Db = None, output: OutputFormat = "text") -> None:
    """The person's shoes with the kilometres run in them."""
    from lumbar.store.people import choose_person, shoe_distance_km, shoes_of

    with at_edge(), reading(db) as session:
        owner = choose_person(session, person)
        shoes = shoes_of(session, [owner.id])
        rows = [(s.name, round(shoe_distance_km(session, s), 1)) for s in shoes]
    if output == "json":
        print_json([{"name": name, "km": km} for name, km in rows])
        return
    for name, km in rows:
        typer.echo(f"{name}: {km:g} km")


@exercises_app.command("map")
def exercises_map(
    name: Annotated[str, typer.Argument(help='The name as written, e.g. "Hack Squat (Machine)".')],
    target: Annotated[
        str,
        typer.Argument(
            help="A catalogue id (back_squat), a movement pattern (squat, hinge, …) "
            "or a name the catalogue knows. A pattern is stored as a pattern only."
        ),
    ],
    db: Db = None,
) -> None:
    """Map an exercise name to the catalogue, for future imports and the sets already stored."""
    from lumbar.journal.exercises import map_exercise

    with at_edge(), writing(db) as session:
        result = map_exercise(session, name, target)
    what = result.match.exercise_id or f"pattern {result.match.pattern}"
    typer.echo(f"{name} → {what} ({result.sets_updated} sets updated)")


@exercises_app.command("unknown")
def exercises_unknown(
    person: PersonOpt = None, db: Db = None, output: OutputFormat = "text"
) -> None:
    """Exercise names in the journal that the catalogue does not know, most sets first."""
    from lumbar.journal.exercises import unknown_exercises
    from lumbar.store.people import choose_person

    with at_edge(), reading(db) as session:
        ids = None if person is None else [choose_person(session, person).id]
        unknown = unknown_exercises(session, ids)
    if output == "json":
        print_json([{"name": name, "sets": count} for name, count in unknown])
        return
    if not unknown:
        typer.echo("every exercise name in the journal matches the catalogue")
        return
    from lumbar.journal.show import unknown_table

    console().print(unknown_table(unknown))
