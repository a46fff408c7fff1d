"""The guard in front of every request: Host check, cross-site refusal, CSRF token, size cap.

A server on localhost can still be reached by a hostile page in the person's own
browser, so every request passes these checks before any route sees it:

1. **Host header** (every method): only loopback names, IP addresses and names the
   person allowed (``LUMBAR_ALLOWED_HOSTS``). A DNS-rebinding attack reaches
   127.0.0.1 under the attacker's own name, which is refused here.
2. **Same origin** (POST, PUT, PATCH, DELETE): a browser's ``Origin`` must be this
   server, and ``Sec-Fetch-Site`` must be ``same-origin`` or ``none``.
3. **CSRF token** (POST with a body a cross-site form could send: urlencoded,
   multipart, text): the per-server secret token must come in the ``X-CSRF-Token``
   header or as the form field ``csrf_token`` (in a multipart form, its first
   field). JSON bodies and the other methods cannot be sent cross-site without a
   CORS preflight, which this server never grants, so the origin check suffices.
4. **Size cap**: a body over ``max_upload_bytes`` is refused (413) from its
   ``Content-Length`` or, when streamed, as soon as it passes the cap.

Every response also gets the security headers of :data:`SECURITY_HEADERS`. The
middleware is plain ASGI (no per-request task hop), so it costs microseconds.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from lumbar.web.errors import ForbiddenError, TooLargeError, WebError
from lumbar.web.settings import LOOPBACK_NAMES, WebSettings

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "SECURITY_HEADERS", "SecurityMiddleware", "host_allowed"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorResponder = Callable[[Scope, WebError], ASGIApp]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_BODY_CAP = 1024 * 1024
"""Largest urlencoded form body read to find the token (forms here are small)."""
MULTIPART_PEEK = 16 * 1024
"""Bytes of a multipart body read to find the token in its first part."""

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # "no-referrer" makes Chrome send Origin: null
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
_NO_STORE = (b"cache-control", b"no-store")


class _TooLargeError(Exception):
    """The streamed body passed the cap."""


def host_allowed(host_header: str, settings: WebSettings) -> bool:
    """Whether the ``Host`` header names this server in a way a browser could not be tricked into.

    Loopback names and IP literals are safe (a DNS-rebinding attack needs the
    attacker's own name); any other name must be listed in ``settings.allowed_hosts``
    or be the address the server was started on.
    """
    name = _host_name(host_header)
    if not name:
        return False
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name.strip("[]"))
        return True
    except ValueError:
        pass
    return name in settings.allowed_hosts or name == settings.host.lower()


def _host_name(host_header: str) -> str:
    value = host_header.strip().lower()
    if value.startswith("["):  # [::1]:8000
        end = value.find("]")
        return value[: end + 1] if end != -1 else ""
    name, _, port = value.partition(":")
    if port and not port.isdigit():
        return ""
    return name


def _headers(scope: Scope) -> dict[str, str]:
    # The last value wins for repeated headers; none of the ones read here may repeat.
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _boundary(content_type: str) -> str | None:
    found = re.search(r'boundary="?([^";]+)"?', content_type, flags=re.IGNORECASE)
    return found.group(1) if found else None


class SecurityMiddleware:
    """ASGI middleware applying the checks of this module's docstring.

    Args:
        app: the application behind it.
        settings: the server's settings (allowed hosts, size cap).
        csrf_token: the secret every form and unsafe simple request must carry.
        respond: builds the error response for a refusal (HTML or JSON).
    """

    def __init__(
        self, app: ASGIApp, settings: WebSettings, csrf_token: str, respond: ErrorResponder
    ) -> None:
        self.app = app
        self.settings = settings
        self.token = csrf_token
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        send = self._with_headers(scope, send)
        try:
            self._check_host(headers)
            if scope["method"] in UNSAFE_METHODS:
                self._check_origin(scope, headers)
                self._check_length(headers)
                receive = self._capped(receive)
                receive = await self._check_token(scope, headers, receive)
        except _TooLargeError:
            await self.respond(scope, self._too_large())(scope, receive, send)
            return
        except WebError as refusal:
            await self.respond(scope, refusal)(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except _TooLargeError:
            if started:
                raise
            await self.respond(scope, self._too_large())(scope, receive, send)

    # -- the checks -----------------------------------------------------------------

    def _check_host(self, headers: dict[str, str]) -> None:
        host = headers.get("host", "")
        if not host_allowed(host, self.settings):
            raise ForbiddenError(
                f"the Host header {host[:100]!r} does not name this server; lumbar answers "
                "only to its own address (protection against DNS rebinding)",
                "host",
            )

    def _check_origin(self, scope: Scope, headers: dict[str, str]) -> None:
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            raise ForbiddenError(f"a {site} request cannot change the journal", "origin")
        origin = headers.get("origin")
        if origin is None:
            return
        expected = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()
        if origin.lower() != expected:
            raise ForbiddenError(
                f"a request from {origin[:100]!r} cannot change the journal (cross-site)",
                "origin",
            )

    def _check_length(self, headers: dict[str, str]) -> None:
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.settings.max_upload_bytes:
            raise self._too_large()

    def _too_large(self) -> TooLargeError:
        mb = self.settings.max_upload_bytes // (1024 * 1024)
        return TooLargeError(f"the upload is larger than the {mb} MB limit", "files")

    def _capped(self, receive: Receive) -> Receive:
        left = self.settings.max_upload_bytes

        async def capped() -> Message:
            nonlocal left
            message = await receive()
            if message["type"] == "http.request":
                left -= len(message.get("body", b""))
                if left < 0:
                    raise _TooLargeError
            return message

        return capped

    async def _check_token(
        self, scope: Scope, headers: dict[str, str], receive: Receive
    ) -> Receive:
        """Check the CSRF token where a cross-site form could have sent the body.

        Returns the ``receive`` to pass on, replaying whatever body was read here.
        """
        if self._matches(headers.get(CSRF_HEADER)):
            return receive
        content_type = headers.get("content-type", "")
        media = _media_type(content_type)
        if scope["method"] != "POST" or media == "application/json" or media.endswith("+json"):
            return receive  # needs a CORS preflight cross-site, never granted here
        if media == "application/x-www-form-urlencoded":
            body, replay = await _read_upto(receive, FORM_BODY_CAP, whole=True)
            if len(body) > FORM_BODY_CAP:
                raise TooLargeError("the form is too large", "form")
            values = parse_qs(body.decode("latin-1"), keep_blank_values=True)
            if self._matches(next(iter(values.get(CSRF_FIELD, [])), None)):
                return replay
        elif media == "multipart/form-data":
            boundary = _boundary(content_type)
            body, replay = await _read_upto(receive, MULTIPART_PEEK, whole=False)
            if boundary and self._matches(_first_part_token(body, boundary)):
                return replay
        raise ForbiddenError(
            "this form has no valid safety token (reload the page and try again); API "
            "clients send JSON, or the token from GET /api/v1/csrf in the X-CSRF-Token header",
            CSRF_FIELD,
        )

    def _matches(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode(), self.token.encode())

    # -- headers on every response ---------------------------------------------------

    def _with_headers(self, scope: Scope, send: Send) -> Send:
        static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in present]
                if not static and b"cache-control" not in present:
                    extra.append(_NO_STORE)  # pages hold health data: never cache them
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        return send_with_headers


async def _read_upto(receive: Receive, limit: int, whole: bool) -> tuple[bytes, Receive]:
    """Read body chunks until ``limit`` bytes (or the end); return them and a replaying receive.

    With ``whole``, reading goes one chunk past the limit so that the caller can tell
    a body over the limit from one exactly at it.
    """
    chunks: list[Message] = []
    size = 0
    more = True
    while more and size <= limit:
        message = await receive()
        chunks.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        more = bool(message.get("more_body", False))
        if not whole and size >= limit:
            break
    body = b"".join(m.get("body", b"") for m in chunks if m["type"] == "http.request")
    pending = list(chunks)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return body, replay


def _first_part_token(body: bytes, boundary: str) -> str | None:
    """The value of the first multipart part when that part is the ``csrf_token`` field."""
    marker = b"--" + boundary.encode("latin-1")
    start = body.find(marker)
    if start == -1:
        return None
    head_start = start + len(marker) + 2  # past the CRLF after the boundary
    head_end = body.find(b"\r\n\r\n", head_start)
    if head_end == -1:
        return None
    head = body[head_start:head_end].decode("latin-1").lower()
    if not re.search(
        rf'content-disposition:\s*form-data;\s*name="?{CSRF_FIELD}"?\s*(\r\n|$)', head
    ):
        return None
    value_end = body.find(b"\r\n" + marker, head_end + 4)
    if value_end == -1:
        return None
    return body[head_end + 4 : value_end].decode("latin-1")
