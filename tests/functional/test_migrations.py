"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from service import create_app
from service.data.extensions import db
from tests.conftest import (
    empty_database,
    settings_for,
)

EXPRESSION_INDEXES = {
    "ix_comments_email_lower_staff_label",
    "ix_inquiries_email_lower_staff_label",
}


# SQLite's reflection cannot read expression indexes (lower(email)); they are checked by name.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings(
    "ignore:autogenerate skipping metadata-specified expression-based index"
)
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrade_of_an_empty_database_matches_the_models(backend, tmp_path):
    with empty_database(backend, tmp_path) as (url, schema):
        app = create_app(settings_for(url))
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "render_as_batch": True}
                )
                differences = compare_metadata(context, db.metadata)
                indexes = {
                    index["name"]
                    for table in ("comments", "inquiries")
                    for index in sa.inspect(connection).get_indexes(table, schema=schema)
                }
                if backend == "sqlite":
                    indexes |= set(
                        connection.exec_driver_sql(
                            "SELECT name FROM sqlite_master WHERE type = 'index'"
                        ).scalars()
                    )
            db.engine.dispose()
        assert differences == []
        assert EXPRESSION_INDEXES <= indexes


def test_the_model_state_comes_after_its_stamp_on_sqlite(tmp_path):
    # Every judgement reads the stamp; on SQLite a column stored after the half-megabyte state
    # is reached only through the state's overflow pages.
    app = create_app(settings_for(f"sqlite:///{tmp_path}/order.sqlite3"))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            columns = [
                row[1] for row in connection.exec_driver_sql("PRAGMA table_info(spam_model_state)")
            ]
        db.engine.dispose()
    assert columns[-1] == "state"
    assert columns.index("trained_on") < columns.index("state")
    assert columns.index("updated_at") < columns.index("state")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_audit_chain_migration_seals_the_entries_already_stored(backend, tmp_path):
    from service.submissions.auditchain import verify

    with empty_database(backend, tmp_path) as (url, _schema):
        app = create_app(settings_for(url))
        with app.app_context():
            upgrade(revision="d8b4f1a6c3e2")
            db.session.execute(
                sa.text(
                    "INSERT INTO audit_events (at, actor, action, kind, item_id, detail) VALUES "
                    "('2026-01-02 03:04:05.678901', 'a@example.org', 'inquiry.view', 'inquiry', "
                    '1, \'{"via": "page"}\'), '
                    "('2026-01-02 03:04:06', 'system', 'retention.purge', NULL, NULL, '{}')"
                )
            )
            db.session.commit()
            upgrade()
            seqs = db.session.execute(
                sa.text("SELECT actor, seq FROM audit_events ORDER BY id")
            ).all()
            report = verify(db.session)
            db.session.remove()
            db.engine.dispose()
    assert [tuple(row) for row in seqs] == [("a@example.org", 1), ("system", 2)]
    assert report.intact, report.summary()
    assert report.checked == 2
