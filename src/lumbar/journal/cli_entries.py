"""Commands about entries: ``lumbar log``, ``lumbar history``, ``lumbar edit``, ``lumbar delete``.

Heavy modules (SQLAlchemy, the store, the assessment) are imported inside the commands.
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
    now_local,
    parse_day,
    parse_when,
    print_json,
    reading,
    writing,
)
from lumbar.vocab import Onset, Radiation, Side, Spread, Surface, Trend, WorkoutType

__all__ = ["delete_app", "edit_app", "history", "log_app", "store_checkin"]

log_app = typer.Typer(help="Log a session or a pain check-in by hand.", no_args_is_help=True)
edit_app = typer.Typer(help="Change a session or a check-in by id.", no_args_is_help=True)
delete_app = typer.Typer(help="Delete a session or a check-in by id.", no_args_is_help=True)

# The pain options shared by `log pain` and `edit checkin`.
Nrs = Annotated[int, typer.Option(min=0, max=10, help="Worst pain in the last 24 h, 0–10.")]
DaysSince = Annotated[float | None, typer.Option(min=0, help="Days since the pain began.")]
OnsetOpt = Annotated[Onset | None, typer.Option()]
QualityOpt = Annotated[list[str] | None, typer.Option(help="Repeat: aching, stiff, sharp, …")]
SideOpt = Annotated[Side | None, typer.Option()]
SpreadOpt = Annotated[Spread | None, typer.Option()]
RadiatesOpt = Annotated[Radiation | None, typer.Option()]
TrendOpt = Annotated[Trend | None, typer.Option()]
NightOpt = Annotated[bool | None, typer.Option("--worse-at-night/--not-worse-at-night")]
EpisodesOpt = Annotated[int | None, typer.Option(min=0, help="Earlier episodes in 3 months.")]
SymptomOpt = Annotated[list[str] | None, typer.Option(help="Repeat: fever, numbness_leg, …")]
# The session options shared by `log session` and `edit session`.
NameOpt = Annotated[str | None, typer.Option(help="A title.")]
DurationOpt = Annotated[float | None, typer.Option(min=0, help="Minutes.")]
DistanceOpt = Annotated[float | None, typer.Option(min=0, help="Kilometres.")]
RpeOpt = Annotated[float | None, typer.Option(min=1, max=10, help="Session RPE 1–10.")]
WarmUpOpt = Annotated[bool | None, typer.Option("--warm-up/--no-warm-up")]
CoolDownOpt = Annotated[bool | None, typer.Option("--cool-down/--no-cool-down")]
SurfaceOpt = Annotated[Surface | None, typer.Option()]
ShoeOpt = Annotated[str | None, typer.Option(help="The shoes worn (counts their km).")]
NotesOpt = Annotated[str | None, typer.Option()]
ClearOpt = Annotated[
    list[str] | None, typer.Option(help="Forget a field (repeat): it becomes unknown.")
]
ExerciseOpt = Annotated[
    list[str] | None,
    typer.Option(help='Repeat: "Deadlift:3x5@140", "Plank:3x60s", "Squat:5x5@300lb".'),
]


@log_app.command("session")
def log_session(
    date: Annotated[
        str | None, typer.Option(help="Start, e.g. 2025-09-23T07:48 (default: now).")
    ] = None,
    type_: Annotated[WorkoutType, typer.Option("--type", help="Kind of session.")] = "strength",
    name: NameOpt = None,
    duration_min: DurationOpt = None,
    distance_km: DistanceOpt = None,
    rpe: RpeOpt = None,
    warm_up: WarmUpOpt = None,
    cool_down: CoolDownOpt = None,
    surface: SurfaceOpt = None,
    shoe: ShoeOpt = None,
    notes: NotesOpt = None,
    exercise: ExerciseOpt = None,
    person: PersonOpt = None,
    db: Db = None,
) -> None:
    """Log a training session by hand, with its sets."""
    from lumbar.ingest.records import ImportedSession, SourceRef
    from lumbar.journal.manual import MANUAL_FORMAT
    from lumbar.journal.manual import log_session as store_session
    from lumbar.journal.set_notation import parse_exercise
    from lumbar.store.people import choose_person

    with at_edge():
        start = parse_when(date, "--date") if date else now_local()
        sets = tuple(item for spec in exercise or [] for item in parse_exercise(spec))
        entry = ImportedSession(
            start=start,
            type=type_,
            source=SourceRef(MANUAL_FORMAT, "command line", ""),
            name=name,
            duration_min=duration_min,
            distance_km=distance_km,
            rpe=rpe,
            warm_up=warm_up,
            cool_down=cool_down,
            surface=surface,
            shoe=shoe,
            notes=notes,
            sets=sets,
        )
        with writing(db) as session:
            row = store_session(session, choose_person(session, person), entry)
            unknown = sorted({s.exercise for s in row.sets if s.pattern is None})
    typer.echo(f"logged session {row.id}: {type_} at {start.isoformat()}, {len(sets)} sets")
    if unknown:
        typer.echo(f"not in the catalogue (kept as written): {', '.join(unknown)}", err=True)


def _given(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _pain(options: dict[str, Any]) -> dict[str, Any]:
    """The contract's ``pain`` fields given among a pain command's options (its
    ``locals()``), in the contract's order; options not given are left out."""
    from lumbar.model import PainFields

    pain = {name: options.get(name) for name in ("nrs", *PainFields.model_fields)}
    pain["episodes_last_3_months"] = options["episodes"]  # the option's shorter name
    pain["quality"] = options["quality"] or None  # no --quality at all
    return _given(**pain)


@log_app.command("pain")
def log_pain(
    nrs: Nrs,
    date: Annotated[str | None, typer.Option(help="The day (default: today).")] = None,
    days_since_onset: DaysSince = None,
    onset: OnsetOpt = None,
    quality: QualityOpt = None,
    side: SideOpt = None,
    spread: SpreadOpt = None,
    radiates_to: RadiatesOpt = None,
    trend: TrendOpt = None,
    worse_at_night: NightOpt = None,
    episodes: EpisodesOpt = None,
    symptom: SymptomOpt = None,
    after_session: Annotated[
        int | None, typer.Option(help="Id of the session the pain followed (fills the workout).")
    ] = None,
    person: PersonOpt = None,
    output: OutputFormat = "text",
    db: Db = None,
) -> None:
    """Log a pain check-in: it is assessed, and stored with its assessment."""
    pain = _pain(locals())
    checkin: dict[str, Any] = {"pain": pain}
    if symptom:
        checkin["symptoms"] = symptom
    with at_edge():
        day = parse_day(date, "--date")
        if day is not None:
            checkin["date"] = day.isoformat()
        checkin_id, assessment = store_checkin(
            checkin, db=db, person=person, after_session=after_session
        )
    if output == "json":
        print_json({"id": str(checkin_id), "assessment": assessment})
        return
    triage = assessment["triage"]
    typer.echo(f"check-in {checkin_id}: {triage['level']}: {triage['headline']}")


def store_checkin(
    checkin: dict[str, Any],
    *,
    db: str | None = None,
    person: str | None = None,
    after_session: int | None = None,
) -> tuple[int, dict[str, Any]]:
    """Assess a check-in and store it in the journal; returns its id and the assessment.

    What ``lumbar log pain`` does, for other commands (``lumbar check
    --save-to-journal``) to call with a contract check-in.

    Raises:
        InputError: the check-in does not follow the contract.
        JournalStoreError: the journal cannot be opened, or whose check-in it is is unclear.
    """
    from lumbar.journal.manual import save_checkin
    from lumbar.store.people import choose_person

    with writing(db) as session:
        owner = choose_person(session, person)
        row = save_checkin(session, owner, checkin, now_local(), after_session)
        return row.id, row.assessment


def history(
    person: PersonOpt = None,
    everyone: Annotated[bool, typer.Option("--everyone", help="Every person's entries.")] = False,
    from_: Annotated[str | None, typer.Option("--from", help="First day, e.g. 2025-09-01.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day (inclusive).")] = None,
    output: OutputFormat = "text",
    db: Db = None,
) -> None:
    """Sessions and check-ins, by date: the current person's, one person's or everyone's."""
    from lumbar.journal.history import history_document
    from lumbar.store.entries import checkins_between, sessions_between
    from lumbar.store.errors import ConflictError
    from lumbar.store.people import choose_person, list_people

    with at_edge():
        first, last = parse_day(from_, "--from"), parse_day(to, "--to")
        with reading(db) as session:
            if everyone:
                people = list_people(session)
            else:
                try:
                    people = [choose_person(session, person)]
                except ConflictError:  # several people and none current: show them all
                    people = list_people(session)
            if output == "json":
                print_json(history_document(session, people, first, last))
                return
            ids = [p.id for p in people]
            sessions = sessions_between(session, ids, first, last)
            checkins = checkins_between(session, ids, first, last)
            from lumbar.journal.show import history_table

            table = history_table(sessions, checkins, {p.id: p.name for p in people})
    console().print(table)


@edit_app.command("session")
def edit_session(
    session_id: Annotated[int, typer.Argument(help="The session's id (see lumbar history).")],
    date: Annotated[str | None, typer.Option(help="New start, e.g. 2025-09-23T07:48.")] = None,
    end: Annotated[str | None, typer.Option(help="New end.")] = None,
    type_: Annotated[WorkoutType | None, typer.Option("--type")] = None,
    name: NameOpt = None,
    duration_min: DurationOpt = None,
    distance_km: DistanceOpt = None,
    rpe: RpeOpt = None,
    warm_up: WarmUpOpt = None,
    cool_down: CoolDownOpt = None,
    surface: SurfaceOpt = None,
    shoe: ShoeOpt = None,
    notes: NotesOpt = None,
    exercise: ExerciseOpt = None,
    clear: ClearOpt = None,
    db: Db = None,
) -> None:
    """Change fields of a session; --clear FIELD forgets one (e.g. --clear rpe).

    --exercise (repeat, as in lumbar log session) replaces all the session's sets with
    the ones given; --clear sets removes them all.
    """
    from lumbar.ingest.records import ImportFileError, SourceRef
    from lumbar.journal.manual import MANUAL_FORMAT, edit_sets
    from lumbar.store.entries import EDITABLE_SESSION_FIELDS, get_session, update_session

    with at_edge():
        changes = _given(
            start=parse_when(date, "--date") if date else None,
            end=parse_when(end, "--end") if end else None,
            type=type_,
            name=name,
            duration_min=duration_min,
            distance_km=distance_km,
            rpe=rpe,
            warm_up=warm_up,
            cool_down=cool_down,
            surface=surface,
            shoe=shoe,
            notes=notes,
        )
        clearable = set(EDITABLE_SESSION_FIELDS) - {"start", "type"}
        sets = _sets_given(exercise, "sets" in (clear or []))
        for field in clear or []:
            if field == "sets":
                continue
            if field not in clearable:
                choices = ", ".join(sorted({*clearable, "sets"}))
                raise ValueError(f"--clear: expected one of {choices}")
            changes[field] = None
        if not changes and sets is None:
            raise ValueError("nothing to change: give at least one option")
        with writing(db) as session:
            row = get_session(session, session_id)
            if changes:
                update_session(session, row, changes)
            if sets is not None:
                try:
                    edit_sets(session, row, sets, SourceRef(MANUAL_FORMAT, "--exercise", ""))
                except ImportFileError as exc:  # the rolled-back edit is about this option
                    raise ValueError(f"--exercise: {exc.field}: {exc.message}") from None
    changed = sorted([*changes, *(["sets"] if sets is not None else [])])
    typer.echo(f"session {session_id} changed: {', '.join(changed)}")


def _sets_given(exercise: list[str] | None, clear: bool) -> list[Any] | None:
    """The sets that replace a session's (none for ``--clear sets``); ``None`` to keep them.

    Raises:
        ValueError: naming ``--exercise`` and the notation expected.
    """
    from lumbar.journal.set_notation import parse_exercise

    if exercise and clear:
        raise ValueError("--exercise and --clear sets contradict each other: give one")
    if clear:
        return []
    if not exercise:
        return None
    try:
        return [item for spec in exercise for item in parse_exercise(spec)]
    except ValueError as exc:
        raise ValueError(f"--exercise: {exc}") from None


@edit_app.command("checkin")
def edit_checkin(
    checkin_id: Annotated[int, typer.Argument(help="The check-in's id (see lumbar history).")],
    nrs: Annotated[int | None, typer.Option(min=0, max=10, help="Pain 0–10.")] = None,
    date: Annotated[str | None, typer.Option(help="The day.")] = None,
    days_since_onset: DaysSince = None,
    onset: OnsetOpt = None,
    quality: QualityOpt = None,
    side: SideOpt = None,
    spread: SpreadOpt = None,
    radiates_to: RadiatesOpt = None,
    trend: TrendOpt = None,
    worse_at_night: NightOpt = None,
    episodes: EpisodesOpt = None,
    symptom: SymptomOpt = None,
    clear: ClearOpt = None,
    db: Db = None,
) -> None:
    """Change a check-in (pain fields, symptoms, day); it is assessed again."""
    from lumbar.journal.manual import edit_checkin as store_edit
    from lumbar.model import PainFields

    pain = _pain(locals())
    clearable = tuple(PainFields.model_fields)  # every pain field but nrs
    with at_edge():
        changes: dict[str, Any] = {}
        day = parse_day(date, "--date")
        if day is not None:
            changes["date"] = day.isoformat()
        if symptom:
            changes["symptoms"] = symptom
        for field in clear or []:
            if field == "symptoms":
                changes["symptoms"] = None
            elif field in clearable:
                pain[field] = None
            else:
                raise ValueError(f"--clear: expected symptoms or one of {', '.join(clearable)}")
        if pain:
            changes["pain"] = pain
        if not changes:
            raise ValueError("nothing to change: give at least one option")
        with writing(db) as session:
            row = store_edit(session, checkin_id, changes)
            level = row.assessment["triage"]["level"]
    typer.echo(f"check-in {checkin_id} changed; assessed again: {level}")


Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


@delete_app.command("session")
def delete_session(session_id: int, yes: Yes = False, db: Db = None) -> None:
    """Delete a session and its sets."""
    from lumbar.journal.manual import delete_session as store_delete

    if not yes:
        typer.confirm(f"Delete session {session_id} and its sets?", abort=True)
    with at_edge(), writing(db) as session:
        row = store_delete(session, session_id)
        what = f"{row.type} session {session_id} of {row.start_local:%Y-%m-%d %H:%M}"
    typer.echo(f"deleted {what}")


@delete_app.command("checkin")
def delete_checkin(checkin_id: int, yes: Yes = False, db: Db = None) -> None:
    """Delete a check-in and its stored assessment."""
    from lumbar.journal.manual import delete_checkin as store_delete

    if not yes:
        typer.confirm(f"Delete check-in {checkin_id}?", abort=True)
    with at_edge(), writing(db) as session:
        row = store_delete(session, checkin_id)
        what = f"check-in {checkin_id} of {row.date.isoformat()}"
    typer.echo(f"deleted {what}")
