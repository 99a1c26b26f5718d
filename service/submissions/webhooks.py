"""Webhooks and chat alerts: an event is written with the change it reports, delivered later.

`emit()` runs inside the transaction that changes an inquiry or a comment and writes one
delivery row for every active endpoint that chose the event, so an event goes out if and only
if its change was committed. `deliver_due()` (run by `outbox deliver`) sends them, signed per
the Standard Webhooks specification, retried with the mail outbox's back-off.

What leaves is an event's type, the item's kind, id and status, a time and a link to the
moderation screens; never a message, a name, an email address or a phone number.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import http.client
import json
import logging
import secrets
from html import escape
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext

from service.data.database import isoformat, transaction, utcnow
from service.data.extensions import db
from service.data.models import (
    OutboxStatus,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookFormat,
)
from service.submissions.egress import (
    EndpointRefused,
    Target,
    checked_address,
    post_json,
    read_target,
)
from service.submissions.outbox import DeliveryReport, claim, retry_or_give_up
from service.web.i18n import mail_language

log = logging.getLogger(__name__)

# The events an endpoint can choose, in the order the admin screen lists them.
EVENTS = (
    WebhookEvent.INQUIRY_RECEIVED,
    WebhookEvent.COMMENT_HELD,
    WebhookEvent.COMMENT_PUBLISHED,
    WebhookEvent.ITEM_SPAM,
    WebhookEvent.INQUIRY_ANSWERED,
)
SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's prefix, not a secret)


def new_secret() -> str:
    """A signing secret as Standard Webhooks writes it: `whsec_` and 32 random bytes, base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: `v1,` and base64 HMAC-SHA256 of `id.timestamp.body`."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(secret: str, message_id: str, body: bytes, now: dt.datetime) -> dict[str, str]:
    timestamp = int(now.timestamp())
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
        "User-Agent": "Clinic-Desk-Webhooks",
    }


def item_link(kind: str, item_id: int, status: str) -> str:
    """Where staff see the item: an inquiry's page, or the queue filtered to the comment's
    status (links need a sign-in; the link itself tells nothing)."""
    base = (current_app.config["PUBLIC_URL"] or "").rstrip("/")
    if kind == "inquiry":
        return f"{base}/moderation/inquiries/{item_id}"
    if kind == "comment":
        return f"{base}/moderation/?kind=comment&status={status}"
    return f"{base}/moderation/webhooks"


def event_data(kind: str, item_id: int, status: str) -> dict[str, Any]:
    """The allow-listed facts about an item that an event carries."""
    return {"kind": kind, "id": item_id, "status": status, "link": item_link(kind, item_id, status)}


def chat_lines(event: str, data: dict[str, Any]) -> tuple[str, str]:
    """A chat message's line and its link's label, in the clinic's language."""
    item_id = data["id"]
    with mail_language():
        clinic = current_app.config["CLINIC_NAME"]
        if event == WebhookEvent.INQUIRY_RECEIVED:
            line = gettext("New inquiry #%(id)d", id=item_id)
        elif event == WebhookEvent.COMMENT_HELD:
            line = gettext("Comment #%(id)d waits for review", id=item_id)
        elif event == WebhookEvent.COMMENT_PUBLISHED:
            line = gettext("Comment #%(id)d is published", id=item_id)
        elif event == WebhookEvent.ITEM_SPAM and data["kind"] == "inquiry":
            line = gettext("Inquiry #%(id)d was marked as spam", id=item_id)
        elif event == WebhookEvent.ITEM_SPAM:
            line = gettext("Comment #%(id)d was marked as spam", id=item_id)
        elif event == WebhookEvent.INQUIRY_ANSWERED:
            line = gettext("Inquiry #%(id)d was answered", id=item_id)
        else:
            line = gettext("Test alert: this endpoint receives Clinic Desk's events.")
        return f"{clinic}: {line}", gettext("Open in Clinic Desk")


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chat_body(format_: WebhookFormat, text: str, link: str, open_label: str) -> dict[str, Any]:
    """The message a chat service's incoming webhook takes, with the same facts as an event."""
    if format_ is WebhookFormat.SLACK:
        return {"text": f"{_slack_escape(text)} <{link}|{_slack_escape(open_label)}>"}
    if format_ is WebhookFormat.MATTERMOST:
        return {"text": f"{text} [{open_label}]({link})"}
    if format_ is WebhookFormat.TEAMS:
        # A Teams "Workflows" webhook takes a message with an Adaptive Card attached.
        card = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": [{"type": "TextBlock", "text": text, "wrap": True}],
            "actions": [{"type": "Action.OpenUrl", "title": open_label, "url": link}],
        }
        return {
            "type": "message",
            "attachments": [
                {
                    "contentType": "application/vnd.microsoft.card.adaptive",
                    "contentUrl": None,
                    "content": card,
                }
            ],
        }
    if format_ is WebhookFormat.MATRIX:
        # matrix-hookshot's generic webhooks post `text`, or `html` where clients show it.
        return {
            "text": f"{text} {link}",
            "html": f'{escape(text)} <a href="{escape(link)}">{escape(open_label)}</a>',
        }
    raise ValueError(f"not a chat format: {format_}")


class Payloads:
    """The body each format gets for one event, each built once however many endpoints share
    it (a chat line needs the translation catalog, the slowest part)."""

    def __init__(self, event: str, data: dict[str, Any], at: dt.datetime) -> None:
        self.event, self.data, self.at = event, data, at
        self._built: dict[WebhookFormat, str] = {}
        self._lines: tuple[str, str] | None = None

    def __getitem__(self, format_: WebhookFormat) -> str:
        if format_ not in self._built:
            if format_ is WebhookFormat.STANDARD:
                body: dict[str, Any] = {
                    "type": str(self.event),
                    "timestamp": isoformat(self.at),
                    "data": self.data,
                }
            else:
                if self._lines is None:
                    self._lines = chat_lines(self.event, self.data)
                text, open_label = self._lines
                body = chat_body(format_, text, self.data["link"], open_label)
            self._built[format_] = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
        return self._built[format_]


def new_message_id() -> str:
    return "msg_" + secrets.token_hex(16)


_ENDPOINTS = WebhookEndpoint.__table__
_SUBSCRIBERS = sa.select(_ENDPOINTS.c.id, _ENDPOINTS.c.format, _ENDPOINTS.c.events).where(
    _ENDPOINTS.c.active.is_(sa.true())
)


def emit(
    event: WebhookEvent,
    kind: str,
    item_id: int,
    status: str,
    connection: sa.Connection | None = None,
) -> int:
    """Queue `event` for every active endpoint that chose it, in the transaction running on
    `connection` (the request's session when None). Returns how many deliveries were queued."""
    if connection is None:
        connection = db.session.connection()
    subscribers = [
        (endpoint_id, WebhookFormat(format_))
        for endpoint_id, format_, events in connection.execute(_SUBSCRIBERS)
        if str(event) in (events or [])
    ]
    if not subscribers:
        return 0
    now = utcnow()
    payloads = Payloads(event, event_data(kind, item_id, status), now)
    rows = [
        {
            "endpoint_id": endpoint_id,
            "message_id": new_message_id(),
            "event": str(event),
            "payload": payloads[format_],
            "status": OutboxStatus.QUEUED,
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
        }
        for endpoint_id, format_ in subscribers
    ]
    connection.execute(sa.insert(WebhookDelivery.__table__), rows)
    return len(rows)


def queue_test_event(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """Queue a `webhook.test` event for one endpoint in the caller's transaction."""
    now = utcnow()
    data = {
        "kind": "test",
        "id": endpoint.id,
        "status": "ok",
        "link": item_link("test", endpoint.id, "ok"),
    }
    delivery = WebhookDelivery(
        endpoint_id=endpoint.id,
        message_id=new_message_id(),
        event=str(WebhookEvent.TEST),
        payload=Payloads(WebhookEvent.TEST, data, now)[endpoint.format],
        created_at=now,
        next_attempt_at=now,
    )
    db.session.add(delivery)
    db.session.flush()
    return delivery


def require_https() -> bool:
    """Production sends to https endpoints only, whatever WEBHOOK_REQUIRE_HTTPS says."""
    config = current_app.config
    return bool(config.get("WEBHOOK_REQUIRE_HTTPS")) or config.get("ENV_NAME") == "production"


def check_endpoint_url(url: str) -> Target:
    """Check an address as it is registered: its form, and every address its host has now.
    Raises EndpointRefused."""
    target = read_target(url, require_https())
    checked_address(target, current_app.config["WEBHOOK_ALLOWED_HOSTS"])
    return target


def _attempt(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[int | None, str | None]:
    """Send once: (HTTP status or None, why it failed or None)."""
    config = current_app.config
    try:
        target = read_target(endpoint.url, require_https())
        # Resolved and checked now, at delivery, and the connection goes to this address.
        address = checked_address(target, config["WEBHOOK_ALLOWED_HOSTS"])
    except EndpointRefused as error:
        return None, f"refused: {error.message}"
    body = delivery.payload.encode()
    headers = signed_headers(endpoint.secret, delivery.message_id, body, utcnow())
    try:
        status = post_json(target, address, body, headers, config["WEBHOOK_TIMEOUT_SECONDS"])
    except (OSError, http.client.HTTPException) as error:
        return None, type(error).__name__
    if 200 <= status < 300:
        return status, None
    return status, f"HTTP {status}"


def _deliver_claimed(delivery_id: int, report: DeliveryReport) -> WebhookDelivery:
    delivery = db.session.get(WebhookDelivery, delivery_id)
    endpoint = db.session.get(WebhookEndpoint, delivery.endpoint_id)
    if endpoint is None or not endpoint.active:
        with transaction():
            delivery.status = OutboxStatus.FAILED
            delivery.last_error = "the endpoint is switched off"
        report.gave_up += 1
        return delivery
    status, error = _attempt(endpoint, delivery)
    with transaction():
        delivery.response_status = status
        if error is None:
            delivery.status = OutboxStatus.SENT
            delivery.delivered_at = utcnow()
            delivery.last_error = None
            report.sent += 1
        else:
            delivery.last_error = error[:500]
            retry_or_give_up(delivery, report)
    if error is not None:
        # The event type and ids only: a receiver's answer is never logged.
        log.warning(
            "webhook %s to endpoint %s not delivered (attempt %s): %s",
            delivery.event,
            endpoint.id,
            delivery.attempts,
            error,
        )
    return delivery


def deliver_now(delivery_id: int) -> WebhookDelivery:
    """Try one queued delivery at once (the "send test event" button); a failure is retried
    later like any other."""
    if not claim(WebhookDelivery, delivery_id, utcnow()):
        # The deliverer took it first (or it is done): its result shows in the log.
        return db.session.get(WebhookDelivery, delivery_id)
    return _deliver_claimed(delivery_id, DeliveryReport())


def deliver_due(limit: int = 100, now: dt.datetime | None = None) -> DeliveryReport:
    """Send every queued webhook delivery that is due."""
    report = DeliveryReport()
    now = now or utcnow()
    due = db.session.scalars(
        sa.select(WebhookDelivery.id)
        .where(
            WebhookDelivery.status == OutboxStatus.QUEUED,
            WebhookDelivery.next_attempt_at <= now,
        )
        .order_by(WebhookDelivery.id)
        .limit(limit)
    ).all()
    for delivery_id in due:
        if claim(WebhookDelivery, delivery_id, now):
            _deliver_claimed(delivery_id, report)
    return report


def pending_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count(WebhookDelivery.id)).where(
            WebhookDelivery.status == OutboxStatus.QUEUED
        )
    )
