"""The web app's one settings object: where it listens, which journal, what it accepts.

Every value has a default, a line of help and an environment variable with the
``LUMBAR_`` prefix; ``lumbar serve`` options override the environment. A bad value
is refused with a message that names the key and the value.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

__all__ = ["LOOPBACK_NAMES", "WebSettings", "is_loopback"]

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
"""Host names that always mean this machine."""

_MIB = 1024 * 1024


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) can only be reached from this machine."""
    bare = host.strip("[]")
    if bare == "localhost" or bare.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebSettings:
    """How ``lumbar serve`` runs.

    Attributes:
        host: the address to listen on (``LUMBAR_HOST``); loopback by default.
        port: the TCP port (``LUMBAR_PORT``).
        db: the journal, a path or database URL; ``None`` for the default journal
            (``--db`` / ``LUMBAR_DB``, as for every journal command).
        allowed_hosts: extra host names accepted in the ``Host`` header
            (``LUMBAR_ALLOWED_HOSTS``, comma separated). Loopback names and IP
            addresses are always accepted; any other name is refused, which stops
            DNS-rebinding attacks.
        max_upload_bytes: largest upload accepted in one request (``LUMBAR_MAX_UPLOAD_MB``).
        max_expanded_bytes: most bytes an uploaded zip may expand to
            (``LUMBAR_MAX_EXPANDED_MB``); beyond it the archive is refused as a zip bomb.
        max_files: most files in one upload (``LUMBAR_MAX_FILES``).
    """

    host: str = "127.0.0.1"
    port: int = 8000
    db: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    max_upload_bytes: int = 200 * _MIB
    max_expanded_bytes: int = 2048 * _MIB
    max_files: int = 50

    @property
    def loopback_only(self) -> bool:
        """Whether the server can be reached from this machine only."""
        return is_loopback(self.host)

    @property
    def address(self) -> str:
        """The address to open in a browser."""
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = "127.0.0.1"
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    def with_overrides(self, **values: object) -> WebSettings:
        """A copy with the given values, ``None`` meaning "keep"."""
        given = {key: value for key, value in values.items() if value is not None}
        return replace(self, **given)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        """The settings from ``LUMBAR_*`` variables, defaults elsewhere.

        Raises:
            ValueError: naming the variable and its bad value.
        """
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if "LUMBAR_HOST" in env:
            values["host"] = env["LUMBAR_HOST"].strip() or cls.host
        if "LUMBAR_PORT" in env:
            values["port"] = _whole(env, "LUMBAR_PORT", 1, 65535)
        if "LUMBAR_ALLOWED_HOSTS" in env:
            names = (n.strip().lower() for n in env["LUMBAR_ALLOWED_HOSTS"].split(","))
            values["allowed_hosts"] = tuple(n for n in names if n)
        if "LUMBAR_MAX_UPLOAD_MB" in env:
            values["max_upload_bytes"] = _whole(env, "LUMBAR_MAX_UPLOAD_MB", 1, 100_000) * _MIB
        if "LUMBAR_MAX_EXPANDED_MB" in env:
            mb = _whole(env, "LUMBAR_MAX_EXPANDED_MB", 1, 1_000_000)
            values["max_expanded_bytes"] = mb * _MIB
        if "LUMBAR_MAX_FILES" in env:
            values["max_files"] = _whole(env, "LUMBAR_MAX_FILES", 1, 10_000)
        return cls(**values)  # type: ignore[arg-type]

    def describe(self) -> dict[str, object]:
        """The settings as plain values (for the About page and logs)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _whole(env: Mapping[str, str], key: str, low: int, high: int) -> int:
    raw = env[key]
    try:
        value = int(raw.strip())
    except ValueError:
        raise ValueError(f"{key}: expected a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{key}: must be {low}–{high}, got {value}")
    return value
