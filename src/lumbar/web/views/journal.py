"""The journal page: sessions and check-ins, filtered by dates; one session or check-in in detail.

Without dates the page shows the most recent entries (:data:`LATEST`); with dates, every
entry between them up to :data:`MOST`. Lists are read with light queries of their own,
so that a journal of years opens as fast as a new one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import func, select

from lumbar.journal.set_notation import format_sets
from lumbar.store.entries import get_checkin, get_session
from lumbar.store.tables import CheckInRow, SetRow
from lumbar.store.tables import TrainingSession as SessionRow
from lumbar.store.timestamps import to_iso
from lumbar.web.checkin_form import values_of
from lumbar.web.views.assessment import AssessmentView, assessment_view
from lumbar.web.views.checkin import (
    CheckinFields,
    Choice,
    FieldProblem,
    choices,
    question_fields,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lumbar.store.tables import Person

__all__ = [
    "LATEST",
    "MOST",
    "CheckinDetail",
    "CheckinListRow",
    "JournalPage",
    "SessionDetail",
    "SessionListRow",
    "SetView",
    "checkin_detail",
    "journal_page",
    "session_detail",
]

LATEST = 50
"""Entries of each kind shown when no dates are given."""
MOST = 2000
"""Entries of each kind shown at most for a date range."""
_SHOWN_EXERCISES = 6


class SessionListRow(BaseModel):
    """A session as a row of the journal."""

    id: int
    start: str
    type: str
    name: str | None
    duration_min: float | None
    distance_km: float | None
    rpe: float | None
    sets: int
    exercises: list[str]
    notes: str | None
    source: str


class CheckinListRow(BaseModel):
    """A check-in as a row of the journal."""

    id: int
    date: str
    nrs: int
    level: str
    headline: str


class JournalPage(BaseModel):
    """One person's sessions and check-ins.

    Attributes:
        person: whose journal.
        first_day, last_day: the filter, as given (``None`` when open).
        sessions, checkins: the entries shown, newest first.
        total_sessions, total_checkins: how many the filter matches.
        limit: at most this many of each kind are shown.
    """

    person: str
    first_day: str | None
    last_day: str | None
    sessions: list[SessionListRow]
    checkins: list[CheckinListRow]
    total_sessions: int
    total_checkins: int
    limit: int


class SetView(BaseModel):
    """One set of a session, as stored."""

    exercise: str
    pattern: str | None
    set_type: str
    reps: int | None
    weight_kg: float | None
    rpe: float | None
    distance_km: float | None
    duration_s: float | None


class SessionDetail(BaseModel):
    """One session, its sets, and the values of its edit form.

    Attributes:
        exercises: the sets in the set notation, one exercise a line (the edit form's text).
        exercises_exact: whether that text says all the sets hold (no set type, RPE,
            RIR or distance that it leaves out).
    """

    id: int
    start: str
    end: str | None
    type: str
    name: str | None
    duration_min: float | None
    distance_km: float | None
    rpe: float | None
    warm_up: bool | None
    cool_down: bool | None
    surface: str | None
    shoe: str | None
    notes: str | None
    source: str
    sets: list[SetView]
    exercises: str
    exercises_exact: bool
    types: list[Choice]
    surfaces: list[Choice]
    problem: FieldProblem | None = None


class CheckinDetail(CheckinFields):
    """One stored check-in, its assessment, and its edit form (every question of the
    check-in, filled with its answers)."""

    id: int
    date: str
    nrs: int
    checkin: dict[str, Any]
    result: AssessmentView


def _source(fmt: str | None, file: str | None) -> str:
    if fmt is None:
        return "logged by hand"
    return f"{fmt}: {file}" if file else fmt


def _bounds(first: dt.date | None, last: dt.date | None) -> list[Any]:
    where = []
    if first is not None:
        where.append(SessionRow.start_local >= dt.datetime.combine(first, dt.time()))
    if last is not None:
        where.append(
            SessionRow.start_local < dt.datetime.combine(last + dt.timedelta(1), dt.time())
        )
    return where


def _session_rows(
    db: Session, person_id: int, where: list[Any], limit: int
) -> list[SessionListRow]:
    rows = list(
        db.scalars(
            select(SessionRow)
            .where(SessionRow.person_id == person_id, *where)
            .order_by(SessionRow.start_local.desc(), SessionRow.id.desc())
            .limit(limit)
        )
    )
    ids = [r.id for r in rows]
    names: dict[int, list[str]] = {i: [] for i in ids}
    counts: dict[int, int] = dict.fromkeys(ids, 0)
    if ids:
        query = select(SetRow.session_id, SetRow.exercise).where(SetRow.session_id.in_(ids))
        for session_id, exercise in db.execute(query.order_by(SetRow.session_id, SetRow.position)):
            counts[session_id] += 1
            if exercise not in names[session_id]:
                names[session_id].append(exercise)
    return [
        SessionListRow(
            id=r.id,
            start=to_iso(r.start_local, r.start_offset_min) or "",
            type=r.type,
            name=r.name,
            duration_min=r.duration_min,
            distance_km=r.distance_km,
            rpe=r.rpe,
            sets=counts[r.id],
            exercises=names[r.id][:_SHOWN_EXERCISES],
            notes=r.notes,
            source=_source(r.source_format, r.source_file),
        )
        for r in rows
    ]


def journal_page(
    db: Session, person: Person, first: dt.date | None, last: dt.date | None
) -> JournalPage:
    """The journal of ``person`` between ``first`` and ``last`` (inclusive; ``None`` is open)."""
    filtered = first is not None or last is not None
    limit = MOST if filtered else LATEST
    where = _bounds(first, last)
    total_sessions = db.scalar(
        select(func.count())
        .select_from(SessionRow)
        .where(SessionRow.person_id == person.id, *where)
    )
    check_where = [CheckInRow.person_id == person.id]
    if first is not None:
        check_where.append(CheckInRow.date >= first)
    if last is not None:
        check_where.append(CheckInRow.date <= last)
    total_checkins = db.scalar(select(func.count()).select_from(CheckInRow).where(*check_where))
    checkins = db.scalars(
        select(CheckInRow)
        .where(*check_where)
        .order_by(CheckInRow.date.desc(), CheckInRow.at_local.desc(), CheckInRow.id.desc())
        .limit(limit)
    )
    return JournalPage(
        person=person.name,
        first_day=first.isoformat() if first else None,
        last_day=last.isoformat() if last else None,
        sessions=_session_rows(db, person.id, where, limit),
        checkins=[
            CheckinListRow(
                id=c.id,
                date=c.date.isoformat(),
                nrs=c.nrs,
                level=c.assessment.get("triage", {}).get("level", ""),
                headline=c.assessment.get("triage", {}).get("headline", ""),
            )
            for c in checkins
        ],
        total_sessions=total_sessions or 0,
        total_checkins=total_checkins or 0,
        limit=limit,
    )


def session_detail(
    db: Session, session_id: int, problem: FieldProblem | None = None
) -> SessionDetail:
    """One session in detail.

    Raises:
        NotFoundError: no session with that id.
    """
    row = get_session(db, session_id)
    options = choices()
    lines, exact = format_sets(row.sets)
    return SessionDetail(
        id=row.id,
        start=to_iso(row.start_local, row.start_offset_min) or "",
        end=to_iso(row.end_local, row.end_offset_min),
        type=row.type,
        name=row.name,
        duration_min=row.duration_min,
        distance_km=row.distance_km,
        rpe=row.rpe,
        warm_up=row.warm_up,
        cool_down=row.cool_down,
        surface=row.surface,
        shoe=row.shoe.name if row.shoe else None,
        notes=row.notes,
        source=_source(row.source_format, row.source_file),
        sets=[
            SetView(
                exercise=s.exercise,
                pattern=s.pattern,
                set_type=s.set_type,
                reps=s.reps,
                weight_kg=s.weight_kg,
                rpe=s.rpe,
                distance_km=s.distance_km,
                duration_s=s.duration_s,
            )
            for s in row.sets
        ],
        exercises="\n".join(lines),
        exercises_exact=exact,
        types=options["workout.type"],
        surfaces=options["workout.surface"],
        problem=problem,
    )


def checkin_detail(
    db: Session,
    checkin_id: int,
    problem: FieldProblem | None = None,
    values: dict[str, list[str]] | None = None,
) -> CheckinDetail:
    """One stored check-in in detail; its form holds ``values`` (what was entered, when
    a correction was refused) or else the stored answers.

    Raises:
        NotFoundError: no check-in with that id.
    """
    row = get_checkin(db, checkin_id)
    return CheckinDetail(
        **question_fields(values or values_of(row.checkin)),
        id=row.id,
        date=row.date.isoformat(),
        nrs=row.nrs,
        checkin=dict(row.checkin),
        result=assessment_view(dict(row.assessment)),
        problem=problem,
    )
