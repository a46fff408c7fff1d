"""Benchmark: the web app's throughput and latency, and the dashboard's server time.

1. Load: ``lumbar``'s web app served by uvicorn in one process (pinned to core 0 where
   ``taskset`` exists), loaded from a second process on loopback (pinned to core 1) by a
   small asyncio HTTP/1.1 client over keep-alive connections: a bounded number of
   requests at a fixed concurrency. ``POST /api/v1/assessments`` (the contract's example
   check-in) is measured side by side with ``GET /api/v1/health`` (a trivial JSON answer
   through the same middleware), in alternating rounds of the same run; each endpoint's
   best round is reported (other work on the machine only ever slows a round down).
   Reported: requests per second and p50/p99 latency as the client sees them. Goal:
   assessments at ≥ 50 % of the trivial endpoint's rate, p99 under 50 ms.
2. Dashboard: the demo person with 5 years of history (about 1,000 sessions, 7,000 sets
   and 900 check-ins); the time to answer ``GET /`` (HTML) and ``GET /dashboard.json``
   inside the server process, in-process through ASGI (no network). Goal: under 150 ms.

Usage: python benchmarks/bench_web.py [--requests 6000] [--concurrency 8] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

PYTHON = sys.executable
HAVE_TASKSET = shutil.which("taskset") is not None and (os.cpu_count() or 1) >= 2
CHECKIN = {
    "date": "2026-11-24",
    "profile": {
        "age": 34,
        "sex": "female",
        "height_cm": 170,
        "weight_kg": 68,
        "conditions": ["scoliosis"],
        "desk_hours_per_day": 8,
        "core_sessions_per_week": 0,
    },
    "pain": {
        "nrs": 4,
        "days_since_onset": 2,
        "onset": "next_day",
        "quality": ["aching", "stiff"],
        "side": "both",
        "spread": "diffuse",
        "radiates_to": "none",
        "trend": "improving",
        "worse_at_night": False,
        "episodes_last_3_months": 0,
    },
    "symptoms": [],
    "workout": {
        "type": "strength",
        "exercises": ["deadlift", "back squat"],
        "warm_up": True,
        "cool_down": False,
        "rpe": 8,
        "duration_min": 60,
        "load_change_pct": 10,
        "form_breakdown": False,
        "new_exercise": False,
        "surface": "gym_floor",
        "shoe_km": None,
        "belt": False,
    },
    "history": {"sessions": [], "checkins": []},
}
SERVER = """
import sys, uvicorn
from lumbar.web import WebSettings, create_app
db, port = sys.argv[1], int(sys.argv[2])
app = create_app(WebSettings(port=port, db=db))
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
"""


def _pin(core: int) -> list[str]:
    return ["taskset", "-c", str(core)] if HAVE_TASKSET else []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --------------------------------------------------------------------------- the client


def _request(method: str, path: str, host: str, body: bytes) -> bytes:
    head = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Accept: application/json"]
    if body:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def _worker(host: str, port: int, raw: bytes, count: int, out: list[float]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for _ in range(count):
            start = time.perf_counter()
            writer.write(raw)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            if status != 200:
                raise RuntimeError(f"status {status}")
            out.append(time.perf_counter() - start)
    finally:
        writer.close()


async def _load(url: str, method: str, path: str, body: bytes, total: int, workers: int) -> dict:
    host_port = url.split("//", 1)[1]
    host, port = host_port.split(":")
    raw = _request(method, path, host_port, body)
    latencies: list[float] = []
    share = [total // workers + (1 if i < total % workers else 0) for i in range(workers)]
    start = time.perf_counter()
    await asyncio.gather(*(_worker(host, int(port), raw, n, latencies) for n in share))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


def client_main(argv: list[str]) -> None:
    """Entry point of the load-generating process: prints one JSON line."""
    url, method, path, body_file, total, workers = argv
    body = Path(body_file).read_bytes() if body_file != "-" else b""
    result = asyncio.run(_load(url, method, path, body, int(total), int(workers)))
    print(json.dumps(result))


def _run_client(url: str, method: str, path: str, body: Path | None, total: int, workers: int):
    command = [*_pin(1), PYTHON, __file__, "--client", url, method, path]
    command += [str(body) if body else "-", str(total), str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- the runs


def _wait_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            with urllib.request.urlopen(url + "/api/v1/health", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def load_benchmark(db: Path, total: int, workers: int, rounds: int) -> dict[str, Any]:
    """Throughput and latency of the two endpoints, alternating, ``rounds`` times each."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    body = db.parent / "checkin.json"
    body.write_text(json.dumps(CHECKIN))
    server = subprocess.Popen([*_pin(0), PYTHON, "-c", SERVER, str(db), str(port)])
    try:
        _wait_up(url, server)
        _run_client(url, "POST", "/api/v1/assessments", body, 2000, workers)  # warm-up
        _run_client(url, "GET", "/api/v1/health", None, 2000, workers)
        runs: dict[str, list[dict]] = {"health": [], "assessments": []}
        for _ in range(rounds):
            runs["health"].append(_run_client(url, "GET", "/api/v1/health", None, total, workers))
            runs["assessments"].append(
                _run_client(url, "POST", "/api/v1/assessments", body, total, workers)
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {name: max(results, key=lambda r: r["rps"]) for name, results in runs.items()}


def dashboard_benchmark(db: Path, repeats: int = 30) -> dict[str, dict[str, float]]:
    """Server time of the dashboard (HTML and JSON) for the 5-year journal, in process."""
    import httpx

    from lumbar.web import WebSettings, create_app

    app = create_app(WebSettings(db=str(db)))

    async def measure(path: str) -> dict[str, float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            for _ in range(3):  # warm-up: the journal opened, templates compiled
                (await client.get(path)).raise_for_status()
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                (await client.get(path)).raise_for_status()
                times.append(1000 * (time.perf_counter() - start))
        times.sort()
        return {"median_ms": statistics.median(times), "p90_ms": times[int(len(times) * 0.9)]}

    return {path: asyncio.run(measure(path)) for path in ("/", "/dashboard.json")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=6_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()

    from lumbar.store.engine import open_journal
    from lumbar.web.demo import seed_demo

    with tempfile.TemporaryDirectory(prefix="lumbar-bench-web-") as folder:
        db = Path(folder) / "journal.db"
        journal = open_journal(f"sqlite:///{db}")
        summary = seed_demo(journal, dt.date.today(), days=365 * args.years)
        journal.close()
        load = load_benchmark(db, args.requests, args.concurrency, args.rounds)
        dashboard = dashboard_benchmark(db)

    health, assessments = load["health"], load["assessments"]
    ratio = assessments["rps"] / health["rps"]
    pinned = "server on core 0, client on core 1" if HAVE_TASKSET else "not pinned"
    print(
        f"load: {args.requests} requests x best of {args.rounds} rounds, "
        f"{args.concurrency} keep-alive connections, loopback ({pinned})"
    )
    print(f"{'endpoint':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name, result in (("GET /api/v1/health", health), ("POST /api/v1/assessments", assessments)):
        row = f"{name:<28}{result['rps']:>10.0f}{result['p50_ms']:>10.2f}{result['p99_ms']:>10.2f}"
        print(row)
    print(
        f"assessments at {100 * ratio:.0f} % of the trivial endpoint's rate (goal >= 50 %), "
        f"p99 {assessments['p99_ms']:.1f} ms (goal < 50 ms)"
    )
    print(
        f"dashboard, {args.years} years ({summary.sessions} sessions, {summary.sets} sets, "
        f"{summary.checkins} check-ins), server time in process:"
    )
    for path, times in dashboard.items():
        print(
            f"  GET {path:<16} median {times['median_ms']:.1f} ms, p90 {times['p90_ms']:.1f} ms "
            "(goal < 150 ms)"
        )
    met = ratio >= 0.5 and assessments["p99_ms"] < 50 and dashboard["/"]["median_ms"] < 150
    print("goals met" if met else "goals NOT met (figures on a busy machine are lower)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        client_main(sys.argv[2:])
    else:
        raise SystemExit(main())
