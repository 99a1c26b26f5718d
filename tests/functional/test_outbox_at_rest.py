"""Mail waiting in the outbox is encrypted at rest, decrypted only to be sent, re-encrypted by
`keys rotate`, and forgotten by `retention purge` once it can never go out."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from config import new_data_key
from service import create_app
from service.data.crypto import Keyring
from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import InquiryStatus, OutboxMessage, OutboxStatus
from service.moderation import services
from service.submissions.outbox import deliver_due
from tests.conftest import (
    empty_database,
    settings_for,
)
from tests.factories import InquiryFactory

ANSWER = "Please call us on Monday morning about your results."


@pytest.fixture(autouse=True)
def answer_text_in_mail(app):
    """The answer's text in the patient's mail (ANSWER_TEXT_IN_MAIL, off by default): the case
    in which a queued mail holds health information, which is what encryption at rest is for."""
    app.config["ANSWER_TEXT_IN_MAIL"] = True
    yield
    app.config["ANSWER_TEXT_IN_MAIL"] = False


def answer_an_inquiry(moderator, email: str = "ada.patient@example.org") -> int:
    inquiry = InquiryFactory(email=email, status=InquiryStatus.RECEIVED)
    db.session.commit()
    services.act(moderator, "inquiry", inquiry.id, "answer", ANSWER)
    return db.session.scalars(sa.select(OutboxMessage.id)).one()


def stored_body(message_id: int) -> str:
    return db.session.execute(
        sa.text("select body_text from outbox where id = :id"), {"id": message_id}
    ).scalar_one()


def test_a_queued_answer_holds_no_plaintext_in_the_outbox_row(app, moderator):
    message_id = answer_an_inquiry(moderator)
    raw = stored_body(message_id)
    assert raw.startswith("v1:")
    assert "Monday" not in raw and "results" not in raw
    db.session.expire_all()
    assert ANSWER in db.session.get(OutboxMessage, message_id).body_text


def test_an_encrypted_answer_arrives_in_clear_at_the_mail_server(app, moderator, smtp_server):
    message_id = answer_an_inquiry(moderator)
    report = deliver_due()
    assert report.sent == 1
    [mail] = smtp_server.messages
    assert mail["To"] == "ada.patient@example.org"
    assert ANSWER in mail.get_content()
    assert "v1:" not in mail.get_content()
    assert stored_body(message_id).startswith("v1:")  # a sent row stays encrypted until purged


def test_keys_rotate_re_encrypts_queued_mail(app, runner, moderator):
    message_id = answer_an_inquiry(moderator)
    new_key = new_data_key()
    app.extensions["clinic_desk_keyring"] = Keyring(new_key, [app.config["DATA_KEY"]])
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert stored_body(message_id).split(":")[1] == Keyring(new_key).current_id
    app.extensions["clinic_desk_keyring"] = Keyring(new_key)  # the old key is gone now
    db.session.expire_all()
    assert ANSWER in db.session.get(OutboxMessage, message_id).body_text


def test_retention_purge_forgets_undeliverable_mail_after_its_days(app, runner, moderator):
    app.config["RETENTION_FAILED_MAIL_DAYS"] = 14
    old_failure = answer_an_inquiry(moderator, "gone@example.org")
    with transaction():
        db.session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.id == old_failure)
            .values(status=OutboxStatus.FAILED, created_at=utcnow() - dt.timedelta(days=15))
        )
        recent = OutboxMessage(
            to_addr="bounced@example.org",
            subject="Your inquiry",
            body_text=ANSWER,
            status=OutboxStatus.FAILED,
            created_at=utcnow() - dt.timedelta(days=13),
        )
        queued = OutboxMessage(
            to_addr="waiting@example.org",
            subject="Your inquiry",
            body_text=ANSWER,
            created_at=utcnow() - dt.timedelta(days=20),
        )
        db.session.add_all([recent, queued])
    result = runner.invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["failed_mail"] == 1
    left = db.session.scalars(sa.select(OutboxMessage.to_addr).order_by(OutboxMessage.id)).all()
    assert left == ["bounced@example.org", "waiting@example.org"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrading_encrypts_the_mail_already_in_the_outbox(backend, tmp_path):
    with empty_database(backend, tmp_path) as (url, _):
        app = create_app(settings_for(url))
        with app.app_context():
            upgrade(revision="f3a9c2d417b6")  # the last schema with plaintext bodies
            db.session.execute(
                sa.text(
                    "insert into outbox (to_addr, subject, body_text, purpose, status, attempts,"
                    " created_at, next_attempt_at) values ('ada@example.org', 'Your inquiry',"
                    " :body, 'inquiry.answer', 'failed', 12, :now, :now)"
                ),
                {"body": ANSWER, "now": utcnow()},
            )
            db.session.commit()
            upgrade()
            raw = db.session.execute(sa.text("select body_text from outbox")).scalar_one()
            assert raw.startswith("v1:") and "Monday" not in raw
            assert db.session.scalars(sa.select(OutboxMessage.body_text)).one() == ANSWER
            db.session.remove()
            db.engine.dispose()
