"""How the journal commands show things in a terminal (Rich): tables, summaries, progress.

Only presentation lives here; every figure comes from the library functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from lumbar.journal.outcomes import FileOutcome, ImportProgress, ImportSummary
from lumbar.store.tables import CheckInRow, Person, TrainingSession
from lumbar.store.timestamps import to_iso

__all__ = [
    "RichImportProgress",
    "history_table",
    "import_report",
    "people_table",
    "unknown_table",
]

REFUSED_SHOWN = 5
UNKNOWN_SHOWN = 20


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{text}{unit}"


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "?"}[value]


def people_table(people: Sequence[Person], current_id: int | None) -> Table:
    """Everyone, the current person marked with ``*``."""
    table = Table(title="People")
    for column in ("", "ID", "Name", "Profile"):
        table.add_column(column)
    for person in people:
        profile = ", ".join(f"{k}={v}" for k, v in person.profile.items())
        mark = "*" if person.id == current_id else ""
        table.add_row(mark, str(person.id), person.name, profile)
    return table


def _session_details(row: TrainingSession) -> str:
    parts = [row.name or ""]
    parts.append(_number(row.duration_min, " min"))
    parts.append(_number(row.distance_km, " km"))
    if row.rpe is not None:
        parts.append(f"RPE {_number(row.rpe)}")
    if row.sets:
        names = list(dict.fromkeys(s.exercise for s in row.sets))
        shown = ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")
        parts.append(f"{len(row.sets)} sets: {shown}")
    if row.warm_up is not None or row.cool_down is not None:
        parts.append(f"warm-up {_yes_no(row.warm_up)}, cool-down {_yes_no(row.cool_down)}")
    return " · ".join(part for part in parts if part)


def _checkin_details(row: CheckInRow) -> str:
    triage = row.assessment.get("triage", {}).get("level", "?")
    pattern = row.assessment.get("pattern", "?")
    return f"pain {row.nrs}/10 · {triage} · {pattern}"


def history_table(
    sessions: Sequence[TrainingSession], checkins: Sequence[CheckInRow], names: dict[int, str]
) -> Table:
    """Sessions and check-ins in one table, by time; a Person column when several people show."""
    table = Table(title="History")
    several = len({*(s.person_id for s in sessions), *(c.person_id for c in checkins)}) > 1
    table.add_column("When")
    if several:
        table.add_column("Person")
    for column in ("Entry", "ID", "Type", "Details"):
        table.add_column(column)
    rows: list[tuple[str, list[str]]] = []
    for row in sessions:
        when = to_iso(row.start_local, row.start_offset_min) or ""
        cells = ["session", str(row.id), row.type, _session_details(row)]
        rows.append(
            (
                row.start_local.isoformat(),
                [when[:16].replace("T", " "), names[row.person_id], *cells],
            )
        )
    for entry in checkins:
        cells = ["check-in", str(entry.id), "pain", _checkin_details(entry)]
        rows.append(
            (entry.date.isoformat(), [entry.date.isoformat(), names[entry.person_id], *cells])
        )
    for _, cells in sorted(rows, key=lambda item: item[0]):
        table.add_row(*(cells if several else [cells[0], *cells[2:]]))
    return table


def unknown_table(unknown: Sequence[tuple[str, int]]) -> Table:
    """Exercise names that match nothing, with their set counts."""
    table = Table(title="Exercises the catalogue does not know")
    table.add_column("Name as written")
    table.add_column("Sets", justify="right")
    for name, count in unknown:
        table.add_row(name, str(count))
    return table


def _file_row(outcome: FileOutcome) -> list[str]:
    return [
        outcome.display,
        outcome.format,
        outcome.status,
        str(outcome.sessions_added),
        str(outcome.sets_added),
        str(outcome.checkins_added),
        str(outcome.duplicates),
        str(len(outcome.refused)),
    ]


def import_report(console: Console, summary: ImportSummary) -> None:
    """Print the per-file table, the totals, the errors, refused rows and unknown exercises."""
    table = Table(title="Import")
    table.add_column("File", overflow="fold")
    table.add_column("Format", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for column in ("Sessions", "Sets", "Check-ins", "Dupl.", "Refused"):
        table.add_column(column, justify="right")
    for outcome in summary.outcomes:
        table.add_row(*_file_row(outcome))
    console.print(table)
    totals: dict[str, Any] = {
        "files": len(summary.outcomes),
        "sessions added": summary.total("sessions_added"),
        "sets added": summary.total("sets_added"),
        "check-ins added": summary.total("checkins_added"),
        "duplicates skipped": summary.total("duplicates"),
        "rows refused": sum(len(o.refused) for o in summary.outcomes),
        "files failed": len(summary.errors),
        "other files skipped": len(summary.skipped),
    }
    console.print(", ".join(f"{value} {label}" for label, value in totals.items()))
    for outcome in summary.outcomes:
        for refused in outcome.refused[:REFUSED_SHOWN]:
            where = f"{refused.source.file}:{refused.source.locator}"
            console.print(
                f"refused {where}: {refused.field}: {refused.message}", markup=False, soft_wrap=True
            )
        if len(outcome.refused) > REFUSED_SHOWN:
            more = len(outcome.refused) - REFUSED_SHOWN
            console.print(f"… and {more} more refused rows in {outcome.display}", markup=False)
    for name in dict.fromkeys(o.person_created for o in summary.outcomes if o.person_created):
        console.print(
            f"The journal had nobody yet: these sessions belong to a new person, {name!r} "
            f"(rename with `lumbar person rename {name} NEW`).",
            markup=False,
            soft_wrap=True,
        )
    for error in summary.errors:
        console.print(f"error: {error}", markup=False, style="red", soft_wrap=True)
    for outcome in summary.outcomes:
        for notice in outcome.notices:
            where = f"{notice.source.file}:{notice.source.locator}"
            console.print(f"note {where}: {notice.message}", markup=False, soft_wrap=True)
    for skipped in summary.skipped:
        console.print(f"skipped (not a training file): {skipped}", markup=False, soft_wrap=True)
    unknown = summary.unknown_exercises.most_common()
    if unknown:
        console.print(unknown_table(unknown[:UNKNOWN_SHOWN]))
        if len(unknown) > UNKNOWN_SHOWN:
            console.print(f"… and {len(unknown) - UNKNOWN_SHOWN} more: `lumbar exercises unknown`")
        console.print('Map one with: lumbar exercises map "NAME" PATTERN_OR_ID', markup=False)


class RichImportProgress(ImportProgress):
    """A progress bar over files with a count of sessions read, on standard error.

    Use it as a context manager; it draws nothing when standard error is not a terminal.
    """

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[sessions]} sessions"),
            console=console,
            disable=not console.is_terminal,
            transient=True,
        )
        self._task = self._progress.add_task("import", total=None, sessions=0)

    def __enter__(self) -> RichImportProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def begin_file(self, display: str, number: int, total: int) -> None:
        """Show the file's name."""
        self._progress.update(self._task, description=display, total=total, completed=number - 1)

    def advance(self, sessions: int) -> None:
        """Count sessions read."""
        task = self._progress.tasks[0]
        self._progress.update(self._task, sessions=task.fields["sessions"] + sessions)

    def end_file(self, outcome: FileOutcome) -> None:
        """Move the bar on."""
        self._progress.advance(self._task)
