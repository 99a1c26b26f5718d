"""The spam folder as moderators meet it: how many items the filter filed there since a moment.

Shared by the queue (since this moderator last opened the folder), the moderation API and the
comment digest (the last seven days). Only what the filter filed counts: an item a moderator
marked as spam by hand was seen by that moderator already. The count never says what the
items were about.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import current_app

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    Comment,
    CommentStatus,
    Inquiry,
    InquiryStatus,
    Moderator,
    Verdict,
)
from service.submissions.staffscope import StaffScope, visible

DIGEST_DAYS = 7


def filed_as_spam_since(
    since: dt.datetime | None,
    now: dt.datetime | None = None,
    moderator: Moderator | StaffScope | None = None,
) -> int:
    """Comments and inquiries the filter filed in the spam folder after `since` that are still
    there. With `since` None (a moderator who never opened the folder): what it filed in the
    last RETENTION_SPAM_DAYS, which is what `retention purge` keeps of the folder.

    An edited comment counts from its edit, when the filter judged it again; edits happen
    within EDIT_WINDOW_MINUTES of posting, so both counts stay one range scan of the
    (status, created_at, id) index. Only items the moderator (default: the one this request
    acts for) may see are counted."""
    config = current_app.config
    if since is None:
        since = (now or utcnow()) - dt.timedelta(days=config["RETENTION_SPAM_DAYS"])
    edits_from = since - dt.timedelta(minutes=config["EDIT_WINDOW_MINUTES"])
    comments = db.session.scalar(
        sa.select(sa.func.count(Comment.id)).where(
            Comment.status == CommentStatus.SPAM,
            Comment.created_at > edits_from,
            sa.or_(Comment.created_at > since, Comment.edited_at > since),
            Comment.verdict == Verdict.SPAM,
            visible(Comment, moderator),
        )
    )
    inquiries = db.session.scalar(
        sa.select(sa.func.count(Inquiry.id)).where(
            Inquiry.status == InquiryStatus.SPAM,
            Inquiry.created_at > since,
            Inquiry.verdict == Verdict.SPAM,
            visible(Inquiry, moderator),
        )
    )
    return (comments or 0) + (inquiries or 0)
