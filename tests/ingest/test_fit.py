"""The FIT reader against every shared FIT sample, small files written here, and fuzzing.

Expected values come from decoding the same file with fitdecode directly (every
message, no filtering), or from the fields the test itself encodes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import struct
from functools import cache
from pathlib import Path

import fitdecode
import pytest
from fitdecode.profile import FIELD_TYPES
from hypothesis import given
from hypothesis import strategies as st

from ingest_fuzzing import assert_sessions_or_refusals, fuzz, truncated
from lumbar.ingest import fit
from lumbar.ingest.records import ImportedSession, ImportFileError, Refused

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "fit"
FIT_FILES = sorted(SAMPLES.glob("*.fit"))
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
SMALL_RUN = SAMPLES / "garmin-fenix-5-run.fit"
STRENGTH = SAMPLES / "20748058539_ACTIVITY.fit"


@cache
def fitdecode_messages(path: Path) -> tuple[list[fitdecode.FitDataMessage], bool]:
    """Every data message of ``path`` as fitdecode decodes it, and whether the file ended
    early (fitdecode raises FitEOFError after yielding what it read)."""
    messages = []
    try:
        with fitdecode.FitReader(
            path,
            check_crc=fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        ) as reader:
            for frame in reader:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                    messages.append(frame)
    except fitdecode.FitEOFError:
        return messages, True
    return messages, False


def sessions_of(items: list[ImportedSession | Refused]) -> list[ImportedSession]:
    return [item for item in items if isinstance(item, ImportedSession)]


def km_or_none(metres: float | None) -> float | None:
    return None if not metres else metres / 1000


@pytest.mark.parametrize("path", FIT_FILES, ids=lambda p: p.name)
def test_every_fit_sample_gives_one_session_per_session_message(path: Path) -> None:
    messages, truncated = fitdecode_messages(path)
    summaries = [m for m in messages if m.name == "session"]
    active_sets = [
        m for m in messages if m.name == "set" and m.get_value("set_type", fallback=None) != "rest"
    ]

    items = list(fit.read(path))
    sessions = sessions_of(items)

    assert fit.sniff(path)
    assert len(sessions) == len(summaries)
    for session, summary in zip(sessions, summaries, strict=True):
        assert session.start == summary.get_value("start_time")
        assert session.distance_km == pytest.approx(
            km_or_none(summary.get_value("total_distance", fallback=None))
        )
        timer_s = summary.get_value("total_timer_time", fallback=None)
        assert session.duration_min == pytest.approx(timer_s / 60)
        assert session.avg_hr_bpm == summary.get_value("avg_heart_rate", fallback=None)
        assert session.max_hr_bpm == summary.get_value("max_heart_rate", fallback=None)
        assert session.source.file == path.name
        assert session.source.locator.startswith("message ")
    assert sum(len(s.sets) for s in sessions) == len(active_sets)
    if truncated:
        notices = [i for i in items if isinstance(i, Refused) and i.field == "file"]
        assert len(notices) == 1
        assert "ends inside a message" in notices[0].message


@pytest.mark.parametrize(
    ("name", "types"),
    [
        ("20474406937_ACTIVITY.fit", ["strength"]),
        ("20548472357_ACTIVITY.fit", ["team_sport"]),
        ("20170518-191602-1740899583.fit", ["rowing"]),
        ("20744294788_ACTIVITY.fit", ["cycling", "strength"]),
        ("20555050352_ACTIVITY.fit", ["strength", "running", "strength"]),
        ("garmin-fenix-5-walk.fit", ["walking"]),
        ("event_timestamp.fit", ["other"]),  # pool swimming has no contract type
        (
            "activity-large-fenxi2-multisport.fit",
            ["other", "other", "running", "other", "running", "other", "cycling"],
        ),
    ],
)
def test_fit_sport_and_sub_sport_map_to_the_contract_types(name: str, types: list[str]) -> None:
    assert [s.type for s in sessions_of(list(fit.read(SAMPLES / name)))] == types


def test_strength_sets_keep_reps_weight_and_category_name_and_skip_rests() -> None:
    messages, _ = fitdecode_messages(STRENGTH)
    active = [m for m in messages if m.name == "set" and m.get_value("set_type") == "active"]
    categories = FIELD_TYPES["exercise_category"].enum

    (session,) = sessions_of(list(fit.read(STRENGTH)))

    assert len(session.sets) == len(active) == 14
    for got, message in zip(session.sets, active, strict=True):
        category = message.get_value("category")
        first = category[0] if isinstance(category, tuple) else category
        assert got.exercise == categories[first]
        assert got.reps == message.get_value("repetitions")
        assert got.weight_kg == message.get_value("weight")
        assert got.duration_s == pytest.approx(message.get_value("duration"))
        assert got.set_type == "normal"


def test_multisport_sets_go_to_the_leg_in_which_they_started() -> None:
    path = SAMPLES / "20555050352_ACTIVITY.fit"
    messages, _ = fitdecode_messages(path)
    starts = [m.get_value("start_time") for m in messages if m.name == "session"]
    set_starts = [
        m.get_value("start_time")
        for m in messages
        if m.name == "set" and m.get_value("set_type") == "active"
    ]
    expected = [
        sum(1 for t in set_starts if starts[k] <= t and (k + 1 == len(starts) or t < starts[k + 1]))
        for k in range(len(starts))
    ]

    sessions = sessions_of(list(fit.read(path)))

    assert [len(s.sets) for s in sessions] == expected
    assert sum(expected) == 20  # SOURCES.md: 20 active sets of 41


def test_a_truncated_fit_keeps_the_session_read_before_the_damage_and_says_so() -> None:
    items = list(fit.read(SAMPLES / "activity-unexpected-eof.fit"))

    assert len(sessions_of(items)) == 1
    (notice,) = [i for i in items if isinstance(i, Refused)]
    assert notice.field == "file"
    assert notice.source.locator.startswith("byte ")
    assert "1 session(s) read before the damage were imported" in notice.message


def test_a_fit_with_a_bad_crc_is_imported_with_a_notice() -> None:
    items = list(fit.read(SAMPLES / "activity-filecrc.fit"))

    assert len(sessions_of(items)) == 1
    (notice,) = [i for i in items if isinstance(i, Refused)]
    assert notice.field == "crc"
    assert "CRC does not match" in notice.message


def test_a_gzipped_fit_reads_like_the_plain_one(tmp_path: Path) -> None:
    packed = tmp_path / "run.fit.gz"
    packed.write_bytes(gzip.compress(SMALL_RUN.read_bytes()))

    assert fit.sniff(packed)
    assert list(fit.read(packed, display="run.fit.gz")) == [
        _renamed(item, "run.fit.gz") for item in fit.read(SMALL_RUN)
    ]


def _renamed(item: ImportedSession | Refused, name: str) -> ImportedSession | Refused:
    return dataclasses.replace(item, source=dataclasses.replace(item.source, file=name))


# --- small FIT files written by the test ------------------------------------------------


def crc16(data: bytes) -> int:
    """FIT's CRC-16, bit by bit as the FIT SDK documents it."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


# base types: enum, uint8, uint16, uint32
_FORMATS = {0x00: "B", 0x02: "B", 0x84: "H", 0x86: "I"}


def encode(messages: list[tuple[int, list[tuple[int, int, int]]]]) -> bytes:
    """A FIT activity file: each message is (global number, [(field, base type, value)]).

    Every message gets its own definition on local type 0, as small encoders do.
    """
    body = b""
    for number, fields in messages:
        body += struct.pack("<BBBHB", 0x40, 0, 0, number, len(fields))
        for field, base, _ in fields:
            body += struct.pack("<BBB", field, struct.calcsize(_FORMATS[base]), base)
        body += b"\x00" + b"".join(struct.pack("<" + _FORMATS[b], v) for _, b, v in fields)
    header = struct.pack("<BBHI4s", 12, 0x10, 2132, len(body), b".FIT")
    data = header + body
    return data + struct.pack("<H", crc16(data))


def fit_time(moment: dt.datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


def file_id(kind: int = 4) -> tuple[int, list[tuple[int, int, int]]]:
    return (0, [(0, 0x00, kind), (1, 0x84, 1)])


def session(
    start: dt.datetime, elapsed_s: float, distance_m: float, sport: int = 1, sub_sport: int = 0
) -> tuple[int, list[tuple[int, int, int]]]:
    return (
        18,
        [
            (2, 0x86, fit_time(start)),
            (7, 0x86, round(elapsed_s * 1000)),
            (8, 0x86, round(elapsed_s * 1000)),
            (9, 0x86, round(distance_m * 100)),
            (5, 0x00, sport),
            (6, 0x00, sub_sport),
        ],
    )


def strength_set(
    start: dt.datetime, reps: int, weight_kg: float, active: bool = True, category: int = 8
) -> tuple[int, list[tuple[int, int, int]]]:
    return (
        225,
        [
            (6, 0x86, fit_time(start)),
            (3, 0x84, reps),
            (4, 0x84, round(weight_kg * 16)),
            (5, 0x02, 1 if active else 0),
            (7, 0x84, category),
            (0, 0x86, 30_000),
        ],
    )


START = dt.datetime(2025, 3, 4, 17, 0, tzinfo=dt.UTC)


def write(tmp_path: Path, data: bytes, name: str = "made.fit") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_strength_file_written_here_reads_back_its_sets(tmp_path: Path) -> None:
    sets = [
        strength_set(START + dt.timedelta(minutes=1), 5, 100.0),
        strength_set(START + dt.timedelta(minutes=2), 0, 0.0, active=False),
        strength_set(START + dt.timedelta(minutes=3), 5, 102.5, category=0),
    ]
    path = write(tmp_path, encode([file_id(), *sets, session(START, 1800, 0, 10, 20)]))

    (got,) = list(fit.read(path))

    assert isinstance(got, ImportedSession)
    assert got.type == "strength"
    assert got.start == START
    assert got.end == START + dt.timedelta(seconds=1800)
    assert got.distance_km is None  # 0 m from a strength session means "not measured"
    assert [(s.exercise, s.reps, s.weight_kg) for s in got.sets] == [
        ("deadlift", 5, 100.0),
        ("bench_press", 5, 102.5),
    ]
    assert got.sets[0].locator == "message 2 (set)"


def test_a_fit_session_of_5000_km_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, encode([file_id(), session(START, 3600, 5_000_000)]))

    (got,) = list(fit.read(path))

    assert isinstance(got, Refused)
    assert got.field == "distance_km"
    assert got.source.locator == "message 2 (session 1 of 1)"


def test_a_fit_session_dated_2100_is_refused(tmp_path: Path) -> None:
    when = dt.datetime(2100, 6, 1, tzinfo=dt.UTC)
    (got,) = list(fit.read(write(tmp_path, encode([file_id(), session(when, 60, 100)]))))

    assert isinstance(got, Refused)
    assert got.field == "start"


def test_a_set_of_2000_kg_is_refused_and_the_session_kept(tmp_path: Path) -> None:
    sets = [
        strength_set(START + dt.timedelta(minutes=1), 5, 2000.0),
        strength_set(START + dt.timedelta(minutes=2), 5, 60.0),
    ]
    path = write(tmp_path, encode([file_id(), *sets, session(START, 600, 0, 10, 20)]))

    items = list(fit.read(path))

    (kept,) = sessions_of(items)
    assert [s.weight_kg for s in kept.sets] == [60.0]
    (refused,) = [i for i in items if isinstance(i, Refused)]
    assert (refused.field, refused.source.locator) == ("weight_kg", "message 2 (set)")


def test_a_fit_course_is_refused_as_not_a_training_record(tmp_path: Path) -> None:
    (got,) = list(fit.read(write(tmp_path, encode([file_id(kind=6)]))))

    assert isinstance(got, Refused)
    assert got.field == "file_id.type"
    assert "course" in got.message


def test_a_file_that_is_not_fit_is_an_import_error(tmp_path: Path) -> None:
    path = write(tmp_path, b"Date,Workout Name\n2024-01-01,Legs\n", "not.fit")

    assert not fit.sniff(path)
    with pytest.raises(ImportFileError, match="not a FIT file"):
        list(fit.read(path))


def test_a_fit_cut_before_its_session_message_is_an_import_error(tmp_path: Path) -> None:
    whole = encode([file_id(), strength_set(START, 5, 50.0), session(START, 60, 0, 10, 20)])
    path = write(tmp_path, whole[:40])

    with pytest.raises(ImportFileError, match="before the session summary"):
        list(fit.read(path))


# --- fuzzing ----------------------------------------------------------------------------

FUZZ = fuzz(60)


@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes_never_crash_the_fit_reader(tmp_path: Path, data: bytes) -> None:
    assert_sessions_or_refusals(fit.read, write(tmp_path, data))


@FUZZ
@given(body=st.binary(max_size=600))
def test_a_fit_header_followed_by_random_messages_never_crashes(
    tmp_path: Path, body: bytes
) -> None:
    header = struct.pack("<BBHI4s", 12, 0x10, 2132, len(body), b".FIT")
    assert_sessions_or_refusals(fit.read, write(tmp_path, header + body))


@FUZZ
@given(cut=st.floats(min_value=0, max_value=1), sample=st.sampled_from([SMALL_RUN, STRENGTH]))
def test_truncated_fit_samples_never_crash(tmp_path: Path, cut: float, sample: Path) -> None:
    assert_sessions_or_refusals(fit.read, write(tmp_path, truncated(sample.read_bytes(), cut)))


@FUZZ
@given(
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8),
    sample=st.sampled_from([SMALL_RUN, STRENGTH]),
)
def test_fit_samples_with_changed_bytes_never_crash(
    tmp_path: Path, flips: list[tuple[float, int]], sample: Path
) -> None:
    data = bytearray(sample.read_bytes())
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    assert_sessions_or_refusals(fit.read, write(tmp_path, bytes(data)))


@FUZZ
@given(
    start_s=st.integers(0, 2**32 - 2),
    elapsed_ms=st.integers(0, 2**32 - 2),
    distance_cm=st.integers(0, 2**32 - 2),
    sport=st.integers(0, 254),
    reps=st.integers(0, 2**16 - 2),
    weight=st.integers(0, 2**16 - 2),
)
def test_absurd_fit_values_are_refused_or_plausible(
    tmp_path: Path,
    start_s: int,
    elapsed_ms: int,
    distance_cm: int,
    sport: int,
    reps: int,
    weight: int,
) -> None:
    start = FIT_EPOCH + dt.timedelta(seconds=start_s)
    summary = session(start, elapsed_ms / 1000, distance_cm / 100, sport)
    item = strength_set(start, reps, weight / 16)
    path = write(tmp_path, encode([file_id(), item, summary]))

    items = list(fit.read(path))

    for got in items:
        if isinstance(got, ImportedSession):
            assert dt.datetime(1970, 1, 1, tzinfo=dt.UTC) <= got.start
            assert got.start.year <= 2099
            assert got.distance_km is None or 0 < got.distance_km <= 2000
            assert all(s.weight_kg is None or s.weight_kg <= 1000 for s in got.sets)
        else:
            assert got.field
