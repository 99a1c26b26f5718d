"""Links mailed to readers: the confirmation of an address for reply notifications, the
"my data" link, the one-click unsubscribe and the "manage my subscriptions" link.

The first two are signed, single-use and expire after READER_LINK_HOURS: a random secret goes
into the mail (signed with SECRET_KEY), only its SHA-256 is stored in `reader_links`, and using
the link marks it used in the same transaction as what it does. Opening such a link only shows
a page with a button, so a mail scanner that follows links changes nothing.

Unsubscribe and manage links must keep working for as long as mail that carries them exists,
so they do not expire: they are signed with their own salts over the row's id and a random
nonce kept on the row, and stop working when the row is gone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import ReaderLink, ReaderLinkPurpose
from service.web.errors import DomainError
from service.web.i18n import N_

_LINK_SALT = "clinic-desk.reader-link"
_UNSUBSCRIBE_SALT = "clinic-desk.unsubscribe"
_MANAGE_SALT = "clinic-desk.manage-subscriptions"
MAX_TOKEN = 500


class ReaderLinkInvalid(DomainError, code="link_invalid", status=410):
    """A reader's link that is unknown, altered, used or expired; all read alike."""

    default_message = N_(
        "This link has expired or was already used. You can ask for a new one on the page "
        "it came from."
    )


def new_nonce() -> str:
    return secrets.token_urlsafe(16)[:22]


def _serializer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def public_url(path: str, **params: str) -> str:
    """An address on PUBLIC_URL (mail is written outside any request's host)."""
    base = (current_app.config["PUBLIC_URL"] or "").rstrip("/")
    return f"{base}{path}" + (f"?{urlencode(params)}" if params else "")


def thread_url(key: str, comment_id: int | None = None) -> str:
    anchor = f"#comment-{comment_id}" if comment_id else ""
    return public_url("/threads/" + quote(key, safe="/")) + anchor


def issue_link(purpose: ReaderLinkPurpose, email: str) -> str:
    """A new single-use link's token, stored (as a hash) in the caller's transaction."""
    secret = secrets.token_urlsafe(32)
    db.session.add(
        ReaderLink(
            token_hash=_hash(secret),
            purpose=purpose,
            email=email,
            expires_at=utcnow() + dt.timedelta(hours=current_app.config["READER_LINK_HOURS"]),
        )
    )
    return _serializer(_LINK_SALT).dumps(secret)


def open_link(token: str | None, purpose: ReaderLinkPurpose, lock: bool = False) -> ReaderLink:
    """The unused, unexpired link behind `token`. Raises ReaderLinkInvalid."""
    if not token or len(token) > MAX_TOKEN:
        raise ReaderLinkInvalid()
    try:
        secret = _serializer(_LINK_SALT).loads(token)
    except BadSignature:
        raise ReaderLinkInvalid() from None
    if not isinstance(secret, str):
        raise ReaderLinkInvalid()
    query = sa.select(ReaderLink).where(
        ReaderLink.token_hash == _hash(secret), ReaderLink.purpose == purpose
    )
    if lock:
        query = query.with_for_update()
    link = db.session.scalar(query)
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        raise ReaderLinkInvalid()
    return link


def use_link(token: str | None, purpose: ReaderLinkPurpose) -> ReaderLink:
    """Open the link and mark it used, in the caller's transaction: only one request can win
    (a conditional UPDATE). Raises ReaderLinkInvalid."""
    link = open_link(token, purpose, lock=True)
    claimed = db.session.execute(
        sa.update(ReaderLink)
        .where(ReaderLink.id == link.id, ReaderLink.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise ReaderLinkInvalid()
    return link


def link_sent_since(purpose: ReaderLinkPurpose, email: str, since: dt.datetime) -> bool:
    return (
        db.session.scalar(
            sa.select(ReaderLink.id)
            .where(
                sa.func.lower(ReaderLink.email) == email.lower(),
                ReaderLink.purpose == purpose,
                ReaderLink.created_at > since,
            )
            .limit(1)
        )
        is not None
    )


def signed_token(kind: str, row_id: int, nonce: str) -> str:
    """A lasting token: `kind` is "s" (one subscription), "a" (every subscription of an
    address) or "m" (the manage page of an address)."""
    salt = _MANAGE_SALT if kind == "m" else _UNSUBSCRIBE_SALT
    return _serializer(salt).dumps([kind, row_id, nonce])


def read_signed_token(token: str | None, kinds: tuple[str, ...]) -> tuple[str, int, str]:
    """(kind, row id, nonce) of a lasting token. Raises ReaderLinkInvalid."""
    if not token or len(token) > MAX_TOKEN:
        raise ReaderLinkInvalid()
    salt = _MANAGE_SALT if kinds == ("m",) else _UNSUBSCRIBE_SALT
    try:
        value = _serializer(salt).loads(token)
    except BadSignature:
        raise ReaderLinkInvalid() from None
    if (
        not isinstance(value, list)
        or len(value) != 3
        or value[0] not in kinds
        or not isinstance(value[1], int)
        or not isinstance(value[2], str)
    ):
        raise ReaderLinkInvalid()
    return value[0], value[1], value[2]


def purge_expired_links(now: dt.datetime | None = None) -> int:
    """Delete links that expired (used or not); returns how many."""
    result = db.session.execute(
        sa.delete(ReaderLink).where(ReaderLink.expires_at <= (now or utcnow()))
    )
    return result.rowcount or 0
