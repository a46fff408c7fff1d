"""The journal's tables, as SQLAlchemy 2 typed declarative classes.

Every type here is portable (SQLite and PostgreSQL): integers, floats, text,
booleans, naive ``DateTime`` and ``JSON``. A time that the source gave with a UTC
offset is stored as its local wall-clock time plus the offset in minutes; a time
given without one keeps a ``NULL`` offset, so that the journal never invents a
time zone (CONTRACT.md, "The journal export": naive local times stay naive).

Alembic revision ``0001`` creates exactly these tables; a change here needs a new
revision under ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints let future migrations alter them on every backend (SQLite's
# batch mode recreates a table and needs to know the names).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of the journal's tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON}  # noqa: RUF012 - SQLAlchemy reads it once


class Person(Base):
    """Someone whose training and pain the journal follows (a coach's athlete, a family member).

    Attributes:
        name: unique display name, as typed by the user.
        profile: the contract's ``profile`` fields (age, sex, height_cm, weight_kg,
            conditions, desk_hours_per_day, core_sessions_per_week); missing means unknown.
    """

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    profile: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Import(Base):
    """One file imported into the journal, kept so that the same file is never read twice.

    Attributes:
        sha256: hex digest of the file's bytes (unique).
        format: importer id (``strong_csv``, ``fit``, ``journal_json`` ...).
        display: the file's name as the user gave it.
        sessions_added, sets_added, checkins_added: rows this import wrote.
        duplicates: sessions and check-ins skipped because the journal had them.
        refused: rows the reader refused (listed in the import summary).
        imported_at: when, in UTC.
    """

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(40))
    display: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    sessions_added: Mapped[int] = mapped_column(Integer, default=0)
    sets_added: Mapped[int] = mapped_column(Integer, default=0)
    checkins_added: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Shoe(Base):
    """A pair of shoes, to count the kilometres run in them.

    Attributes:
        name: the shoe's name as the person or the app writes it (unique per person).
        km_before: kilometres already run in them before the journal's sessions.
    """

    __tablename__ = "shoes"
    __table_args__ = (UniqueConstraint("person_id", "name", name="uq_shoes_person_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    km_before: Mapped[float] = mapped_column(Float, default=0.0)


class TrainingSession(Base):
    """One training session (named so as not to clash with SQLAlchemy's ``Session``).

    Attributes:
        start_local: start as local wall-clock time.
        start_offset_min: its UTC offset in minutes, or ``None`` when the source gave none.
        end_local, end_offset_min: the end, same convention.
        dedupe_key: ``type@instant`` (UTC instant when the offset is known, the naive
            local time otherwise); unique per person, so that an overlapping export adds nothing.
        type: the contract's ``workout.type`` vocabulary.
        duration_min, distance_km, rpe, avg_hr_bpm, max_hr_bpm, energy_kcal: totals, in
            the units of their names.
        sport: the source's own sport label.
        warm_up, cool_down: done or not; ``None`` means unknown.
        surface: contract vocabulary.
        source_format, source_file, source_locator: where an imported session came
            from; all ``None`` for a session logged by hand.
        import_id: the import that wrote it, if any.
    """

    __tablename__ = "sessions"
    __table_args__ = (
        UniqueConstraint("person_id", "dedupe_key", name="uq_sessions_person_key"),
        Index("ix_sessions_person_start", "person_id", "start_local"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    start_local: Mapped[dt.datetime] = mapped_column(DateTime)
    start_offset_min: Mapped[int | None] = mapped_column(Integer)
    end_local: Mapped[dt.datetime | None] = mapped_column(DateTime)
    end_offset_min: Mapped[int | None] = mapped_column(Integer)
    dedupe_key: Mapped[str] = mapped_column(String(80))
    type: Mapped[str] = mapped_column(String(20))
    name: Mapped[str | None] = mapped_column(Text)
    duration_min: Mapped[float | None] = mapped_column(Float)
    distance_km: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    avg_hr_bpm: Mapped[float | None] = mapped_column(Float)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float)
    energy_kcal: Mapped[float | None] = mapped_column(Float)
    sport: Mapped[str | None] = mapped_column(String(100))
    warm_up: Mapped[bool | None] = mapped_column(Boolean)
    cool_down: Mapped[bool | None] = mapped_column(Boolean)
    surface: Mapped[str | None] = mapped_column(String(20))
    shoe_id: Mapped[int | None] = mapped_column(ForeignKey("shoes.id", ondelete="SET NULL"))
    notes: Mapped[str | None] = mapped_column(Text)
    source_format: Mapped[str | None] = mapped_column(String(40))
    source_file: Mapped[str | None] = mapped_column(Text)
    source_locator: Mapped[str | None] = mapped_column(Text)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship()
    shoe: Mapped[Shoe | None] = relationship()
    sets: Mapped[list[SetRow]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SetRow.position",
    )


class SetRow(Base):
    """One performed set.

    Attributes:
        position: order within the session, from 0.
        exercise: the name exactly as written by the app or the person.
        exercise_id: the catalogue entry it matched, if any.
        pattern: its movement pattern (from the catalogue or a user mapping), if known.
        set_type: ``warmup``, ``normal``, ``failure`` or ``drop``.
        reps: repetitions; weight_kg: external load in kilograms; rpe (1–10) and rir.
        distance_km: distance covered; duration_s: seconds of work.
        locator: where the set is in its source file (``row 12``, ``record 37``).
    """

    __tablename__ = "sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise: Mapped[str] = mapped_column(Text)
    exercise_id: Mapped[str | None] = mapped_column(String(100))
    pattern: Mapped[str | None] = mapped_column(String(40))
    set_type: Mapped[str] = mapped_column(String(10))
    reps: Mapped[int | None] = mapped_column(Integer)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[float | None] = mapped_column(Float)
    distance_km: Mapped[float | None] = mapped_column(Float)
    duration_s: Mapped[float | None] = mapped_column(Float)
    locator: Mapped[str | None] = mapped_column(Text)

    session: Mapped[TrainingSession] = relationship(back_populates="sets")


class CheckInRow(Base):
    """A pain check-in with the assessment computed when it was stored.

    Attributes:
        at_local, at_offset_min: when it was recorded (offset ``None`` if unknown).
        date: the day it is about (the check-in's ``date``), for queries.
        nrs: worst pain in the last 24 h, 0–10, for queries.
        checkin: the contract check-in document, without its ``history``.
        assessment: the contract assessment document.
        source_format, source_file, source_locator, import_id: as for sessions.
    """

    __tablename__ = "checkins"
    __table_args__ = (Index("ix_checkins_person_date", "person_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    at_local: Mapped[dt.datetime] = mapped_column(DateTime)
    at_offset_min: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    nrs: Mapped[int] = mapped_column(Integer)
    checkin: Mapped[dict[str, Any]] = mapped_column()
    assessment: Mapped[dict[str, Any]] = mapped_column()
    source_format: Mapped[str | None] = mapped_column(String(40))
    source_file: Mapped[str | None] = mapped_column(Text)
    source_locator: Mapped[str | None] = mapped_column(Text)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id", ondelete="SET NULL"))

    person: Mapped[Person] = relationship()


class ExerciseMapping(Base):
    """A user's own mapping of an exercise name to the catalogue.

    Attributes:
        key: the name normalised by :func:`lumbar.knowledge.catalogue.normalise_name` (unique).
        name: the name as the user typed it.
        exercise_id: a catalogue id, or ``None`` when the mapping names a pattern only.
        pattern: the movement pattern, always set.
    """

    __tablename__ = "exercise_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(Text)
    exercise_id: Mapped[str | None] = mapped_column(String(100))
    pattern: Mapped[str] = mapped_column(String(40))


class Setting(Base):
    """A journal-wide setting, such as the current person (``current_person``)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = [
    "Base",
    "CheckInRow",
    "ExerciseMapping",
    "Import",
    "Person",
    "SetRow",
    "Setting",
    "Shoe",
    "TrainingSession",
]
