"""``lumbar serve``: options, the warning off loopback, the demo, and a cheap registration."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from lumbar import web_cli


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run replaced by a recorder: the command returns instead of serving."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def _invoke(*args: str) -> Any:
    app = typer.Typer()
    web_cli.register(app)
    app.command("noop")(lambda: None)  # two commands, so that "serve" is named
    return CliRunner().invoke(app, ["serve", *args], catch_exceptions=False)


def test_serve_listens_on_loopback_port_8000_by_default(runs, db_file) -> None:
    result = _invoke("--db", str(db_file))
    assert result.exit_code == 0, result.output
    assert (runs[0]["host"], runs[0]["port"]) == ("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000/" in result.output
    assert "WARNING" not in result.output


def test_a_host_other_than_loopback_prints_the_no_accounts_warning(runs, db_file) -> None:
    result = _invoke("--host", "0.0.0.0", "--port", "8123", "--db", str(db_file))
    assert result.exit_code == 0
    assert "WARNING" in result.output
    assert "no accounts" in result.output
    assert runs[0]["port"] == 8123


def test_demo_seeds_an_empty_journal_once(runs, tmp_path) -> None:
    db = tmp_path / "new.db"
    first = _invoke("--db", str(db), "--demo")
    assert "Added the demo person 'Alex (demo)'" in first.output
    second = _invoke("--db", str(db), "--demo")
    assert "already has people" in second.output


def test_a_bad_port_in_the_environment_is_refused_by_name(runs, monkeypatch, db_file) -> None:
    monkeypatch.setenv("LUMBAR_PORT", "eighty")
    result = _invoke("--db", str(db_file))
    assert result.exit_code == 2
    assert runs == []


def test_registering_serve_loads_neither_fastapi_nor_uvicorn() -> None:
    code = (
        "import sys, typer; from lumbar import web_cli; web_cli.register(typer.Typer()); "
        "import lumbar.cli; print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
