"""`flask --app wsgi db move --to postgresql+psycopg://...`: a SQLite deployment, copied whole
into an empty PostgreSQL database and checked.

Every table is copied in key order, in batches, inside one transaction on the target (a failure
leaves the target as it was). Encrypted columns travel as the stored ciphertext, never
decrypted. Self-referencing keys (a reply's parent) are filled in after their table, so a reply
whose parent has a higher id copies too. Each sequence is set past the highest key. Then every
table is counted and checksummed on both sides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from service.data.crypto import EncryptedText
from service.data.extensions import db
from service.web.errors import DomainError

BATCH = 2000


class MoveRefused(DomainError, code="move_refused"):
    default_message = "The database cannot be moved."


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def matches(self) -> bool:
        return self.source_rows == self.target_rows and self.source_checksum == self.target_checksum


def _raw_type(column_type: sa.types.TypeEngine) -> sa.types.TypeEngine:
    """The type to copy a column with: ciphertext stays ciphertext, enums stay their text."""
    if isinstance(column_type, EncryptedText):
        return sa.Text()
    if isinstance(column_type, sa.Enum):
        return sa.String(column_type.length)
    return column_type


def copy_tables() -> list[sa.Table]:
    """Every table of the schema, parents before children, with copying types."""
    copies = sa.MetaData()
    tables = [
        sa.Table(
            table.name,
            copies,
            *(
                sa.Column(column.name, _raw_type(column.type), primary_key=column.primary_key)
                for column in table.columns
            ),
        )
        for table in db.metadata.sorted_tables
    ]
    sa.Table("alembic_version", copies, sa.Column("version_num", sa.String(32), primary_key=True))
    return [*tables, copies.tables["alembic_version"]]


def _self_references(name: str) -> list[str]:
    table = db.metadata.tables.get(name)
    if table is None:
        return []
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, float):
        return repr(value)
    return value


def checksum(connection: sa.Connection, table: sa.Table) -> tuple[int, str]:
    """(rows, SHA-256 over every row in key order, values in a canonical form)."""
    digest = hashlib.sha256()
    rows = 0
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execution_options(yield_per=BATCH).execute(
        sa.select(table).order_by(*order)
    )
    for row in result:
        digest.update(
            json.dumps([_canonical(v) for v in row], sort_keys=True, default=str).encode()
        )
        digest.update(b"\n")
        rows += 1
    return rows, digest.hexdigest()


def _target_engine(url: str) -> sa.Engine:
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise MoveRefused("--to is not a database URL.") from None
    if parsed.get_backend_name() != "postgresql":
        raise MoveRefused("--to must be a PostgreSQL URL (postgresql+psycopg://user@host/db).")
    return sa.create_engine(parsed, hide_parameters=True)


def _check_target_is_empty(connection: sa.Connection, tables: list[sa.Table]) -> bool:
    """True if the schema must be created; raises MoveRefused if the target holds rows."""
    existing = set(sa.inspect(connection).get_table_names())
    if not existing:
        return True
    for table in tables:
        if table.name in existing and table.name != "alembic_version":  # noqa: SIM102
            if connection.execute(sa.select(sa.func.count()).select_from(table)).scalar():
                raise MoveRefused(
                    f"The target database is not empty (table {table.name} has rows); "
                    "db move only fills an empty database."
                )
    missing = {t.name for t in tables} - existing
    if missing:
        raise MoveRefused(
            "The target database has tables, but not all of ours (missing "
            + ", ".join(sorted(missing))
            + "); give an empty database."
        )
    return False


def total_rows() -> int:
    with db.engine.connect() as source:
        return sum(
            source.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0
            for t in copy_tables()
        )


def move_database(to_url: str, progress: Callable[[int], None] | None = None) -> list[TableCheck]:
    if db.engine.dialect.name != "sqlite":
        raise MoveRefused("db move copies a SQLite database; DATABASE_URL is not SQLite.")
    target = _target_engine(to_url)
    tables = copy_tables()
    try:
        with db.engine.connect() as source, target.begin() as destination:
            destination.exec_driver_sql("SET TIME ZONE 'UTC'")
            if _check_target_is_empty(destination, tables):
                db.metadata.create_all(destination)
                tables[-1].create(destination)
            else:
                destination.execute(sa.delete(tables[-1]))
            for table in tables:
                _copy(source, destination, table, progress)
        return verify(tables, target)
    except sa.exc.OperationalError as error:
        raise MoveRefused(
            f"Cannot use the target database ({type(error.orig).__name__}); check the URL, "
            "that the database exists and that the user may create tables in it."
        ) from None
    finally:
        target.dispose()


def _copy(
    source: sa.Connection,
    destination: sa.Connection,
    table: sa.Table,
    progress: Callable[[int], None] | None,
) -> None:
    later = _self_references(table.name)
    links: list[dict[str, Any]] = []
    order = list(table.primary_key.columns) or list(table.columns)
    result = source.execution_options(yield_per=BATCH).execute(sa.select(table).order_by(*order))
    for batch in result.partitions():
        rows = [dict(row._mapping) for row in batch]
        for row in rows:
            for column in later:
                if row[column] is not None:
                    links.append({"_id": row["id"], "_value": row[column], "_column": column})
                    row[column] = None
        destination.execute(sa.insert(table), rows)
        if progress is not None:
            progress(len(rows))
    for column in later:
        updates = [
            {"_id": link["_id"], "_value": link["_value"]}
            for link in links
            if link["_column"] == column
        ]
        if updates:
            destination.execute(
                sa.update(table)
                .where(table.c.id == sa.bindparam("_id"))
                .values({column: sa.bindparam("_value")}),
                updates,
            )
    if "id" in table.c and isinstance(table.c.id.type, sa.Integer):
        destination.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table.name}"
            )
        )


def verify(tables: list[sa.Table], target: sa.Engine) -> list[TableCheck]:
    checks = []
    with db.engine.connect() as source, target.connect() as destination:
        destination.exec_driver_sql("SET TIME ZONE 'UTC'")
        for table in tables:
            source_rows, source_sum = checksum(source, table)
            target_rows, target_sum = checksum(destination, table)
            checks.append(TableCheck(table.name, source_rows, target_rows, source_sum, target_sum))
    return checks


def current_database_url() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]
