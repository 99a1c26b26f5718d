"""Statuses and verdicts of the contract, as enums compared by member, never by literal."""

from enum import StrEnum

# The filter's verdict and blocklist kinds are stored as they are given: one enum each for the
# filter and the models.
from service.spam.submission import BlocklistKind as BlockKind
from service.spam.submission import Verdict

__all__ = [
    "BlockKind",
    "CommentStatus",
    "InquiryStatus",
    "ItemKind",
    "OutboxStatus",
    "Role",
    "Verdict",
    "WebhookEvent",
    "WebhookFormat",
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


class ItemKind(StrEnum):
    COMMENT = "comment"
    INQUIRY = "inquiry"


class WebhookFormat(StrEnum):
    """What a webhook endpoint is: a signed Standard Webhooks receiver or a chat service."""

    STANDARD = "standard"
    SLACK = "slack"
    TEAMS = "teams"
    MATTERMOST = "mattermost"
    MATRIX = "matrix"


class WebhookEvent(StrEnum):
    """The events an endpoint can choose; `webhook.test` is sent only by the test button."""

    INQUIRY_RECEIVED = "inquiry.received"
    COMMENT_HELD = "comment.held"
    COMMENT_PUBLISHED = "comment.published"
    ITEM_SPAM = "item.spam"
    INQUIRY_ANSWERED = "inquiry.answered"
    TEST = "webhook.test"
