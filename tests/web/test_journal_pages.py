"""The People and Journal pages: adding, switching, logging, editing, deleting, filtering."""

from __future__ import annotations

import html
import re

from sqlalchemy.engine import make_url

from backends import only_on
from lumbar.web import WebSettings, create_app


def _add_person(client, token, name: str, **profile: str) -> object:
    data = {"csrf_token": token, "name": name, **{f"profile.{k}": v for k, v in profile.items()}}
    return client.post("/people", data=data, follow_redirects=False)


def _log(client, token, start: str, exercises: str = "", **fields: str) -> object:
    data = {"csrf_token": token, "start": start, "type": "strength", "exercises": exercises}
    return client.post("/journal/sessions", data={**data, **fields}, follow_redirects=False)


def test_pages_that_need_a_person_say_so_on_an_empty_journal(client) -> None:
    for path in ("/journal", "/insights"):
        response = client.get(path)
        assert response.status_code == 200
        assert "Whose journal?" in response.text
    assert client.get("/journal.json").status_code == 404
    assert client.get("/dashboard.json").json()["person"] is None


def test_the_first_person_added_becomes_current(client, token) -> None:
    response = _add_person(client, token, "Ana", age="34", sex="female")
    assert response.status_code == 303
    page = client.get("/people.json").json()
    assert page["current"] == "Ana"
    assert page["people"][0]["profile"] == {"age": 34, "sex": "female"}
    assert "Journal of <strong>Ana</strong>" in client.get("/checkin").text


def test_a_taken_name_or_a_bad_age_is_refused_with_the_form_kept(client, token) -> None:
    _add_person(client, token, "Ana")
    taken = _add_person(client, token, "Ana")
    assert taken.status_code == 422
    assert "already a person called" in taken.text
    young = _add_person(client, token, "Bo", age="5")
    assert young.status_code == 422
    assert "profile.age" in young.text
    assert 'value="Bo"' in young.text
    assert [p["name"] for p in client.get("/people.json").json()["people"]] == ["Ana"]


def test_switching_person_changes_whose_journal_is_shown(client, token) -> None:
    _add_person(client, token, "Ana")
    _add_person(client, token, "Bo")
    people = client.get("/people.json").json()["people"]
    bo = next(p for p in people if p["name"] == "Bo")
    response = client.post(f"/people/{bo['id']}/use", data={"csrf_token": token})
    assert response.status_code == 200  # redirected to the dashboard
    assert client.get("/journal.json").json()["person"] == "Bo"


def test_logging_a_session_by_hand_stores_its_sets(client, token) -> None:
    _add_person(client, token, "Ana")
    response = _log(client, token, "2026-11-20T18:00", "Deadlift: 3x5@140\nPlank: 2x60s", rpe="8")
    assert response.status_code == 303
    detail = client.get(response.headers["location"] + ".json").json()
    assert detail["rpe"] == 8
    assert [s["exercise"] for s in detail["sets"]] == ["Deadlift"] * 3 + ["Plank"] * 2
    assert detail["sets"][0]["weight_kg"] == 140
    assert detail["source"] == "logged by hand"


def test_a_session_form_with_a_bad_value_is_shown_again(client, token) -> None:
    _add_person(client, token, "Ana")
    response = _log(client, token, "2026-11-20T18:00", "Deadlift: lots", rpe="8")
    assert response.status_code == 422
    assert "Please check exercises" in response.text
    response = _log(client, token, "2026-11-20T18:00", rpe="12")
    assert response.status_code == 422
    assert "Please check rpe" in response.text
    assert client.get("/journal.json").json()["total_sessions"] == 0


def test_editing_and_deleting_a_session(client, token) -> None:
    _add_person(client, token, "Ana")
    location = _log(client, token, "2026-11-20T18:00", "Squat: 5x5@100").headers["location"]
    edit = {
        "csrf_token": token,
        "start": "2026-11-20T18:30",
        "type": "strength",
        "rpe": "7",
        "notes": "felt heavy",
        "warm_up": "yes",
    }
    assert client.post(location, data=edit, follow_redirects=False).status_code == 303
    detail = client.get(location + ".json").json()
    assert (detail["rpe"], detail["notes"], detail["warm_up"]) == (7, "felt heavy", True)
    assert detail["start"].startswith("2026-11-20T18:30")
    assert len(detail["sets"]) == 5  # the sets are kept
    bad = client.post(location, data={**edit, "rpe": "eleven"})
    assert bad.status_code == 422
    deleted = client.post(location + "/delete", data={"csrf_token": token}, follow_redirects=False)
    assert deleted.status_code == 303
    assert client.get(location).status_code == 404


def test_the_journal_filters_by_dates(client, token) -> None:
    _add_person(client, token, "Ana")
    for day in ("2026-01-05", "2026-02-10", "2026-03-15"):
        _log(client, token, f"{day}T07:00")
    page = client.get("/journal.json?from=2026-02-01&to=2026-02-28").json()
    assert [s["start"][:10] for s in page["sessions"]] == ["2026-02-10"]
    assert page["total_sessions"] == 1
    everything = client.get("/journal.json").json()
    assert [s["start"][:10] for s in everything["sessions"]] == [
        "2026-03-15",
        "2026-02-10",
        "2026-01-05",
    ]
    assert client.get("/journal.json?from=2026-02-30").status_code == 422


def test_a_check_in_is_saved_edited_and_deleted(client, token) -> None:
    _add_person(client, token, "Ana", age="30")
    form = {"csrf_token": token, "pain.nrs": "3", "symptoms_none": "1", "date": "2026-11-20"}
    result = client.post("/checkin", data=form)
    assert "Saved in Ana's journal" in result.text
    checkin_id = int(re.search(r"check-in (\d+)\)", result.text).group(1))
    page = client.get("/journal.json").json()
    assert [(c["id"], c["nrs"]) for c in page["checkins"]] == [(checkin_id, 3)]
    location = f"/journal/checkins/{checkin_id}"
    edit = {"csrf_token": token, "date": "2026-11-20", "pain.nrs": "8"}
    assert client.post(location, data=edit, follow_redirects=False).status_code == 303
    detail = client.get(location + ".json").json()
    assert detail["nrs"] == 8
    assert detail["result"]["level"] == "see_clinician"  # nrs 7 or more, re-assessed
    assert client.post(location, data={**edit, "pain.nrs": "11"}).status_code == 422
    client.post(location + "/delete", data={"csrf_token": token})
    assert client.get("/journal.json").json()["checkins"] == []


def test_a_check_in_after_a_journal_session_takes_its_workout(client, token) -> None:
    _add_person(client, token, "Ana")
    session_id = (
        _log(client, token, "2026-11-19T18:00", "Deadlift: 3x5@140")
        .headers["location"]
        .rsplit("/", 1)[1]
    )
    form = {
        "csrf_token": token,
        "pain.nrs": "4",
        "date": "2026-11-20",
        "workout.session": session_id,
    }
    html = client.post("/checkin", data=form).text
    checkin_id = re.search(r"check-in (\d+)\)", html).group(1)
    stored = client.get(f"/api/v1/checkins/{checkin_id}").json()
    assert stored["checkin"]["workout"]["exercises"] == ["Deadlift"]


def test_editing_a_session_keeps_its_utc_offset_and_seconds(client, token) -> None:
    client.post("/api/v1/people", json={"name": "Ana"})
    session = {"start": "2026-11-20T07:48:31+02:00", "type": "running", "distance_km": 5}
    session_id = client.post("/api/v1/sessions", json=session).json()["id"]
    location = f"/journal/sessions/{session_id}"
    form = {"csrf_token": token, "start": "2026-11-20T07:48", "type": "running", "rpe": "6"}
    client.post(location, data=form)
    assert client.get(f"/api/v1/sessions/{session_id}").json()["start"] == session["start"]
    client.post(location, data={**form, "start": "2026-11-20T08:15"})
    moved = client.get(f"/api/v1/sessions/{session_id}").json()
    assert moved["start"] == "2026-11-20T08:15:00+02:00"
    assert moved["rpe"] == 6


def _shown_sets(client, location: str) -> str:
    """The text of the edit form's sets box, as a browser would send it back."""
    found = re.search(
        r'<textarea id="exercises"[^>]*>(.*?)</textarea>', client.get(location).text, re.S
    )
    assert found is not None
    return html.unescape(found.group(1))


def _edit_form(token: str, detail: dict, exercises: str) -> dict[str, str]:
    return {
        "csrf_token": token,
        "start": detail["start"][:16],
        "type": detail["type"],
        "rpe": "" if detail["rpe"] is None else str(detail["rpe"]),
        "exercises": exercises,
    }


def _loads(detail: dict) -> list[tuple]:
    return [(s["exercise"], s["reps"], s["weight_kg"], s["duration_s"]) for s in detail["sets"]]


def test_the_session_edit_form_shows_the_sets_and_saves_changed_ones(client, token) -> None:
    _add_person(client, token, "Ana")
    typed = "Deadlift: 1x5@100, 3x5@140\nPlank: 2x60s"
    location = _log(client, token, "2026-11-20T18:00", typed, rpe="8").headers["location"]
    before = client.get(location + ".json").json()
    shown = _shown_sets(client, location)
    assert shown.splitlines() == typed.splitlines()
    # Sent back as shown (a browser sends CRLF), the sets are what they were.
    again = _edit_form(token, before, shown.replace("\n", "\r\n"))
    assert client.post(location, data=again, follow_redirects=False).status_code == 303
    assert client.get(location + ".json").json()["sets"] == before["sets"]

    changed = _edit_form(token, before, "Back Squat: 2x3@120\nZzyzx Press: 1x10")
    assert client.post(location, data=changed, follow_redirects=False).status_code == 303
    after = client.get(location + ".json").json()
    assert _loads(after) == [
        ("Back Squat", 3, 120.0, None),
        ("Back Squat", 3, 120.0, None),
        ("Zzyzx Press", 10, None, None),
    ]
    assert [s["pattern"] for s in after["sets"]] == ["squat", "squat", None]
    assert (after["rpe"], after["source"]) == (8, before["source"])
    assert _shown_sets(client, location).splitlines() == [
        "Back Squat: 2x3@120",
        "Zzyzx Press: 1x10",
    ]

    cleared = _edit_form(token, before, "")
    assert client.post(location, data=cleared, follow_redirects=False).status_code == 303
    assert client.get(location + ".json").json()["sets"] == []


def test_a_bad_set_line_in_the_edit_form_is_shown_again_and_changes_nothing(client, token) -> None:
    _add_person(client, token, "Ana")
    location = _log(client, token, "2026-11-20T18:00", "Squat: 5x5@100").headers["location"]
    before = client.get(location + ".json").json()
    bad = client.post(location, data={**_edit_form(token, before, "Squat: lots"), "rpe": "6"})
    assert bad.status_code == 422
    assert "Please check exercises" in bad.text
    assert client.get(location + ".json").json() == before


def test_sets_the_form_cannot_say_survive_saving_other_fields(client, token) -> None:
    client.post("/api/v1/people", json={"name": "Ana"})
    sets = [
        {"exercise": "Back Squat", "set_type": "warmup", "reps": 8, "weight_kg": 60},
        {"exercise": "Back Squat", "reps": 5, "weight_kg": 100, "rpe": 8},
    ]
    body = {"start": "2026-11-20T18:00:00", "type": "strength", "sets": sets}
    session_id = client.post("/api/v1/sessions", json=body).json()["id"]
    location = f"/journal/sessions/{session_id}"
    before = client.get(location + ".json").json()
    assert before["exercises_exact"] is False
    assert "which a change would drop" in client.get(location).text
    form = {**_edit_form(token, before, _shown_sets(client, location)), "rpe": "7"}
    assert client.post(location, data=form, follow_redirects=False).status_code == 303
    after = client.get(location + ".json").json()
    assert after["rpe"] == 7
    assert after["sets"] == before["sets"]


@only_on("postgres")
def test_a_stopped_app_has_given_its_database_connections_back(
    journal_db, postgres_server, token
) -> None:
    from starlette.testclient import TestClient  # conftest imported it, warnings handled

    database = make_url(journal_db).database

    def connections() -> int:
        with postgres_server.connect(database) as probe:
            query = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> %s"
            found = probe.execute(query, (database, probe.info.backend_pid)).fetchone()
            return int(found[0])

    app = create_app(WebSettings(db=journal_db), csrf_token=token)
    with TestClient(app, base_url="http://localhost") as client:
        assert client.post("/people", data={"csrf_token": token, "name": "Ana"}).is_success
        assert connections() >= 1  # the running app keeps the journal open
    assert connections() == 0
