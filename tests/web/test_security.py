"""Each refusal of the guard: foreign Host, cross-site requests, missing tokens, oversize bodies."""

from __future__ import annotations

import re

import pytest

from lumbar.web.security import CSP


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:8000", "localhost.evil.example"])
def test_a_foreign_host_header_is_refused(client, host) -> None:
    for path in ("/checkin", "/api/v1/health"):
        response = client.get(path, headers={"host": host})
        assert response.status_code == 403, path
    api = client.get("/api/v1/health", headers={"host": host})
    assert api.json()["field"] == "host"


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "192.168.1.20:8000"]
)
def test_loopback_names_and_ip_addresses_are_served(client, host) -> None:
    assert client.get("/api/v1/health", headers={"host": host}).status_code == 200


def test_a_name_the_person_allowed_is_served(client_with) -> None:
    client = client_with(allowed_hosts=("lumbar.home.arpa",))
    assert (
        client.get("/api/v1/health", headers={"host": "lumbar.home.arpa:8000"}).status_code == 200
    )
    assert client.get("/api/v1/health", headers={"host": "other.home.arpa"}).status_code == 403


def test_a_cross_site_form_post_is_refused_and_changes_nothing(client, token) -> None:
    form = {"csrf_token": token, "pain.nrs": "3", "symptoms_none": "1"}
    response = client.post("/checkin", data=form, headers={"origin": "http://evil.example"})
    assert response.status_code == 403
    assert "cross-site" in response.text
    response = client.post("/checkin", data=form, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_a_form_post_without_the_token_is_refused(client, token) -> None:
    response = client.post("/checkin", data={"pain.nrs": "3"})
    assert response.status_code == 403
    response = client.post("/checkin", data={"csrf_token": "guess", "pain.nrs": "3"})
    assert response.status_code == 403
    response = client.post("/checkin", data={"csrf_token": token, "pain.nrs": "3"})
    assert response.status_code == 200


def test_a_multipart_form_carries_the_token_as_its_first_field(client, token) -> None:
    parts = {"csrf_token": (None, token), "pain.nrs": (None, "2")}
    assert client.post("/checkin", files=parts).status_code == 200
    late = {"pain.nrs": (None, "2"), "csrf_token": (None, token)}
    assert client.post("/checkin", files=late).status_code == 403


def test_the_token_may_come_in_a_header(client, token) -> None:
    response = client.post("/checkin", data={"pain.nrs": "3"}, headers={"x-csrf-token": token})
    assert response.status_code == 200


def test_a_same_origin_request_from_the_page_is_accepted(client, token) -> None:
    headers = {"origin": "http://localhost", "sec-fetch-site": "same-origin"}
    response = client.post("/checkin", data={"csrf_token": token, "pain.nrs": "1"}, headers=headers)
    assert response.status_code == 200


def test_json_api_calls_from_another_origin_are_refused(client) -> None:
    response = client.post(
        "/api/v1/assessments", json={"pain": {"nrs": 3}}, headers={"origin": "http://evil.example"}
    )
    assert response.status_code == 403
    assert response.json()["field"] == "origin"


def test_a_body_over_the_cap_is_refused(client_with, token) -> None:
    client = client_with(max_upload_bytes=1000)
    big = {"csrf_token": token, "pain.nrs": "3", "padding": "x" * 2000}
    response = client.post("/checkin", data=big)
    assert response.status_code == 413
    streamed = client.post(
        "/api/v1/assessments",
        content=iter([b'{"pain": {"nrs": 3}, "x": "', b"y" * 1500, b'"}']),
        headers={"content-type": "application/json"},
    )
    assert streamed.status_code == 413
    assert streamed.json()["error"] == "too_large"


def test_every_response_carries_the_security_headers(client) -> None:
    for path in ("/checkin", "/api/v1/health", "/static/css/lumbar.css", "/nope"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
    assert client.get("/checkin").headers["cache-control"] == "no-store"


def test_the_content_security_policy_allows_no_inline_or_eval_script() -> None:
    script = re.search(r"script-src ([^;]+)", CSP)
    assert script is not None
    assert script.group(1) == "'self'"
    assert "unsafe" not in CSP
    assert "frame-ancestors 'none'" in CSP


def test_pages_hold_no_inline_script_or_style(client) -> None:
    for path in ("/checkin", "/sources", "/about"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html), path
        assert " style=" not in html
        assert not re.search(r"\son[a-z]+=", html), path


SCRIPT = "<script>alert('lumbar')</script>"
IMAGE = '<img src=x onerror="alert(1)">'


def test_a_script_in_an_exercise_name_or_a_note_renders_inert(client) -> None:
    client.post("/api/v1/people", json={"name": f"Ana {SCRIPT}"})
    session = {
        "start": "2026-11-20T18:00:00",
        "type": "strength",
        "name": IMAGE,
        "notes": SCRIPT,
        "sets": [{"exercise": SCRIPT, "reps": 5}, {"exercise": IMAGE, "reps": 5}],
    }
    session_id = client.post("/api/v1/sessions", json=session).json()["id"]
    checkin = {
        "checkin": {"date": "2026-11-21", "pain": {"nrs": 5}},
        "after_session": int(session_id),
    }
    checkin_id = client.post("/api/v1/checkins", json=checkin).json()["id"]
    pages = [
        "/",
        "/journal",
        f"/journal/sessions/{session_id}",
        f"/journal/checkins/{checkin_id}",
        "/insights",
        "/plan",
        "/people",
        "/checkin",
    ]
    for path in pages:
        html = client.get(path).text
        assert SCRIPT not in html, path
        assert "<img src=x" not in html, path
    journal = client.get("/journal").text
    assert "&lt;script&gt;alert(" in journal
    # In a chart's JSON block the name is escaped too, so that it cannot end the block.
    dashboard = client.get("/").text
    for block in re.findall(
        r'<script type="application/json"[^>]*>(.*?)</script>', dashboard, re.S
    ):
        assert "<" not in block
