"""Writing the audit log. Entries name actors, actions and items, never submission content."""

from __future__ import annotations

from typing import Any

from service.extensions import db
from service.models import AuditEvent, Moderator


def record(
    action: str,
    actor: Moderator | str | None = None,
    kind: str | None = None,
    item_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit entry to the caller's transaction."""
    if isinstance(actor, Moderator):
        name, moderator_id = actor.email, actor.id
    else:
        name, moderator_id = actor or "system", None
    event = AuditEvent(
        actor=name,
        moderator_id=moderator_id,
        action=action,
        kind=kind,
        item_id=item_id,
        detail=detail or {},
    )
    db.session.add(event)
    return event
