"""Statuses and verdicts of the contract, as enums compared by member, never by literal."""

from enum import StrEnum


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


class Verdict(StrEnum):
    HAM = "ham"
    UNSURE = "unsure"
    SPAM = "spam"


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
