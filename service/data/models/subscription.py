"""Readers who asked to hear about replies: their address (confirmed once, by mail), what they
follow, the notices waiting for a daily digest, and the single-use links mailed to readers."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy import orm as so

from service.data.database import UTCDateTime, utcnow
from service.data.models.base import Base, str_enum


class Digest(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"


class ReaderLinkPurpose(StrEnum):
    CONFIRM = "confirm"  # confirm an address for reply notifications
    MY_DATA = "my_data"  # download or erase everything stored under an address


class Subscriber(Base):
    """One reader's address. Nothing but one confirmation mail goes to it until it is
    confirmed; addresses are stored as readers wrote them, like a commenter's, and matched
    without regard to case."""

    __tablename__ = "reader_subscribers"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254))
    language: so.Mapped[str] = so.mapped_column(sa.String(8), default="en")
    digest: so.Mapped[Digest] = so.mapped_column(str_enum(Digest), default=Digest.IMMEDIATE)
    confirmed_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    # At most one confirmation mail an hour: a stranger's address cannot be mail-bombed.
    confirmation_sent_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    last_digest_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    # Random, part of the signed "manage my subscriptions" link: a new row, a new link.
    nonce: so.Mapped[str] = so.mapped_column(sa.String(32))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)


sa.Index("uq_reader_subscribers_email_lower", sa.func.lower(Subscriber.email), unique=True)


class Subscription(Base):
    """Replies to one comment (`comment_id` set), or new staff answers in a thread (not set)."""

    __tablename__ = "reader_subscriptions"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    subscriber_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("reader_subscribers.id", ondelete="CASCADE"), index=True
    )
    thread_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("threads.id", ondelete="CASCADE"), index=True
    )
    comment_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    # Random, part of the signed one-click unsubscribe link of this subscription.
    nonce: so.Mapped[str] = so.mapped_column(sa.String(32))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)


class ReaderNotice(Base):
    """A published comment a subscription was told about (or will be, in the daily digest):
    one per subscription and comment, so approving a comment twice tells nobody twice."""

    __tablename__ = "reader_notices"
    __table_args__ = (
        sa.UniqueConstraint("subscription_id", "comment_id", name="uq_reader_notices_pair"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    subscription_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("reader_subscriptions.id", ondelete="CASCADE")
    )
    subscriber_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("reader_subscribers.id", ondelete="CASCADE"), index=True
    )
    comment_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    mailed_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)


class ReaderLink(Base):
    """A link mailed to a reader: signed, single-use, expiring. Only its SHA-256 is stored."""

    __tablename__ = "reader_links"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    purpose: so.Mapped[ReaderLinkPurpose] = so.mapped_column(str_enum(ReaderLinkPurpose))
    email: so.Mapped[str] = so.mapped_column(sa.String(254))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, index=True)
    used_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)


sa.Index(
    "ix_reader_links_email_lower_created", sa.func.lower(ReaderLink.email), ReaderLink.created_at
)
