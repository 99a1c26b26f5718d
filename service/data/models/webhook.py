"""Webhook endpoints an administrator registered, and every delivery to them (the log)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import orm as so

from service.data.crypto import EncryptedText
from service.data.database import UTCDateTime, utcnow
from service.data.models.base import Base, str_enum
from service.data.models.enums import WebhookFormat
from service.data.models.system import OUTCOME_ORDER, QueuedDelivery


class WebhookEndpoint(Base):
    """Where events go, in which format, and which events it wants."""

    __tablename__ = "webhook_endpoints"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    label: so.Mapped[str] = so.mapped_column(sa.String(100))
    # A chat service's incoming-webhook address is its credential: stored encrypted, and staff
    # screens show only its host.
    url: so.Mapped[str] = so.mapped_column(EncryptedText)
    host: so.Mapped[str] = so.mapped_column(sa.String(253))
    format: so.Mapped[WebhookFormat] = so.mapped_column(str_enum(WebhookFormat))
    # The Standard Webhooks signing secret, `whsec_` and base64.
    secret: so.Mapped[str] = so.mapped_column(EncryptedText)
    events: so.Mapped[list[str]] = so.mapped_column(sa.JSON)
    active: so.Mapped[bool] = so.mapped_column(default=True)
    created_by: so.Mapped[str] = so.mapped_column(sa.String(254), default="")
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)


class WebhookDelivery(QueuedDelivery, Base):
    """One event for one endpoint: written with the change it reports, delivered later."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.Index("ix_webhook_deliveries_status_next_attempt", "status", "next_attempt_at"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    endpoint_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True
    )
    # The `webhook-id` header: the same on every attempt, so a receiver can drop a repeat.
    message_id: so.Mapped[str] = so.mapped_column(sa.String(40), unique=True)
    event: so.Mapped[str] = so.mapped_column(sa.String(50))
    # The body as sent, byte for byte on every attempt; ids, statuses, times and links only.
    payload: so.Mapped[str] = so.mapped_column(sa.Text)
    delivered_at: so.Mapped[dt.datetime | None] = so.mapped_column(
        UTCDateTime, sort_order=OUTCOME_ORDER
    )
    response_status: so.Mapped[int | None] = so.mapped_column(sort_order=OUTCOME_ORDER)
