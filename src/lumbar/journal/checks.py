"""The journal's rules for a session, applied however it arrives (file, command line).

The rules are those of :class:`~lumbar.journal.schema.SessionDoc`: the contract's
vocabularies, non-negative durations and distances, session RPE 1–10, set RPE
0–10, whole non-negative repetitions, finite numbers, an exercise name on every
set. Applying the export document's own model keeps one definition: whatever the
journal accepts, its export can be read back.
"""

from __future__ import annotations

from pydantic import ValidationError

from lumbar.errors import describe_validation_error
from lumbar.ingest.records import ImportedSession, ImportFileError
from lumbar.journal.schema import SessionDoc

__all__ = ["check_record"]


def check_record(record: ImportedSession) -> None:
    """Refuse a session that breaks the journal's rules (those of :class:`SessionDoc`).

    Raises:
        ImportFileError: naming the file, the row or record, the field and the rule.
    """
    data = {
        "id": "",
        "person": "",
        "start": record.start,
        "end": record.end,
        "type": record.type,
        "name": record.name,
        "duration_min": record.duration_min,
        "distance_km": record.distance_km,
        "rpe": record.rpe,
        "warm_up": record.warm_up,
        "cool_down": record.cool_down,
        "surface": record.surface,
        "shoe": record.shoe,
        "notes": record.notes,
        "sets": [
            {
                "exercise": s.exercise,
                "set_type": s.set_type,
                "reps": s.reps,
                "weight_kg": s.weight_kg,
                "rpe": s.rpe,
                "rir": s.rir,
                "distance_km": s.distance_km,
                "duration_s": s.duration_s,
            }
            for s in record.sets
        ],
        "avg_hr_bpm": record.avg_hr_bpm,
        "max_hr_bpm": record.max_hr_bpm,
        "energy_kcal": record.energy_kcal,
        "sport": record.sport,
    }
    try:
        SessionDoc.model_validate(data)
    except ValidationError as exc:
        problem = describe_validation_error(exc, SessionDoc)
        locator = record.source.locator
        if problem.field.startswith("sets["):
            index = int(problem.field[5 : problem.field.index("]")])
            locator = record.sets[index].locator or locator
        raise ImportFileError(record.source.file, locator, problem.field, problem.reason) from exc
