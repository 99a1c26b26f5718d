"""Writing the audit log. Entries name actors, actions and items, never submission content."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.fastpaths import DriverStatement
from service.data.models import AuditEvent, Moderator


def record(
    action: str,
    actor: Moderator | str | None = None,
    kind: str | None = None,
    item_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Write an audit entry in the caller's transaction (a plain INSERT, at once)."""
    if isinstance(actor, Moderator):
        name, moderator_id = actor.email, actor.id
    else:
        name, moderator_id = actor or "system", None
    _INSERT.execute(
        db.session.connection(),
        {
            "actor": name,
            "moderator_id": moderator_id,
            "action": action,
            "kind": kind,
            "item_id": item_id,
            "detail": detail or {},
            "at": utcnow(),
        },
    ).close()


def record_each(
    action: str,
    actor: Moderator,
    kind: str,
    item_ids: list[int],
    detail: dict[str, Any] | None = None,
) -> None:
    """One audit entry per item, written with one INSERT in the caller's transaction."""
    if not item_ids:
        return
    at = utcnow()
    rows = [
        {
            "actor": actor.email,
            "moderator_id": actor.id,
            "action": action,
            "kind": kind,
            "item_id": item_id,
            "detail": detail or {},
            "at": at,
        }
        for item_id in item_ids
    ]
    db.session.execute(sa.insert(AuditEvent.__table__), rows)


_INSERT = DriverStatement(
    sa.insert(AuditEvent.__table__),
    columns=("actor", "moderator_id", "action", "kind", "item_id", "detail", "at"),
)
