"""The dashboard: counts, overdue inquiries, the outbox and submissions per local day."""

from __future__ import annotations

import datetime as dt

from service.database import utcnow
from service.extensions import db
from service.models import CommentStatus, InquiryStatus
from service.moderation.dashboard import submissions_per_day
from service.outbox import enqueue
from tests.factories import CommentFactory, InquiryFactory


def test_dashboard_shows_counts_overdue_inquiries_and_the_outbox(app, moderator_client):
    CommentFactory()
    CommentFactory(status=CommentStatus.SPAM)
    late = InquiryFactory(name="Late Visitor", created_at=utcnow() - dt.timedelta(hours=50))
    InquiryFactory(name="Fresh Visitor")
    InquiryFactory(
        name="Answered Visitor",
        status=InquiryStatus.ANSWERED,
        created_at=utcnow() - dt.timedelta(hours=90),
    )
    enqueue("someone@example.org", "Subject", "Body")
    db.session.commit()
    response = moderator_client.get("/moderation/dashboard")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Overdue inquiries" in page
    assert f"#{late.id} from Late Visitor" in page
    assert "Fresh Visitor" not in page and "Answered Visitor" not in page
    assert "waiting to be sent" in page
    assert "<svg" in page and '<table class="chart-table">' in page
    assert 'style="' not in page  # CSP style-src 'self' would block inline styles
    assert "<script" not in page


def test_submissions_are_counted_per_day_in_the_clinics_time_zone(app):
    app.config["TIMEZONE"] = "Europe/Berlin"
    now = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
    # 23:30 UTC on 8 March is already 9 March in Berlin.
    CommentFactory(created_at=dt.datetime(2026, 3, 8, 23, 30, tzinfo=dt.UTC))
    CommentFactory(
        created_at=dt.datetime(2026, 3, 9, 8, 0, tzinfo=dt.UTC), status=CommentStatus.SPAM
    )
    InquiryFactory(created_at=dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC))
    CommentFactory(created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # older than 30 days
    CommentFactory(created_at=dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC), is_staff=True)
    db.session.commit()
    days = {day.date: day for day in submissions_per_day(30, now=now)}
    assert len(days) == 30
    assert max(days) == dt.date(2026, 3, 10)
    assert days[dt.date(2026, 3, 8)].total == 0
    assert (days[dt.date(2026, 3, 9)].total, days[dt.date(2026, 3, 9)].spam) == (2, 1)
    assert days[dt.date(2026, 3, 9)].spam_share == 0.5
    assert days[dt.date(2026, 3, 10)].total == 1
    assert sum(day.total for day in days.values()) == 3
