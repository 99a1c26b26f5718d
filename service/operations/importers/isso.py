"""Isso's SQLite database (its `dbpath`): `threads` (uri, title) and `comments` (markdown text,
`mode` 1 published, 2 waiting for moderation, 4 deleted but kept for its replies)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from service.data.models import CommentStatus
from service.operations.importers.core import (
    CommentRecord,
    ImportFailed,
    Record,
    ThreadRecord,
    Unmappable,
)

MODES = {1: CommentStatus.APPROVED, 2: CommentStatus.PENDING, 4: CommentStatus.DELETED}
COLUMNS = "id, tid, parent, created, modified, mode, remote_addr, text, author, email, website"


def _open(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    except sqlite3.DatabaseError as error:
        raise ImportFailed(
            f"This is not an Isso database ({error}). Give the file named by `dbpath` in "
            "isso.cfg. Nothing was imported."
        ) from None
    if not {"threads", "comments"} <= tables:
        connection.close()
        raise ImportFailed(
            "This SQLite file has no Isso `threads` and `comments` tables. Nothing was imported."
        )
    return connection


def count(path: Path) -> int:
    connection = _open(path)
    try:
        return connection.execute("SELECT count(*) FROM comments").fetchone()[0]
    finally:
        connection.close()


def read(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    connection = _open(path)
    try:
        for thread_id, uri, title in connection.execute("SELECT id, uri, title FROM threads"):
            yield ThreadRecord(str(thread_id), uri or "", title)
        rows = connection.execute(f"SELECT {COLUMNS} FROM comments ORDER BY id")
        for done, row in enumerate(rows, start=1):
            yield _comment(*row)
            if progress is not None:
                progress(done)
    except sqlite3.DatabaseError as error:
        raise ImportFailed(f"The Isso database cannot be read ({error}).") from None
    finally:
        connection.close()


def _time(value: float | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromtimestamp(float(value), dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _comment(
    comment_id, thread_id, parent, created, modified, mode, address, text, author, email, website
) -> Record:
    status = MODES.get(mode)
    created_at = _time(created)
    if status is None:
        return Unmappable(str(comment_id), f"an unknown Isso mode {mode!r}")
    if created_at is None:
        return Unmappable(str(comment_id), "no readable creation time")
    return CommentRecord(
        source_id=str(comment_id),
        thread=str(thread_id),
        parent=str(parent) if parent is not None else None,
        author=author,
        email=email,
        website=website,
        created_at=created_at,
        status=status,
        body=text or "",
        body_format="markdown",
        client_address=address or None,  # Isso stores it anonymised already
        edited_at=_time(modified),
    )
