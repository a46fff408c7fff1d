"""The OpenAPI document, and a bounded schemathesis run against it: no answer is ever a 5xx."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from lumbar.web import WebSettings, create_app


def test_the_openapi_document_describes_the_contract_endpoint(client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/assessments"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/CheckIn"}
    schemas = document["components"]["schemas"]
    assert schemas["CheckIn"]["required"] == ["pain"]
    assert schemas["Pain"]["properties"]["nrs"]["maximum"] == 10
    assert "422" in operation["responses"]
    assert "Assessment" in schemas


def test_every_api_path_is_documented(client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    api_routes = {
        route.path
        for route in client.app.routes
        if getattr(route, "path", "").startswith("/api/v1/")
        and route.path != "/api/v1/openapi.json"
    }
    assert api_routes <= set(document["paths"])


def test_no_generated_request_gets_a_server_error(tmp_path: Path) -> None:
    # Schemathesis calls the app as "testserver": a host name the person allowed.
    app_settings = WebSettings(db=str(tmp_path / "journal.db"), allowed_hosts=("testserver",))
    app = create_app(app_settings, csrf_token="schemathesis")
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()
        tried.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(
                headers={"X-CSRF-Token": "schemathesis"}, checks=[not_a_server_error]
            )

        call()
    assert "POST /api/v1/assessments" in tried
