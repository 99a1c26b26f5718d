"""When moderation API tokens die: every account-recovery event revokes them, making one asks
who is at the keyboard again, and none lives longer than a year."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import ApiToken, AuditEvent
from service.moderation.accounts import issue_api_token
from tests.conftest import sign_in
from tests.factories import KNOWN_PASSWORD
from tests.pages import post_form

NEW_PASSWORD = "a-completely-new-password"


def api_status(app, token: str) -> int:
    response = app.test_client().get(
        "/api/moderation/queue", headers={"Authorization": f"Bearer {token}"}
    )
    return response.status_code


def revocations() -> list[dict]:
    db.session.expire_all()
    return [
        event.detail
        for event in db.session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.action == "token.revoke_all")
            .order_by(AuditEvent.id)
        )
    ]


@pytest.fixture
def tokens(app, moderator) -> list[str]:
    """Two live tokens of the moderator, both working."""
    made = [issue_api_token(moderator.email, label=f"script {n}") for n in (1, 2)]
    assert [api_status(app, token) for token in made] == [200, 200]
    return made


def test_a_password_reset_from_the_command_line_revokes_every_token(app, runner, moderator, tokens):
    result = runner.invoke(
        args=["moderators", "reset", moderator.email, "--password-stdin"],
        input=NEW_PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "API tokens are revoked" in result.output
    assert [api_status(app, token) for token in tokens] == [401, 401]
    assert revocations() == [{"tokens": 2, "after": "moderator.reset"}]


def test_a_two_factor_reset_from_the_command_line_revokes_every_token(
    app, runner, moderator, tokens
):
    moderator.totp_secret = pyotp.random_base32()
    db.session.commit()
    result = runner.invoke(
        args=["moderators", "reset", moderator.email, "--keep-password", "--reset-2fa"]
    )
    assert result.exit_code == 0, result.output
    assert [api_status(app, token) for token in tokens] == [401, 401]
    assert revocations() == [{"tokens": 2, "after": "moderator.reset"}]


def test_changing_the_password_on_the_account_page_revokes_every_token(
    app, moderator_client, tokens
):
    response = post_form(
        moderator_client,
        "/moderation/account",
        "/moderation/account/password",
        {
            "pw-current_password": KNOWN_PASSWORD,
            "pw-new_password": NEW_PASSWORD,
            "pw-confirm_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 303
    assert [api_status(app, token) for token in tokens] == [401, 401]
    assert revocations() == [{"tokens": 2, "after": "password.change"}]
    page = moderator_client.get("/moderation/account").get_data(as_text=True)
    assert page.count("Revoked") == 2


def test_signing_out_everywhere_ends_sessions_and_revokes_every_token(
    app, moderator, moderator_client, tokens
):
    other_device = app.test_client()
    sign_in(other_device, moderator.email, KNOWN_PASSWORD)
    response = post_form(
        moderator_client, "/moderation/account", "/moderation/account/sign-out-everywhere"
    )
    assert response.status_code == 303
    page = moderator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You are signed out on every device, and 2 API tokens were revoked." in page
    assert [api_status(app, token) for token in tokens] == [401, 401]
    assert other_device.get("/moderation/account").status_code == 302
    assert moderator_client.get("/moderation/account").status_code == 302
    assert revocations() == [{"tokens": 2, "after": "logout.everywhere"}]


def test_the_plain_sign_out_keeps_api_tokens_for_scripts(app, moderator_client, tokens):
    post_form(moderator_client, "/moderation/", "/moderation/logout")
    assert moderator_client.get("/moderation/account").status_code == 302
    assert [api_status(app, token) for token in tokens] == [200, 200]
    assert revocations() == []


def test_switching_an_account_off_revokes_its_tokens_for_good(
    app, admin, admin_client, moderator, tokens
):
    switched_off = post_form(
        admin_client, "/moderation/moderators", f"/moderation/moderators/{moderator.id}/deactivate"
    )
    page = admin_client.get(switched_off.headers["Location"]).get_data(as_text=True)
    assert "signed out everywhere, API tokens revoked." in page
    assert [api_status(app, token) for token in tokens] == [401, 401]
    post_form(
        admin_client, "/moderation/moderators", f"/moderation/moderators/{moderator.id}/reactivate"
    )
    # Switched back on, the account signs in again, but its old tokens stay dead.
    assert sign_in(app.test_client(), moderator.email, KNOWN_PASSWORD).status_code == 303
    assert [api_status(app, token) for token in tokens] == [401, 401]
    assert revocations() == [{"tokens": 2, "after": "moderator.deactivate"}]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "token.revoke_all"))
    assert event.actor == admin.email


def test_an_admin_resetting_someones_two_factor_revokes_their_tokens(
    app, admin_client, moderator, tokens
):
    moderator.totp_secret = pyotp.random_base32()
    db.session.commit()
    post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{moderator.id}/reset-two-factor",
    )
    assert [api_status(app, token) for token in tokens] == [401, 401]
    assert revocations() == [{"tokens": 2, "after": "two_factor.reset"}]


def test_a_revocation_is_labelled_on_the_audit_page(app, admin_client, moderator, tokens):
    post_form(
        admin_client, "/moderation/moderators", f"/moderation/moderators/{moderator.id}/deactivate"
    )
    page = admin_client.get("/moderation/audit").get_data(as_text=True)
    assert "Every API token of the account revoked" in page
    assert "Account switched off" in page


def make_token(client, **fields: str):
    data = {"tk-label": "export", "tk-days": "30", **{f"tk-{k}": v for k, v in fields.items()}}
    return post_form(client, "/moderation/account", "/moderation/account/tokens", data)


def token_rows() -> list[ApiToken]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(ApiToken)))


def test_making_a_token_asks_for_the_password_again(moderator_client):
    missing = make_token(moderator_client)
    wrong = make_token(moderator_client, password="not-my-password-at-all")
    assert missing.status_code == wrong.status_code == 400
    assert "Your password is not right." in wrong.get_data(as_text=True)
    assert token_rows() == []
    failed = db.session.scalars(
        sa.select(AuditEvent.detail).where(AuditEvent.action == "login.failed")
    ).all()
    assert [detail["reason"] for detail in failed] == ["password", "password"]
    right = make_token(moderator_client, password=KNOWN_PASSWORD)
    assert right.status_code == 200
    assert 'class="token-value"' in right.get_data(as_text=True)
    assert len(token_rows()) == 1


def test_making_a_token_asks_for_the_current_code_when_two_factor_is_on(
    moderator, moderator_client
):
    totp = pyotp.TOTP(pyotp.random_base32())
    moderator.totp_secret = totp.secret
    db.session.commit()
    page = moderator_client.get("/moderation/account").get_data(as_text=True)
    assert "Code from your authenticator app" in page
    no_code = make_token(moderator_client, password=KNOWN_PASSWORD)
    wrong = make_token(moderator_client, password=KNOWN_PASSWORD, code="000000")
    assert no_code.status_code == 400
    assert "That code is not right." in no_code.get_data(as_text=True)
    if totp.now() != "000000":
        assert wrong.status_code == 400
    assert token_rows() == []
    right = make_token(moderator_client, password=KNOWN_PASSWORD, code=totp.now())
    assert right.status_code == 200
    assert len(token_rows()) == 1


def test_the_account_page_refuses_a_token_longer_than_365_days(moderator_client):
    too_long = make_token(moderator_client, days="366", password=KNOWN_PASSWORD)
    html = too_long.get_data(as_text=True)
    assert too_long.status_code == 400
    assert "A token lives at most 365 days; choose from 1 to 365." in html
    assert token_rows() == []
    year = make_token(moderator_client, days="365", password=KNOWN_PASSWORD)
    assert year.status_code == 200
    (row,) = token_rows()
    assert abs(row.expires_at - row.created_at - dt.timedelta(days=365)) < dt.timedelta(minutes=1)


def test_the_command_line_refuses_a_token_longer_than_365_days(runner, moderator):
    refused = runner.invoke(args=["moderators", "token", moderator.email, "--expires", "400"])
    assert refused.exit_code == 1
    assert "A token lives at most 365 days; choose from 1 to 365." in refused.output
    assert "Traceback" not in refused.output
    assert token_rows() == []
    made = runner.invoke(args=["moderators", "token", moderator.email, "--expires", "365"])
    assert made.exit_code == 0, made.output
    assert len(token_rows()) == 1


def test_a_token_made_without_a_lifetime_lasts_90_days(runner, moderator):
    runner.invoke(args=["moderators", "token", moderator.email])
    (row,) = token_rows()
    assert abs(row.expires_at - row.created_at - dt.timedelta(days=90)) < dt.timedelta(minutes=1)
