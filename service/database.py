"""Transactions, time and the column types every model shares."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

try:
    import fcntl
except ImportError:  # not on POSIX: SQLite's own locking alone
    fcntl = None  # type: ignore[assignment]


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


def isoformat(value: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with a `Z`, as the JSON API promises."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC that always comes back timezone-aware.

    SQLite hands back naive values; this restores UTC so comparisons never mix the two.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


@contextmanager
def transaction() -> Iterator[sa.orm.Session]:
    """Commit what the block did, or roll all of it back if it raised."""
    from service.extensions import db

    session = db.session
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout, full sync and enforced foreign keys on every SQLite connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


class _WriteGate:
    """One writer at a time per SQLite file, across threads and worker processes.

    SQLite allows one writer; others wait in its busy handler, which sleeps 1, 2, 5, 10 … ms
    between tries. Under concurrent submissions those sleeps, not the work, set the pace. The
    gate queues writers on a thread lock and an `flock` on a file beside the database instead:
    the next writer starts the moment the previous one commits.
    """

    def __init__(self, path: str) -> None:
        self._thread_lock = threading.Lock()
        self._fd = os.open(f"{path}-writelock", os.O_RDWR | os.O_CREAT, 0o600)

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._thread_lock:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)


_gates: dict[tuple[int, str], _WriteGate] = {}
_gates_lock = threading.Lock()


def _gate_for(engine: Engine) -> _WriteGate | None:
    if engine.dialect.name != "sqlite" or fcntl is None:
        return None
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    key = (os.getpid(), os.path.abspath(path))  # a forked worker opens its own lock file
    gate = _gates.get(key)
    if gate is None:
        with _gates_lock:
            gate = _gates.get(key) or _gates.setdefault(key, _WriteGate(key[1]))
    return gate


@contextmanager
def write_transaction() -> Iterator[sa.orm.Session]:
    """`transaction()` for a request's submission, queued behind other writers of the same
    SQLite file (see `_WriteGate`); on PostgreSQL the same as `transaction()`.

    Enter it with nothing written yet in the session: the gate must never be awaited while
    holding SQLite's write lock."""
    from service.extensions import db

    gate = _gate_for(db.engine)
    if gate is None:
        with transaction() as session:
            yield session
        return
    with gate.held(), transaction() as session:
        yield session
