"""Upgrades tested: a database that lived through every earlier release keeps its rows.

At each revision of the migration chain, representative rows are written with the schema of
that revision (raw SQL against the reflected tables, as that release's code would have written
them). Then the database is upgraded to the head and the app reads every row: the public API
serves each comment, each inquiry and mail body decrypts, the queue counts them. Then every
downgrade runs, one step at a time, with the rows still there, and the upgrade again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from service import create_app
from service.data.crypto import keyring
from service.data.extensions import db
from service.data.models import (
    Comment,
    Inquiry,
    InquiryReply,
    Moderator,
    OutboxMessage,
    Thread,
)
from service.moderation.queue import queue_counts
from tests.conftest import REPO, empty_database, settings_for

SCRIPTS = ScriptDirectory(str(REPO / "migrations"))
# Oldest first.
CHAIN = [script.revision for script in reversed(list(SCRIPTS.walk_revisions()))]
HEAD = CHAIN[-1]
# Before this revision the outbox kept mail bodies in plain text; it encrypts them.
OUTBOX_ENCRYPTED_FROM = CHAIN.index("a7d3e5b19c42")
TABLES = ("threads", "comments", "inquiries", "inquiry_replies", "moderators", "outbox")


def test_the_chain_is_one_line_from_the_initial_schema():
    assert CHAIN[0] == "bb3194170b76"
    assert SCRIPTS.get_heads() == [HEAD]


def _fallback(column: sa.Column, now: dt.datetime):
    """A value for a required column this test does not name (added by a later release)."""
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return False
    if isinstance(kind, sa.Integer):
        return 0
    if isinstance(kind, sa.Float | sa.Numeric):
        return 0.0
    if isinstance(kind, sa.DateTime):
        return now
    if isinstance(kind, sa.JSON):
        return []
    return "x"


def _row(table: sa.Table, values: dict, now: dt.datetime) -> dict:
    row = {name: value for name, value in values.items() if name in table.c}
    for column in table.c:
        if column.name in row or column.nullable or column.primary_key:
            continue
        if column.server_default is not None:
            continue
        row[column.name] = _fallback(column, now)
    return row


def write_rows(connection: sa.Connection, step: int, revision: str) -> None:
    metadata = sa.MetaData()
    metadata.reflect(bind=connection, only=TABLES)
    t = metadata.tables
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    if connection.dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    seal = keyring().encrypt
    thread_id = connection.execute(
        sa.insert(t["threads"]).returning(t["threads"].c.id),
        _row(
            t["threads"],
            {
                "key": f"articles/revision-{step}",
                "title": f"Written at {revision}",
                "locked": False,
                "version": 0,
                "created_at": now,
                "updated_at": now,
            },
            now,
        ),
    ).scalar_one()
    comment = {
        "thread_id": thread_id,
        "author": f"Staff {step}",
        "body": "A reply",
        "body_html": "<p>A reply</p>",
        "status": "approved",
        "verdict": "ham",
        "score": -1.0,
        "reasons": [],
        "is_staff": True,
        "flagged": False,
        "created_at": now,
        "updated_at": now,
    }
    first_id = connection.execute(
        sa.insert(t["comments"]).returning(t["comments"].c.id),
        _row(
            t["comments"],
            {
                "thread_id": thread_id,
                "author": f"Reader {step}",
                "email": f"reader{step}@example.org",
                "body": f"Comment written at {revision}",
                "body_html": f"<p>Comment written at {revision}</p>",
                "status": "approved",
                "verdict": "ham",
                "score": -1.0,
                "reasons": [],
                "is_staff": False,
                "flagged": False,
                "created_at": now,
                "updated_at": now,
            },
            now,
        ),
    ).scalar_one()
    connection.execute(
        sa.insert(t["comments"]), _row(t["comments"], {**comment, "parent_id": first_id}, now)
    )
    inquiry_id = connection.execute(
        sa.insert(t["inquiries"]).returning(t["inquiries"].c.id),
        _row(
            t["inquiries"],
            {
                "name": f"Visitor {step}",
                "email": f"visitor{step}@example.org",
                "phone": seal("+44 20 7946 0000"),
                "topic": "appointment",
                "message": seal(f"Inquiry written at {revision}"),
                "consent_at": now,
                "consent_version": "v1",
                "status": "received",
                "verdict": "ham",
                "score": -1.0,
                "reasons": [],
                "created_at": now,
                "updated_at": now,
            },
            now,
        ),
    ).scalar_one()
    connection.execute(
        sa.insert(t["inquiry_replies"]),
        _row(
            t["inquiry_replies"],
            {"inquiry_id": inquiry_id, "body": seal("Come in on Tuesday."), "created_at": now},
            now,
        ),
    )
    connection.execute(
        sa.insert(t["moderators"]),
        _row(
            t["moderators"],
            {
                "email": f"staff{step}@clinic.example",
                "name": f"Staff {step}",
                "role": "moderator",
                "password_hash": "$argon2id$not-a-real-hash",
                "recovery_codes": [],
                "notify": True,
                "active": True,
                "session_version": 1,
                "created_at": now,
            },
            now,
        ),
    )
    body = f"Mail written at {revision}"
    connection.execute(
        sa.insert(t["outbox"]),
        _row(
            t["outbox"],
            {
                "to_addr": f"reader{step}@example.org",
                "subject": "Hello",
                "body_text": seal(body) if step >= OUTBOX_ENCRYPTED_FROM else body,
                "purpose": "notice",
                "status": "sent",
                "attempts": 1,
                "created_at": now,
                "next_attempt_at": now,
                "sent_at": now,
            },
            now,
        ),
    )


def check_rows(app, steps: int) -> None:
    client = app.test_client()
    for step, revision in enumerate(CHAIN[:steps]):
        response = client.get(f"/api/threads/articles/revision-{step}/comments")
        assert response.status_code == 200, (revision, response.get_data(as_text=True))
        [comment] = response.get_json()["comments"]
        assert comment["html"] == f"<p>Comment written at {revision}</p>"
        assert [reply["html"] for reply in comment["replies"]] == ["<p>A reply</p>"]
        assert response.get_json()["thread"]["title"] == f"Written at {revision}"
    messages = set(db.session.scalars(sa.select(Inquiry.message)))
    assert messages == {f"Inquiry written at {r}" for r in CHAIN[:steps]}
    bodies = set(db.session.scalars(sa.select(OutboxMessage.body_text)))
    assert bodies == {f"Mail written at {r}" for r in CHAIN[:steps]}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Moderator)) == steps
    assert queue_counts()["comment"].get("approved") == 2 * steps
    replies = set(db.session.scalars(sa.select(InquiryReply.body)))
    assert replies == {"Come in on Tuesday."}
    db.session.remove()


def count_rows(connection: sa.Connection) -> dict[str, int]:
    counts = {
        name: connection.execute(sa.text(f"SELECT count(*) FROM {name}")).scalar()
        for name in TABLES
    }
    counts["replies"] = connection.execute(
        sa.text("SELECT count(*) FROM comments WHERE parent_id IS NOT NULL")
    ).scalar()
    return counts


# Reflecting the tables to write rows skips the lower(email) indexes, which are not needed here.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_rows_from_every_revision_survive_the_upgrade_and_every_downgrade(backend, tmp_path):
    with empty_database(backend, tmp_path) as (url, _schema):
        app = create_app(settings_for(url))
        with app.app_context():
            for step, revision in enumerate(CHAIN[:-1]):
                upgrade(revision=revision)
                with db.engine.begin() as connection:
                    write_rows(connection, step, revision)
            upgrade()
            check_rows(app, len(CHAIN) - 1)

            written = len(CHAIN) - 1
            expected = {name: written for name in TABLES} | {"comments": 2 * written}
            expected["replies"] = written
            for revision in reversed(CHAIN[:-1]):
                downgrade(revision=revision)
                with db.engine.connect() as connection:
                    assert count_rows(connection) == expected, revision
                    current = connection.execute(
                        sa.text("SELECT version_num FROM alembic_version")
                    ).scalar()
                assert current == revision
            with db.engine.connect() as connection:
                plain = set(connection.execute(sa.text("SELECT body_text FROM outbox")).scalars())
            # Downgraded below the outbox encryption, mail bodies are plain text again.
            assert plain == {f"Mail written at {r}" for r in CHAIN[:-1]}
            upgrade()
            check_rows(app, len(CHAIN) - 1)
            assert (
                db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == len(CHAIN) - 1
            )
            assert db.session.scalar(sa.select(Comment.import_source)) is None
            db.session.remove()
            db.engine.dispose()


def test_this_file_names_the_repository_migrations():
    assert Path(SCRIPTS.dir).resolve() == (REPO / "migrations").resolve()
