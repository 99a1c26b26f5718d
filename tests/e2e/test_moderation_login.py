"""Signing in with two-factor in headless Chromium, as a moderator would."""

from __future__ import annotations

import pyotp
import pytest
from playwright.sync_api import expect

from service.data.extensions import db
from service.data.models import Role
from tests.factories import KNOWN_PASSWORD, ModeratorFactory

pytestmark = pytest.mark.e2e


def test_sign_in_with_password_and_totp_code(live_server, page):
    secret = pyotp.random_base32()
    admin = ModeratorFactory(role=Role.ADMIN, totp_secret=secret)
    db.session.commit()

    page.goto(live_server.url + "/moderation/audit")
    assert "/moderation/login" in page.url
    page.get_by_label("Email address").fill(admin.email)
    page.get_by_label("Password").fill(KNOWN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/moderation/login/code")
    page.get_by_role("textbox", name="Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()

    # Back where the moderator wanted to go, signed in.
    page.wait_for_url("**/moderation/audit")
    assert page.get_by_role("heading", level=1).inner_text() == "Audit log"
    assert page.get_by_role("cell", name="Signed in login", exact=True).first.is_visible()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/moderation/login")
    assert "signed out on this device" in page.content()


def test_admin_enrols_two_factor_at_first_sign_in_without_javascript(live_server, no_js_page):
    page = no_js_page
    admin = ModeratorFactory(role=Role.ADMIN)
    db.session.commit()

    page.goto(live_server.url + "/moderation/login")
    page.get_by_label("Email address").fill(admin.email)
    page.get_by_label("Password").fill(KNOWN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/moderation/two-factor/setup")
    assert page.get_by_role("img", name="QR code of the setup key").is_visible()
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in is on")
    assert page.locator(".recovery-codes li").count() == 10
