"""Fast paths: the data layer's one device that bypasses SQLAlchemy for speed.

Driver-level statements. The few statements every submission runs (the spam filter's facts,
the new row's INSERT, the moderators who want notices, an audit entry, a thread's id) are
compiled once per database and run straight on the driver's cursor (`DriverStatement`), and an
inquiry is judged and written on a pooled connection of its own, without the ORM session
(`submission_connection`, `durable_write`).

The plain equivalent, which runs when the setting FAST_DRIVER_STATEMENTS is 0: every such
statement goes through `connection.execute(statement, params)` (SQLAlchemy's execution, result
processing included), and an inquiry is stored in the request's session like any other row
(`Inquiry(...)`, `session.add`, `transaction()`; see `service/contact/services.py`).

Measured side by side (docs/architecture.md, "Devices that bypass the framework"), it saves 25
to 30 % of an inquiry's CPU, so it stays. Whoever changes a statement here changes
what SQLAlchemy would have done for it: tests/functional/test_driver_statements.py checks that
what these statements store reads back exactly as the ORM would have stored it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

# The setting FAST_DRIVER_STATEMENTS, set by the app factory (`configure`). One process serves
# one app, so it is process-wide.
_enabled = {"driver_statements": True}


def configure(driver_statements: bool) -> None:
    """Switch the driver-level statements on or off (off: the plain SQLAlchemy code runs)."""
    _enabled["driver_statements"] = driver_statements


def driver_statements_enabled() -> bool:
    return _enabled["driver_statements"]


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
        if not _enabled["driver_statements"]:  # switched off: SQLAlchemy runs it
            return connection.execute(self._statement, params)
        return self.run(connection, self.bind(connection.dialect, params))

    def bind(self, dialect: sa.Dialect, params: dict) -> tuple[str, Any]:
        """The SQL and the driver's parameters: work that can be done before a write starts
        (encrypting, serialising), so that SQLite's write lock is held only to run it."""
        if not _enabled["driver_statements"]:
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
        SQLite lets go of the interpreter, and a writer holding SQLite's write lock then waits
        to get it back."""
        if not _enabled["driver_statements"]:
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
def submission_connection() -> Iterator[sa.Connection]:
    """A pooled connection of its own for one submission: the filter's reads and the write,
    without the ORM session.

    A submission runs a few prepared statements (see `DriverStatement`) and one INSERT; setting
    up a session, its transaction bookkeeping and its teardown cost more than those.
    Plain equivalent: the request's session (`db.session`) and `transaction()`."""
    from service.data.extensions import db

    with db.engine.connect() as connection:
        yield connection


@contextmanager
def durable_write(connection: sa.Connection) -> Iterator[sa.Connection]:
    """Commit what the block writes on `connection`, or roll it all back if it raises.
    Enter it with nothing written yet on `connection`; a SQLite writer waits for another's
    commit in SQLite's busy handler. Plain equivalent: `transaction()` on the session."""
    # A read through SQLAlchemy may already have begun the connection's transaction.
    begun = connection.get_transaction() or connection.begin()
    try:
        yield connection
    except BaseException:
        begun.rollback()
        raise
    begun.commit()
