"""What every importer produces: normalised sessions and sets, and the problems it met.

These records are the one shape that the readers (one module per format) hand to the
store. Units are explicit in the field names and converted by the reader (lb → kg,
miles → km); a value the file does not hold is ``None``, never ``0``. Every record
points back to where it came from (:class:`SourceRef`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lumbar.vocab import SetType, Surface, WorkoutType


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record came from.

    Attributes:
        format: the importer's format id, e.g. ``"strong_csv"``, ``"fit"``.
        file: the file name as the user gave it (inside an archive: ``"export.zip/x.fit"``).
        locator: where in the file, in words a person can follow: ``"rows 2-14"``,
            ``"line 12"``, ``"record 37"``, ``"Workout element 5"``.
    """

    format: str
    file: str
    locator: str


@dataclass(frozen=True, slots=True)
class ImportedSet:
    """One performed set of one exercise.

    Attributes:
        exercise: the name exactly as the file writes it.
        set_type: ``warmup``, ``normal``, ``failure`` or ``drop``.
        reps: repetitions performed.
        weight_kg: external load in kilograms (converted from lb by the reader).
        rpe: rating of perceived exertion of the set (1–10), if logged.
        rir: repetitions in reserve, if logged.
        distance_km: distance covered in the set, kilometres.
        duration_s: time under work, seconds.
        locator: where the set is in the file (row, record), for error messages.
    """

    exercise: str
    set_type: SetType = "normal"
    reps: int | None = None
    weight_kg: float | None = None
    rpe: float | None = None
    rir: float | None = None
    distance_km: float | None = None
    duration_s: float | None = None
    locator: str = ""


@dataclass(frozen=True, slots=True)
class ImportedSession:
    """One training session as read from a file.

    Attributes:
        start: start time; timezone-aware when the file gives an offset or UTC,
            naive local time when it does not.
        end: end time, same convention, if known.
        type: the contract's ``workout.type`` vocabulary.
        name: the session's title in the app, if any.
        duration_min: elapsed or timer duration in minutes.
        distance_km: total distance in kilometres.
        rpe: session RPE (CR-10), if the file holds one.
        avg_hr_bpm, max_hr_bpm: heart rate in beats per minute.
        energy_kcal: active energy in kilocalories.
        sport: the file's own sport label (``"running"``, ``"HKWorkoutActivityTypeYoga"``).
        warm_up, cool_down: whether they were done, if the file says.
        surface: contract vocabulary, if known.
        shoe: gear name, if the file names one.
        notes: free text from the file.
        sets: the sets performed, in order.
        source: where the session came from.
    """

    start: dt.datetime
    type: WorkoutType
    source: SourceRef
    end: dt.datetime | None = None
    name: str | None = None
    duration_min: float | None = None
    distance_km: float | None = None
    rpe: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    energy_kcal: float | None = None
    sport: str | None = None
    warm_up: bool | None = None
    cool_down: bool | None = None
    surface: Surface | None = None
    shoe: str | None = None
    notes: str | None = None
    sets: tuple[ImportedSet, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Refused:
    """A row or record the reader refused while the rest of the file is still good.

    Readers document which rows they refuse (e.g. a set with negative reps); the
    import summary lists them so that nothing is dropped silently.
    """

    source: SourceRef
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the person should know about a file that was read in full.

    For example: a Strong export whose bare ``Weight`` column does not say its unit,
    read as kilograms. Nothing was refused; the summary shows the notice.
    """

    source: SourceRef
    message: str


class ImportFileError(Exception):
    """A file that cannot be imported at all; nothing from it is written.

    The message names the file, the line or record, the field and what was expected,
    as ``file:locator: field: message``.
    """

    def __init__(self, file: str, locator: str, field: str, message: str) -> None:
        self.file = file
        self.locator = locator
        self.field = field
        self.message = message
        where = f"{file}:{locator}" if locator else file
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


ReadItem = ImportedSession | Refused | Notice

__all__ = [
    "ImportFileError",
    "ImportedSession",
    "ImportedSet",
    "Notice",
    "ReadItem",
    "Refused",
    "SourceRef",
]
