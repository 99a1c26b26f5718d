"""Machinery rows: the mail outbox, the blocklist, idempotency keys, form tokens, the filter."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy import orm as so

from service.data.crypto import EncryptedText
from service.data.database import UTCDateTime, utcnow
from service.data.models.base import Base, str_enum
from service.data.models.enums import BlockKind, OutboxStatus

# Mixin columns follow a model's own; `sort_order` keeps what an attempt reported (when it
# was sent, the answer, the last error) after the queue's columns, where the tables have them.
OUTCOME_ORDER = 1


class QueuedDelivery:
    """What a queued mail and a webhook delivery share: written with the change they report,
    then tried until sent, with backoff between attempts (`submissions/outbox.py`)."""

    status: so.Mapped[OutboxStatus] = so.mapped_column(
        str_enum(OutboxStatus), default=OutboxStatus.QUEUED
    )
    attempts: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    last_error: so.Mapped[str | None] = so.mapped_column(sa.String(500), sort_order=OUTCOME_ORDER)


class OutboxMessage(QueuedDelivery, Base):
    """A mail written in the same transaction as what it reports; sent later."""

    __tablename__ = "outbox"
    __table_args__ = (
        sa.Index("ix_outbox_status_next_attempt", "status", "next_attempt_at"),
        # The comment digest's "told recently?" check, on every comment that waits.
        sa.Index("ix_outbox_purpose_to_created", "purpose", "to_addr", "created_at"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    to_addr: so.Mapped[str] = so.mapped_column(sa.String(254))
    subject: so.Mapped[str] = so.mapped_column(sa.String(200))
    # A staff answer, or a moderator's single-use action links: encrypted like the reply itself.
    body_text: so.Mapped[str] = so.mapped_column(EncryptedText)
    purpose: so.Mapped[str] = so.mapped_column(sa.String(50), default="notice")
    # Extra mail headers (a reader's notice carries List-Unsubscribe); none for most mail.
    headers: so.Mapped[dict[str, str] | None] = so.mapped_column(sa.JSON)
    sent_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime, sort_order=OUTCOME_ORDER)


class BlocklistEntry(Base):
    __tablename__ = "blocklist"
    __table_args__ = (sa.UniqueConstraint("kind", "value", name="uq_blocklist_kind_value"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    kind: so.Mapped[BlockKind] = so.mapped_column(str_enum(BlockKind))
    value: so.Mapped[str] = so.mapped_column(sa.String(254))
    note: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    created_by: so.Mapped[str] = so.mapped_column(sa.String(254), default="")
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)


class IdempotencyRecord(Base):
    """The first answer to a POST with an `Idempotency-Key`, replayed for 24 hours."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("scope", "key", name="uq_idempotency_keys_scope_key"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    scope: so.Mapped[str] = so.mapped_column(sa.String(200))
    key: so.Mapped[str] = so.mapped_column(sa.String(100))
    body_hash: so.Mapped[str] = so.mapped_column(sa.String(64))
    status_code: so.Mapped[int | None]
    response_body: so.Mapped[str | None] = so.mapped_column(sa.Text)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, index=True)


class UsedFormToken(Base):
    """A form token that was spent; a second use is a replay."""

    __tablename__ = "used_form_tokens"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    token_id: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    expires_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, index=True)


class SpamModelState(Base):
    """The learned filter's base state, shared by every worker through the database."""

    __tablename__ = "spam_model_state"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    trained_on: so.Mapped[int] = so.mapped_column(default=0)
    updated_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    # Last: every judgement reads the stamp above, and SQLite reaches a column stored after a
    # large value only by reading through that value's overflow pages (about 120 of them).
    state: so.Mapped[bytes] = so.mapped_column(sa.LargeBinary)


class SpamLesson(Base):
    """One moderator decision, as hashed features (never the text), applied in order."""

    __tablename__ = "spam_lessons"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    is_spam: so.Mapped[bool]
    features: so.Mapped[list[int]] = so.mapped_column(sa.JSON)
    source: so.Mapped[str] = so.mapped_column(sa.String(50), default="")
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
