"""A thread's public JSON, serialised once and served from memory until the thread changes.

Every change to a thread's visible comments bumps `threads.version` in the same transaction
(see `install`: any flushed Comment or Thread change does it, bulk statements call `bump`).
A read asks the database for the thread's id and version (one indexed lookup) and answers the
cached bytes and ETag if they were made at that version, so every worker process and every
host sharing the database sees an invalidation as soon as the change commits.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from service.data.models import Comment, CommentStatus, Thread

MAX_ENTRIES = 2048


@dataclass(frozen=True)
class CachedThread:
    version: tuple[int, int]  # the thread's (id, version): a re-created key starts anew
    body: bytes
    etag: str


class ThreadCache:
    """Serialised thread pages by (thread key, after, limit), each tagged with its version."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: OrderedDict[tuple, CachedThread] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_entries

    def get(self, key: tuple, version: tuple[int, int]) -> CachedThread | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.version != version:
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, version: tuple[int, int], body: bytes) -> CachedThread:
        entry = CachedThread(version, body, hashlib.sha1(body, usedforsecurity=False).hexdigest())
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)
        return entry

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_THREADS = Thread.__table__
# Built once and run on the session's connection (Core, not the ORM): compiled once per
# process, and the read is one lookup on the unique index of `threads.key`.
VERSION_QUERY = sa.select(_THREADS.c.id, _THREADS.c.version).where(
    _THREADS.c.key == sa.bindparam("key")
)


def thread_version(session: Session, key: str) -> tuple[int, int] | None:
    """The id and version of the thread under a normalised key, or None if there is none."""
    row = session.connection().execute(VERSION_QUERY, {"key": key}).first()
    return (row[0], row[1]) if row is not None else None


def cached_thread(
    cache: ThreadCache, session: Session, key: str, page: tuple, render: Callable[[], bytes]
) -> CachedThread:
    """The cached bytes of a thread page, rendered (and remembered) if the thread changed."""
    version = thread_version(session, key)
    if version is None:
        # No thread yet: nothing to remember (an unknown key must not fill the cache).
        body = render()
        return CachedThread((0, 0), body, hashlib.sha1(body, usedforsecurity=False).hexdigest())
    entry = cache.get((key, *page), version)
    if entry is not None:
        return entry
    body = render()
    # The page is cached under the version read before rendering: if a change committed in
    # between, the next read sees a newer version and renders again.
    return cache.put((key, *page), version, body)


def bump(session: Session, thread_ids: Iterable[int]) -> None:
    """Mark threads changed, in the caller's transaction."""
    ids = sorted({thread_id for thread_id in thread_ids if thread_id is not None})
    if not ids:
        return
    table = Thread.__table__
    session.connection().execute(
        sa.update(table).where(table.c.id.in_(ids)).values(version=table.c.version + 1)
    )


def bump_where(session: Session, comments: sa.ColumnElement[bool]) -> None:
    """Mark changed every thread holding a comment that matches (before a bulk change)."""
    table = Thread.__table__
    holding = sa.select(Comment.thread_id).where(comments).distinct().scalar_subquery()
    session.connection().execute(
        sa.update(table).where(table.c.id.in_(holding)).values(version=table.c.version + 1)
    )


def _changed_threads(session: Session) -> set[int]:
    ids: set[int] = set()
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Comment):
            if instance in session.new and instance.status is not CommentStatus.APPROVED:
                continue  # a new comment that waits (or is spam) is not in any public thread
            if instance.thread_id is not None:
                ids.add(instance.thread_id)
            # A comment moved between threads (not done today) changes both.
            history = sa.inspect(instance).attrs.thread_id.history
            ids.update(value for value in history.deleted if value is not None)
        elif (
            isinstance(instance, Thread)
            and instance.id is not None
            and (instance in session.deleted or session.is_modified(instance))
        ):
            ids.add(instance.id)
    return ids


_installed = False


def install() -> None:
    """Bump the version of every thread whose comments or settings a flush changes."""
    global _installed
    if _installed:
        return
    _installed = True

    @event.listens_for(Session, "after_flush")
    def _bump(session: Session, _context) -> None:
        # After the flush, before it is reset: new rows have their ids, history is intact.
        changed = _changed_threads(session)
        if changed:
            bump(session, changed)
