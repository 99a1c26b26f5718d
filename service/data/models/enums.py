"""Statuses and verdicts of the contract, as enums compared by member, never by literal."""

from enum import StrEnum

# The filter's verdict is stored as it is given: one enum for the filter and the models.
from service.spam.submission import Verdict

__all__ = [
    "BlockKind",
    "CommentStatus",
    "InquiryStatus",
    "ItemKind",
    "OutboxStatus",
    "Role",
    "Verdict",
]


class CommentStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SPAM = "spam"
    DELETED = "deleted"


class InquiryStatus(StrEnum):
    RECEIVED = "received"
    ANSWERED = "answered"
    CLOSED = "closed"
    SPAM = "spam"
    DELETED = "deleted"


class Role(StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class BlockKind(StrEnum):
    WORD = "word"
    EMAIL = "email"
    DOMAIN = "domain"
    NETWORK = "network"


class ItemKind(StrEnum):
    COMMENT = "comment"
    INQUIRY = "inquiry"
