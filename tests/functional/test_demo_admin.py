"""The demo shows everything: an administrator whose code `demo totp` prints, and a front page
that points to the demo article, the contact form and the staff sign-in."""

from __future__ import annotations

import pytest

from service.data.extensions import db
from tests.conftest import empty_all_tables, sign_in
from tests.pages import post_form

ADMIN_SCREENS = [
    "/moderation/moderators",
    "/moderation/tokens",
    "/moderation/blocklist",
    "/moderation/deleted",
    "/moderation/canned-replies",
    "/moderation/webhooks",
]


def test_the_demo_admin_reaches_every_admin_screen_after_demo_totp(app, runner):
    from service.operations.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD

    loaded = runner.invoke(args=["demo", "load"])
    assert loaded.exit_code == 0, loaded.output
    assert f"Demo administrator login: {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}" in loaded.output
    totp = runner.invoke(args=["demo", "totp"])
    assert totp.exit_code == 0, totp.output
    assert totp.output.startswith("DEMO ONLY")
    code = totp.output.strip().splitlines()[-1]
    assert code.isdigit() and len(code) == 6

    client = app.test_client()
    assert sign_in(client, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD).status_code == 303
    second = post_form(client, "/moderation/login/code", "/moderation/login/code", {"code": code})
    assert second.status_code == 303
    for url in ADMIN_SCREENS:
        assert client.get(url).status_code == 200, url


def test_demo_totp_is_refused_in_production(make_app):
    app = make_app(ENV_NAME="production")
    result = app.test_cli_runner().invoke(args=["demo", "totp"])
    assert result.exit_code == 1
    assert "refused in production" in result.output


def test_demo_totp_before_demo_load_says_what_to_run(runner):
    result = runner.invoke(args=["demo", "totp"])
    assert result.exit_code == 1
    assert "demo load" in result.output


@pytest.fixture
def development_client(make_app):
    app = make_app(ENV_NAME="development", SESSION_COOKIE_SECURE=False)
    with app.app_context():
        yield app.test_client()
        db.session.rollback()
        empty_all_tables()


def test_the_development_front_page_points_to_the_demo(development_client):
    page = development_client.get("/").get_data(as_text=True)
    assert 'href="/threads/articles/trigger-point-injections"' in page
    assert 'href="/contact"' in page
    assert 'href="/moderation/login"' in page
    assert 'href="/moderation/outbox"' in page


def test_the_front_page_elsewhere_has_no_demo_links(client):
    page = client.get("/").get_data(as_text=True)
    assert "/moderation/login" not in page
    assert "trigger-point-injections" not in page
