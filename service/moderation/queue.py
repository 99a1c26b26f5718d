"""Reading the moderation queue."""

from __future__ import annotations

import sqlalchemy as sa

from service.extensions import db
from service.models import Comment, Inquiry


def queue_counts() -> dict[str, dict[str, int]]:
    """Counts by kind and status, as `queue stats` prints them."""
    counts: dict[str, dict[str, int]] = {"comment": {}, "inquiry": {}}
    for kind, model in (("comment", Comment), ("inquiry", Inquiry)):
        rows = db.session.execute(
            sa.select(model.status, sa.func.count(model.id)).group_by(model.status)
        )
        for status, count in rows:
            counts[kind][status.value] = count
    return counts
