"""Every moderation state change: one function per action, each owning its transaction.

The queue page, the bulk form, mail links and the JSON API all end here, so a decision is
checked, audited and (for `spam` and `ham`) taught to the filter the same way wherever it
was taken.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import gettext

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    Comment,
    CommentReport,
    CommentStatus,
    Inquiry,
    InquiryReply,
    InquiryStatus,
    ItemKind,
    Moderator,
    Thread,
    Verdict,
    WebhookEvent,
)
from service.moderation.labels import KIND_LABELS, STATUS_LABELS, label
from service.submissions import audit
from service.submissions.actionlinks import UnknownAction
from service.submissions.answerlinks import answer_link_url, issue_answer_link
from service.submissions.filtering import content_hash, learn_from_decision
from service.submissions.health_guard import (
    DETAIL_PREFIX,
    PERSONAL_HEALTH_INFO,
    comment_text,
    has_health_reason,
    with_health_reason,
)
from service.submissions.outbox import enqueue
from service.submissions.staffscope import is_in_scope, require_in_scope, visible
from service.submissions.subscriptions import notify_published
from service.submissions.webhooks import emit
from service.web.errors import Conflict, NotFound, ValidationFailed
from service.web.i18n import N_, Message, mail_language
from service.web.rendering import render_markdown

COMMENT_ACTIONS = (
    "approve",
    "reject",
    "spam",
    "ham",
    "delete",
    "lock",
    "unlock",
    "pin",
    "unpin",
)
# One comment per thread at a time: never applied to a selection.
SINGLE_ACTIONS = ("answer", "assign", "pin", "unpin")
INQUIRY_ACTIONS = ("answer", "close", "spam", "ham", "delete", "assign")
ACTIONS: dict[str, tuple[str, ...]] = {
    ItemKind.COMMENT.value: COMMENT_ACTIONS,
    ItemKind.INQUIRY.value: INQUIRY_ACTIONS,
}
NOTE_MAX = 5000
MAX_ID = 2**31 - 1  # the id columns are 32-bit on PostgreSQL
REPLY_MAX = 5000
TITLE_MAX = 200

# Which statuses each action may start from; anything else is a 409.
_COMMENT_FROM: dict[str, set[CommentStatus]] = {
    "approve": {CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.SPAM},
    "reject": {CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.SPAM},
    "spam": {CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.REJECTED},
    "ham": {CommentStatus.SPAM},
    "delete": set(CommentStatus) - {CommentStatus.DELETED},
}
_INQUIRY_FROM: dict[str, set[InquiryStatus]] = {
    "answer": {InquiryStatus.RECEIVED, InquiryStatus.ANSWERED},
    "close": {InquiryStatus.RECEIVED, InquiryStatus.ANSWERED},
    "spam": {InquiryStatus.RECEIVED, InquiryStatus.ANSWERED, InquiryStatus.CLOSED},
    "ham": {InquiryStatus.SPAM},
    "delete": set(InquiryStatus) - {InquiryStatus.DELETED},
    "assign": {InquiryStatus.RECEIVED, InquiryStatus.ANSWERED, InquiryStatus.CLOSED},
}
# What an action did, said to the moderator (flash, aria-live line, mail-link page).
_OUTCOMES: dict[tuple[str, str], Message] = {
    ("comment", "approve"): N_("Approved comment #%(id)d."),
    ("comment", "reject"): N_("Rejected comment #%(id)d."),
    ("comment", "spam"): N_("Marked as spam comment #%(id)d."),
    ("comment", "ham"): N_("Rescued from spam comment #%(id)d."),
    ("comment", "delete"): N_("Deleted comment #%(id)d."),
    ("comment", "lock"): N_("Locked the thread of comment #%(id)d."),
    ("comment", "unlock"): N_("Unlocked the thread of comment #%(id)d."),
    ("comment", "pin"): N_("Pinned comment #%(id)d to the top of its thread."),
    ("comment", "unpin"): N_("Unpinned comment #%(id)d."),
    ("inquiry", "answer"): N_("Answered inquiry #%(id)d."),
    ("inquiry", "close"): N_("Closed inquiry #%(id)d."),
    ("inquiry", "spam"): N_("Marked as spam inquiry #%(id)d."),
    ("inquiry", "ham"): N_("Rescued from spam inquiry #%(id)d."),
    ("inquiry", "delete"): N_("Deleted inquiry #%(id)d."),
    ("inquiry", "assign"): N_("Assigned inquiry #%(id)d."),
}
# The bulk form's summary: "Approved: 2 items."
_BULK_LABELS: dict[str, Message] = {
    "approve": N_("Approved"),
    "reject": N_("Rejected"),
    "spam": N_("Marked as spam"),
    "ham": N_("Rescued from spam"),
    "delete": N_("Deleted"),
    "lock": N_("Locked"),
    "unlock": N_("Unlocked"),
    "close": N_("Closed"),
}


class UnknownAssignee(NotFound):
    code = "unknown_assignee"


class InvalidTransition(Conflict):
    code = "invalid_transition"


@dataclass
class Outcome:
    """What one action did, for a flash message, an aria-live line or a JSON answer."""

    kind: str
    item_id: int
    action: str
    status: str
    message: Message


@dataclass
class BulkOutcome:
    done: list[Outcome] = field(default_factory=list)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # kind, id, why


def parse_kind(kind: str) -> ItemKind:
    """Raises NotFound for anything but `comment` or `inquiry`."""
    try:
        return ItemKind(kind)
    except ValueError:
        raise NotFound(
            N_("There is no item kind %(kind)s; use comment or inquiry.", kind=repr(kind))
        ) from None


def check_action(kind: str, action: str) -> None:
    """Raises UnknownAction when `action` is not one of the kind's actions."""
    if action not in ACTIONS[parse_kind(kind).value]:
        raise UnknownAction(
            N_(
                "%(action)s is not an action for a %(kind)s; use one of %(actions)s.",
                action=repr(action),
                kind=label(KIND_LABELS, kind),
                actions=", ".join(ACTIONS[kind]),
            ),
            {"action": ["unknown action"]},
        )


def allowed_actions(
    kind: str,
    status: str,
    thread_locked: bool = False,
    flagged: bool = False,
    pinned: bool = False,
) -> list[str]:
    """The actions a button may offer for an item in this status (never `answer`/`assign`).

    A published comment a reader reported can be approved again: that keeps it and clears
    the report. A published comment can be pinned (or unpinned)."""
    if kind == ItemKind.COMMENT.value:
        current = CommentStatus(status)
        actions = [
            a
            for a, starts in _COMMENT_FROM.items()
            if current in starts
            or (a == "approve" and _is_reported_but_published(current, flagged))
        ]
        if pinned:
            actions.append("unpin")
        elif current is CommentStatus.APPROVED:
            actions.append("pin")
        actions.append("unlock" if thread_locked else "lock")
        return actions
    current_inquiry = InquiryStatus(status)
    return [
        a
        for a, starts in _INQUIRY_FROM.items()
        if current_inquiry in starts and a not in ("answer", "assign")
    ]


def bulk_label(action: str) -> Message | str:
    return _BULK_LABELS.get(action, action.capitalize())


def can_answer(inquiry: Inquiry) -> bool:
    return inquiry.status in _INQUIRY_FROM["answer"]


_Item = TypeVar("_Item", Comment, Inquiry)
_NO_SUCH = {
    Comment: N_("There is no comment #%(id)d."),
    Inquiry: N_("There is no inquiry #%(id)d."),
}


def _get(model: type[_Item], item_id: int, lock: bool, moderator: Moderator | None) -> _Item:
    """The stored item, locked for update when `lock`, if the moderator (default: the one this
    request acts for) may see it. Raises NotFound, the same for missing and out of scope."""
    item = None
    if 1 <= item_id <= MAX_ID:  # beyond the id column's range nothing is stored
        item = db.session.get(model, item_id, with_for_update=lock or None)
    if item is None:
        raise NotFound(_NO_SUCH[model].with_params(id=item_id))
    return require_in_scope(item, moderator)


def get_comment(comment_id: int, lock: bool = False, moderator: Moderator | None = None) -> Comment:
    """A comment staff may see. Raises NotFound (missing or out of the moderator's scope)."""
    return _get(Comment, comment_id, lock, moderator)


def get_inquiry(inquiry_id: int, lock: bool = False, moderator: Moderator | None = None) -> Inquiry:
    """An inquiry staff may see. Raises NotFound (missing or out of the moderator's scope)."""
    return _get(Inquiry, inquiry_id, lock, moderator)


def _refuse(kind: str, item_id: int, action: str, status: str) -> InvalidTransition:
    params = {"id": item_id, "status": label(STATUS_LABELS, status), "action": repr(action)}
    if kind == ItemKind.COMMENT.value:
        message = N_(
            "The comment #%(id)d is %(status)s; it cannot be given the action %(action)s now.",
            **params,
        )
    else:
        message = N_(
            "The inquiry #%(id)d is %(status)s; it cannot be given the action %(action)s now.",
            **params,
        )
    return InvalidTransition(message)


def _is_reported_but_published(status: CommentStatus, flagged: bool) -> bool:
    return flagged and status is CommentStatus.APPROVED


def _thread_of(comment: Comment) -> Thread:
    return db.session.get(Thread, comment.thread_id)


def _apply_comment(
    comment: Comment, action: str, moderator: Moderator, note: str, source: str
) -> str:
    """Check and apply one comment action inside the caller's transaction; returns a detail."""
    if action in ("lock", "unlock"):
        thread = _thread_of(comment)
        wanted = action == "lock"
        if thread.locked == wanted:
            raise InvalidTransition(
                N_("The thread is already locked.") if wanted else N_("The thread is already open.")
            )
        thread.locked = wanted
        return thread.key
    if action in ("pin", "unpin"):
        return _pin(comment, action == "pin")
    reported_but_published = _is_reported_but_published(comment.status, comment.flagged)
    if comment.status not in _COMMENT_FROM[action] and not (
        action == "approve" and reported_but_published
    ):
        raise _refuse("comment", comment.id, action, comment.status.value)
    previous = comment.status
    if action == "approve":
        comment.status = CommentStatus.APPROVED
        comment.staff_label = "ham"
        comment.flagged = False  # a person has looked: the reports so far are answered
        # A person approved what the filter doubted: that is a ham lesson (once).
        if previous is not CommentStatus.APPROVED and (
            comment.verdict in (Verdict.SPAM, Verdict.UNSURE) or previous is CommentStatus.SPAM
        ):
            learn_from_decision(comment, False, f"{source}:approve")
        thread = _thread_of(comment)
        if not thread.title and comment.title:
            thread.title = comment.title
    elif action == "reject":
        comment.status = CommentStatus.REJECTED  # off-topic is not spam: no lesson
    elif action == "spam":
        comment.status = CommentStatus.SPAM
        comment.staff_label = "spam"
        learn_from_decision(comment, True, f"{source}:spam")
    elif action == "ham":
        # Rescued, it goes where the filter would have put ham: published in auto mode,
        # unless the health-information guard holds it for a person's look.
        auto = current_app.config["MODERATION_MODE"] == "auto"
        published = auto and not has_health_reason(comment.reasons)
        comment.status = CommentStatus.APPROVED if published else CommentStatus.PENDING
        comment.staff_label = "ham"
        learn_from_decision(comment, False, f"{source}:ham")
    elif action == "delete":
        comment.status = CommentStatus.DELETED
    if comment.status is not CommentStatus.APPROVED:
        comment.pinned = False  # off the page: nothing stays pinned in its place
    comment.moderator_id = moderator.id
    _touch_thread(comment.thread_id)
    if comment.status is CommentStatus.APPROVED and previous is not CommentStatus.APPROVED:
        notify_published([comment.id])  # readers who asked hear about it now, never before
    return previous.value


def _pin(comment: Comment, wanted: bool) -> str:
    """Pin a published comment (unpinning the thread's previous one) or unpin it; returns the
    thread's key. Raises InvalidTransition."""
    if wanted and comment.status is not CommentStatus.APPROVED:
        raise InvalidTransition(N_("Only a published comment can be pinned."))
    if comment.pinned == wanted:
        raise InvalidTransition(
            N_("This comment is already pinned.") if wanted else N_("This comment is not pinned.")
        )
    # The thread row is locked first, so two moderators pinning at once leave one pinned.
    thread = db.session.get(Thread, comment.thread_id, with_for_update=True)
    if wanted:
        db.session.execute(
            sa.update(Comment)
            .where(Comment.thread_id == thread.id, Comment.pinned.is_(True))
            .values(pinned=False)
            .execution_options(synchronize_session="fetch")
        )
    comment.pinned = wanted
    _touch_thread(comment.thread_id)
    return thread.key


def _touch_thread(thread_id: int) -> None:
    # A thread's cached pages and ETags follow its version (service/comments/threadcache.py).
    db.session.execute(
        sa.update(Thread)
        .where(Thread.id == thread_id)
        .values(updated_at=utcnow(), version=Thread.version + 1)
    )


def _apply_inquiry(
    inquiry: Inquiry, action: str, moderator: Moderator, note: str, source: str
) -> str:
    """Check and apply one inquiry action inside the caller's transaction; returns a detail."""
    if inquiry.status not in _INQUIRY_FROM[action]:
        raise _refuse("inquiry", inquiry.id, action, inquiry.status.value)
    previous = inquiry.status
    now = utcnow()
    if action == "answer":
        text = _clean_text(note, "note", NOTE_MAX)
        db.session.add(
            InquiryReply(
                inquiry_id=inquiry.id, moderator_id=moderator.id, body=text, author="answer"
            )
        )
        _mail_answer_notice(inquiry, text)
        inquiry.status = InquiryStatus.ANSWERED
        inquiry.staff_label = "ham"
        inquiry.answered_at = now
        inquiry.patient_replied_at = None
    elif action == "close":
        inquiry.status = InquiryStatus.CLOSED
        inquiry.closed_at = now
    elif action == "spam":
        inquiry.status = InquiryStatus.SPAM
        inquiry.staff_label = "spam"
        learn_from_decision(inquiry, True, f"{source}:spam")
    elif action == "ham":
        inquiry.status = InquiryStatus.RECEIVED
        inquiry.staff_label = "ham"
        learn_from_decision(inquiry, False, f"{source}:ham")
    elif action == "delete":
        inquiry.status = InquiryStatus.DELETED
    elif action == "assign":
        assignee = _assignee(note, inquiry)
        inquiry.assigned_to_id = assignee.id if assignee else None
        return assignee.email if assignee else ""
    return previous.value


def _mail_answer_notice(inquiry: Inquiry, text: str) -> None:
    """Tell the patient a reply is waiting, with a new link to the answer page. No health
    information goes out: not their message, and not the answer unless ANSWER_TEXT_IN_MAIL."""
    config = current_app.config
    link = answer_link_url(inquiry.id, issue_answer_link(inquiry.id))
    with mail_language():
        subject = gettext(
            "You have a reply from %(clinic)s about your inquiry #%(id)d",
            clinic=config["CLINIC_NAME"],
            id=inquiry.id,
        )
        body = render_template(
            "email/inquiry_answer.txt",
            inquiry_id=inquiry.id,
            link=link,
            hours=config["ANSWER_LINK_HOURS"],
            answer_text=text if config["ANSWER_TEXT_IN_MAIL"] else None,
        )
    enqueue(inquiry.email, subject, body, purpose="inquiry.answer")


def _assignee(to: str, inquiry: Inquiry) -> Moderator | None:
    """An active moderator by address who may open the inquiry, or None for an empty address
    (unassign). Raises UnknownAssignee."""
    to = (to or "").strip().lower()
    if not to:
        return None
    moderator = db.session.scalar(
        sa.select(Moderator).where(sa.func.lower(Moderator.email) == to, Moderator.active)
    )
    if moderator is None:
        raise UnknownAssignee(
            N_("No active moderator has the address %(address)s.", address=to),
            {"to": ["no active moderator"]},
        )
    if not is_in_scope(inquiry, moderator):
        raise UnknownAssignee(
            N_(
                "%(address)s cannot open inquiries of this topic; choose someone whose access "
                "includes it.",
                address=to,
            ),
            {"to": ["out of their scope"]},
        )
    return moderator


_MISSING_TEXT = {
    "note": N_("Write the note first."),
    "reply": N_("Write the reply first."),
    "body": N_("The comment's text cannot be empty; delete the comment instead."),
}
_TOO_LONG_TEXT = {
    "note": N_("The note must be at most %(limit)d characters of text."),
    "reply": N_("The reply must be at most %(limit)d characters of text."),
    "body": N_("The comment must be at most %(limit)d characters of text."),
}


def _clean_text(value: str | None, name: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed(_MISSING_TEXT[name], {name: ["required"]})
    if len(text) > limit or "\x00" in text:
        raise ValidationFailed(_TOO_LONG_TEXT[name].with_params(limit=limit), {name: ["too long"]})
    return text


def apply_action(
    moderator: Moderator, kind: str, item_id: int, action: str, note: str, source: str
) -> Outcome:
    """One action inside the caller's transaction: check, change, teach, audit."""
    check_action(kind, action)
    detail: dict[str, Any] = {"via": source}
    if kind == ItemKind.COMMENT.value:
        item: Comment | Inquiry = get_comment(item_id, lock=True, moderator=moderator)
        before = _apply_comment(item, action, moderator, note, source)
    else:
        item = get_inquiry(item_id, lock=True, moderator=moderator)
        before = _apply_inquiry(item, action, moderator, note, source)
    if action == "assign":
        detail["to"] = before
    elif action in ("lock", "unlock", "pin", "unpin"):
        detail["thread"] = before
    else:
        detail["from"] = before
    audit.record(f"{kind}.{action}", moderator, kind, item.id, detail)
    event = _event_of(kind, action, before, item.status.value)
    if event is not None:
        emit(event, kind, item.id, item.status.value)
    return Outcome(
        kind, item.id, action, item.status.value, _OUTCOMES[(kind, action)].with_params(id=item.id)
    )


def _event_of(kind: str, action: str, before: str, after: str) -> WebhookEvent | None:
    """The webhook event a moderation action makes, if any."""
    if action == "spam":
        return WebhookEvent.ITEM_SPAM
    if kind == ItemKind.INQUIRY.value:
        if action == "answer":
            return WebhookEvent.INQUIRY_ANSWERED
        if action == "ham":  # rescued from spam: received now, and never announced before
            return WebhookEvent.INQUIRY_RECEIVED
        return None
    published = CommentStatus.APPROVED.value
    if action in ("approve", "ham") and after == published and before != published:
        return WebhookEvent.COMMENT_PUBLISHED
    return None


def act(
    moderator: Moderator,
    kind: str,
    item_id: int,
    action: str,
    note: str = "",
    source: str = "queue",
) -> Outcome:
    """Apply one moderation action. Raises NotFound, UnknownAction, InvalidTransition or
    ValidationFailed (a missing note, an unknown assignee)."""
    with transaction():
        return apply_action(moderator, kind, item_id, action, note, source)


def act_in_bulk(
    moderator: Moderator,
    items: list[tuple[str, int]],
    action: str,
    source: str = "bulk",
) -> BulkOutcome:
    """Apply one action to many items in one transaction; items it does not fit are skipped.

    Raises UnknownAction when the action fits none of the selected kinds."""
    if action in ("answer", "assign"):
        raise UnknownAction(
            N_("Answer and assign need a note or a person; open the inquiry."),
            {"action": ["single"]},
        )
    if action in SINGLE_ACTIONS:
        raise UnknownAction(
            N_("A thread has one pinned comment: pin or unpin one comment at a time."),
            {"action": ["single"]},
        )
    result = BulkOutcome()
    with transaction():
        for kind, item_id in items:
            try:
                # Every check runs before anything changes, so a skipped item leaves no trace.
                result.done.append(apply_action(moderator, kind, item_id, action, "", source))
            except (NotFound, InvalidTransition, ValidationFailed) as error:
                result.skipped.append((kind, item_id, error.message))
    return result


def reply_to_comment(moderator: Moderator, comment_id: int, body: str) -> Comment:
    """Publish a staff reply under a comment at once; a pending parent is approved with it.

    Raises NotFound, ValidationFailed (empty or too long) or InvalidTransition (the parent
    is rejected, spam or deleted)."""
    text = _clean_text(body, "reply", REPLY_MAX)
    with transaction():
        parent = get_comment(comment_id, lock=True, moderator=moderator)
        if parent.status is CommentStatus.PENDING:
            apply_action(moderator, "comment", parent.id, "approve", "", "reply")
        elif parent.status is not CommentStatus.APPROVED:
            raise InvalidTransition(
                N_(
                    "The comment #%(id)d is %(status)s; approve it before replying.",
                    id=parent.id,
                    status=label(STATUS_LABELS, parent.status.value),
                )
            )
        reply = Comment(
            thread_id=parent.thread_id,
            parent_id=parent.id,
            author=moderator.name or moderator.email,
            body=text,
            body_html=render_markdown(text),
            status=CommentStatus.APPROVED,
            verdict=Verdict.HAM,
            score=0.0,
            reasons=[],
            is_staff=True,
            moderator_id=moderator.id,
        )
        db.session.add(reply)
        db.session.flush()
        _touch_thread(parent.thread_id)
        notify_published([reply.id])
        audit.record("comment.reply", moderator, "comment", reply.id, {"parent": parent.id})
        emit(WebhookEvent.COMMENT_PUBLISHED, "comment", reply.id, reply.status.value)
    return reply


@dataclass
class HistoryEntry:
    at: dt.datetime
    actor: str
    action: str
    detail: dict[str, Any]
    text: str | None = None  # a staff reply's body


def history_of(kind: str, item_id: int) -> list[HistoryEntry]:
    """The audit entries of one item, with an inquiry's replies, oldest first."""
    events = db.session.execute(
        sa.select(AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.detail)
        .where(AuditEvent.kind == kind, AuditEvent.item_id == item_id)
        .order_by(AuditEvent.id)
    ).all()
    entries = [
        HistoryEntry(at, actor, action, detail or {}) for at, actor, action, detail in events
    ]
    if kind == ItemKind.INQUIRY.value:
        replies = db.session.execute(
            sa.select(InquiryReply, Moderator.email)
            .outerjoin(Moderator, Moderator.id == InquiryReply.moderator_id)
            .where(InquiryReply.inquiry_id == item_id, InquiryReply.author == "answer")
            .order_by(InquiryReply.id)
        ).all()
        for reply, email in replies:
            entries.append(
                HistoryEntry(reply.created_at, email or "staff", "reply", {}, reply.body)
            )
    entries.sort(key=lambda entry: entry.at)
    return entries


@dataclass
class ConversationEntry:
    """One message of an inquiry's conversation as staff see it."""

    id: int | None  # None for the inquiry's own message
    at: dt.datetime
    author: str  # "patient" (the question and the patient's replies), "answer" or "note"
    who: str  # the staff member's name or address, or "" for the patient
    text: str
    verdict: str | None = None  # a patient's reply: what the filter said


def conversation_of(inquiry: Inquiry) -> list[ConversationEntry]:
    """The inquiry's message, every answer, patient reply and internal note, oldest first.
    For staff only: internal notes are in it."""
    rows = db.session.execute(
        sa.select(InquiryReply, Moderator.name, Moderator.email)
        .outerjoin(Moderator, Moderator.id == InquiryReply.moderator_id)
        .where(InquiryReply.inquiry_id == inquiry.id)
        .order_by(InquiryReply.created_at, InquiryReply.id)
    ).all()
    entries = [ConversationEntry(None, inquiry.created_at, "patient", "", inquiry.message)]
    for reply, name, email in rows:
        who = "" if reply.author == "patient" else (name or email or "staff")
        entries.append(
            ConversationEntry(
                reply.id, reply.created_at, reply.author, who, reply.body, reply.verdict
            )
        )
    return entries


def add_note(moderator: Moderator, inquiry_id: int, body: str) -> InquiryReply:
    """An internal note on an inquiry: staff only, never shown to the patient nor mailed.
    Audited (without its text). Raises NotFound or ValidationFailed."""
    text = _clean_text(body, "note", NOTE_MAX)
    with transaction():
        inquiry = get_inquiry(inquiry_id, lock=True)
        if inquiry.status is InquiryStatus.DELETED:
            raise _refuse("inquiry", inquiry.id, "note", inquiry.status.value)
        note = InquiryReply(
            inquiry_id=inquiry.id, moderator_id=moderator.id, author="note", body=text
        )
        db.session.add(note)
        db.session.flush()
        audit.record("inquiry.note", moderator, "inquiry", inquiry.id, {"note": note.id})
    return note


def open_inquiry(moderator: Moderator, inquiry_id: int, source: str = "page") -> Inquiry:
    """An inquiry for staff to read; the reading itself is audited. Raises NotFound."""
    with transaction():
        inquiry = get_inquiry(inquiry_id, moderator=moderator)
        audit.record("inquiry.view", moderator, "inquiry", inquiry.id, {"via": source})
    return inquiry


def record_inquiries_shown(
    moderator: Moderator, items: list[Comment | Inquiry], source: str = "queue"
) -> None:
    """A list that shows inquiries' messages is a reading of each: one `inquiry.view` entry per
    inquiry shown, written together."""
    shown = [item.id for item in items if isinstance(item, Inquiry)]
    if not shown:
        return
    with transaction():
        audit.record_each("inquiry.view", moderator, "inquiry", shown, {"via": source})


def count_reports(comment_id: int) -> int:
    """How many address ranges have reported the comment (each counts once)."""
    return db.session.scalar(
        sa.select(sa.func.count(CommentReport.id)).where(CommentReport.comment_id == comment_id)
    )


def mark_spam_folder_seen(moderator: Moderator, at: dt.datetime) -> None:
    """Remember that this moderator opened the spam folder at `at` (never moving it back, so
    an older tab opened late does not bring counted items back)."""
    with transaction():
        db.session.execute(
            sa.update(Moderator)
            .where(
                Moderator.id == moderator.id,
                sa.or_(Moderator.spam_folder_seen_at.is_(None), Moderator.spam_folder_seen_at < at),
            )
            .values(spam_folder_seen_at=at)
            .execution_options(synchronize_session=False)
        )


def open_comment(comment_id: int, moderator: Moderator | None = None) -> tuple[Comment, Thread]:
    """A comment with its thread. Raises NotFound (missing or out of scope)."""
    comment = get_comment(comment_id, moderator=moderator)
    return comment, _thread_of(comment)


def active_moderators(able_to_open: Inquiry | None = None) -> list[Moderator]:
    """Active accounts; with an inquiry, only those whose scope lets them open it."""
    moderators = db.session.scalars(
        sa.select(Moderator).where(Moderator.active).order_by(Moderator.email)
    ).all()
    if able_to_open is None:
        return list(moderators)
    return [m for m in moderators if is_in_scope(able_to_open, m)]


# --- Undoing a delete -------------------------------------------------------------------------
# A moderator's delete only changes the status: the text, replies, assignment, history and
# labels stay. Undo puts back the status the item had before, read from the delete's audit
# entry. Retention later removes deleted inquiries for good (RETENTION_SPAM_DAYS after the
# delete); deleted comments stay stored, hidden (or a tombstone when they have replies).

_RESTORED: dict[str, Message] = {
    "comment": N_("Restored comment #%(id)d."),
    "inquiry": N_("Restored inquiry #%(id)d."),
}


class UndoExpired(Conflict):
    code = "undo_expired"


@dataclass
class DeletedItem:
    kind: str
    item_id: int
    deleted_at: dt.datetime
    deleted_by: str
    restores_to: str


def _last_delete(kind: str, item_id: int) -> AuditEvent | None:
    """The staff delete that made the item deleted, or None."""
    event = db.session.scalar(
        sa.select(AuditEvent)
        .where(
            AuditEvent.kind == kind,
            AuditEvent.item_id == item_id,
            AuditEvent.action.in_((f"{kind}.delete", f"{kind}.restore")),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    # After a restore the item was deleted again by its author (not audited): not staff's to undo.
    return event if event is not None and event.action.endswith(".delete") else None


def is_within_undo_window(event: AuditEvent, moderator: Moderator, now: dt.datetime) -> bool:
    """The moderator who deleted may undo for DELETE_UNDO_SECONDS."""
    seconds = current_app.config["DELETE_UNDO_SECONDS"]
    return event.moderator_id == moderator.id and now - event.at <= dt.timedelta(seconds=seconds)


def restore_deleted(moderator: Moderator, kind: str, item_id: int, source: str = "undo") -> Outcome:
    """Put a deleted item back in the status it had before; audited as `<kind>.restore`.

    The moderator who deleted it may do so within DELETE_UNDO_SECONDS, an administrator as
    long as the item is stored. Raises NotFound, InvalidTransition (not deleted) or
    UndoExpired."""
    kind = parse_kind(kind).value
    with transaction():
        getter = get_comment if kind == "comment" else get_inquiry
        item: Comment | Inquiry = getter(item_id, lock=True, moderator=moderator)
        deleted = CommentStatus.DELETED if kind == "comment" else InquiryStatus.DELETED
        event = _last_delete(kind, item.id)
        if item.status != deleted or event is None:
            raise _refuse(kind, item.id, "restore", item.status.value)
        if not moderator.is_admin and not is_within_undo_window(event, moderator, utcnow()):
            raise UndoExpired(
                N_(
                    "The time to undo has passed; an administrator can still restore it from "
                    "Recently deleted."
                )
            )
        previous = (event.detail or {}).get("from", "")
        if kind == "comment":
            try:
                item.status = CommentStatus(previous)
            except ValueError:
                item.status = CommentStatus.PENDING
            _touch_thread(item.thread_id)
        else:
            try:
                item.status = InquiryStatus(previous)
            except ValueError:
                item.status = InquiryStatus.RECEIVED
        if item.status in (CommentStatus.DELETED, InquiryStatus.DELETED):
            item.status = CommentStatus.PENDING if kind == "comment" else InquiryStatus.RECEIVED
        audit.record(
            "comment.restore" if kind == "comment" else "inquiry.restore",
            moderator,
            kind,
            item.id,
            {"to": item.status.value, "via": source},
        )
    return Outcome(
        kind, item.id, "restore", item.status.value, _RESTORED[kind].with_params(id=item.id)
    )


def recently_deleted(limit: int = 200) -> list[DeletedItem]:
    """Deleted comments and inquiries still stored, most recently deleted first."""
    found: list[DeletedItem] = []
    for kind, model, status in (
        ("comment", Comment, CommentStatus.DELETED),
        ("inquiry", Inquiry, InquiryStatus.DELETED),
    ):
        ids = list(
            db.session.scalars(
                sa.select(model.id)
                .where(model.status == status, visible(model))
                .order_by(model.updated_at.desc())
                .limit(limit)
            )
        )
        for item_id in ids:
            event = _last_delete(kind, item_id)
            if event is None:  # deleted by its author (comments), not by staff: nothing to undo
                continue
            found.append(
                DeletedItem(
                    kind, item_id, event.at, event.actor, (event.detail or {}).get("from", "")
                )
            )
    found.sort(key=lambda entry: entry.deleted_at, reverse=True)
    return found[:limit]


# --- Personal health information in a comment -------------------------------------------------
# A comment held by the guard (reason `personal_health_info`) can be published as it is
# (`approve`), edited by staff to take the details out, or moved to a private inquiry.

STAFF_EDIT_FROM = {CommentStatus.PENDING, CommentStatus.APPROVED}
MOVE_FROM = {CommentStatus.PENDING, CommentStatus.APPROVED, CommentStatus.REJECTED}
# What a moved comment's inquiry records as its consent: the reader wrote a comment, not the
# contact form, so no consent wording was shown to them.
MOVED_CONSENT_VERSION = "moved-from-comment"
_FALLBACK_TOPIC = "other"


class NoAddressToAnswer(Conflict):
    code = "no_email"


def edit_comment_as_staff(
    moderator: Moderator,
    comment_id: int,
    body: str,
    source: str = "queue",
    title: str | None = None,
) -> Comment:
    """Replace a comment's text for its author, typically to take personal details out.

    The status stays as it is (a held comment still waits for an approve). The author's own
    edit window is left as it was: until it closes they may still edit, and their edit is
    checked again by the filter and the guard. Audited as `comment.edit`, with the kinds of
    personal detail still found, never the text. Raises NotFound, ValidationFailed (empty or
    too long) or InvalidTransition (rejected, spam or deleted). `title`, when given, replaces
    the title too (empty removes it)."""
    text = _clean_text(body, "body", REPLY_MAX)
    new_title = None if title is None else (title.strip()[:TITLE_MAX] or None)
    with transaction():
        comment = get_comment(comment_id, lock=True)
        if comment.status not in STAFF_EDIT_FROM:
            raise _refuse("comment", comment.id, "edit", comment.status.value)
        comment.body = text
        comment.body_html = render_markdown(text)
        comment.content_hash = content_hash(text)
        if title is not None:
            comment.title = new_title
        comment.edited_at = utcnow()
        comment.reasons = with_health_reason(
            comment.reasons or [], comment_text(text, comment.title)
        )
        left = next(
            (r["detail"] for r in comment.reasons if r.get("rule") == PERSONAL_HEALTH_INFO), ""
        )
        _touch_thread(comment.thread_id)
        audit.record(
            "comment.edit",
            moderator,
            "comment",
            comment.id,
            {"via": source, "details_left": left.removeprefix(DETAIL_PREFIX)},
        )
    return comment


def can_move_to_inquiry(comment: Comment) -> bool:
    """A comment with an address to answer, in a status it may leave the page from."""
    return bool(comment.email) and comment.status in MOVE_FROM


def _moved_topic() -> str:
    keys = [key for key, _ in current_app.config["INQUIRY_TOPICS"]]
    return _FALLBACK_TOPIC if _FALLBACK_TOPIC in keys else keys[-1]


@dataclass(frozen=True)
class MovedComment:
    """The inquiry a comment became, and whether the moderator who moved it may open it (one
    limited to comments may not)."""

    inquiry_id: int
    can_open: bool


def move_comment_to_inquiry(
    moderator: Moderator, comment_id: int, source: str = "queue"
) -> MovedComment:
    """Make a private inquiry of a comment and take the comment off the page.

    The inquiry gets the comment's text, author and address (encrypted at rest like any
    inquiry); the comment keeps no copy of the text (a tombstone where it had replies) and
    is not offered in Recently deleted. Both are audited (`comment.to_inquiry`,
    `inquiry.from_comment`). Raises NotFound, NoAddressToAnswer (the comment has no email
    address, so nobody could be answered) or InvalidTransition (spam or deleted)."""
    with transaction():
        comment = get_comment(comment_id, lock=True)
        if not comment.email:
            raise NoAddressToAnswer(
                N_(
                    "Comment #%(id)d has no email address, so the clinic could not answer it "
                    "privately: it cannot be moved to an inquiry.",
                    id=comment.id,
                )
            )
        if comment.status not in MOVE_FROM:
            raise _refuse("comment", comment.id, "to_inquiry", comment.status.value)
        inquiry = Inquiry(
            name=comment.author[:100],
            email=comment.email,
            topic=_moved_topic(),
            message=comment.body,
            content_hash=comment.content_hash,
            consent_at=comment.created_at,
            consent_version=MOVED_CONSENT_VERSION,
            status=InquiryStatus.RECEIVED,
            verdict=comment.verdict,
            score=comment.score,
            reasons=list(comment.reasons or []),
            client_address=comment.client_address,
        )
        db.session.add(inquiry)
        db.session.flush()
        previous = comment.status
        comment.status = CommentStatus.DELETED
        comment.body = ""
        comment.body_html = ""
        comment.title = None
        comment.pinned = False
        comment.flagged = False
        comment.moderator_id = moderator.id
        _touch_thread(comment.thread_id)
        audit.record(
            "comment.to_inquiry",
            moderator,
            "comment",
            comment.id,
            {"via": source, "from": previous.value, "inquiry": inquiry.id},
        )
        audit.record(
            "inquiry.from_comment", moderator, "inquiry", inquiry.id, {"comment": comment.id}
        )
        # To the clinic's other systems it is a new inquiry, like one sent through the form.
        emit(WebhookEvent.INQUIRY_RECEIVED, "inquiry", inquiry.id, inquiry.status.value)
        moved = MovedComment(inquiry.id, is_in_scope(inquiry, moderator))
    return moved
