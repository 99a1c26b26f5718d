"""`/metrics` in the Prometheus text format, for localhost or a bearer token.

Counters (requests by status, rate-limit refusals) are per process unless
PROMETHEUS_MULTIPROC_DIR is set, in which case prometheus-client shares them between gunicorn
workers. Queue and outbox figures are read from the database at scrape time, so every worker
reports the same.
"""

from __future__ import annotations

import hmac
import ipaddress

import sqlalchemy as sa
from flask import Blueprint, Flask, Response, current_app, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from service.data.database import utcnow
from service.data.extensions import db, limiter
from service.data.models import Comment, CommentStatus, Inquiry, InquiryStatus
from service.submissions.outbox import backlog
from service.web.counters import RATE_LIMITED, REQUESTS
from service.web.errors import Forbidden

bp = Blueprint("metrics", __name__)


class QueueCollector:
    """Queue size, the age of the oldest pending item and the mail backlog, at scrape time."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self):
        with self.app.app_context():
            now = utcnow()
            waiting = GaugeMetricFamily(
                "clinic_desk_queue_waiting", "Items waiting for a moderator", labels=["kind"]
            )
            oldest = GaugeMetricFamily(
                "clinic_desk_queue_oldest_seconds",
                "Age of the oldest item waiting for a moderator",
                labels=["kind"],
            )
            for kind, model, status in (
                ("comment", Comment, CommentStatus.PENDING),
                ("inquiry", Inquiry, InquiryStatus.RECEIVED),
            ):
                count, first = db.session.execute(
                    sa.select(sa.func.count(model.id), sa.func.min(model.created_at)).where(
                        model.status == status
                    )
                ).one()
                waiting.add_metric([kind], count)
                if first is not None and first.tzinfo is None:
                    first = first.replace(tzinfo=now.tzinfo)
                oldest.add_metric([kind], (now - first).total_seconds() if first else 0.0)
            mail = backlog(now)
            queued = GaugeMetricFamily("clinic_desk_outbox_queued", "Mails waiting to be sent")
            queued.add_metric([], mail["queued"])
            age = GaugeMetricFamily(
                "clinic_desk_outbox_oldest_seconds", "Age of the oldest waiting mail"
            )
            age.add_metric([], mail["oldest_seconds"] or 0)
            db.session.remove()
        yield from (waiting, oldest, queued, age)


def _is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def _authorised() -> bool:
    if _is_loopback(request.remote_addr):
        return True
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return False
    token = header[len("Bearer ") :].strip()
    expected = current_app.config.get("METRICS_TOKEN")
    if expected and hmac.compare_digest(token, expected):
        return True
    from service.moderation.accounts import moderator_for_token

    return moderator_for_token(token) is not None


@bp.get("/metrics")
@limiter.exempt
def metrics() -> Response:
    if not _authorised():
        raise Forbidden("Metrics are served to localhost or with a bearer token.")
    registry = CollectorRegistry()
    if current_app.config.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUESTS)
        registry.register(RATE_LIMITED)
    registry.register(QueueCollector(current_app._get_current_object()))
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def register_metrics(app: Flask) -> None:
    @app.after_request
    def _count(response: Response) -> Response:
        REQUESTS.labels(str(response.status_code)).inc()
        if response.status_code == 429:
            RATE_LIMITED.inc()
        return response
