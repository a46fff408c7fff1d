"""The reference pages: Sources (the bibliography) and About."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from lumbar.web.rendering import present
from lumbar.web.routes.deps import access
from lumbar.web.views.library import AboutPage, SourcesPage, about_page, sources_page

__all__ = ["router"]

router = APIRouter()


@router.get("/sources", include_in_schema=False)
@router.get("/sources.json", response_model=SourcesPage, tags=["pages"])
def sources(request: Request) -> Response:
    """The bibliography that every statement cites."""
    return present(request, "sources.html", sources_page())


@router.get("/about", include_in_schema=False)
@router.get("/about.json", response_model=AboutPage, tags=["pages"])
def about(request: Request) -> Response:
    """What lumbar is and is not, the emergency numbers, and how this server runs."""
    settings = request.app.state.settings
    page = about_page(access(request).location, settings.loopback_only)
    return present(request, "about.html", page)
