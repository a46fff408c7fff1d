"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder.

:func:`start_server` runs ``initdb`` into a new temporary folder and ``pg_ctl start``
with the server listening on a unix socket in that folder only (no TCP port, so two
pytest-xdist workers, each with its own server, cannot clash). Tests get a new
database each from :meth:`PostgresServer.create_database`; :meth:`PostgresServer.stop`
stops the server and removes the folder.

``initdb`` and ``postgres`` refuse to run as root. When the tests run as root (a CI
container), the server runs as the ``postgres`` system user that Debian's
``postgresql`` package creates, and its folder is handed to that user.

The cluster is made for speed, not safety (``fsync=off``): it lives for one test run.
A run that was killed cannot stop its server; the next run does, when it finds a
cluster folder whose owning process is gone.

Its text collation is ICU's English one, like most servers' ``en_US.UTF-8``, so that
a query whose result order depends on the collation shows up in the tests.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "BIN_ENV",
    "ROLE",
    "PostgresServer",
    "PostgresUnavailableError",
    "find_bin_dir",
    "start_server",
]

ROLE = "lumbar"
"""The superuser role the cluster is created with (trusted on its own socket)."""
BIN_ENV = "LUMBAR_TEST_PG_BIN"
"""Names the folder of ``initdb`` and ``pg_ctl`` to use (to pick one of several versions)."""
SERVICE_USER = "postgres"
"""The system user that runs the server when the tests run as root."""
_BIN_GLOB = "/usr/lib/postgresql/*/bin"  # Debian keeps the server programs out of PATH
_SOCKET_PATH_MAX = 90  # unix socket paths are limited to 107 bytes, ".s.PGSQL.5432" included
_TIMEOUT_S = 120
_PREFIX = "lumbar-pg-"
_OWNER_FILE = "owner.pid"  # the pid of the test process that started the cluster
_SETTINGS = (
    "listen_addresses = ''",  # the unix socket only: no port to clash over
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
    "shared_buffers = 32MB",
    "max_connections = 60",
)


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server could be started; the message says why and what to install."""


def _version_key(bin_dir: str) -> tuple[int, ...]:
    numbers = re.findall(r"\d+", Path(bin_dir).parent.name)
    return tuple(int(n) for n in numbers)


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: ``LUMBAR_TEST_PG_BIN`` if set, else the
    one in PATH, else Debian's newest (Debian keeps them out of PATH)."""
    chosen = os.environ.get(BIN_ENV)
    if chosen:
        return Path(chosen)
    found = shutil.which("initdb")
    if found is not None:
        return Path(found).resolve().parent
    candidates = [d for d in glob.glob(_BIN_GLOB) if (Path(d) / "initdb").is_file()]
    if not candidates:
        return None
    return Path(max(candidates, key=_version_key))


def _major_version(bin_dir: Path) -> int:
    """The major version that ``initdb --version`` prints (``initdb (PostgreSQL) 15.18``)."""
    command = [str(bin_dir / "initdb"), "--version"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PostgresUnavailableError(f"cannot run {command[0]}: {exc.strerror}") from exc
    match = re.search(r"(\d+)", done.stdout)
    if done.returncode != 0 or match is None:
        raise PostgresUnavailableError(_failed("initdb --version", done))
    return int(match.group(1))


def _run_as() -> dict[str, Any]:
    """``subprocess`` arguments that run a server program as a user it accepts.

    Raises:
        PostgresUnavailableError: running as root, with no ``postgres`` user to switch to.
    """
    if os.geteuid() != 0:
        return {}
    try:
        entry = pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise PostgresUnavailableError(
            f"the tests run as root, which initdb refuses, and there is no {SERVICE_USER!r} "
            "user to run the server as (Debian's postgresql package creates it: "
            "`make postgres`)"
        ) from None
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _base_dir(run_as: dict[str, Any]) -> Path:
    """Where cluster folders go: the temporary folder, unless its path is too long for a
    socket or (as root) the ``postgres`` user may not be able to reach it."""
    base = tempfile.gettempdir()
    if run_as or len(base) > _SOCKET_PATH_MAX - 40:
        return Path("/tmp")
    return Path(base)


def _new_root(owner: dict[str, Any]) -> Path:
    root = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=_base_dir(owner)))
    (root / _OWNER_FILE).write_text(str(os.getpid()))
    if owner:
        os.chown(root, owner["user"], owner["group"])
    return root


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _reap_stale(bin_dir: Path, run_as: dict[str, Any]) -> None:
    """Stop and remove the clusters of earlier test runs that were killed before their end."""
    for root in _base_dir(run_as).glob(f"{_PREFIX}*"):
        try:
            owner = int((root / _OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # not ours, or not readable by this user
        if _alive(owner):
            continue
        PostgresServer(root=root, bin_dir=bin_dir, run_as=run_as).stop()


@dataclass
class PostgresServer:
    """A running throwaway cluster.

    Attributes:
        root: its folder (data directory, socket and log inside).
        bin_dir: where its programs are.
        run_as: ``subprocess`` arguments that switch to the server's user (empty if none).
        version: the major version of PostgreSQL.
    """

    root: Path
    bin_dir: Path
    run_as: dict[str, Any] = field(default_factory=dict)
    version: int = 0
    _admin: Any = field(default=None, repr=False)
    _numbers: itertools.count[int] = field(default_factory=itertools.count, repr=False)

    @property
    def data_dir(self) -> Path:
        """The cluster's data directory."""
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        """The server's log."""
        return self.root / "server.log"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on this server (through its unix socket)."""
        return f"postgresql+psycopg://{ROLE}@/{database}?host={self.root}"

    def connect(self, database: str) -> Any:
        """A psycopg connection to ``database``, in autocommit mode (the caller closes it)."""
        import psycopg

        return psycopg.connect(host=str(self.root), user=ROLE, dbname=database, autocommit=True)

    def _admin_connection(self) -> Any:
        if self._admin is None:
            self._admin = self.connect("postgres")
        return self._admin

    def create_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template``; returns its name (unique here).

        The template must have no open connection (PostgreSQL copies it as it is on disk).
        """
        name = f"journal_{next(self._numbers)}"
        statement = f'CREATE DATABASE "{name}"'
        if template is not None:
            statement += f' TEMPLATE "{template}"'
        if self.version >= 15:  # copying the files beats logging them, for a small database
            statement += " STRATEGY FILE_COPY"
        self._admin_connection().execute(statement)
        return name

    def drop_database(self, name: str) -> None:
        """Drop the database ``name``, closing whatever connections are still open to it."""
        self._admin_connection().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def run(self, command: list[str]) -> subprocess.CompletedProcess[str]:
        """Run one of the server's programs as the server's user, its output captured."""
        return subprocess.run(
            command,
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_S,
            check=False,
            **self.run_as,
        )

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args])

    def stop(self) -> None:
        """Stop the server at once (nothing in it is worth a checkpoint) and remove its folder."""
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if (self.data_dir / "postmaster.pid").exists():
            self._pg_ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def _failed(step: str, done: subprocess.CompletedProcess[str], log: Path | None = None) -> str:
    output = (done.stdout + done.stderr).strip()
    if log is not None and log.is_file():
        output += "\n" + log.read_text(errors="replace").strip()
    return f"{step} failed (exit {done.returncode}):\n{output}"


def start_server(bin_dir: Path | None = None) -> PostgresServer:
    """Create and start a new cluster in a new temporary folder.

    Raises:
        PostgresUnavailableError: PostgreSQL is not installed, or the cluster cannot be
            created or started; the message holds the programs' own output.
    """
    bin_dir = bin_dir or find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailableError(
            f"PostgreSQL is not installed: no initdb in PATH nor in {_BIN_GLOB} "
            "(`make postgres` installs Debian's postgresql)"
        )
    version = _major_version(bin_dir)
    owner = _run_as()
    _reap_stale(bin_dir, owner)
    root = _new_root(owner)
    server = PostgresServer(root=root, bin_dir=bin_dir, run_as=owner, version=version)
    try:
        _init_and_start(server)
    except BaseException:
        server.stop()
        raise
    return server


def _init_and_start(server: PostgresServer) -> None:
    initdb = [
        str(server.bin_dir / "initdb"),
        "-D", str(server.data_dir),
        "-U", ROLE,
        "-A", "trust",
        "-E", "UTF8",
        "--locale=C",
        "--no-sync",
    ]  # fmt: skip
    if server.version >= 15:  # ICU as the default provider came in 15
        initdb += ["--locale-provider=icu", "--icu-locale=en"]
    done = server.run(initdb)
    if done.returncode != 0:
        raise PostgresUnavailableError(_failed("initdb", done))
    settings = [*_SETTINGS, f"unix_socket_directories = '{server.root}'"]
    with (server.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# lumbar tests\n" + "\n".join(settings) + "\n")
    started = server._pg_ctl("-l", str(server.log_file), "-w", "-t", "60", "start")
    if started.returncode != 0:
        raise PostgresUnavailableError(_failed("pg_ctl start", started, server.log_file))
