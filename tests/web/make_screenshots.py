"""Regenerate the screenshots of the main pages in docs/screenshots/ (not a test).

Usage: .venv/bin/python tests/web/make_screenshots.py

Starts the web app on a fresh journal holding the demo person (120 days of history,
ending today), drives Debian's chromium through the main pages at desktop and phone
widths, and writes one PNG per page. Review the images before committing them.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

# Run as a script, this folder is on sys.path: share the test suite's browser and server.
from conftest import CHROMIUM, CHROMIUM_ARGS, SAMPLES, LiveServer

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
LONG = ("sources", "journal", "plan", "insights", "checkin")
"""Pages shown to the first screenful only (the whole page is a long scroll)."""
PAGES = [
    ("dashboard", "/", 1280),
    ("checkin", "/checkin", 1280),
    ("journal", "/journal", 1280),
    ("insights", "/insights", 1280),
    ("plan", "/plan", 1280),
    ("people", "/people", 1280),
    ("sources", "/sources", 1280),
    ("about", "/about", 1280),
    ("dashboard-phone", "/", 375),
    ("checkin-phone", "/checkin", 375),
]


def main() -> int:
    from playwright.sync_api import sync_playwright

    from lumbar.store.engine import open_journal
    from lumbar.web.demo import seed_demo

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "journal.db"
        journal = open_journal(f"sqlite:///{db}")
        seed_demo(journal, dt.date.today(), days=120)
        journal.close()
        server = LiveServer(db)
        server.start()
        url = server.url
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path, width in PAGES:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                for chart in page.locator(".chart").all():
                    chart.locator("svg").first.wait_for()
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=name not in LONG)
                page.close()
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + "/checkin")
            question = "genitals, buttocks or inner thighs"
            page.get_by_label(question, exact=False).first.check()
            page.locator("#flag-alert .banner").wait_for()
            page.screenshot(path=str(OUT / "checkin-emergency.png"))
            page.goto(url + "/checkin")
            page.get_by_label("None of these warning signs apply to me.").check()
            page.get_by_role("radio", name="3", exact=True).check()
            page.get_by_label("How many days ago did it start?").fill("1")
            page.get_by_label("the next day (12-48 hours after)").check()
            page.get_by_label("Kind of workout").select_option("strength")
            page.get_by_label("Exercises").fill("Deadlift, Back squat")
            page.locator("#workout\\.warm_up-yes").check()
            page.locator("#workout\\.cool_down-no").check()
            page.get_by_role("button", name="Assess my check-in").click()
            page.locator("main .banner").first.wait_for()
            page.screenshot(path=str(OUT / "checkin-result.png"), full_page=True)
            page.goto(url + "/import")
            page.set_input_files("#files", str(SAMPLES / "strong" / "strong.csv"))
            page.get_by_role("button", name="Import").click()
            page.locator("#import-summary").wait_for()
            page.screenshot(path=str(OUT / "import.png"), full_page=True)
            browser.close()
        server.stop()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
