"""A PostgreSQL schema of one's own, so parallel runs never see each other's rows.

The test suite (tests/conftest.py) and `make check-live` (scripts/check_live.py) each create a
fresh schema on the server named by TEST_POSTGRES_URL and point the connection's search_path
at it.
"""

from __future__ import annotations

import os
import uuid

import sqlalchemy as sa

POSTGRES_SERVER = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def create_schema(prefix: str) -> tuple[str, str]:
    """Create an empty schema named `prefix` and a random suffix; return (url using it, name)."""
    schema = prefix + uuid.uuid4().hex[:10]
    _execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in POSTGRES_SERVER else "?"
    return f"{POSTGRES_SERVER}{sep}options=-csearch_path%3D{schema}", schema


def drop_schema(schema: str) -> None:
    """Drop the schema and everything in it (nothing happens if it is gone already)."""
    _execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _execute(statement: str) -> None:
    engine = sa.create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(statement))
    engine.dispose()
