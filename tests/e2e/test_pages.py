"""Pages render in a real browser and look finished."""

import pytest

pytestmark = pytest.mark.e2e


def test_front_page_renders_in_chromium_with_the_stylesheet(live_server, page):
    page.goto(live_server.url + "/")
    assert page.title() == "Welcome · Clinic Desk"
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Welcome to Clinic Desk"
    # The stylesheet loaded: the header has its surface colour, not the browser default.
    background = page.eval_on_selector(".site-header", "e => getComputedStyle(e).borderBottomStyle")
    assert background == "solid"


def test_skip_link_is_the_first_stop_for_keyboard_users(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
