"""Urgent triage in Chromium: the visitor's emergency alert at phone and desktop width, and the
urgent inquiry at the top of the queue with its badge."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import Inquiry
from tests.e2e.test_accessibility import violations
from tests.e2e.test_moderation_queue import sign_in
from tests.factories import InquiryFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

URGENT = "My father has crushing chest pain right now and he is sweating."


@pytest.fixture(scope="session")
def axe_source() -> str:
    from tests.conftest import need
    from tests.e2e.test_accessibility import AXE

    need(AXE.exists(), "axe-core is not installed: run `make install` (needs npm)")
    return AXE.read_text()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_thank_you_page_of_an_urgent_message_leads_with_the_emergency_alert(
    app, live_server, browser, axe_source, width
):
    app.config["SPAM_UNSURE_AT"], app.config["SPAM_AT"] = 1000.0, 1001.0
    context = browser.new_context(
        java_script_enabled=True, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/contact")
        page.get_by_label("Your name").fill("Grace Lindqvist")
        page.get_by_label("Email address").fill("grace@example.org")
        page.get_by_label("What is your message about?").select_option("other")
        page.get_by_label("Your message", exact=True).fill(URGENT)
        page.get_by_label(app.config["CONSENT_TEXT"]).check()
        page.get_by_role("button", name="Send message").click()

        expect(page).to_have_url(live_server.url + "/contact/thanks")
        alert = page.get_by_role("alert")
        assert alert.is_visible()
        assert alert.get_by_role("heading").inner_text() == "Your message may describe an emergency"
        assert app.config["EMERGENCY_NOTICE"] in alert.inner_text()
        box = alert.bounding_box()
        assert box is not None and box["y"] < 400  # above the fold, before the thanks
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        sideways = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 0
        assert violations(page, axe_source) == []
        assert db.session.query(Inquiry).one().urgent is True
    finally:
        context.close()


def test_the_queue_shows_the_urgent_inquiry_first_with_its_badge(live_server, page, moderator):
    now = utcnow()
    InquiryFactory(created_at=now, message="Could I move my appointment?")
    urgent = InquiryFactory(urgent=True, created_at=now - dt.timedelta(hours=3), message=URGENT)
    db.session.commit()
    sign_in(page, live_server.url, moderator)
    page.goto(live_server.url + "/moderation/")
    first = page.locator("article.queue-item").first
    assert first.get_attribute("id") == f"inquiry-{urgent.id}"
    badge = first.locator(".badge-urgent")
    assert badge.is_visible()
    assert badge.inner_text().strip() == "⚠ Urgent"
