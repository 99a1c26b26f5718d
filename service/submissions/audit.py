"""Writing the audit log. Entries name actors, actions and items, never submission content.

Every entry is sealed into the keyed hash chain (`auditchain.seal`) as it is written."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.fastpaths import DriverStatement
from service.data.models import AuditEvent, Moderator
from service.submissions.auditchain import seal


def record(
    action: str,
    actor: Moderator | str | None = None,
    kind: str | None = None,
    item_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Write an audit entry in the caller's transaction (a plain INSERT, at once), sealed into
    the chain: the transaction holds the chain's head until it ends."""
    if isinstance(actor, Moderator):
        name, moderator_id = actor.email, actor.id
    else:
        name, moderator_id = actor or "system", None
    # Changes made before the entry take their row locks before the chain's head, so the usual
    # transaction (change, then audit) locks rows and head in one order, and two such
    # transactions cannot wait on each other in a cycle.
    db.session.flush()
    connection = db.session.connection()
    row = {
        "actor": name,
        "moderator_id": moderator_id,
        "action": action,
        "kind": kind,
        "item_id": item_id,
        "detail": detail or {},
        "at": utcnow(),
    }
    seal(connection, [row])
    _INSERT.execute(connection, row).close()


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
    db.session.flush()  # row locks before the chain's head, as in `record`
    seal(db.session.connection(), rows)
    db.session.execute(sa.insert(AuditEvent.__table__), rows)


# What an entry says, and where `seal` puts it in the chain; the site export writes both.
ENTRY_COLUMNS = ("actor", "moderator_id", "action", "kind", "item_id", "detail")
CHAIN_COLUMNS = ("seq", "prev_hash", "entry_hash", "key_id")
_INSERT = DriverStatement(
    sa.insert(AuditEvent.__table__),
    columns=(*ENTRY_COLUMNS, "at", *CHAIN_COLUMNS),
)
