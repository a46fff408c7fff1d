"""Real-browser tests of the journal side: importing a Strong export, the dashboard's chart,
drag and drop, and the phone layout."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def _workouts(path: Path, delimiter: str = ",", key: tuple[str, ...] = ("Date", "Workout Name")):
    with path.open(newline="", encoding="utf-8") as handle:
        return len(
            {tuple(row[k] for k in key) for row in csv.DictReader(handle, delimiter=delimiter)}
        )


def test_importing_a_strong_file_shows_its_sessions_in_the_journal(page) -> None:
    path = SAMPLES / "strong" / "strong.csv"
    page.goto("/import")
    page.set_input_files("#files", str(path))
    assert "strong.csv" in page.locator("#chosen-files").inner_text()
    page.get_by_role("button", name="Import").click()
    summary = page.locator("#import-summary")
    summary.wait_for(timeout=60_000)
    workouts = _workouts(path)
    assert f"{workouts} sessions" in summary.inner_text()
    page.get_by_role("link", name="See the new sessions").click()
    page.wait_for_url("**/journal?from=*")
    rows = page.locator("#sessions-table tbody tr")
    assert rows.count() == workouts
    assert "strong_csv: strong.csv" in rows.first.inner_text()


def test_a_file_dropped_on_the_page_is_imported(page) -> None:
    path = SAMPLES / "strong" / "example.csv"
    page.goto("/import")
    transfer = page.evaluate_handle(
        "(text) => { const d = new DataTransfer();"
        " d.items.add(new File([text], 'example.csv', {type: 'text/csv'})); return d; }",
        path.read_text(encoding="utf-8"),
    )
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    assert "example.csv" in page.locator("#chosen-files").inner_text()
    page.get_by_role("button", name="Import").click()
    page.locator("#import-summary").wait_for()
    expected = _workouts(path, ";", ("Workout #",))
    assert f"{expected} sessions" in page.locator("#import-summary").inner_text()


def test_the_dashboard_chart_draws_one_point_per_check_in(demo_db, page) -> None:
    first = dt.date.today() - dt.timedelta(days=26 * 7 - 1)
    checkins = page.request.get(f"/api/v1/checkins?from={first.isoformat()}").json()
    page.goto("/")
    points = page.locator("#pain-load-chart g.pain_marks path")
    points.first.wait_for()
    assert points.count() == len(checkins) > 20
    lines = page.locator("#pain-load-chart g.load_marks path")
    assert lines.count() == 2  # acute and chronic
    assert page.locator("#weekly-chart g.weekly_marks path").count() >= 10


def test_the_dashboard_fits_a_phone_width(demo_db, page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    page.locator("#pain-load-chart svg").wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    box = page.locator("#pain-load-chart svg").bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 375
    assert page.get_by_role("navigation", name="Main").is_visible()


def test_a_red_flag_ticked_while_correcting_a_check_in_is_answered_at_once(page) -> None:
    from importlib.resources import files

    import yaml

    triage = yaml.safe_load(files("lumbar.knowledge").joinpath("triage.yaml").read_text("utf-8"))
    page.request.post("/api/v1/people", data={"name": "Ana"})
    checkin = {"date": "2026-11-20", "pain": {"nrs": 3, "onset": "next_day"}, "symptoms": []}
    created = page.request.post("/api/v1/checkins", data={"checkin": checkin}).json()
    page.goto(f"/journal/checkins/{created['id']}")
    question = triage["symptoms"]["saddle_numbness"]["question"]
    correction = page.locator("form.checkin-form")
    assert correction.get_by_label("None of these warning signs apply to me.").is_checked()
    assert correction.get_by_label("the next day (12-48 hours after)").is_checked()
    correction.get_by_label("None of these warning signs apply to me.").uncheck()
    correction.get_by_label(question).check()
    alert = page.locator("#flag-alert .banner--emergency")
    alert.wait_for(state="visible")
    assert triage["headlines"]["emergency"] in alert.inner_text()
    correction.get_by_role("button", name="Save and assess again").click()
    page.wait_for_url(f"**/journal/checkins/{created['id']}")
    banner = page.locator("main .banner").first
    assert "banner--emergency" in (banner.get_attribute("class") or "")
