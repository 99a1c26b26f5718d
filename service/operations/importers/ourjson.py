"""Our own export (`flask --app wsgi export PATH`), read back: threads, comments with what the
filter and the moderators decided, inquiries with their answers if the file holds them, and the
moderators (without secrets), blocklist and audit log. Settings are environment variables: the
file records them, the import leaves them to the operator.

The document is read whole (json.load): it is our own file, of a size its site produced."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from service.data.models import CommentStatus, InquiryStatus, Verdict
from service.operations.export import FORMAT, VERSION
from service.operations.importers.core import (
    CommentRecord,
    ImportFailed,
    InquiryRecord,
    Record,
    SiteRecord,
    ThreadRecord,
    Unmappable,
    parse_iso_time,
)


def _load(path: Path) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportFailed(
            f"The file is not JSON ({type(error).__name__}); it may be truncated. "
            "Nothing was imported."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFailed(
            f'This is not a Clinic Desk export (no "format": "{FORMAT}"). Nothing was imported.'
        )
    if document.get("version") != VERSION:
        raise ImportFailed(
            f"This export is format version {document.get('version')!r}; this release reads "
            f"version {VERSION}. Nothing was imported."
        )
    return document


def read(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    document = _load(path)
    total = path.stat().st_size
    items = document.get("comments") or []
    yield SiteRecord(
        moderators=_objects(document.get("moderators")),
        blocklist=_objects(document.get("blocklist")),
        audit_log=_objects(document.get("audit_log")),
    )
    for thread in document.get("threads") or []:
        yield ThreadRecord(
            str(thread["id"]),
            thread["key"],
            thread.get("title"),
            bool(thread.get("locked")),
            key=thread["key"],
            created_at=parse_iso_time(thread.get("created_at")),
        )
    # Replies name their parent by our id in the exporting site; the new site knows it by the
    # parent's source id.
    source_ids = {str(c.get("id")): _source_id(c) for c in items if isinstance(c, dict)}
    for number, comment in enumerate(items, start=1):
        yield _comment(comment, source_ids)
        if progress is not None:
            progress(total * number // max(len(items), 1))
    for inquiry in document.get("inquiries") or []:
        yield _inquiry(inquiry)


def _objects(value: Any) -> list[dict[str, Any]]:
    return [row for row in value or [] if isinstance(row, dict)]


def _source_id(comment: dict[str, Any]) -> str:
    """The comment's id in the exporting site, or where that site had imported it from."""
    origin = comment.get("import_source")
    if origin == "json" and comment.get("import_id"):
        return str(comment["import_id"])
    if origin and comment.get("import_id"):
        return f"{origin}:{comment['import_id']}"
    return str(comment.get("id"))


def _comment(comment: Any, source_ids: dict[str, str]) -> Record:
    if not isinstance(comment, dict):
        return Unmappable("?", "not a comment object")
    try:
        parent = str(comment["parent_id"]) if comment.get("parent_id") else None
        return CommentRecord(
            source_id=source_ids.get(str(comment.get("id")), str(comment.get("id"))),
            thread=str(comment["thread_id"]),
            parent=source_ids.get(parent, parent) if parent else None,
            author=comment["author"],
            email=comment.get("email"),
            website=comment.get("website"),
            title=comment.get("title"),
            created_at=_time(comment["created_at"]),
            edited_at=parse_iso_time(comment.get("edited_at")),
            status=CommentStatus(comment["status"]),
            body=comment["body"],
            body_format="rendered",
            html=comment.get("body_html") or "",
            client_address=comment.get("client_address"),
            is_staff=bool(comment.get("is_staff")),
            kept={
                "verdict": Verdict(comment.get("verdict") or "unsure"),
                "score": float(comment.get("score") or 0.0),
                "staff_label": comment.get("staff_label"),
                "flagged": bool(comment.get("flagged")),
                "flag_reason": comment.get("flag_reason"),
            },
        )
    except (KeyError, ValueError, TypeError) as error:
        return Unmappable(str(comment.get("id", "?")), f"a comment missing or bad field {error}")


def _time(value: Any):
    parsed = parse_iso_time(value)
    if parsed is None:
        raise ValueError("created_at")
    return parsed


def _inquiry(inquiry: dict[str, Any]) -> Record:
    try:
        fields = {
            "name": inquiry["name"],
            "email": inquiry["email"],
            "phone": inquiry.get("phone"),
            "topic": inquiry["topic"],
            "message": inquiry["message"],
            "consent_at": _time(inquiry["consent_at"]),
            "consent_version": inquiry["consent_version"],
            "status": InquiryStatus(inquiry["status"]),
            "verdict": Verdict(inquiry.get("verdict") or "unsure"),
            "score": float(inquiry.get("score") or 0.0),
            "staff_label": inquiry.get("staff_label"),
            "client_address": inquiry.get("client_address"),
            "created_at": _time(inquiry["created_at"]),
            "answered_at": parse_iso_time(inquiry.get("answered_at")),
            "closed_at": parse_iso_time(inquiry.get("closed_at")),
        }
        replies = [
            {
                "body": reply["body"],
                "created_at": _time(reply["created_at"]),
                # Exports before the answer channel held staff answers only.
                "author": _reply_author(reply.get("author")),
                "verdict": (
                    Verdict(reply["verdict"]).value
                    if reply.get("author") == "patient" and reply.get("verdict")
                    else None
                ),
            }
            for reply in inquiry.get("replies") or []
        ]
    except (KeyError, ValueError, TypeError) as error:
        return Unmappable(f"inquiry {inquiry.get('id', '?')}", f"missing or bad field {error}")
    return InquiryRecord(str(inquiry.get("id")), fields, replies)


def _reply_author(value: object) -> str:
    if value in (None, "answer", "patient", "note"):
        return str(value or "answer")
    raise ValueError("replies.author")
