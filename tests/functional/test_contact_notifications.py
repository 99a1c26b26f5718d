"""Moderators hear of a new inquiry by mail that carries nothing the visitor wrote."""

from __future__ import annotations

import re

import sqlalchemy as sa

from service.contact import services
from service.data.extensions import db
from service.data.models import ActionLink, Inquiry, OutboxMessage
from service.web.errors import Conflict
from tests.factories import ModeratorFactory


def visitor_details(payload: dict[str, object]) -> list[str]:
    """Every piece of what the visitor sent, as it could appear in a mail."""
    return [
        "Ada",
        "Patient",
        "ada.patient",
        "example.org",
        "7946",
        "knee",
        "injection",
        "treatment",  # the topic's key ...
        "Question about a treatment",  # ... and its label
        str(payload["message"])[:20],
    ]


def mentions(text: str, detail: str) -> bool:
    """Whether `detail` stands in `text` as a word of its own, not inside a random link token."""
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(detail)}(?![A-Za-z0-9])", text) is not None


def test_moderator_receives_a_notice_without_anything_the_visitor_wrote(
    app, client, runner, moderator, smtp_server, inquiry_payload, lenient_filter
):
    app.config["PUBLIC_URL"] = "https://desk.clinic.example/"
    app.config["MAIL_FROM"] = "desk@clinic.example"
    inquiry_id = client.post("/api/inquiries", json=inquiry_payload).json["id"]

    result = runner.invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output

    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "desk@clinic.example"
    assert envelope.rcpt_tos == [moderator.email]
    [mail] = smtp_server.messages
    assert mail["Subject"] == f"New inquiry #{inquiry_id}"
    assert mail["From"] == "desk@clinic.example"
    assert mail["Reply-To"] is None
    body = mail.get_content()
    assert f"a new inquiry (#{inquiry_id}) has arrived" in body
    assert f"https://desk.clinic.example/moderation/inquiries/{inquiry_id}" in body.splitlines()
    raw = envelope.original_content.decode("utf-8", "replace")
    for detail in visitor_details(inquiry_payload):
        assert not mentions(raw, detail), detail


def test_every_active_moderator_who_wants_notices_gets_one(client, inquiry_payload, lenient_filter):
    wants = ModeratorFactory(notify=True)
    ModeratorFactory(notify=False)
    ModeratorFactory(active=False)
    also = ModeratorFactory(notify=True)
    db.session.commit()
    client.post("/api/inquiries", json=inquiry_payload)
    recipients = db.session.scalars(sa.select(OutboxMessage.to_addr).order_by(OutboxMessage.id))
    assert list(recipients) == [wants.email, also.email]


def test_notice_is_written_in_the_same_transaction_as_the_inquiry(
    client, moderator, inquiry_payload, lenient_filter
):
    bad = client.post("/api/inquiries", json={**inquiry_payload, "consent": False})
    assert bad.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
    client.post("/api/inquiries", json=inquiry_payload)
    inquiry = db.session.scalar(sa.select(Inquiry))
    notice = db.session.scalar(sa.select(OutboxMessage))
    assert notice.subject == f"New inquiry #{inquiry.id}"
    assert notice.purpose == "inquiry-notice"


def test_a_write_that_fails_after_the_notices_keeps_neither_the_inquiry_nor_its_notices(
    client, moderator, inquiry_payload, lenient_filter, monkeypatch
):
    class ClaimTakenOver:
        """The last step of the write fails, after the notice and its links were written."""

        def record(self, status, body, connection=None):
            raise Conflict("A retry with this Idempotency-Key has already been answered.")

    monkeypatch.setattr(services, "current_claim", ClaimTakenOver)
    response = client.post("/api/inquiries", json=inquiry_payload)
    assert response.status_code == 409
    for model in (Inquiry, OutboxMessage, ActionLink):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0, model
    monkeypatch.undo()
    assert client.post("/api/inquiries", json=inquiry_payload).status_code == 202
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(ActionLink.id))) == 2


def test_line_breaks_in_the_name_cannot_add_a_header_or_a_recipient(
    client, runner, moderator, smtp_server, inquiry_payload, lenient_filter
):
    response = client.post(
        "/api/inquiries",
        json={
            **inquiry_payload,
            "name": "Ada\r\nBcc: victim@example.org\r\nSubject: Free pills",
        },
    )
    assert response.status_code == 202
    assert runner.invoke(args=["outbox", "deliver"]).exit_code == 0
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == [moderator.email]
    raw = envelope.original_content
    assert b"victim" not in raw
    assert b"Free pills" not in raw
    [mail] = smtp_server.messages
    assert sorted(mail.keys()) == sorted(
        [
            "From",
            "To",
            "Subject",
            "Message-ID",
            "Auto-Submitted",
            "Content-Type",
            "Content-Transfer-Encoding",
            "MIME-Version",
        ]
    )
    # The name itself is stored on one line, as typed.
    stored = db.session.scalar(sa.select(Inquiry.name))
    assert stored == "Ada Bcc: victim@example.org Subject: Free pills"
