"""The Dashboard, Insights and Plan pages, on an empty journal and on the demo person's."""

from __future__ import annotations

import datetime as dt

import pytest

from lumbar.web.demo import DEMO_NAME, DEMO_SHOE, SHOE_KM_BEFORE


@pytest.fixture
def demo(demo_journal, client_with):
    """A client of an app on a copy of the demo journal."""
    return client_with()


def test_an_empty_journal_gets_a_welcome_and_the_way_in(client) -> None:
    page = client.get("/dashboard.json").json()
    assert page["person"] is None
    assert page["pain_load_chart"] is None
    assert [s["href"] for s in page["next_steps"]] == ["/checkin", "/people", "/import"]
    assert "Welcome to lumbar" in client.get("/").text


def test_the_chart_draws_one_pain_point_per_check_in_of_the_last_26_weeks(demo) -> None:
    today = dt.date.today()
    first = today - dt.timedelta(days=26 * 7 - 1)
    checkins = demo.get("/api/v1/checkins", params={"from": first.isoformat()}).json()
    page = demo.get("/dashboard.json").json()
    assert page["person"] == DEMO_NAME
    assert page["pain_points"] == len(checkins) > 20
    pain_layer = next(
        layer for layer in page["pain_load_chart"]["layer"] if layer["name"] == "pain"
    )
    drawn = sorted((p["date"], p["nrs"]) for p in pain_layer["data"]["values"])
    assert drawn == sorted((c["checkin"]["date"], c["checkin"]["pain"]["nrs"]) for c in checkins)


def test_the_banner_is_the_latest_check_in(demo) -> None:
    checkins = demo.get("/api/v1/checkins").json()
    latest = max(checkins, key=lambda c: (c["checkin"]["date"], c["at"]))
    page = demo.get("/dashboard.json").json()
    assert page["latest"]["id"] == int(latest["id"])
    assert page["latest"]["result"]["level"] == latest["assessment"]["triage"]["level"]
    html = demo.get("/").text
    assert f"banner--{latest['assessment']['triage']['level']}" in html


def test_the_demo_shoes_are_due_with_their_kilometres(demo) -> None:
    sessions = demo.get("/api/v1/sessions").json()
    km = SHOE_KM_BEFORE + sum(s["distance_km"] or 0 for s in sessions if s["shoe"] == DEMO_SHOE)
    shoes = demo.get("/dashboard.json").json()["shoes_due"]
    assert [s["shoe"] for s in shoes] == [DEMO_SHOE]
    assert shoes[0]["km"] == pytest.approx(km, abs=0.1)
    assert km > 480


def test_the_demo_deadlift_weeks_show_as_a_link_to_pain(demo) -> None:
    links = demo.get("/dashboard.json").json()["links"]
    assert links, "the demo is built so that heavy deadlift weeks go with pain"
    assert "deadlift" in links[0]["label"].lower()
    assert links[0]["strength"] in ("clear", "possible")


def test_an_urgent_check_in_today_heads_what_to_do_next(demo, token) -> None:
    form = {"csrf_token": token, "pain.nrs": "4", "symptoms": "fever"}
    demo.post("/checkin", data=form)
    page = demo.get("/dashboard.json").json()
    assert page["latest"]["result"]["level"] == "urgent"
    assert page["next_steps"][0]["text"] == page["latest"]["result"]["headline"]


def test_the_insights_page_reads_the_whole_journal(demo) -> None:
    sessions = demo.get("/api/v1/sessions").json()
    page = demo.get("/insights.json").json()
    assert page["sessions"] == len(sessions)
    assert 1 <= len(page["weeks"]) <= 12
    assert page["weeks"][-1]["week_end"] == dt.date.today().isoformat()
    assert sum(w["sessions"] for w in page["weeks"]) <= len(sessions)
    assert {f["key"] for f in page["figures"]} >= {"acute_load_au", "chronic_load_au"}
    assert "foster2001" in page["sources"]
    html = demo.get("/insights").text
    assert 'href="/sources#src-foster2001"' in html


def test_the_plan_page_prints_the_latest_plan(demo) -> None:
    page = demo.get("/plan.json").json()
    plan = page["latest"]["result"]["assessment"]["plan"]
    html = demo.get("/plan").text
    assert f"Plan for {DEMO_NAME}" in html
    first_item = next(items[0] for items in plan.values() if items)
    assert first_item["text"].split("`")[0][:40] in html
    assert 'media="print"' in html


def test_the_plan_page_without_a_check_in_says_so(client) -> None:
    assert "There is no check-in yet" in client.get("/plan").text
    assert client.get("/plan.json").json()["latest"] is None
