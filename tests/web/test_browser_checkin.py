"""Real-browser tests of the check-in: chromium, the live server, HTMX and the no-JS fallback."""

from __future__ import annotations

from importlib.resources import files

import yaml

TRIAGE = yaml.safe_load(files("lumbar.knowledge").joinpath("triage.yaml").read_text("utf-8"))


def test_a_full_check_in_by_clicking_through_the_form_ends_in_self_care(page) -> None:
    page.goto("/checkin")
    page.get_by_label("None of these warning signs apply to me.").check()
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_label("How many days ago did it start?").fill("1")
    page.get_by_label("the next day (12-48 hours after)").check()
    page.get_by_label("aching", exact=True).check()
    page.get_by_label("both sides").check()
    page.get_by_label("spread over an area").check()
    page.get_by_label("it does not spread").check()
    page.get_by_label("getting better").check()
    page.locator("#pain\\.worse_at_night-no").check()
    page.get_by_label("Kind of workout").select_option("strength")
    page.get_by_label("Exercises").fill("Back squat, Romanian deadlift")
    page.locator("#workout\\.warm_up-yes").check()
    page.locator("#workout\\.cool_down-yes").check()
    page.get_by_label("Age in years").fill("31")
    page.get_by_label("None of these conditions.").check()
    assert page.locator("#flag-alert .banner").count() == 0
    page.get_by_role("button", name="Assess my check-in").click()
    page.wait_for_url("**/checkin")
    banner = page.locator("main .banner").first
    assert "banner--self_care" in (banner.get_attribute("class") or "")
    assert TRIAGE["headlines"]["self_care"]["soreness"] in banner.inner_text()
    assert page.get_by_role("heading", name="What to do now").is_visible()


def test_ticking_saddle_numbness_shows_the_emergency_advice_at_once(page) -> None:
    page.goto("/checkin")
    page.get_by_label(TRIAGE["symptoms"]["saddle_numbness"]["question"]).check()
    alert = page.locator("#flag-alert .banner--emergency")
    alert.wait_for(state="visible")
    assert TRIAGE["headlines"]["emergency"] in alert.inner_text()
    # Before anything else: the alert is the form's first visible content, and in view.
    first = page.evaluate(
        "() => { const f = document.querySelector('form.checkin-form');"
        " return [...f.children].find(e => e.offsetHeight > 0).id; }"
    )
    assert first == "flag-alert"
    box = alert.bounding_box()
    assert box is not None
    assert box["y"] < page.viewport_size["height"]
    # Unticking takes the alert away.
    page.get_by_label(TRIAGE["symptoms"]["saddle_numbness"]["question"]).uncheck()
    page.locator("#flag-alert .banner").wait_for(state="detached")


def test_the_emergency_alert_stays_in_view_when_a_late_sign_is_ticked(page) -> None:
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto("/checkin")
    page.get_by_label(TRIAGE["symptoms"]["chest_pain"]["question"]).check()
    alert = page.locator("#flag-alert .banner--emergency")
    alert.wait_for(state="visible")
    box = alert.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 700


def test_without_javascript_the_result_page_leads_with_the_emergency_advice(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto("/checkin")
        tab.get_by_label(TRIAGE["symptoms"]["saddle_numbness"]["question"]).check()
        tab.get_by_role("radio", name="6", exact=True).check()
        tab.get_by_role("button", name="Assess my check-in").click()
        first = tab.locator("main > *").first
        assert "banner--emergency" in (first.get_attribute("class") or "")
        assert TRIAGE["headlines"]["emergency"] in first.inner_text()
    finally:
        context.close()


def test_the_check_in_fits_a_phone_width(page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/checkin")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_text("lumbar is not a diagnosis").first.is_visible()


def test_the_keyboard_reaches_the_skip_link_first_and_focus_is_visible(page) -> None:
    page.goto("/checkin")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to the content"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
    )
    assert style[0] != "none"
    assert style[1] != "0px"
