"""Threads (one per article) and the comments under them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm as so

from service.data.database import UTCDateTime, utcnow
from service.data.models.base import Base, str_enum
from service.data.models.enums import CommentStatus, Verdict


class Thread(Base):
    __tablename__ = "threads"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(200), unique=True)
    title: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    locked: so.Mapped[bool] = so.mapped_column(default=False)
    # Bumped in the same transaction as every change to the thread's visible comments: the
    # cached public thread (service/comments/threadcache.py) is valid while this is unchanged.
    version: so.Mapped[int] = so.mapped_column(default=0, server_default="0")
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_at: so.Mapped[dt.datetime] = so.mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    comments: so.WriteOnlyMapped[Comment] = so.relationship(back_populates="thread")


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (
        sa.Index("ix_comments_thread_status_id", "thread_id", "status", "id"),
        # The moderation queue: newest first, one indexed range scan per filter.
        sa.Index("ix_comments_created_id", "created_at", "id"),
        sa.Index("ix_comments_status_created_id", "status", "created_at", "id"),
        sa.Index("ix_comments_verdict_created_id", "verdict", "created_at", "id"),
        sa.Index("ix_comments_content_hash_created", "content_hash", "created_at"),
        # The spam filter's facts: submissions from one address range in the last hour.
        sa.Index("ix_comments_client_created", "client_address", "created_at"),
        # An imported comment's origin: the same import run twice finds it and adds nothing.
        sa.Index("ix_comments_import_source_id", "import_source", "import_id", unique=True),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    thread_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("threads.id", ondelete="CASCADE"))
    parent_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("comments.id", ondelete="SET NULL"), index=True
    )
    author: so.Mapped[str] = so.mapped_column(sa.String(100))
    email: so.Mapped[str | None] = so.mapped_column(sa.String(254))
    website: so.Mapped[str | None] = so.mapped_column(sa.String(500))
    title: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    body_html: so.Mapped[str] = so.mapped_column(sa.Text)
    content_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    status: so.Mapped[CommentStatus] = so.mapped_column(
        str_enum(CommentStatus), default=CommentStatus.PENDING
    )
    verdict: so.Mapped[Verdict] = so.mapped_column(str_enum(Verdict), default=Verdict.UNSURE)
    score: so.Mapped[float] = so.mapped_column(default=0.0)
    reasons: so.Mapped[list[dict[str, Any]]] = so.mapped_column(sa.JSON, default=list)
    # The filter's hashed features (featurize.pack_features), so a decision teaches the model
    # without reading the text again. Never the words themselves.
    spam_features: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # What staff decided about the item, if anything ("ham" or "spam"): the only source of an
    # author's reputation with the filter, which never learns from its own verdicts.
    staff_label: so.Mapped[str | None] = so.mapped_column(sa.String(4))
    is_staff: so.Mapped[bool] = so.mapped_column(default=False)
    moderator_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("moderators.id", ondelete="SET NULL")
    )
    edit_token_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    flagged: so.Mapped[bool] = so.mapped_column(default=False)
    # At most one published comment per thread (the moderation service keeps it so): shown
    # first in every order the readers choose.
    pinned: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    flag_reason: so.Mapped[str | None] = so.mapped_column(sa.String(500))
    client_address: so.Mapped[str | None] = so.mapped_column(sa.String(45))
    # Set by `import ...`: the system it came from ("isso", "disqus", ...) and its id there.
    import_source: so.Mapped[str | None] = so.mapped_column(sa.String(20))
    import_id: so.Mapped[str | None] = so.mapped_column(sa.String(200))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    edited_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    updated_at: so.Mapped[dt.datetime] = so.mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    thread: so.Mapped[Thread] = so.relationship(back_populates="comments", lazy="raise")


# Reputation facts (what staff decided about an address's earlier items) and privacy requests
# match email addresses without regard to case.
sa.Index("ix_comments_email_lower_staff_label", sa.func.lower(Comment.email), Comment.staff_label)


class CommentReport(Base):
    """A reader's report of a comment: one per comment and address range, so that reports from
    one network count once however often they are sent."""

    __tablename__ = "comment_reports"
    __table_args__ = (sa.UniqueConstraint("comment_id", "client_address"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    comment_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("comments.id", ondelete="CASCADE"))
    # The reader's address as stored everywhere: truncated to its IPv4 /24 or IPv6 /48.
    client_address: so.Mapped[str] = so.mapped_column(sa.String(45))
    reason: so.Mapped[str] = so.mapped_column(sa.String(500))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)


def waits_for_a_moderator() -> sa.ColumnElement[bool]:
    """Comments a person should look at: those held back, and published ones a reader reported
    that stay on the page (a staff reply, or a comment a moderator approved)."""
    return sa.or_(
        Comment.status == CommentStatus.PENDING,
        sa.and_(Comment.status == CommentStatus.APPROVED, Comment.flagged.is_(True)),
    )
