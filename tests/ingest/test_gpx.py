"""The GPX reader against every shared GPX sample, small files written here, and fuzzing.

Expected values are computed in the test with the standard library's ElementTree and
a haversine sum, independently of the reader (which uses lxml and gpxpy).
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_fuzzing import assert_sessions_or_refusals, fuzz, truncated
from lumbar.ingest import gpx
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
GPX_FILES = sorted((SAMPLES / "gpx").glob("*.gpx"))
APPLE_ROUTE = next((SAMPLES / "apple_health" / "with_route").rglob("*.gpx"))


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def timed_segments(path: Path) -> list[list[tuple[float, float, dt.datetime]]]:
    """(lat, lon, time) of every timed track point, segment by segment, read with
    ElementTree."""
    segments = []
    for element in ET.parse(path).getroot().iter():
        if local(element.tag) == "trkseg":
            points = []
            for point in element:
                times = [c.text for c in point if local(c.tag) == "time"]
                if local(point.tag) == "trkpt" and times and times[0]:
                    stamp = dt.datetime.fromisoformat(times[0].strip())
                    points.append((float(point.get("lat")), float(point.get("lon")), stamp))
            segments.append(points)
    return segments


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def count(path: Path, tag: str) -> int:
    return sum(1 for e in ET.parse(path).getroot().iter() if local(e.tag) == tag)


@pytest.mark.parametrize("path", GPX_FILES, ids=lambda p: p.name)
def test_every_gpx_sample_gives_its_track_or_says_why_not(path: Path) -> None:
    segments = timed_segments(path)
    timed = [p for segment in segments for p in segment]
    tracks, points = count(path, "trk"), count(path, "trkpt")

    items = list(gpx.read(path))

    assert gpx.sniff(path)
    sessions = [i for i in items if isinstance(i, ImportedSession)]
    if tracks == 0:  # route.gpx: a planned route
        assert count(path, "rte") > 0
        (refused,) = items
        assert isinstance(refused, Refused)
        assert refused.field == "trk"
        assert "route" in refused.message
        return
    if min(p[2] for p in timed).year < 1970:  # Mojstrovka.gpx: the 1901 clock
        (refused,) = items
        assert isinstance(refused, Refused)
        assert refused.field == "start"
        return
    (session,) = sessions
    span = f"trk 1-{tracks}" if tracks > 1 else "trk 1"
    assert session.source.locator.startswith(span)
    assert session.start == min(p[2] for p in timed)
    assert session.end == max(p[2] for p in timed)
    spans = [(max(p[2] for p in s) - min(p[2] for p in s)).total_seconds() for s in segments if s]
    assert session.duration_min == pytest.approx(sum(spans) / 60)
    length_m = sum(haversine_m(s[k][:2], s[k + 1][:2]) for s in segments for k in range(len(s) - 1))
    assert session.distance_km == pytest.approx(length_m / 1000, rel=0.01)
    notices = [i for i in items if isinstance(i, Refused)]
    if points > len(timed):
        (notice,) = notices
        assert notice.field == "time"
        assert notice.message.startswith(f"{points - len(timed)} track point(s) without a time")
    else:
        assert notices == []


def test_the_route_file_of_an_apple_health_workout_is_refused() -> None:
    (got,) = list(gpx.read(APPLE_ROUTE))

    assert isinstance(got, Refused)
    assert got.field == "creator"


def test_the_distance_of_an_apple_route_is_its_track_length() -> None:
    segments = timed_segments(APPLE_ROUTE)
    expected_m = sum(
        haversine_m(s[k][:2], s[k + 1][:2]) for s in segments for k in range(len(s) - 1)
    )

    got = gpx.track_distance_km(APPLE_ROUTE.read_bytes(), APPLE_ROUTE.name)

    assert got == pytest.approx(expected_m / 1000, rel=0.01)


def gpx_doc(points: str, track_extra: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"
     xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <trk>{track_extra}<trkseg>{points}</trkseg></trk>
</gpx>
"""


def hr_point(time: str, hr: int, position: str = "") -> str:
    return (
        f"<trkpt{position}><time>{time}</time><extensions><gpxtpx:TrackPointExtension>"
        f"<gpxtpx:hr>{hr}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>"
    )


def write(tmp_path: Path, text: str | bytes, name: str = "made.gpx") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_an_indoor_gpx_without_positions_still_gives_duration_and_heart_rate(
    tmp_path: Path,
) -> None:
    points = hr_point("2024-02-01T18:00:00Z", 100) + hr_point("2024-02-01T18:40:00Z", 140)
    path = write(tmp_path, gpx_doc(points, "<type>VirtualRide</type>"))

    (got,) = list(gpx.read(path))

    assert isinstance(got, ImportedSession)
    assert got.duration_min == 40
    assert (got.avg_hr_bpm, got.max_hr_bpm) == (120, 140)
    assert got.distance_km is None
    assert got.type == "cycling"


def test_gpx_times_without_offset_stay_naive_local_times(tmp_path: Path) -> None:
    points = '<trkpt lat="46" lon="14"><time>2024-02-01T18:00:00</time></trkpt>'
    (got,) = list(gpx.read(write(tmp_path, gpx_doc(points))))

    assert isinstance(got, ImportedSession)
    assert got.start == dt.datetime(2024, 2, 1, 18, 0)


def test_a_gpx_point_with_an_unreadable_time_refuses_the_track(tmp_path: Path) -> None:
    points = '<trkpt lat="46" lon="14"><time>yesterday</time></trkpt>'
    (got,) = list(gpx.read(write(tmp_path, gpx_doc(points))))

    assert isinstance(got, Refused)
    assert (got.field, got.source.locator) == ("time", "line 4")


def test_a_gpx_point_outside_the_globe_refuses_the_track(tmp_path: Path) -> None:
    points = '<trkpt lat="95" lon="14"><time>2024-02-01T18:00:00Z</time></trkpt>'
    (got,) = list(gpx.read(write(tmp_path, gpx_doc(points))))

    assert isinstance(got, Refused)
    assert got.field == "trkpt"


def test_a_file_that_is_not_gpx_is_an_import_error(tmp_path: Path) -> None:
    path = write(tmp_path, "<kml><Document/></kml>", "map.kml")

    assert not gpx.sniff(path)
    with pytest.raises(ImportFileError, match="not <gpx>"):
        list(gpx.read(path))


def test_gpx_that_is_not_well_formed_is_an_import_error_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, gpx_doc("<trkpt lat='1' lon='2'>")[:-10])

    with pytest.raises(ImportFileError) as error:
        list(gpx.read(path))
    assert error.value.locator.startswith("line ")


def test_gpx_entities_are_never_expanded(tmp_path: Path) -> None:
    secret = write(tmp_path, "SECRET", "secret.txt")
    text = gpx_doc(hr_point("2024-02-01T18:00:00Z", 100), "<name>&x;</name>").replace(
        "<gpx ", f'<!DOCTYPE gpx [<!ENTITY x SYSTEM "file://{secret}">]>\n<gpx ', 1
    )

    items = list(gpx.read(write(tmp_path, text)))

    assert "SECRET" not in repr(items)


# --- fuzzing ----------------------------------------------------------------------------

FUZZ = fuzz(50)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_the_gpx_reader(tmp_path: Path, data: bytes) -> None:
    assert_sessions_or_refusals(gpx.read, write(tmp_path, data))


@FUZZ
@given(cut=st.floats(0, 1), sample=st.sampled_from(GPX_FILES))
def test_truncated_gpx_samples_never_crash(tmp_path: Path, cut: float, sample: Path) -> None:
    assert_sessions_or_refusals(gpx.read, write(tmp_path, truncated(sample.read_bytes(), cut)))


@FUZZ
@given(
    name=st.text(max_size=20),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]),
    declared=st.sampled_from(["UTF-8", "UTF-16", "ISO-8859-1", "bogus"]),
)
def test_gpx_in_wrong_encodings_never_crashes(
    tmp_path: Path, name: str, encoding: str, declared: str
) -> None:
    text = gpx_doc(hr_point("2024-02-01T18:00:00Z", 100), f"<name>{name}</name>")
    text = text.replace('encoding="UTF-8"', f'encoding="{declared}"')
    assert_sessions_or_refusals(gpx.read, write(tmp_path, text.encode(encoding, errors="replace")))


@FUZZ
@given(
    times=st.lists(st.datetimes(timezones=st.just(dt.UTC)), min_size=1, max_size=4),
    lat=st.floats(allow_nan=True, allow_infinity=True),
    hr=st.integers(-1000, 10_000),
)
def test_absurd_gpx_values_are_refused_or_plausible(
    tmp_path: Path, times: list[dt.datetime], lat: float, hr: int
) -> None:
    points = "".join(
        hr_point(t.isoformat().replace("+00:00", "Z"), hr, f' lat="{lat}" lon="14"') for t in times
    )
    for item in gpx.read(write(tmp_path, gpx_doc(points))):
        if isinstance(item, ImportedSession):
            assert 1970 <= item.start.year <= 2099
            assert item.avg_hr_bpm is None or 20 <= item.avg_hr_bpm <= 260
        else:
            assert item.field
