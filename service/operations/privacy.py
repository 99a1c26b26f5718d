"""`privacy export` and `privacy erase`: everything stored about one person, by email.

The CLI and the readers' "my data" page (service/operations/mydata.py) both end here."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import gettext

from service.data.database import isoformat, transaction, utcnow
from service.data.extensions import db
from service.data.models import (
    Comment,
    CommentStatus,
    Inquiry,
    InquiryReply,
    OutboxMessage,
    ReaderLink,
    ReaderLinkPurpose,
    Subscriber,
    Subscription,
    Thread,
)
from service.submissions import audit
from service.submissions.accessreport import access_report
from service.submissions.outbox import enqueue
from service.submissions.readerlinks import (
    issue_link,
    link_sent_since,
    open_link,
    public_url,
    use_link,
)
from service.web.i18n import language


def _comments(email: str) -> list[Comment]:
    return list(
        db.session.scalars(
            sa.select(Comment).where(sa.func.lower(Comment.email) == email).order_by(Comment.id)
        )
    )


def _inquiries(email: str) -> list[Inquiry]:
    return list(
        db.session.scalars(
            sa.select(Inquiry).where(sa.func.lower(Inquiry.email) == email).order_by(Inquiry.id)
        )
    )


def _subscribers(email: str) -> list[Subscriber]:
    return list(
        db.session.scalars(sa.select(Subscriber).where(sa.func.lower(Subscriber.email) == email))
    )


def _subscriptions_data(subscribers: list[Subscriber]) -> list[dict[str, Any]]:
    data = []
    for subscriber in subscribers:
        rows = db.session.execute(
            sa.select(Subscription.comment_id, Subscription.created_at, Thread.key)
            .join(Thread, Thread.id == Subscription.thread_id)
            .where(Subscription.subscriber_id == subscriber.id)
            .order_by(Subscription.id)
        ).all()
        data.append(
            {
                "email": subscriber.email,
                "language": subscriber.language,
                "digest": subscriber.digest.value,
                "confirmed_at": isoformat(subscriber.confirmed_at),
                "created_at": isoformat(subscriber.created_at),
                "subscriptions": [
                    {
                        "thread_key": row.key,
                        "comment_id": row.comment_id,
                        "created_at": isoformat(row.created_at),
                    }
                    for row in rows
                ],
            }
        )
    return data


def export_person(email: str, actor: str = "cli") -> dict[str, Any]:
    """Every comment, inquiry, reply and subscription stored for this address, as plain data;
    audited (without the address)."""
    with transaction():
        return _export(email.strip().lower(), actor)


def _export(email: str, actor: str) -> dict[str, Any]:
    comments = _comments(email)
    inquiries = _inquiries(email)
    subscribers = _subscribers(email)
    replies: dict[int, list[InquiryReply]] = {}
    if inquiries:
        for reply in db.session.scalars(
            sa.select(InquiryReply)
            .where(InquiryReply.inquiry_id.in_([i.id for i in inquiries]))
            .order_by(InquiryReply.id)
        ):
            replies.setdefault(reply.inquiry_id, []).append(reply)
    # Who at the clinic accessed each inquiry, and when (named by display name or role).
    access = access_report([i.id for i in inquiries])
    data = {
        "email": email,
        "exported_at": isoformat(utcnow()),
        "comments": [
            {
                "id": c.id,
                "thread_id": c.thread_id,
                "parent_id": c.parent_id,
                "author": c.author,
                "email": c.email,
                "website": c.website,
                "title": c.title,
                "body": c.body,
                "status": c.status.value,
                "client_address": c.client_address,
                "created_at": isoformat(c.created_at),
                "edited_at": isoformat(c.edited_at),
            }
            for c in comments
        ],
        "inquiries": [
            {
                "id": i.id,
                "name": i.name,
                "email": i.email,
                "phone": i.phone,
                "topic": i.topic,
                "message": i.message,
                "status": i.status.value,
                "consent_at": isoformat(i.consent_at),
                "consent_version": i.consent_version,
                "client_address": i.client_address,
                "created_at": isoformat(i.created_at),
                # The conversation as the patient sees it: internal notes are staff's own.
                "replies": [
                    {
                        "from": "patient" if r.author == "patient" else "clinic",
                        "body": r.body,
                        "created_at": isoformat(r.created_at),
                    }
                    for r in replies.get(i.id, [])
                    if r.author != "note"
                ],
                "access": [line.for_patient() for line in access.get(i.id, [])],
            }
            for i in inquiries
        ],
        "reply_notifications": _subscriptions_data(subscribers),
    }
    audit.record(
        "privacy.export",
        actor,
        detail={
            "comments": len(comments),
            "inquiries": len(inquiries),
            "subscribers": len(subscribers),
        },
    )
    return data


def erase_person(email: str, actor: str = "cli") -> dict[str, int]:
    """Delete everything stored for this address; a comment with replies stays as a tombstone.

    Returns what was removed; audited (the audit entry does not keep the address)."""
    with transaction():
        return _erase(email.strip().lower(), actor)


def _erase(email: str, actor: str) -> dict[str, int]:
    comments = _comments(email)
    inquiries = _inquiries(email)
    tombstoned = deleted = 0
    for comment in comments:
        has_replies = db.session.scalar(
            sa.select(sa.func.count(Comment.id)).where(Comment.parent_id == comment.id)
        )
        if has_replies:
            comment.author = ""
            comment.email = None
            comment.website = None
            comment.title = None
            comment.body = ""
            comment.body_html = ""
            comment.client_address = None
            comment.status = CommentStatus.DELETED
            tombstoned += 1
        else:
            db.session.delete(comment)
            deleted += 1
    for inquiry in inquiries:
        db.session.delete(inquiry)
    # Their subscriptions and waiting notices go with them (ON DELETE CASCADE).
    subscribers = db.session.execute(
        sa.delete(Subscriber).where(sa.func.lower(Subscriber.email) == email)
    ).rowcount
    db.session.execute(sa.delete(ReaderLink).where(sa.func.lower(ReaderLink.email) == email))
    mails = db.session.execute(
        sa.delete(OutboxMessage).where(sa.func.lower(OutboxMessage.to_addr) == email)
    ).rowcount
    result = {
        "comments_deleted": deleted,
        "comments_tombstoned": tombstoned,
        "inquiries_deleted": len(inquiries),
        "mail_deleted": mails or 0,
        "subscribers_deleted": subscribers or 0,
    }
    audit.record("privacy.erase", actor, detail=result)
    return result


# -- the readers' own "my data" page --------------------------------------------------------------

MY_DATA_PURPOSE = "reader-my-data"
MY_DATA_INTERVAL = dt.timedelta(hours=1)
MY_DATA_PATH = "/my-data/link"


def _anything_stored(email: str) -> bool:
    for model, column in (
        (Comment, Comment.email),
        (Inquiry, Inquiry.email),
        (Subscriber, Subscriber.email),
    ):
        found = db.session.scalar(
            sa.select(model.id).where(sa.func.lower(column) == email).limit(1)
        )
        if found is not None:
            return True
    return False


def request_my_data_link(email: str, lang: str, now: dt.datetime | None = None) -> None:
    """Mail a single-use link to download or erase what is stored under `email`, if anything
    is and no such link went out in the last hour. The caller answers the same either way."""
    now = now or utcnow()
    key = email.strip().lower()
    with transaction():
        if not _anything_stored(key):
            return
        if link_sent_since(ReaderLinkPurpose.MY_DATA, key, now - MY_DATA_INTERVAL):
            return
        token = issue_link(ReaderLinkPurpose.MY_DATA, email.strip())
        clinic = current_app.config["CLINIC_NAME"]
        with language(lang):
            subject = gettext("Your data at %(clinic)s", clinic=clinic)
            body = render_template(
                "email/reader_my_data.txt",
                link=public_url(MY_DATA_PATH, t=token),
                hours=current_app.config["READER_LINK_HOURS"],
            )
        enqueue(email.strip(), subject, body, purpose=MY_DATA_PURPOSE)


def check_my_data_link(token: str | None) -> None:
    """Raises ReaderLinkInvalid unless the link can still be used."""
    with transaction():
        open_link(token, ReaderLinkPurpose.MY_DATA)


def export_by_link(token: str | None) -> dict[str, Any]:
    """Everything stored under the link's address; the link is used up. Audited as the
    reader's own request, without the address. Raises ReaderLinkInvalid."""
    with transaction():
        link = use_link(token, ReaderLinkPurpose.MY_DATA)
        return _export(link.email.lower(), "reader")


def erase_by_link(token: str | None) -> dict[str, int]:
    """Erase everything stored under the link's address (comments with replies stay as
    tombstones); the link is used up. Audited without the address. Raises ReaderLinkInvalid."""
    with transaction():
        link = use_link(token, ReaderLinkPurpose.MY_DATA)
        return _erase(link.email.lower(), "reader")
