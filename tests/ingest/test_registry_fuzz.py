"""Fuzzing the CSV importers (Strong, Hevy, generic, Strava) and the registry.

Whatever the bytes — random, truncated, re-encoded, columns shuffled, absurd values —
a reader yields sessions and refusals or raises ImportFileError; never another
exception. Where the answer is known (a shuffled or re-encoded file, a value inside
or outside the documented limits) the test checks it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_fuzzing import fuzz, outcome, truncated
from lumbar.ingest import generic_csv, hevy, registry, strava, strong
from lumbar.ingest.csvutil import EARLIEST, LATEST, LIMITS
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "ingest" / "csv" / "golden"
SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
READERS: dict[str, ModuleType] = {
    "strong": strong,
    "hevy": hevy,
    "generic": generic_csv,
    "strava": strava,
}
INPUTS = {
    "strong": GOLDEN / "strong_v6.csv",
    "hevy": GOLDEN / "hevy_imperial.csv",
    "generic": GOLDEN / "generic.csv",
    "strava": GOLDEN / "strava_es_activities.csv",
}
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)
FUZZ = fuzz(60)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def put(scratch: Path, name: str, data: bytes) -> Path:
    path = scratch / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("reader", sorted(READERS))
@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_give_a_clean_error_or_items(scratch, reader, data):
    path = put(scratch, "random.csv", data)
    assert READERS[reader].sniff(path) in (True, False)
    outcome(READERS[reader].read, path)


@pytest.mark.parametrize("reader", sorted(READERS))
@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_after_a_real_header_give_a_clean_error_or_items(scratch, reader, data):
    header = INPUTS[reader].read_bytes().split(b"\n", 1)[0] + b"\n"
    outcome(READERS[reader].read, put(scratch, "headed.csv", header + data))


@pytest.mark.parametrize("reader", sorted(READERS))
@FUZZ
@given(cut=st.floats(min_value=0, max_value=1))
def test_truncated_files_give_a_clean_error_or_items(scratch, reader, cut):
    data = truncated(INPUTS[reader].read_bytes(), cut)
    outcome(READERS[reader].read, put(scratch, "cut.csv", data))


@FUZZ
@given(cut=st.integers(min_value=0, max_value=60_000), sample=st.sampled_from(["strong", "hevy"]))
def test_truncated_real_exports_give_a_clean_error_or_items(scratch, cut, sample):
    path = {"strong": SAMPLES / "strong" / "strong.csv", "hevy": SAMPLES / "hevy" / "workouts.csv"}
    data = path[sample].read_bytes()[:cut]
    outcome(READERS[sample].read, put(scratch, "cut_real.csv", data))


def shuffled(path: Path, order: list[int]) -> str:
    text = path.read_text(encoding="utf-8")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > 1 else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(
        [[row[i] for i in order] for row in rows]
    )
    return out.getvalue()


@pytest.mark.parametrize("reader", ["strong", "hevy", "generic"])
@FUZZ
@given(data=st.data())
def test_shuffled_columns_give_the_same_sessions(scratch, reader, data):
    path = INPUTS[reader]
    header = path.read_text(encoding="utf-8").split("\n", 1)[0]
    width = max(header.count(";"), header.count(",")) + 1
    order = data.draw(st.permutations(range(width)))
    moved = put(scratch, path.name, shuffled(path, order).encode("utf-8"))
    assert outcome(READERS[reader].read, moved) == outcome(READERS[reader].read, path)


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_lossless_re_encodings_give_the_same_result(scratch, reader, encoding):
    path = INPUTS[reader]
    moved = put(scratch, path.name, path.read_text(encoding="utf-8").encode(encoding))
    assert outcome(READERS[reader].read, moved) == outcome(READERS[reader].read, path)


@pytest.mark.parametrize("reader", sorted(READERS))
@FUZZ
@given(encoding=st.sampled_from(["cp1252", "latin-1", "utf-16-le", "utf-32", "cp437", "shift_jis"]))
def test_wrong_encodings_give_a_clean_error_or_items(scratch, reader, encoding):
    text = INPUTS[reader].read_text(encoding="utf-8")
    outcome(READERS[reader].read, put(scratch, "enc.csv", text.encode(encoding, errors="replace")))


def inside(value: float, limit: str) -> bool:
    low, high = LIMITS[limit]
    return low <= value <= high


STRONG_HEADER = (
    '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
    '"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
)


@FUZZ
@given(
    reps=st.integers(min_value=-(10**6), max_value=10**6),
    weight=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    when=st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2300, 1, 1)),
)
def test_strong_row_is_kept_exactly_when_its_values_are_plausible(scratch, reps, weight, when):
    cells = [1, f"{when:%Y-%m-%d %H:%M:%S}", "A", 60, "Squat", 1, repr(weight), reps]
    row = ";".join(f'"{cell}"' for cell in cells) + ';"";"";"";"";""\n'
    items = outcome(strong.read, put(scratch, "absurd.csv", (STRONG_HEADER + row).encode()))
    assert isinstance(items, list) and len(items) == 1
    plausible = (
        inside(reps, "reps")
        and inside(round(weight, 3), "weight_kg")
        and EARLIEST <= when.replace(microsecond=0) <= LATEST
    )
    (item,) = items
    if plausible:
        assert isinstance(item, ImportedSession)
        assert (item.sets[0].reps, item.sets[0].weight_kg) == (reps, round(weight, 3))
    else:
        assert isinstance(item, Refused)
        assert item.field in {"Reps", "Weight (kg)", "Date"}
        assert item.source.locator == "row 2"


HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
)


@FUZZ
@given(
    cells=st.lists(
        st.one_of(TEXT, st.floats().map(repr), st.integers().map(str)),
        min_size=14,
        max_size=14,
    )
)
def test_hevy_rows_of_arbitrary_cells_are_kept_or_refused(scratch, cells):
    out = io.StringIO()
    csv.writer(out).writerow(cells)  # "\r\n" ends rows, so a "\r" in a cell gets quoted
    items = outcome(hevy.read, put(scratch, "cells.csv", (HEVY_HEADER + out.getvalue()).encode()))
    assert isinstance(items, list)


@FUZZ
@given(
    duration=st.floats(allow_nan=True, allow_infinity=True),
    hr=st.integers(min_value=-1000, max_value=1000),
    text=TEXT,
)
def test_generic_session_values_are_kept_exactly_when_plausible(scratch, duration, hr, text):
    out = io.StringIO()
    writer = csv.writer(out)  # "\r\n" ends rows, so a "\r" inside a cell gets quoted
    writer.writerow(["date", "type", "duration_min", "max_hr_bpm", "notes"])
    writer.writerow(["2025-01-01", "running", repr(duration), str(hr), text])
    items = outcome(generic_csv.read, put(scratch, "generic.csv", out.getvalue().encode()))
    assert isinstance(items, list) and len(items) == 1
    plausible = (
        math.isfinite(duration) and inside(duration, "duration_min") and inside(hr, "hr_bpm")
    )
    assert isinstance(items[0], ImportedSession) == plausible


def strava_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@FUZZ
@given(csv_tail=st.binary(max_size=500), member=st.binary(max_size=500))
def test_strava_zip_with_random_content_gives_a_clean_error_or_items(scratch, csv_tail, member):
    header = INPUTS["strava"].read_bytes().split(b"\n", 1)[0] + b"\n"
    data = strava_zip({"activities.csv": header + csv_tail, "activities/1.fit.gz": member})
    outcome(strava.read, put(scratch, "export.zip", data))


@FUZZ
@given(data=st.binary(max_size=2000), name=st.sampled_from(["x.zip", "x.gz", "x.csv", "x.fit"]))
def test_registry_turns_any_file_into_inputs_or_errors(scratch, data, name):
    path = put(scratch, name, data)
    with registry.open_inputs([path]) as inputs:
        assert all(isinstance(i, registry.InputFile | ImportFileError) for i in inputs)
