"""Signing in with the identity provider in headless Chromium: the button, the provider's own
login and consent pages (oidc-provider on 127.0.0.1), and back, signed in with the mapped role."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import Moderator, Role
from tests.oidcprovider import CLIENT_ID, CLIENT_SECRET, running_provider

pytestmark = pytest.mark.e2e


@pytest.fixture
def provider(app, live_server, tmp_path):
    callback = live_server.url + "/moderation/login/sso/callback"
    with running_provider(tmp_path, [callback]) as running:
        app.config.update(
            OIDC_ISSUER=running.issuer,
            OIDC_CLIENT_ID=CLIENT_ID,
            OIDC_CLIENT_SECRET=CLIENT_SECRET,
            OIDC_PROVIDER_NAME="Clinic ID",
            OIDC_SCOPES="openid email profile groups",
            OIDC_ROLE_CLAIM="groups",
            OIDC_ADMIN_VALUES=["desk-admins"],
            OIDC_MODERATOR_VALUES=["staff"],
            OIDC_AUTO_CREATE=True,
            OIDC_ALLOWED_DOMAINS=["clinic.example"],
        )
        yield running


def test_sign_in_with_the_identity_provider_maps_the_admin_role(live_server, provider, page):
    # The provider's pages load a web font from the internet; nothing here may leave the host.
    page.route(
        "**/*",
        lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.continue_(),
    )
    page.goto(live_server.url + "/moderation/audit")
    assert "/moderation/login" in page.url
    page.get_by_role("link", name="Sign in with Clinic ID").click()

    # At the provider: its login page, then its consent page.
    page.wait_for_url(provider.issuer + "/interaction/**")
    page.locator("input[name=login]").fill("alice")
    page.locator("input[name=password]").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()

    # Back where the person wanted to go, signed in as an administrator.
    page.wait_for_url(live_server.url + "/moderation/audit")
    assert page.get_by_role("heading", level=1).inner_text() == "Audit log"
    assert page.get_by_role("link", name="Moderators").is_visible()
    assert page.get_by_role("link", name="alice@clinic.example").is_visible()
    created = db.session.scalar(
        sa.select(Moderator).where(Moderator.email == "alice@clinic.example")
    )
    assert created.role is Role.ADMIN
    assert created.oidc_subject == "alice"

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/moderation/login")
    assert "signed out on this device" in page.content()
