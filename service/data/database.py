"""Transactions, time and the column types every model shares."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

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


# Switches for the devices in this module that bypass the framework: the settings
# FAST_DRIVER_STATEMENTS and FAST_WRITE_GATE, set by the app factory (`configure_fast_paths`).
# One process serves one app, so they are process-wide.
_fast = {"driver_statements": True, "write_gate": True}


def configure_fast_paths(driver_statements: bool, write_gate: bool) -> None:
    """Switch the driver-level statements and the SQLite write gate on or off; off, the plain
    framework code runs instead (SQLAlchemy's execution, SQLite's busy handler)."""
    _fast["driver_statements"] = driver_statements
    _fast["write_gate"] = write_gate


def driver_statements_enabled() -> bool:
    return _fast["driver_statements"]


class DriverStatement:
    """A Core statement compiled once per database dialect and run straight on the driver's
    cursor, for the few statements every submission runs.

    Parameters go through the statement's own type processors, as SQLAlchemy would send them;
    rows come back as the driver returns them (no result processing: a SQLite timestamp is its
    stored text). Used inside a transaction, on that transaction's connection."""

    def __init__(
        self,
        statement: sa.Executable,
        columns: tuple[str, ...] | None = None,
        new_id: sa.Column | None = None,
    ) -> None:
        """`columns`: for an INSERT, the columns every execution gives, defaults included.
        `new_id`: for an INSERT, the key column whose new value `insert` returns."""
        self._statement = statement
        self._columns = columns
        self._new_id = new_id
        self._forms: dict[str, tuple[str, bool, tuple]] = {}

    def _form(self, dialect: sa.Dialect) -> tuple[str, bool, tuple]:
        """The SQL, whether it is positional, and per parameter: name, processor and the value
        the statement itself carries (used when the caller gives none)."""
        form = self._forms.get(dialect.name)
        if form is None:
            statement = self._statement
            if self._new_id is not None and dialect.name != "sqlite":
                statement = statement.returning(self._new_id)  # SQLite has lastrowid
            if self._columns is None:
                compiled = statement.compile(dialect=dialect)
            else:
                compiled = statement.compile(dialect=dialect, column_keys=self._columns)
                # A column default is applied by SQLAlchemy's execution, which is skipped here.
                missing = set(compiled.binds) - set(self._columns)
                if missing:
                    raise ValueError(f"give values for {sorted(missing)}: no defaults here")
            names = compiled.positiontup if compiled.positional else list(compiled.binds)
            processors = compiled._bind_processors
            carried = compiled.construct_params(_check=False)
            plan = tuple((name, processors.get(name), carried.get(name)) for name in names)
            form = (compiled.string, compiled.positional, plan)
            self._forms[dialect.name] = form
        return form

    def execute(self, connection: sa.Connection, params: dict):
        """Run on `connection` (begun, in the caller's transaction) and return the cursor."""
        if not _fast["driver_statements"]:  # switched off: SQLAlchemy runs it
            return connection.execute(self._statement, params)
        return self.run(connection, self.bind(connection.dialect, params))

    def bind(self, dialect: sa.Dialect, params: dict) -> tuple[str, Any]:
        """The SQL and the driver's parameters: work that can be done before a write starts
        (encrypting, serialising), so that the write lock is held only to run it."""
        if not _fast["driver_statements"]:
            return "", params  # switched off: `insert` hands the values to SQLAlchemy
        sql, positional, plan = self._form(dialect)
        if self._columns is not None and len(params) != len(self._columns):
            raise ValueError(f"expected values for exactly {self._columns}")
        values = [
            (
                process(params.get(name, carried))
                if process is not None
                else params.get(name, carried)
            )
            for name, process, carried in plan
        ]
        if positional:
            return sql, values
        return sql, dict(zip((name for name, _, _ in plan), values, strict=True))

    def insert(self, connection: sa.Connection, bound: tuple[str, Any]) -> int:
        """Run an INSERT that `bind` prepared and return the new row's key. On SQLite that is
        the cursor's `lastrowid`, with no RETURNING row to step through: each step into
        SQLite lets go of the interpreter, and a writer holding the write gate then waits to
        get it back."""
        if not _fast["driver_statements"]:
            result = connection.execute(self._statement, bound[1])
            return result.inserted_primary_key[0]
        cursor = self.run(connection, bound)
        try:
            if connection.dialect.name == "sqlite":
                return cursor.lastrowid
            return cursor.fetchone()[0]
        finally:
            cursor.close()

    @staticmethod
    def run(connection: sa.Connection, bound: tuple[str, Any]):
        """Run what `bind` prepared on `connection`, and return the cursor. A driver error
        comes out as SQLAlchemy's (an `IntegrityError` is an `IntegrityError`), as callers and
        error handlers expect."""
        cursor = connection.connection.dbapi_connection.cursor()
        driver_error = connection.dialect.loaded_dbapi.Error
        try:
            cursor.execute(*bound)
        except driver_error as error:
            cursor.close()
            raise sa.exc.DBAPIError.instance(
                bound[0], bound[1], error, driver_error, dialect=connection.dialect
            ) from error
        return cursor


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
    if not _fast["write_gate"] or engine.dialect.name != "sqlite" or fcntl is None:
        return None  # switched off, or not SQLite: writers wait in the database's own way
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
    from service.data.extensions import db

    gate = _gate_for(db.engine)
    if gate is None:
        with transaction() as session:
            yield session
        return
    with gate.held(), transaction() as session:
        yield session


@contextmanager
def submission_connection() -> Iterator[sa.Connection]:
    """A pooled connection of its own for one submission: the filter's reads and the write,
    without the ORM session.

    A submission runs a few prepared statements (see `DriverStatement`) and one INSERT; setting
    up a session, its transaction bookkeeping and its teardown cost more than those. Measured
    side by side under load, inquiries written this way needed 15 % less CPU each."""
    from service.data.extensions import db

    with db.engine.connect() as connection:
        yield connection


@contextmanager
def durable_write(connection: sa.Connection) -> Iterator[sa.Connection]:
    """Commit what the block writes on `connection` (roll it all back if it raises), queued
    behind other writers of the same SQLite file (see `_WriteGate`); the gate is let go the
    moment the commit returns. Enter it with nothing written yet on `connection`."""
    gate = _gate_for(connection.engine)
    with gate.held() if gate is not None else nullcontext():
        # A read through SQLAlchemy may already have begun the connection's transaction.
        begun = connection.get_transaction() or connection.begin()
        try:
            yield connection
        except BaseException:
            begun.rollback()
            raise
        begun.commit()
