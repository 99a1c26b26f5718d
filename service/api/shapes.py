"""The shapes of the JSON API's answers, and of the requests only the API reads.

Requests the pages read too (an inquiry, a comment, an edit, a report, a thread page) are
declared beside their rules in `contact.validation` and `comments.services`. The answer
shapes describe what the views build as explicit dicts; schemathesis checks every answer
against them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import pydantic
from pydantic import Field

from service.comments.services import MAX_COUNT_KEYS
from service.comments.threadkeys import MAX_KEY_LENGTH
from service.moderation import queue
from service.moderation.services import NOTE_MAX
from service.submissions.shapes import Email, OneOf, Pattern, Text, WholeNumber
from service.submissions.textfields import FieldProblem

Id = Annotated[int, Field(ge=1)]
Timestamp = Annotated[dt.datetime, Field(description="ISO 8601, UTC, with `Z`.")]
Count = Annotated[int, Field(ge=0)]
CommentStatusName = Literal["pending", "approved", "rejected", "spam", "deleted"]
InquiryStatusName = Literal["received", "answered", "closed", "spam", "deleted"]
VerdictName = Literal["ham", "unsure", "spam"]
_AUDIT_AFTER = re.compile(r"^[0-9]+$")
_QUEUE_CURSOR = re.compile(r"^[0-9]{1,20}\.[ciu]\.[0-9]{1,20}$")


class Closed(pydantic.BaseModel):
    """Answers carry exactly these keys."""

    model_config = pydantic.ConfigDict(extra="forbid")


class Error(Closed):
    """Every error of the JSON API. `fields` only for validation errors."""

    error: str = Field(description="A short machine-readable code.")
    message: str = Field(description="A sentence for a person.")
    fields: dict[str, list[str]] | None = Field(
        default=None, description="Each field with a problem and what is wrong with it."
    )


class Topic(Closed):
    key: str
    label: str


class FormToken(Closed):
    form_token: str = Field(description="Signed and single-use; records when the form was shown.")


class InquiryReceipt(Closed):
    """The same whatever the spam filter decided."""

    id: Id
    status: Literal["received"]
    urgent: bool = Field(description="The message suggests a medical emergency.")
    notice: str | None = Field(
        default=None,
        description="Only when urgent: the emergency notice to show the visitor, in their "
        "language.",
    )


class ThreadSummary(Closed):
    key: str = Field(description="The normalised key.")
    title: str | None
    count: Count
    locked: bool


class ThreadComment(Closed):
    """A published comment, or a tombstone (`deleted: true`, empty `author` and `html`) kept
    because it has published replies."""

    id: Id
    parent_id: Id | None
    author: str
    is_staff: bool
    website: str | None
    html: str = Field(description="Sanitised HTML rendered from Markdown.")
    created_at: Timestamp
    edited_at: Timestamp | None
    deleted: bool
    pinned: bool = Field(description="Pinned by a moderator: its conversation comes first.")
    replies: list[ThreadComment]


class ThreadPage(Closed):
    thread: ThreadSummary
    comments: list[ThreadComment]
    next: int | None = Field(description="Pass as `after` for the next page.")


class OwnComment(Closed):
    """The author's own comment, pending or not. A comment held as spam reads as `pending`.
    `edit_token` only in the first answer to a new comment."""

    id: Id
    status: Literal["pending", "approved", "rejected"]
    thread_key: str
    parent_id: Id | None
    author: str
    website: str | None
    title: str | None
    body: str = Field(description="The Markdown source.")
    html: str
    created_at: Timestamp
    edited_at: Timestamp | None
    edit_until: Timestamp
    edit_token: str | None = Field(
        default=None,
        description="Keep it: send it as `X-Edit-Token` to read, edit or delete.",
    )


class ReportReceipt(Closed):
    id: Id
    reported: Literal[True]


class Preview(Closed):
    html: str = Field(description="Sanitised HTML, as the comment would show; nothing is stored.")


class PersonalDetailsCheck(Closed):
    personal_health_info: bool = Field(
        description="The text seems to disclose the writer's own health details or contact data."
    )
    kinds: list[
        Literal["diagnosis", "medication", "birth_date", "phone", "patient_number", "email"]
    ] = Field(description="What was found, in this order; empty when nothing was.")


class SubscriptionReceipt(Closed):
    """The same for every address: confirmed, unknown, or sent a confirmation lately."""

    status: Literal["confirmation_sent"]


class Counts(pydantic.RootModel[dict[str, Count]]):
    """Published comments per thread key, keyed as asked."""


@dataclass(frozen=True)
class _Keys(Text):
    """`keys`, repeated; one value is also split at its commas."""

    many: bool = True

    def check(self, value: Any, context: Any) -> Any:
        from service.comments.services import split_count_keys

        keys = split_count_keys(list(value or []))
        if not keys:
            raise FieldProblem("Name a thread key.")
        if len(keys) > MAX_COUNT_KEYS:
            raise FieldProblem(f"At most {MAX_COUNT_KEYS} keys.")
        return keys

    def schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {"$ref": "#/components/schemas/ThreadKey"},
            "minItems": 1,
            "maxItems": MAX_COUNT_KEYS,
        }


class CountsQuery(pydantic.BaseModel):
    keys: Annotated[
        list[str],
        _Keys(
            MAX_KEY_LENGTH,
            description=(
                "Repeated (`keys=a&keys=b`); a single value is also split at its commas. "
                f"1 to {MAX_COUNT_KEYS} keys."
            ),
        ),
    ]


class Reason(Closed):
    """One rule's contribution to the spam score."""

    rule: str | None
    points: float | None
    detail: str | None


class ItemHead(Closed):
    # What the queue and the item both begin with; the two kinds narrow `kind` and `status`
    # (an overriding field keeps its place, so each answer's keys stay in this order).
    kind: str
    id: Id
    status: str
    verdict: VerdictName
    score: float
    reasons: list[Reason]
    created_at: Timestamp


class CommentHead(ItemHead):
    kind: Literal["comment"]
    status: CommentStatusName


class InquiryHead(ItemHead):
    kind: Literal["inquiry"]
    status: InquiryStatusName


class QueueComment(CommentHead):
    summary: str = Field(max_length=queue.SUMMARY_LENGTH)
    author: str
    thread_key: str | None
    flagged: bool
    urgent: Literal[False] = Field(description="Comments are never urgent.")


class QueueInquiry(InquiryHead):
    summary: str = Field(max_length=queue.SUMMARY_LENGTH)
    name: str
    topic: str
    patient_replied: bool = Field(
        description="The patient wrote back through the answer page since the last answer."
    )
    urgent: bool = Field(
        description="The message suggests a medical emergency; while it waits for an answer "
        "(`received`) it comes first in the queue."
    )


class QueuePage(Closed):
    items: list[QueueComment | QueueInquiry]
    next: str | None = Field(description="Pass as `after`.")
    new_in_spam_folder: Count = Field(
        description="Items the filter put in the spam folder since the token's moderator "
        "last opened it on the queue page (all of them if never)."
    )


class QueueFilters(pydantic.BaseModel):
    """The queue's filters, as sent (no trimming); absent or empty means any."""

    kind: Annotated[str | None, OneOf(queue.KINDS)] = None
    status: Annotated[
        str | None,
        OneOf(
            queue.STATUSES,
            description="`open` means pending comments and received inquiries.",
        ),
    ] = None
    verdict: Annotated[str | None, OneOf(queue.VERDICTS)] = None


def page_cursor(pattern: re.Pattern[str], what: str) -> Pattern:
    """The `after=` of a paged list: the `next` its previous page gave, in `pattern`'s form."""
    return Pattern(
        pattern.pattern,
        lambda text: pattern.match(text) is not None,
        f"not {what}",
        description="The `next` of the previous page.",
    )


class QueueQuery(QueueFilters):
    after: Annotated[str | None, page_cursor(_QUEUE_CURSOR, "a queue cursor")] = None
    limit: Annotated[
        int | None,
        WholeNumber(1, queue.MAX_LIMIT, description=f"{queue.DEFAULT_LIMIT} when absent."),
    ] = None


class HistoryEntry(Closed):
    at: Timestamp
    actor: str
    action: str
    detail: dict[str, Any]
    text: str | None = Field(default=None, description="A staff reply's text.")


class ModerationComment(CommentHead):
    edited_at: Timestamp | None
    thread_key: str
    thread_locked: bool
    parent_id: Id | None
    author: str
    email: str | None
    website: str | None
    title: str | None
    body: str = Field(description="The Markdown source.")
    html: str
    is_staff: bool
    flagged: bool
    pinned: bool = Field(description="Shown first in its thread (at most one per thread).")
    flag_reason: str | None
    reports: Count = Field(
        description="Readers' reports, one per address range however often it sent one; "
        "`flagged` says whether one is still open."
    )
    history: list[HistoryEntry]


class ConversationMessage(Closed):
    """One message of an inquiry's conversation after the inquiry itself."""

    id: Id
    at: Timestamp
    author: Literal["answer", "patient", "note"] = Field(
        description="`answer`: staff to the patient; `patient`: the patient's reply through the "
        "answer page; `note`: an internal note, never shown to the patient."
    )
    who: str | None = Field(description="The staff member's name or email; null for the patient.")
    text: str
    verdict: VerdictName | None = Field(description="A patient's reply: the spam filter's verdict.")


class ModerationInquiry(InquiryHead):
    answered_at: Timestamp | None
    closed_at: Timestamp | None
    name: str
    email: str
    phone: str | None
    topic: str
    message: str
    urgent: bool = Field(description="The message suggests a medical emergency.")
    assigned_to: str | None = Field(description="A moderator's email.")
    patient_replied_at: Timestamp | None
    history: list[HistoryEntry]
    messages: list[ConversationMessage] = Field(
        description="The conversation after the inquiry's own message, oldest first: answers, "
        "the patient's replies and internal notes."
    )


class ModerationItem(pydantic.RootModel[ModerationComment | ModerationInquiry]):
    """One item with all its fields and its history."""


class NoteBody(pydantic.BaseModel):
    """An optional note, kept in the audit log. Any other key is refused."""

    model_config = pydantic.ConfigDict(extra="forbid")

    note: Annotated[str | None, Text(NOTE_MAX, required=None, multiline=True)] = None


class AnswerBody(pydantic.BaseModel):
    """The answer mailed to the visitor. Any other key is refused."""

    model_config = pydantic.ConfigDict(extra="forbid")

    note: Annotated[str, Text(NOTE_MAX, multiline=True, description="The answer's text.")]


class StaffEditBody(pydantic.BaseModel):
    """A comment's new text, written by staff. Any other key is refused."""

    model_config = pydantic.ConfigDict(extra="forbid")

    body: Annotated[
        str, Text(NOTE_MAX, multiline=True, description="Markdown, as the author writes it.")
    ]
    title: Annotated[
        str | None,
        Text(200, required=None, description="Replaces the title when given."),
    ] = None


class AssignBody(pydantic.BaseModel):
    """Who takes the inquiry: an active moderator's email; absent or empty to unassign.
    Any other key is refused."""

    model_config = pydantic.ConfigDict(extra="forbid")

    to: Annotated[str | None, Email(required=None, description="An active moderator's email.")] = (
        None
    )


class AuditQuery(pydantic.BaseModel):
    after: Annotated[str | None, page_cursor(_AUDIT_AFTER, "an audit cursor")] = None


class AuditEntry(Closed):
    at: Timestamp
    actor: str
    action: str
    kind: str | None
    id: int | None
    entry_id: int = Field(description="The entry's own id (what `after` counts from).")
    seq: int | None = Field(description="The entry's place in the audit chain.")
    prev_hash: str | None = Field(description="The previous entry's hash (hex).")
    hash: str | None = Field(
        description="HMAC-SHA256 of the entry's content and `prev_hash`, under the chain key."
    )
    key_id: str | None = Field(description="Which chain key sealed the entry.")
    detail: dict[str, Any] = Field(description="What the entry records besides the item.")


class AuditPage(Closed):
    items: list[AuditEntry]
    next: str | None = Field(description="Pass as `after`.")
