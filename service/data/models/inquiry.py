"""Contact inquiries. The message and phone are health information: encrypted at rest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm as so

from service.data.crypto import EncryptedText
from service.data.database import UTCDateTime, utcnow
from service.data.models.base import Base, str_enum
from service.data.models.enums import InquiryStatus, Verdict


class Inquiry(Base):
    __tablename__ = "inquiries"
    __table_args__ = (
        # The moderation queue: newest first, one indexed range scan per filter.
        sa.Index("ix_inquiries_created_id", "created_at", "id"),
        sa.Index("ix_inquiries_status_created_id", "status", "created_at", "id"),
        sa.Index("ix_inquiries_verdict_created_id", "verdict", "created_at", "id"),
        sa.Index("ix_inquiries_content_hash_created", "content_hash", "created_at"),
        # Urgent inquiries still waiting come first in the queue: one range scan finds them.
        sa.Index("ix_inquiries_urgent_status_created_id", "urgent", "status", "created_at", "id"),
        # The spam filter's facts: submissions from one address range in the last hour.
        sa.Index("ix_inquiries_client_created", "client_address", "created_at"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(100))
    email: so.Mapped[str] = so.mapped_column(sa.String(254))
    phone: so.Mapped[str | None] = so.mapped_column(EncryptedText)
    phone_normalized: so.Mapped[str | None] = so.mapped_column(EncryptedText)
    topic: so.Mapped[str] = so.mapped_column(sa.String(50))
    message: so.Mapped[str] = so.mapped_column(EncryptedText)
    content_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    consent_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime)
    consent_version: so.Mapped[str] = so.mapped_column(sa.String(64))
    status: so.Mapped[InquiryStatus] = so.mapped_column(
        str_enum(InquiryStatus), default=InquiryStatus.RECEIVED
    )
    verdict: so.Mapped[Verdict] = so.mapped_column(str_enum(Verdict), default=Verdict.UNSURE)
    score: so.Mapped[float] = so.mapped_column(default=0.0)
    reasons: so.Mapped[list[dict[str, Any]]] = so.mapped_column(sa.JSON, default=list)
    # The text suggests an emergency (service/spam/triage.py), judged once at submission.
    urgent: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    # The filter's hashed features (featurize.pack_features), encrypted like the message: a
    # feature is a hash of a word, and an inquiry's words are health information.
    spam_features: so.Mapped[str | None] = so.mapped_column(EncryptedText)
    # What staff decided about the item, if anything ("ham" or "spam"): see Comment.staff_label.
    staff_label: so.Mapped[str | None] = so.mapped_column(sa.String(4))
    assigned_to_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("moderators.id", ondelete="SET NULL")
    )
    client_address: so.Mapped[str | None] = so.mapped_column(sa.String(45))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[dt.datetime] = so.mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )
    answered_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    closed_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)


# Reputation facts and privacy requests match email addresses without regard to case.
sa.Index("ix_inquiries_email_lower_staff_label", sa.func.lower(Inquiry.email), Inquiry.staff_label)


class InquiryReply(Base):
    """What staff wrote back to a visitor; kept in the inquiry's history."""

    __tablename__ = "inquiry_replies"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    inquiry_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("inquiries.id", ondelete="CASCADE"), index=True
    )
    moderator_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("moderators.id", ondelete="SET NULL")
    )
    body: so.Mapped[str] = so.mapped_column(EncryptedText)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
