"""The mail outbox: mail is written with the change it reports and sent later, with retries.

Each row is claimed with a conditional UPDATE before it is sent, so two deliverers never send
the same mail; a fixed Message-ID lets mail servers drop a duplicate after a crash mid-send.
Bodies are stored encrypted (the column does it) and decrypted only when a row is loaded to be
sent. Addresses are stored as people wrote them; an internationalised domain goes out in its
ASCII (punycode) form, which every server takes, and only a local part beyond ASCII needs a
server that offers SMTPUTF8.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from urllib.parse import parse_qs, unquote, urlsplit

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import OutboxMessage, OutboxStatus, WebhookDelivery

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
LEASE = dt.timedelta(minutes=5)


class MailConfigError(ValueError):
    """SMTP_URL is malformed or would send a password without TLS."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None
    password: str | None
    mode: str  # "starttls", "ssl" or "plain"

    @classmethod
    def from_url(cls, url: str) -> SmtpSettings:
        """Parse `smtp://user:pass@host:port[?tls=off]` or `smtps://...`. Raises MailConfigError."""
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailConfigError("SMTP_URL must look like smtp://user:pass@host:port or smtps://.")
        options = parse_qs(parts.query)
        if parts.scheme == "smtps":
            mode = "ssl"
        elif options.get("tls", ["on"])[0].lower() in ("off", "0", "no", "false"):
            mode = "plain"
        else:
            mode = "starttls"
        username = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password else None
        if mode == "plain" and username:
            raise MailConfigError("SMTP_URL sends a password without TLS; remove ?tls=off.")
        default_port = 465 if mode == "ssl" else 587 if mode == "starttls" else 25
        return cls(parts.hostname, parts.port or default_port, username, password, mode)


def enqueue(
    to_addr: str,
    subject: str,
    body: str,
    purpose: str = "notice",
    session: sa.orm.Session | None = None,
    headers: dict[str, str] | None = None,
) -> OutboxMessage:
    """Queue a mail in the caller's transaction: in `session` if given, else in the request's
    session. `headers` are added to the mail as they are (List-Unsubscribe, say)."""
    message = OutboxMessage(
        to_addr=to_addr, subject=subject, body_text=body, purpose=purpose, headers=headers
    )
    (session if session is not None else db.session).add(message)
    return message


def backlog(now: dt.datetime | None = None) -> dict[str, int | None]:
    """How many mails wait, and how old the oldest is in seconds."""
    now = now or utcnow()
    count, oldest = db.session.execute(
        sa.select(sa.func.count(OutboxMessage.id), sa.func.min(OutboxMessage.created_at)).where(
            OutboxMessage.status == OutboxStatus.QUEUED
        )
    ).one()
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.UTC)
    age = int((now - oldest).total_seconds()) if oldest else None
    return {"queued": count, "oldest_seconds": age}


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0


def wire_address(address: str) -> str:
    """The address with its domain in ASCII (name@bücher.example → name@xn--bcher-kva.example);
    the local part is left as written. An address that does not parse is returned unchanged."""
    if address.isascii():
        return address  # nothing to convert; skips the parser (about 0.2 ms) for most mail
    try:
        parsed = validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return address
    return f"{parsed.local_part}@{parsed.ascii_domain}"


def _build(message: OutboxMessage, sender: str) -> EmailMessage:
    mail = EmailMessage(policy=SMTP_POLICY)
    sender = wire_address(sender)
    mail["From"] = sender
    mail["To"] = wire_address(message.to_addr)
    mail["Subject"] = message.subject
    domain = sender.rpartition("@")[2] or "localhost"
    mail["Message-ID"] = f"<outbox-{message.id}-{int(message.created_at.timestamp())}@{domain}>"
    mail["Auto-Submitted"] = "auto-generated"
    for name, value in (message.headers or {}).items():
        mail[name] = value
    mail.set_content(message.body_text)
    return mail


def _send(settings: SmtpSettings, mail: EmailMessage) -> None:
    context = ssl.create_default_context()
    if settings.mode == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=20, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=20)
    with client:
        if settings.mode == "starttls":
            client.starttls(context=context)
        if settings.username:
            client.login(settings.username, settings.password or "")
        client.send_message(mail)


def claim(
    model: type[OutboxMessage] | type[WebhookDelivery], row_id: int, now: dt.datetime
) -> bool:
    """Take a queued mail or webhook delivery that is due for one attempt, committed at once so
    that no other worker sends it too; the lease runs out if this one dies. False when another
    worker has it, or it is not due."""
    claimed = db.session.execute(
        sa.update(model)
        .where(
            model.id == row_id,
            model.status == OutboxStatus.QUEUED,
            model.next_attempt_at <= now,
        )
        .values(attempts=model.attempts + 1, next_attempt_at=now + LEASE)
    )
    db.session.commit()
    return claimed.rowcount == 1


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 … minutes between tries, at most an hour."""
    return dt.timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


def retry_or_give_up(row: OutboxMessage | WebhookDelivery, report: DeliveryReport) -> None:
    """After a failed attempt, in the caller's transaction: give up once MAX_ATTEMPTS are spent,
    or else try again after the backoff."""
    if row.attempts >= MAX_ATTEMPTS:
        row.status = OutboxStatus.FAILED
        report.gave_up += 1
    else:
        row.next_attempt_at = utcnow() + backoff(row.attempts)
        report.failed += 1


def deliver_due(limit: int = 100, now: dt.datetime | None = None) -> DeliveryReport:
    """Send every queued mail that is due. Raises MailConfigError when SMTP_URL is unusable."""
    url = current_app.config.get("SMTP_URL")
    if not url:
        raise MailConfigError("SMTP_URL is not set; mail stays queued.")
    settings = SmtpSettings.from_url(url)
    sender = current_app.config["MAIL_FROM"]
    report = DeliveryReport()
    now = now or utcnow()
    due = db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.QUEUED, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    for message_id in due:
        if not claim(OutboxMessage, message_id, now):
            continue
        message = db.session.get(OutboxMessage, message_id)
        try:
            mail = _build(message, sender)
        except ValueError as error:
            # email.policy.SMTP refuses a header with a line break (or otherwise unusable):
            # no retry can fix that, and the mail must not block the rounds after it.
            with transaction():
                message.status = OutboxStatus.FAILED
                message.last_error = type(error).__name__
            report.gave_up += 1
            log.error("mail %s cannot be built (%s); not sent", message_id, type(error).__name__)
            continue
        try:
            _send(settings, mail)
        except smtplib.SMTPNotSupportedError as error:
            # A local part beyond ASCII and a server without SMTPUTF8: retrying cannot help.
            with transaction():
                message.status = OutboxStatus.FAILED
                message.last_error = type(error).__name__
            report.gave_up += 1
            log.error("mail %s needs SMTPUTF8, which the server does not offer", message_id)
            continue
        except (OSError, smtplib.SMTPException) as error:
            with transaction():
                message.last_error = type(error).__name__
                retry_or_give_up(message, report)
            log.warning(
                "mail %s not sent (attempt %s): %s",
                message_id,
                message.attempts,
                type(error).__name__,
            )
            continue
        with transaction():
            message.status = OutboxStatus.SENT
            message.sent_at = utcnow()
            message.last_error = None
        report.sent += 1
    return report


# --- The development mail viewer ---------------------------------------------------------------
# Without an SMTP server (the demo, development) mail waits in the outbox. These show it as the
# deliverer would send it, decrypted, for a developer's eyes only: never in production.


def is_mail_viewer_enabled() -> bool:
    """Only with APP_ENV=development: the viewer shows decrypted mail bodies."""
    return current_app.config.get("ENV_NAME") == "development"


@dataclass(frozen=True)
class ShownMail:
    id: int
    status: str
    purpose: str
    created_at: dt.datetime
    headers: list[tuple[str, str]]
    body: str

    def as_text(self) -> str:
        head = "\n".join(f"{name}: {value}" for name, value in self.headers)
        return f"{head}\n\n{self.body}"


def _shown(message: OutboxMessage) -> ShownMail:
    mail = _build(message, current_app.config["MAIL_FROM"])
    return ShownMail(
        id=message.id,
        status=message.status.value,
        purpose=message.purpose,
        created_at=message.created_at,
        headers=[(name, str(value)) for name, value in mail.items()],
        body=mail.get_content(),
    )


def mails_as_sent(message_id: int | None = None, limit: int = 50) -> list[ShownMail]:
    """The newest mail in the outbox (or one by id), built as the deliverer would send it."""
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if message_id is not None:
        query = query.where(OutboxMessage.id == message_id)
    return [_shown(message) for message in db.session.scalars(query)]
