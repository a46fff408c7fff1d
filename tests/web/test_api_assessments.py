"""POST /api/v1/assessments: the contract over HTTP, the public vignettes, and its refusals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from lumbar import assess

VIGNETTES = Path(__file__).resolve().parents[2].parent / "shared" / "vignettes" / "public.jsonl"


def _vignettes() -> list[dict[str, Any]]:
    lines = VIGNETTES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("vignette", _vignettes(), ids=lambda v: v["id"])
def test_public_vignette_gets_its_expected_level_through_the_api(client, vignette) -> None:
    response = client.post("/api/v1/assessments", json=vignette["input"])
    assert response.status_code == 200, response.text
    answer = response.json()
    expect = vignette["expect"]
    assert answer["contract"] == "lumbar.assessment/1"
    assert answer["triage"]["level"] == expect["level"], vignette["description"]
    if "pattern" in expect:
        assert answer["pattern"] == expect["pattern"]
    causes = {c["id"] for c in answer["causes"]}
    assert set(expect.get("causes_include", [])) <= causes
    assert not causes & set(expect.get("causes_exclude", []))


def test_the_api_answers_the_same_document_as_the_python_api(client) -> None:
    checkin = {
        "date": "2026-11-24",
        "pain": {"nrs": 4, "days_since_onset": 2, "onset": "next_day", "quality": ["aching"]},
        "workout": {"type": "strength", "exercises": ["deadlift"], "warm_up": False},
        "symptoms": [],
    }
    response = client.post("/api/v1/assessments", json=checkin)
    expected = assess(checkin, dt.date(2026, 11, 24)).model_dump(mode="json")
    assert response.json() == expected


def test_a_value_outside_the_contract_is_refused_naming_the_field(client) -> None:
    response = client.post("/api/v1/assessments", json={"pain": {"nrs": 12}})
    assert response.status_code == 422
    assert response.json() == {
        "status": 422,
        "error": "invalid_input",
        "field": "pain.nrs",
        "reason": "must be 0–10, got 12",
    }


def test_an_unknown_field_is_refused_by_name(client) -> None:
    response = client.post("/api/v1/assessments", json={"pain": {"nrs": 2}, "mood": "fine"})
    assert response.status_code == 422
    assert response.json()["field"] == "mood"
    assert "not a field" in response.json()["reason"]


def test_a_missing_pain_score_is_refused(client) -> None:
    response = client.post("/api/v1/assessments", json={"symptoms": []})
    assert response.status_code == 422
    assert response.json()["field"] == "pain"


def test_malformed_json_is_refused_without_a_stack_trace(client) -> None:
    response = client.post(
        "/api/v1/assessments",
        content=b'{"pain": {"nrs": ',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_input"
    assert "malformed JSON" in body["reason"]
    assert "Traceback" not in response.text


def test_a_body_that_is_not_json_is_refused_with_415(client, token) -> None:
    response = client.post(
        "/api/v1/assessments",
        content=b"pain=3",
        headers={"content-type": "text/plain", "x-csrf-token": token},
    )
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"


def test_an_unknown_api_path_answers_json_404(client) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_health_is_a_trivial_ok(client) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_the_csrf_endpoint_gives_the_token_forms_carry(client, token) -> None:
    assert client.get("/api/v1/csrf").json() == {"token": token}
