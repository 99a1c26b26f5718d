"""Reading the audit log, newest first, a page at a time (keyset pagination on the id)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import AuditEvent, Comment, Inquiry, Thread
from service.submissions.staffscope import audit_visible, visible

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    next_cursor: int | None


def audit_page(
    after: int | None = None,
    action: str = "",
    actor: str = "",
    limit: int = PAGE_SIZE,
) -> AuditPage:
    """Events older than the cursor `after` (an event id), optionally one action (`login.failed`,
    or a prefix such as `login` for `login.*`) and actors containing `actor`. A moderator limited
    to some items sees no entry about the others."""
    limit = max(1, min(limit, 200))
    query = (
        sa.select(AuditEvent).where(audit_visible()).order_by(AuditEvent.id.desc()).limit(limit + 1)
    )
    if after is not None:
        query = query.where(AuditEvent.id < after)
    if action:
        query = query.where(
            sa.or_(AuditEvent.action == action, AuditEvent.action.startswith(action + "."))
        )
    if actor:
        query = query.where(AuditEvent.actor.contains(actor.strip().lower(), autoescape=True))
    events = list(db.session.scalars(query))
    next_cursor = events[limit - 1].id if len(events) > limit else None
    return AuditPage(events[:limit], next_cursor)


def known_actions() -> list[str]:
    """Every action the log holds, for the filter's choices."""
    return list(
        db.session.scalars(sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    )


@dataclass(frozen=True)
class StoredItems:
    inquiries: set[int]
    comments: dict[int, tuple[str, str]]  # id -> (status, thread key)


def stored_items(inquiry_ids: set[int], comment_ids: set[int]) -> StoredItems:
    """Which of these items still exist (retention and erasure remove some) and are in the
    scope of the moderator this request acts for, two queries."""
    inquiries: set[int] = set()
    comments: dict[int, tuple[str, str]] = {}
    if inquiry_ids:
        inquiries = set(
            db.session.scalars(
                sa.select(Inquiry.id).where(Inquiry.id.in_(inquiry_ids), visible(Inquiry))
            )
        )
    if comment_ids:
        rows = db.session.execute(
            sa.select(Comment.id, Comment.status, Thread.key)
            .join(Thread, Thread.id == Comment.thread_id)
            .where(Comment.id.in_(comment_ids), visible(Comment))
        )
        comments = {row.id: (row.status.value, row.key) for row in rows}
    return StoredItems(inquiries, comments)
