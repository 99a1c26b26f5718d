"""`db move --to postgresql+psycopg://...`: a SQLite database with every table filled, copied
into a fresh PostgreSQL database, verified, and usable there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from service import create_app
from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    ActionLink,
    AnswerLink,
    ApiToken,
    BlockKind,
    BlocklistEntry,
    CannedReply,
    Comment,
    CommentReport,
    CommentStatus,
    Digest,
    EndedSession,
    IdempotencyRecord,
    Inquiry,
    InquiryReply,
    OutboxMessage,
    ReaderLink,
    ReaderLinkPurpose,
    ReaderNotice,
    SpamLesson,
    SpamModelState,
    Subscriber,
    Subscription,
    Thread,
    UsedFormToken,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookFormat,
)
from service.submissions import audit
from service.web.rendering import render_markdown
from tests.conftest import (
    drop_postgres_schema,
    need,
    new_postgres_schema,
    postgres_available,
    settings_for,
)
from tests.factories import InquiryFactory, ModeratorFactory

# The newest migration: what the moved database must say it is at.
HEAD = ScriptDirectory(str(Path(__file__).resolve().parents[2] / "migrations")).get_current_head()


def fill_every_table() -> None:
    now = utcnow()
    moderator = ModeratorFactory()
    thread = Thread(key="articles/knee-pain", title="Knee pain")
    db.session.add(thread)
    db.session.flush()
    first = Comment(
        thread_id=thread.id,
        author="Zoë",
        body="First **one**",
        status=CommentStatus.APPROVED,
        body_html=render_markdown("First **one**"),
        reasons=[{"rule": "x", "points": 1.0}],
    )
    db.session.add(first)
    db.session.flush()
    # A reply whose id is lower than its parent's, as an import can leave it.
    reply = Comment(thread_id=thread.id, author="Ann", body="Reply", body_html="<p>Reply</p>")
    db.session.add(reply)
    db.session.flush()
    parent = Comment(
        thread_id=thread.id,
        author="Bo",
        body="Later parent",
        body_html="<p>x</p>",
        parent_id=first.id,
        created_at=now - dt.timedelta(days=400),
    )
    db.session.add(parent)
    db.session.flush()
    reply.parent_id = parent.id
    db.session.add(CommentReport(comment_id=first.id, client_address="192.0.2.0", reason="rude"))
    inquiry = InquiryFactory(message="Knee pain since Monday ✓", phone="+44 20 7946 0000")
    db.session.flush()
    db.session.add(InquiryReply(inquiry_id=inquiry.id, moderator_id=moderator.id, body="Come in."))
    db.session.add(
        InquiryReply(inquiry_id=inquiry.id, author="patient", body="Thanks ✓", verdict="ham")
    )
    db.session.add(
        AnswerLink(inquiry_id=inquiry.id, token_hash="f" * 64, expires_at=now, code_hash="0" * 64)
    )
    db.session.add(CannedReply(language="en", title="Hello", body="Dear {first_name},"))
    db.session.add(ApiToken(moderator_id=moderator.id, token_hash="a" * 64, expires_at=now))
    db.session.add(
        ActionLink(
            token_hash="b" * 64,
            moderator_id=moderator.id,
            kind="comment",
            item_id=first.id,
            action="approve",
            item_status="pending",
            expires_at=now,
        )
    )
    # Through the audit log's writer, so the chain's head row is filled too.
    audit.record("comment.approve", "cli", "comment", first.id, {"note": "ünïcode"})
    db.session.add(OutboxMessage(to_addr="a@example.org", subject="Hello", body_text="secret body"))
    db.session.add(BlocklistEntry(kind=BlockKind.DOMAIN, value="spam.example"))
    db.session.add(
        IdempotencyRecord(
            scope="comment",
            key="k1",
            body_hash="c" * 64,
            status_code=201,
            response_body="{}",
            expires_at=now,
        )
    )
    db.session.add(UsedFormToken(token_id="t" * 20, expires_at=now))
    db.session.add(SpamModelState(id=1, trained_on=7, state=bytes(range(256)) * 40))
    db.session.add(SpamLesson(is_spam=True, features=[1, 2, 3], source="test"))
    db.session.add(EndedSession(session_id="s" * 32, expires_at=now))
    subscriber = Subscriber(
        email="reader@example.org", language="es", digest=Digest.DAILY, nonce="n" * 32
    )
    db.session.add(subscriber)
    db.session.flush()
    subscription = Subscription(
        subscriber_id=subscriber.id, thread_id=thread.id, comment_id=first.id, nonce="m" * 32
    )
    db.session.add(subscription)
    db.session.flush()
    db.session.add(
        ReaderNotice(
            subscription_id=subscription.id, subscriber_id=subscriber.id, comment_id=reply.id
        )
    )
    db.session.add(
        ReaderLink(
            token_hash="d" * 64,
            purpose=next(iter(ReaderLinkPurpose)),
            email="reader@example.org",
            expires_at=now,
        )
    )
    endpoint = WebhookEndpoint(
        label="Chat",
        url="https://hooks.example/x",
        host="hooks.example",
        format=next(iter(WebhookFormat)),
        secret="whsec_" + "e" * 32,
        events=["inquiry.received"],
    )
    db.session.add(endpoint)
    db.session.flush()
    db.session.add(
        WebhookDelivery(
            endpoint_id=endpoint.id, message_id="msg_1", event="inquiry.received", payload="{}"
        )
    )
    db.session.commit()


@pytest.fixture
def postgres_target():
    need(postgres_available(), "PostgreSQL is not reachable")
    url, schema = new_postgres_schema()
    yield url
    drop_postgres_schema(schema)


def test_db_move_copies_every_table_and_verifies_it(tmp_path, postgres_target):
    app = create_app(settings_for(f"sqlite:///{tmp_path}/site.sqlite3"))
    with app.app_context():
        upgrade()
        fill_every_table()
        for table in db.metadata.sorted_tables:
            count = db.session.scalar(sa.select(sa.func.count()).select_from(table))
            assert count, f"the test leaves {table.name} empty"
        result = app.test_cli_runner().invoke(args=["db", "move", "--to", postgres_target])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        for table in [*db.metadata.sorted_tables, sa.table("alembic_version")]:
            [line] = [row for row in lines if row.split()[:1] == [table.name]]
            assert line.endswith(" ok"), line
        assert "every count and checksum matches" in result.output

        refused = app.test_cli_runner().invoke(args=["db", "move", "--to", postgres_target])
        assert refused.exit_code == 1
        assert "not empty" in refused.output
        db.engine.dispose()

    moved = create_app(settings_for(postgres_target, DATA_KEY=app.config["DATA_KEY"]))
    with moved.app_context():
        assert (
            db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        )
        inquiry = db.session.scalar(sa.select(Inquiry))
        assert inquiry.message == "Knee pain since Monday ✓"  # ciphertext moved untouched
        assert db.session.scalar(sa.select(OutboxMessage.body_text)) == "secret body"
        reply = db.session.scalar(sa.select(Comment).where(Comment.author == "Ann"))
        assert reply.parent_id > reply.id
        # Sequences continue after the copied keys: new rows get new ids.
        thread = db.session.scalar(sa.select(Thread))
        added = Comment(thread_id=thread.id, author="New", body="n", body_html="<p>n</p>")
        db.session.add(added)
        db.session.commit()
        assert added.id == 4
        db.session.remove()
        db.engine.dispose()


def test_db_move_refuses_what_it_cannot_do(tmp_path):
    app = create_app(settings_for(f"sqlite:///{tmp_path}/site.sqlite3"))
    with app.app_context():
        upgrade()
        runner = app.test_cli_runner()
        result = runner.invoke(args=["db", "move", "--to", f"sqlite:///{tmp_path}/other.sqlite3"])
        assert result.exit_code == 1
        assert "must be a PostgreSQL URL" in result.output
        result = runner.invoke(args=["db", "move", "--to", "not a url"])
        assert result.exit_code == 1
        assert "not a database URL" in result.output
        db.engine.dispose()
