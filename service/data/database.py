"""Transactions, time and the column types every model shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

# The largest id a row can have: the id columns are 32-bit on PostgreSQL, so a larger number
# sent by a client names nothing (and must not reach a query, where it would be an error).
MAX_ID = 2**31 - 1


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
    from service.data.extensions import db

    session = db.session
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout, full sync and enforced foreign keys on every SQLite connection.

    SQLite admits one writer at a time; the others wait in its busy handler (up to 30 s here).
    A write gate of our own in front of it (a lock and an `flock`) was measured against the
    busy handler and removed: it gained nothing (docs/architecture.md)."""
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
