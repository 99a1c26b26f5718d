"""Single sign-on for staff against a real OpenID Provider (oidc-provider on 127.0.0.1)."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import AuditEvent, Moderator, Role
from tests.conftest import sign_in
from tests.factories import KNOWN_PASSWORD, ModeratorFactory
from tests.oidcprovider import CLIENT_ID, CLIENT_SECRET, running_provider, sign_in_at_provider

PUBLIC_URL = "http://localhost"
CALLBACK = f"{PUBLIC_URL}/moderation/login/sso/callback"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc"), [CALLBACK]) as running:
        yield running


@pytest.fixture
def sso(app, provider):
    """The app set up for single sign-on with the test provider; its accounts as they start."""
    provider.set_accounts(
        {
            "alice": {
                "email": "alice@clinic.example",
                "email_verified": True,
                "name": "Alice Admin",
                "groups": ["desk-admins", "staff"],
            },
            "bob": {
                "email": "bob@clinic.example",
                "email_verified": True,
                "name": "Bob",
                "groups": ["staff"],
            },
            "carol": {
                "email": "carol@elsewhere.example",
                "email_verified": True,
                "name": "Carol",
                "groups": ["staff"],
            },
            "dave": {
                "email": "dave@clinic.example",
                "email_verified": True,
                "name": "Dave",
                "groups": ["visitors"],
            },
        }
    )
    app.config.update(
        PUBLIC_URL=PUBLIC_URL,
        OIDC_ISSUER=provider.issuer,
        OIDC_CLIENT_ID=CLIENT_ID,
        OIDC_CLIENT_SECRET=CLIENT_SECRET,
        OIDC_PROVIDER_NAME="Clinic ID",
        OIDC_SCOPES="openid email profile groups",
        OIDC_ROLE_CLAIM="groups",
        OIDC_ADMIN_VALUES=["desk-admins"],
        OIDC_MODERATOR_VALUES=["staff"],
        OIDC_AUTO_CREATE=True,
        OIDC_ALLOWED_DOMAINS=["clinic.example"],
        OIDC_CLOCK_SKEW_SECONDS=60,
        OIDC_RECHECK_MINUTES=5,
    )
    return provider


def start(client) -> str:
    """Press the button: the provider's authorization URL our app redirects to."""
    response = client.get("/moderation/login/sso")
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def callback_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def sso_sign_in(client, account: str):
    """The whole sign-in: our redirect, the provider's login and consent, our callback."""
    callback = sign_in_at_provider(start(client), account, CALLBACK)
    return client.get(callback_path(callback))


def failures() -> list[dict]:
    rows = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "login.failed").order_by(AuditEvent.id)
    )
    return [row.detail for row in rows]


def test_sign_in_page_offers_the_provider_button(client, sso):
    page = client.get("/moderation/login").get_data(as_text=True)
    assert "Sign in with Clinic ID" in page
    assert 'href="/moderation/login/sso"' in page


def test_button_is_absent_without_an_issuer(client):
    assert "Sign in with" not in client.get("/moderation/login").get_data(as_text=True)
    assert client.get("/moderation/login/sso").status_code == 404


def test_authorization_request_uses_pkce_s256_state_and_nonce(client, sso):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == [CALLBACK]
    assert query["client_id"] == [CLIENT_ID]


def test_first_sign_in_creates_an_admin_from_the_group_claim(client, sso):
    response = sso_sign_in(client, "alice")
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/moderation/")
    moderator = db.session.scalar(
        sa.select(Moderator).where(Moderator.email == "alice@clinic.example")
    )
    assert moderator.role is Role.ADMIN
    assert moderator.oidc_subject == "alice"
    # Signed in, and not sent to set up the app's own two-factor: the provider did that part.
    queue = client.get("/moderation/")
    assert queue.status_code == 200
    login = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "login")).one()
    assert login.detail["method"] == "sso"


def test_an_existing_account_is_linked_by_verified_email_and_its_role_follows_the_claim(
    client, sso
):
    existing = ModeratorFactory(email="alice@clinic.example", role=Role.MODERATOR)
    db.session.commit()
    assert sso_sign_in(client, "alice").status_code == 303
    db.session.refresh(existing)
    assert existing.oidc_subject == "alice"
    assert existing.role is Role.ADMIN
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"sso.link", "moderator.role", "login"} <= actions
    assert db.session.scalar(sa.select(sa.func.count(Moderator.id))) == 1


def test_unverified_email_is_not_linked(client, sso):
    ModeratorFactory(email="bob@clinic.example")
    db.session.commit()
    unverified = {"email": "bob@clinic.example", "email_verified": False, "groups": ["staff"]}
    sso.set_accounts({"bob": unverified})
    response = sso_sign_in(client, "bob")
    assert response.status_code == 403
    assert "no verified email address" in response.get_data(as_text=True)
    assert failures()[-1]["reason"] == "sso_email_not_verified"


def test_auto_create_is_refused_outside_the_allowed_domains(client, sso):
    response = sso_sign_in(client, "carol")
    assert response.status_code == 403
    assert "There is no staff account for carol@elsewhere.example yet" in response.get_data(
        as_text=True
    )
    assert db.session.scalar(sa.select(sa.func.count(Moderator.id))) == 0
    assert failures()[-1]["reason"] == "sso_no_account"
    assert client.get("/moderation/").status_code == 302


def test_auto_create_is_refused_when_switched_off(app, client, sso):
    app.config["OIDC_AUTO_CREATE"] = False
    response = sso_sign_in(client, "bob")
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Moderator.id))) == 0


def test_a_person_without_a_mapped_group_is_refused(client, sso):
    response = sso_sign_in(client, "dave")
    assert response.status_code == 403
    assert "does not give access" in response.get_data(as_text=True)
    assert failures()[-1]["reason"] == "sso_no_role"


def test_a_locally_switched_off_account_stays_off(client, sso):
    ModeratorFactory(email="bob@clinic.example", oidc_subject="bob", active=False)
    db.session.commit()
    response = sso_sign_in(client, "bob")
    assert response.status_code == 403
    assert "switched off" in response.get_data(as_text=True)


def test_a_wrong_state_is_refused(client, sso):
    callback = sign_in_at_provider(start(client), "bob", CALLBACK)
    parts = urlsplit(callback)
    query = parse_qs(parts.query)
    response = client.get(f"{parts.path}?code={query['code'][0]}&state=forged-state")
    assert response.status_code == 403
    assert "Please start it again" in response.get_data(as_text=True)
    assert failures()[-1]["reason"] == "sso_state"
    assert client.get("/moderation/").status_code == 302


def test_a_callback_in_another_browser_is_refused(app, sso):
    started, other = app.test_client(), app.test_client()
    callback = sign_in_at_provider(start(started), "bob", CALLBACK)
    assert other.get(callback_path(callback)).status_code == 403
    assert other.get("/moderation/").status_code == 302


def test_a_replayed_code_is_refused_by_the_provider(app, sso):
    first = app.test_client()
    callback = sign_in_at_provider(start(first), "bob", CALLBACK)
    assert first.get(callback_path(callback)).status_code == 303
    code = parse_qs(urlsplit(callback).query)["code"][0]
    # Someone who copied the code starts a sign-in of their own and hands in the used code.
    attacker = app.test_client()
    state = parse_qs(urlsplit(start(attacker)).query)["state"][0]
    response = attacker.get(f"/moderation/login/sso/callback?code={code}&state={state}")
    assert response.status_code == 403
    assert failures()[-1]["reason"] == "sso_provider_error"
    assert attacker.get("/moderation/").status_code == 302


def test_a_wrong_issuer_is_refused(app, client, sso):
    # The same provider under another name: its discovery document (and so its tokens) name
    # http://127.0.0.1:PORT, not the issuer we were told to trust.
    app.config["OIDC_ISSUER"] = sso.issuer.replace("127.0.0.1", "localhost")
    response = client.get("/moderation/login/sso")
    assert response.status_code == 403
    assert failures()[-1]["reason"] == "sso_issuer"


def test_a_token_whose_issuer_changed_after_the_redirect_is_refused(app, client, sso):
    authorize = start(client)
    callback = sign_in_at_provider(authorize, "bob", CALLBACK)
    app.config["OIDC_ISSUER"] = sso.issuer + "/other"
    assert client.get(callback_path(callback)).status_code == 403
    assert failures()[-1]["reason"] == "sso_issuer"


def shift_clock(monkeypatch, seconds: int) -> None:
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + seconds)


def test_an_expired_id_token_is_refused(client, sso, monkeypatch):
    callback = sign_in_at_provider(start(client), "bob", CALLBACK)
    # Our clock is 15 minutes ahead of the provider's: its 10-minute ID token has expired,
    # beyond the 60 seconds of skew allowed.
    shift_clock(monkeypatch, 900)
    response = client.get(callback_path(callback))
    assert response.status_code == 403
    assert failures()[-1]["reason"] == "sso_token"


def test_the_clock_skew_setting_bounds_what_is_accepted(app, client, sso, monkeypatch):
    app.config["OIDC_CLOCK_SKEW_SECONDS"] = 120
    callback = sign_in_at_provider(start(client), "bob", CALLBACK)
    shift_clock(monkeypatch, 600 + 60)  # expired a minute ago: within two minutes of skew
    assert client.get(callback_path(callback)).status_code == 303


def test_a_user_removed_at_the_provider_loses_access_at_the_next_check(app, client, sso):
    assert sso_sign_in(client, "bob").status_code == 303
    app.config["OIDC_RECHECK_MINUTES"] = 0  # every request asks the provider
    assert client.get("/moderation/").status_code == 200  # still there: refresh works
    sso.remove_account("bob")
    response = client.get("/moderation/")
    assert response.status_code == 302
    assert "/moderation/login" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your sign-in with Clinic ID has ended" in page
    assert "logout.provider" in set(db.session.scalars(sa.select(AuditEvent.action)))


def test_the_provider_is_asked_only_once_per_interval(app, client, sso):
    assert sso_sign_in(client, "bob").status_code == 303
    sso.remove_account("bob")
    # Five minutes between checks: removed a moment ago, the session still works...
    assert client.get("/moderation/").status_code == 200


def test_a_local_deactivation_still_ends_an_sso_session(client, sso):
    assert sso_sign_in(client, "bob").status_code == 303
    moderator = db.session.scalar(sa.select(Moderator).where(Moderator.oidc_subject == "bob"))
    moderator.active = False
    db.session.commit()
    assert client.get("/moderation/").status_code == 302


def test_required_sso_refuses_passwords_except_for_the_break_glass_admin(app, sso):
    staff = ModeratorFactory(email="staff@clinic.example")
    ModeratorFactory(email="breakglass@clinic.example")
    db.session.commit()
    app.config.update(OIDC_REQUIRED=True, OIDC_BREAK_GLASS_EMAIL="breakglass@clinic.example")
    refused = sign_in(app.test_client(), staff.email, KNOWN_PASSWORD)
    assert refused.status_code == 403
    assert "Passwords are switched off" in refused.get_data(as_text=True)
    assert failures()[-1]["reason"] == "sso_required"
    # Unknown addresses get the same answer: it tells nothing about which accounts exist.
    unknown = sign_in(app.test_client(), "nobody@clinic.example", "whatever")
    assert unknown.status_code == 403
    allowed = sign_in(app.test_client(), "breakglass@clinic.example", KNOWN_PASSWORD)
    assert allowed.status_code == 303
    page = app.test_client().get("/moderation/login").get_data(as_text=True)
    assert "emergency administrator account only" in page


def test_without_admin_values_the_local_role_is_kept(app, client, sso):
    app.config["OIDC_ADMIN_VALUES"] = []
    existing = ModeratorFactory(email="bob@clinic.example", role=Role.ADMIN, oidc_subject="bob")
    db.session.commit()
    assert sso_sign_in(client, "bob").status_code == 303
    db.session.refresh(existing)
    assert existing.role is Role.ADMIN


def test_entra_domain_verified_address_links_an_account(client, sso):
    existing = ModeratorFactory(email="erin@clinic.example")
    db.session.commit()
    sso.set_accounts(
        {"erin": {"email": "erin@clinic.example", "xms_edov": True, "groups": ["staff"]}}
    )
    assert sso_sign_in(client, "erin").status_code == 303
    db.session.refresh(existing)
    assert existing.oidc_subject == "erin"


def test_extra_authorization_parameters_are_sent(app, client, sso):
    app.config["OIDC_EXTRA_AUTH_PARAMS"] = "access_type=offline&prompt=consent&nonce=fixed"
    query = parse_qs(urlsplit(start(client)).query)
    assert query["access_type"] == ["offline"]
    assert query["prompt"] == ["consent"]
    assert query["nonce"] != ["fixed"]  # the flow's own parameters cannot be replaced
    assert len(query["nonce"]) == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Please start it again"),
        ("?code=abc", "Please start it again"),
        ("?code=abc&state=", "Please start it again"),
        ("?error=access_denied&error_description=The+user+said+no", "did not work"),
    ],
)
def test_a_callback_without_a_started_sign_in_is_a_plain_refusal(client, sso, query, message):
    response = client.get("/moderation/login/sso/callback" + query)
    assert response.status_code == 403
    assert message in response.get_data(as_text=True)


def test_a_person_who_declines_at_the_provider_is_told_plainly(client, sso):
    state = parse_qs(urlsplit(start(client)).query)["state"][0]
    response = client.get(f"/moderation/login/sso/callback?error=access_denied&state={state}")
    assert response.status_code == 403
    assert "did not work. Please try again" in response.get_data(as_text=True)
    assert failures()[-1]["reason"] == "sso_provider_error"


def test_an_unreachable_provider_is_a_plain_refusal(app, client, sso):
    app.config["OIDC_ISSUER"] = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get("/moderation/login/sso")
    assert response.status_code == 403
    assert "did not work" in response.get_data(as_text=True)
    assert failures()[-1]["reason"] == "sso_provider_unreachable"


def test_requiring_sso_ends_password_sessions_except_the_break_glass_admins(app, sso):
    staff = ModeratorFactory(email="staff@clinic.example")
    ModeratorFactory(email="breakglass@clinic.example")
    db.session.commit()
    staff_client, breakglass_client = app.test_client(), app.test_client()
    assert sign_in(staff_client, staff.email, KNOWN_PASSWORD).status_code == 303
    assert (
        sign_in(breakglass_client, "breakglass@clinic.example", KNOWN_PASSWORD).status_code == 303
    )
    app.config.update(OIDC_REQUIRED=True, OIDC_BREAK_GLASS_EMAIL="breakglass@clinic.example")
    ended = staff_client.get("/moderation/")
    assert ended.status_code == 302
    page = staff_client.get(ended.headers["Location"]).get_data(as_text=True)
    assert "Staff now sign in with Clinic ID" in page
    assert breakglass_client.get("/moderation/").status_code == 200
    assert "logout.sso_required" in set(db.session.scalars(sa.select(AuditEvent.action)))


def test_the_moderators_page_shows_which_accounts_use_single_sign_on(admin_client, sso):
    ModeratorFactory(email="linked@clinic.example", oidc_subject="linked")
    ModeratorFactory(email="local@clinic.example")
    db.session.commit()
    page = admin_client.get("/moderation/moderators").get_data(as_text=True)
    assert page.count("Linked to single sign-on") == 1
    linked_row = page[page.index("linked@clinic.example") :]
    assert linked_row.index("Linked to single sign-on") < linked_row.index("local@clinic.example")
