"""The secure answer channel's links and codes (docs/patient-communication.md).

When staff answer an inquiry, the patient's mail says only that a reply is waiting and carries
a link. The link is signed with SECRET_KEY over the inquiry's number and a random secret; only
the secret's SHA-256 is stored (`answer_links`), with an expiry of ANSWER_LINK_HOURS.

Holding the link is not enough to read the conversation: the page asks for a one-time code,
mailed to the inquiry's address on request. The code has six digits, is stored only as an HMAC
(keyed with SECRET_KEY and the link's row, so a copy of the database does not reveal it), lives
ten minutes and allows five guesses; a link gives out at most five codes, one a minute.

A confirmed code binds the link to the browser session that asked for it: a random nonce kept
in the (signed) session cookie, stored as a hash on the link. From then on that session, and
only that one, reads the conversation; the same link opened in another browser is refused.
A new answer mails a new link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, session
from itsdangerous import BadSignature, URLSafeSerializer

from service.data.database import MAX_ID, utcnow
from service.data.extensions import db
from service.data.models import AnswerLink, Inquiry, InquiryStatus
from service.web.errors import DomainError
from service.web.i18n import N_

_SALT = "clinic-desk.answer-link"
_SESSION_KEY = "answer_channel"
MAX_TOKEN = 500
CODE_DIGITS = 6
CODE_MINUTES = 10
CODE_ATTEMPTS = 5
CODES_PER_LINK = 5
CODE_INTERVAL_SECONDS = 60
# A patient can reach the conversation only while the inquiry is one staff are handling.
_READABLE = {InquiryStatus.RECEIVED, InquiryStatus.ANSWERED, InquiryStatus.CLOSED}


class AnswerLinkRefused(DomainError, code="link_invalid", status=410):
    """An answer link that is unknown, altered, expired or spent; all read alike."""

    default_message = N_(
        "This link has expired, was already used in another browser, or is not complete. "
        "Each new reply from the clinic comes with a new link; if you need one now, please "
        "write to us again through the contact form."
    )


class ConversationClosed(DomainError, code="not_confirmed", status=403):
    """No confirmed session for this conversation in this browser."""

    default_message = N_(
        "To read this conversation, open the link in the clinic's mail and confirm the code "
        "we send you."
    )


class CodeRefused(DomainError, code="code_invalid", status=400):
    default_message = N_(
        "That code is not right or has expired. Check the latest mail from us, or ask for a "
        "new code."
    )


class CodeTooSoon(DomainError, code="code_too_soon", status=429):
    default_message = N_(
        "A code was sent a moment ago; please check your mail, or wait a minute and ask again."
    )


@dataclass
class LinkRefusal:
    """Why a known link was refused, for the audit log (never shown to the visitor)."""

    link: AnswerLink
    reason: str


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _code_hash(link: AnswerLink, code: str) -> str:
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, f"{_SALT}:{link.id}:{code}".encode(), hashlib.sha256).hexdigest()


def issue_answer_link(inquiry_id: int) -> str:
    """A new link's token for an inquiry, stored (as a hash) in the caller's transaction."""
    secret = secrets.token_urlsafe(32)
    db.session.add(
        AnswerLink(
            inquiry_id=inquiry_id,
            token_hash=_hash(secret),
            expires_at=utcnow() + dt.timedelta(hours=current_app.config["ANSWER_LINK_HOURS"]),
        )
    )
    return _serializer().dumps([inquiry_id, secret])


def answer_link_url(inquiry_id: int, token: str) -> str:
    from service.submissions.readerlinks import public_url

    return public_url(f"/inquiries/{inquiry_id}/conversation", t=token)


def session_nonce(create: bool = False) -> str | None:
    """This browser's answer-channel nonce (kept in the signed session cookie)."""
    nonce = session.get(_SESSION_KEY)
    if (not isinstance(nonce, str) or len(nonce) > 64) and create:
        nonce = secrets.token_urlsafe(32)
        session[_SESSION_KEY] = nonce
    return nonce if isinstance(nonce, str) else None


def find_link(inquiry_id: int, token: str | None, lock: bool = False) -> AnswerLink:
    """The stored link behind `token` for this inquiry, whatever its state.

    Raises AnswerLinkRefused for a token that is missing, altered or unknown."""
    if not token or len(token) > MAX_TOKEN:
        raise AnswerLinkRefused()
    try:
        value = _serializer().loads(token)
    except BadSignature:
        raise AnswerLinkRefused() from None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or value[0] != inquiry_id
        or not isinstance(value[1], str)
    ):
        raise AnswerLinkRefused()
    query = sa.select(AnswerLink).where(
        AnswerLink.token_hash == _hash(value[1]), AnswerLink.inquiry_id == inquiry_id
    )
    if lock:
        query = query.with_for_update()
    link = db.session.scalar(query)
    if link is None:
        raise AnswerLinkRefused()
    return link


def refusal_of(link: AnswerLink, inquiry: Inquiry | None) -> str | None:
    """Why this link may not be used from this browser now, or None."""
    if inquiry is None or inquiry.status not in _READABLE:
        return "inquiry"
    if link.expires_at <= utcnow():
        return "expired"
    if link.session_hash is not None and link.session_hash != _session_hash():
        return "reused"
    return None


def _session_hash() -> str | None:
    nonce = session_nonce()
    return _hash(nonce) if nonce else None


def is_confirmed_here(link: AnswerLink) -> bool:
    return link.session_hash is not None and link.session_hash == _session_hash()


def code_pending_here(link: AnswerLink) -> bool:
    """Whether this browser asked for a code that can still be entered."""
    return (
        link.code_hash is not None
        and link.pending_session_hash is not None
        and link.pending_session_hash == _session_hash()
        and link.code_expires_at is not None
        and link.code_expires_at > utcnow()
    )


def new_code(link: AnswerLink) -> str:
    """A fresh one-time code for the link, bound to this browser; stored as an HMAC in the
    caller's transaction. Raises CodeTooSoon or AnswerLinkRefused (too many codes)."""
    now = utcnow()
    if link.codes_sent >= CODES_PER_LINK:
        raise AnswerLinkRefused()
    if link.code_sent_at is not None and now - link.code_sent_at < dt.timedelta(
        seconds=CODE_INTERVAL_SECONDS
    ):
        raise CodeTooSoon()
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    link.code_hash = _code_hash(link, code)
    link.code_expires_at = now + dt.timedelta(minutes=CODE_MINUTES)
    link.code_attempts = 0
    link.codes_sent += 1
    link.code_sent_at = now
    link.pending_session_hash = _hash(session_nonce(create=True) or "")
    return code


def check_code(link: AnswerLink, code: str) -> bool:
    """Spend one guess on the code; on success bind the link to this browser. The caller
    commits either way (a wrong guess counts)."""
    if not code_pending_here(link) or link.code_attempts >= CODE_ATTEMPTS:
        return False
    link.code_attempts += 1
    entered = "".join(ch for ch in (code or "")[:20] if not ch.isspace())
    if not (len(entered) == CODE_DIGITS and entered.isdigit()):
        return False
    if not hmac.compare_digest(link.code_hash or "", _code_hash(link, entered)):
        return False
    link.session_hash = link.pending_session_hash
    link.verified_at = utcnow()
    link.code_hash = None
    link.code_expires_at = None
    return True


def confirmed_link(inquiry_id: int) -> AnswerLink | None:
    """The unexpired link this browser confirmed for the inquiry, if any."""
    session_hash = _session_hash()
    if session_hash is None or not 1 <= inquiry_id <= MAX_ID:
        return None
    return db.session.scalar(
        sa.select(AnswerLink)
        .where(
            AnswerLink.inquiry_id == inquiry_id,
            AnswerLink.session_hash == session_hash,
            AnswerLink.expires_at > utcnow(),
        )
        .order_by(AnswerLink.id.desc())
        .limit(1)
    )


def purge_expired_answer_links(now: dt.datetime | None = None) -> int:
    result = db.session.execute(
        sa.delete(AnswerLink).where(AnswerLink.expires_at <= (now or utcnow()))
    )
    return result.rowcount or 0
