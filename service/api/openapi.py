"""`GET /api/openapi.json`: an OpenAPI 3.1 description of the public and moderation JSON APIs.

The document is built once from the same constants the views validate with, so a changed limit
changes the document too. Only what depends on settings is filled in per request: `servers`
(from PUBLIC_URL, never the request's Host) and the configured inquiry topics.
`tests/functional/test_openapi.py` checks that every `/api/` route is described and runs
schemathesis against the app, so the document cannot quietly drift from the code.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from flask import current_app, jsonify

from service.api.blueprint import bp
from service.comments import services as comments
from service.comments.threadkeys import MAX_KEY_LENGTH as MAX_THREAD_KEY
from service.contact.validation import MAX_MESSAGE, MAX_NAME, MAX_PHONE
from service.moderation import queue
from service.moderation.services import COMMENT_ACTIONS, INQUIRY_ACTIONS, NOTE_MAX
from service.submissions.idempotency import MAX_KEY_LENGTH as MAX_IDEMPOTENCY_KEY
from service.submissions.textfields import MAX_EMAIL

JSON = "application/json"
MAX_WEBSITE = 500
SUBMISSION_LIMITS = (
    "Submissions are rate-limited per client address (`RATELIMIT_SUBMISSIONS`) and per network "
    "around it (IPv4 /24, IPv6 /56 and /48); past a limit the answer is `429` with `Retry-After` "
    "and a message naming the address or network. Past the site-wide ceiling "
    "(`RATELIMIT_SUBMISSIONS_GLOBAL`) nothing is refused: submissions are held for a moderator."
)


def ref(name: str, kind: str = "schemas") -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def json_body(schema: dict[str, Any], description: str, **extra: Any) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}, **extra}


def errors(*statuses: int) -> dict[str, Any]:
    return {str(status): ref(f"E{status}", "responses") for status in statuses}


TIMESTAMP = {"type": "string", "format": "date-time", "description": "ISO 8601, UTC, with `Z`."}
ID = {"type": "integer", "minimum": 1}
# The PostgreSQL id columns are 32-bit: larger ids are simply never found.
PATH_ID = {"type": "integer", "minimum": 0}
TEXT = {"type": "string"}

PUBLIC_WRITE_GUARDS = errors(403, 413, 415)
IDEMPOTENT_ERRORS = errors(409, 422)
RATE_LIMITED = errors(429)

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "description": "Every error of the JSON API. `fields` only for validation errors.",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string", "description": "A short machine-readable code."},
            "message": {"type": "string", "description": "A sentence for a person."},
            "fields": {
                "type": "object",
                "description": "Each field with a problem and what is wrong with it.",
                "additionalProperties": {"type": "array", "items": TEXT},
            },
        },
        "additionalProperties": False,
    },
    "Topic": {
        "type": "object",
        "required": ["key", "label"],
        "properties": {"key": TEXT, "label": TEXT},
        "additionalProperties": False,
    },
    "FormToken": {
        "type": "object",
        "required": ["form_token"],
        "properties": {
            "form_token": {
                "type": "string",
                "description": "Signed and single-use; records when the form was shown.",
            }
        },
        "additionalProperties": False,
    },
    "InquiryInput": {
        "type": "object",
        "description": "Other keys are ignored. Text is trimmed and kept as sent after NFC.",
        "required": ["name", "email", "topic", "message", "consent"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": MAX_NAME},
            "email": {"type": "string", "format": "email", "maxLength": MAX_EMAIL},
            "phone": {
                "type": "string",
                "maxLength": MAX_PHONE,
                "description": "Digits, spaces and `+ - ( ) . /`; at least 5 digits.",
            },
            "topic": {"type": "string", "description": "A `key` of `GET /api/topics`."},
            "message": {"type": "string", "minLength": 1, "maxLength": MAX_MESSAGE},
            "consent": {"const": True, "description": "Exactly `true`."},
            "form_token": {"type": "string", "description": "From `GET /api/form-token`."},
        },
    },
    "InquiryReceipt": {
        "type": "object",
        "description": "The same whatever the spam filter decided.",
        "required": ["id", "status"],
        "properties": {"id": ID, "status": {"const": "received"}},
        "additionalProperties": False,
    },
    "Thread": {
        "type": "object",
        "required": ["thread", "comments", "next"],
        "properties": {
            "thread": {
                "type": "object",
                "required": ["key", "title", "count", "locked"],
                "properties": {
                    "key": {"type": "string", "description": "The normalised key."},
                    "title": nullable(TEXT),
                    "count": {"type": "integer", "minimum": 0},
                    "locked": {"type": "boolean"},
                },
                "additionalProperties": False,
            },
            "comments": {"type": "array", "items": ref("ThreadComment")},
            "next": nullable(
                {"type": "integer", "description": "Pass as `after` for the next page."}
            ),
        },
        "additionalProperties": False,
    },
    "ThreadComment": {
        "type": "object",
        "description": (
            "A published comment, or a tombstone (`deleted: true`, empty `author` and `html`) "
            "kept because it has published replies."
        ),
        "required": [
            "id",
            "parent_id",
            "author",
            "is_staff",
            "website",
            "html",
            "created_at",
            "edited_at",
            "deleted",
            "pinned",
            "replies",
        ],
        "properties": {
            "id": ID,
            "parent_id": nullable(ID),
            "author": TEXT,
            "is_staff": {"type": "boolean"},
            "website": nullable(TEXT),
            "html": {"type": "string", "description": "Sanitised HTML rendered from Markdown."},
            "created_at": TIMESTAMP,
            "edited_at": nullable(TIMESTAMP),
            "deleted": {"type": "boolean"},
            "pinned": {
                "type": "boolean",
                "description": "Pinned by a moderator: its conversation comes first.",
            },
            "replies": {"type": "array", "items": ref("ThreadComment")},
        },
        "additionalProperties": False,
    },
    "CommentInput": {
        "type": "object",
        "description": "Other keys are ignored. Text is trimmed and kept as sent after NFC.",
        "required": ["author", "body"],
        "properties": {
            "author": {"type": "string", "minLength": 1, "maxLength": comments.MAX_AUTHOR},
            "email": {"type": "string", "format": "email", "maxLength": MAX_EMAIL},
            "website": {
                "type": "string",
                "format": "uri",
                "maxLength": MAX_WEBSITE,
                "description": "An `http` or `https` address.",
            },
            "title": {"type": "string", "maxLength": comments.MAX_TITLE},
            "body": {
                "type": "string",
                "minLength": 1,
                "maxLength": comments.MAX_BODY,
                "description": "Markdown.",
            },
            "parent_id": {
                "type": "integer",
                "minimum": 1,
                "maximum": comments.MAX_ID,
                "description": "A published comment of the same thread.",
            },
            "form_token": {"type": "string", "description": "From `GET /api/form-token`."},
        },
    },
    "OwnComment": {
        "type": "object",
        "description": (
            "The author's own comment, pending or not. A comment held as spam reads as "
            "`pending`. `edit_token` only in the first answer to a new comment."
        ),
        "required": [
            "id",
            "status",
            "thread_key",
            "parent_id",
            "author",
            "website",
            "title",
            "body",
            "html",
            "created_at",
            "edited_at",
            "edit_until",
        ],
        "properties": {
            "id": ID,
            "status": {"enum": ["pending", "approved", "rejected"]},
            "thread_key": TEXT,
            "parent_id": nullable(ID),
            "author": TEXT,
            "website": nullable(TEXT),
            "title": nullable(TEXT),
            "body": {"type": "string", "description": "The Markdown source."},
            "html": TEXT,
            "created_at": TIMESTAMP,
            "edited_at": nullable(TIMESTAMP),
            "edit_until": TIMESTAMP,
            "edit_token": {
                "type": "string",
                "description": "Keep it: send it as `X-Edit-Token` to read, edit or delete.",
            },
        },
        "additionalProperties": False,
    },
    "CommentEdit": {
        "type": "object",
        "required": ["body"],
        "properties": {"body": {"type": "string", "minLength": 1, "maxLength": comments.MAX_BODY}},
    },
    "ReportInput": {
        "type": "object",
        "required": ["reason"],
        "properties": {
            "reason": {"type": "string", "minLength": 1, "maxLength": comments.MAX_REASON}
        },
    },
    "ReportReceipt": {
        "type": "object",
        "required": ["id", "reported"],
        "properties": {"id": ID, "reported": {"const": True}},
        "additionalProperties": False,
    },
    "Counts": {
        "type": "object",
        "description": "Published comments per thread key, keyed as asked.",
        "additionalProperties": {"type": "integer", "minimum": 0},
    },
    "Reason": {
        "type": "object",
        "description": "One rule's contribution to the spam score.",
        "required": ["rule", "points", "detail"],
        "properties": {
            "rule": nullable(TEXT),
            "points": nullable({"type": "number"}),
            "detail": nullable(TEXT),
        },
        "additionalProperties": False,
    },
    "QueueComment": {
        "type": "object",
        "required": [
            "kind",
            "id",
            "status",
            "verdict",
            "score",
            "reasons",
            "created_at",
            "summary",
            "author",
            "thread_key",
            "flagged",
        ],
        "properties": {
            "kind": {"const": "comment"},
            "id": ID,
            "status": {"enum": ["pending", "approved", "rejected", "spam", "deleted"]},
            "verdict": ref("Verdict"),
            "score": {"type": "number"},
            "reasons": {"type": "array", "items": ref("Reason")},
            "created_at": TIMESTAMP,
            "summary": {"type": "string", "maxLength": queue.SUMMARY_LENGTH},
            "author": TEXT,
            "thread_key": nullable(TEXT),
            "flagged": {"type": "boolean"},
        },
        "additionalProperties": False,
    },
    "QueueInquiry": {
        "type": "object",
        "required": [
            "kind",
            "id",
            "status",
            "verdict",
            "score",
            "reasons",
            "created_at",
            "summary",
            "name",
            "topic",
        ],
        "properties": {
            "kind": {"const": "inquiry"},
            "id": ID,
            "status": ref("InquiryStatus"),
            "verdict": ref("Verdict"),
            "score": {"type": "number"},
            "reasons": {"type": "array", "items": ref("Reason")},
            "created_at": TIMESTAMP,
            "summary": {"type": "string", "maxLength": queue.SUMMARY_LENGTH},
            "name": TEXT,
            "topic": TEXT,
        },
        "additionalProperties": False,
    },
    "QueuePage": {
        "type": "object",
        "required": ["items", "next"],
        "properties": {
            "items": {
                "type": "array",
                "items": {"oneOf": [ref("QueueComment"), ref("QueueInquiry")]},
            },
            "next": nullable({"type": "string", "description": "Pass as `after`."}),
            "new_in_spam_folder": {
                "type": "integer",
                "minimum": 0,
                "description": "Items the filter put in the spam folder since the token's "
                "moderator last opened it on the queue page (all of them if never).",
            },
        },
        "additionalProperties": False,
    },
    "Verdict": {"enum": list(queue.VERDICTS)},
    "CommentStatus": {"enum": ["pending", "approved", "rejected", "spam", "deleted"]},
    "InquiryStatus": {"enum": ["received", "answered", "closed", "spam", "deleted"]},
    "HistoryEntry": {
        "type": "object",
        "required": ["at", "actor", "action", "detail"],
        "properties": {
            "at": TIMESTAMP,
            "actor": TEXT,
            "action": TEXT,
            "detail": {"type": "object"},
            "text": {"type": "string", "description": "A staff reply's text."},
        },
        "additionalProperties": False,
    },
    "ModerationComment": {
        "type": "object",
        "required": [
            "kind",
            "id",
            "status",
            "verdict",
            "score",
            "reasons",
            "created_at",
            "edited_at",
            "thread_key",
            "thread_locked",
            "parent_id",
            "author",
            "email",
            "website",
            "title",
            "body",
            "html",
            "is_staff",
            "flagged",
            "flag_reason",
            "reports",
            "history",
        ],
        "properties": {
            "kind": {"const": "comment"},
            "id": ID,
            "status": ref("CommentStatus"),
            "verdict": ref("Verdict"),
            "score": {"type": "number"},
            "reasons": {"type": "array", "items": ref("Reason")},
            "created_at": TIMESTAMP,
            "edited_at": nullable(TIMESTAMP),
            "thread_key": TEXT,
            "thread_locked": {"type": "boolean"},
            "parent_id": nullable(ID),
            "author": TEXT,
            "email": nullable(TEXT),
            "website": nullable(TEXT),
            "title": nullable(TEXT),
            "body": {"type": "string", "description": "The Markdown source."},
            "html": TEXT,
            "is_staff": {"type": "boolean"},
            "flagged": {"type": "boolean"},
            "pinned": {"type": "boolean"},
            "flag_reason": nullable(TEXT),
            "reports": {
                "type": "integer",
                "minimum": 0,
                "description": "Readers' reports, one per address range however often it sent "
                "one; `flagged` says whether one is still open.",
            },
            "history": {"type": "array", "items": ref("HistoryEntry")},
        },
        "additionalProperties": False,
    },
    "ModerationInquiry": {
        "type": "object",
        "required": [
            "kind",
            "id",
            "status",
            "verdict",
            "score",
            "reasons",
            "created_at",
            "answered_at",
            "closed_at",
            "name",
            "email",
            "phone",
            "topic",
            "message",
            "assigned_to",
            "history",
        ],
        "properties": {
            "kind": {"const": "inquiry"},
            "id": ID,
            "status": ref("InquiryStatus"),
            "verdict": ref("Verdict"),
            "score": {"type": "number"},
            "reasons": {"type": "array", "items": ref("Reason")},
            "created_at": TIMESTAMP,
            "answered_at": nullable(TIMESTAMP),
            "closed_at": nullable(TIMESTAMP),
            "name": TEXT,
            "email": TEXT,
            "phone": nullable(TEXT),
            "topic": TEXT,
            "message": TEXT,
            "assigned_to": nullable({"type": "string", "description": "A moderator's email."}),
            "history": {"type": "array", "items": ref("HistoryEntry")},
        },
        "additionalProperties": False,
    },
    "ModerationItem": {"oneOf": [ref("ModerationComment"), ref("ModerationInquiry")]},
    "ActionInput": {
        "type": "object",
        "description": (
            "`note` (the answer's text) for `answer`; `to` (a moderator's email, empty to "
            "unassign) for `assign`; nothing for the other actions."
        ),
        "properties": {
            "note": {"type": "string", "maxLength": NOTE_MAX},
            "to": {"type": "string", "description": "An active moderator's email."},
        },
        "additionalProperties": False,
    },
    "AuditPage": {
        "type": "object",
        "required": ["items", "next"],
        "properties": {
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["at", "actor", "action", "kind", "id"],
                    "properties": {
                        "at": TIMESTAMP,
                        "actor": TEXT,
                        "action": TEXT,
                        "kind": nullable(TEXT),
                        "id": nullable({"type": "integer"}),
                    },
                    "additionalProperties": False,
                },
            },
            "next": nullable({"type": "string", "description": "Pass as `after`."}),
        },
        "additionalProperties": False,
    },
}

HEADERS: dict[str, Any] = {
    "RetryAfter": {
        "description": "Seconds to wait before trying again.",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "ETag": {
        "description": "The version of this page of the thread.",
        "required": True,
        "schema": TEXT,
    },
    "IdempotentReplayed": {
        "description": "`true` when this is the stored answer to an earlier request.",
        "schema": {"const": "true"},
    },
    "WWWAuthenticate": {"required": True, "schema": TEXT},
}


def _error(description: str, **extra: Any) -> dict[str, Any]:
    return json_body(ref("Error"), description, **extra)


RESPONSES: dict[str, Any] = {
    "E400": _error(
        "The request is invalid: a field (named in `fields`), a query parameter, a thread key, "
        "malformed JSON or an `Idempotency-Key` that is not 1 to 100 visible ASCII characters."
    ),
    "E401": _error(
        "No bearer token, or one that is unknown, expired or revoked, or whose moderator is "
        "deactivated. A session cookie is never accepted here.",
        headers={"WWW-Authenticate": ref("WWWAuthenticate", "headers")},
    ),
    "E403": _error(
        "Refused: the `Origin` is neither `PUBLIC_URL`'s nor in `ALLOWED_ORIGINS`, or (for a "
        "comment) the edit token is missing or wrong, the edit window has passed, or the "
        "thread is locked."
    ),
    "E404": _error("There is no such item."),
    "E409": _error(
        "A request with this `Idempotency-Key` is still being processed; retry in a moment."
    ),
    "E413": _error("The request body is over 1 MB."),
    "E415": _error("The body was not sent as `Content-Type: application/json`."),
    "E422": _error("This `Idempotency-Key` was already used with a different body."),
    "E429": _error("A rate limit was hit.", headers={"Retry-After": ref("RetryAfter", "headers")}),
    "E503": _error(
        "The database cannot be reached; nothing was saved.",
        headers={"Retry-After": ref("RetryAfter", "headers")},
    ),
}

PARAMETERS: dict[str, Any] = {
    "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "description": (
            "Makes a retry safe: scoped to the endpoint and the client address and kept 24 "
            "hours. A repeat with the same body gets the first answer (with "
            "`Idempotent-Replayed: true`) and stores nothing; with a different body it is "
            "`422`; while the first is still in flight, `409`."
        ),
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_IDEMPOTENCY_KEY,
            "pattern": "^[\\x21-\\x7e]+$",
        },
    },
    "EditToken": {
        "name": "X-Edit-Token",
        "in": "header",
        "description": "The `edit_token` of the answer that created the comment.",
        "schema": TEXT,
    },
    "CommentId": {"name": "comment_id", "in": "path", "required": True, "schema": PATH_ID},
    "Kind": {
        "name": "kind",
        "in": "path",
        "required": True,
        "description": "Any other kind is `404`.",
        "schema": {"enum": list(queue.KINDS)},
    },
    "ItemId": {"name": "item_id", "in": "path", "required": True, "schema": PATH_ID},
    "QueueKind": {"name": "kind", "in": "query", "schema": {"enum": list(queue.KINDS)}},
    "QueueStatus": {
        "name": "status",
        "in": "query",
        "description": "`open` means pending comments and received inquiries.",
        "schema": {"enum": list(queue.STATUSES)},
    },
    "QueueVerdict": {"name": "verdict", "in": "query", "schema": {"enum": list(queue.VERDICTS)}},
}


def _operation(
    summary: str,
    responses: dict[str, Any],
    *,
    tag: str,
    operation_id: str,
    description: str | None = None,
    parameters: list[dict[str, Any]] | None = None,
    body: dict[str, Any] | None = None,
    moderation: bool = False,
    database: bool = True,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "tags": [tag],
        "summary": summary,
        "responses": dict(responses),
    }
    if not moderation:
        # Every public request with a foreign `Origin` is refused, reads included.
        operation["responses"].update(errors(403))
    if database:
        operation["responses"].update(errors(503))
    if description:
        operation["description"] = description
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        operation["requestBody"] = body
    if moderation:
        operation["security"] = [{"bearerAuth": []}]
        operation["responses"].update(errors(401))
    return operation


def _json_request(schema_name: str, required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {JSON: {"schema": ref(schema_name)}}}


PATHS: dict[str, Any] = {
    "/api/openapi.json": {
        "get": _operation(
            "This document",
            {"200": json_body({"type": "object"}, "The OpenAPI 3.1 document.")},
            tag="meta",
            operation_id="getOpenApi",
            database=False,
        )
    },
    "/api/topics": {
        "get": _operation(
            "The configured inquiry topics",
            {"200": json_body({"type": "array", "items": ref("Topic")}, "The topics.")},
            tag="contact",
            operation_id="listTopics",
            database=False,
            description="Configured with `INQUIRY_TOPICS`; the database is not read.",
        )
    },
    "/api/form-token": {
        "get": _operation(
            "A form token for a form you build yourself",
            {"200": json_body(ref("FormToken"), "A new token (`Cache-Control: no-store`).")},
            tag="contact",
            operation_id="getFormToken",
            database=False,
            description=(
                "A missing token adds a little to the spam score; a too-fast, expired or "
                "replayed one holds the submission for moderation."
            ),
        )
    },
    "/api/inquiries": {
        "post": _operation(
            "Send an inquiry",
            {
                "202": json_body(
                    ref("InquiryReceipt"),
                    "Received (also when held as spam: spam gets no signal).",
                    headers={"Idempotent-Replayed": ref("IdempotentReplayed", "headers")},
                ),
                **errors(400),
                **PUBLIC_WRITE_GUARDS,
                **IDEMPOTENT_ERRORS,
                **RATE_LIMITED,
            },
            tag="contact",
            operation_id="createInquiry",
            description=SUBMISSION_LIMITS,
            parameters=[ref("IdempotencyKey", "parameters")],
            body=_json_request("InquiryInput"),
        )
    },
    "/api/threads/{key}/comments": {
        "parameters": [
            {
                "name": "key",
                "in": "path",
                "required": True,
                "description": (
                    "The article's path or slug, URL-encoded as one segment (`/` allowed). "
                    "Leading and trailing `/` are stripped and repeated `/` collapsed; the "
                    "result must be 1 to 200 printable characters (`400` otherwise)."
                ),
                "schema": {"type": "string", "minLength": 1, "maxLength": MAX_THREAD_KEY},
            }
        ],
        "get": _operation(
            "A thread's published comments",
            {
                "200": json_body(
                    ref("Thread"),
                    "Published comments, nested, oldest first (`Cache-Control: no-cache`). An "
                    "unknown key is an empty thread; nothing is created.",
                    headers={"ETag": ref("ETag", "headers")},
                ),
                "304": {
                    "description": "The page matches `If-None-Match`.",
                    "headers": {"ETag": ref("ETag", "headers")},
                },
                **errors(400, 403),
            },
            tag="comments",
            operation_id="listThreadComments",
            parameters=[
                {
                    "name": "after",
                    "in": "query",
                    "description": "The `next` of the previous page.",
                    "schema": {"type": "integer", "minimum": 0, "maximum": comments.MAX_ID},
                },
                {
                    "name": "limit",
                    "in": "query",
                    "description": f"Top-level comments per page; {comments.DEFAULT_PAGE} "
                    "when absent.",
                    "schema": {"type": "integer", "minimum": 1, "maximum": comments.MAX_PAGE},
                },
                {
                    "name": "sort",
                    "in": "query",
                    "description": (
                        "`oldest` (when absent), `newest`, or `staff` (conversations with a "
                        "clinic answer first). The pinned comment's conversation comes first "
                        "in every order; replies stay oldest first."
                    ),
                    "schema": {"enum": list(comments.SORTS)},
                },
                {
                    "name": "If-None-Match",
                    "in": "header",
                    "description": "An `ETag` from an earlier answer.",
                    "schema": TEXT,
                },
            ],
        ),
        "post": _operation(
            "Post a comment",
            {
                "202": json_body(
                    ref("OwnComment"),
                    "Stored, `pending` or (in `auto` mode, judged ham) `approved`; with its "
                    "`edit_token`. A replayed answer has no `edit_token`.",
                    headers={"Idempotent-Replayed": ref("IdempotentReplayed", "headers")},
                ),
                **errors(400),
                **PUBLIC_WRITE_GUARDS,
                **IDEMPOTENT_ERRORS,
                **RATE_LIMITED,
            },
            tag="comments",
            operation_id="createComment",
            description="The first comment creates the thread. A locked thread is `403`. "
            + SUBMISSION_LIMITS,
            parameters=[ref("IdempotencyKey", "parameters")],
            body=_json_request("CommentInput"),
        ),
    },
    "/api/comments/{comment_id}": {
        "parameters": [ref("CommentId", "parameters")],
        "get": _operation(
            "The author's own comment",
            {
                "200": json_body(ref("OwnComment"), "The comment, pending or not."),
                **errors(403, 404),
            },
            tag="comments",
            operation_id="getOwnComment",
            parameters=[ref("EditToken", "parameters")],
        ),
        "patch": _operation(
            "Edit one's own comment",
            {
                "200": json_body(
                    ref("OwnComment"),
                    "Edited. The text is judged again: in `pre` mode, or when not ham, the "
                    "comment goes back to `pending`.",
                ),
                **errors(400, 404),
                **PUBLIC_WRITE_GUARDS,
                **RATE_LIMITED,
            },
            tag="comments",
            operation_id="editOwnComment",
            description="Within `EDIT_WINDOW_MINUTES` of posting. " + SUBMISSION_LIMITS,
            parameters=[ref("EditToken", "parameters")],
            body=_json_request("CommentEdit"),
        ),
        "delete": _operation(
            "Delete one's own comment",
            {
                "204": {"description": "Deleted."},
                **errors(403, 404, 413),
                **RATE_LIMITED,
            },
            tag="comments",
            operation_id="deleteOwnComment",
            description="Within `EDIT_WINDOW_MINUTES` of posting. " + SUBMISSION_LIMITS,
            parameters=[ref("EditToken", "parameters")],
        ),
    },
    "/api/comments/{comment_id}/report": {
        "parameters": [ref("CommentId", "parameters")],
        "post": _operation(
            "Report a published comment",
            {
                "202": json_body(
                    ref("ReportReceipt"),
                    "The comment is back in the moderation queue, flagged with the reason.",
                    headers={"Idempotent-Replayed": ref("IdempotentReplayed", "headers")},
                ),
                **errors(400, 404),
                **PUBLIC_WRITE_GUARDS,
                **IDEMPOTENT_ERRORS,
                **RATE_LIMITED,
            },
            tag="comments",
            operation_id="reportComment",
            description="`404` unless the comment is published (or already reported). "
            + SUBMISSION_LIMITS,
            parameters=[ref("IdempotencyKey", "parameters")],
            body=_json_request("ReportInput"),
        ),
    },
    "/api/counts": {
        "get": _operation(
            "Published comments per thread",
            {"200": json_body(ref("Counts"), "A count for every key asked."), **errors(400, 403)},
            tag="comments",
            operation_id="countComments",
            parameters=[
                {
                    "name": "keys",
                    "in": "query",
                    "required": True,
                    "description": (
                        "Repeated (`keys=a&keys=b`); a single value is also split at its "
                        f"commas. 1 to {comments.MAX_COUNT_KEYS} keys."
                    ),
                    "style": "form",
                    "explode": True,
                    "schema": {
                        "type": "array",
                        "items": {"type": "string", "minLength": 1, "maxLength": MAX_THREAD_KEY},
                        "minItems": 1,
                        "maxItems": comments.MAX_COUNT_KEYS,
                    },
                }
            ],
        )
    },
    "/api/moderation/queue": {
        "get": _operation(
            "The moderation queue, newest first",
            {"200": json_body(ref("QueuePage"), "One page of the queue."), **errors(400)},
            tag="moderation",
            operation_id="moderationQueue",
            moderation=True,
            parameters=[
                ref("QueueKind", "parameters"),
                ref("QueueStatus", "parameters"),
                ref("QueueVerdict", "parameters"),
                {
                    "name": "after",
                    "in": "query",
                    "description": "The `next` of the previous page.",
                    "schema": {"type": "string", "pattern": "^[0-9]{1,20}\\.[ci]\\.[0-9]{1,20}$"},
                },
                {
                    "name": "limit",
                    "in": "query",
                    "description": f"{queue.DEFAULT_LIMIT} when absent.",
                    "schema": {"type": "integer", "minimum": 1, "maximum": queue.MAX_LIMIT},
                },
            ],
        )
    },
    "/api/preview": {
        "post": _operation(
            "Preview a comment's Markdown",
            {
                "200": json_body(
                    {
                        "type": "object",
                        "required": ["html"],
                        "properties": {"html": TEXT},
                        "additionalProperties": False,
                    },
                    "The HTML the comment would show, through the same renderer and sanitiser. "
                    "Nothing is stored.",
                ),
                **errors(400),
                **PUBLIC_WRITE_GUARDS,
            },
            tag="comments",
            operation_id="previewComment",
            database=False,
            body={
                "required": True,
                "content": {
                    JSON: {
                        "schema": {
                            "type": "object",
                            "required": ["body"],
                            "properties": {
                                "body": {
                                    "type": "string",
                                    "minLength": 1,
                                    "maxLength": comments.MAX_BODY,
                                }
                            },
                        }
                    }
                },
            },
        )
    },
    "/api/moderation/{kind}/{item_id}": {
        "parameters": [ref("Kind", "parameters"), ref("ItemId", "parameters")],
        "get": _operation(
            "One item with all its fields and its history",
            {"200": json_body(ref("ModerationItem"), "The item."), **errors(404)},
            tag="moderation",
            operation_id="moderationItem",
            description="Reading an inquiry is recorded in the audit log.",
            moderation=True,
        ),
    },
    "/api/moderation/{kind}/{item_id}/{action}": {
        "parameters": [
            ref("Kind", "parameters"),
            ref("ItemId", "parameters"),
            {
                "name": "action",
                "in": "path",
                "required": True,
                "description": (
                    f"Comments: {', '.join(COMMENT_ACTIONS)}. "
                    f"Inquiries: {', '.join(INQUIRY_ACTIONS)}. Another is `400`."
                ),
                "schema": {"enum": list(dict.fromkeys(COMMENT_ACTIONS + INQUIRY_ACTIONS))},
            },
        ],
        "post": _operation(
            "Act on an item",
            {
                "200": json_body(ref("ModerationItem"), "The item after the action."),
                **errors(400, 404),
                "409": _error("The item's status does not allow this action now."),
            },
            tag="moderation",
            operation_id="moderationAction",
            description=(
                "Every action is recorded in the audit log. `spam` and `ham` teach the "
                "learned filter. The body may be empty."
            ),
            moderation=True,
            body=_json_request("ActionInput", required=False),
        ),
    },
    "/api/moderation/audit": {
        "get": _operation(
            "The audit log, oldest first",
            {"200": json_body(ref("AuditPage"), "Up to 100 entries."), **errors(400)},
            tag="moderation",
            operation_id="moderationAudit",
            moderation=True,
            parameters=[
                {
                    "name": "after",
                    "in": "query",
                    "description": "The `next` of the previous page.",
                    "schema": {"type": "string", "pattern": "^[0-9]*$"},
                }
            ],
        )
    },
    "/api/moderation/export.csv": {
        "get": _operation(
            "The queue as CSV",
            {
                "200": {
                    "description": (
                        "Columns `kind, id, created_at, status, verdict, score, author, email, "
                        "thread_or_topic, text, reasons`. Cells that begin with `=`, `+`, `-`, "
                        "`@`, tab or CR get a leading `'`. An inquiry's message is left out. "
                        "Sent as an attachment; the export is audited."
                    ),
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                },
                **errors(400),
            },
            tag="moderation",
            operation_id="moderationExport",
            moderation=True,
            parameters=[
                ref("QueueKind", "parameters"),
                ref("QueueStatus", "parameters"),
                ref("QueueVerdict", "parameters"),
            ],
        )
    },
}

# Reply notifications (double opt-in): one answer whatever the address.
SCHEMAS["SubscriptionInput"] = {
    "type": "object",
    "description": "Other keys are ignored.",
    "required": ["email"],
    "properties": {
        "email": {"type": "string", "format": "email", "maxLength": MAX_EMAIL},
        "comment_id": {
            "type": "integer",
            "minimum": 1,
            "maximum": comments.MAX_ID,
            "description": "Replies to this comment of the thread; without it, new staff "
            "answers in the thread.",
        },
        "lang": {
            "type": "string",
            "maxLength": 100,
            "description": "The reader's language for the mails (`es`, `en`); else the request's.",
        },
    },
}
SCHEMAS["SubscriptionReceipt"] = {
    "type": "object",
    "required": ["status"],
    "properties": {"status": {"const": "confirmation_sent"}},
    "additionalProperties": False,
}
PATHS["/api/threads/{key}/subscriptions"] = {
    "parameters": PATHS["/api/threads/{key}/comments"]["parameters"],
    "post": _operation(
        "Ask for reply notifications by mail",
        {
            "202": json_body(
                ref("SubscriptionReceipt"),
                "The same answer whether the address is confirmed, unknown, or was sent a "
                "confirmation in the last hour.",
                headers={"Idempotent-Replayed": ref("IdempotentReplayed", "headers")},
            ),
            **errors(400),
            **PUBLIC_WRITE_GUARDS,
            **IDEMPOTENT_ERRORS,
            **RATE_LIMITED,
        },
        tag="comments",
        operation_id="createSubscription",
        description="An address not yet confirmed gets one mail with a confirmation link (at "
        "most one an hour) and nothing else until it is confirmed. " + SUBMISSION_LIMITS,
        parameters=[ref("IdempotencyKey", "parameters")],
        body=_json_request("SubscriptionInput"),
    ),
}


DESCRIPTION = """\
The public JSON API (inquiries and comments, no login) and the moderation JSON API
(bearer tokens from `flask --app wsgi moderators token EMAIL`).

Every error is JSON: `{"error": "<code>", "message": "<sentence>", "fields": {...}}`, with
`fields` only for validation errors. Timestamps are ISO 8601 in UTC.

Public writes must be sent as `Content-Type: application/json` (`415` otherwise) and are refused
with `403` when their `Origin` is neither `PUBLIC_URL`'s nor in `ALLOWED_ORIGINS`; CORS answers
(and `OPTIONS` preflights) name the allowed origin, never `*`. A body over 1 MB is `413`.
The moderation API accepts `Authorization: Bearer <token>` only, never a cookie.
"""


@functools.cache
def _document() -> dict[str, Any]:
    from importlib.metadata import version

    __version__ = version("clinic-desk")

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Clinic Desk JSON API",
            "version": __version__,
            "description": DESCRIPTION,
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        "tags": [
            {"name": "contact", "description": "Contact inquiries."},
            {"name": "comments", "description": "Readers' comments on articles."},
            {"name": "moderation", "description": "The moderation queue, for staff."},
            {"name": "meta", "description": "About the API itself."},
        ],
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "responses": RESPONSES,
            "parameters": PARAMETERS,
            "headers": HEADERS,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `flask --app wsgi moderators token EMAIL`.",
                }
            },
        },
    }


def openapi_document() -> dict[str, Any]:
    """The document for this app's settings: its own origin and its inquiry topics."""
    document = copy.deepcopy(_document())
    document["servers"] = [{"url": current_app.config["PUBLIC_URL"].rstrip("/")}]
    topic = document["components"]["schemas"]["InquiryInput"]["properties"]["topic"]
    topic["enum"] = [key for key, _label in current_app.config["INQUIRY_TOPICS"]]
    return document


@bp.get("/openapi.json")
def openapi_json():
    response = jsonify(openapi_document())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
