"""Accounts, roles, tokens, the blocklist and the audit log, as admins and moderators use them."""

from __future__ import annotations

import pyotp
import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import ApiToken, AuditEvent, BlockKind, BlocklistEntry, Moderator, Role
from service.moderation.accounts import issue_api_token, moderator_for_token
from tests.conftest import sign_in
from tests.factories import KNOWN_PASSWORD
from tests.pages import hidden_inputs, post_form


def actions() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/moderation/moderators"),
        ("post", "/moderation/moderators"),
        ("post", "/moderation/moderators/1/deactivate"),
        ("post", "/moderation/moderators/1/role"),
        ("post", "/moderation/moderators/1/reset-two-factor"),
        ("get", "/moderation/tokens"),
        ("post", "/moderation/tokens/1/revoke"),
        ("get", "/moderation/blocklist"),
        ("post", "/moderation/blocklist"),
        ("post", "/moderation/blocklist/1/remove"),
    ],
)
def test_a_moderator_cannot_use_the_admin_screens(moderator_client, method, path):
    token = hidden_inputs(moderator_client.get("/moderation/account").get_data(as_text=True))
    response = getattr(moderator_client, method)(
        path, data={"csrf_token": token["csrf_token"]} if method == "post" else None
    )
    assert response.status_code == 403
    assert "Only administrators" in response.get_data(as_text=True)


def test_a_moderator_sees_no_admin_links(moderator_client):
    html = moderator_client.get("/moderation/account").get_data(as_text=True)
    assert 'href="/moderation/moderators"' not in html
    assert 'href="/moderation/audit"' in html


def test_admin_creates_a_moderator_who_can_sign_in(admin_client, admin, app):
    response = post_form(
        admin_client,
        "/moderation/moderators",
        "/moderation/moderators",
        {
            "email": "New.Person@Clinic.example",
            "name": "New Person",
            "role": "moderator",
            "password": "a-fine-first-password",
        },
    )
    assert response.status_code == 303
    created = db.session.scalar(
        sa.select(Moderator).where(Moderator.email == "new.person@clinic.example")
    )
    assert created is not None and created.role is Role.MODERATOR
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "moderator.create"))
    assert event.actor == admin.email
    assert "a-fine-first-password" not in str(event.detail)
    assert sign_in(app.test_client(), created.email, "a-fine-first-password").status_code == 303


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("not-an-address", "a-fine-first-password", "must have an @-sign"),
        ("ok@clinic.example", "short", "at least 12 characters"),
    ],
)
def test_admin_sees_what_is_wrong_with_a_new_account(admin_client, email, password, message):
    response = post_form(
        admin_client,
        "/moderation/moderators",
        "/moderation/moderators",
        {"email": email, "name": "", "role": "moderator", "password": password},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    assert db.session.scalar(sa.select(sa.func.count(Moderator.id))) == 1


def test_an_address_already_taken_is_refused(admin_client, moderator):
    response = post_form(
        admin_client,
        "/moderation/moderators",
        "/moderation/moderators",
        {"email": moderator.email, "role": "moderator", "password": "a-fine-first-password"},
    )
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)


def test_password_change_refuses_old_sessions_and_keeps_the_current_one(app, moderator):
    current, other = app.test_client(), app.test_client()
    sign_in(current, moderator.email, KNOWN_PASSWORD)
    sign_in(other, moderator.email, KNOWN_PASSWORD)
    response = post_form(
        current,
        "/moderation/account",
        "/moderation/account/password",
        {
            "pw-current_password": KNOWN_PASSWORD,
            "pw-new_password": "a-brand-new-password",
            "pw-confirm_password": "a-brand-new-password",
        },
    )
    assert response.status_code == 303
    assert current.get("/moderation/account").status_code == 200
    assert other.get("/moderation/account").status_code == 302
    assert sign_in(app.test_client(), moderator.email, KNOWN_PASSWORD).status_code == 401
    assert sign_in(app.test_client(), moderator.email, "a-brand-new-password").status_code == 303
    assert "password.change" in actions()


def test_password_change_needs_the_current_password(moderator_client):
    response = post_form(
        moderator_client,
        "/moderation/account",
        "/moderation/account/password",
        {
            "pw-current_password": "not-my-password",
            "pw-new_password": "a-brand-new-password",
            "pw-confirm_password": "a-brand-new-password",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Your current password is not right." in html
    assert 'aria-describedby="pw-current_password-error"' in html


def test_deactivation_ends_sessions_and_tokens(admin_client, app, moderator):
    victim = app.test_client()
    sign_in(victim, moderator.email, KNOWN_PASSWORD)
    token = issue_api_token(moderator.email)
    assert moderator_for_token(token) is not None
    response = post_form(
        admin_client, "/moderation/moderators", f"/moderation/moderators/{moderator.id}/deactivate"
    )
    assert response.status_code == 303
    assert victim.get("/moderation/account").status_code == 302
    db.session.expire_all()
    assert moderator_for_token(token) is None
    assert sign_in(app.test_client(), moderator.email, KNOWN_PASSWORD).status_code == 403
    post_form(
        admin_client, "/moderation/moderators", f"/moderation/moderators/{moderator.id}/reactivate"
    )
    assert sign_in(app.test_client(), moderator.email, KNOWN_PASSWORD).status_code == 303
    done = [a for a in actions() if a.startswith("moderator.")]
    assert done == ["moderator.deactivate", "moderator.reactivate"]


def test_an_admin_cannot_switch_off_or_demote_themselves(admin_client, admin):
    off = post_form(
        admin_client, "/moderation/moderators", f"/moderation/moderators/{admin.id}/deactivate"
    )
    demote = post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{admin.id}/role",
        {f"r{admin.id}-role": "moderator"},
    )
    assert off.status_code == demote.status_code == 409
    db.session.refresh(admin)
    assert admin.active and admin.role is Role.ADMIN


def test_admin_changes_a_role_and_it_is_audited(admin_client, moderator):
    response = post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{moderator.id}/role",
        {f"r{moderator.id}-role": "admin"},
    )
    assert response.status_code == 303
    db.session.refresh(moderator)
    assert moderator.role is Role.ADMIN
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "moderator.role"))
    assert event.detail == {"account": moderator.email, "from": "moderator", "to": "admin"}


def test_admin_resets_someones_two_factor_and_ends_their_sessions(admin_client, app, moderator):
    moderator.totp_secret = pyotp.random_base32()
    db.session.commit()
    response = post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{moderator.id}/reset-two-factor",
    )
    assert response.status_code == 303
    db.session.refresh(moderator)
    assert moderator.totp_secret is None and moderator.session_version == 2
    assert "two_factor.reset" in actions()
    # Their next sign-in needs only the password again.
    assert sign_in(app.test_client(), moderator.email, KNOWN_PASSWORD).status_code == 303


def test_a_moderator_turns_two_factor_off_with_their_password(moderator_client, moderator):
    moderator.totp_secret = pyotp.random_base32()
    db.session.commit()
    wrong = post_form(
        moderator_client,
        "/moderation/account",
        "/moderation/account/two-factor/disable",
        {"off-password": "not-my-password"},
    )
    assert wrong.status_code == 400
    right = post_form(
        moderator_client,
        "/moderation/account",
        "/moderation/account/two-factor/disable",
        {"off-password": KNOWN_PASSWORD},
    )
    assert right.status_code == 303
    db.session.refresh(moderator)
    assert moderator.totp_secret is None
    assert actions()[-1] == "two_factor.disable"


def test_own_tokens_are_listed_and_revoked(moderator_client, moderator):
    created = post_form(
        moderator_client,
        "/moderation/account",
        "/moderation/account/tokens",
        {"tk-label": "spreadsheet", "tk-days": "30", "tk-password": KNOWN_PASSWORD},
    )
    html = created.get_data(as_text=True)
    assert created.status_code == 200
    assert created.headers["Cache-Control"] == "no-store"
    token = html.split('class="token-value" value="')[1].split('"')[0]
    assert moderator_for_token(token).id == moderator.id
    page = moderator_client.get("/moderation/account").get_data(as_text=True)
    assert "spreadsheet" in page and token not in page
    row = db.session.scalar(sa.select(ApiToken))
    post_form(
        moderator_client, "/moderation/account", f"/moderation/account/tokens/{row.id}/revoke"
    )
    db.session.expire_all()
    assert moderator_for_token(token) is None
    assert actions()[-2:] == ["token.create", "token.revoke"]


def test_a_moderator_cannot_revoke_someone_elses_token(moderator_client, admin):
    issue_api_token(admin.email)
    row = db.session.scalar(sa.select(ApiToken))
    response = post_form(
        moderator_client, "/moderation/account", f"/moderation/account/tokens/{row.id}/revoke"
    )
    assert response.status_code == 403
    db.session.refresh(row)
    assert row.revoked_at is None


def test_admin_sees_and_revokes_everyones_tokens(admin_client, moderator):
    token = issue_api_token(moderator.email, label="nightly export")
    page = admin_client.get("/moderation/tokens").get_data(as_text=True)
    assert "nightly export" in page and moderator.email in page
    row = db.session.scalar(sa.select(ApiToken))
    response = post_form(admin_client, "/moderation/tokens", f"/moderation/tokens/{row.id}/revoke")
    assert response.status_code == 303
    db.session.expire_all()
    assert moderator_for_token(token) is None


def test_notification_preference_is_saved(moderator_client, moderator):
    response = post_form(
        moderator_client, "/moderation/account", "/moderation/account/notify", {"nt-notify": ""}
    )
    assert response.status_code == 303
    db.session.refresh(moderator)
    assert moderator.notify is False


# Blocklist


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        ("word", "Casino", "casino"),
        ("email", "Spam@Example.com", "spam@example.com"),
        ("domain", "https://www.Cheap-Pills.example/buy", "cheap-pills.example"),
        ("network", "203.0.113.7/24", "203.0.113.0/24"),
        ("network", "2001:db8::1", "2001:db8::1/128"),
    ],
)
def test_admin_blocks_and_unblocks_entries(admin_client, admin, kind, value, stored):
    response = post_form(
        admin_client,
        "/moderation/blocklist",
        "/moderation/blocklist",
        {"kind": kind, "value": value, "note": "seen in spam"},
    )
    assert response.status_code == 303
    entry = db.session.scalar(sa.select(BlocklistEntry))
    assert (entry.kind, entry.value, entry.created_by) == (BlockKind(kind), stored, admin.email)
    page = admin_client.get("/moderation/blocklist").get_data(as_text=True)
    assert stored in page
    removed = post_form(
        admin_client, "/moderation/blocklist", f"/moderation/blocklist/{entry.id}/remove"
    )
    assert removed.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count(BlocklistEntry.id))) == 0
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.action.startswith("blocklist"))
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.detail["value"]) for e in events] == [
        ("blocklist.add", stored),
        ("blocklist.remove", stored),
    ]


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("network", "300.1.2.3", "is not an IP address or a CIDR range"),
        ("email", "no-at-sign", "is not an email address"),
        ("domain", "localhost", "is not a domain name"),
        ("word", "!!!", "has no letters or digits"),
        ("word", "", "Enter what to block."),
    ],
)
def test_blocklist_entries_are_validated(admin_client, kind, value, message):
    response = post_form(
        admin_client,
        "/moderation/blocklist",
        "/moderation/blocklist",
        {"kind": kind, "value": value},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert 'aria-describedby="value-hint value-error"' in html
    assert db.session.scalar(sa.select(sa.func.count(BlocklistEntry.id))) == 0


def test_a_duplicate_blocklist_entry_is_refused(admin_client):
    data = {"kind": "domain", "value": "spam.example"}
    post_form(admin_client, "/moderation/blocklist", "/moderation/blocklist", data)
    again = post_form(
        admin_client,
        "/moderation/blocklist",
        "/moderation/blocklist",
        {**data, "value": "SPAM.example"},
    )
    assert again.status_code == 400
    assert "already on the blocklist" in again.get_data(as_text=True)


def test_the_spam_filter_reads_what_the_admin_blocked(admin_client):
    from service.submissions.filtering import current_blocklist

    post_form(
        admin_client,
        "/moderation/blocklist",
        "/moderation/blocklist",
        {"kind": "network", "value": "198.51.100.0/24"},
    )
    assert [str(n) for n in current_blocklist().networks] == ["198.51.100.0/24"]


# Audit log


def test_audit_page_lists_newest_first_and_pages_by_keyset(moderator_client, moderator):
    from service.data.database import transaction
    from service.submissions import audit

    with transaction():
        for n in range(120):
            audit.record("comment.approve", moderator, "comment", n)
    first = moderator_client.get("/moderation/audit").get_data(as_text=True)
    assert first.index("comment #119") < first.index("comment #118")
    assert "comment #70" in first and "comment #69" not in first
    older = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = moderator_client.get(older).get_data(as_text=True)
    assert "comment #69" in second and "comment #70" not in second and "comment #20" in second
    third_link = second.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    third = moderator_client.get(third_link).get_data(as_text=True)
    assert "comment #19</td>" in third and "comment #0</td>" in third
    assert 'rel="next"' not in third


def test_audit_page_filters_by_action_and_actor(app, moderator, moderator_client):
    sign_in(app.test_client(), moderator.email, "a-wrong-password")
    sign_in(app.test_client(), "stranger@clinic.example", "a-wrong-password")
    failed_entry = '<code class="identifier">login.failed</code>'
    login_entry = '<code class="identifier">login</code>'
    failed = moderator_client.get("/moderation/audit?action=login.failed").get_data(as_text=True)
    assert failed.count(failed_entry) == 2
    assert login_entry not in failed
    logins = moderator_client.get("/moderation/audit?action=login").get_data(as_text=True)
    assert login_entry in logins and failed_entry in logins
    stranger = moderator_client.get("/moderation/audit?actor=stranger").get_data(as_text=True)
    assert stranger.count(failed_entry) == 1
    assert "reason: unknown_account" in stranger
