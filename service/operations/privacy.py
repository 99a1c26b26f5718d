"""`privacy export` and `privacy erase`: everything stored about one person, by email."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from service.data.database import isoformat, transaction, utcnow
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Inquiry, InquiryReply, OutboxMessage
from service.submissions import audit


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


def export_person(email: str, actor: str = "cli") -> dict[str, Any]:
    """Every comment, inquiry and reply stored for this address, as plain data; audited."""
    email = email.strip().lower()
    with transaction():
        comments = _comments(email)
        inquiries = _inquiries(email)
        replies: dict[int, list[InquiryReply]] = {}
        if inquiries:
            for reply in db.session.scalars(
                sa.select(InquiryReply)
                .where(InquiryReply.inquiry_id.in_([i.id for i in inquiries]))
                .order_by(InquiryReply.id)
            ):
                replies.setdefault(reply.inquiry_id, []).append(reply)
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
                    "replies": [
                        {"body": r.body, "created_at": isoformat(r.created_at)}
                        for r in replies.get(i.id, [])
                    ],
                }
                for i in inquiries
            ],
        }
        audit.record(
            "privacy.export",
            actor,
            detail={"comments": len(comments), "inquiries": len(inquiries)},
        )
    return data


def erase_person(email: str, actor: str = "cli") -> dict[str, int]:
    """Delete everything stored for this address; a comment with replies stays as a tombstone.

    Returns what was removed; audited (the audit entry does not keep the address)."""
    email = email.strip().lower()
    with transaction():
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
        mails = db.session.execute(
            sa.delete(OutboxMessage).where(sa.func.lower(OutboxMessage.to_addr) == email)
        ).rowcount
        result = {
            "comments_deleted": deleted,
            "comments_tombstoned": tombstoned,
            "inquiries_deleted": len(inquiries),
            "mail_deleted": mails or 0,
        }
        audit.record("privacy.erase", actor, detail=result)
    return result
