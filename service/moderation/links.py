"""Action links in moderators' mail: signed, single-use, bound to one moderator, one item and
one action, and valid for MAIL_LINK_HOURS.

Opening a link (GET) only shows a confirmation page, so a mail scanner that follows links
changes nothing; the form on that page (POST) acts. The token travels in the query string,
which the request log never prints (it logs `request.path`). The link table stores only its
SHA-256; the mail carrying the link sits in the outbox, its body encrypted under DATA_KEY.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from service.database import transaction, utcnow
from service.errors import DomainError
from service.extensions import db
from service.i18n import N_
from service.models import ActionLink, Comment, Inquiry, ItemKind, Moderator, Thread
from service.moderation import services

# What a link may do: nothing that needs a note or a person to be chosen.
LINK_ACTIONS: dict[str, tuple[str, ...]] = {
    ItemKind.COMMENT.value: ("approve", "reject", "spam", "ham", "delete"),
    ItemKind.INQUIRY.value: ("close", "spam", "ham", "delete"),
}
LINK_PATH = "/moderation/link"
_SALT = "clinic-desk.action-link"


class LinkRefused(DomainError):
    code = "link_refused"
    http_status = 410
    default_message = N_(
        "This link cannot be used: it has expired, was already used, or was not meant for "
        "this. Open the moderation queue instead."
    )


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_link(
    moderator: Moderator,
    kind: str,
    item_id: int,
    action: str,
    session: sa.orm.Session | None = None,
) -> str:
    """A new link's token, stored (as a hash) in the caller's transaction: in `session` if
    given, else in the request's session.

    Raises UnknownAction for an action a link may not carry."""
    if action not in LINK_ACTIONS.get(kind, ()):
        raise services.UnknownAction(
            N_("A mail link cannot %(action)s a %(kind)s.", action=action, kind=kind),
            {"action": ["not for links"]},
        )
    secret = secrets.token_urlsafe(32)
    (session if session is not None else db.session).add(
        ActionLink(
            token_hash=_hash(secret),
            moderator_id=moderator.id,
            kind=kind,
            item_id=item_id,
            action=action,
            expires_at=utcnow() + dt.timedelta(hours=current_app.config["MAIL_LINK_HOURS"]),
        )
    )
    return _serializer().dumps(secret)


def link_url(token: str) -> str:
    base = (current_app.config["PUBLIC_URL"] or "").rstrip("/")
    return f"{base}{LINK_PATH}?{urlencode({'t': token})}"


def action_links_for(
    moderator: Moderator,
    kind: str,
    item_id: int,
    actions: list[str] | tuple[str, ...],
    session: sa.orm.Session | None = None,
) -> dict[str, str]:
    """One link per action for this moderator and item, in the caller's transaction (the
    notification mail is written in the same one). Unsuitable actions are left out."""
    allowed = LINK_ACTIONS.get(kind, ())
    return {
        action: link_url(issue_link(moderator, kind, item_id, action, session))
        for action in actions
        if action in allowed
    }


@dataclass
class LinkPreview:
    """What the confirmation page shows; never an inquiry's message."""

    action: str
    kind: str
    item_id: int
    moderator_email: str
    expires_at: dt.datetime
    status: str
    author: str
    where: str
    html: str | None  # a comment's sanitised HTML


def _find(token: str) -> ActionLink:
    try:
        secret = _serializer().loads(token)
    except BadSignature:
        raise LinkRefused() from None
    if not isinstance(secret, str):
        raise LinkRefused()
    link = db.session.scalar(sa.select(ActionLink).where(ActionLink.token_hash == _hash(secret)))
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        raise LinkRefused()
    moderator = db.session.get(Moderator, link.moderator_id)
    if moderator is None or not moderator.active:
        raise LinkRefused()
    return link


def preview_link(token: str) -> LinkPreview:
    """Check a link without using it. Raises LinkRefused."""
    link = _find(token)
    moderator = db.session.get(Moderator, link.moderator_id)
    if link.kind == ItemKind.COMMENT.value:
        comment = db.session.get(Comment, link.item_id)
        if comment is None:
            raise LinkRefused()
        thread = db.session.get(Thread, comment.thread_id)
        status, author, where, html = (
            comment.status.value,
            comment.author,
            thread.title or thread.key,
            comment.body_html,
        )
    else:
        inquiry = db.session.get(Inquiry, link.item_id)
        if inquiry is None:
            raise LinkRefused()
        status, author, where, html = inquiry.status.value, inquiry.name, inquiry.topic, None
    db.session.rollback()  # a GET changes nothing
    return LinkPreview(
        link.action,
        link.kind,
        link.item_id,
        moderator.email,
        link.expires_at,
        status,
        author,
        where,
        html,
    )


def use_link(token: str) -> services.Outcome:
    """Carry out a link's one action as its moderator, once. Raises LinkRefused, or the
    action's own InvalidTransition when the item has moved on (the link stays unused)."""
    with transaction():
        link = _find(token)
        # A conditional update makes the link single-use even under two simultaneous posts.
        claimed = db.session.execute(
            sa.update(ActionLink)
            .where(ActionLink.id == link.id, ActionLink.used_at.is_(None))
            .values(used_at=utcnow())
        )
        if claimed.rowcount != 1:
            raise LinkRefused()
        moderator = db.session.get(Moderator, link.moderator_id)
        return services.apply_action(
            moderator, link.kind, link.item_id, link.action, "", "mail link"
        )
