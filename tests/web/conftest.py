"""Fixtures for the web tests: an app on a fresh journal, an in-process client, a live server.

The in-process client's journal is on each backend in turn (``journal_db``): every test
that uses ``client`` or ``client_with`` runs on SQLite and on PostgreSQL. The live
server of the browser tests uses an SQLite file.

The in-process client talks to the app as a browser on this machine would: Host
``localhost`` and the test's CSRF token. The live server (uvicorn in a thread, on a
free loopback port) serves the real-browser tests.
"""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from backends import backend, journal_urls, postgres_server
from lumbar.web import WebSettings, create_app

__all__ = ["backend", "journal_urls", "postgres_server"]  # fixtures from tests/backends.py

with warnings.catch_warnings():
    # Starlette asks for the `httpx2` fork; the test client works the same with httpx.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

# ../shared beside the repository (read at test time, never copied).
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "samples"
VIGNETTES = SHARED / "vignettes" / "public.jsonl"
TOKEN = "test-csrf-token"
BASE = "http://localhost"


def make_client(db: Path | str, **settings: Any) -> TestClient:
    """A client for a new app on the journal ``db`` (a path or a database URL)."""
    app = create_app(WebSettings(db=str(db), **settings), csrf_token=TOKEN)
    return TestClient(app, base_url=BASE)


@pytest.fixture
def token() -> str:
    """The CSRF token of the apps built by these fixtures."""
    return TOKEN


@pytest.fixture
def samples() -> Path:
    """The shared folder of real files exported by real apps."""
    assert SAMPLES.is_dir(), f"missing {SAMPLES}: tests read the shared samples"
    return SAMPLES


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty journal at the newest schema, made once (migrations take a while)."""
    from lumbar.store.engine import open_journal

    path = tmp_path_factory.mktemp("empty") / "journal.db"
    open_journal(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def db_file(tmp_path: Path, empty_template: Path) -> Path:
    """The test's own journal file: an empty journal at the newest schema."""
    import shutil

    path = tmp_path / "journal.db"
    shutil.copyfile(empty_template, path)
    return path


@pytest.fixture
def journal_db(backend: str, db_file: Path, request: pytest.FixtureRequest) -> str:
    """The test's empty journal on its backend: the SQLite file, or a PostgreSQL URL."""
    if backend == "sqlite":
        return str(db_file)
    return str(request.getfixturevalue("journal_urls").new())


@pytest.fixture
def client(journal_db: str) -> Iterator[TestClient]:
    """An in-process client of an app on an empty journal (SQLite, then PostgreSQL)."""
    with make_client(journal_db) as test_client:
        yield test_client


@pytest.fixture
def client_with(journal_db: str) -> Iterator[Any]:
    """Build a client of an app with other settings: ``client_with(max_upload_bytes=1000)``.

    Each app is started and, after the test, stopped (which closes its journal).
    """
    with ExitStack() as apps:
        yield lambda **settings: apps.enter_context(make_client(journal_db, **settings))


@pytest.fixture
def client_on() -> Iterator[Any]:
    """Build a client of an app on another journal, a path or URL: ``client_on(url)``."""
    with ExitStack() as apps:
        yield lambda db: apps.enter_context(make_client(db))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """uvicorn serving the app in a background thread."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        self.port = _free_port()
        self.db = db
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(WebSettings(port=self.port, db=str(db)))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(db_file: Path) -> Iterator[LiveServer]:
    """A real server on a free loopback port, on the test's own journal."""
    server = LiveServer(db_file)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal holding the demo person (120 days of history ending today), made once."""
    import datetime as dt

    from lumbar.store.engine import open_journal
    from lumbar.web.demo import seed_demo

    path = tmp_path_factory.mktemp("demo") / "journal.db"
    journal = open_journal(f"sqlite:///{path}")
    try:
        seed_demo(journal, dt.date.today(), days=120, now=dt.datetime.now())
    finally:
        journal.close()  # the last connection checkpoints the WAL: the file is whole
    return path


@pytest.fixture
def demo_db(demo_template: Path, db_file: Path) -> Path:
    """The test's own copy of the demo journal, in its SQLite file (the live server's)."""
    import shutil

    shutil.copyfile(demo_template, db_file)
    return db_file


@pytest.fixture
def demo_journal(backend: str, journal_db: str, demo_template: Path) -> str:
    """The demo person's journal on the test's backend, where ``client`` looks."""
    import datetime as dt
    import shutil

    from lumbar.store.engine import open_journal
    from lumbar.web.demo import seed_demo

    if backend == "sqlite":
        shutil.copyfile(demo_template, journal_db)
        return journal_db
    journal = open_journal(journal_db)
    try:
        seed_demo(journal, dt.date.today(), days=120, now=dt.datetime.now())
    finally:
        journal.close()
    return journal_db


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (``make test`` installs the package)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make browser` installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A fresh browser tab on the live server; fails the test on any console error."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
    assert errors == [], f"the browser reported errors: {errors}"
