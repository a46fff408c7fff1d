"""Accessibility checks that need no browser: labels, landmarks, headings, colour contrast."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

CSS = files("lumbar.web").joinpath("static/css/lumbar.css").read_text(encoding="utf-8")


@pytest.fixture
def full(client, token) -> object:
    """A journal with one person, one session and one check-in, so every form shows."""
    client.post("/api/v1/people", json={"name": "Ana"})
    session = {"start": "2026-11-20T18:00:00", "type": "strength", "sets": [{"exercise": "Squat"}]}
    client.post("/api/v1/sessions", json=session)
    client.post("/api/v1/checkins", json={"checkin": {"pain": {"nrs": 3}}})
    return client


PAGES = [
    "/",
    "/checkin",
    "/journal",
    "/journal/sessions/new",
    "/journal/sessions/1",
    "/journal/checkins/1",
    "/import",
    "/insights",
    "/plan",
    "/people",
    "/sources",
    "/about",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_control_has_a_label_and_every_page_its_landmarks(full, path) -> None:
    html = full.get(path).text
    assert '<html lang="en">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1, "one main heading"
    assert '<main id="main"' in html
    assert 'href="#main"' in html  # the skip link
    controls = re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html
    )
    unnamed = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")(?![^>]*\bid=)', html)
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    assert unnamed == []
    assert [c for c in controls if c not in labelled] == []
    assert len(controls) == len(set(controls)), "ids are unique"


def _variables() -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6})", CSS))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("ink", "paper"),
        ("muted", "paper"),
        ("muted", "panel"),
        ("link", "paper"),
        ("link", "panel"),
        ("#ffffff", "emergency"),
        ("ink", "urgent"),
        ("ink", "clinician"),
        ("#ffffff", "selfcare"),
        ("#ffffff", "#14283d"),
    ],
)
def test_text_colours_reach_wcag_aa_contrast(text, background) -> None:
    colours = _variables()
    ratio = _contrast(colours.get(text, text), colours.get(background, background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}"


def test_focus_is_always_visible() -> None:
    rule = re.search(r":focus-visible \{([^}]*)\}", CSS)
    assert rule is not None
    assert "outline: 3px solid" in rule.group(1)
    assert "outline: none" not in CSS.replace("main:focus { outline: none; }", "")
