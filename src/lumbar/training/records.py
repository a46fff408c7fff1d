"""The immutable records the training analytics read: sessions, sets and pain entries.

The analytics are pure functions over these records (no I/O, no clock, no database);
the store, the CLI and the engine build them at the edge. A value that is not known is
``None``, never ``0`` or ``False``. :func:`from_contract_history` builds them from the
check-in's ``history`` (CONTRACT.md, "history.sessions[]" and "history.checkins[]").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["PainEntry", "TrainingSession", "TrainingSet", "from_contract_history"]


@dataclass(frozen=True, slots=True)
class TrainingSet:
    """One performed set of one exercise.

    Attributes:
        exercise: the exercise's name as written by the person or the app.
        exercise_id: the catalogue id (``lumbar.knowledge.catalogue``), or None if unmatched.
        pattern: the catalogue's movement pattern (``hinge``, ``squat``, ``run`` ...), or None.
        impact: the catalogue's ground-impact level, ``none``, ``low`` or ``high``, or None.
        set_type: ``warmup``, ``normal``, ``failure`` or ``drop``.
        reps: repetitions performed, or None.
        weight_kg: external load in kilograms, or None (body weight or not logged).
        distance_km: distance covered in the set, kilometres, or None.
        duration_s: time under work, seconds, or None.
    """

    exercise: str
    exercise_id: str | None = None
    pattern: str | None = None
    impact: str | None = None
    set_type: str = "normal"
    reps: int | None = None
    weight_kg: float | None = None
    distance_km: float | None = None
    duration_s: float | None = None


@dataclass(frozen=True, slots=True)
class TrainingSession:
    """One training session of one person.

    Attributes:
        day: the local calendar day the session belongs to.
        start: local start time (naive, or aware with the source's offset), or None.
        type: the contract's ``workout.type``: ``strength`` ``running`` ``hiit``
            ``team_sport`` ``cycling`` ``rowing`` ``yoga_pilates`` ``walking`` ``other``.
        duration_min: elapsed minutes, or None.
        rpe: session RPE on Foster's CR-10 scale (1–10), or None.
        distance_km: total distance in kilometres, or None.
        sets: the sets performed, in order (empty for sessions without sets).
        warm_up: whether a warm-up was done; None when not known.
        cool_down: whether a cool-down was done; None when not known.
        surface: the contract's surface vocabulary (``asphalt``, ``trail`` ...), or None.
        shoe: the name of the shoe worn, or None.
        session_id: where the session comes from (journal id or ``history.sessions[3]``).
    """

    day: dt.date
    type: str
    start: dt.datetime | None = None
    duration_min: float | None = None
    rpe: float | None = None
    distance_km: float | None = None
    sets: tuple[TrainingSet, ...] = ()
    warm_up: bool | None = None
    cool_down: bool | None = None
    surface: str | None = None
    shoe: str | None = None
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class PainEntry:
    """One pain check-in.

    Attributes:
        day: the local calendar day of the check-in.
        nrs: worst back pain in the last 24 h, 0–10 numeric rating scale.
        at: local time of the check-in when known (naive or aware), else None.
    """

    day: dt.date
    nrs: int
    at: dt.datetime | None = None


def _day(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(f"{where}.date: expected an ISO date, got {value!r}")


def _as_dict(history: Any) -> Mapping[str, Any]:
    # A pydantic ``lumbar.model.History`` is dumped rather than imported here, so that
    # the analytics do not load pydantic.
    if isinstance(history, Mapping):
        return history
    dump = getattr(history, "model_dump", None)
    if dump is None:
        raise TypeError(f"expected a history mapping or model, got {type(history).__name__}")
    return dump()


def _sets(names: Sequence[str] | None) -> tuple[TrainingSet, ...]:
    # The contract's history names exercises only: one set record stands for "this
    # exercise was done", with reps and weight unknown.
    if not names:
        return ()
    from lumbar.knowledge.catalogue import lookup_exercise  # loads the catalogue lazily

    found = []
    for name in names:
        entry = lookup_exercise(name)
        if entry is None:
            found.append(TrainingSet(exercise=name))
        else:
            found.append(TrainingSet(name, entry.id, entry.pattern, entry.impact))
    return tuple(found)


def from_contract_history(
    history: Any, until: dt.date | None = None
) -> tuple[tuple[TrainingSession, ...], tuple[PainEntry, ...]]:
    """Sessions and pain entries from the contract's ``history`` object.

    Args:
        history: a ``{"sessions": [...], "checkins": [...]}`` mapping (CONTRACT.md) or a
            ``lumbar.model.History``.
        until: when given, entries dated after it are left out (the contract ignores
            history after the check-in's date).

    Returns:
        The sessions and the pain entries, each sorted by day. A session's type, when
        missing, is ``other`` (the contract's catch-all); each exercise name becomes one
        :class:`TrainingSet` mapped through the catalogue. ``session_id`` is the
        session's place in the document, ``history.sessions[i]``.

    Raises:
        ValueError: a session or check-in without a readable date, or a check-in without
            ``nrs``; the message names the entry.
    """
    doc = _as_dict(history)
    sessions = []
    for i, item in enumerate(doc.get("sessions") or ()):
        where = f"history.sessions[{i}]"
        day = _day(item.get("date"), where)
        if until is not None and day > until:
            continue
        sessions.append(
            TrainingSession(
                day=day,
                type=item.get("type") or "other",
                duration_min=item.get("duration_min"),
                rpe=item.get("rpe"),
                distance_km=item.get("distance_km"),
                sets=_sets(item.get("exercises")),
                warm_up=item.get("warm_up"),
                cool_down=item.get("cool_down"),
                surface=item.get("surface"),
                session_id=where,
            )
        )
    pains = []
    for i, item in enumerate(doc.get("checkins") or ()):
        where = f"history.checkins[{i}]"
        day = _day(item.get("date"), where)
        if until is not None and day > until:
            continue
        nrs = item.get("nrs")
        if not isinstance(nrs, int) or isinstance(nrs, bool):
            raise ValueError(f"{where}.nrs: expected a whole number 0-10, got {nrs!r}")
        pains.append(PainEntry(day=day, nrs=nrs))
    sessions.sort(key=lambda s: s.day)
    pains.sort(key=lambda p: p.day)
    return tuple(sessions), tuple(pains)
