"""Contact inquiries: storing one with its spam verdict, its notices and its answer."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from typing import Any, NamedTuple

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app, render_template
from flask_babel import gettext
from sqlalchemy.exc import IntegrityError

from service.contact.validation import InquiryInput
from service.data.database import transaction, utcnow
from service.data.fastpaths import (
    DriverStatement,
    driver_statements_enabled,
    durable_write,
    submission_connection,
)
from service.data.models import (
    Inquiry,
    InquiryStatus,
    ItemKind,
    Moderator,
    Verdict,
    WebhookEvent,
)
from service.spam.triage import is_urgent
from service.submissions.filtering import judge, judged_columns, request_submission
from service.submissions.formtokens import inspect_form_token, spend_form_token
from service.submissions.idempotency import current_claim
from service.submissions.outbox import enqueue
from service.submissions.staffscope import scope_from
from service.submissions.webhooks import emit
from service.web.i18n import mail_language, translate
from service.web.requestlog import note


@functools.lru_cache(maxsize=8)
def consent_version(text: str) -> str:
    """A short, stable fingerprint of the consent wording a visitor saw."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Receipt(NamedTuple):
    """A stored inquiry: its number, and whether its text suggests an emergency."""

    id: int
    urgent: bool


def acknowledgement(receipt: Receipt) -> dict[str, Any]:
    """What the visitor is told: the same whatever the filter decided (spam gets no signal).
    An urgent inquiry's answer carries the emergency notice, in the visitor's language."""
    answer: dict[str, Any] = {
        "id": receipt.id,
        "status": InquiryStatus.RECEIVED.value,
        "urgent": receipt.urgent,
    }
    if receipt.urgent:
        answer["notice"] = translate(current_app.config["EMERGENCY_NOTICE"])
    return answer


def inquiry_link(inquiry_id: int) -> str:
    """Where staff read an inquiry, under PUBLIC_URL (never the request's Host)."""
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/moderation/inquiries/{inquiry_id}"


def submit_inquiry(
    values: InquiryInput, honeypot: str = "", form_token: str | None = None
) -> Receipt:
    """Store an inquiry, judged by the spam filter and by urgent triage, in one transaction
    with its form token, moderator notices and idempotent answer, and return its receipt.
    Needs a request context (the filter reads the client's truncated address and user agent).
    Triage never refuses nor holds an inquiry: it only marks it."""
    try:
        return _store(values, honeypot, form_token)
    except IntegrityError:
        # A concurrent request spent the same form token first; judged again, it is a replay.
        return _store(values, honeypot, form_token)


def _store(values: InquiryInput, honeypot: str, form_token: str | None) -> Receipt:
    if not driver_statements_enabled():
        return _store_inquiry_in_session(values, honeypot, form_token)
    with submission_connection() as connection:
        return _store_inquiry(connection, values, honeypot, form_token)


def _judged_row(
    values: InquiryInput, honeypot: str, check: Any, connection: sa.Connection | None
) -> tuple[dict, Verdict]:
    """The new inquiry's complete row, judged by the filter (reading on `connection` if given,
    else in the session)."""
    submission = request_submission(
        kind="inquiry",
        text=values.message,
        author=values.name,
        email=values.email,
        honeypot=honeypot,
        form_token=check.state,
        form_token_age=check.age,
    )
    assessment = judge(submission, connection)
    verdict = assessment.verdict
    # Held as spam, it waits in the spam folder, where staff can rescue it.
    status = InquiryStatus.SPAM if verdict is Verdict.SPAM else InquiryStatus.RECEIVED
    now = utcnow()
    row = {
        **dataclasses.asdict(values),  # every validated field is a column, stored as it is
        "consent_at": now,
        "consent_version": consent_version(current_app.config["CONSENT_TEXT"]),
        "status": status,
        **judged_columns(assessment, values.message),
        "urgent": is_urgent(values.message),
        "client_address": submission.client_address,
        "created_at": now,
        "updated_at": now,
    }
    return row, verdict


def _store_inquiry(
    connection: sa.Connection, values: InquiryInput, honeypot: str, form_token: str | None
) -> Receipt:
    """With FAST_DRIVER_STATEMENTS: the reads and the write on a connection of its own, the
    INSERT compiled once and run on the driver's cursor (see `DriverStatement`)."""
    check = inspect_form_token(form_token, connection=connection)
    row, verdict = _judged_row(values, honeypot, check, connection)
    insert = _INSERT_INQUIRY.bind(connection.dialect, row)  # encrypted before the write starts
    with durable_write(connection):
        # One plain INSERT (the row is complete): the write lock is held as briefly as can be.
        inquiry_id = _INSERT_INQUIRY.insert(connection, insert)
        # No audit entry: the audit log records what staff do. A receipt is the inquiry's own
        # row (its time and verdict), and a spam flood must not bury staff actions.
        spend_form_token(check, connection)
        receipt = Receipt(inquiry_id, row["urgent"])
        if row["status"] is InquiryStatus.RECEIVED:
            recipients = _recipients(connection, row["topic"])
            on_call = _on_call(connection, row["topic"]) if receipt.urgent else []
            if recipients or on_call:
                with so.Session(bind=connection) as session:  # joins the connection's transaction
                    _notify_moderators(session, receipt, recipients, on_call)
            emit(WebhookEvent.INQUIRY_RECEIVED, "inquiry", inquiry_id, "received", connection)
        claim = current_claim()
        if claim is not None:
            claim.record(202, acknowledgement(receipt), connection)
    note(f"inquiry {inquiry_id} received, verdict {verdict.value}")
    return receipt


def _store_inquiry_in_session(
    values: InquiryInput, honeypot: str, form_token: str | None
) -> Receipt:
    """The plain framework path, with FAST_DRIVER_STATEMENTS=0: the same reads and write in
    the request's ORM session (service/data/fastpaths.py)."""
    check = inspect_form_token(form_token)
    row, verdict = _judged_row(values, honeypot, check, None)
    with transaction() as session:
        inquiry = Inquiry(**row)
        session.add(inquiry)
        session.flush()
        spend_form_token(check)
        receipt = Receipt(inquiry.id, inquiry.urgent)
        if inquiry.status is InquiryStatus.RECEIVED:
            connection = session.connection()
            on_call = _on_call(connection, inquiry.topic) if receipt.urgent else []
            _notify_moderators(session, receipt, _recipients(connection, inquiry.topic), on_call)
            emit(WebhookEvent.INQUIRY_RECEIVED, "inquiry", inquiry.id, "received")
        claim = current_claim()
        if claim is not None:
            claim.record(202, acknowledgement(receipt))
    note(f"inquiry {receipt.id} received, verdict {verdict.value}")
    return receipt


_INQUIRIES = Inquiry.__table__
# What a new inquiry's row gives, defaults included: the insert runs without SQLAlchemy's.
INQUIRY_COLUMNS = (
    "name",
    "email",
    "phone",
    "phone_normalized",
    "topic",
    "message",
    "content_hash",
    "consent_at",
    "consent_version",
    "status",
    "verdict",
    "score",
    "reasons",
    "urgent",
    "spam_features",
    "client_address",
    "created_at",
    "updated_at",
)
_INSERT_INQUIRY = DriverStatement(
    sa.insert(_INQUIRIES),
    new_id=_INQUIRIES.c.id,
    columns=INQUIRY_COLUMNS,
)


class Recipient(NamedTuple):
    """A moderator who wants notices, as far as a notice needs to know."""

    id: int
    email: str


_MODERATORS = Moderator.__table__


def _active_moderators_who(flag: sa.Column) -> DriverStatement:
    """The active moderators whose boolean column `flag` is set, with what deciding whether
    they may open an inquiry takes."""
    return DriverStatement(
        sa.select(
            _MODERATORS.c.id,
            _MODERATORS.c.email,
            _MODERATORS.c.role,
            _MODERATORS.c.scope_kinds,
            _MODERATORS.c.scope_topics,
        )
        .where(_MODERATORS.c.active.is_(sa.true()), flag.is_(sa.true()))
        .order_by(_MODERATORS.c.id)
    )


_RECIPIENTS = _active_moderators_who(_MODERATORS.c.notify)
_ON_CALL = _active_moderators_who(_MODERATORS.c.on_call)


def _recipients(
    connection: sa.Connection, topic: str, statement: DriverStatement = _RECIPIENTS
) -> list[Recipient]:
    """Every active moderator who wants notices (or, with `_ON_CALL`, is on call) and may open
    an inquiry of `topic` (a notice about an item someone cannot open tells them it exists),
    read in the transaction on `connection`."""
    cursor = statement.execute(connection, {})
    rows = cursor.fetchall()
    cursor.close()
    return [
        Recipient(moderator_id, email)
        for moderator_id, email, role, kinds, topics in rows
        if scope_from(role, kinds, topics).allows(ItemKind.INQUIRY.value, topic)
    ]


def _on_call(connection: sa.Connection, topic: str) -> list[Recipient]:
    """Every active moderator on call who may open an inquiry of `topic`, read in the
    transaction on `connection`."""
    return _recipients(connection, topic, _ON_CALL)


def _notify_moderators(
    session: so.Session,
    receipt: Receipt,
    recipients: list[Recipient],
    on_call: list[Recipient],
) -> None:
    """Queue the notices of a received inquiry, in `session`'s transaction.

    An urgent inquiry's notice goes to the moderators on call, or, when nobody is, to every
    moderator who wants notices; they get it instead of the ordinary one. Every notice names
    the inquiry's number and links to it; nothing the visitor wrote goes in.
    """
    ordinary = recipients
    if receipt.urgent:
        urgent = on_call or recipients
        _notify_urgent(session, receipt.id, urgent)
        told = {moderator.id for moderator in urgent}
        ordinary = [moderator for moderator in recipients if moderator.id not in told]
    _notify_new(session, receipt.id, ordinary)


def _notify_urgent(session: so.Session, inquiry_id: int, recipients: list[Recipient]) -> None:
    """The urgent notice: the number and the link, and nothing else (no action links: an
    urgent inquiry is read, not closed from a mail)."""
    with mail_language():
        subject = gettext("Urgent inquiry #%(id)d received", id=inquiry_id)
        body = render_template(
            "email/urgent_inquiry.txt", inquiry_id=inquiry_id, link=inquiry_link(inquiry_id)
        )
    for moderator in recipients:
        enqueue(moderator.email, subject, body, purpose="urgent-inquiry-notice", session=session)
    session.flush()


def _notify_new(session: so.Session, inquiry_id: int, recipients: list[Recipient]) -> None:
    """Queue the new-inquiry notice for each of `recipients`, in `session`'s transaction."""
    from service.submissions.actionlinks import action_links_for

    if not recipients:
        return
    with mail_language():
        subject = gettext("New inquiry #%(id)d", id=inquiry_id)
    for moderator in recipients:
        # Each moderator gets links of their own: single-use, and the audit log names them.
        actions = action_links_for(
            moderator,
            ItemKind.INQUIRY.value,
            inquiry_id,
            ["close", "spam"],
            session,
            InquiryStatus.RECEIVED.value,  # notices go out for received inquiries only
        )
        with mail_language():
            body = render_template(
                "email/new_inquiry.txt",
                inquiry_id=inquiry_id,
                link=inquiry_link(inquiry_id),
                actions=actions,
            )
        enqueue(moderator.email, subject, body, purpose="inquiry-notice", session=session)
    # The links and mails are ORM rows in the caller's session (on the driver path, one joined
    # to the connection's transaction): they commit or roll back with the inquiry.
    session.flush()
