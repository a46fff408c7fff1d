"""The check-in page: warning signs first, the live alert, the result, and refusals."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
import yaml

TRIAGE = yaml.safe_load(files("lumbar.knowledge").joinpath("triage.yaml").read_text("utf-8"))


def _symptom_order(html: str) -> list[str]:
    return re.findall(r'name="symptoms" value="([a-z_]+)"', html)


def _form(token: str, **fields: str | list[str]) -> dict[str, str | list[str]]:
    return {"csrf_token": token, **{k.replace("__", "."): v for k, v in fields.items()}}


def test_the_emergency_signs_are_asked_first_in_the_order_of_the_knowledge(client) -> None:
    html = client.get("/checkin").text
    asked = _symptom_order(html)
    emergency = [k for k, v in TRIAGE["symptoms"].items() if v["tier"] == "emergency"]
    assert asked[: len(emergency)] == emergency
    assert set(asked) == set(TRIAGE["symptoms"])
    # The signs come before the pain score in the page.
    assert html.index('value="saddle_numbness"') < html.index('name="pain.nrs"')


def test_every_control_of_the_form_has_a_label(client) -> None:
    html = client.get("/checkin").text
    ids = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    assert ids, "the form has controls"
    assert [i for i in ids if i not in labelled] == []


def test_a_full_check_in_of_next_day_aching_ends_in_self_care(client, token) -> None:
    form = _form(
        token,
        symptoms_none="1",
        pain__nrs="3",
        pain__days_since_onset="1",
        pain__onset="next_day",
        pain__quality=["aching", "stiff"],
        pain__side="both",
        pain__spread="diffuse",
        pain__radiates_to="none",
        pain__trend="improving",
        pain__worse_at_night="no",
        workout__type="strength",
        workout__exercises="Back squat, Deadlift",
        workout__warm_up="yes",
        workout__cool_down="no",
        profile__age="30",
        profile__conditions_none="1",
    )
    response = client.post("/checkin", data=form)
    assert response.status_code == 200
    html = response.text
    assert 'class="banner banner--self_care"' in html
    assert TRIAGE["headlines"]["self_care"]["soreness"] in html
    assert "Delayed-onset muscle soreness" in html
    # No cool-down logged: the cause is listed with a link to its sources.
    assert "inadequate" in html.lower() or "cool-down" in html
    assert re.search(r'href="/sources#src-[a-z0-9_]+"', html)


def test_saddle_numbness_puts_the_emergency_advice_before_anything_else(client, token) -> None:
    form = _form(token, symptoms="saddle_numbness", pain__nrs="5")
    html = client.post("/checkin", data=form).text
    main = html[html.index('<main id="main"') :]
    first_section = re.search(r'<section class="([^"]+)"', main)
    assert first_section is not None
    assert first_section.group(1) == "banner banner--emergency"
    assert TRIAGE["headlines"]["emergency"] in main
    assert main.index("banner--emergency") < main.index("What kind of pain it looks like")
    assert "The rest of the plan waits" in main


@pytest.mark.parametrize(
    ("ticked", "level"),
    [("saddle_numbness", "emergency"), ("chest_pain", "emergency"), ("fever", "urgent")],
)
def test_ticking_a_red_flag_answers_its_advice_at_once(client, token, ticked, level) -> None:
    response = client.post("/checkin/flags", data=_form(token, symptoms=ticked))
    assert response.status_code == 200
    assert f"banner--{level}" in response.text
    assert TRIAGE["headlines"][level] in response.text
    assert 'role="alert"' in response.text


def test_fever_with_leg_weakness_is_an_emergency_in_the_live_alert(client, token) -> None:
    form = _form(token, symptoms=["fever", "leg_weakness"])
    assert "banner--emergency" in client.post("/checkin/flags", data=form).text


@pytest.mark.parametrize("ticked", [[], ["numbness_leg"], ["morning_stiffness"]])
def test_signs_below_urgent_show_no_live_alert(client, token, ticked) -> None:
    response = client.post("/checkin/flags", data=_form(token, symptoms=ticked))
    assert response.status_code == 200
    assert response.text.strip() == ""


def test_the_live_alert_reads_a_half_filled_form_with_bad_numbers(client, token) -> None:
    form = _form(token, symptoms="bladder_dysfunction", profile__age="7", workout__rpe="lots")
    assert "banner--emergency" in client.post("/checkin/flags", data=form).text


def test_a_check_in_without_a_pain_score_is_refused_and_keeps_the_answers(client, token) -> None:
    form = _form(token, symptoms="fever", pain__onset="next_day")
    response = client.post("/checkin", data=form)
    assert response.status_code == 422
    html = response.text
    assert "Please check pain.nrs" in html
    assert re.search(r'value="fever" checked', html)
    assert re.search(r'id="pain.onset-next_day" name="pain.onset" value="next_day" checked', html)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("pain.onset", "sideways", "pain.onset"),
        ("profile.age", "7", "profile.age"),
        ("workout.rpe", "hard", "workout.rpe"),
        ("pain.days_since_onset", "nan", "pain.days_since_onset"),
    ],
)
def test_a_bad_value_is_refused_naming_its_input(client, token, field, value, expected) -> None:
    response = client.post("/checkin", data={"csrf_token": token, "pain.nrs": "3", field: value})
    assert response.status_code == 422
    assert f"Please check {expected}" in response.text


def test_a_script_in_an_exercise_name_is_shown_as_text(client, token) -> None:
    evil = "<script>alert('x')</script>"
    form = _form(token, pain__nrs="4", workout__exercises=evil, workout__rpe="way too hard")
    html = client.post("/checkin", data=form).text  # refused: the form is shown again
    assert evil not in html
    assert "&lt;script&gt;" in html


def test_the_form_has_a_json_variant_from_the_same_view_model(client) -> None:
    page = client.get("/checkin.json").json()
    emergency = [k for k, v in TRIAGE["symptoms"].items() if v["tier"] == "emergency"]
    assert [s["id"] for s in page["emergency_signs"]] == emergency
    assert {c["value"] for c in page["choices"]["pain.side"]} == {
        "both",
        "left",
        "right",
        "central",
    }


@pytest.mark.parametrize("path", ["/checkin", "/sources", "/about", "/no-such-page"])
def test_every_page_says_lumbar_is_not_a_diagnosis_and_when_to_call(client, path) -> None:
    html = client.get(path).text
    assert "lumbar is not a diagnosis" in html
    assert "999" in html
    assert "112" in html
