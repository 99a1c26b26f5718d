"""`retention purge`: forget what the clinic no longer needs, on schedule."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from service.comments import threadcache
from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import (
    ActionLink,
    Comment,
    CommentStatus,
    EndedSession,
    IdempotencyRecord,
    Inquiry,
    InquiryStatus,
    OutboxMessage,
    OutboxStatus,
    UsedFormToken,
    WebhookDelivery,
)
from service.submissions import audit
from service.submissions.answerlinks import purge_expired_answer_links
from service.submissions.auditchain import ANCHOR_ACTION, purge_oldest
from service.submissions.readerlinks import purge_expired_links

SENT_MAIL_DAYS = 30
# The webhook screen's log: a month of finished deliveries is enough to see what went wrong.
WEBHOOK_LOG_DAYS = 30


@dataclass
class PurgeReport:
    spam_comments: int = 0
    spam_inquiries: int = 0
    closed_inquiries: int = 0
    deleted_inquiries: int = 0
    sent_mail: int = 0
    failed_mail: int = 0
    idempotency_keys: int = 0
    form_tokens: int = 0
    action_links: int = 0
    reader_links: int = 0
    answer_links: int = 0

    ended_sessions: int = 0
    webhook_deliveries: int = 0
    audit_entries: int = 0


def _delete(model: type, *conditions: Any) -> int:
    """Delete the rows of `model` that meet every condition; returns how many."""
    return db.session.execute(sa.delete(model).where(*conditions)).rowcount or 0


def purge(now: dt.datetime | None = None) -> PurgeReport:
    """Delete spam, closed inquiries, undeliverable mail, spent machinery and (when
    RETENTION_AUDIT_DAYS is set) old audit entries past their retention; audited."""
    now = now or utcnow()
    config = current_app.config
    spam_cutoff = now - dt.timedelta(days=config["RETENTION_SPAM_DAYS"])
    closed_cutoff = now - dt.timedelta(days=config["RETENTION_CLOSED_INQUIRY_DAYS"])
    report = PurgeReport()
    with transaction():
        # Replies whose parent goes keep their place; the foreign key sets parent_id to NULL.
        old_spam = sa.and_(Comment.status == CommentStatus.SPAM, Comment.updated_at < spam_cutoff)
        threadcache.bump_where(db.session, old_spam)  # a tombstone may leave a thread
        report.spam_comments = _delete(Comment, old_spam)
        report.spam_inquiries = _delete(
            Inquiry, Inquiry.status == InquiryStatus.SPAM, Inquiry.updated_at < spam_cutoff
        )
        report.closed_inquiries = _delete(
            Inquiry,
            Inquiry.status == InquiryStatus.CLOSED,
            sa.func.coalesce(Inquiry.closed_at, Inquiry.updated_at) < closed_cutoff,
        )
        report.deleted_inquiries = _delete(
            Inquiry, Inquiry.status == InquiryStatus.DELETED, Inquiry.updated_at < spam_cutoff
        )
        report.sent_mail = _delete(
            OutboxMessage,
            OutboxMessage.status == OutboxStatus.SENT,
            OutboxMessage.sent_at < now - dt.timedelta(days=SENT_MAIL_DAYS),
        )
        report.failed_mail = _delete(
            OutboxMessage,
            OutboxMessage.status == OutboxStatus.FAILED,
            OutboxMessage.created_at
            < now - dt.timedelta(days=config["RETENTION_FAILED_MAIL_DAYS"]),
        )
        report.idempotency_keys = _delete(IdempotencyRecord, IdempotencyRecord.expires_at <= now)
        report.form_tokens = _delete(UsedFormToken, UsedFormToken.expires_at <= now)
        report.action_links = _delete(ActionLink, ActionLink.expires_at <= now)
        report.reader_links = purge_expired_links(now)  # they name a reader's address
        report.answer_links = purge_expired_answer_links(now)

        report.ended_sessions = _delete(EndedSession, EndedSession.expires_at <= now)
        report.webhook_deliveries = _delete(
            WebhookDelivery,
            WebhookDelivery.status.in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
            WebhookDelivery.created_at < now - dt.timedelta(days=WEBHOOK_LOG_DAYS),
        )
        if config["RETENTION_AUDIT_DAYS"] > 0:
            # The oldest entries go; an anchor entry keeps the rest of the chain verifiable.
            audit_cutoff = now - dt.timedelta(days=config["RETENTION_AUDIT_DAYS"])
            purged = purge_oldest(db.session.connection(), audit_cutoff)
            if purged is not None:
                report.audit_entries = purged.count
                audit.record(ANCHOR_ACTION, "system", detail=purged.anchor_detail(audit_cutoff))
        audit.record("retention.purge", "system", detail=asdict(report))
    return report
