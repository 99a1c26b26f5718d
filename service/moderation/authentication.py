"""Signing in and out: password and second-factor checks, throttling, and their audit entries.

Whether an account exists is never revealed: an unknown address gets the same message as a wrong
password, after a check against a dummy hash that costs what a real one does.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from flask import current_app

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import EndedSession, Moderator
from service.moderation.accounts import hash_password, revoke_live_tokens, verify_password
from service.moderation.throttle import LoginThrottle
from service.moderation.twofactor import WRONG_CODE, check_second_factor
from service.submissions import audit
from service.web.errors import DomainError, ValidationFailed
from service.web.i18n import N_
from service.web.netaddr import anonymize, client_address, rate_limit_key

WRONG_CREDENTIALS = N_("The email address or the password is not right.")


class LoginFailed(DomainError, code="login_failed", status=401):
    default_message = WRONG_CREDENTIALS


class LoginThrottled(DomainError, code="rate_limited", status=429):
    """Too many failed sign-ins from one network; says when to try again."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            N_(
                "Too many failed sign-ins from your network. Please wait %(minutes)d minutes "
                "and try again.",
                minutes=minutes,
            )
            if minutes > 1
            else N_(
                "Too many failed sign-ins from your network. Please wait a minute and try again."
            )
        )
        self.retry_after = retry_after


class PasswordSignInOff(DomainError, code="sso_required", status=403):
    default_message = N_(
        "Staff sign in with their organisation's account here: use the button above. "
        "Passwords are switched off."
    )


class AccountInactive(DomainError, code="inactive", status=403):
    default_message = N_("This account is switched off. Ask an administrator to reactivate it.")


def _dummy_hash() -> str:
    cached = current_app.extensions.get("clinic_desk_dummy_hash")
    if cached is None:
        cached = hash_password(secrets.token_urlsafe(24))
        current_app.extensions["clinic_desk_dummy_hash"] = cached
    return cached


def _typed_email(email: str) -> str:
    return (email or "").strip().lower()[:254]


def _record_failure(
    throttle: LoginThrottle, email: str, moderator: Moderator | None, reason: str
) -> None:
    locked_for = throttle.record_failure()
    detail = {"reason": reason, "address": anonymize(client_address())}
    with transaction():
        audit.record(
            "login.failed",
            moderator if moderator is not None else email or "(empty)",
            "moderator",
            moderator.id if moderator is not None else None,
            detail,
        )
        if locked_for:
            audit.record(
                "login.throttled",
                moderator if moderator is not None else email or "(empty)",
                "moderator",
                moderator.id if moderator is not None else None,
                {**detail, "seconds": locked_for},
            )


def _throttle_for(email: str) -> LoginThrottle:
    return LoginThrottle(_typed_email(email), rate_limit_key())


def check_throttle(email: str) -> None:
    """Raises LoginThrottled while this address may not try this account."""
    wait = _throttle_for(email).retry_after()
    if wait:
        raise LoginThrottled(wait)


def is_password_sign_in_allowed(email: str) -> bool:
    """Local passwords work unless single sign-on is required; then only for the one
    break-glass administrator (OIDC_BREAK_GLASS_EMAIL)."""
    config = current_app.config
    if not (config["OIDC_REQUIRED"] and config["OIDC_ISSUER"]):
        return True
    return bool(email) and email == config["OIDC_BREAK_GLASS_EMAIL"]


def check_password(email: str, password: str) -> Moderator:
    """The moderator these credentials belong to.

    Raises LoginThrottled (checked first, nothing else is), PasswordSignInOff, LoginFailed,
    AccountInactive.
    """
    check_throttle(email)
    throttle = _throttle_for(email)
    typed = _typed_email(email)
    if not is_password_sign_in_allowed(typed):
        # Asked before the password is checked, and the same for every address: it tells
        # nothing about which accounts exist.
        with transaction():
            audit.record(
                "login.failed",
                typed or "(empty)",
                "moderator",
                None,
                {"reason": "sso_required", "address": anonymize(client_address())},
            )
        raise PasswordSignInOff()
    moderator = (
        db.session.scalar(sa.select(Moderator).where(Moderator.email == typed)) if typed else None
    )
    if moderator is None:
        # Same work as for a real account, so the answer's timing does not tell either.
        verify_password(Moderator(password_hash=_dummy_hash()), password or "")
        _record_failure(throttle, typed, None, "unknown_account")
        raise LoginFailed()
    if not verify_password(moderator, password or ""):
        # One commit (the audit entry), as for an unknown address: the timing tells nothing.
        _record_failure(throttle, typed, moderator, "password")
        raise LoginFailed()
    with transaction():
        pass  # keeps a rehash under new cost settings that verify_password may have made
    if not moderator.active:
        _record_failure(throttle, typed, moderator, "inactive")
        raise AccountInactive()
    return moderator


def check_code(moderator: Moderator, code: str) -> str:
    """Check the second factor; returns "totp" or "recovery_code".

    Raises LoginThrottled or LoginFailed (counted like a wrong password).
    """
    check_throttle(moderator.email)
    method = check_second_factor(moderator, code)
    if method is None:
        _record_failure(_throttle_for(moderator.email), moderator.email, moderator, "code")
        raise LoginFailed(WRONG_CODE)
    return method


def confirm_identity(moderator: Moderator, password: str, code: str) -> None:
    """Ask again who is at the keyboard before something that outlives the session: the password,
    and the second factor when the account has one. Failures count like failed sign-ins.

    Raises LoginThrottled, or ValidationFailed naming the field (`password`, `code`)."""
    check_throttle(moderator.email)
    throttle = _throttle_for(moderator.email)
    if not verify_password(moderator, password or ""):
        _record_failure(throttle, moderator.email, moderator, "password")
        message = N_("Your password is not right.")
        raise ValidationFailed(message, {"password": [message]})
    if moderator.totp_secret and check_second_factor(moderator, code or "") is None:
        _record_failure(throttle, moderator.email, moderator, "code")
        raise ValidationFailed(WRONG_CODE, {"code": [WRONG_CODE]})


def record_login(moderator: Moderator, method: str) -> None:
    """The sign-in succeeded: forget this address's failures for it, note it in the audit log."""
    _throttle_for(moderator.email).record_success()
    with transaction():
        moderator.last_login_at = utcnow()
        audit.record(
            "login",
            moderator,
            "moderator",
            moderator.id,
            {"method": method, "address": anonymize(client_address())},
        )


def record_logout(moderator: Moderator, session_id: str | None) -> None:
    """Signing out on this device: this session's id is refused from now on (a copy of the
    cookie included); the account's other sessions go on. A session from before sessions had
    ids can only be ended with the rest."""
    with transaction():
        if session_id:
            lifetime = current_app.permanent_session_lifetime
            db.session.add(EndedSession(session_id=session_id, expires_at=utcnow() + lifetime))
        else:
            moderator.session_version += 1
        audit.record("logout", moderator, "moderator", moderator.id)


def record_logout_on_every_device(moderator: Moderator) -> None:
    """Signing out on every device: every session of the account ends; API tokens stay."""
    with transaction():
        moderator.session_version += 1
        audit.record("logout.all_devices", moderator, "moderator", moderator.id)


def sign_out_everywhere(moderator: Moderator) -> int:
    """For a lost device or a leaked token: end every session and revoke every API token of the
    account; returns how many tokens were revoked."""
    with transaction():
        moderator.session_version += 1
        audit.record("logout.everywhere", moderator, "moderator", moderator.id)
        return revoke_live_tokens(moderator, moderator, "logout.everywhere")


def record_idle_logout(moderator_id: int, minutes: int) -> None:
    """An idle session was ended (only that one: the others have their own clocks)."""
    with transaction():
        moderator = db.session.get(Moderator, moderator_id)
        if moderator is not None:
            audit.record("logout.idle", moderator, "moderator", moderator.id, {"minutes": minutes})
