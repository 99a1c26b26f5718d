"""Every model, importable from one place (Alembic's autogenerate sees them all)."""

from service.data.models.audit import AuditChainHead, AuditEvent
from service.data.models.base import Base
from service.data.models.comment import Comment, CommentReport, Thread
from service.data.models.enums import (
    BlockKind,
    CommentStatus,
    InquiryStatus,
    ItemKind,
    OutboxStatus,
    Role,
    Verdict,
    WebhookEvent,
    WebhookFormat,
)
from service.data.models.inquiry import AnswerLink, CannedReply, Inquiry, InquiryReply
from service.data.models.moderator import ActionLink, ApiToken, EndedSession, Moderator
from service.data.models.subscription import (
    Digest,
    ReaderLink,
    ReaderLinkPurpose,
    ReaderNotice,
    Subscriber,
    Subscription,
)
from service.data.models.system import (
    BlocklistEntry,
    IdempotencyRecord,
    OutboxMessage,
    SpamLesson,
    SpamModelState,
    UsedFormToken,
)
from service.data.models.webhook import WebhookDelivery, WebhookEndpoint

__all__ = [
    "ActionLink",
    "AnswerLink",
    "ApiToken",
    "AuditChainHead",
    "AuditEvent",
    "Base",
    "BlockKind",
    "BlocklistEntry",
    "CannedReply",
    "Comment",
    "CommentReport",
    "CommentStatus",
    "Digest",
    "EndedSession",
    "IdempotencyRecord",
    "Inquiry",
    "InquiryReply",
    "InquiryStatus",
    "ItemKind",
    "Moderator",
    "OutboxMessage",
    "OutboxStatus",
    "ReaderLink",
    "ReaderLinkPurpose",
    "ReaderNotice",
    "Role",
    "SpamLesson",
    "SpamModelState",
    "Subscriber",
    "Subscription",
    "Thread",
    "UsedFormToken",
    "Verdict",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "WebhookFormat",
]
