"""The Apple Health reader: the shared samples in every layout (xml, folder, zip), the
iOS 16 faults, a synthetic export from ../shared/tools, small files written here, and
fuzzing. Workouts are counted in the test with lxml's full-tree parse."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from ingest_fuzzing import assert_sessions_or_refusals, fuzz, truncated
from ingest_zips import zip_folder
from lumbar.ingest import apple_health
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "samples" / "apple_health"
EXPORT_XML = SAMPLES / "export.xml"
WITH_ROUTE = SAMPLES / "with_route"
IOS16 = (
    Path(__file__).resolve().parents[1] / "data" / "ingest" / "device" / "ios16_malformed_dtd.xml"
)
MI_KM = 1.609344


def workouts(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).getroot().iter("Workout"))


def sessions_of(items: list[ImportedSession | Refused]) -> list[ImportedSession]:
    return [item for item in items if isinstance(item, ImportedSession)]


@pytest.mark.parametrize(
    "path",
    [EXPORT_XML, WITH_ROUTE / "apple_health_export" / "export.xml"],
    ids=["export.xml", "with_route"],
)
def test_every_apple_sample_gives_one_session_per_workout(path: Path) -> None:
    expected = workouts(path)

    sessions = sessions_of(list(apple_health.read(path)))

    assert apple_health.sniff(path)
    assert len(sessions) == len(expected) == 1
    for session, workout in zip(sessions, expected, strict=True):
        assert session.sport == workout.get("workoutActivityType")
        assert session.type == "running"
        assert session.duration_min == pytest.approx(float(workout.get("duration")))
        assert workout.get("totalDistanceUnit") == "mi"
        assert session.distance_km == pytest.approx(float(workout.get("totalDistance")) * MI_KM)
        assert session.energy_kcal == pytest.approx(float(workout.get("totalEnergyBurned")))
        assert session.start == dt.datetime.strptime(
            workout.get("startDate"), "%Y-%m-%d %H:%M:%S %z"
        )
        assert session.source.locator == f"Workout element 1, line {workout.sourceline}"


@pytest.mark.parametrize("folder", [WITH_ROUTE, WITH_ROUTE / "apple_health_export"])
def test_the_unzipped_export_folder_reads_like_its_export_xml(folder: Path) -> None:
    xml = WITH_ROUTE / "apple_health_export" / "export.xml"

    from_folder = sessions_of(list(apple_health.read(folder)))
    from_xml = sessions_of(list(apple_health.read(xml)))

    assert apple_health.sniff(folder)
    assert [s.start for s in from_folder] == [s.start for s in from_xml]
    assert from_folder[0].source.file.endswith("export.xml")


def zip_export(folder: Path, target: Path) -> Path:
    """An export.zip as the Health app writes it: apple_health_export/ at the top."""
    return zip_folder(folder, target, "apple_health_export/", zipfile.ZIP_DEFLATED)


def test_an_export_zip_is_read_straight_from_its_member(tmp_path: Path) -> None:
    packed = zip_export(WITH_ROUTE / "apple_health_export", tmp_path / "export.zip")

    (session,) = sessions_of(list(apple_health.read(packed)))

    assert apple_health.sniff(packed)
    assert session.source.file == "export.zip/apple_health_export/export.xml"
    assert session.distance_km == pytest.approx(0.4971749504535062 * MI_KM)


def test_an_ios16_export_with_a_broken_dtd_and_a_vertical_tab_is_read() -> None:
    with pytest.raises(etree.XMLSyntaxError):
        etree.parse(str(IOS16))  # the file does reproduce the breakage

    (session,) = list(apple_health.read(IOS16))

    assert isinstance(session, ImportedSession)
    assert session.type == "strength"
    assert (session.avg_hr_bpm, session.max_hr_bpm, session.energy_kcal) == (118, 151, 250)
    # the DTD's lines are kept as blank lines, so line numbers match the file
    line = next(
        n for n, text in enumerate(IOS16.read_text().splitlines(), 1) if "<Workout " in text
    )
    assert session.source.locator == f"Workout element 1, line {line}"


def test_a_synthetic_ios16_export_streams_from_its_zip(tmp_path: Path) -> None:
    xml, packed = tmp_path / "export.xml", tmp_path / "export.zip"
    subprocess.run(
        [sys.executable, str(SHARED / "tools" / "gen_apple_health.py"), "--mb", "8",
         "--out", str(xml), "--zip", str(packed)],
        check=True, capture_output=True,
    )  # fmt: skip
    expected = workouts(xml)

    sessions = sessions_of(list(apple_health.read(packed)))

    assert len(sessions) == len(expected) > 1
    for session, workout in zip(sessions, expected, strict=True):
        stats = {s.get("type"): s for s in workout.iter("WorkoutStatistics")}
        heart = stats["HKQuantityTypeIdentifierHeartRate"]
        energy = stats["HKQuantityTypeIdentifierActiveEnergyBurned"]
        assert session.avg_hr_bpm == pytest.approx(float(heart.get("average")))
        assert session.max_hr_bpm == pytest.approx(float(heart.get("maximum")))
        assert session.energy_kcal == pytest.approx(float(energy.get("sum")))  # "Cal" is kcal
        miles = [float(s.get("sum")) for t, s in stats.items() if "Distance" in t]
        assert session.distance_km == (pytest.approx(sum(miles) * MI_KM) if miles else None)


def export(*workout_elements: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_US">\n'
        + "\n".join(workout_elements)
        + "\n</HealthData>\n"
    )


def workout(attributes: str = "", children: str = "") -> str:
    return (
        '<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" '
        'durationUnit="min" sourceName="Watch" startDate="2023-05-01 07:00:00 +0200" '
        f'endDate="2023-05-01 07:30:00 +0200" {attributes}>{children}</Workout>'
    )


def write(tmp_path: Path, text: str | bytes, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_older_total_attributes_are_converted_kj_to_kcal_and_km(tmp_path: Path) -> None:
    attributes = (
        'totalDistance="21" totalDistanceUnit="km" '
        'totalEnergyBurned="2092" totalEnergyBurnedUnit="kJ"'
    )
    (got,) = list(apple_health.read(write(tmp_path, export(workout(attributes)))))

    assert isinstance(got, ImportedSession)
    assert got.distance_km == 21
    assert got.energy_kcal == pytest.approx(500)


def test_a_workout_with_only_a_route_gets_its_distance_from_the_gpx(tmp_path: Path) -> None:
    route = next(WITH_ROUTE.rglob("*.gpx"))
    (tmp_path / "workout-routes").mkdir()
    shutil.copy(route, tmp_path / "workout-routes" / route.name)
    reference = f'<WorkoutRoute><FileReference path="/workout-routes/{route.name}"/></WorkoutRoute>'
    missing = '<WorkoutRoute><FileReference path="/workout-routes/gone.gpx"/></WorkoutRoute>'
    path = write(tmp_path, export(workout(children=reference), workout(children=missing)))

    first, second, notice = list(apple_health.read(path))

    assert isinstance(first, ImportedSession) and first.distance_km is not None
    assert 0 < first.distance_km < 0.1  # three points a few metres apart
    assert isinstance(second, ImportedSession) and second.distance_km is None
    assert isinstance(notice, Refused)
    assert notice.field == "WorkoutRoute" and "gone.gpx" in notice.message


def test_a_workout_with_an_unknown_unit_is_refused(tmp_path: Path) -> None:
    attributes = 'totalDistance="3" totalDistanceUnit="furlong"'
    (got,) = list(apple_health.read(write(tmp_path, export(workout(attributes)))))

    assert isinstance(got, Refused)
    assert got.field == "totalDistanceUnit"


def test_a_workout_dated_1900_is_refused(tmp_path: Path) -> None:
    text = export(workout()).replace("2023-05-01", "1900-05-01")

    (got,) = list(apple_health.read(write(tmp_path, text)))

    assert isinstance(got, Refused)
    assert got.field == "start"


def test_a_truncated_export_is_an_import_error_naming_the_line(tmp_path: Path) -> None:
    text = export(workout(), workout())
    path = write(tmp_path, text[: len(text) - 40])

    with pytest.raises(ImportFileError) as error:
        list(apple_health.read(path))
    assert error.value.locator.startswith("line ")


def test_xml_that_is_not_an_apple_export_is_an_import_error(tmp_path: Path) -> None:
    path = write(tmp_path, "<gpx><trk/></gpx>", "other.xml")

    assert not apple_health.sniff(path)
    with pytest.raises(ImportFileError, match="not an Apple Health export"):
        list(apple_health.read(path))


def test_external_entities_of_an_export_are_never_loaded(tmp_path: Path) -> None:
    secret = write(tmp_path, "SECRET", "secret.txt")
    text = (
        export(workout())
        .replace(
            "<HealthData",
            f'<!DOCTYPE HealthData [<!ENTITY x SYSTEM "file://{secret}">]>\n<HealthData',
        )
        .replace('sourceName="Watch"', 'sourceName="Watch" workoutActivityType2="&x;"')
    )

    try:
        items = list(apple_health.read(write(tmp_path, text)))
    except ImportFileError:
        return  # the entity is undefined once the DTD is dropped: refusing is fine too
    assert "SECRET" not in repr(items)


# --- fuzzing ----------------------------------------------------------------------------

FUZZ = fuzz(50)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_the_apple_reader(tmp_path: Path, data: bytes) -> None:
    assert_sessions_or_refusals(apple_health.read, write(tmp_path, data))


@FUZZ
@given(cut=st.floats(0, 1), sample=st.sampled_from([EXPORT_XML, IOS16]))
def test_truncated_apple_exports_never_crash(tmp_path: Path, cut: float, sample: Path) -> None:
    assert_sessions_or_refusals(
        apple_health.read, write(tmp_path, truncated(sample.read_bytes(), cut))
    )


@FUZZ
@given(cut=st.floats(0, 1))
def test_truncated_export_zips_never_crash(tmp_path: Path, cut: float) -> None:
    packed = zip_export(WITH_ROUTE / "apple_health_export", tmp_path / "whole.zip").read_bytes()
    assert_sessions_or_refusals(
        apple_health.read, write(tmp_path, truncated(packed, cut), "export.zip")
    )


@FUZZ
@given(
    controls=st.text(st.characters(max_codepoint=0x1F), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]),
)
def test_apple_exports_with_control_characters_or_wrong_encodings_never_crash(
    tmp_path: Path, controls: str, encoding: str
) -> None:
    text = export(workout(f'note="{controls}"'))
    assert_sessions_or_refusals(
        apple_health.read, write(tmp_path, text.encode(encoding, errors="replace"))
    )


values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "-5", "1e309", "abc", "2023-05-01 07:00:00 +0200", "0"]),
)


@FUZZ
@given(
    start=st.datetimes(timezones=st.just(dt.UTC)),
    duration=values,
    distance=values,
    unit=st.sampled_from(["mi", "km", "m", "Cal", "", "parsec"]),
    average=values,
)
def test_absurd_apple_values_are_refused_or_plausible(
    tmp_path: Path, start: dt.datetime, duration: str, distance: str, unit: str, average: str
) -> None:
    stamp = start.strftime("%Y-%m-%d %H:%M:%S +0000")
    heart = (
        '<WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" '
        f'average="{average}" unit="count/min"/>'
    )
    text = export(
        workout(f'totalDistance="{distance}" totalDistanceUnit="{unit}"', heart)
        .replace('duration="30"', f'duration="{duration}"')
        .replace("2023-05-01 07:00:00 +0200", stamp)
    )
    for item in apple_health.read(write(tmp_path, text)):
        if isinstance(item, ImportedSession):
            assert 1970 <= item.start.year <= 2099
            assert item.duration_min is None or 0 <= item.duration_min <= 7 * 24 * 60
            assert item.distance_km is None or 0 < item.distance_km <= 2000
            assert item.avg_hr_bpm is None or 20 <= item.avg_hr_bpm <= 260
        else:
            assert item.field
