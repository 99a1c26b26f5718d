"""The spam folder as moderators meet it: how many items the filter filed there since a moment.

Shared by the queue (since this moderator last opened the folder), the moderation API and the
comment digest (the last seven days). Only what the filter filed counts: an item a moderator
marked as spam by hand was seen by that moderator already. The count never says what the
items were about.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from service.extensions import db
from service.models import Comment, CommentStatus, Inquiry, InquiryStatus, Verdict

DIGEST_DAYS = 7


def filed_as_spam_since(since: dt.datetime | None) -> int:
    """Comments and inquiries the filter filed in the spam folder after `since` that are still
    there (all of them when `since` is None). An edited comment counts from its edit, when the
    filter judged it again."""
    comment_time = (
        sa.true()
        if since is None
        else sa.or_(Comment.created_at > since, Comment.edited_at > since)
    )
    inquiry_time = sa.true() if since is None else Inquiry.created_at > since
    comments = db.session.scalar(
        sa.select(sa.func.count(Comment.id)).where(
            Comment.status == CommentStatus.SPAM, Comment.verdict == Verdict.SPAM, comment_time
        )
    )
    inquiries = db.session.scalar(
        sa.select(sa.func.count(Inquiry.id)).where(
            Inquiry.status == InquiryStatus.SPAM, Inquiry.verdict == Verdict.SPAM, inquiry_time
        )
    )
    return (comments or 0) + (inquiries or 0)
