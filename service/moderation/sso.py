"""Single sign-on for staff with OpenID Connect, beside the local accounts.

The authorization code flow with PKCE (S256), `state` and `nonce` is Authlib's; this module adds
what Authlib leaves to the application: the provider's discovery document must name exactly the
configured issuer (Authlib then checks the ID token's `iss` against it), the audience must be our
client id, times are checked with the configured clock skew, and only then is the person matched
to a staff account (by the provider's `sub`, or once by a verified email address), created when
the configured rule allows, and given the role the configured claim maps to.

A signed-in session keeps the refresh token, encrypted, in its cookie and asks the provider
again every `OIDC_RECHECK_MINUTES`: an account removed or disabled at the provider loses access
at the next request after that.
"""

from __future__ import annotations

import secrets
import time
from typing import Any
from urllib.parse import parse_qsl

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from flask import current_app, session

from service.data.crypto import DataKeyError, keyring
from service.data.database import transaction
from service.data.extensions import db
from service.data.models import Moderator, Role
from service.moderation.accounts import hash_password
from service.moderation.authentication import AccountInactive
from service.submissions import audit
from service.web.errors import DomainError
from service.web.i18n import N_
from service.web.netaddr import anonymize, client_address

# authlib, joserfc and requests (about 9 MiB of a worker) are imported by the functions that
# talk to the provider: a worker that never signs anyone in through it never loads them.
CLIENT_KEY = "clinic_desk_oidc_client"
# The session key of a single sign-on: {"rt": the refresh token encrypted, "checked": time}.
SESSION_SSO = "sso"
CALLBACK_PATH = "/moderation/login/sso/callback"
# What OIDC_EXTRA_AUTH_PARAMS may not replace: the parameters the flow's checks rest on.
PROTECTED_AUTH_PARAMS = frozenset(
    {
        "client_id",
        "code_challenge",
        "code_challenge_method",
        "nonce",
        "redirect_uri",
        "response_type",
        "scope",
        "state",
    }
)


class SsoRefused(DomainError, code="sso_refused", status=403):
    """The provider's answer was not accepted, or it names nobody who may sign in here."""

    default_message = N_(
        "Signing in with your organisation's account did not work. Please try again, or ask an "
        "administrator."
    )

    def __init__(self, reason: str, message: Any = None, email: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.email = email


def is_sso_enabled() -> bool:
    return bool(current_app.config["OIDC_ISSUER"])


def redirect_uri() -> str:
    """The callback address registered at the provider: on PUBLIC_URL, never the Host header."""
    return (current_app.config["PUBLIC_URL"] or "").rstrip("/") + CALLBACK_PATH


def oidc_client() -> Any:
    """This app's OpenID Connect client, built on first use (discovery is fetched then)."""
    client = current_app.extensions.get(CLIENT_KEY)
    if client is None:
        from authlib.integrations.flask_client import OAuth

        config = current_app.config
        oauth = OAuth(current_app._get_current_object())
        client = oauth.register(
            name="staff_sso",
            client_id=config["OIDC_CLIENT_ID"],
            client_secret=config["OIDC_CLIENT_SECRET"] or None,
            server_metadata_url=config["OIDC_ISSUER"].rstrip("/")
            + "/.well-known/openid-configuration",
            client_kwargs={
                "scope": config["OIDC_SCOPES"],
                "code_challenge_method": "S256",
                "default_timeout": config["OIDC_TIMEOUT_SECONDS"],
            },
        )
        current_app.extensions[CLIENT_KEY] = client
    return client


def _checked_client() -> Any:
    """The client, once the provider's discovery document names exactly our issuer.

    Raises SsoRefused (reason `issuer` or `provider_unreachable`)."""
    from requests import RequestException

    client = oidc_client()
    try:
        metadata = client.load_server_metadata()
    except (RequestException, ValueError) as error:
        raise SsoRefused("provider_unreachable") from error
    if metadata.get("issuer") != current_app.config["OIDC_ISSUER"]:
        # Authlib checks the ID token's `iss` against this document: it must be ours.
        raise SsoRefused("issuer")
    return client


def authorization_redirect() -> Any:
    """The redirect to the provider, with `state`, `nonce` and a PKCE challenge kept in the
    session. Raises SsoRefused."""
    extra = {
        key: value
        for key, value in parse_qsl(current_app.config["OIDC_EXTRA_AUTH_PARAMS"])
        if key not in PROTECTED_AUTH_PARAMS
    }
    return _checked_client().authorize_redirect(redirect_uri(), **extra)


def _audience_ok(claims: dict[str, Any]) -> bool:
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    return current_app.config["OIDC_CLIENT_ID"] in audiences


def receive_callback() -> dict[str, Any]:
    """Exchange the code of this callback for tokens and check them; the token with its
    `userinfo` (the ID token's claims merged with the userinfo endpoint's).

    Raises SsoRefused naming why (`state`, `provider_error`, `token`, `issuer`, ...)."""
    from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
    from joserfc.errors import JoseError
    from requests import RequestException

    client = _checked_client()
    leeway = current_app.config["OIDC_CLOCK_SKEW_SECONDS"]
    try:
        token = client.authorize_access_token(leeway=leeway)
    except MismatchingStateError as error:
        raise SsoRefused(
            "state",
            N_("This sign-in was started elsewhere or has expired. Please start it again."),
        ) from error
    except OAuthError as error:
        raise SsoRefused("provider_error") from error
    except JoseError as error:
        raise SsoRefused("token") from error
    except (RequestException, ValueError) as error:
        raise SsoRefused("provider_unreachable") from error
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise SsoRefused("no_id_token")
    if not _audience_ok(claims):
        raise SsoRefused("audience")
    claims = dict(claims)
    if client.load_server_metadata().get("userinfo_endpoint"):
        try:
            extra = dict(client.userinfo(token=token))
        except (OAuthError, RequestException, ValueError) as error:
            raise SsoRefused("provider_error") from error
        # The userinfo answer must be about the same person (OpenID Connect Core 5.3.2).
        if extra.get("sub") != claims["sub"]:
            raise SsoRefused("token")
        claims = {**extra, **claims}
    token["userinfo"] = claims
    return token


def mapped_role(claims: dict[str, Any], current: Role | None = None) -> Role | None:
    """The role the configured claim gives, or None when it gives none. Without
    OIDC_ADMIN_VALUES the provider does not manage roles: an account keeps the role it has
    here (a new one moderates), as long as the claim lets the person in at all."""
    config = current_app.config
    raw = claims.get(config["OIDC_ROLE_CLAIM"]) if config["OIDC_ROLE_CLAIM"] else None
    values = {raw} if isinstance(raw, str) else {str(v) for v in raw or [] if v is not None}
    admin_values = set(config["OIDC_ADMIN_VALUES"])
    if values & admin_values:
        return Role.ADMIN
    allowed = set(config["OIDC_MODERATOR_VALUES"])
    if allowed and not values & allowed:
        return None
    if not admin_values and current is not None:
        return current
    return Role.MODERATOR


def _may_create(email: str) -> bool:
    config = current_app.config
    domain = email.rpartition("@")[2]
    return bool(config["OIDC_AUTO_CREATE"] and domain and domain in config["OIDC_ALLOWED_DOMAINS"])


def _verified_email(claims: dict[str, Any]) -> str:
    """The address, when the provider vouches for it: `email_verified`, or Microsoft Entra ID's
    `xms_edov` (the address's domain is verified by the tenant that owns it). An address the
    person could type in themselves must never find an existing account."""
    email = claims.get("email")
    if not isinstance(email, str):
        return ""
    if claims.get("email_verified") is not True and claims.get("xms_edov") is not True:
        return ""
    return email.strip().lower()[:254]


def _find_or_create(claims: dict[str, Any], role: Role) -> Moderator:
    subject = str(claims["sub"])[:255]
    moderator = db.session.scalar(sa.select(Moderator).where(Moderator.oidc_subject == subject))
    if moderator is not None:
        return moderator
    email = _verified_email(claims)
    if not email:
        raise SsoRefused(
            "email_not_verified",
            N_(
                "Your organisation's account has no verified email address, so it cannot be "
                "matched to a staff account. Ask an administrator."
            ),
        )
    moderator = db.session.scalar(sa.select(Moderator).where(Moderator.email == email))
    if moderator is not None:
        if moderator.oidc_subject is not None:
            # Linked to another person at the provider: an address reassigned there.
            raise SsoRefused("linked_elsewhere", email=email)
        moderator.oidc_subject = subject
        audit.record("sso.link", moderator, "moderator", moderator.id, {"account": email})
        return moderator
    if not _may_create(email):
        raise SsoRefused(
            "no_account",
            N_(
                "There is no staff account for %(email)s yet. Ask an administrator to create one.",
                email=email,
            ),
            email=email,
        )
    name = claims.get("name") if isinstance(claims.get("name"), str) else ""
    moderator = Moderator(
        email=email,
        name=name[:100],
        role=role,
        # Nobody knows this password: the account signs in through the provider only.
        password_hash=hash_password(secrets.token_urlsafe(32)),
        oidc_subject=subject,
    )
    db.session.add(moderator)
    db.session.flush()
    audit.record(
        "moderator.create",
        moderator,
        "moderator",
        moderator.id,
        {"account": email, "role": role.value, "via": "sso"},
    )
    return moderator


def sign_in_with_claims(claims: dict[str, Any]) -> Moderator:
    """The staff account these checked claims belong to, linked or created as the settings
    allow, with the role the claims map to. Raises SsoRefused, AccountInactive."""
    role = mapped_role(claims)
    if role is None:
        raise SsoRefused(
            "no_role",
            N_("Your organisation's account does not give access to the moderation pages."),
            email=_verified_email(claims),
        )
    with transaction():
        moderator = _find_or_create(claims, role)
        if not moderator.active:
            raise AccountInactive()
        role = mapped_role(claims, moderator.role) or role
        if moderator.role is not role:
            audit.record(
                "moderator.role",
                moderator,
                "moderator",
                moderator.id,
                {"from": moderator.role.value, "to": role.value, "via": "sso"},
            )
            moderator.role = role
    return moderator


def record_refusal(error: SsoRefused | AccountInactive, actor: Moderator | str) -> None:
    """Note a refused single sign-on in the audit log (no claims, only the reason)."""
    reason = error.reason if isinstance(error, SsoRefused) else "inactive"
    with transaction():
        audit.record(
            "login.failed",
            actor,
            "moderator",
            actor.id if isinstance(actor, Moderator) else None,
            {"reason": f"sso_{reason}", "method": "sso", "address": anonymize(client_address())},
        )


def remember_session(token: dict[str, Any]) -> None:
    """Keep what the re-check needs in the (signed, not encrypted) session: the refresh token
    encrypted, and when the provider was last asked."""
    refresh = token.get("refresh_token")
    session[SESSION_SSO] = {
        "rt": keyring().encrypt(refresh) if refresh else None,
        "checked": int(time.time()),
    }


def is_sso_session() -> bool:
    return isinstance(session.get(SESSION_SSO), dict)


def provider_still_agrees() -> bool:
    """Ask the provider again when the re-check interval has passed: False when it refuses
    the refresh token (account removed or disabled, consent revoked), cannot be reached, or
    issued none (the session then lasts one interval)."""
    from authlib.integrations.base_client.errors import OAuthError
    from requests import RequestException

    state = session.get(SESSION_SSO)
    if not isinstance(state, dict):
        return True
    now = int(time.time())
    interval = current_app.config["OIDC_RECHECK_MINUTES"] * 60
    checked = state.get("checked")
    if isinstance(checked, int) and now - checked < interval:
        return True
    stored = state.get("rt")
    if not isinstance(stored, str):
        return False
    try:
        refresh = keyring().decrypt(stored)
    except (DataKeyError, InvalidTag, ValueError):
        return False
    try:
        token = oidc_client().fetch_access_token(grant_type="refresh_token", refresh_token=refresh)
    except (OAuthError, RequestException, ValueError):
        return False
    if not token.get("access_token"):
        return False
    new_refresh = token.get("refresh_token") or refresh
    session[SESSION_SSO] = {"rt": keyring().encrypt(new_refresh), "checked": now}
    return True


def record_provider_logout(moderator: Moderator) -> None:
    """The provider no longer stands behind this session: it was ended."""
    with transaction():
        audit.record("logout.provider", moderator, "moderator", moderator.id)


def record_password_session_ended(moderator: Moderator) -> None:
    """Single sign-on became required: a session signed in with a password was ended."""
    with transaction():
        audit.record("logout.sso_required", moderator, "moderator", moderator.id)
