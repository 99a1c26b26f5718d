"""The audit log: who did what, when. Never the content of a submission."""

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
