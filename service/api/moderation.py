"""The moderation JSON API: bearer tokens only (`moderators token`), never a session cookie.

A browser's cookie is an ambient credential a hostile page could ride on; a bearer token
must be added on purpose, so these endpoints need no CSRF token and refuse anything else.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

import sqlalchemy as sa
from flask import Response, g, jsonify, request, stream_with_context

from service.api.blueprint import bp
from service.api.operations import Answer, PathParameter, Routes
from service.api.shapes import (
    AnswerBody,
    AssignBody,
    AuditPage,
    AuditQuery,
    ModerationItem,
    NoteBody,
    QueueFilters,
    QueuePage,
    QueueQuery,
    StaffEditBody,
)
from service.data.database import isoformat, transaction
from service.data.extensions import db
from service.data.models import AuditEvent, Comment, Inquiry, Moderator, Thread
from service.moderation import queue, services
from service.moderation.accounts import moderator_for_token
from service.moderation.services import COMMENT_ACTIONS, INQUIRY_ACTIONS
from service.submissions import audit
from service.submissions.staffscope import act_as, audit_visible
from service.web import heartbeat
from service.web.errors import DomainError

moderation = Routes(bp, tag="moderation", moderation=True)
AUDIT_PAGE = 100
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Unauthorized(DomainError, code="unauthorized", status=401):
    default_message = (
        "Send a moderation API token in the header Authorization: Bearer <token> "
        "(make one with `flask --app wsgi moderators token EMAIL`)."
    )


@bp.before_request
def _authenticate() -> None:
    if not request.path.startswith("/api/moderation/"):
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    moderator = None
    if scheme.lower() == "bearer" and token.strip():
        moderator = moderator_for_token(token.strip())
    if moderator is None:
        raise Unauthorized(
            None
            if not token
            else "This token is unknown, expired or revoked, or its account is deactivated."
        )
    g.api_moderator = moderator
    # Every item this request reads is limited to what the token's account may see.
    act_as(moderator)


@bp.after_app_request
def _challenge(response: Response) -> Response:
    if request.path.startswith("/api/moderation/"):
        response.headers["Cache-Control"] = "no-store"
        if response.status_code == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="moderation"'
    return response


def _moderator() -> Moderator:
    return g.api_moderator


def _filters(query: QueueFilters) -> queue.Filters:
    return queue.Filters(query.kind or "", query.status or "", query.verdict or "")


KIND = PathParameter("Any other kind is `404`.", {"enum": list(queue.KINDS)})
ITEM_ID = PathParameter("The item's id.", {"type": "integer", "minimum": 0})
NEEDS_A_BODY = ("answer", "assign")
COMMENT_ACTION = PathParameter(
    "One of the actions on a comment; another is `400`.", {"enum": list(COMMENT_ACTIONS)}
)
INQUIRY_ACTION = PathParameter(
    "One of the actions on an inquiry that need no body; another is `400`.",
    {"enum": [action for action in INQUIRY_ACTIONS if action not in NEEDS_A_BODY]},
)
NO_SUCH_ITEM = "There is no such item (an item outside the token's access counts as missing)."
ACTED = (Answer(200, "The item after the action.", ModerationItem),)
ACTION_REFUSALS = {404: NO_SUCH_ITEM, 409: "The item's status does not allow this action now."}


def _reasons(item: Comment | Inquiry) -> list[dict[str, Any]]:
    return [
        {"rule": r.get("rule"), "points": r.get("points"), "detail": r.get("detail")}
        for r in item.reasons or []
    ]


def _head(item: Comment | Inquiry) -> dict[str, Any]:
    """What the queue and the item both begin with (`ItemHead`)."""
    return {
        "kind": queue.kind_of(item),
        "id": item.id,
        "status": item.status.value,
        "verdict": item.verdict.value,
        "score": item.score,
        "reasons": _reasons(item),
        "created_at": isoformat(item.created_at),
    }


def _summary(item: Comment | Inquiry, threads: dict[int, Thread]) -> dict[str, Any]:
    body = _head(item) | {
        "summary": queue.summary_of(item),
        "urgent": isinstance(item, Inquiry) and item.urgent,
    }
    if isinstance(item, Comment):
        thread = threads.get(item.thread_id)
        body |= {
            "author": item.author,
            "thread_key": thread.key if thread else None,
            "flagged": item.flagged,
        }
    else:
        body |= {
            "name": item.name,
            "topic": item.topic,
            "patient_replied": item.patient_replied_at is not None,
        }
    return body


@moderation.get(
    "/moderation/queue",
    operation_id="moderationQueue",
    summary="The moderation queue, urgent inquiries first, then newest first",
    query=QueueQuery,
    answers=(Answer(200, "One page of the queue.", QueuePage),),
)
def moderation_queue(query: QueueQuery) -> Response:
    cursor = queue.parse_cursor(query.after)
    page = queue.list_queue(
        _filters(query), cursor, query.limit or queue.DEFAULT_LIMIT, _moderator()
    )
    # Each item's summary quotes an inquiry's message: reading the list reads them.
    services.record_inquiries_shown(_moderator(), page.items, source="api-queue")
    return jsonify(
        {
            "items": [_summary(item, page.threads) for item in page.items],
            "next": page.next,
            # Read only: only opening the spam folder page counts as having looked.
            "new_in_spam_folder": queue.new_in_spam_folder(_moderator()),
        }
    )


def _history(kind: str, item_id: int) -> list[dict[str, Any]]:
    entries = []
    for entry in services.history_of(kind, item_id):
        row: dict[str, Any] = {
            "at": isoformat(entry.at),
            "actor": entry.actor,
            "action": entry.action,
            "detail": entry.detail,
        }
        if entry.text is not None:
            row["text"] = entry.text
        entries.append(row)
    return entries


def _item_body(kind: str, item_id: int) -> dict[str, Any]:
    if kind == "comment":
        comment, thread = services.open_comment(item_id, _moderator())
        return _head(comment) | {
            "edited_at": isoformat(comment.edited_at),
            "thread_key": thread.key,
            "thread_locked": thread.locked,
            "parent_id": comment.parent_id,
            "author": comment.author,
            "email": comment.email,
            "website": comment.website,
            "title": comment.title,
            "body": comment.body,
            "html": comment.body_html,
            "is_staff": comment.is_staff,
            "flagged": comment.flagged,
            "pinned": comment.pinned,
            "flag_reason": comment.flag_reason,
            "reports": services.count_reports(comment.id),
            "history": _history(kind, comment.id),
        }
    inquiry = services.get_inquiry(item_id, moderator=_moderator())
    assignee = db.session.get(Moderator, inquiry.assigned_to_id) if inquiry.assigned_to_id else None
    return _head(inquiry) | {
        "answered_at": isoformat(inquiry.answered_at),
        "closed_at": isoformat(inquiry.closed_at),
        "name": inquiry.name,
        "email": inquiry.email,
        "phone": inquiry.phone,
        "topic": inquiry.topic,
        "message": inquiry.message,
        "urgent": inquiry.urgent,
        "assigned_to": assignee.email if assignee else None,
        "patient_replied_at": isoformat(inquiry.patient_replied_at),
        "history": _history(kind, inquiry.id),
        "messages": [
            {
                "id": entry.id,
                "at": isoformat(entry.at),
                "author": entry.author,
                "who": entry.who or None,
                "text": entry.text,
                "verdict": entry.verdict,
            }
            for entry in services.conversation_of(inquiry)[1:]
        ],
    }


@moderation.get(
    "/moderation/<kind>/<int:item_id>",
    operation_id="moderationItem",
    summary="One item with all its fields and its history",
    description="Reading an inquiry is recorded in the audit log.",
    path={"kind": KIND, "item_id": ITEM_ID},
    answers=(Answer(200, "The item.", ModerationItem),),
    refusals={404: NO_SUCH_ITEM},
)
def moderation_item(kind: str, item_id: int) -> Response:
    kind = services.parse_kind(kind).value
    if kind == "inquiry":
        services.open_inquiry(_moderator(), item_id, source="api")
    return jsonify(_item_body(kind, item_id))


def _act(kind: str, item_id: int, action: str, note: str) -> Response:
    services.act(_moderator(), kind, item_id, action, note=note, source="api")
    return jsonify(_item_body(kind, item_id))


def _on_item(
    kind: str,
    action: str,
    *,
    path: dict[str, PathParameter] | None = None,
    answers: tuple[Answer, ...] = ACTED,
    refusals: dict[int, str] | None = None,
    **declared: Any,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Route `POST /api/moderation/<kind>/<item_id>/<action>`, answered by default with the
    item after the action; `refusals` replace the usual meaning of `404` or `409`."""
    return moderation.post(
        f"/moderation/{kind}/<int:item_id>/{action}",
        path={"item_id": ITEM_ID, **(path or {})},
        answers=answers,
        refusals=ACTION_REFUSALS | (refusals or {}),
        **declared,
    )


def _route_note_actions(kind: str, actions: PathParameter, summary: str, description: str) -> None:
    """Route the actions on a `kind` of item that take no more than a note, each checked
    against the kind's own list (`moderateComment`, `moderateInquiry`)."""

    def moderate(item_id: int, action: str, body: NoteBody) -> Response:
        services.check_action(kind, action)
        return _act(kind, item_id, action, body.note or "")

    # The endpoint's name (`api.moderate_comment`), as if written with `def`.
    moderate.__name__ = moderate.__qualname__ = f"moderate_{kind}"
    _on_item(
        kind,
        "<action>",
        operation_id=f"moderate{kind.capitalize()}",
        summary=summary,
        description=description,
        path={"action": actions},
        body=NoteBody,
        body_required=False,
    )(moderate)


_route_note_actions(
    "comment",
    COMMENT_ACTION,
    "Act on a comment",
    "Every action is recorded in the audit log. `spam` and `ham` teach the learned filter; "
    "`lock` and `unlock` act on the comment's whole thread; `pin` shows a published comment "
    "first in its thread (unpinning the thread's previous one) and `unpin` undoes it. The "
    "body may be empty.",
)
# `answer` and `assign` never arrive here: their own rules below match first.
_route_note_actions(
    "inquiry",
    INQUIRY_ACTION,
    "Act on an inquiry",
    "Every action is recorded in the audit log. `spam` and `ham` teach the learned filter. "
    "The body may be empty. `answer` and `assign` have operations of their own.",
)


@_on_item(
    "comment",
    "edit",
    operation_id="editComment",
    summary="Edit a comment's text as staff",
    description=(
        "Typically to take out personal health details (reason `personal_health_info`). The "
        "status stays as it is: a held comment still needs `approve`. The guard checks the new "
        "text again and keeps or drops its reason. The author's own edit window is unchanged. "
        "Audited as `comment.edit`, without the text."
    ),
    body=StaffEditBody,
    refusals={409: "The comment is rejected, spam or deleted."},
)
def edit_comment(item_id: int, body: StaffEditBody) -> Response:
    services.edit_comment_as_staff(_moderator(), item_id, body.body, source="api", title=body.title)
    return jsonify(_item_body("comment", item_id))


@_on_item(
    "comment",
    "to_inquiry",
    operation_id="moveCommentToInquiry",
    summary="Move a comment to a private inquiry",
    description=(
        "Makes an inquiry of the comment's text, author and email, and takes the comment off "
        "the page (`deleted`, its text removed). Audited as `comment.to_inquiry` and "
        "`inquiry.from_comment`. A comment without an email address cannot be moved (`409`, "
        "error `no_email`): nobody could be answered. A token whose moderator may not open "
        "inquiries of the new one's topic gets the comment back, as it now is."
    ),
    body=NoteBody,
    body_required=False,
    answers=(Answer(200, "The new inquiry (or the comment, see above).", ModerationItem),),
    refusals={409: "The comment has no email address, or is spam or deleted."},
)
def move_comment_to_inquiry(item_id: int, body: NoteBody) -> Response:
    moved = services.move_comment_to_inquiry(_moderator(), item_id, source="api")
    if not moved.can_open:
        return jsonify(_item_body("comment", item_id))
    return jsonify(_item_body("inquiry", moved.inquiry_id))


@_on_item(
    "inquiry",
    "answer",
    operation_id="answerInquiry",
    summary="Answer an inquiry",
    description="The answer is mailed to the visitor and kept in the item's history; audited.",
    body=AnswerBody,
)
def answer_inquiry(item_id: int, body: AnswerBody) -> Response:
    return _act("inquiry", item_id, "answer", body.note)


@_on_item(
    "inquiry",
    "assign",
    operation_id="assignInquiry",
    summary="Assign an inquiry to a moderator, or unassign it",
    description="Audited.",
    body=AssignBody,
    body_required=False,
    refusals={404: "There is no such item, or no active moderator with this address."},
)
def assign_inquiry(item_id: int, body: AssignBody) -> Response:
    return _act("inquiry", item_id, "assign", body.to or "")


@moderation.get(
    "/moderation/audit",
    operation_id="moderationAudit",
    summary="The audit log, oldest first",
    query=AuditQuery,
    answers=(Answer(200, f"Up to {AUDIT_PAGE} entries.", AuditPage),),
)
def moderation_audit(query: AuditQuery) -> Response:
    raw = query.after
    select = (
        sa.select(AuditEvent)
        .where(audit_visible(_moderator()))
        .order_by(AuditEvent.id)
        .limit(AUDIT_PAGE)
    )
    if raw:
        # No id is beyond the column's range, and the database refuses to compare with one.
        select = select.where(AuditEvent.id > min(int(raw), services.MAX_ID))
    events = list(db.session.scalars(select))
    return jsonify(
        {
            "items": [
                {
                    "at": isoformat(event.at),
                    "actor": event.actor,
                    "action": event.action,
                    "kind": event.kind,
                    "id": event.item_id,
                    "entry_id": event.id,
                    "seq": event.seq,
                    "prev_hash": event.prev_hash,
                    "hash": event.entry_hash,
                    "key_id": event.key_id,
                    "detail": event.detail or {},
                }
                for event in events
            ],
            "next": str(events[-1].id) if len(events) == AUDIT_PAGE else None,
        }
    )


def neutralise_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


EXPORT_COLUMNS = (
    "kind",
    "id",
    "created_at",
    "status",
    "verdict",
    "score",
    "author",
    "email",
    "thread_or_topic",
    "text",
    "reasons",
)


def _export_row(item: Comment | Inquiry, threads: dict[int, Thread]) -> list[Any]:
    reasons = "; ".join(f"{r.get('rule')} {r.get('points')}" for r in item.reasons or [])
    if isinstance(item, Comment):
        thread = threads.get(item.thread_id)
        person, email, where, text = (
            item.author,
            item.email or "",
            thread.key if thread else "",
            item.body,
        )
    else:
        # An inquiry's message is health information: it stays in the app, not in files.
        person, email, where, text = item.name, item.email, item.topic, ""
    row = [
        queue.kind_of(item),
        item.id,
        isoformat(item.created_at),
        item.status.value,
        item.verdict.value,
        item.score,
        person,
        email,
        where,
        text,
        reasons,
    ]
    return [neutralise_cell(cell) for cell in row]


@moderation.get(
    "/moderation/export.csv",
    operation_id="moderationExport",
    summary="The queue as CSV",
    query=QueueFilters,
    answers=(
        Answer(
            200,
            "Columns `kind, id, created_at, status, verdict, score, author, email, "
            "thread_or_topic, text, reasons`. Cells that begin with `=`, `+`, `-`, `@`, tab or "
            "CR get a leading `'`. An inquiry's message is left out. Sent as an attachment; "
            "the export is audited.",
            {"type": "string"},
            media_type="text/csv",
        ),
    ),
)
def moderation_export(query: QueueFilters) -> Response:
    filters = _filters(query)
    moderator = _moderator()
    with transaction():
        audit.record("queue.export", moderator, None, None, filters.as_query())

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_COLUMNS)
        for page in queue.iterate_queue(filters, moderator=moderator):
            for item in page.items:
                writer.writerow(_export_row(item, page.threads))
            # Each inquiry that leaves in the file is recorded for its access report.
            exported = [item.id for item in page.items if isinstance(item, Inquiry)]
            if exported:
                with transaction():
                    audit.record_each(
                        "inquiry.export", moderator, "inquiry", exported, {"via": "csv"}
                    )
            heartbeat.beat()  # a large queue takes longer than the server's silence timeout
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        if buffer.getvalue():
            yield buffer.getvalue()

    response = Response(stream_with_context(rows()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="moderation-queue.csv"'
    return response
