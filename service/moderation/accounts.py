"""Moderator accounts: creation, passwords, API tokens and recovery."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from flask import current_app

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import ApiToken, Moderator, Role
from service.submissions import audit
from service.web.errors import Conflict, NotFound, ValidationFailed
from service.web.i18n import N_

MIN_PASSWORD_LENGTH = 12
TOKEN_PREFIX = "cdk_"  # noqa: S105 - a visible prefix, not a secret
DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 365
TOKEN_TOO_LONG = N_(
    "A token lives at most %(max)d days; choose from 1 to %(max)d.", max=MAX_TOKEN_DAYS
)


def _hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=current_app.config["PASSWORD_HASH_TIME_COST"],
        memory_cost=current_app.config["PASSWORD_HASH_MEMORY_KIB"],
        parallelism=1,
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(moderator: Moderator, password: str) -> bool:
    """Check a password; rehash transparently when the cost settings changed."""
    try:
        _hasher().verify(moderator.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher().check_needs_rehash(moderator.password_hash):
        moderator.password_hash = hash_password(password)
    return True


def normalize_email(email: str) -> str:
    """Check an address's syntax (no DNS) and return it normalised. Raises ValidationFailed."""
    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationFailed(
            N_(
                "%(email)s is not an email address: %(reason)s",
                email=repr(email),
                reason=str(error),
            ),
            # The reason comes from email-validator, in English; a translation may leave it out.
            {"email": [N_("This is not an email address: %(reason)s", reason=str(error))]},
        ) from None
    return result.normalized.lower()


def check_password_strength(password: str) -> None:
    """Raises ValidationFailed for a password that is too short."""
    if len(password) < MIN_PASSWORD_LENGTH:
        message = N_(
            "The password must have at least %(count)d characters.", count=MIN_PASSWORD_LENGTH
        )
        raise ValidationFailed(message, {"password": [message]})


def parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationFailed(
            N_("Unknown role %(role)s; choose admin or moderator.", role=repr(role)),
            {"role": ["unknown role"]},
        ) from None


def find_moderator(email: str) -> Moderator | None:
    return db.session.scalar(sa.select(Moderator).where(Moderator.email == normalize_email(email)))


def get_moderator(email: str) -> Moderator:
    """Raises NotFound when no account has this address."""
    moderator = find_moderator(email)
    if moderator is None:
        raise NotFound(N_("No moderator account for %(email)s.", email=email))
    return moderator


def create_moderator(
    email: str,
    password: str,
    role: Role | str = Role.MODERATOR,
    name: str = "",
    actor: Moderator | str = "cli",
) -> Moderator:
    """Create a login. Raises ValidationFailed or Conflict (the address is taken)."""
    email = normalize_email(email)
    role = parse_role(role) if isinstance(role, str) else role
    check_password_strength(password)
    with transaction():
        if find_moderator(email) is not None:
            raise Conflict(N_("A moderator account for %(email)s already exists.", email=email))
        moderator = Moderator(
            email=email,
            name=name or email.split("@")[0],
            role=role,
            password_hash=hash_password(password),
        )
        db.session.add(moderator)
        db.session.flush()
        audit.record(
            "moderator.create",
            actor,
            "moderator",
            moderator.id,
            {"account": email, "role": role.value},
        )
    return moderator


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_api_token(email: str, days: int = DEFAULT_TOKEN_DAYS, label: str = "") -> str:
    """Make a bearer token for the moderation API; only its hash is kept.

    Raises ValidationFailed (more than MAX_TOKEN_DAYS days) or NotFound."""
    if days < 1 or days > MAX_TOKEN_DAYS:
        raise ValidationFailed(TOKEN_TOO_LONG, {"expires": [TOKEN_TOO_LONG]})
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction():
        moderator = get_moderator(email)
        db.session.add(
            ApiToken(
                moderator_id=moderator.id,
                token_hash=_token_hash(token),
                label=label,
                expires_at=utcnow() + dt.timedelta(days=days),
            )
        )
        audit.record("token.create", moderator, "moderator", moderator.id, {"days": days})
    return token


def moderator_for_token(token: str) -> Moderator | None:
    """The active moderator a live token belongs to; records its use."""
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    now = utcnow()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    if not row.moderator.active:
        return None
    if row.last_used_at is None or now - row.last_used_at > dt.timedelta(minutes=1):
        with transaction():
            row.last_used_at = now
    return row.moderator


def record_account_change(
    action: str, actor: Moderator | str, moderator: Moderator, detail: dict | None = None
) -> None:
    """Audit an action on `moderator`'s account, named by its address, in the caller's
    transaction."""
    audit.record(
        action, actor, "moderator", moderator.id, {"account": moderator.email, **(detail or {})}
    )


def revoke_live_tokens(moderator: Moderator, actor: Moderator | str, after: str) -> int:
    """Revoke every live API token of the account, in the caller's transaction; returns how
    many. `after` names the audit action that made them untrustworthy (a password reset, say)."""
    now = utcnow()
    revoked = db.session.execute(
        sa.update(ApiToken)
        .where(
            ApiToken.moderator_id == moderator.id,
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > now,
        )
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if revoked:
        audit.record(
            "token.revoke_all",
            actor,
            "moderator",
            moderator.id,
            {"tokens": revoked, "after": after},
        )
    return revoked


def reset_moderator(email: str, password: str | None = None, reset_2fa: bool = False) -> Moderator:
    """Recover a locked-out account: new password and/or no two-factor; ends every session and
    revokes every API token."""
    if password is not None:
        check_password_strength(password)
    with transaction():
        moderator = get_moderator(email)
        if password is not None:
            moderator.password_hash = hash_password(password)
        if reset_2fa:
            moderator.totp_secret = None
            moderator.recovery_codes = []
        moderator.active = True
        moderator.session_version += 1
        audit.record(
            "moderator.reset",
            "cli",
            "moderator",
            moderator.id,
            {"password": password is not None, "two_factor": reset_2fa},
        )
        revoke_live_tokens(moderator, "cli", "moderator.reset")
    return moderator
