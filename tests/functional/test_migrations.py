"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from service import create_app
from service.extensions import db
from tests.conftest import (
    drop_postgres_schema,
    need,
    new_postgres_schema,
    postgres_available,
    settings_for,
)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrade_of_an_empty_database_matches_the_models(backend, tmp_path):
    schema = None
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path}/empty.sqlite3"
    else:
        need(postgres_available(), "PostgreSQL is not reachable")
        url, schema = new_postgres_schema()
    try:
        app = create_app(settings_for(url))
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "render_as_batch": True}
                )
                differences = compare_metadata(context, db.metadata)
            db.engine.dispose()
        assert differences == []
    finally:
        if schema:
            drop_postgres_schema(schema)
