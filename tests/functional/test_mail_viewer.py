"""The development mail viewer: the outbox shown as sent, decrypted, never outside development."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import OutboxMessage
from tests.conftest import empty_all_tables, sign_in
from tests.factories import KNOWN_PASSWORD, ModeratorFactory


@pytest.fixture
def app_in(make_app):
    """An app in the given environment, inside its context; its tables emptied afterwards."""
    opened = []

    def build(env: str):
        app = make_app(ENV_NAME=env, SESSION_COOKIE_SECURE=False)
        context = app.app_context()
        context.push()
        opened.append(context)
        return app

    yield build
    for context in opened:
        db.session.rollback()
        empty_all_tables()
        context.pop()


BODY = "Your appointment is on Tuesday at 10:00.\n\n-- \nClinic Desk\n"


def queue_mail() -> OutboxMessage:
    mail = OutboxMessage(
        to_addr="ada@bücher.example",
        subject="Your inquiry",
        body_text=BODY,
        purpose="inquiry.answer",
    )
    db.session.add(mail)
    db.session.commit()
    return mail


def signed_in_client(app):
    moderator = ModeratorFactory()
    db.session.commit()
    client = app.test_client()
    assert sign_in(client, moderator.email, KNOWN_PASSWORD).status_code == 303
    return client


def test_the_staff_page_shows_a_queued_mail_decrypted_in_development(app_in):
    app = app_in("development")
    mail = queue_mail()
    # Stored encrypted: the text is not in the column as written.
    stored = db.session.execute(
        sa.text("SELECT body_text FROM outbox WHERE id = :id"), {"id": mail.id}
    ).scalar()
    assert "Tuesday" not in stored
    client = signed_in_client(app)

    response = client.get("/moderation/outbox")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"Mail #{mail.id}" in page
    assert "Your appointment is on Tuesday at 10:00." in page
    assert "ada@xn--bcher-kva.example" in page  # the address as it goes over the wire
    assert "Message-ID" in page
    assert 'href="/moderation/outbox"' in page  # the staff menu points to it


@pytest.mark.parametrize("env", ["production", "testing"])
def test_the_staff_page_does_not_exist_outside_development(app_in, env):
    app = app_in(env)
    client = signed_in_client(app)
    assert client.get("/moderation/outbox").status_code == 404
    assert 'href="/moderation/outbox"' not in client.get("/moderation/").get_data(as_text=True)


def test_outbox_show_prints_the_mail_in_development(app_in):
    app = app_in("development")
    mail = queue_mail()
    runner = app.test_cli_runner()

    every = runner.invoke(args=["outbox", "show"])
    one = runner.invoke(args=["outbox", "show", str(mail.id)])
    missing = runner.invoke(args=["outbox", "show", str(mail.id + 1000)])

    assert every.exit_code == 0, every.output
    assert f"=== mail #{mail.id} (queued, inquiry.answer) ===" in every.output
    assert "Subject: Your inquiry" in one.output
    assert "Your appointment is on Tuesday at 10:00." in one.output
    assert missing.exit_code == 1
    assert "There is no mail" in missing.output


def test_outbox_show_is_refused_in_production(app_in):
    app = app_in("production")
    queue_mail()
    result = app.test_cli_runner().invoke(args=["outbox", "show"])
    assert result.exit_code == 1
    assert "only with APP_ENV=development" in result.output
    assert "Tuesday" not in result.output
