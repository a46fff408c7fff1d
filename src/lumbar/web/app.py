"""The app factory: routes, static files, the security guard and the one error handler.

``create_app(settings)`` builds a FastAPI app serving the pages and the REST API
under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``). Swagger's page is not
served: it loads scripts from a CDN, which the Content-Security-Policy forbids and a
local-first app should not need.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from lumbar import __version__
from lumbar.web.errors import WebError
from lumbar.web.journal_access import JournalAccess, translate
from lumbar.web.rendering import error_response
from lumbar.web.security import ASGIApp, Scope, SecurityMiddleware
from lumbar.web.settings import WebSettings

__all__ = ["create_app"]

log = logging.getLogger("lumbar.web")

DESCRIPTION = (
    "lumbar's REST API: the assessment contract (`POST /api/v1/assessments`), the "
    "journal's people, sessions and check-ins, file imports and insights. Errors are "
    "JSON: `{status, error, field, reason}`. lumbar is not a diagnosis; in an emergency "
    "call 999 (UK), 112 (Europe), 911 (North America) or 000 (Australia)."
)


class _HttpError(WebError):
    """A routing error from Starlette (unknown path, method not allowed), with its status."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status  # type: ignore[misc]
        self.code = {404: "not_found", 405: "method_not_allowed"}.get(status, "http_error")  # type: ignore[misc]
        self.title = {404: "Not found", 405: "Not allowed"}.get(status, "Request refused")  # type: ignore[misc]


def _respond(request: Request, error: WebError) -> Response:
    return error_response(request, error, request.url.path, request.headers.get("accept", ""))


def _validation_error(exc: RequestValidationError) -> WebError:
    from lumbar.web.errors import InvalidInputError

    errors = exc.errors()
    if not errors:
        return InvalidInputError("the request does not follow the API")
    first = errors[0]
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
    given = first.get("input")
    reason = str(first.get("msg", "invalid value"))
    if given is not None and not isinstance(given, dict | list):
        reason += f", got {str(given)[:40]!r}"
    return InvalidInputError(reason, ".".join(location))


def _domain_errors() -> list[type[Exception]]:
    """The engine's, the store's and the importers' errors: each answered as a 4xx or 503."""
    from lumbar.errors import InputError

    errors: list[type[Exception]] = [InputError]
    try:
        from lumbar.ingest.records import ImportFileError
        from lumbar.store.errors import JournalStoreError
    except ImportError:  # pragma: no cover - only while those packages are missing
        return errors
    return [*errors, JournalStoreError, ImportFileError]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def on_web_error(request: Request, exc: WebError) -> Response:
        return _respond(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        reason = "no such page" if exc.status_code == 404 else str(exc.detail)
        return _respond(request, _HttpError(exc.status_code, reason))

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _respond(request, _validation_error(exc))

    async def on_domain_error(request: Request, exc: Exception) -> Response:
        known = translate(exc)
        return _respond(request, known if known is not None else WebError(str(exc)))

    for domain_error in _domain_errors():
        app.add_exception_handler(domain_error, on_domain_error)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        known = translate(exc)
        if known is not None:
            return _respond(request, known)
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return _respond(
            request, WebError("lumbar could not answer this request; the server log says why")
        )


def _install_openapi(app: FastAPI) -> None:
    from lumbar.web.routes.api_core import checkin_schema_components

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(checkin_schema_components())
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _refusal_responder(scope: Scope, error: WebError) -> ASGIApp:
    request = Request(scope)
    accept = request.headers.get("accept", "")
    return error_response(request, error, request.url.path, accept, journal=False)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Close the journal when the server stops.

    Its connections go back at once (a PostgreSQL server counts them), and SQLite's last
    connection folds the write-ahead log into the journal file.
    """
    yield
    app.state.journal_access.close()


def create_app(settings: WebSettings | None = None, csrf_token: str | None = None) -> FastAPI:
    """The web app for ``settings`` (defaults: loopback, port 8000, the usual journal).

    Args:
        settings: where it listens, which journal, the upload limits.
        csrf_token: the secret forms must carry (default: a new random one).
    """
    from lumbar.web.routes import (
        analysis,
        api_analysis,
        api_core,
        api_journal,
        checkin,
        imports,
        journal,
        library,
        people,
    )

    settings = settings or WebSettings()
    app = FastAPI(
        title="lumbar",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.csrf_token = csrf_token or secrets.token_urlsafe(32)
    app.state.journal_access = JournalAccess(settings.db)
    app.mount("/static", StaticFiles(packages=[("lumbar.web", "static")]), name="static")
    routers = (api_core, api_journal, api_analysis, analysis, checkin, journal, imports, people)
    for module in (*routers, library):
        app.include_router(module.router)
    _install_error_handlers(app)
    _install_openapi(app)
    app.add_middleware(
        SecurityMiddleware,
        settings=settings,
        csrf_token=app.state.csrf_token,
        respond=_refusal_responder,
    )
    return app
