"""The columns of Strava's ``activities.csv``, whose header is in the account's language.

Facts from formats.md §6. The header repeats some names (``Elapsed Time``,
``Distance``…; the first ``Distance`` is in display units, the second in metres) and
is translated. Columns are found by label in English, Spanish, French and German
(:data:`LABELS`); a label not known is found by its position in Strava's layout
(:data:`ENGLISH_HEADER`), which is the same in every language, when the layout checks
out (the repeated columns fall where the English header has them). ``Perceived
Exertion``, further on, is read by label only.
"""

from __future__ import annotations

from collections.abc import Sequence

from lumbar.ingest.csvutil import find_columns as find_labelled

ENGLISH_HEADER = (
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Elevation Loss", "Elevation Low", "Elevation High", "Max Grade", "Average Grade",
    "Average Positive Grade", "Average Negative Grade", "Max Cadence", "Average Cadence",
    "Max Heart Rate", "Average Heart Rate", "Max Watts", "Average Watts", "Calories",
)  # fmt: skip
"""The start of Strava's header in English; every language keeps this order."""

LABELS: dict[str, tuple[str, ...]] = {
    "id": ("Activity ID", "ID de actividad", "ID de l'activité", "Aktivitäts-ID"),
    "date": ("Activity Date", "Fecha de la actividad", "Date de l'activité", "Aktivitätsdatum"),
    "name": ("Activity Name", "Nombre de la actividad", "Nom de l'activité", "Name der Aktivität"),
    "type": ("Activity Type", "Tipo de actividad", "Type d'activité", "Aktivitätsart"),
    "description": ("Activity Description",),
    "elapsed_s": ("Elapsed Time",),
    "distance": ("Distance", "Distancia", "Distanz"),
    "max_hr": ("Max Heart Rate",),
    "private_note": ("Activity Private Note",),
    "gear": ("Activity Gear",),
    "filename": ("Filename", "Nombre del archivo", "Nom du fichier", "Dateiname"),
    "avg_hr": ("Average Heart Rate",),
    "calories": ("Calories",),
    "exertion": ("Perceived Exertion",),
}
"""Reader field → header labels known in English, Spanish, French and German."""

_POSITIONS = {
    "id": 0,
    "date": 1,
    "name": 2,
    "type": 3,
    "description": 4,
    "elapsed_s": 5,
    "distance": 6,
    "max_hr": 7,
    "private_note": 10,
    "gear": 11,
    "filename": 12,
}
"""Columns by their place in Strava's layout, for labels in other languages."""


def is_header(cells: Sequence[str]) -> bool:
    """True when ``cells`` start like the header of ``activities.csv`` (ID, then date)."""
    folded = [cell.strip().strip('"').casefold() for cell in cells[:2]]
    return (
        len(folded) == 2
        and folded[0] in {label.casefold() for label in LABELS["id"]}
        and folded[1] in {label.casefold() for label in LABELS["date"]}
    )


def find_columns(header: Sequence[str]) -> dict[str, int]:
    """Reader field → column index, by label, else by Strava's layout (module docstring).

    ``distance_m`` is the second ``Distance`` column (metres), when present.
    """
    found = find_labelled(header, LABELS, (), "activities.csv")  # nothing is required
    folded = [label.strip().casefold() for label in header]
    if "distance" in found:  # the repeated Distance column is in metres
        repeats = [i for i, label in enumerate(folded) if label == folded[found["distance"]]]
        if len(repeats) > 1:
            found["distance_m"] = repeats[1]
    standard = len(folded) > 31 and all(
        folded[first] == folded[second] for first, second in ((5, 15), (6, 17), (7, 30))
    )
    if standard:
        for name, index in _POSITIONS.items():
            found.setdefault(name, index)
        found.setdefault("distance_m", 17)
        found.setdefault("avg_hr", 31)
        if len(folded) > 34:
            found.setdefault("calories", 34)
    return found


__all__ = ["ENGLISH_HEADER", "LABELS", "find_columns", "is_header"]
