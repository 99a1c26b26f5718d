"""The dashboard: counts, overdue inquiries, the outbox, submissions per local day and the
filter's live precision and recall."""

from __future__ import annotations

import datetime as dt
import re

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import CommentStatus, InquiryStatus, Verdict
from service.moderation.dashboard import submissions_per_day
from service.submissions.outbox import enqueue
from tests.factories import CommentFactory, InquiryFactory
from tests.functional.comment_helpers import SPAM_BODY, filter_verdict, post
from tests.pages import hidden_inputs


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


# -- the filter's live precision and recall, from staff decisions -------------------------------


def act(client, kind: str, item_id: int, action: str) -> None:
    page = client.get("/moderation/?status=").get_data(as_text=True)
    response = client.post(
        f"/moderation/{kind}/{item_id}/action",
        data={"csrf_token": hidden_inputs(page)["csrf_token"], "action": action, "status": ""},
    )
    assert response.status_code == 303


def posted(client, app, verdict: str, body: str) -> int:
    filter_verdict(app, verdict)
    answer = post(client, body=body)
    assert answer.status_code == 202
    return answer.get_json()["id"]


def filter_card(client) -> str:
    page = client.get("/moderation/dashboard").get_data(as_text=True)
    start = page.index('aria-labelledby="filter-title"')
    return " ".join(page[start : page.index("</section>", start)].split())


def test_the_dashboard_shows_live_precision_and_recall_from_staff_decisions(
    app, client, moderator_client
):
    filed = [posted(client, app, "spam", f"{SPAM_BODY} {n}") for n in range(3)]
    passed = [posted(client, app, "ham", f"About my knee, number {n}?") for n in range(4)]

    act(moderator_client, "comment", filed[0], "ham")  # a rescue: the filter was wrong
    card = filter_card(moderator_client)
    # The other two wait in a folder nobody has opened: no evidence either way yet.
    assert "0 right out of 1 item it sent to the spam folder" in card
    assert "Not enough decisions yet." in card
    assert "2 more items arrived in the spam folder after anyone last opened it" in card

    assert moderator_client.get("/moderation/?status=spam").status_code == 200
    act(moderator_client, "comment", passed[0], "spam")  # spam the filter let through
    act(moderator_client, "comment", passed[1], "spam")
    act(moderator_client, "comment", passed[2], "approve")  # the filter was right to pass it
    card = filter_card(moderator_client)

    assert 'Precision</h3> <p class="big-number">67%</p>' in card
    assert "2 right out of 3 items it sent to the spam folder" in card
    assert 'Recall</h3> <p class="big-number">50%</p>' in card
    assert "2 caught out of 4 spam items staff know of" in card
    assert "Not enough decisions yet." not in card
    assert "more item" not in card
    counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', card)]
    assert counts == [2, 1, 2, 1]  # confirmed, rescued, missed, rightly passed


def test_rejecting_or_old_items_are_not_evidence_about_spam(app, client, moderator_client):
    rejected = posted(client, app, "ham", "Off-topic, but no advert.")
    act(moderator_client, "comment", rejected, "reject")  # off-topic is not spam
    CommentFactory(
        status=CommentStatus.SPAM, verdict=Verdict.SPAM, created_at=utcnow() - dt.timedelta(days=31)
    )
    db.session.commit()
    assert moderator_client.get("/moderation/?status=spam").status_code == 200  # seen, but old

    card = filter_card(moderator_client)

    assert card.count("Not enough decisions yet.") == 2
    assert "0 right out of 0 items it sent to the spam folder" in card
    assert [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', card)] == [0, 0, 0, 0]
