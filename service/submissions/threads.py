"""Finding an article's thread by its key, and creating it on first use: posting a comment
and following a thread both need one before anything else is written."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from service.data.extensions import db
from service.data.models import Thread


def find_thread(key: str) -> Thread | None:
    """The thread under `key` (normalised already), or None."""
    return db.session.scalar(sa.select(Thread).where(Thread.key == key))


def thread_for_writing(key: str) -> Thread:
    """The thread under `key` (normalised already), created if there is none yet (in the
    caller's transaction)."""
    thread = find_thread(key)
    if thread is not None:
        return thread
    try:
        with db.session.begin_nested():
            thread = Thread(key=key)
            db.session.add(thread)
    except IntegrityError:  # another request created it a moment ago
        thread = find_thread(key)
        if thread is None:
            raise
    return thread
