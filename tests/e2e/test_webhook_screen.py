"""The webhook screen in headless Chromium: an admin adds a chat endpoint, sends a test event,
reads the log; the page passes the axe checks with and without errors."""

from __future__ import annotations

import pyotp
import pytest

from service.data.extensions import db
from service.data.models import Role
from tests.conftest import need
from tests.e2e.test_accessibility import AXE, violations
from tests.factories import KNOWN_PASSWORD, ModeratorFactory
from tests.functional.test_webhooks import running_receiver

pytestmark = pytest.mark.e2e


def test_an_admin_adds_a_slack_endpoint_and_sends_a_test_event(app, live_server, page):
    need(AXE.exists(), "axe-core is not installed: run `make install` (needs npm)")
    axe = AXE.read_text()
    app.config["WEBHOOK_ALLOWED_HOSTS"] = ["127.0.0.1"]
    secret = pyotp.random_base32()
    admin = ModeratorFactory(role=Role.ADMIN, totp_secret=secret)
    db.session.commit()

    page.goto(live_server.url + "/moderation/webhooks")
    page.get_by_label("Email address").fill(admin.email)
    page.get_by_label("Password").fill(KNOWN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/moderation/login/code")
    page.get_by_role("textbox", name="Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/moderation/webhooks")
    assert page.get_by_role("heading", level=1).inner_text() == "Webhooks and chat alerts"
    assert violations(page, axe) == []

    page.get_by_label("Name").fill("Router")
    page.get_by_label("Address", exact=True).fill("http://192.168.0.1/hook")
    page.get_by_role("checkbox", name="Item marked as spam").check()
    page.get_by_role("button", name="Add the endpoint").click()
    page.wait_for_selector(".error-summary")
    assert "192.168.0.1 is a private address" in page.locator(".error-summary").inner_text()
    assert violations(page, axe) == []

    with running_receiver() as receiver:
        page.get_by_label("Name").fill("Front desk Slack")
        page.get_by_label("Address", exact=True).fill(receiver.url("/slack"))
        page.get_by_label("Kind").select_option("slack")
        page.get_by_role("checkbox", name="Comment held for review").check()
        page.get_by_role("button", name="Add the endpoint").click()
        page.wait_for_selector("#new-secret")
        assert page.locator("#new-secret").input_value().startswith("whsec_")

        page.get_by_role("button", name="Send test event to Front desk Slack").click()
        page.wait_for_url("**/moderation/webhooks")
        assert "The test event was delivered (HTTP 200)." in page.content()
        [request] = receiver.requests
        assert request.path == "/slack"
        assert "Test alert" in request.json["text"]
    assert (
        page.get_by_role("cell", name="Front desk Slack", exact=True).count() == 2
    )  # endpoint and log
    assert violations(page, axe) == []
