"""Correcting a stored check-in: the form shows every answer it holds, and saving
replaces them (an answer cleared becomes not known) and assesses it again."""

from __future__ import annotations

import html
import re
from typing import Any

from hypothesis import given, settings

from checkin_strategies import checkins
from lumbar.web.checkin_form import exercise_names, read_checkin, values_of


def _without_empty(checkin: dict[str, Any]) -> dict[str, Any]:
    """``checkin`` as a form can say it: an empty word list or an empty part is no answer."""
    out: dict[str, Any] = {}
    for key, value in checkin.items():
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not (k != "conditions" and v == [])}
            if not value:
                continue
        out[key] = value
    return out


@settings(max_examples=150, deadline=None)
@given(checkins)
def test_the_form_values_of_a_check_in_read_back_to_the_same_check_in(checkin) -> None:
    document = {**checkin, "date": "2026-11-20"}
    assert read_checkin(values_of(document)) == _without_empty(document)


def test_a_comma_inside_brackets_stays_in_its_exercise_name() -> None:
    text = " Bench Press (Dumbbell, Incline), RDL,, Row (Cable, wide grip)  , "
    assert exercise_names(text) == [
        "Bench Press (Dumbbell, Incline)",
        "RDL",
        "Row (Cable, wide grip)",
    ]


def _save(client, token, **fields: str) -> int:
    client.post("/people", data={"csrf_token": token, "name": "Ana"})
    form = {"csrf_token": token, "date": "2026-11-20", **fields}
    text = client.post("/checkin", data=form).text
    return int(re.search(r"check-in (\d+)\)", text).group(1))


FULL = {
    "pain.nrs": "4",
    "pain.onset": "during_workout",
    "pain.quality": "sharp",
    "symptoms_none": "1",
    "workout.type": "strength",
    "workout.exercises": "Deadlift, Back Squat",
    "workout.warm_up": "no",
    "workout.rpe": "8",
    "profile.age": "41",
}


def test_the_correction_form_holds_every_stored_answer(client, token) -> None:
    checkin_id = _save(client, token, **FULL)
    page = html.unescape(client.get(f"/journal/checkins/{checkin_id}").text)
    form = page[page.index('id="edit-title"') :]
    assert re.search(r'name="pain.onset" value="during_workout"[^>]* checked', form)
    assert re.search(r'name="pain.quality" value="sharp"[^>]* checked', form)
    assert re.search(r'name="symptoms_none" value="1" checked', form)
    assert 'value="Deadlift, Back Squat"' in form
    assert re.search(r'name="workout.warm_up" value="no"[^>]* checked', form)
    assert re.search(r'id="workout.rpe"[^>]*value="8"', form)
    assert re.search(r'id="profile.age"[^>]*value="41"', form)


def test_a_red_flag_added_in_a_correction_makes_the_check_in_an_emergency(client, token) -> None:
    checkin_id = _save(client, token, **FULL)
    location = f"/journal/checkins/{checkin_id}"
    assert client.get(location + ".json").json()["result"]["level"] != "emergency"
    corrected = {**FULL, "symptoms_none": "", "symptoms": "saddle_numbness"}
    response = client.post(location, data={"csrf_token": token, **corrected})
    assert response.status_code == 200  # followed the redirect to the detail page
    detail = client.get(location + ".json").json()
    assert detail["result"]["level"] == "emergency"
    assert detail["checkin"]["symptoms"] == ["saddle_numbness"]


def test_answers_cleared_in_a_correction_become_not_known(client, token) -> None:
    checkin_id = _save(client, token, **FULL)
    location = f"/journal/checkins/{checkin_id}"
    only_pain = {"pain.nrs": "4"}  # the workout, the signs and the profile emptied
    client.post(location, data={"csrf_token": token, **only_pain})
    document = client.get(f"/api/v1/checkins/{checkin_id}").json()
    stored = document["checkin"]
    assert stored["pain"] == {"nrs": 4}
    assert "workout" not in stored and "symptoms" not in stored and "profile" not in stored
    assert stored["date"] == "2026-11-20"  # the day was left empty: it is kept
    assert "symptoms" in document["assessment"]["not_asked"]


def test_a_refused_correction_keeps_what_was_entered_and_changes_nothing(client, token) -> None:
    checkin_id = _save(client, token, **FULL)
    location = f"/journal/checkins/{checkin_id}"
    before = client.get(f"/api/v1/checkins/{checkin_id}").json()
    bad = {**FULL, "workout.rpe": "11", "workout.exercises": "Kettlebell Swing"}
    response = client.post(location, data={"csrf_token": token, **bad})
    assert response.status_code == 422
    assert "workout.rpe" in response.text
    assert 'value="Kettlebell Swing"' in html.unescape(response.text)
    assert client.get(f"/api/v1/checkins/{checkin_id}").json() == before


def test_the_api_replaces_a_check_ins_workout_and_reassesses(client, token) -> None:
    checkin_id = _save(client, token, **FULL)
    url = f"/api/v1/checkins/{checkin_id}"
    running = {"type": "running", "surface": "concrete", "shoe_km": 900}
    changed = client.patch(url, json={"workout": running}).json()
    assert changed["checkin"]["workout"] == running
    causes = {c["id"] for c in changed["assessment"]["causes"]}
    assert "high_impact" in causes
    removed = client.patch(url, json={"workout": None}).json()
    assert "workout" not in removed["checkin"]
