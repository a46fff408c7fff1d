"""Turning a page's view-model into HTML or JSON, and an error into an error page or document.

Every page is one view-model (a pydantic model) built by a function in
:mod:`lumbar.web.views`; :func:`present` renders it with its template for ``/page``
and dumps it as JSON for ``/page.json``, so the two can never disagree. Templates are
autoescaped: whatever a person or a file wrote (a note, an exercise name) is shown as
text, never run.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from lumbar import __version__
from lumbar.web.errors import WebError, error_body, wants_json

__all__ = ["NAV", "environment", "error_response", "present", "render_html"]

log = logging.getLogger("lumbar.web")

NAV: tuple[tuple[str, str], ...] = (
    ("/", "Dashboard"),
    ("/checkin", "Check-in"),
    ("/journal", "Journal"),
    ("/import", "Import"),
    ("/insights", "Insights"),
    ("/plan", "Plan"),
    ("/people", "People"),
    ("/sources", "Sources"),
    ("/about", "About"),
)
"""The main navigation: path and label, in the order shown."""


def _tojson_attr(value: Any) -> Markup:
    """JSON for an HTML attribute or a ``<script type="application/json">`` block.

    ``<``, ``>`` and ``&`` are escaped as JSON unicode escapes, so that a string in the
    data (an exercise name holding ``</script>``) cannot end the block it sits in.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("'", "\\u0027"))


def _inline_code(text: Any) -> Markup:
    """Text with its `backticked` parts shown as code; everything else escaped."""
    parts = str(text).split("`")
    pieces = [
        escape(part) if index % 2 == 0 else Markup("<code>%s</code>") % part
        for index, part in enumerate(parts)
    ]
    return Markup("").join(pieces)


def _number(value: Any, digits: int = 2) -> str:
    """A figure for reading: thousands separated, at most ``digits`` decimals, no ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if abs(value) >= 100:
        digits = 0
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@cache
def environment() -> Environment:
    """The Jinja environment of the web app (autoescaped, strict about missing names)."""
    env = Environment(
        loader=PackageLoader("lumbar.web", "templates"),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tojson_safe"] = _tojson_attr
    env.filters["inline_code"] = _inline_code
    env.filters["number"] = _number
    env.globals["NAV"] = NAV
    env.globals["VERSION"] = __version__
    env.globals["static"] = lambda path: f"/static/{path}?v={__version__}"
    return env


def _base_context(request: Request | None, with_person: bool) -> dict[str, Any]:
    from lumbar.knowledge.base import knowledge

    state = request.app.state if request is not None else None
    return {
        "request": request,
        "path": request.url.path if request is not None else "/",
        "csrf_token": getattr(state, "csrf_token", ""),
        "disclaimer": knowledge().triage.disclaimer,
        "emergency_headline": knowledge().triage.headlines.emergency,
        "person_name": _person_name(request) if with_person else None,
    }


def _person_name(request: Request | None) -> str | None:
    """The current person's name for the page header, or ``None`` (no journal, nobody yet)."""
    if request is None or "app" not in request.scope:
        return None
    door = getattr(request.app.state, "journal_access", None)
    return door.current_name() if door is not None else None


def render_html(
    request: Request | None, template: str, status: int = 200, **context: Any
) -> HTMLResponse:
    """Render ``template`` with the base context (token, disclaimer, navigation)."""
    values = _base_context(request, "person_name" not in context) | context
    html = environment().get_template(template).render(values)
    return HTMLResponse(html, status_code=status)


def present(
    request: Request, template: str, page: BaseModel, status: int = 200, **extra: Any
) -> Response:
    """The page: its view-model as JSON for a ``.json`` path, else rendered with ``template``."""
    if request.url.path.endswith(".json"):
        return JSONResponse(page.model_dump(mode="json"), status_code=status)
    return render_html(request, template, status=status, page=page, **extra)


def error_response(
    request: Request | None, error: WebError, path: str, accept: str, journal: bool = True
) -> Response:
    """The response for ``error``: JSON for API and ``.json`` requests, an HTML page otherwise.

    With ``journal`` false (a request refused before routing) the page does not read
    the journal, not even for the person's name in its header.
    """
    if wants_json(path, accept):
        return JSONResponse(
            error_body(error.status, error.code, error.reason, error.field),
            status_code=error.status,
        )
    try:
        extra = {} if journal else {"person_name": None}
        fragment = request is not None and request.headers.get("hx-request") == "true"
        template = "_error_fragment.html" if fragment else "error.html"
        return render_html(request, template, status=error.status, error=error, **extra)
    except Exception:  # the error page itself failed: fall back to plain words
        log.exception("the error page could not be rendered")
        return Response(error.reason, status_code=error.status, media_type="text/plain")
