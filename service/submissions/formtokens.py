"""Form tokens: a signed note of when a form was shown, spent once.

A token that comes back too fast, too late or a second time is a strong sign of a bot; a
missing one (an API client, a cached page) only adds a little to the spam score.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import UsedFormToken
from service.spam.submission import FormTokenState

MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class FormTokenCheck:
    state: FormTokenState
    age: float | None = None
    token_id: str | None = None


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="clinic-desk form token")


def issue_form_token() -> str:
    """A new token recording this moment."""
    return _serializer().dumps({"i": secrets.token_hex(12), "t": round(time.time(), 3)})


def inspect_form_token(
    token: str | None, now: float | None = None, connection: sa.Connection | None = None
) -> FormTokenCheck:
    """Judge a token without spending it. Reads on `connection` if given, else in the
    session."""
    if not token:
        return FormTokenCheck(FormTokenState.MISSING)
    if not isinstance(token, str) or len(token) > 200:
        return FormTokenCheck(FormTokenState.INVALID)
    try:
        payload = _serializer().loads(token)
        token_id, issued = str(payload["i"]), float(payload["t"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return FormTokenCheck(FormTokenState.INVALID)
    age = (now or time.time()) - issued
    if age < float(current_app.config["FORM_MIN_SECONDS"]):
        return FormTokenCheck(FormTokenState.TOO_FAST, age, token_id)
    if age > MAX_AGE_SECONDS:
        return FormTokenCheck(FormTokenState.EXPIRED, age, token_id)
    reader = connection if connection is not None else db.session
    used = reader.scalar(sa.select(_USED.c.id).where(_USED.c.token_id == token_id))
    if used is not None:
        return FormTokenCheck(FormTokenState.REPLAYED, age, token_id)
    return FormTokenCheck(FormTokenState.VALID, age, token_id)


def spend_form_token(check: FormTokenCheck, connection: sa.Connection | None = None) -> None:
    """Mark a valid token as used, in the caller's transaction: on `connection` if given,
    else in the session. A token spent meanwhile by another request raises IntegrityError."""
    if check.state is FormTokenState.VALID and check.token_id:
        writer = connection if connection is not None else db.session
        writer.execute(
            sa.insert(_USED).values(
                token_id=check.token_id,
                expires_at=utcnow() + dt.timedelta(seconds=MAX_AGE_SECONDS),
            )
        )


_USED = UsedFormToken.__table__
