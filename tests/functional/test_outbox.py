"""The outbox delivers queued mail over a real SMTP server, with retries, exactly once."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import OutboxMessage, OutboxStatus
from service.submissions.outbox import MailConfigError, SmtpSettings, backoff, deliver_due, enqueue


def queue_mail(to: str = "staff@clinic.example", subject: str = "New inquiry #7") -> int:
    with transaction():
        message = enqueue(to, subject, "A new inquiry arrived.", purpose="inquiry-notice")
    return message.id


def test_outbox_deliver_sends_queued_mail_from_the_clinic(app, runner, smtp_server):
    app.config["MAIL_FROM"] = "desk@clinic.example"
    message_id = queue_mail()
    result = runner.invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    assert "sent 1, failed 0 (retried later), gave up 0; 0 still queued" in result.output
    [mail] = smtp_server.messages
    assert mail["From"] == "desk@clinic.example"
    assert mail["To"] == "staff@clinic.example"
    assert mail["Subject"] == "New inquiry #7"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert smtp_server.envelopes[0].mail_from == "desk@clinic.example"
    assert smtp_server.envelopes[0].rcpt_tos == ["staff@clinic.example"]
    message = db.session.get(OutboxMessage, message_id)
    db.session.refresh(message)
    assert message.status is OutboxStatus.SENT
    assert message.sent_at is not None


def test_mail_waits_while_the_server_is_down_and_goes_out_once_when_it_is_back(app, smtp_sink):
    message_id = queue_mail()
    started = utcnow()

    report = deliver_due(now=started)
    assert (report.sent, report.failed) == (0, 1)
    message = db.session.get(OutboxMessage, message_id)
    db.session.refresh(message)
    assert message.status is OutboxStatus.QUEUED
    assert message.attempts == 1
    assert message.last_error in ("ConnectionRefusedError", "SMTPServerDisconnected")
    assert message.next_attempt_at >= started + backoff(1) - dt.timedelta(seconds=1)

    smtp_sink.start()
    assert deliver_due(now=started).sent == 0  # not due yet: the retry waits its turn
    later = started + dt.timedelta(minutes=2)
    assert deliver_due(now=later).sent == 1
    assert deliver_due(now=later + dt.timedelta(hours=1)).sent == 0
    assert len(smtp_sink.envelopes) == 1
    db.session.refresh(message)
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)


def test_two_delivery_rounds_never_send_a_mail_twice(app, runner, smtp_server):
    queue_mail("a@clinic.example")
    queue_mail("b@clinic.example")
    assert runner.invoke(args=["outbox", "deliver"]).exit_code == 0
    assert runner.invoke(args=["outbox", "deliver"]).exit_code == 0
    assert sorted(e.rcpt_tos[0] for e in smtp_server.envelopes) == [
        "a@clinic.example",
        "b@clinic.example",
    ]


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4, 7, 20)] == [
        1,
        2,
        4,
        8,
        60,
        60,
    ]


def test_a_mail_whose_header_would_carry_a_line_break_is_never_sent(app, smtp_server):
    poisoned = queue_mail(subject="New inquiry\r\nBcc: victim@example.org")
    queue_mail("after@clinic.example")
    report = deliver_due()
    assert (report.sent, report.gave_up) == (1, 1)
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["after@clinic.example"]]
    assert b"victim" not in smtp_server.envelopes[0].original_content
    message = db.session.get(OutboxMessage, poisoned)
    db.session.refresh(message)
    assert message.status is OutboxStatus.FAILED


def test_outbox_deliver_without_smtp_url_says_so(app, runner):
    app.config["SMTP_URL"] = None
    queue_mail()
    result = runner.invoke(args=["outbox", "deliver"])
    assert result.exit_code == 1
    assert "SMTP_URL is not set; mail stays queued." in result.output
    assert "Traceback" not in result.output
    assert db.session.scalar(sa.select(OutboxMessage.status)) is OutboxStatus.QUEUED


def test_outbox_deliver_loop_runs_rounds_until_ctrl_c(app, runner, smtp_server, monkeypatch):
    rounds = []

    def sleep(seconds: float) -> None:
        rounds.append(seconds)
        if len(rounds) == 2:
            raise KeyboardInterrupt
        queue_mail(f"round{len(rounds)}@clinic.example")

    monkeypatch.setattr("service.operations.cli.time.sleep", sleep)
    queue_mail("round0@clinic.example")
    result = runner.invoke(args=["outbox", "deliver", "--loop", "--interval", "5"])
    assert result.exit_code == 0, result.output
    assert rounds == [5, 5]
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert all("sent 1, failed 0" in line for line in lines[:2])
    assert lines[-1] == "Stopped."
    assert len(smtp_server.envelopes) == 2


def test_healthz_reports_the_backlog_and_the_age_of_the_oldest_mail(client, app):
    with transaction():
        message = enqueue("staff@clinic.example", "New inquiry #1", "body")
        message.created_at = utcnow() - dt.timedelta(minutes=10)
    outbox = client.get("/healthz").json["outbox"]
    assert outbox["queued"] == 1
    assert 595 <= outbox["oldest_seconds"] <= 660


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://127.0.0.1:2525?tls=off", ("127.0.0.1", 2525, None, "plain")),
        ("smtp://u:p@mail.example", ("mail.example", 587, "u", "starttls")),
        ("smtps://u:p%40x@mail.example", ("mail.example", 465, "u", "ssl")),
    ],
)
def test_smtp_url_forms(url, expected):
    settings = SmtpSettings.from_url(url)
    assert (settings.host, settings.port, settings.username, settings.mode) == expected


def test_smtp_url_refuses_a_password_without_tls():
    with pytest.raises(MailConfigError, match="without TLS"):
        SmtpSettings.from_url("smtp://user:secret@mail.example?tls=off")
