"""The store's rules on real databases, SQLite and PostgreSQL: times, natural keys, people,
cascades, text, transactions."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from backends import only_on
from lumbar.ingest.records import ImportedSession, ImportedSet, SourceRef
from lumbar.store.engine import Journal, open_journal
from lumbar.store.entries import (
    ExerciseMatch,
    NewSession,
    add_session,
    get_session,
    replace_sets,
    session_key,
    sessions_between,
    update_session,
    write_sessions,
)
from lumbar.store.errors import ConflictError, JournalStoreError, NotFoundError
from lumbar.store.people import (
    add_person,
    choose_person,
    list_people,
    mappings,
    put_mapping,
    set_current_person,
    shoe_distance_km,
    shoe_named,
    shoes_of,
)
from lumbar.store.tables import SetRow
from lumbar.store.timestamps import dedupe_key, join_local, split_local

SOURCE = SourceRef("test", "test.csv", "row 2")
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 1, 1))


@given(moments, st.none() | offsets)
@settings(max_examples=200)
def test_a_time_split_into_wall_clock_and_offset_joins_back_to_itself(
    moment: dt.datetime, zone: dt.tzinfo | None
) -> None:
    value = moment.replace(tzinfo=zone)
    local, offset = split_local(value)
    assert local.tzinfo is None
    assert join_local(local, offset) == value
    assert join_local(local, offset).utcoffset() == value.utcoffset()


def test_the_same_instant_written_with_two_offsets_has_one_key() -> None:
    paris = dt.datetime(2025, 9, 23, 7, 48, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    utc = dt.datetime(2025, 9, 23, 5, 48, tzinfo=dt.UTC)
    assert session_key("running", paris) == session_key("running", utc)
    assert dedupe_key("running", *split_local(utc)) == "running@2025-09-23T05:48:00Z"


def test_a_naive_time_keeps_its_wall_clock_key() -> None:
    naive = dt.datetime(2025, 9, 23, 7, 48, 30, 123)
    assert session_key("strength", naive) == "strength@2025-09-23T07:48:30"


def _session(start: dt.datetime, type_: str = "strength", **extra: object) -> ImportedSession:
    return ImportedSession(start=start, type=type_, source=SOURCE, **extra)  # type: ignore[arg-type]


def test_a_second_session_of_the_same_type_at_the_same_instant_is_a_conflict(
    journal: Journal,
) -> None:
    start = dt.datetime(2025, 9, 23, 7, 48)
    with journal.writing() as db:
        person = add_person(db, "Ana")
        add_session(db, person.id, _session(start), [], source=SOURCE)
    with journal.writing() as db, pytest.raises(ConflictError, match="already has a strength"):
        add_session(db, person.id, _session(start), [], source=SOURCE)
    with journal.writing() as db:  # another type at the same time is another session
        add_session(db, person.id, _session(start, "running"), [], source=SOURCE)
    with journal.reading() as db:
        assert len(sessions_between(db)) == 2


def test_deleting_a_session_deletes_its_sets(journal: Journal) -> None:
    sets = (ImportedSet("Deadlift", reps=5, weight_kg=140.0), ImportedSet("Plank", duration_s=60))
    record = _session(dt.datetime(2025, 9, 23, 7, 48), sets=sets)
    matches = [ExerciseMatch("deadlift", "hinge"), ExerciseMatch()]
    with journal.writing() as db:
        person = add_person(db, "Ana")
        row = add_session(db, person.id, record, matches, source=SOURCE)
        assert [s.exercise for s in row.sets] == ["Deadlift", "Plank"]
        assert row.sets[0].exercise_id == "deadlift"
        assert row.sets[1].pattern is None
    with journal.writing() as db:
        db.delete(get_session(db, row.id))
    with journal.reading() as db:
        assert db.scalar(select(func.count()).select_from(SetRow)) == 0


def test_replacing_sets_renumbers_them_keeps_the_source_and_drops_the_old_rows(
    journal: Journal,
) -> None:
    old = (ImportedSet("Deadlift", reps=5, weight_kg=140.0, locator="row 3"),) * 3
    record = _session(dt.datetime(2025, 9, 23, 7, 48), sets=old)
    with journal.writing() as db:
        person = add_person(db, "Ana")
        row = add_session(db, person.id, record, [ExerciseMatch()] * 3, source=SOURCE)
    new = (ImportedSet("Plank", duration_s=60.0), ImportedSet("Squat", reps=8, weight_kg=60.0))
    with journal.writing() as db:
        replace_sets(
            db, get_session(db, row.id), new, [ExerciseMatch(), ExerciseMatch("sq", "squat")]
        )
    with journal.reading() as db:
        stored = db.scalars(select(SetRow).order_by(SetRow.position)).all()
        assert [(s.position, s.exercise, s.reps, s.duration_s) for s in stored] == [
            (0, "Plank", None, 60.0),
            (1, "Squat", 8, None),
        ]
        assert (stored[1].exercise_id, stored[1].pattern) == ("sq", "squat")
        session = get_session(db, row.id)
        assert (session.source_format, session.source_file) == ("test", "test.csv")
    with journal.writing() as db:
        replace_sets(db, get_session(db, row.id), (), ())
    with journal.reading() as db:
        assert db.scalar(select(func.count()).select_from(SetRow)) == 0


def test_sessions_between_reads_inclusive_local_days(journal: Journal) -> None:
    days = [dt.datetime(2025, 9, day, 23, 30) for day in (1, 2, 3)]
    with journal.writing() as db:
        person = add_person(db, "Ana")
        for start in days:
            add_session(db, person.id, _session(start), [], source=None)
    with journal.reading() as db:
        found = sessions_between(db, [person.id], dt.date(2025, 9, 2), dt.date(2025, 9, 3))
        assert [s.start_local for s in found] == days[1:]
        assert sessions_between(db, [person.id + 1]) == []


def test_editing_a_session_into_another_ones_slot_is_refused(journal: Journal) -> None:
    first, second = dt.datetime(2025, 9, 1, 8), dt.datetime(2025, 9, 2, 8)
    with journal.writing() as db:
        person = add_person(db, "Ana")
        add_session(db, person.id, _session(first), [], source=None)
        later = add_session(db, person.id, _session(second), [], source=None)
    with journal.writing() as db, pytest.raises(ConflictError):
        update_session(db, get_session(db, later.id), {"start": first})
    with journal.writing() as db:
        update_session(db, get_session(db, later.id), {"start": second, "rpe": 7.0})
    with journal.reading() as db:
        assert get_session(db, later.id).rpe == 7.0


def test_the_person_chosen_is_the_named_one_then_the_current_then_the_only_one(
    journal: Journal,
) -> None:
    with journal.writing() as db, pytest.raises(NotFoundError, match="no people yet"):
        choose_person(db, None)
    with journal.writing() as db:
        add_person(db, "Ana")
        assert choose_person(db, None).name == "Ana"
        add_person(db, "Bo")
        with pytest.raises(ConflictError, match="several people"):
            choose_person(db, None)
        set_current_person(db, "Bo")
        assert choose_person(db, None).name == "Bo"
        assert choose_person(db, "Ana").name == "Ana"
        with pytest.raises(NotFoundError, match="Ana, Bo"):
            choose_person(db, "Cy")
        with pytest.raises(ConflictError, match="already"):
            add_person(db, "Ana")


def test_shoe_kilometres_are_those_before_the_journal_plus_its_sessions(journal: Journal) -> None:
    runs = [(dt.datetime(2025, 9, day, 7), km) for day, km in ((1, 5.0), (3, 10.5), (5, 7.25))]
    with journal.writing() as db:
        person = add_person(db, "Ana")
        for start, km in runs:
            record = _session(start, "running", distance_km=km, shoe="Pegasus")
            add_session(db, person.id, record, [], source=None)
        shoe = shoe_named(db, person.id, "Pegasus", create=False)
        assert shoe is not None
        shoe.km_before = 300.0
    with journal.reading() as db:
        shoe = shoe_named(db, person.id, "Pegasus", create=False)
        assert shoe is not None
        assert shoe_distance_km(db, shoe) == pytest.approx(300.0 + 5.0 + 10.5 + 7.25)
        until = dt.datetime(2025, 9, 3, 7)
        assert shoe_distance_km(db, shoe, until=until) == pytest.approx(315.5)


def _add_then_fail(journal: Journal) -> None:
    with journal.writing() as db:
        add_person(db, "Ana")
        raise RuntimeError("stop")


def test_a_write_that_raises_leaves_nothing_behind(journal: Journal) -> None:
    with pytest.raises(RuntimeError):
        _add_then_fail(journal)
    with journal.reading() as db, pytest.raises(NotFoundError):
        choose_person(db, None)


def test_a_writer_kept_waiting_past_its_limit_is_refused_and_writes_nothing(
    journal: Journal, journal_url: str
) -> None:
    impatient = open_journal(journal_url, busy_timeout_s=0.3)
    try:
        with journal.writing() as db:
            add_person(db, "Ana")  # this writer now holds the journal
            waited = time.monotonic()
            with (
                pytest.raises(JournalStoreError, match=r"busy.*0\.3 s.*nothing was written"),
                impatient.writing() as other,
            ):
                add_person(other, "Bea")
            assert time.monotonic() - waited >= 0.25  # it did wait, then gave up
        # Once the first writer is done, the impatient one writes as usual.
        with impatient.writing() as other:
            add_person(other, "Cy")
    finally:
        impatient.close()
    with journal.reading() as db:
        assert [p.name for p in list_people(db)] == ["Ana", "Cy"]


def test_text_with_a_nul_character_is_refused_and_the_journal_stays_usable(
    journal: Journal,
) -> None:
    # PostgreSQL cannot store U+0000 in text; the store refuses it on every backend alike.
    with journal.writing() as db, pytest.raises(ConflictError, match="NUL"):
        add_person(db, "A\x00na")
    with journal.writing() as db:
        person = add_person(db, "Ana")
        row = add_session(db, person.id, _session(dt.datetime(2025, 9, 1, 8)), [], source=None)
        for refused in (
            lambda: shoe_named(db, person.id, "Pega\x00sus"),
            lambda: put_mapping(db, "zzyzx press", "Zzyzx\x00Press", None, "hinge"),
            lambda: update_session(db, row, {"notes": "felt\x00good"}),
        ):
            with pytest.raises(ConflictError, match="NUL"):
                refused()
        update_session(db, row, {"notes": "felt good"})
    with journal.reading() as db:
        assert [p.name for p in list_people(db)] == ["Ana"]
        assert get_session(db, row.id).notes == "felt good"
        assert shoe_named(db, person.id, "Pega\x00sus", create=False) is None


def test_shoes_and_mappings_are_listed_in_code_point_order_whatever_the_collation(
    journal: Journal,
) -> None:
    # An English collation puts "pegasus" before "Zoom" and "Ärger" before "pegasus";
    # SQLite compares code points. The journal lists them the same way on both.
    names = ["pegasus", "Zoom", "Ärger", "_trail", "a b", "ab", "Ab"]
    with journal.writing() as db:
        person = add_person(db, "Ana")
        for name in names:
            shoe_named(db, person.id, name)
            put_mapping(db, name.casefold() + " " + name, name, None, "hinge")
    with journal.reading() as db:
        assert [s.name for s in shoes_of(db, [person.id])] == sorted(names)
        keys = [m.key for m in mappings(db)]
        assert keys == sorted(n.casefold() + " " + n for n in names)


def test_values_come_back_exactly_as_stored(journal: Journal) -> None:
    offset = dt.timezone(dt.timedelta(hours=5, minutes=45))
    start = dt.datetime(2025, 3, 30, 2, 30, 15, 123456, tzinfo=offset)
    sets = (
        ImportedSet("Deadlift", reps=10_000, weight_kg=0.1 + 0.2, rpe=9.5, rir=0.0),
        ImportedSet("Plank", set_type="warmup", duration_s=1e-300, distance_km=123456.789),
    )
    record = _session(
        start,
        end=start + dt.timedelta(minutes=61, microseconds=1),
        duration_min=61.0,
        warm_up=False,
        cool_down=None,
        name="Ünïcode ☀️ 😀 and 'quotes' \"too\"",
        sets=sets,
    )
    with journal.writing() as db:
        person = add_person(db, "Ana", {"age": 34, "conditions": ["scoliosis"], "ratio": 0.1})
        row = add_session(db, person.id, record, [ExerciseMatch()] * 2, source=SOURCE)
    with journal.reading() as db:
        stored = get_session(db, row.id)
        assert join_local(stored.start_local, stored.start_offset_min) == start
        assert join_local(
            stored.start_local, stored.start_offset_min
        ).utcoffset() == offset.utcoffset(None)
        assert stored.end_local is not None
        assert join_local(stored.end_local, stored.end_offset_min) == record.end
        assert (stored.name, stored.warm_up, stored.cool_down) == (record.name, False, None)
        got = [(s.set_type, s.reps, s.weight_kg, s.rpe, s.rir, s.duration_s, s.distance_km)
               for s in stored.sets]  # fmt: skip
        assert got == [
            ("normal", 10_000, 0.1 + 0.2, 9.5, 0.0, None, None),
            ("warmup", None, None, None, None, 1e-300, 123456.789),
        ]
        assert choose_person(db, "Ana").profile == {
            "age": 34, "conditions": ["scoliosis"], "ratio": 0.1,
        }  # fmt: skip


def _add_bo_then_write(journal: Journal, person_id: int, item: NewSession) -> None:
    with journal.writing() as db:
        add_person(db, "Bo")
        write_sessions(db, person_id, [item])


def test_a_write_the_database_refuses_leaves_the_journal_unchanged_and_usable(
    journal: Journal,
) -> None:
    start = dt.datetime(2025, 9, 23, 7, 48)
    with journal.writing() as db:
        person = add_person(db, "Ana")
        add_session(db, person.id, _session(start), [], source=None)
    # write_sessions trusts its caller to skip duplicates: the unique key refuses this
    # one, and on PostgreSQL the error also aborts the transaction it happened in.
    duplicate = NewSession(
        _session(start, sets=(ImportedSet("Squat", reps=5),)), (ExerciseMatch(),), None
    )
    with pytest.raises(IntegrityError):
        _add_bo_then_write(journal, person.id, duplicate)
    with journal.writing() as db:
        add_person(db, "Cy")
    with journal.reading() as db:
        assert [p.name for p in list_people(db)] == ["Ana", "Cy"]
        assert len(sessions_between(db)) == 1
        assert db.scalar(select(func.count()).select_from(SetRow)) == 0


@only_on("sqlite")
def test_backup_copies_an_sqlite_journal(journal: Journal, tmp_path: Path) -> None:
    with journal.writing() as db:
        add_person(db, "Ana")
    copy = tmp_path / "copy.db"
    journal.backup(copy)
    other = open_journal(f"sqlite:///{copy}")
    try:
        with other.reading() as db:
            assert [p.name for p in list_people(db)] == ["Ana"]
    finally:
        other.close()


@only_on("postgres")
def test_backup_of_a_postgresql_journal_is_refused_naming_pg_dump(
    journal: Journal, tmp_path: Path
) -> None:
    with pytest.raises(JournalStoreError, match="pg_dump"):
        journal.backup(tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()
