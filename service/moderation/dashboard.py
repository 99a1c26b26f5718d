"""The dashboard's figures: counts, overdue inquiries, the outbox, submissions per day and
the spam filter's live precision and recall."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Inquiry, InquiryStatus, Moderator
from service.moderation.filter_accuracy import FilterAccuracy, measure_filter
from service.moderation.queue import overdue_cutoff, queue_counts
from service.submissions.outbox import backlog
from service.submissions.staffscope import visible
from service.web.templating import clinic_zone

CHART_DAYS = 30
OVERDUE_SHOWN = 10


@dataclass
class Day:
    date: dt.date
    total: int = 0
    spam: int = 0

    @property
    def spam_share(self) -> float:
        return self.spam / self.total if self.total else 0.0


@dataclass
class Dashboard:
    counts: dict[str, dict[str, int]]
    overdue_count: int
    overdue: list[Inquiry]
    urgent_count: int
    urgent: list[Inquiry]
    outbox: dict[str, int | None]
    days: list[Day]
    accuracy: FilterAccuracy

    @property
    def busiest(self) -> int:
        return max((day.total for day in self.days), default=0)


def submissions_per_day(
    days: int = CHART_DAYS, now: dt.datetime | None = None, moderator: Moderator | None = None
) -> list[Day]:
    """Submissions (comments and inquiries) per local day in TIMEZONE, and how many of them
    are held as spam, oldest day first. Staff replies are not submissions. Only what the
    moderator (default: the one this request acts for) may see is counted."""
    zone = clinic_zone()
    today = (now or utcnow()).astimezone(zone).date()
    first = today - dt.timedelta(days=days - 1)
    start = dt.datetime.combine(first, dt.time(), zone).astimezone(dt.UTC)
    buckets = {first + dt.timedelta(days=n): Day(first + dt.timedelta(days=n)) for n in range(days)}
    sources = (
        (Comment, CommentStatus.SPAM, ~Comment.is_staff),
        (Inquiry, InquiryStatus.SPAM, sa.true()),
    )
    for model, spam_status, condition in sources:
        rows = db.session.execute(
            sa.select(model.created_at, model.status).where(
                model.created_at >= start, condition, visible(model, moderator)
            )
        )
        for created_at, status in rows:
            day = buckets.get(created_at.astimezone(zone).date())
            if day is None:
                continue
            day.total += 1
            day.spam += status == spam_status
    return list(buckets.values())


def build_dashboard(
    now: dt.datetime | None = None, moderator: Moderator | None = None
) -> Dashboard:
    """The figures of items the moderator (default: the one this request acts for) may see;
    the outbox and the filter's accuracy are the service's, named by no item."""
    cutoff = overdue_cutoff(now)
    waiting = sa.and_(
        Inquiry.status == InquiryStatus.RECEIVED,
        Inquiry.created_at < cutoff,
        visible(Inquiry, moderator),
    )
    overdue_count = db.session.scalar(sa.select(sa.func.count(Inquiry.id)).where(waiting))
    overdue = list(
        db.session.scalars(
            sa.select(Inquiry)
            .where(waiting)
            .order_by(Inquiry.created_at, Inquiry.id)
            .limit(OVERDUE_SHOWN)
        )
    )
    # Urgent inquiries nobody has answered yet, newest first as in the queue.
    urgent_waiting = sa.and_(Inquiry.urgent == sa.true(), Inquiry.status == InquiryStatus.RECEIVED)
    urgent_count = db.session.scalar(sa.select(sa.func.count(Inquiry.id)).where(urgent_waiting))
    urgent = list(
        db.session.scalars(
            sa.select(Inquiry)
            .where(urgent_waiting)
            .order_by(Inquiry.created_at.desc(), Inquiry.id.desc())
            .limit(OVERDUE_SHOWN)
        )
    )
    return Dashboard(
        counts=queue_counts(moderator),
        overdue_count=overdue_count,
        overdue=overdue,
        urgent_count=urgent_count,
        urgent=urgent,
        outbox=backlog(now),
        days=submissions_per_day(now=now, moderator=moderator),
        accuracy=measure_filter(now=now),
    )


@dataclass
class Bar:
    x: float
    total_y: float
    total_height: float
    spam_y: float
    spam_height: float
    day: Day


def chart_bars(days: list[Day], width: float = 600, height: float = 160) -> list[Bar]:
    """Bar geometry for the server-rendered SVG (no script, no inline style)."""
    busiest = max((day.total for day in days), default=0) or 1
    step = width / max(len(days), 1)
    bars = []
    for index, day in enumerate(days):
        total_height = height * day.total / busiest
        spam_height = height * day.spam / busiest
        bars.append(
            Bar(
                x=round(index * step + 1, 2),
                total_y=round(height - total_height, 2),
                total_height=round(total_height, 2),
                spam_y=round(height - spam_height, 2),
                spam_height=round(spam_height, 2),
                day=day,
            )
        )
    return bars
