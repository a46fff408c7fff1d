"""The Import page: upload files (drag and drop, progress shown), then the per-file summary."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Literal

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from lumbar.web.errors import BadRequestError
from lumbar.web.importing import import_uploads
from lumbar.web.rendering import present, render_html
from lumbar.web.routes.deps import access
from lumbar.web.views.imports import ImportPage, import_page

__all__ = ["choice", "router", "upload_form"]

router = APIRouter()


@router.get("/import", include_in_schema=False)
@router.get("/import.json", response_model=ImportPage, tags=["pages"])
def import_form(request: Request) -> Response:
    """The upload form and the latest imports."""
    with access(request).reading() as db:
        page = import_page(db, request.app.state.settings.max_upload_bytes)
    return present(request, "import.html", page)


def choice(value: str, allowed: tuple[str, ...], field: str) -> str | None:
    if value == "":
        return None
    if value not in allowed:
        raise BadRequestError(f"must be one of {', '.join(allowed)}, got {value[:20]!r}", field)
    return value


@asynccontextmanager
async def upload_form(request: Request) -> AsyncIterator[tuple[list[UploadFile], dict[str, str]]]:
    """The uploaded files and the text fields of a multipart import form, closed afterwards."""
    settings = request.app.state.settings
    async with request.form(max_files=settings.max_files + 1, max_fields=50) as form:
        files = [v for v in form.getlist("files") if isinstance(v, UploadFile)]
        text = {k: v for k, v in form.items() if isinstance(v, str)}
        yield files, text


@router.post("/import", include_in_schema=False)
async def import_submit(request: Request) -> Response:
    """Import the uploaded files; a fragment for the page's script, a whole page without it."""
    async with upload_form(request) as (files, text):
        weight: Literal["kg", "lb"] | None = choice(  # type: ignore[assignment]
            text.get("weight_unit", ""), ("kg", "lb"), "weight_unit"
        )
        distance: Literal["km", "mi"] | None = choice(  # type: ignore[assignment]
            text.get("distance_unit", ""), ("km", "mi"), "distance_unit"
        )
        person = text.get("person", "").strip() or None
        result = await import_uploads(
            access(request), request.app.state.settings, files, person, weight, distance
        )
    status = 422 if result.files and all(f.status == "failed" for f in result.files) else 200
    template = "_import_result.html" if request.headers.get("hx-request") else "import_done.html"
    return render_html(request, template, status=status, result=result)
