"""Administrators register webhook and chat endpoints, remove them, test them, read the log."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from service.data.database import transaction
from service.data.extensions import db
from service.data.models import (
    Moderator,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookFormat,
)
from service.submissions import audit
from service.submissions.webhooks import (
    EVENTS,
    check_endpoint_url,
    deliver_now,
    new_secret,
    queue_test_event,
)
from service.web.errors import NotFound, ValidationFailed
from service.web.i18n import N_

LABEL_MAX = 100
LOG_SIZE = 100


@dataclass
class NewEndpoint:
    endpoint: WebhookEndpoint
    secret: str  # shown once, when the endpoint is made


def parse_format(value: str) -> WebhookFormat:
    try:
        return WebhookFormat((value or "").strip().lower())
    except ValueError:
        message = N_("Choose what kind of endpoint this is.")
        raise ValidationFailed(message, {"format": [message]}) from None


def parse_events(values: list[str]) -> list[str]:
    """The chosen events in the screen's order. Raises ValidationFailed (none, or unknown)."""
    chosen = {(v or "").strip().lower() for v in values}
    known = {str(e) for e in EVENTS}
    if not chosen or not chosen <= known:
        message = N_("Choose at least one event from the list.")
        raise ValidationFailed(message, {"events": [message]})
    return [str(e) for e in EVENTS if str(e) in chosen]


def add_endpoint(
    label: str, url: str, format_: str, events: list[str], actor: Moderator | str
) -> NewEndpoint:
    """Register an endpoint with a new signing secret. Raises ValidationFailed or
    EndpointRefused (not https in production, a private address not allowed explicitly)."""
    label = (label or "").strip()
    if not label or len(label) > LABEL_MAX:
        message = N_("Give the endpoint a name of at most %(max)d characters.", max=LABEL_MAX)
        raise ValidationFailed(message, {"label": [message]})
    kind = parse_format(format_)
    chosen = parse_events(events)
    target = check_endpoint_url(url)
    secret = new_secret()
    with transaction():
        endpoint = WebhookEndpoint(
            label=label,
            url=url.strip(),
            host=target.host,
            format=kind,
            secret=secret,
            events=chosen,
            active=True,
            created_by=actor.email if isinstance(actor, Moderator) else actor,
        )
        db.session.add(endpoint)
        db.session.flush()
        audit.record(
            "webhook.add",
            actor,
            "webhook",
            endpoint.id,
            {"label": label, "address": target.host, "kind": kind.value, "events": chosen},
        )
    return NewEndpoint(endpoint, secret)


def list_endpoints() -> list[WebhookEndpoint]:
    return list(db.session.scalars(sa.select(WebhookEndpoint).order_by(WebhookEndpoint.id)))


def get_endpoint(endpoint_id: int) -> WebhookEndpoint:
    """Raises NotFound."""
    endpoint = db.session.get(WebhookEndpoint, endpoint_id) if 0 < endpoint_id < 2**31 else None
    if endpoint is None:
        raise NotFound(N_("There is no such webhook endpoint."))
    return endpoint


def remove_endpoint(endpoint_id: int, actor: Moderator | str) -> WebhookEndpoint:
    """Remove an endpoint and its delivery log. Raises NotFound."""
    with transaction():
        endpoint = get_endpoint(endpoint_id)
        audit.record(
            "webhook.remove",
            actor,
            "webhook",
            endpoint.id,
            {"label": endpoint.label, "address": endpoint.host},
        )
        db.session.execute(
            sa.delete(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id)
        )
        db.session.delete(endpoint)
    return endpoint


def send_test_event(endpoint_id: int, actor: Moderator | str) -> WebhookDelivery:
    """Queue a test event for one endpoint and try it at once; the delivery as it stands.
    Raises NotFound."""
    with transaction():
        endpoint = get_endpoint(endpoint_id)
        delivery = queue_test_event(endpoint)
        audit.record("webhook.test", actor, "webhook", endpoint.id, {"label": endpoint.label})
    return deliver_now(delivery.id)


@dataclass
class LogEntry:
    delivery: WebhookDelivery
    endpoint_label: str


def delivery_log(endpoint_id: int | None = None, limit: int = LOG_SIZE) -> list[LogEntry]:
    """The latest deliveries, newest first (of one endpoint when given)."""
    query = (
        sa.select(WebhookDelivery, WebhookEndpoint.label)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    if endpoint_id is not None:
        query = query.where(WebhookDelivery.endpoint_id == endpoint_id)
    return [LogEntry(delivery, label) for delivery, label in db.session.execute(query)]


def event_choices() -> list[WebhookEvent]:
    return list(EVENTS)
