"""The Sources and About pages."""

from __future__ import annotations

import re
from importlib.resources import files

import yaml

SOURCES = yaml.safe_load(files("lumbar.knowledge").joinpath("sources.yaml").read_text("utf-8"))


def test_every_source_of_the_bibliography_has_its_anchor(client) -> None:
    html = client.get("/sources").text
    anchors = re.findall(r'<li id="src-([a-z0-9_]+)"', html)
    assert anchors == [s["id"] for s in SOURCES["sources"]]
    page = client.get("/sources.json").json()
    assert [s["id"] for s in page["sources"]] == anchors


def test_every_citation_on_a_result_page_resolves_in_the_bibliography(client, token) -> None:
    form = {"csrf_token": token, "pain.nrs": "6", "symptoms": "fever", "profile.age": "72"}
    html = client.post("/checkin", data=form).text
    cited = set(re.findall(r'href="/sources#src-([a-z0-9_]+)"', html))
    assert cited
    assert cited <= {s["id"] for s in SOURCES["sources"]}


def test_about_names_the_emergency_numbers_the_journal_and_the_libraries(
    client, journal_db
) -> None:
    html = client.get("/about").text
    for number in ("999", "112", "911", "000"):
        assert f"<strong>{number}</strong>" in html
    assert "What lumbar is not" in html
    page = client.get("/about.json").json()
    assert page["journal"].endswith(journal_db)
    assert page["loopback_only"] is True
    assert {lib["package"] for lib in page["libraries"]} == {
        "htmx.org",
        "vega",
        "vega-lite",
        "vega-embed",
    }


def test_about_masks_the_password_of_a_database_url(client_on) -> None:
    url = "postgresql+psycopg://ana:s3cret-Pa55@db.example:5432/lumbar"
    client = client_on(url)  # the About page names the journal without opening it
    page = client.get("/about.json").json()
    html = client.get("/about").text
    assert page["journal"] == "postgresql+psycopg://ana:***@db.example:5432/lumbar"
    assert "s3cret" not in html


def test_about_warns_when_the_server_is_reachable_from_other_machines(client_with) -> None:
    html = client_with(host="0.0.0.0").get("/about").text
    assert "reachable from other computers" in html
