"""Errors of the web app: each carries its HTTP status, and one handler renders them.

::

    WebError                   500  something lumbar could not do (message safe to show)
    ├── BadRequestError        400  the request is malformed (a bad upload, a bad file name)
    ├── ForbiddenError         403  refused for safety (foreign Host, cross-site request)
    ├── NotFoundError          404  no such page, person, session or check-in
    ├── ConflictError          409  the change breaks a rule of the journal
    ├── TooLargeError          413  an upload over the size cap, or a zip bomb
    ├── UnsupportedMediaError  415  a body in a type the endpoint does not read
    ├── InvalidInputError      422  a value outside the contract (field and reason named)
    └── NotAvailableError      503  a part of lumbar that is not installed or not ready

The handler answers JSON (``{"status", "error", "field", "reason"}``) to API and
``.json`` requests and to clients that prefer JSON, and an HTML page otherwise. It
never shows a stack trace: an unexpected exception is logged and answered with a
plain 500.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

__all__ = [
    "BadRequestError",
    "ConflictError",
    "ForbiddenError",
    "InvalidInputError",
    "NotAvailableError",
    "NotFoundError",
    "TooLargeError",
    "UnsupportedMediaError",
    "WebError",
    "error_body",
    "wants_json",
]

log = logging.getLogger("lumbar.web")


class WebError(Exception):
    """A request that lumbar answers with an error page or an error document.

    Each subclass declares its status, code and title as class keywords
    (``class NotFoundError(WebError, status=404, ...)``); one left out is inherited.

    Attributes:
        status: the HTTP status code.
        code: a short machine-readable name (``invalid_input``).
        field: the offending field (``pain.nrs``), or ``""`` when it is the whole request.
        reason: what was wrong, in words safe to show to the person.
    """

    status: ClassVar[int] = 500
    code: ClassVar[str] = "error"
    title: ClassVar[str] = "Something went wrong"

    def __init_subclass__(
        cls,
        *,
        status: int | None = None,
        code: str | None = None,
        title: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init_subclass__(**kwargs)
        # A keyword left out keeps the parent's value.
        cls.status = cls.status if status is None else status
        cls.code = cls.code if code is None else code
        cls.title = cls.title if title is None else title

    def __init__(self, reason: str, field: str = "") -> None:
        self.reason = reason
        self.field = field
        super().__init__(f"{field}: {reason}" if field else reason)


class BadRequestError(
    WebError, status=400, code="bad_request", title="This request cannot be read"
):
    """The request is malformed."""


class ForbiddenError(WebError, status=403, code="forbidden", title="Refused for your safety"):
    """Refused for safety: a foreign Host header, a cross-site request, a missing token."""


class NotFoundError(WebError, status=404, code="not_found", title="Not found"):
    """No such page or entry."""


class ConflictError(WebError, status=409, code="conflict", title="This change cannot be made"):
    """The change would break a rule of the journal."""


class TooLargeError(WebError, status=413, code="too_large", title="Too large"):
    """An upload over the size cap, or an archive that would expand past its limit."""


class UnsupportedMediaError(
    WebError, status=415, code="unsupported_media_type", title="Unsupported content type"
):
    """A body in a media type the endpoint does not read."""


class InvalidInputError(
    WebError, status=422, code="invalid_input", title="Please check what you entered"
):
    """A value outside the contract; ``field`` names it."""


class NotAvailableError(WebError, status=503, code="not_available", title="Not available yet"):
    """A part of lumbar that is not installed or not ready (the reason says which)."""


def error_body(status: int, code: str, reason: str, field: str = "") -> dict[str, Any]:
    """The JSON document of an error: status, code, field and reason."""
    return {"status": status, "error": code, "field": field, "reason": reason}


def wants_json(path: str, accept: str) -> bool:
    """Whether a request should get JSON: the API, a ``.json`` page, or a JSON-first client."""
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    accept = accept.lower()
    if "text/html" in accept:
        return False
    return "application/json" in accept or "+json" in accept
