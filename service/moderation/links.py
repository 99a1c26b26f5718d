"""Opening and using the action links in moderators' mail (issued by
`service/submissions/actionlinks.py`).

Opening a link (GET) only shows a confirmation page, so a mail scanner that follows links
changes nothing; the form on that page (POST) acts. A link remembers its item's status when it
was sent and acts only while the item still has it: once someone else has answered, closed or
marked the item, the link does nothing and says who changed it and when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from itsdangerous import BadSignature

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import (
    ActionLink,
    AuditEvent,
    Comment,
    Inquiry,
    ItemKind,
    Moderator,
    Thread,
)
from service.moderation import services
from service.submissions.actionlinks import hash_secret, link_serializer
from service.submissions.staffscope import is_in_scope
from service.web.errors import DomainError
from service.web.i18n import N_

# The audit entries that change an item's status, for "what happened since the link was sent".
_STATUS_CHANGES: dict[str, tuple[str, ...]] = {
    ItemKind.COMMENT.value: ("approve", "reject", "spam", "ham", "delete"),
    ItemKind.INQUIRY.value: ("answer", "close", "spam", "ham", "delete"),
}


class LinkRefused(DomainError, code="link_refused", status=410):
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


class ItemMovedOn(DomainError, code="item_moved_on", status=409):
    """The link's item no longer has the status it had when the link was sent."""

    default_message = N_("This item has changed since the link was sent; nothing was done.")

    def __init__(self, history: ItemHistory) -> None:
        super().__init__()
        self.history = history


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
        secret = link_serializer().loads(token)
    except BadSignature:
        raise LinkRefused() from None
    if not isinstance(secret, str):
        raise LinkRefused()
    link = db.session.scalar(
        sa.select(ActionLink).where(ActionLink.token_hash == hash_secret(secret))
    )
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
        # An item the link's moderator may no longer see answers like a missing one.
        if comment is None or not is_in_scope(comment, moderator):
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
        if inquiry is None or not is_in_scope(inquiry, moderator):
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
        moderator = db.session.get(Moderator, link.moderator_id)
        # Locked until the action is done, so nobody changes the item between check and act;
        # an item out of the link's moderator's scope is missing to them (NotFound).
        if link.kind == ItemKind.COMMENT.value:
            item: Comment | Inquiry = services.get_comment(
                link.item_id, lock=True, moderator=moderator
            )
        else:
            item = services.get_inquiry(link.item_id, lock=True, moderator=moderator)
        _check_unchanged(link, item.status.value)
        # A conditional update makes the link single-use even under two simultaneous posts.
        claimed = db.session.execute(
            sa.update(ActionLink)
            .where(ActionLink.id == link.id, ActionLink.used_at.is_(None))
            .values(used_at=utcnow())
        )
        if claimed.rowcount != 1:
            raise LinkRefused()
        return services.apply_action(
            moderator, link.kind, link.item_id, link.action, "", "mail link"
        )
