"""The few statements every submission runs are compiled once per database and run on the
driver's cursor: what they store reads back exactly as SQLAlchemy would have stored it."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from service.contact.services import INQUIRY_COLUMNS
from service.data.database import utcnow
from service.data.extensions import db
from service.data.fastpaths import DriverStatement, durable_write, submission_connection
from service.data.models import AuditEvent, Inquiry, InquiryStatus, Verdict

INQUIRIES = Inquiry.__table__


def inquiry_row(**changes: object) -> dict:
    now = utcnow()
    row = {
        "name": "Ada Patient",
        "email": "ada@example.org",
        "phone": "+1 555 0100",
        "phone_normalized": "+15550100",
        "topic": "other",
        "message": "My knee hurts after the injection.",
        "content_hash": "abc",
        "consent_at": now,
        "consent_version": "v1",
        "status": InquiryStatus.RECEIVED,
        "verdict": Verdict.HAM,
        "score": 0.25,
        "reasons": [{"rule": "learned_model", "points": 0.25, "detail": "spam probability 0.1"}],
        "urgent": False,
        "spam_features": None,
        "client_address": "192.0.2.0",
        "created_at": now,
        "updated_at": now,
    }
    return {**row, **changes}


def test_an_inserted_row_reads_back_as_the_orm_would_have_stored_it(app):
    insert = DriverStatement(sa.insert(INQUIRIES), columns=INQUIRY_COLUMNS, new_id=INQUIRIES.c.id)
    row = inquiry_row()
    with db.session.begin():
        connection = db.session.connection()
        first = insert.insert(connection, insert.bind(connection.dialect, row))
        inquiry_id = insert.insert(connection, insert.bind(connection.dialect, row))
    assert inquiry_id == first + 1  # the new key, on either database
    db.session.expire_all()
    stored = db.session.get(Inquiry, inquiry_id)
    assert stored.message == row["message"]  # decrypted: it went through the type's encryption
    assert stored.phone == "+1 555 0100"
    assert stored.status is InquiryStatus.RECEIVED and stored.verdict is Verdict.HAM
    assert stored.reasons == row["reasons"]
    assert stored.created_at == row["created_at"] and stored.created_at.tzinfo is not None
    raw = db.session.execute(
        sa.text("SELECT message FROM inquiries WHERE id = :id"), {"id": inquiry_id}
    ).scalar_one()
    assert "knee" not in raw  # stored encrypted, as through the ORM


def test_a_parameter_the_statement_carries_is_used_when_the_caller_gives_none(app):
    newest = DriverStatement(
        sa.select(sa.func.count()).select_from(INQUIRIES).where(INQUIRIES.c.topic == "other")
    )
    cursor = newest.execute(db.session.connection(), {})
    assert cursor.fetchone()[0] == 0
    cursor.close()


def test_an_insert_that_leaves_out_a_defaulted_column_is_refused_before_it_runs(app):
    without_times = tuple(c for c in INQUIRY_COLUMNS if c not in ("created_at", "updated_at"))
    insert = DriverStatement(sa.insert(INQUIRIES), columns=without_times)
    with pytest.raises(ValueError, match="created_at"):
        insert.execute(db.session.connection(), inquiry_row())
    db.session.rollback()


def test_a_row_with_a_missing_or_extra_value_is_refused(app):
    insert = DriverStatement(sa.insert(INQUIRIES), columns=INQUIRY_COLUMNS)
    with pytest.raises(ValueError, match="exactly"):
        insert.execute(db.session.connection(), {**inquiry_row(), "assigned_to_id": None})
    db.session.rollback()


def test_a_driver_error_comes_out_as_sqlalchemys(app):
    audit = DriverStatement(
        sa.insert(AuditEvent.__table__),
        columns=("actor", "moderator_id", "action", "kind", "item_id", "detail", "at"),
    )
    entry = {
        "actor": "someone",
        "moderator_id": 424242,  # no such moderator: the foreign key refuses it
        "action": "login",
        "kind": None,
        "item_id": None,
        "detail": {},
        "at": utcnow() - dt.timedelta(seconds=1),
    }
    with pytest.raises(sa.exc.IntegrityError):
        audit.execute(db.session.connection(), entry)
    db.session.rollback()


def test_a_durable_write_commits_what_its_block_wrote(app):
    insert = DriverStatement(sa.insert(INQUIRIES), columns=INQUIRY_COLUMNS, new_id=INQUIRIES.c.id)
    with submission_connection() as connection, durable_write(connection):
        inquiry_id = insert.insert(connection, insert.bind(connection.dialect, inquiry_row()))
    # Read back on another connection: it was committed, not merely written.
    assert db.session.get(Inquiry, inquiry_id).name == "Ada Patient"


def test_a_durable_write_that_raises_stores_nothing(app):
    insert = DriverStatement(sa.insert(INQUIRIES), columns=INQUIRY_COLUMNS, new_id=INQUIRIES.c.id)
    with submission_connection() as connection:
        with pytest.raises(RuntimeError), durable_write(connection):
            insert.insert(connection, insert.bind(connection.dialect, inquiry_row()))
            raise RuntimeError("the last step failed")
        # The connection is usable again, and the next write is kept.
        with durable_write(connection):
            insert.insert(connection, insert.bind(connection.dialect, inquiry_row(name="Bo")))
    assert db.session.scalars(sa.select(Inquiry.name)).all() == ["Bo"]


def test_a_durable_write_joins_a_transaction_a_read_already_began(app):
    insert = DriverStatement(sa.insert(INQUIRIES), columns=INQUIRY_COLUMNS, new_id=INQUIRIES.c.id)
    with submission_connection() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(INQUIRIES)).scalar() == 0
        assert connection.in_transaction()  # SQLAlchemy began one for the read
        with durable_write(connection):
            insert.insert(connection, insert.bind(connection.dialect, inquiry_row()))
        assert not connection.in_transaction()
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 1
