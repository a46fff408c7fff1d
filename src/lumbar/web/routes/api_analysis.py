"""The REST API of imports (multipart upload) and insights."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse

from lumbar.web.errors import NotFoundError
from lumbar.web.importing import import_uploads
from lumbar.web.journal_access import person_or_none
from lumbar.web.routes.api_core import ERROR_RESPONSES
from lumbar.web.routes.deps import access, today
from lumbar.web.routes.imports import choice, upload_form
from lumbar.web.views.imports import ImportResult
from lumbar.web.views.insights import InsightsPage, insights_page

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)

_MULTIPART: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Files, folders zipped, or whole app exports.",
                        },
                        "person": {"type": "string", "description": "Whose training it is."},
                        "weight_unit": {"type": "string", "enum": ["kg", "lb"]},
                        "distance_unit": {"type": "string", "enum": ["km", "mi"]},
                    },
                }
            }
        },
    }
}


@router.post(
    "/imports",
    response_model=ImportResult,
    tags=["imports"],
    summary="Import uploaded files into the journal",
    openapi_extra=_MULTIPART,
)
async def import_api(request: Request) -> JSONResponse:
    """Import the uploaded files, one transaction per file; answer the per-file summary.

    Send the CSRF token (``GET /api/v1/csrf``) in the ``X-CSRF-Token`` header. An upload
    with an unsafe file name, too large, or holding a zip bomb is refused whole (4xx,
    nothing imported). A file that cannot be read is reported in ``files`` and
    ``summary.errors`` and changes nothing; the status is 422 when no file imported.
    """
    async with upload_form(request) as (files, text):
        result = await import_uploads(
            access(request),
            request.app.state.settings,
            files,
            text.get("person", "").strip() or None,
            choice(text.get("weight_unit", ""), ("kg", "lb"), "weight_unit"),  # type: ignore[arg-type]
            choice(text.get("distance_unit", ""), ("km", "mi"), "distance_unit"),  # type: ignore[arg-type]
        )
    status = 422 if result.files and all(f.status == "failed" for f in result.files) else 200
    return JSONResponse(result.model_dump(mode="json"), status_code=status)


@router.get("/insights", response_model=InsightsPage, tags=["insights"], summary="Insights")
def insights_api(
    request: Request,
    person: str | None = Query(None, max_length=200, description="Whose (default: current)."),
    on: dt.date | None = Query(None, description="The day to describe (default: today)."),
) -> JSONResponse:
    """Load figures, weekly table, links and shoes of the person on ``on``."""
    with access(request).reading() as db:
        owner = person_or_none(db, person)
        if owner is None:
            raise NotFoundError("nobody is chosen in this journal: pass ?person=NAME", "person")
        page = insights_page(db, owner, on or today())
    return JSONResponse(page.model_dump(mode="json"))
