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
    # Set when the patient writes back through the answer page; cleared by the next answer.
    patient_replied_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)


# Reputation facts and privacy requests match email addresses without regard to case.
sa.Index("ix_inquiries_email_lower_staff_label", sa.func.lower(Inquiry.email), Inquiry.staff_label)


class InquiryReply(Base):
    """One message of an inquiry's conversation after the first: a staff answer, a patient's
    reply (judged by the spam filter) or a staff-only internal note. All encrypted at rest."""

    __tablename__ = "inquiry_replies"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    inquiry_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("inquiries.id", ondelete="CASCADE"), index=True
    )
    moderator_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("moderators.id", ondelete="SET NULL")
    )
    # "answer" (staff to patient), "patient" (the patient's reply) or "note" (staff only).
    author: so.Mapped[str] = so.mapped_column(
        sa.String(10), default="answer", server_default="answer"
    )
    body: so.Mapped[str] = so.mapped_column(EncryptedText)
    # A patient's reply only: what the spam filter said.
    verdict: so.Mapped[str | None] = so.mapped_column(sa.String(6))
    score: so.Mapped[float | None] = so.mapped_column()
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)


class AnswerLink(Base):
    """The link in a "you have a reply" mail. Only hashes are stored: of the link's secret, of
    the one-time code mailed to confirm it, and of the browser session it was confirmed in."""

    __tablename__ = "answer_links"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    inquiry_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("inquiries.id", ondelete="CASCADE"), index=True
    )
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    expires_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime)
    code_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    code_expires_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    code_attempts: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    codes_sent: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    code_sent_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    # The browser session that asked for the code, then the one that confirmed it.
    pending_session_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    session_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    verified_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)


class CannedReply(Base):
    """A ready-made answer staff can start from; {first_name}, {inquiry_id} and {clinic} are
    filled in when it is picked."""

    __tablename__ = "canned_replies"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    language: so.Mapped[str] = so.mapped_column(sa.String(10))
    title: so.Mapped[str] = so.mapped_column(sa.String(100))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[dt.datetime] = so.mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )
