"""The audit log: who did what, when. Never the content of a submission.

Entries form a keyed hash chain (see `service/submissions/auditchain.py`): each carries its
place in the chain (`seq`), the previous entry's hash and its own, an HMAC-SHA256 under a key
the database does not hold. `AuditChainHead` is the one row every append locks and moves on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm as so

from service.data.database import UTCDateTime, utcnow
from service.data.models.base import Base


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (sa.Index("ix_audit_events_kind_item", "kind", "item_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: so.Mapped[str] = so.mapped_column(sa.String(254))
    moderator_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("moderators.id", ondelete="SET NULL")
    )
    action: so.Mapped[str] = so.mapped_column(sa.String(50))
    kind: so.Mapped[str | None] = so.mapped_column(sa.String(16))
    item_id: so.Mapped[int | None]
    detail: so.Mapped[dict[str, Any]] = so.mapped_column(sa.JSON, default=dict)
    # The chain: place, the previous entry's hash, this entry's hash and the key's id (hex).
    seq: so.Mapped[int | None] = so.mapped_column(sa.BigInteger, unique=True)
    prev_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    entry_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    key_id: so.Mapped[str | None] = so.mapped_column(sa.String(16))


class AuditChainHead(Base):
    """The chain's end: the last entry's place and hash. One row (id 1); an append locks it, so
    appends from every worker and instance queue up behind one another."""

    __tablename__ = "audit_chain_head"

    id: so.Mapped[int] = so.mapped_column(primary_key=True, autoincrement=False)
    seq: so.Mapped[int] = so.mapped_column(sa.BigInteger, default=0)
    last_hash: so.Mapped[str] = so.mapped_column(sa.String(64))
