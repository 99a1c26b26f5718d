"""Telling moderators that comments wait: a digest, never one mail per comment.

Called in the transaction that leaves a comment pending. A moderator who was sent a digest in
the last `COMMENT_DIGEST_MINUTES` gets nothing more, so a burst of a hundred comments means one
mail each, which links to the queue rather than quoting anything a reader wrote. It also names
how many items the filter put in the spam folder in the last week (a number, nothing more), so
a moderator who never opens the queue still hears that the folder wants a look.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import ngettext

from service.data.database import UTCDateTime, utcnow
from service.data.extensions import db
from service.data.fastpaths import DriverStatement
from service.data.models import Comment, ItemKind, Moderator, OutboxMessage
from service.data.models.comment import waits_for_a_moderator
from service.submissions.outbox import enqueue
from service.submissions.spamfolder import DIGEST_DAYS, filed_as_spam_since
from service.submissions.staffscope import StaffScope, scope_from
from service.web.i18n import mail_language

DIGEST_PURPOSE = "comment-digest"

# One statement, run for every comment left waiting: who wants notices and was not sent a
# digest since `since`.
_DUE_FOR_A_DIGEST = DriverStatement(
    sa.select(Moderator.email, Moderator.role, Moderator.scope_kinds, Moderator.scope_topics).where(
        Moderator.active,
        Moderator.notify,
        ~sa.select(OutboxMessage.id)
        .where(
            OutboxMessage.purpose == DIGEST_PURPOSE,
            OutboxMessage.to_addr == Moderator.email,
            OutboxMessage.created_at > sa.bindparam("since", type_=UTCDateTime),
        )
        .exists(),
    )
)


def notify_moderators_of_pending_comments(now: dt.datetime | None = None) -> int:
    """Queue a digest for each moderator not told recently, in the caller's transaction.
    Returns how many mails were queued."""
    now = now or utcnow()
    since = now - dt.timedelta(minutes=current_app.config["COMMENT_DIGEST_MINUTES"])
    cursor = _DUE_FOR_A_DIGEST.execute(db.session.connection(), {"since": since})
    rows = cursor.fetchall()
    cursor.close()
    # Only those who may open comments hear about them; the spam figure counts what each may see.
    by_scope: dict[StaffScope, list[str]] = {}
    for email, role, kinds, topics in rows:
        scope = scope_from(role, kinds, topics)
        if scope.allows_kind(ItemKind.COMMENT.value):
            by_scope.setdefault(scope, []).append(email)
    if not by_scope:
        return 0
    waiting = db.session.scalar(sa.select(sa.func.count(Comment.id)).where(waits_for_a_moderator()))
    sent = 0
    for scope, emails in by_scope.items():
        subject, body = _digest(
            waiting, filed_as_spam_since(now - dt.timedelta(days=DIGEST_DAYS), moderator=scope)
        )
        for email in emails:
            enqueue(email, subject, body, purpose=DIGEST_PURPOSE)
        sent += len(emails)
    return sent


def _digest(waiting: int, spam_this_week: int) -> tuple[str, str]:
    """The digest's subject and body."""
    clinic = current_app.config["CLINIC_NAME"]
    link = (current_app.config["PUBLIC_URL"] or "").rstrip("/") + "/moderation/"
    with mail_language():
        subject = ngettext(
            "%(clinic)s: %(num)d comment is waiting",
            "%(clinic)s: %(num)d comments are waiting",
            waiting,
            clinic=clinic,
        )
        body = render_template(
            "email/comment_digest.txt",
            waiting=waiting,
            link=link,
            spam_this_week=spam_this_week,
            spam_days=DIGEST_DAYS,
            spam_link=link + "?status=spam",
        )
    return subject, body
