"""The REST API of the journal: people, sessions and check-ins, and their refusals."""

from __future__ import annotations

SESSION = {
    "start": "2026-11-20T18:00:00+01:00",
    "type": "strength",
    "name": "Pull day",
    "rpe": 8,
    "duration_min": 55,
    "sets": [
        {"exercise": "Deadlift (Barbell)", "reps": 5, "weight_kg": 140},
        {"exercise": "Deadlift (Barbell)", "reps": 5, "weight_kg": 140},
    ],
}


def _with_person(client, name: str = "Ana") -> None:
    assert (
        client.post("/api/v1/people", json={"name": name, "profile": {"age": 34}}).status_code
        == 201
    )


def test_people_are_added_listed_and_chosen(client) -> None:
    first = client.post("/api/v1/people", json={"name": "Ana", "profile": {"age": 34}})
    assert first.status_code == 201
    assert first.json() == {"id": "1", "name": "Ana", "profile": {"age": 34}, "current": True}
    client.post("/api/v1/people", json={"name": "Bo"})
    assert [p["current"] for p in client.get("/api/v1/people").json()] == [True, False]
    chosen = client.put("/api/v1/people/current", json={"name": "Bo"})
    assert chosen.json()["current"] is True
    assert [p["current"] for p in client.get("/api/v1/people").json()] == [False, True]


def test_people_refusals_name_the_field(client) -> None:
    _with_person(client)
    assert client.post("/api/v1/people", json={"name": "Ana"}).status_code == 409
    bad = client.post("/api/v1/people", json={"name": "Cy", "profile": {"age": 200}})
    assert (bad.status_code, bad.json()["field"]) == (422, "profile.age")
    missing = client.post("/api/v1/people", json={"profile": {}})
    assert (missing.status_code, missing.json()["field"]) == (422, "name")
    unknown = client.put("/api/v1/people/current", json={"name": "Nobody"})
    assert unknown.status_code == 404


def test_a_session_goes_through_create_read_update_delete(client) -> None:
    _with_person(client)
    created = client.post("/api/v1/sessions", json=SESSION)
    assert created.status_code == 201
    doc = created.json()
    assert doc["start"] == "2026-11-20T18:00:00+01:00"
    assert [s["exercise"] for s in doc["sets"]] == ["Deadlift (Barbell)"] * 2
    assert doc["sets"][0]["pattern"] == "hinge"
    session_id = doc["id"]
    assert client.get(f"/api/v1/sessions/{session_id}").json() == doc
    changed = client.patch(f"/api/v1/sessions/{session_id}", json={"rpe": 9, "notes": None})
    assert (changed.json()["rpe"], changed.json()["name"]) == (9, "Pull day")
    listed = client.get("/api/v1/sessions", params={"from": "2026-11-20", "to": "2026-11-20"})
    assert [s["id"] for s in listed.json()] == [session_id]
    assert client.get("/api/v1/sessions", params={"from": "2026-11-21"}).json() == []
    assert client.delete(f"/api/v1/sessions/{session_id}").status_code == 204
    assert client.get(f"/api/v1/sessions/{session_id}").status_code == 404


def test_session_refusals(client) -> None:
    _with_person(client)
    client.post("/api/v1/sessions", json=SESSION)
    assert client.post("/api/v1/sessions", json=SESSION).status_code == 409  # same start
    too_hard = client.post("/api/v1/sessions", json={**SESSION, "rpe": 11})
    assert (too_hard.status_code, too_hard.json()["field"]) == (422, "rpe")
    ancient = client.post("/api/v1/sessions", json={**SESSION, "start": "1066-10-14T09:00:00"})
    assert (ancient.status_code, ancient.json()["field"]) == (422, "start")
    odd = client.post("/api/v1/sessions", json={**SESSION, "type": "jousting"})
    assert (odd.status_code, odd.json()["field"]) == (422, "type")
    no_type = client.patch("/api/v1/sessions/1", json={"type": None})
    assert no_type.status_code == 422
    assert client.patch("/api/v1/sessions/999", json={"rpe": 5}).status_code == 404
    assert client.delete("/api/v1/sessions/999").status_code == 404


def test_a_session_update_with_sets_replaces_them_and_keeps_the_rest(client) -> None:
    _with_person(client)
    doc = client.post("/api/v1/sessions", json=SESSION).json()
    path = f"/api/v1/sessions/{doc['id']}"
    sets = [
        {"exercise": "Back Squat", "set_type": "warmup", "reps": 8, "weight_kg": 60},
        {"exercise": "Back Squat", "reps": 5, "weight_kg": 100, "rpe": 8},
        {"exercise": "Zzyzx Press", "reps": 10},
    ]
    changed = client.patch(path, json={"sets": sets, "rpe": 7})
    assert changed.status_code == 200, changed.text
    new = changed.json()
    got = [(s["exercise"], s["set_type"], s["reps"], s["weight_kg"], s["rpe"]) for s in new["sets"]]
    assert got == [
        ("Back Squat", "warmup", 8, 60.0, None),
        ("Back Squat", "normal", 5, 100.0, 8.0),
        ("Zzyzx Press", "normal", 10, None, None),
    ]
    assert new["sets"][0]["pattern"] == "squat"  # matched as when logging
    assert new["sets"][2]["pattern"] is None
    assert {**new, "sets": None, "rpe": None} == {**doc, "sets": None, "rpe": None}
    assert client.get(path).json() == new
    # Without "sets" the sets stay; with null or [] they go.
    assert client.patch(path, json={"name": "Legs"}).json()["sets"] == new["sets"]
    assert client.patch(path, json={"sets": None}).json()["sets"] == []
    client.patch(path, json={"sets": sets})
    assert client.patch(path, json={"sets": []}).json()["sets"] == []


def test_a_session_update_with_a_bad_set_names_it_and_changes_nothing(client) -> None:
    _with_person(client)
    doc = client.post("/api/v1/sessions", json=SESSION).json()
    path = f"/api/v1/sessions/{doc['id']}"
    bad = client.patch(path, json={"rpe": 3, "sets": [{"exercise": "Squat", "reps": -1}]})
    assert (bad.status_code, bad.json()["field"]) == (
        422,
        "sets.0.reps",
    )  # as the create refuses it
    assert client.get(path).json() == doc


def test_sessions_need_someone_to_belong_to(client) -> None:
    response = client.post("/api/v1/sessions", json=SESSION)
    assert (response.status_code, response.json()["field"]) == (404, "person")


def test_a_check_in_is_assessed_with_the_journal_and_stored(client) -> None:
    _with_person(client)
    session_id = int(client.post("/api/v1/sessions", json=SESSION).json()["id"])
    body = {"checkin": {"date": "2026-11-21", "pain": {"nrs": 4}}, "after_session": session_id}
    created = client.post("/api/v1/checkins", json=body)
    assert created.status_code == 201
    doc = created.json()
    assert doc["checkin"]["workout"]["exercises"] == ["Deadlift (Barbell)"]
    assert doc["checkin"]["profile"] == {"age": 34}
    assert doc["assessment"]["contract"] == "lumbar.assessment/1"
    checkin_id = doc["id"]
    changed = client.patch(f"/api/v1/checkins/{checkin_id}", json={"pain": {"nrs": 8}})
    assert changed.json()["assessment"]["triage"]["level"] == "see_clinician"
    assert [c["id"] for c in client.get("/api/v1/checkins").json()] == [checkin_id]
    assert client.delete(f"/api/v1/checkins/{checkin_id}").status_code == 204
    assert client.get(f"/api/v1/checkins/{checkin_id}").status_code == 404


def test_check_in_refusals_name_the_contract_field(client) -> None:
    _with_person(client)
    bad = client.post("/api/v1/checkins", json={"checkin": {"pain": {"nrs": 11}}})
    assert (bad.status_code, bad.json()["field"]) == (422, "pain.nrs")
    created = client.post("/api/v1/checkins", json={"checkin": {"pain": {"nrs": 2}}}).json()
    patch = client.patch(f"/api/v1/checkins/{created['id']}", json={"pain": {"trend": "up"}})
    assert (patch.status_code, patch.json()["field"]) == (422, "pain.trend")
    removed = client.patch(f"/api/v1/checkins/{created['id']}", json={"pain": {"nrs": None}})
    assert removed.status_code == 422
    body = {"checkin": {"pain": {"nrs": 2}}, "after_session": 999}
    assert client.post("/api/v1/checkins", json=body).status_code == 404


def test_the_insights_endpoint_answers_the_insights_page_model(client) -> None:
    assert client.get("/api/v1/insights").status_code == 404
    _with_person(client)
    client.post("/api/v1/sessions", json=SESSION)
    insights = client.get("/api/v1/insights", params={"on": "2026-11-25"}).json()
    assert insights["person"] == "Ana"
    assert insights["sessions"] == 1
    assert insights["on"] == "2026-11-25"
    assert client.get("/api/v1/insights").json() == client.get("/insights.json").json()
