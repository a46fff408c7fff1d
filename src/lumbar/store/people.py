"""People, the current person, shoes and the user's exercise mappings.

Functions take an open SQLAlchemy ``Session`` (from :meth:`Journal.reading` or
:meth:`Journal.writing`) and never commit: the caller's transaction decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lumbar.store.errors import ConflictError, NotFoundError
from lumbar.store.tables import ExerciseMapping, Person, Setting, Shoe, TrainingSession
from lumbar.store.text import NUL, check_text

__all__ = [
    "CURRENT_PERSON",
    "add_person",
    "choose_person",
    "find_person",
    "get_setting",
    "list_people",
    "mappings",
    "put_mapping",
    "rename_person",
    "set_current_person",
    "set_setting",
    "shoe_distance_km",
    "shoe_named",
    "shoes_of",
    "unknown_person_message",
]

CURRENT_PERSON = "current_person"
MAX_NAME = 200  # the size of people.name and shoes.name


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _person_name(name: str) -> str:
    """``name`` stripped, or ConflictError when it is empty, too long or holds a NUL."""
    clean = name.strip()
    if not clean or len(clean) > MAX_NAME:
        raise ConflictError(f"a person needs a name of 1 to {MAX_NAME} characters")
    check_text(clean, "a person's name")
    return clean


def list_people(db: Session) -> list[Person]:
    """Everyone in the journal, in the order they were added."""
    return list(db.scalars(select(Person).order_by(Person.id)))


def find_person(db: Session, name: str) -> Person | None:
    """The person called exactly ``name``, or ``None``."""
    if NUL in name:  # no stored name has one, and PostgreSQL refuses it even in a query
        return None
    return db.scalars(select(Person).where(Person.name == name)).first()


def add_person(db: Session, name: str, profile: dict[str, Any] | None = None) -> Person:
    """Add a person; ``profile`` holds the contract's profile fields (unknown ones left out).

    Raises:
        ConflictError: when the name is empty, too long, holds a NUL or is already taken.
    """
    clean = _person_name(name)
    if find_person(db, clean) is not None:
        raise ConflictError(f"there is already a person called {clean!r}")
    person = Person(name=clean, profile=dict(profile or {}), created_at=_utc_now())
    db.add(person)
    db.flush()
    return person


def rename_person(db: Session, old: str, new: str) -> Person:
    """Give ``old`` the name ``new`` (their entries follow: they point to the person's id).

    Raises:
        NotFoundError: nobody is called ``old``.
        ConflictError: ``new`` is empty, too long, holds a NUL or is taken.
    """
    person = find_person(db, old)
    if person is None:
        raise NotFoundError(unknown_person_message(db, old))
    clean = _person_name(new)
    if clean != person.name and find_person(db, clean) is not None:
        raise ConflictError(f"there is already a person called {clean!r}")
    person.name = clean
    db.flush()
    return person


def get_setting(db: Session, key: str) -> str | None:
    """The journal setting ``key``, or ``None`` when it was never set."""
    row = db.get(Setting, key)
    return None if row is None else row.value


def set_setting(db: Session, key: str, value: str) -> None:
    """Store the journal setting ``key``."""
    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, value=value))
    else:
        row.value = value


def set_current_person(db: Session, name: str) -> Person:
    """Make ``name`` the person that commands use when none is named.

    Raises:
        NotFoundError: when nobody has that name.
    """
    person = find_person(db, name)
    if person is None:
        raise NotFoundError(unknown_person_message(db, name))
    set_setting(db, CURRENT_PERSON, str(person.id))
    return person


def unknown_person_message(db: Session, name: str) -> str:
    """The message for a name nobody has, listing the people there are."""
    names = ", ".join(p.name for p in list_people(db)) or "nobody yet"
    return f"no person called {name!r} in this journal (people: {names})"


def choose_person(db: Session, name: str | None) -> Person:
    """The person a command is about: ``name`` if given, else the current one, else the only one.

    Raises:
        NotFoundError: when ``name`` is unknown, or the journal has no people.
        ConflictError: when several people exist and none is current.
    """
    if name is not None:
        person = find_person(db, name)
        if person is None:
            raise NotFoundError(unknown_person_message(db, name))
        return person
    current = get_setting(db, CURRENT_PERSON)
    if current is not None and current.isdigit():
        person = db.get(Person, int(current))
        if person is not None:
            return person
    people = list_people(db)
    if len(people) == 1:
        return people[0]
    if not people:
        raise NotFoundError("this journal has no people yet: add one with `lumbar person add NAME`")
    names = ", ".join(p.name for p in people)
    raise ConflictError(
        f"this journal has several people ({names}): pass --person NAME "
        "or choose one with `lumbar person use NAME`"
    )


def shoe_named(db: Session, person_id: int, name: str, create: bool = True) -> Shoe | None:
    """The person's shoe called ``name``, created (0 km before) when ``create`` and missing.

    Raises:
        ConflictError: when a shoe to create has a name longer than :data:`MAX_NAME`
            or holding a NUL.
    """
    if create:
        if len(name) > MAX_NAME:
            raise ConflictError(f"a shoe name has at most {MAX_NAME} characters")
        check_text(name, "a shoe name")
    elif NUL in name:  # as in find_person
        return None
    shoe = db.scalars(select(Shoe).where(Shoe.person_id == person_id, Shoe.name == name)).first()
    if shoe is None and create:
        shoe = Shoe(person_id=person_id, name=name, km_before=0.0)
        db.add(shoe)
        db.flush()
    return shoe


def shoes_of(db: Session, person_ids: Sequence[int]) -> list[Shoe]:
    """The people's shoes, by person and then name (in code point order, on every backend)."""
    shoes = db.scalars(select(Shoe).where(Shoe.person_id.in_(person_ids)))
    # Sorted here, not by ORDER BY: PostgreSQL orders text by its collation ("pegasus"
    # before "Zoom" in English), SQLite by code point, and the export must not differ.
    return sorted(shoes, key=lambda shoe: (shoe.person_id, shoe.name))


def shoe_distance_km(db: Session, shoe: Shoe, until: dt.datetime | None = None) -> float:
    """Kilometres in ``shoe``: its km before the journal plus its sessions (up to ``until``)."""
    query = select(func.coalesce(func.sum(TrainingSession.distance_km), 0.0)).where(
        TrainingSession.shoe_id == shoe.id
    )
    if until is not None:
        query = query.where(TrainingSession.start_local <= until)
    return float(shoe.km_before) + float(db.scalar(query) or 0.0)


def mappings(db: Session) -> list[ExerciseMapping]:
    """The user's exercise mappings, by normalised name (code point order, as :func:`shoes_of`)."""
    return sorted(db.scalars(select(ExerciseMapping)), key=lambda row: row.key)


def put_mapping(
    db: Session, key: str, name: str, exercise_id: str | None, pattern: str
) -> ExerciseMapping:
    """Create or replace the mapping of the normalised name ``key``.

    Raises:
        ConflictError: ``key`` or ``name`` holds a NUL character.
    """
    check_text(name, "an exercise name")
    check_text(key, "an exercise name")
    row = db.scalars(select(ExerciseMapping).where(ExerciseMapping.key == key)).first()
    if row is None:
        row = ExerciseMapping(key=key, name=name, exercise_id=exercise_id, pattern=pattern)
        db.add(row)
    else:
        row.name, row.exercise_id, row.pattern = name, exercise_id, pattern
    db.flush()
    return row
