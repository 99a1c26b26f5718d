"""Action links in moderators' mail: signed, single-use, bound to one moderator, one item and
one action, and valid for MAIL_LINK_HOURS.

Opening a link (GET) only shows a confirmation page, so a mail scanner that follows links
changes nothing; the form on that page (POST) acts. A link remembers its item's status when it
was sent and acts only while the item still has it: once someone else has answered, closed or
marked the item, the link does nothing and says who changed it and when.

The token travels in the query string, which the request log never prints (it logs
`request.path`). The link table stores only its SHA-256; the mail carrying the link sits in the
outbox, its body encrypted under DATA_KEY.
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
from service.models import (
    ActionLink,
    AuditEvent,
    Comment,
    Inquiry,
    ItemKind,
    Moderator,
    Thread,
)
from service.moderation import services

# What a link may do: nothing that needs a note or a person to be chosen.
LINK_ACTIONS: dict[str, tuple[str, ...]] = {
    ItemKind.COMMENT.value: ("approve", "reject", "spam", "ham", "delete"),
    ItemKind.INQUIRY.value: ("close", "spam", "ham", "delete"),
}
# The audit entries that change an item's status, for "what happened since the link was sent".
_STATUS_CHANGES: dict[str, tuple[str, ...]] = {
    ItemKind.COMMENT.value: ("approve", "reject", "spam", "ham", "delete"),
    ItemKind.INQUIRY.value: ("answer", "close", "spam", "ham", "delete"),
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


@dataclass
class ItemHistory:
    """What became of a link's item since the link was sent, from the audit log."""

    kind: str
    item_id: int
    action: str
    status_then: str
    status_now: str
    changed_by: str | None  # the moderator's name, or the audit log's actor ("system", "cli")
    changed_at: dt.datetime | None
    change: str | None  # the audit action, e.g. "inquiry.answer"


class ItemMovedOn(DomainError):
    """The link's item no longer has the status it had when the link was sent."""

    code = "item_moved_on"
    http_status = 409
    default_message = N_("This item has changed since the link was sent; nothing was done.")

    def __init__(self, history: ItemHistory) -> None:
        super().__init__()
        self.history = history


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _status_now(session: sa.orm.Session, kind: str, item_id: int) -> str:
    if kind == ItemKind.COMMENT.value:
        status = session.scalar(sa.select(Comment.status).where(Comment.id == item_id))
        missing = N_("There is no comment #%(id)d.", id=item_id)
    else:
        status = session.scalar(sa.select(Inquiry.status).where(Inquiry.id == item_id))
        missing = N_("There is no inquiry #%(id)d.", id=item_id)
    if status is None:
        raise services.NotFound(missing)
    return status.value


def issue_link(
    moderator: Moderator,
    kind: str,
    item_id: int,
    action: str,
    session: sa.orm.Session | None = None,
    status: str | None = None,
) -> str:
    """A new link's token, stored (as a hash) in the caller's transaction: in `session` if
    given, else in the request's session. The link acts only while the item has `status`
    (the item's status now, looked up when not given).

    Raises UnknownAction for an action a link may not carry, NotFound for a missing item."""
    if action not in LINK_ACTIONS.get(kind, ()):
        raise services.UnknownAction(
            N_("A mail link cannot %(action)s a %(kind)s.", action=action, kind=kind),
            {"action": ["not for links"]},
        )
    session = session if session is not None else db.session
    if status is None:
        status = _status_now(session, kind, item_id)
    secret = secrets.token_urlsafe(32)
    session.add(
        ActionLink(
            token_hash=_hash(secret),
            moderator_id=moderator.id,
            kind=kind,
            item_id=item_id,
            action=action,
            item_status=status,
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
    status: str | None = None,
) -> dict[str, str]:
    """One link per action for this moderator and item, in the caller's transaction (the
    notification mail is written in the same one), acting only while the item has `status`
    (its status now when not given). Unsuitable actions are left out. Raises NotFound."""
    allowed = [action for action in actions if action in LINK_ACTIONS.get(kind, ())]
    if allowed and status is None:
        status = _status_now(session if session is not None else db.session, kind, item_id)
    return {
        action: link_url(issue_link(moderator, kind, item_id, action, session, status))
        for action in allowed
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


def _history(link: ActionLink, status_now: str) -> ItemHistory:
    event = db.session.scalar(
        sa.select(AuditEvent)
        .where(
            AuditEvent.kind == link.kind,
            AuditEvent.item_id == link.item_id,
            AuditEvent.action.in_([f"{link.kind}.{a}" for a in _STATUS_CHANGES[link.kind]]),
            AuditEvent.at >= link.created_at,
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    changed_by = None
    if event is not None:
        who = db.session.get(Moderator, event.moderator_id) if event.moderator_id else None
        changed_by = (who.name or who.email) if who is not None else event.actor
    return ItemHistory(
        link.kind,
        link.item_id,
        link.action,
        link.item_status,
        status_now,
        changed_by,
        event.at if event is not None else None,
        event.action if event is not None else None,
    )


def _check_unchanged(link: ActionLink, status_now: str) -> None:
    if status_now != link.item_status:
        history = _history(link, status_now)
        db.session.rollback()
        raise ItemMovedOn(history)


def preview_link(token: str) -> LinkPreview:
    """Check a link without using it. Raises LinkRefused, or ItemMovedOn with what happened
    to the item since the link was sent."""
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
    _check_unchanged(link, status)
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
    """Carry out a link's one action as its moderator, once, if the item still has the status
    it had when the link was sent. Raises LinkRefused; ItemMovedOn when the item has moved on,
    or the action's own InvalidTransition (then the link stays unused); NotFound."""
    with transaction():
        link = _find(token)
        # Locked until the action is done, so nobody changes the item between check and act.
        if link.kind == ItemKind.COMMENT.value:
            item: Comment | Inquiry = services.get_comment(link.item_id, lock=True)
        else:
            item = services.get_inquiry(link.item_id, lock=True)
        _check_unchanged(link, item.status.value)
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
