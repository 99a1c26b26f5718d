"""Two-factor sign-in: TOTP (pyotp) and one-time recovery codes.

The TOTP secret is stored encrypted with `DATA_KEY` (the model column does it); recovery codes
are stored only as SHA-256 digests (each has 80 random bits, so a fast hash is enough) and each
works once. A TOTP code is accepted once: the account's row keeps the time step of the last code
accepted, claimed with a conditional UPDATE, so no second worker or host accepts the same code,
nor one of an earlier step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets

import pyotp
import segno
import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext
from markupsafe import escape

from service.data.database import transaction
from service.data.extensions import db
from service.data.models import Moderator
from service.moderation.accounts import record_account_change, revoke_live_tokens
from service.submissions import audit
from service.web.errors import Conflict, ValidationFailed
from service.web.i18n import N_

RECOVERY_CODE_COUNT = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
RECOVERY_CODE_LENGTH = 16  # 16 characters of a 31-letter alphabet: about 79 bits
TOTP_DIGITS = 6

WRONG_CODE = N_("That code is not right. Use the current code from your app, or a recovery code.")


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(email: str, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads, naming the clinic and the account."""
    return pyotp.TOTP(secret).provisioning_uri(
        name=email, issuer_name=current_app.config["CLINIC_NAME"]
    )


def qr_code_svg(uri: str) -> str:
    """The URI as an inline SVG QR code (no scripts, no style attributes: the CSP allows it)."""
    code = segno.make(uri, error="m", micro=False)
    # A viewBox instead of a fixed size: the stylesheet scales the code instead of cropping it.
    svg = code.svg_inline(
        scale=5, dark="#000000", light="#ffffff", svgclass="qr-code", lineclass=None, omitsize=True
    )
    name = escape(gettext("QR code of the setup key"))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name}" ', 1)


def group_secret(secret: str) -> str:
    """The secret in groups of four, easier to type by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _normalize_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _recovery_digest(code: str) -> str:
    return hashlib.sha256(_normalize_code(code).encode()).hexdigest()


def _new_recovery_codes() -> tuple[list[str], list[str]]:
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        codes.append("-".join(raw[i : i + 4] for i in range(0, RECOVERY_CODE_LENGTH, 4)))
    return codes, [_recovery_digest(code) for code in codes]


def claim_totp_step(moderator_id: int, step: int) -> bool:
    """Record `step` as the account's last accepted TOTP time step; False when that step or a
    later one was accepted before. One conditional UPDATE in its own transaction: of two
    workers claiming the same step, the database lets exactly one change the row."""
    with transaction():
        claimed = db.session.execute(
            sa.update(Moderator)
            .where(
                Moderator.id == moderator_id,
                sa.or_(Moderator.totp_last_step.is_(None), Moderator.totp_last_step < step),
            )
            .values(totp_last_step=step)
            .execution_options(synchronize_session=False)
        ).rowcount
    return claimed == 1


def _matching_step(secret: str, code: str) -> int | None:
    """The time step (now, or one either side for clock drift) whose code this is."""
    totp = pyotp.TOTP(secret)
    now = totp.timecode(dt.datetime.now(dt.UTC))
    for step in (now, now - 1, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify_totp(moderator_id: int, secret: str, code: str) -> bool:
    """True for a current code of a later time step than any this account used before."""
    code = _normalize_code(code)
    if len(code) != TOTP_DIGITS or not code.isdigit():
        return False
    step = _matching_step(secret, code)
    return step is not None and claim_totp_step(moderator_id, step)


def check_second_factor(moderator: Moderator, code: str) -> str | None:
    """Check a TOTP or recovery code; returns which one worked ("totp", "recovery_code"), or
    None. A recovery code is consumed in its own transaction."""
    if moderator.totp_secret and verify_totp(moderator.id, moderator.totp_secret, code):
        return "totp"
    digest = _recovery_digest(code)
    if len(_normalize_code(code)) != RECOVERY_CODE_LENGTH:
        return None
    with transaction():
        db.session.refresh(moderator, with_for_update=True)
        remaining = list(moderator.recovery_codes or [])
        if not any(hmac.compare_digest(digest, stored) for stored in remaining):
            return None
        moderator.recovery_codes = [stored for stored in remaining if stored != digest]
        audit.record(
            "two_factor.recovery_code_used",
            moderator,
            "moderator",
            moderator.id,
            {"remaining": len(moderator.recovery_codes)},
        )
    return "recovery_code"


def enable_two_factor(moderator: Moderator, secret: str, code: str) -> list[str]:
    """Confirm enrolment with a code from the app; returns the new recovery codes (shown once).
    Raises ValidationFailed for a wrong code."""
    if not verify_totp(moderator.id, secret, code):
        message = N_(
            "That code is not right. Check the time on your phone and enter the current code."
        )
        raise ValidationFailed(message, {"code": [message]})
    codes, digests = _new_recovery_codes()
    with transaction():
        replacing = moderator.totp_secret is not None
        moderator.totp_secret = secret
        moderator.recovery_codes = digests
        audit.record(
            "two_factor.replace" if replacing else "two_factor.enable",
            moderator,
            "moderator",
            moderator.id,
        )
    return codes


def regenerate_recovery_codes(moderator: Moderator) -> list[str]:
    """Replace every recovery code; returns the new ones. Raises Conflict without two-factor."""
    if moderator.totp_secret is None:
        raise Conflict(N_("Two-factor sign-in is not set up for this account."))
    codes, digests = _new_recovery_codes()
    with transaction():
        moderator.recovery_codes = digests
        audit.record("two_factor.recovery_codes", moderator, "moderator", moderator.id)
    return codes


def disable_two_factor(moderator: Moderator, actor: Moderator) -> None:
    """Remove two-factor. By the account itself (not an admin: it is required for them), or by an
    admin for someone else, which also ends that person's sessions and revokes their API tokens.
    Raises Conflict."""
    own = actor.id == moderator.id
    if own and moderator.is_admin:
        raise Conflict(
            N_("Administrators must keep two-factor sign-in. You can set up a new phone.")
        )
    if moderator.totp_secret is None:
        raise Conflict(N_("Two-factor sign-in is not set up for this account."))
    with transaction():
        moderator.totp_secret = None
        moderator.recovery_codes = []
        if not own:
            moderator.session_version += 1
        record_account_change("two_factor.disable" if own else "two_factor.reset", actor, moderator)
        if not own:
            revoke_live_tokens(moderator, actor, "two_factor.reset")
