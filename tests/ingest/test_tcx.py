"""The TCX reader against every shared TCX sample, small files written here, and fuzzing.

Expected values are computed in the test with regular expressions and the standard
library's ElementTree, independently of the reader (which uses lxml).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_fuzzing import assert_sessions_or_refusals, fuzz, truncated
from lumbar.ingest import tcx
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "tcx"
TCX_FILES = sorted(SAMPLES.glob("*.tcx"))
NS = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}


def lap_totals(path: Path) -> list[dict[str, float | None]]:
    """TotalTimeSeconds, DistanceMeters and the heart rates of every Lap, by ElementTree."""

    def number(lap: ET.Element, path: str) -> float | None:
        text = lap.findtext(path, namespaces=NS)
        return float(text) if text else None

    return [
        {
            "seconds": number(lap, "t:TotalTimeSeconds"),
            "metres": number(lap, "t:DistanceMeters"),
            "avg": number(lap, "t:AverageHeartRateBpm/t:Value"),
            "max": number(lap, "t:MaximumHeartRateBpm/t:Value"),
            "kcal": number(lap, "t:Calories"),
        }
        for lap in ET.parse(path).getroot().iterfind(".//t:Lap", NS)
    ]


@pytest.mark.parametrize("path", TCX_FILES, ids=lambda p: p.name)
def test_every_tcx_sample_gives_one_session_per_activity_from_its_lap_totals(
    path: Path,
) -> None:
    text = path.read_text(encoding="utf-8")
    activities = len(re.findall(r"<Activity[\s>]", text))
    laps = lap_totals(path)
    assert len(laps) == len(re.findall(r"<Lap[\s>]", text))

    items = list(tcx.read(path))

    assert tcx.sniff(path)
    assert len(items) == activities == 1
    (session,) = items
    assert isinstance(session, ImportedSession)
    span = f"Laps 1-{len(laps)}" if len(laps) > 1 else "Lap 1"
    assert session.source.locator.startswith(f"Activity 1, {span}")
    assert session.duration_min == pytest.approx(sum(lap["seconds"] or 0 for lap in laps) / 60)
    assert session.distance_km == pytest.approx(sum(lap["metres"] or 0 for lap in laps) / 1000)
    assert session.energy_kcal == pytest.approx(sum(lap["kcal"] or 0 for lap in laps))
    rated = [(lap["avg"], lap["seconds"]) for lap in laps if lap["avg"] is not None]
    if rated:
        weighted = sum(bpm * s for bpm, s in rated) / sum(s for _, s in rated)
        assert session.avg_hr_bpm == pytest.approx(weighted)
        assert session.max_hr_bpm == max(lap["max"] for lap in laps)
    else:
        assert "HeartRateBpm" not in text
        assert session.avg_hr_bpm is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [("test.tcx", "running"), ("mapmyride_biking.tcx", "cycling"), ("sup_activity_1.tcx", "other")],
)
def test_tcx_sport_maps_to_the_contract_type(name: str, kind: str) -> None:
    (session,) = list(tcx.read(SAMPLES / name))
    assert isinstance(session, ImportedSession)
    assert session.type == kind


def tcx_doc(*activities: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TrainingCenterDatabase xmlns="{NS["t"]}">\n'
        f"<Activities>{''.join(activities)}</Activities>\n"
        "</TrainingCenterDatabase>\n"
    )


def lap(start: str, seconds: str, metres: str = "0", avg: int | None = None) -> str:
    rate = f"<AverageHeartRateBpm><Value>{avg}</Value></AverageHeartRateBpm>" if avg else ""
    return (
        f'<Lap StartTime="{start}"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>'
        f"<DistanceMeters>{metres}</DistanceMeters>{rate}</Lap>"
    )


def activity(sport: str, start: str, *laps: str) -> str:
    return f'<Activity Sport="{sport}"><Id>{start}</Id>{"".join(laps)}</Activity>'


def write(tmp_path: Path, text: str | bytes, name: str = "made.tcx") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_an_indoor_tcx_without_trackpoints_gives_duration_and_heart_rate(tmp_path: Path) -> None:
    start = "2024-01-10T06:00:00Z"
    doc = tcx_doc(activity("Other", start, lap(start, "1800", "0", 130)))

    (got,) = list(tcx.read(write(tmp_path, doc)))

    assert isinstance(got, ImportedSession)
    assert got.duration_min == 30
    assert got.avg_hr_bpm == 130
    assert got.distance_km is None
    assert got.end == dt.datetime(2024, 1, 10, 6, 30, tzinfo=dt.UTC)


def test_a_tcx_lap_with_a_bad_number_refuses_its_activity_only(tmp_path: Path) -> None:
    good = activity("Running", "2024-01-10T06:00:00Z", lap("2024-01-10T06:00:00Z", "600", "2000"))
    bad = activity("Running", "2024-01-11T06:00:00Z", lap("2024-01-11T06:00:00Z", "ten", "2000"))

    first, second = list(tcx.read(write(tmp_path, tcx_doc(good, bad))))

    assert isinstance(first, ImportedSession)
    assert first.distance_km == 2
    assert isinstance(second, Refused)
    assert second.field == "TotalTimeSeconds"
    assert second.source.locator.startswith("Activity 2, line ")


def test_a_tcx_lap_of_minus_ten_minutes_is_refused(tmp_path: Path) -> None:
    start = "2024-01-10T06:00:00Z"
    (got,) = list(
        tcx.read(write(tmp_path, tcx_doc(activity("Running", start, lap(start, "-600")))))
    )

    assert isinstance(got, Refused)
    assert got.field in {"duration_min", "end"}


def test_tcx_activities_in_a_multisport_session_are_each_a_session(tmp_path: Path) -> None:
    run = activity("Running", "2024-01-10T06:00:00Z", lap("2024-01-10T06:00:00Z", "600", "2000"))
    ride = activity("Biking", "2024-01-10T06:11:00Z", lap("2024-01-10T06:11:00Z", "900", "9000"))
    doc = tcx_doc(
        f"<MultiSportSession><FirstSport>{run}</FirstSport>"
        f"<NextSport>{ride}</NextSport></MultiSportSession>"
    )

    items = list(tcx.read(write(tmp_path, doc)))

    assert [(i.type, i.distance_km) for i in items if isinstance(i, ImportedSession)] == [
        ("running", 2),
        ("cycling", 9),
    ]


def test_a_tcx_holding_only_courses_is_refused(tmp_path: Path) -> None:
    doc = tcx_doc().replace("<Activities></Activities>", "<Courses><Course/></Courses>")

    (got,) = list(tcx.read(write(tmp_path, doc)))

    assert isinstance(got, Refused)
    assert "course" in got.message


def test_a_file_that_is_not_tcx_is_an_import_error(tmp_path: Path) -> None:
    path = write(tmp_path, "<gpx version='1.1'/>", "x.tcx")

    assert not tcx.sniff(path)
    with pytest.raises(ImportFileError, match="not <TrainingCenterDatabase>"):
        list(tcx.read(path))


# --- fuzzing ----------------------------------------------------------------------------

FUZZ = fuzz(50)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_the_tcx_reader(tmp_path: Path, data: bytes) -> None:
    assert_sessions_or_refusals(tcx.read, write(tmp_path, data))


@FUZZ
@given(cut=st.floats(0, 1), sample=st.sampled_from(TCX_FILES[2:]))  # the small ones
def test_truncated_tcx_samples_never_crash(tmp_path: Path, cut: float, sample: Path) -> None:
    assert_sessions_or_refusals(tcx.read, write(tmp_path, truncated(sample.read_bytes(), cut)))


@FUZZ
@given(
    notes=st.text(max_size=20),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]),
    declared=st.sampled_from(["UTF-8", "UTF-16", "windows-1252", "nonsense"]),
)
def test_tcx_in_wrong_encodings_never_crashes(
    tmp_path: Path, notes: str, encoding: str, declared: str
) -> None:
    start = "2024-01-10T06:00:00Z"
    doc = tcx_doc(activity("Other", start, lap(start, "60"), f"<Notes>{notes}</Notes>"))
    doc = doc.replace('encoding="UTF-8"', f'encoding="{declared}"')
    assert_sessions_or_refusals(tcx.read, write(tmp_path, doc.encode(encoding, errors="replace")))


numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["", "nan", "-inf", "1e400", "12,5", "abc"]),
)


@FUZZ
@given(
    start=st.datetimes(timezones=st.just(dt.UTC)),
    seconds=numbers,
    metres=numbers,
    bpm=st.integers(-1000, 10_000),
)
def test_absurd_tcx_values_are_refused_or_plausible(
    tmp_path: Path, start: dt.datetime, seconds: str, metres: str, bpm: int
) -> None:
    when = start.isoformat()
    doc = tcx_doc(activity("Running", when, lap(when, seconds, metres, bpm)))
    for item in tcx.read(write(tmp_path, doc)):
        if isinstance(item, ImportedSession):
            assert 1970 <= item.start.year <= 2099
            assert item.duration_min is None or 0 <= item.duration_min <= 7 * 24 * 60
            assert item.distance_km is None or 0 < item.distance_km <= 2000
        else:
            assert item.field
