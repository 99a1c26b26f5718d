"""Schema steps the Alembic revisions in `migrations/versions/` share.

Every table has an integer `id` primary key, names its constraints after the naming convention
on `Base` (`pk_<table>`, `fk_<table>_<column>_<target>`, `uq_<table>_<column>`) and gets its
indexes in a batch, as autogenerate writes them. These helpers spell that out once, so each
revision lists only its own columns. They issue exactly the `alembic.op` calls a revision would
make itself, so the DDL on SQLite and PostgreSQL is the same as when it was written out.

Only migration scripts import this module (Alembic's `op` exists only while one runs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import sqlalchemy as sa
from alembic import op

from service.data.database import UTCDateTime

# index name -> its columns
Indexes = Mapping[str, Sequence[str]]


def timestamp(name: str, *, nullable: bool = False) -> sa.Column:
    """A timezone-aware UTC timestamp column, the only kind of time the schema stores."""
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def timestamps(*names: str, nullable: bool = False) -> list[sa.Column]:
    """Timestamp columns side by side (`created_at`, `updated_at`...)."""
    return [timestamp(name, nullable=nullable) for name in names]


def reference(name: str, target: str, ondelete: str, *, nullable: bool = False) -> sa.Column:
    """An integer column holding the id of a row in `target`; `create_table` adds its foreign key
    (named by the convention) with the given ON DELETE."""
    return sa.Column(name, sa.Integer(), nullable=nullable, info={"references": (target, ondelete)})


def short_enum(name: str, *values: str) -> sa.Enum:
    """An enum stored as a short string, as the models declare them (`native_enum=False`)."""
    return sa.Enum(*values, name=name, native_enum=False, length=16)


def create_table(
    table: str,
    *columns: sa.Column,
    unique: Iterable[str | tuple[str, Sequence[str]]] = (),
    indexes: Indexes | None = None,
) -> None:
    """Create `table` with its `id` primary key, the foreign keys of its `reference` columns,
    its unique constraints and its indexes.

    A unique entry names one column (the constraint is named by the convention) or is a
    (name, columns) pair. Constraints are declared in autogenerate's order (foreign keys by
    column name, primary key, unique), the order SQLite keeps in the table's definition.
    """
    foreign_keys = [
        sa.ForeignKeyConstraint(
            [column.name],
            [f"{target}.id"],
            name=op.f(f"fk_{table}_{column.name}_{target}"),
            ondelete=ondelete,
        )
        for column in sorted(columns, key=lambda column: column.name)
        if "references" in column.info
        for target, ondelete in [column.info["references"]]
    ]
    unique_constraints = [
        sa.UniqueConstraint(item, name=op.f(f"uq_{table}_{item}"))
        if isinstance(item, str)
        else sa.UniqueConstraint(*item[1], name=op.f(item[0]))
        for item in unique
    ]
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        *columns,
        *foreign_keys,
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        *unique_constraints,
    )
    create_indexes(table, indexes or {})


def drop_table(table: str, indexes: Indexes | None = None) -> None:
    """Drop `table`, its indexes first (newest first), as autogenerate's downgrade does."""
    drop_indexes(table, indexes or {})
    op.drop_table(table)


def create_indexes(table: str, indexes: Indexes) -> None:
    """Create plain (non-unique) indexes on `table`, in one batch."""
    if not indexes:
        return
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name, columns in indexes.items():
            batch_op.create_index(batch_op.f(name), list(columns), unique=False)


def drop_indexes(table: str, indexes: Indexes) -> None:
    """Drop the indexes `create_indexes` made on `table`, newest first, in one batch."""
    if not indexes:
        return
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name in reversed(list(indexes)):
            batch_op.drop_index(batch_op.f(name))


def add_columns(table: str, *columns: sa.Column) -> None:
    """Add columns to `table` in one batch (on SQLite, a copy of the table when needed)."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.add_column(column)


def drop_columns_keeping_email_index(table: str, *names: str) -> None:
    """Drop columns from `comments` or `inquiries` without losing the index on lower(email).

    SQLite drops a column by rebuilding the table, and the rebuild loses the expression index
    (reflection cannot read it): it is dropped first and made again after.
    """
    op.drop_index(f"ix_{table}_email_lower_staff_label", table_name=table)
    drop_columns(table, *names)
    op.create_index(
        f"ix_{table}_email_lower_staff_label",
        table,
        [sa.text("lower(email)"), "staff_label"],
        unique=False,
    )


def drop_columns(table: str, *names: str) -> None:
    """Drop columns from `table` in one batch, in the order given."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name in names:
            batch_op.drop_column(name)
