"""Health information is forgotten on time, exported and erased on request, re-encrypted under
a new key, and backed up and restored whole."""

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from config import new_data_key
from service.data.crypto import Keyring
from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    Comment,
    CommentStatus,
    IdempotencyRecord,
    Inquiry,
    InquiryStatus,
    Thread,
)


def make_inquiry(email="ada@example.org", status=InquiryStatus.RECEIVED, age_days=0, **extra):
    when = utcnow() - dt.timedelta(days=age_days)
    inquiry = Inquiry(
        name="Ada Patient",
        email=email,
        topic="appointment",
        message="My knee hurts at night.",
        phone="+1 555 0100",
        consent_at=when,
        consent_version="v1",
        status=status,
        created_at=when,
        updated_at=when,
        **extra,
    )
    db.session.add(inquiry)
    db.session.flush()
    return inquiry


def make_comment(email="ada@example.org", status=CommentStatus.APPROVED, age_days=0, parent=None):
    thread = db.session.scalar(sa.select(Thread)) or Thread(key="articles/x")
    db.session.add(thread)
    db.session.flush()
    when = utcnow() - dt.timedelta(days=age_days)
    comment = Comment(
        thread_id=thread.id,
        author="Ada",
        email=email,
        body="Thanks for the article.",
        body_html="<p>Thanks for the article.</p>",
        status=status,
        created_at=when,
        updated_at=when,
        parent_id=parent.id if parent else None,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def count(model, *where):
    return db.session.scalar(sa.select(sa.func.count(model.id)).where(*where))


def test_retention_purge_deletes_old_spam_and_closed_inquiries_only(runner):
    make_inquiry(status=InquiryStatus.SPAM, age_days=31)
    make_inquiry(status=InquiryStatus.SPAM, age_days=5)
    make_inquiry(
        status=InquiryStatus.CLOSED, age_days=400, closed_at=utcnow() - dt.timedelta(days=400)
    )
    make_inquiry(status=InquiryStatus.RECEIVED, age_days=400)
    make_comment(status=CommentStatus.SPAM, age_days=40)
    make_comment(status=CommentStatus.APPROVED, age_days=400)
    db.session.add(
        IdempotencyRecord(
            scope="s", key="k", body_hash="h", expires_at=utcnow() - dt.timedelta(hours=1)
        )
    )
    db.session.commit()
    result = runner.invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["spam_inquiries"] == 1
    assert report["closed_inquiries"] == 1
    assert report["spam_comments"] == 1
    assert report["idempotency_keys"] == 1
    assert count(Inquiry) == 2  # the recent spam and the open inquiry stay
    assert count(Comment) == 1
    assert count(AuditEvent, AuditEvent.action == "retention.purge") == 1


def test_privacy_export_lists_everything_about_one_person(runner):
    make_inquiry()
    make_comment()
    make_inquiry(email="someone@example.org")
    db.session.commit()
    result = runner.invoke(args=["privacy", "export", "ADA@example.org"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [i["message"] for i in data["inquiries"]] == ["My knee hurts at night."]
    assert len(data["comments"]) == 1
    assert count(AuditEvent, AuditEvent.action == "privacy.export") == 1
    audit = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "privacy.export"))
    assert "knee" not in json.dumps(audit.detail)


def test_privacy_erase_deletes_and_keeps_tombstones_for_replied_comments(runner):
    make_inquiry()
    lone = make_comment()
    replied = make_comment()
    make_comment(email="other@example.org", parent=replied)
    db.session.commit()
    result = runner.invoke(args=["privacy", "erase", "ada@example.org", "--yes"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "comments_deleted": 1,
        "comments_tombstoned": 1,
        "inquiries_deleted": 1,
        "mail_deleted": 0,
        "subscribers_deleted": 0,
    }
    db.session.expire_all()
    assert db.session.get(Comment, lone.id) is None
    tombstone = db.session.get(Comment, replied.id)
    assert tombstone.status is CommentStatus.DELETED
    assert tombstone.body == "" and tombstone.email is None
    assert count(Inquiry) == 0
    assert count(AuditEvent, AuditEvent.action == "privacy.erase") == 1


def test_keys_rotate_re_encrypts_under_the_new_key(app, runner):
    inquiry_id = make_inquiry().id
    db.session.commit()
    old_key = app.config["DATA_KEY"]
    new_key = new_data_key()
    app.extensions["clinic_desk_keyring"] = Keyring(new_key, [old_key])
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 2 values" in result.output  # the message and the phone
    stored = db.session.execute(
        sa.text("select message from inquiries where id = :id"), {"id": inquiry_id}
    ).scalar_one()
    assert stored.split(":")[1] == Keyring(new_key).current_id
    app.extensions["clinic_desk_keyring"] = Keyring(new_key)  # the old key is gone now
    db.session.expire_all()
    inquiry = db.session.get(Inquiry, inquiry_id)
    assert inquiry.message == "My knee hurts at night."
    assert inquiry.phone == "+1 555 0100"


def test_keys_rotate_without_the_old_key_says_what_to_do(app, runner):
    make_inquiry()
    db.session.commit()
    app.extensions["clinic_desk_keyring"] = Keyring(new_data_key())
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 1
    assert "DATA_KEYS_PREVIOUS" in result.output


def test_backup_and_restore_bring_back_every_item(app, runner, tmp_path):
    if db.engine.dialect.name != "sqlite":
        result = runner.invoke(args=["backup", "create", str(tmp_path / "b.sqlite3")])
        assert result.exit_code == 1
        assert "pg_dump" in result.output
        return
    ids = [make_inquiry().id for _ in range(3)]
    db.session.commit()
    target = tmp_path / "backup.sqlite3"
    result = runner.invoke(args=["backup", "create", str(target)])
    assert result.exit_code == 0, result.output
    db.session.execute(sa.delete(Inquiry))
    db.session.commit()
    assert count(Inquiry) == 0
    result = runner.invoke(args=["backup", "restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert sorted(db.session.scalars(sa.select(Inquiry.id))) == ids
    assert db.session.get(Inquiry, ids[0]).message == "My knee hurts at night."


@pytest.mark.parametrize("name", ["missing.sqlite3", "notsqlite.txt"])
def test_restore_refuses_a_missing_or_broken_file(app, runner, tmp_path, name):
    if name == "notsqlite.txt":
        (tmp_path / name).write_text("hello")
    result = runner.invoke(args=["backup", "restore", str(tmp_path / name), "--yes"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    if db.engine.dialect.name != "sqlite":
        assert "pg_dump" in result.output
    else:
        assert str(tmp_path / name) in result.output
