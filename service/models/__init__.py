"""Every model, importable from one place (Alembic's autogenerate sees them all)."""

from service.models.audit import AuditEvent
from service.models.base import Base
from service.models.comment import Comment, CommentReport, Thread
from service.models.enums import (
    BlockKind,
    CommentStatus,
    InquiryStatus,
    ItemKind,
    OutboxStatus,
    Role,
    Verdict,
)
from service.models.inquiry import Inquiry, InquiryReply
from service.models.moderator import ActionLink, ApiToken, Moderator
from service.models.system import (
    BlocklistEntry,
    IdempotencyRecord,
    OutboxMessage,
    SpamLesson,
    SpamModelState,
    UsedFormToken,
)

__all__ = [
    "ActionLink",
    "ApiToken",
    "AuditEvent",
    "Base",
    "BlockKind",
    "BlocklistEntry",
    "Comment",
    "CommentReport",
    "CommentStatus",
    "IdempotencyRecord",
    "Inquiry",
    "InquiryReply",
    "InquiryStatus",
    "ItemKind",
    "Moderator",
    "OutboxMessage",
    "OutboxStatus",
    "Role",
    "SpamLesson",
    "SpamModelState",
    "Thread",
    "UsedFormToken",
    "Verdict",
]
