"""The journal's database backends in the tests: what runs on SQLite runs on PostgreSQL too.

Fixtures, imported by the conftest files of ``tests/store`` and ``tests/journal``:

* ``backend`` — ``"sqlite"`` or ``"postgres"``. A test that asks for a journal (through
  ``journal_urls`` or ``journal_url``) runs once on each; :func:`only_on` limits it.
* ``journal_urls`` — makes URLs of new journals on the test's backend: a new file
  for SQLite, an empty database at head on the run's own PostgreSQL server (emptied
  and reused after the test, or dropped).
* ``journal_url`` — one such URL.
* ``journal_urls_on`` — ``JournalUrls`` for a backend the test names, for the few
  tests that compare the backends (they run once, whatever ``backend`` is).
* ``postgres_server`` — that server (:mod:`pg_server`), started when a test first needs
  it, once per pytest-xdist worker, and stopped at the end of the run.

PostgreSQL is part of the suite, not an extra: when no server can be started, every
PostgreSQL test fails with the reason. ``LUMBAR_TEST_POSTGRES=0`` skips them instead,
with that reason in the summary.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lumbar.store.engine import HEAD_REVISION, open_journal
from lumbar.store.tables import Base
from pg_server import PostgresServer, PostgresUnavailableError, start_server

__all__ = [
    "BACKENDS",
    "OPT_OUT",
    "JournalUrls",
    "backend",
    "journal_url",
    "journal_urls",
    "journal_urls_on",
    "only_on",
    "postgres_server",
]

BACKENDS = ("sqlite", "postgres")
OPT_OUT = "LUMBAR_TEST_POSTGRES"
"""Set to ``0`` to skip the PostgreSQL tests (they fail when no server can start)."""


@dataclass
class _Started:
    """The run's server, a template journal at head, and emptied journals to reuse.

    Making a database costs 0.1–0.4 s (PostgreSQL copies its template on disk);
    emptying a used journal costs a tenth of that.
    """

    server: PostgresServer
    head: str
    spare: list[str] = field(default_factory=list)

    def take(self) -> str:
        """An empty journal at head: one given back earlier, or a new copy of the template."""
        return self.spare.pop() if self.spare else self.server.create_database(self.head)

    def give_back(self, name: str) -> None:
        """Empty the journal ``name`` for another test, or drop it if it cannot be reused."""
        if _emptied(self.server, name):
            self.spare.append(name)
        else:
            self.server.drop_database(name)


def _emptied(server: PostgresServer, name: str) -> bool:
    """Delete every row of the journal ``name`` and restart its ids at 1.

    Returns False, changing nothing, when it is not a journal at head any more (a test
    changed its schema) or a connection left open by the test holds a lock on it.
    """
    import psycopg

    # DELETE beats TRUNCATE on tables this small (TRUNCATE makes new files); children first.
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    try:
        with server.connect(name) as connection:
            connection.execute("SET lock_timeout = '5s'")
            version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if version != [(HEAD_REVISION,)]:
                return False
            sequences = connection.execute(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
            ).fetchall()
            # One string, so one implicit transaction: all of it or none.
            connection.execute(
                "".join(f'DELETE FROM "{table}";' for table in tables)
                + "".join(f'ALTER SEQUENCE "{sequence}" RESTART;' for (sequence,) in sequences)
            )
    except psycopg.Error:
        return False
    return True


_STARTED = pytest.StashKey["_Started | PostgresUnavailableError"]()


def _start() -> _Started:
    server = start_server()
    try:
        head = server.create_database()
        # Migrating once and copying the result keeps a PostgreSQL journal as cheap to
        # make as an SQLite file; the migration itself is tested on empty databases.
        open_journal(server.url(head)).close()
    except BaseException:
        server.stop()
        raise
    return _Started(server, head)


def _started(request: pytest.FixtureRequest) -> _Started:
    if os.environ.get(OPT_OUT, "").strip() == "0":
        pytest.skip(f"{OPT_OUT}=0: the PostgreSQL tests are switched off")
    # The stash, not the fixture cache: conftest files in two folders import the fixture,
    # and one server per worker must serve both.
    config = request.config
    found = config.stash.get(_STARTED, None)
    if found is None:
        try:
            found = _start()
        except PostgresUnavailableError as exc:
            found = exc
        except Exception as exc:  # a server that starts but cannot be used: same failure
            found = PostgresUnavailableError(f"{type(exc).__name__}: {exc}")
        else:
            config.add_cleanup(found.server.stop)
        config.stash[_STARTED] = found
    if isinstance(found, PostgresUnavailableError):
        pytest.fail(
            f"the PostgreSQL tests cannot run: {found}\n(set {OPT_OUT}=0 to skip them)",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def postgres_server(request: pytest.FixtureRequest) -> PostgresServer:
    """The run's throwaway PostgreSQL server (skipped with ``LUMBAR_TEST_POSTGRES=0``)."""
    return _started(request).server


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test's journals are in: ``sqlite`` or ``postgres``."""
    return str(request.param)


def only_on(*names: str) -> pytest.MarkDecorator:
    """Run the decorated test on these backends only (it asks for ``backend`` indirectly)."""
    unknown = set(names) - set(BACKENDS)
    assert not unknown, f"unknown backends {unknown}"
    return pytest.mark.parametrize("backend", names, indirect=True)


@dataclass
class JournalUrls:
    """Makes the URLs of new journals on one backend, and gives them back when asked.

    Attributes:
        backend: ``sqlite`` or ``postgres``.
        folder: where SQLite files go.
    """

    backend: str
    folder: Path
    _request: pytest.FixtureRequest
    _journals: list[str] = field(default_factory=list)
    _empties: list[str] = field(default_factory=list)
    _files: int = 0

    def _server(self) -> _Started:
        return _started(self._request)

    def new(self) -> str:
        """A journal that :func:`open_journal` opens empty, at the head revision."""
        if self.backend == "sqlite":
            return self._new_file()
        name = self._server().take()
        self._journals.append(name)
        return self._server().server.url(name)

    def empty(self) -> str:
        """A database without any table (for SQLite, a file that does not exist yet)."""
        if self.backend == "sqlite":
            return self._new_file()
        name = self._server().server.create_database()
        self._empties.append(name)
        return self._server().server.url(name)

    def _new_file(self) -> str:
        self._files += 1
        return f"sqlite:///{self.folder / f'journal-{self._files}.db'}"

    def drop_all(self) -> None:
        """Give back the PostgreSQL databases made so far (their engines must be closed)."""
        if not self._journals and not self._empties:
            return
        started = self._server()
        while self._journals:
            started.give_back(self._journals.pop())
        while self._empties:
            started.server.drop_database(self._empties.pop())


@pytest.fixture
def journal_urls(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[JournalUrls]:
    """New journals on the test's backend; after the test, their databases are emptied for
    reuse (or dropped)."""
    urls = JournalUrls(backend, tmp_path, request)
    yield urls
    urls.drop_all()


@pytest.fixture
def journal_url(journal_urls: JournalUrls) -> str:
    """The URL of the test's journal (empty, at the head revision once opened)."""
    return journal_urls.new()


@pytest.fixture
def journal_urls_on(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], JournalUrls]]:
    """``journal_urls_on("postgres")``: new journals on that backend, given back after the test."""
    made: list[JournalUrls] = []

    def on(name: str) -> JournalUrls:
        assert name in BACKENDS, name
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        made.append(JournalUrls(name, folder, request))
        return made[-1]

    yield on
    for urls in made:
        urls.drop_all()
