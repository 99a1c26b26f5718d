"""Answers reach visitors whose address has an internationalised domain (name@bücher.example)
or local part (jörg@…): the domain goes out in its ASCII form, and a local part beyond ASCII
uses SMTPUTF8 where the mail server offers it."""

from __future__ import annotations

from email import message_from_bytes, policy

import sqlalchemy as sa

from service.data.database import transaction
from service.data.extensions import db
from service.data.models import Inquiry, OutboxMessage, OutboxStatus
from service.moderation import services
from service.submissions.outbox import deliver_due, enqueue

ANSWER = "Please call us on Monday morning."


def answer_from_the_contact_api(client, moderator, payload, email: str) -> Inquiry:
    response = client.post("/api/inquiries", json={**payload, "email": email})
    assert response.status_code == 202, response.json
    inquiry = db.session.get(Inquiry, response.json["id"])
    services.act(moderator, "inquiry", inquiry.id, "answer", ANSWER)
    return inquiry


def the_answer() -> OutboxMessage:
    message = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.purpose == "inquiry.answer")
    ).one()
    db.session.refresh(message)
    return message


def test_an_answer_to_an_idn_domain_reaches_a_server_without_smtputf8(
    client, moderator, inquiry_payload, lenient_filter, smtp_server
):
    inquiry = answer_from_the_contact_api(client, moderator, inquiry_payload, "name@bücher.example")
    assert inquiry.email == "name@bücher.example"  # staff read it as the visitor wrote it
    assert deliver_due().sent >= 1
    [envelope] = [e for e in smtp_server.envelopes if e.rcpt_tos != [moderator.email]]
    assert envelope.rcpt_tos == ["name@xn--bcher-kva.example"]
    assert "SMTPUTF8" not in envelope.mail_options
    [mail] = [m for m in smtp_server.messages if m["To"] != moderator.email]
    assert mail["To"] == "name@xn--bcher-kva.example"
    content = mail.get_content()
    assert f"about your inquiry #{inquiry.id}" in content and ANSWER not in content
    assert the_answer().status is OutboxStatus.SENT


def test_an_answer_to_an_idn_domain_reaches_a_server_with_smtputf8(
    client, moderator, inquiry_payload, lenient_filter, smtputf8_server
):
    answer_from_the_contact_api(client, moderator, inquiry_payload, "name@bücher.example")
    deliver_due()
    assert ["name@xn--bcher-kva.example"] in [e.rcpt_tos for e in smtputf8_server.envelopes]
    assert the_answer().status is OutboxStatus.SENT


def test_a_local_part_beyond_ascii_goes_out_with_smtputf8_when_the_server_offers_it(
    client, moderator, inquiry_payload, lenient_filter, smtputf8_server
):
    answer_from_the_contact_api(client, moderator, inquiry_payload, "jörg@bücher.example")
    deliver_due()
    [envelope] = [e for e in smtputf8_server.envelopes if e.rcpt_tos != [moderator.email]]
    assert envelope.rcpt_tos == ["jörg@xn--bcher-kva.example"]
    assert "SMTPUTF8" in envelope.mail_options
    sent = message_from_bytes(envelope.original_content, policy=policy.default)
    assert "/conversation?t=" in sent.get_content()
    assert the_answer().status is OutboxStatus.SENT


def test_a_local_part_beyond_ascii_gives_up_at_once_on_a_server_without_smtputf8(app, smtp_server):
    with transaction():
        stuck = enqueue("jörg@bücher.example", "Your inquiry", ANSWER, "inquiry.answer")
        enqueue("after@clinic.example", "Your inquiry", ANSWER, "inquiry.answer")
    report = deliver_due()
    assert (report.sent, report.failed, report.gave_up) == (1, 0, 1)
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["after@clinic.example"]]
    db.session.refresh(stuck)
    assert stuck.status is OutboxStatus.FAILED
    assert (stuck.attempts, stuck.last_error) == (1, "SMTPNotSupportedError")
