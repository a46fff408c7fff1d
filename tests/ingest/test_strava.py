"""Strava bulk exports: activities.csv, its localised headers, and the files it names.

The export under tests/data/ingest/csv/strava/export was written for these tests (no
licensed real export exists); its layout follows formats.md §6. Referenced files are
read through the registry; most tests put small fake readers in the registry so that
they test this importer, not the FIT/GPX/TCX readers.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import re
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from ingest_zips import zip_folder
from lumbar.ingest import registry, strava
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused, SourceRef

EXPORT = Path(__file__).resolve().parents[1] / "data" / "ingest" / "csv" / "strava" / "export"
CSV = EXPORT / "activities.csv"


def sessions(items) -> list[ImportedSession]:
    return [item for item in items if isinstance(item, ImportedSession)]


def refused(items) -> list[Refused]:
    return [item for item in items if isinstance(item, Refused)]


def records() -> tuple[list[str], list[list[str]]]:
    with CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def fake_reader(fmt: str, suffix: str, session: ImportedSession, seen: list[bytes]):
    """A stand-in importer module: claims files by suffix, gives one session."""

    def read(path: Path, display: str | None = None):
        seen.append(path.read_bytes())
        yield dataclasses.replace(session, source=SourceRef(fmt, display or path.name, "x"))

    return SimpleNamespace(FORMAT=fmt, sniff=lambda p: p.name.endswith(suffix), read=read)


FILE_SESSION = ImportedSession(
    start=strava.dt.datetime(2025, 7, 7, 5, 4, 11, tzinfo=strava.dt.UTC),
    type="running",
    source=SourceRef("gpx", "x", "x"),
    name="from the file",
    duration_min=99.0,
    avg_hr_bpm=140.0,
    max_hr_bpm=175.0,
    energy_kcal=300.0,
)


@pytest.fixture
def fakes(monkeypatch):
    """Fake gpx/tcx/fit readers in the registry; returns the bytes each was given."""
    seen: list[bytes] = []
    formats = dict(registry.FORMATS)
    for fmt, suffix in (("gpx", ".gpx"), ("tcx", ".tcx"), ("fit", ".fit")):
        formats[fmt] = fake_reader(fmt, suffix, FILE_SESSION, seen)
    monkeypatch.setattr(registry, "FORMATS", formats)
    return seen


def test_each_csv_row_is_a_session_with_the_csvs_own_fields(fakes):
    header, rows = records()
    elapsed, metres = header.index("Elapsed Time"), len(header) - header[::-1].index("Distance") - 1
    valid = [row for row in rows if float(row[elapsed]) >= 0]

    found = sessions(strava.read(CSV))

    assert len(found) == len(valid)
    for session, row in zip(found, valid, strict=True):
        assert session.name == row[header.index("Activity Name")]
        assert session.sport == row[header.index("Activity Type")]
        assert session.duration_min == round(int(row[elapsed]) / 60, 3)
        expected_km = float(row[metres]) / 1000 or None
        assert session.distance_km == (None if expected_km is None else pytest.approx(expected_km))
        assert session.start.utcoffset() == strava.dt.timedelta(0)
    assert [s.type for s in found] == ["running", "strength", "cycling", "walking", "other"]


def test_activity_date_is_read_as_utc(fakes):
    first = sessions(strava.read(CSV))[0]
    assert first.start == strava.dt.datetime(2025, 7, 7, 5, 4, 11, tzinfo=strava.dt.UTC)


def test_activity_file_fills_only_what_the_csv_lacks(fakes):
    run = sessions(strava.read(CSV))[0]
    # The CSV gives the name and elapsed time; it has no average HR or calories.
    assert run.name == "Morning Run 🌅"
    assert run.duration_min == 30.5
    assert (run.avg_hr_bpm, run.max_hr_bpm, run.energy_kcal) == (140.0, 175.0, 300.0)
    assert run.source.locator == "row 2; activities/1001.gpx"


def test_csv_values_win_over_the_files(fakes):
    weights = sessions(strava.read(CSV))[1]  # no file: the CSV alone
    assert (weights.avg_hr_bpm, weights.max_hr_bpm, weights.energy_kcal) == (112.0, 151.0, 420.0)
    assert weights.source.locator == "row 3"


def test_gzipped_activity_file_is_decompressed_before_reading(fakes):
    list(strava.read(CSV))
    packed = (EXPORT / "activities" / "1003.tcx.gz").read_bytes()
    assert gzip.decompress(packed) in fakes


def test_missing_activity_file_gives_a_refusal_and_keeps_the_session(fakes):
    items = list(strava.read(CSV, "export/activities.csv"))
    hike = next(s for s in sessions(items) if s.sport == "Hike")
    problem = next(r for r in refused(items) if r.field == "Filename")
    assert hike.source.locator == problem.source.locator == "row 5"
    assert "activities/1004.fit.gz" in problem.message


def test_absurd_elapsed_time_refuses_the_row(fakes):
    header, rows = records()
    bad = [n for n, row in enumerate(rows, start=2) if float(row[header.index("Elapsed Time")]) < 0]
    problems = [r for r in refused(strava.read(CSV)) if r.field == "Elapsed Time"]
    assert [r.source.locator for r in problems] == [f"row {n}" for n in bad]


def test_a_reader_that_is_not_there_gives_a_refusal_not_a_failure(monkeypatch):
    monkeypatch.setattr(registry, "FORMATS", {"strava_export": strava})
    items = list(strava.read(CSV))
    assert len(sessions(items)) == len(records()[1]) - 1
    assert {r.source.locator for r in refused(items) if r.field == "Filename"} == {
        "row 2",
        "row 4",
        "row 5",
    }


def test_real_readers_take_heart_rate_from_the_gpx_and_the_gzipped_tcx():
    if not {"gpx", "tcx"} <= set(registry.FORMATS):
        pytest.skip("the GPX and TCX readers are not in this tree yet")
    gpx = (EXPORT / "activities" / "1001.gpx").read_text()
    tcx = gzip.decompress((EXPORT / "activities" / "1003.tcx.gz").read_bytes()).decode()
    gpx_max = max(int(v) for v in re.findall(r"<gpxtpx:hr>(\d+)<", gpx))
    tcx_max = int(re.search(r"<MaximumHeartRateBpm><Value>(\d+)<", tcx).group(1))
    tcx_kcal = int(re.search(r"<Calories>(\d+)<", tcx).group(1))

    run, _, ride, *_ = sessions(strava.read(CSV))

    assert run.max_hr_bpm == gpx_max
    assert (ride.max_hr_bpm, ride.energy_kcal) == (tcx_max, tcx_kcal)


def zipped(tmp_path: Path, prefix: str = "") -> Path:
    return zip_folder(EXPORT, tmp_path / "export_12345.zip", prefix)


def comparable(items) -> list[object]:
    return [
        dataclasses.replace(i, source=SourceRef("", "", i.source.locator))
        if isinstance(i, ImportedSession)
        else (i.source.locator, i.field)
        for i in items
    ]


@pytest.mark.parametrize("prefix", ["", "export_12345/"])
def test_zip_export_reads_like_the_unpacked_folder(tmp_path, fakes, prefix):
    path = zipped(tmp_path, prefix)
    assert strava.sniff(path)

    from_zip = list(strava.read(path))

    assert comparable(from_zip) == comparable(strava.read(CSV))
    assert sessions(from_zip)[0].source.file == f"export_12345.zip/{prefix}activities.csv"


def test_filenames_that_leave_the_export_are_refused(tmp_path, fakes):
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    (tmp_path / "secret.gpx").write_text("<gpx/>")
    text = CSV.read_text(encoding="utf-8").replace("activities/1001.gpx", "../secret.gpx")
    (folder / "activities.csv").write_text(text, encoding="utf-8")

    items = list(strava.read(folder / "activities.csv"))

    problem = next(r for r in refused(items) if r.source.locator == "row 2")
    assert "outside the export" in problem.message
    assert sessions(items)[0].max_hr_bpm is None  # nothing was read from outside


def test_corrupt_gzip_member_gives_a_refusal(tmp_path, fakes):
    folder = tmp_path / "export"
    shutil.copytree(EXPORT, folder)
    (folder / "activities" / "1003.tcx.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    items = list(strava.read(folder / "activities.csv"))
    assert any(r.source.locator == "row 4" and r.field == "Filename" for r in refused(items))
    assert len(sessions(items)) == len(sessions(strava.read(CSV)))


def test_header_in_an_unknown_language_is_read_by_its_place_in_the_layout(tmp_path, fakes):
    header, rows = records()
    # Same layout, labels in no language the reader knows; repeated labels stay repeated.
    foreign = [f"x-{label.lower()}" for label in header]
    foreign[:2] = ["Aktivitäts-ID", "Aktivitätsdatum"]
    shutil.copytree(EXPORT, tmp_path / "export")
    path = tmp_path / "export" / "activities.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([foreign, *rows])

    def without_rpe(items):  # Perceived Exertion lies past the layout: found by label only
        return [
            dataclasses.replace(i, rpe=None) if isinstance(i, ImportedSession) else i for i in items
        ]

    assert comparable(without_rpe(strava.read(path))) == comparable(without_rpe(strava.read(CSV)))


def test_short_header_without_the_metres_column_reads_distance_as_km(tmp_path):
    path = tmp_path / "activities.csv"
    path.write_text(
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n"
        '9001,"Aug 10, 2026, 6:12:00 AM",Morning Run,Run,2700,8.1\n',
        encoding="utf-8",
    )
    (session,) = strava.read(path)
    assert isinstance(session, ImportedSession)
    assert (session.distance_km, session.duration_min) == (8.1, 45.0)


def test_zip_without_activities_csv_is_not_claimed_and_cannot_be_read(tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert not strava.sniff(path)
    with pytest.raises(ImportFileError, match=r"no activities\.csv"):
        list(strava.read(path))


def test_sniff_recognises_localised_headers_and_nothing_else(tmp_path):
    spanish = tmp_path / "a.csv"
    spanish.write_text("ID de actividad,Fecha de la actividad,Nombre de la actividad\n")
    other = tmp_path / "b.csv"
    other.write_text("Date,Workout Name,Exercise Name,Set Order\n")
    assert strava.sniff(CSV)
    assert strava.sniff(spanish)
    assert not strava.sniff(other)


def test_public_names_exist():
    for name in strava.__all__:
        assert hasattr(strava, name)


def test_zip_with_a_damaged_directory_fails_cleanly(tmp_path):
    path = zipped(tmp_path)
    raw = bytearray(path.read_bytes())
    directory = raw.find(b"PK\x01\x02")  # the first central-directory entry
    raw[directory : directory + 2] = b"XX"  # break its signature; the end record stays
    path.write_bytes(bytes(raw))
    assert zipfile.is_zipfile(path)
    with pytest.raises(ImportFileError, match="damaged zip"):
        list(strava.read(path))
