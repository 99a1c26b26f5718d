"""A visitor with JavaScript switched off writes to the clinic in headless Chromium."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from service.data.extensions import db
from service.data.models import Inquiry

pytestmark = pytest.mark.e2e


def test_visitor_without_javascript_sends_the_form_and_sees_the_thank_you_page(
    app, live_server, no_js_page
):
    app.config["SPAM_UNSURE_AT"], app.config["SPAM_AT"] = 1000.0, 1001.0
    page = no_js_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Contact").click()
    # The click starts the navigation; the title is the new page's once it has loaded.
    expect(page).to_have_title("Contact us · Clinic Desk")
    assert page.get_by_role("note").inner_text() == app.config["EMERGENCY_NOTICE"]

    page.get_by_label("Your name").fill("Grace Lindqvist")
    page.get_by_label("Email address").fill("grace@example.org")
    page.get_by_label("Phone number (optional)").fill("+46 8 123 456 78")
    page.get_by_label("What is your message about?").select_option("appointment")
    page.get_by_label("Your message", exact=True).fill(
        "Could I move my appointment to Thursday morning?"
    )
    page.get_by_label(app.config["CONSENT_TEXT"]).check()
    page.get_by_role("button", name="Send message").click()

    expect(page).to_have_url(live_server.url + "/contact/thanks")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Thank you, your message has been sent"
    assert "Grace" not in page.content()
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry.message == "Could I move my appointment to Thursday morning?"
    assert inquiry.topic == "appointment"
    # A person filling the form never touches the honeypot.
    assert "honeypot" not in {reason["rule"] for reason in inquiry.reasons}


def test_visitor_without_javascript_sees_what_to_fix_and_keeps_what_they_typed(
    live_server, no_js_page
):
    page = no_js_page
    page.goto(live_server.url + "/contact")
    page.get_by_label("Your name").fill("Grace Lindqvist")
    page.get_by_label("Email address").fill("grace.example.org")
    page.get_by_role("button", name="Send message").click()

    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == "There is a problem with what you sent"
    links = summary.get_by_role("link")
    assert links.all_inner_texts() == [
        "This does not look like an email address (name@example.org).",
        "Please choose what your message is about.",
        "Please write your message.",
        "Please tick the box to agree that we may store your message; we cannot answer without it.",
    ]
    assert links.first.get_attribute("href") == "#email"
    assert page.get_by_label("Your name").input_value() == "Grace Lindqvist"
    assert page.get_by_label("Email address").get_attribute("aria-invalid") == "true"
    expect(page).to_have_title("Error: Contact us · Clinic Desk")
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 0
