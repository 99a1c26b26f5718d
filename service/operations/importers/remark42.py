"""Remark42's backup (`backup` in its admin API, or the daily files, gunzipped): one JSON object
per line; the first is a header (`version`, `users`, `posts`), each further line one comment."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from service.data.models import CommentStatus
from service.operations.importers.core import (
    CommentRecord,
    ImportFailed,
    Record,
    Unmappable,
    parse_iso_time,
)


def read(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    with open(path, "rb") as handle:
        header = _line(handle.readline(), 1)
        if not isinstance(header, dict) or "version" not in header:
            raise ImportFailed(
                "This is not a Remark42 backup: its first line is not the backup header "
                '({"version": ..., "users": ..., "posts": ...}). Nothing was imported.'
            )
        for number, raw in enumerate(handle, start=2):
            if not raw.strip():
                continue
            comment = _line(raw, number)
            yield _comment(comment, number)
            if progress is not None:
                progress(handle.tell())


def _line(raw: bytes, number: int) -> Any:
    if raw and not raw.endswith(b"\n") and not raw.rstrip().endswith(b"}"):
        raise ImportFailed(f"Line {number} of the backup is cut short; nothing was imported.")
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportFailed(
            f"Line {number} of the backup is not JSON ({error.__class__.__name__}); the file may "
            "be truncated or not a Remark42 backup. Nothing was imported."
        ) from None


def _comment(comment: Any, number: int) -> Record:
    if not isinstance(comment, dict):
        return Unmappable(f"line {number}", "not a comment object")
    comment_id = str(comment.get("id") or "")
    locator = comment.get("locator") or {}
    user = comment.get("user") or {}
    created = parse_iso_time(comment.get("time"))
    url = locator.get("url") if isinstance(locator, dict) else None
    if not comment_id or not url or created is None:
        return Unmappable(comment_id or f"line {number}", "a comment without id, url or time")
    markdown = comment.get("orig")
    return CommentRecord(
        source_id=comment_id,
        thread=url,
        thread_title=comment.get("title") or None,
        parent=str(comment["pid"]) if comment.get("pid") else None,
        author=user.get("name") if isinstance(user, dict) else None,
        email=None,  # Remark42 keeps no commenter email in its backup
        website=None,
        created_at=created,
        status=CommentStatus.DELETED if comment.get("delete") else CommentStatus.APPROVED,
        body=markdown if markdown else (comment.get("text") or ""),
        body_format="markdown" if markdown else "html",
        edited_at=parse_iso_time((comment.get("edit") or {}).get("time"))
        if isinstance(comment.get("edit"), dict)
        else None,
        is_staff=bool(user.get("admin")) if isinstance(user, dict) else False,
    )
