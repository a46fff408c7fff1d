"""The REST API's core: ``POST /api/v1/assessments`` (the contract), health and the CSRF token.

``POST /assessments`` takes the check-in of CONTRACT.md as JSON and answers the
assessment document. It needs no journal: it is the engine behind HTTP, and the same
document goes in and out as with ``lumbar assess``. A refused check-in is answered
422 with the field and the reason, exactly the line ``lumbar assess`` prints.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import JSONResponse, Response

from lumbar.engine.assessment import evaluate
from lumbar.errors import describe_validation_error
from lumbar.model import Assessment, CheckIn
from lumbar.web.errors import InvalidInputError, TooLargeError, UnsupportedMediaError
from lumbar.web.routes.deps import today

__all__ = ["ERROR_RESPONSES", "MAX_JSON_BYTES", "read_json_body", "router"]

router = APIRouter(prefix="/api/v1")

MAX_JSON_BYTES = 16 * 1024 * 1024
"""Largest JSON body read (a check-in with a year of history is well under 1 MB)."""

_ERROR_SCHEMA = {
    "type": "object",
    "required": ["status", "error", "field", "reason"],
    "properties": {
        "status": {"type": "integer"},
        "error": {"type": "string"},
        "field": {"type": "string"},
        "reason": {"type": "string"},
    },
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {"application/json": {"schema": _ERROR_SCHEMA}}}
    for code, text in (
        (403, "Refused: foreign Host, cross-site request or missing CSRF token"),
        (413, "Body too large"),
        (415, "Body is not JSON"),
        (422, "A value outside the contract: the field and the reason"),
    )
}


async def read_json_body(request: Request) -> bytes:
    """The request body, checked to be JSON and at most :data:`MAX_JSON_BYTES`.

    Raises:
        UnsupportedMediaError: the body is not declared as JSON.
        TooLargeError: the body is over the limit.
    """
    headers = request.headers
    media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise UnsupportedMediaError(f"send the body as application/json, not {media or 'nothing'}")
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_JSON_BYTES:
        raise TooLargeError(f"a JSON body may be at most {MAX_JSON_BYTES} bytes")
    # A streamed body is bounded by the guard's upload cap while it is read.
    body = await request.body()
    if len(body) > MAX_JSON_BYTES:
        raise TooLargeError(f"a JSON body may be at most {MAX_JSON_BYTES} bytes")
    return body


_CHECKIN_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckIn"}}},
    }
}


@router.post(
    "/assessments",
    response_model=Assessment,
    responses=ERROR_RESPONSES,
    openapi_extra=_CHECKIN_BODY,
    tags=["assessments"],
    summary="Assess one check-in (contract lumbar.assessment/1)",
)
async def create_assessment(request: Request) -> Response:
    """Assess the check-in in the body and answer the assessment (CONTRACT.md).

    Only ``pain.nrs`` is required; a missing field means *not known*. The check-in is
    not stored: use ``POST /api/v1/checkins`` to keep it in the journal.
    """
    body = await read_json_body(request)
    try:
        checkin = CheckIn.model_validate_json(body)
    except ValidationError as exc:
        problem = describe_validation_error(exc, CheckIn)
        raise InvalidInputError(problem.reason, problem.field) from None
    # The engine is pure and fast (a fraction of a millisecond): it runs here, on the
    # event loop, as a thread hop would cost more than the work. Its JSON path is the
    # one `lumbar assess --batch` uses, tested equal to the contract model's dump.
    return Response(evaluate(checkin, today()).json_bytes(), media_type="application/json")


@router.get("/health", tags=["server"], summary="Is the server up")
async def health() -> JSONResponse:
    """A trivial answer: the server is up (also the benchmark's baseline)."""
    from lumbar import __version__

    return JSONResponse({"status": "ok", "version": __version__})


@router.get("/csrf", tags=["server"], summary="The token for multipart and form requests")
async def csrf(request: Request) -> JSONResponse:
    """The token to send in the ``X-CSRF-Token`` header with form or multipart requests.

    A page on another site cannot read it (no CORS), so it proves the request comes
    from this server's own pages or from a program on this machine.
    """
    return JSONResponse({"token": request.app.state.csrf_token})


def checkin_schema_components() -> dict[str, Any]:
    """The JSON schemas of the check-in and its parts, for the OpenAPI components."""
    schema = CheckIn.model_json_schema(ref_template="#/components/schemas/{model}")
    parts: dict[str, Any] = schema.pop("$defs", {})
    parts["CheckIn"] = schema
    return parts
