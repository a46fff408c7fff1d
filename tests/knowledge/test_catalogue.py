"""The exercise catalogue: the shipped data is sound and the names real apps write resolve."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from fitdecode import profile as fit_profile

from lumbar.knowledge import catalogue as catalogue_module
from lumbar.knowledge.catalogue import (
    catalogue,
    known_names,
    lookup_exercise,
    normalise_name,
)

# ../shared beside the repository root, read at test time and never copied in.
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "samples"
VIGNETTES = SHARED / "vignettes" / "public.jsonl"
DATA = Path(__file__).resolve().parents[1] / "data" / "catalogue"

# FIT exercise categories that mix unrelated movements: left unmapped on purpose.
FIT_MIXED_CATEGORIES = {"banded_exercises", "cardio_sensors", "sandbag", "suspension", "unknown"}


def _raw_entries() -> list[dict[str, Any]]:
    """The shipped YAML read directly, without the loader."""
    text = files("lumbar.knowledge").joinpath("exercises.yaml").read_text(encoding="utf-8")
    entries: list[dict[str, Any]] = yaml.safe_load(text)["exercises"]
    return entries


def _listed_keys(entry: dict[str, Any]) -> list[str]:
    """Normalised forms of an entry's display name and aliases (the id adds its own)."""
    return [normalise_name(name) for name in (entry["name"], *entry.get("aliases", []))]


def _all_listed_keys() -> set[str]:
    keys: set[str] = set()
    for entry in _raw_entries():
        keys.update(_listed_keys(entry))
        keys.add(normalise_name(entry["id"].replace("_", " ")))
    return keys


def _csv_column(path: Path, column: str) -> list[str]:
    """One column of a CSV export; the delimiter (``,`` or ``;``) is sniffed from the header."""
    text = path.read_text(encoding="utf-8")
    dialect = csv.Sniffer().sniff(text.partition("\n")[0], delimiters=",;")
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle, dialect=dialect)]


def _unresolved(names: set[str]) -> list[str]:
    return sorted(name for name in names if lookup_exercise(name) is None)


# ---------------------------------------------------------------- the file itself


def test_shipped_catalogue_validates_and_knows_at_least_200_names() -> None:
    assert len(catalogue().exercises) == len(_raw_entries())
    assert known_names() >= 200
    # Counted independently: every display name, id and alias, once after normalising.
    assert known_names() == len(_all_listed_keys())


def test_every_id_is_unique() -> None:
    ids = Counter(entry["id"] for entry in _raw_entries())
    assert [entry_id for entry_id, count in ids.items() if count > 1] == []


def test_no_entry_lists_the_same_name_twice_after_normalising() -> None:
    repeats = {}
    for entry in _raw_entries():
        counts = Counter(_listed_keys(entry))
        doubled = [key for key, count in counts.items() if count > 1]
        if doubled:
            repeats[entry["id"]] = doubled
    assert repeats == {}


def test_no_name_belongs_to_two_entries() -> None:
    owners: dict[str, set[str]] = {}
    for entry in _raw_entries():
        for key in {*_listed_keys(entry), normalise_name(entry["id"].replace("_", " "))}:
            owners.setdefault(key, set()).add(entry["id"])
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_entries_follow_the_impact_rules_stated_in_the_header() -> None:
    # Running and jumping are high impact; lifting in place (isolation, presses, pulls)
    # has none. A later edit that breaks this should have to change the header too.
    lifting = {"isolation", "horizontal_push", "horizontal_pull", "vertical_pull"}
    wrong = [
        entry.id
        for entry in catalogue().exercises
        if (entry.pattern in {"run", "jump"} and entry.impact != "high")
        or (entry.pattern in lifting and entry.impact != "none")
    ]
    assert wrong == []


# ---------------------------------------------------------------- real exports


def test_every_exercise_name_in_the_strong_exports_resolves() -> None:
    names = {
        name
        for path in sorted(SAMPLES.glob("strong/*.csv"))
        for name in _csv_column(path, "Exercise Name")
    }
    assert len(names) > 90  # strong.csv alone has 100 exercises
    assert _unresolved(names) == []


def test_every_exercise_name_in_the_hevy_exports_resolves() -> None:
    names = {
        name
        for path in sorted(SAMPLES.glob("hevy/*.csv"))
        for name in _csv_column(path, "exercise_title")
    }
    assert len(names) > 150  # workouts_large.csv alone has 153 exercises
    assert _unresolved(names) == []


def test_every_exercise_named_in_the_public_vignettes_resolves() -> None:
    names: set[str] = set()
    for line in VIGNETTES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        given = json.loads(line)["input"]
        names.update((given.get("workout") or {}).get("exercises") or [])
        for session in (given.get("history") or {}).get("sessions") or []:
            names.update(session.get("exercises") or [])
    assert {"Deadlift (Barbell)", "Back Squat", "Kettlebell Swing"} <= names
    assert _unresolved(names) == []


def test_every_fit_exercise_category_resolves_except_the_mixed_ones() -> None:
    # The category list comes from the FIT profile inside fitdecode, as a decoder writes it.
    categories = set(fit_profile.FIELD_TYPES["exercise_category"].enum.values())
    assert categories >= FIT_MIXED_CATEGORIES
    assert _unresolved(categories - FIT_MIXED_CATEGORIES) == []
    assert [name for name in FIT_MIXED_CATEGORIES if lookup_exercise(name) is not None] == []


# ---------------------------------------------------------------- spot checks

SPOT_CHECKS = [
    # name as written, pattern, spinal_load, impact
    ("Deadlift (Barbell)", "hinge", "high", "none"),
    ("DL", "hinge", "high", "none"),
    ("RDL", "hinge", "high", "none"),
    ("Romanian Deadlift (Dumbbell)", "hinge", "moderate", "none"),
    ("Good Morning (Barbell)", "hinge", "high", "none"),
    ("Kettlebell Swing", "hinge", "moderate", "none"),
    ("Hip Thrust (Barbell)", "hinge", "low", "none"),
    ("Back Extension", "hinge", "moderate", "none"),
    ("Back Squat", "squat", "high", "none"),
    ("Squat (Barbell)", "squat", "high", "none"),
    ("Squat (Bodyweight)", "squat", "low", "none"),
    ("Goblet Squat", "squat", "low", "none"),
    ("Leg Press", "squat", "low", "none"),
    ("Bulgarian Split Squat", "lunge", "moderate", "none"),
    ("Bench Press (Barbell)", "horizontal_push", "low", "none"),
    ("Push Up", "horizontal_push", "low", "none"),
    ("Overhead Press (Barbell)", "overhead_press", "moderate", "none"),
    ("Shoulder Press (Machine)", "overhead_press", "low", "none"),
    ("Bent Over Row", "horizontal_pull", "moderate", "none"),
    ("Seated Row (Cable)", "horizontal_pull", "low", "none"),
    ("Pull Up", "vertical_pull", "low", "none"),
    ("Farmer's Walk", "carry", "moderate", "low"),
    ("Plank", "core", "low", "none"),
    ("Side Plank", "core", "low", "none"),
    ("Bird Dog", "core", "low", "none"),
    ("Dead Bug", "core", "low", "none"),
    ("McGill Curl-Up", "core", "low", "none"),
    ("Sit Up", "core", "moderate", "none"),
    ("Russian Twist", "rotation", "moderate", "none"),
    ("Box Jump", "jump", "low", "high"),
    ("Burpee", "jump", "low", "high"),
    ("Jump Rope", "jump", "low", "high"),
    ("Power Clean", "hinge", "high", "none"),
    ("Split Jerk (Barbell)", "overhead_press", "high", "none"),
    ("Thruster", "squat", "high", "none"),
    ("Bicep Curl (Dumbbell)", "isolation", "low", "none"),
    ("Leg Extension (Machine)", "isolation", "low", "none"),
    ("Running", "run", "low", "high"),
    ("Treadmill", "run", "low", "high"),
    ("Trail Run", "run", "low", "high"),
    ("Walking", "walk", "low", "low"),
    ("Hiking", "walk", "low", "low"),
    ("Elliptical Trainer", "walk", "low", "low"),
    ("Stair Machine (Floors)", "walk", "low", "low"),
    ("Cycling (Indoor)", "cycle", "low", "none"),
    ("Rowing (Machine)", "row", "moderate", "none"),
    ("Swimming", "swim", "low", "none"),
    ("Yoga", "mobility", "low", "none"),
    ("Football", "sport", "low", "high"),
    ("Climbing", "sport", "low", "low"),
]


@pytest.mark.parametrize(("name", "pattern", "spinal_load", "impact"), SPOT_CHECKS)
def test_a_common_name_maps_to_its_pattern_load_and_impact(
    name: str, pattern: str, spinal_load: str, impact: str
) -> None:
    entry = lookup_exercise(name)
    assert entry is not None, name
    assert (entry.pattern, entry.spinal_load, entry.impact) == (pattern, spinal_load, impact)


# ---------------------------------------------------------------- matching


def test_an_unknown_name_gives_none_rather_than_a_guess() -> None:
    assert lookup_exercise("Zorbing Backflip") is None
    assert lookup_exercise("") is None
    assert lookup_exercise(" (Barbell) ") is None


def test_press_alone_is_too_ambiguous_to_resolve() -> None:
    assert lookup_exercise("Press") is None


def test_dumbbell_bent_over_row_is_found_by_dropping_the_equipment_word() -> None:
    # The test is only meaningful while the name is not listed directly.
    assert normalise_name("Dumbbell Bent Over Row") not in _all_listed_keys()
    entry = lookup_exercise("Dumbbell Bent Over Row")
    assert entry is not None
    assert entry.id == "bent_over_row"


def test_an_unlisted_parenthesised_suffix_is_ignored() -> None:
    assert normalise_name("Hip Thrust (Smith Machine)") not in _all_listed_keys()
    entry = lookup_exercise("Hip Thrust (Smith Machine)")
    assert entry is not None
    assert entry.id == "hip_thrust"


def test_a_listed_variant_wins_over_the_suffix_fallback() -> None:
    # Without "(Bodyweight)" the name would fall back to "Squat", the barbell back squat.
    bodyweight = lookup_exercise("Squat (Bodyweight)")
    barbell = lookup_exercise("Squat")
    assert bodyweight is not None
    assert barbell is not None
    assert (bodyweight.id, barbell.id) == ("air_squat", "back_squat")


def test_fit_snake_case_categories_read_as_words() -> None:
    bench = lookup_exercise("bench_press")
    calves = lookup_exercise("calf_raise")
    assert bench is not None
    assert calves is not None
    assert (bench.id, calves.id) == ("bench_press", "standing_calf_raise")


def test_a_users_own_mapping_is_consulted_first() -> None:
    entry = lookup_exercise("Leg Day Special", extra={"leg day special": "front_squat"})
    assert entry is not None
    assert entry.id == "front_squat"


# ---------------------------------------------------------------- the loader's refusal


@pytest.fixture
def fresh_catalogue_cache() -> Iterator[None]:
    """Clear the loader's caches before and after, so the shipped file is read again."""
    catalogue_module._indexed.cache_clear()
    catalogue_module._lookup.cache_clear()
    yield
    catalogue_module._indexed.cache_clear()
    catalogue_module._lookup.cache_clear()


@pytest.mark.usefixtures("fresh_catalogue_cache")
def test_a_name_claimed_by_two_entries_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    colliding = yaml.safe_load((DATA / "shared_alias.yaml").read_text(encoding="utf-8"))
    monkeypatch.setattr(catalogue_module, "read_yaml", lambda name: colliding)
    monkeypatch.setenv("LUMBAR_CACHE_DIR", str(tmp_path))  # an empty cache: the file is read
    with pytest.raises(ValueError, match="'Row' names both bent_over_row and rowing_machine"):
        lookup_exercise("Row")
