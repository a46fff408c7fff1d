"""lumbar's generic CSV format, as docs/generic-csv.md describes it."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from lumbar.ingest import generic_csv
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused

DOC = Path(__file__).resolve().parents[2] / "docs" / "generic-csv.md"


def sessions(items) -> list[ImportedSession]:
    return [item for item in items if isinstance(item, ImportedSession)]


def refused(items) -> list[Refused]:
    return [item for item in items if isinstance(item, Refused)]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    return path


def doc_example() -> str:
    match = re.search(r"```csv\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert match, "docs/generic-csv.md must hold a ```csv example"
    return match.group(1)


def test_the_example_in_the_docs_reads_as_the_docs_say(tmp_path):
    text = doc_example()
    rows = list(csv.DictReader(text.splitlines(keepends=True)))

    items = list(generic_csv.read(write(tmp_path, text)))

    assert refused(items) == []
    found = sessions(items)
    assert [s.type for s in found] == ["running", "strength", "yoga_pilates"]  # "three sessions"
    assert sum(len(s.sets) for s in found) == sum(1 for r in rows if r["exercise"])
    pull_day = found[1]
    assert [one.weight_kg for one in pull_day.sets[:3]] == [60.0, 140.0, 140.0]
    assert pull_day.sets[3].duration_s == 45.0
    assert pull_day.notes == "Back tight after set 2"


def test_every_column_named_in_the_docs_is_a_column_of_the_reader():
    first_cells = [
        line.split("|")[1]
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    documented = {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)}
    assert documented == set(generic_csv.COLUMNS)


def test_rows_with_the_same_session_label_form_one_session(tmp_path):
    path = write(
        tmp_path,
        "session,date,type,exercise,reps\n"
        "a,2025-01-01 10:00,strength,Squat,5\n"
        "b,2025-01-01 10:00,strength,Squat,5\n"
        "a,2025-01-01 10:00,strength,Lunge,8\n",
    )
    found = sessions(generic_csv.read(path))
    assert [len(s.sets) for s in found] == [2, 1]
    assert found[0].source.locator == "rows 2, 4"


def test_pounds_and_miles_are_converted(tmp_path):
    path = write(
        tmp_path,
        "date,type,distance_mi,exercise,weight_lb,reps\n2025-01-01,strength,1,Squat,100,5\n",
    )
    session = sessions(generic_csv.read(path))[0]
    assert session.distance_km == pytest.approx(1.609, abs=0.001)
    assert session.sets[0].weight_kg == pytest.approx(45.359, abs=0.001)


def test_giving_both_units_refuses_the_row(tmp_path):
    path = write(
        tmp_path, "date,type,exercise,weight_kg,weight_lb\n2025-01-01,strength,Squat,100,220\n"
    )
    items = list(generic_csv.read(path))
    assert [(r.source.locator, r.field) for r in refused(items)] == [("row 2", "weight_lb")]


def test_vocabulary_words_forgive_case_spaces_and_hyphens(tmp_path):
    path = write(
        tmp_path,
        "date,type,surface,exercise,set_type\n2025-01-01,Team Sport,Indoor-Court,Jump,Warm-up\n",
    )
    session = sessions(generic_csv.read(path))[0]
    assert (session.type, session.surface, session.sets[0].set_type) == (
        "team_sport",
        "indoor_court",
        "warmup",
    )


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ("2025-01-01,swimming,,", "type"),
        ("2025-01-01,running,maybe,", "warm_up"),
        ("2025-01-01,running,,300", "max_hr_bpm"),
        ("2100-06-01,running,,", "date"),
        ("not a date,running,,", "date"),
    ],
)
def test_unreadable_or_absurd_values_refuse_their_row(tmp_path, cells, field):
    path = write(tmp_path, f"date,type,warm_up,max_hr_bpm\n2025-01-02,running,,\n{cells}\n")
    items = list(generic_csv.read(path))
    assert [(r.source.locator, r.field) for r in refused(items)] == [("row 3", field)]
    assert len(sessions(items)) == 1


def test_an_unknown_column_fails_the_file_rather_than_being_ignored(tmp_path):
    path = write(tmp_path, "date,type,weight\n2025-01-01,strength,100\n")
    with pytest.raises(ImportFileError) as caught:
        list(generic_csv.read(path))
    assert caught.value.field == "weight"


def test_a_file_without_type_fails(tmp_path):
    path = write(tmp_path, "date,name\n2025-01-01,x\n")
    with pytest.raises(ImportFileError):
        list(generic_csv.read(path))


def test_sniff_needs_date_type_and_only_known_columns(tmp_path):
    assert generic_csv.sniff(write(tmp_path, "date,type,reps\n"))
    assert not generic_csv.sniff(write(tmp_path, "date,type,Workout Name\n"))
    assert not generic_csv.sniff(write(tmp_path, "date,reps\n"))


def test_public_names_exist():
    for name in generic_csv.__all__:
        assert hasattr(generic_csv, name)


def test_a_contradicting_row_gives_the_session_nothing(tmp_path):
    path = write(
        tmp_path,
        "session,date,type,duration_min,rpe\na,2025-01-01,running,,5\na,2025-01-01,running,45,9\n",
    )
    items = list(generic_csv.read(path))
    (session,) = sessions(items)
    assert (session.duration_min, session.rpe) == (None, 5.0)
    assert [(r.source.locator, r.field) for r in refused(items)] == [("row 3", "rpe")]
