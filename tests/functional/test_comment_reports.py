"""Readers' reports: one anonymous report cannot take down a staff reply or a comment a
moderator approved, and reports from one address range count once."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import Comment, CommentReport, CommentStatus
from service.moderation import services as moderation
from service.moderation.accounts import issue_api_token
from tests.functional.comment_helpers import listed_ids, post, thread_url
from tests.pages import hidden_inputs

KEY = "articles/knee-pain"


@pytest.fixture
def token(app, moderator) -> str:
    return issue_api_token(moderator.email)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def stored(comment_id: int) -> Comment:
    db.session.expire_all()
    return db.session.get(Comment, comment_id)


def approved_by_a_moderator(client, moderator) -> int:
    comment_id = post(client, KEY).get_json()["id"]
    moderation.act(moderator, "comment", comment_id, "approve")
    return comment_id


def report_from(client, comment_id: int, address: str, reason: str = "Dangerous advice."):
    return client.post(
        f"/api/comments/{comment_id}/report",
        json={"reason": reason},
        environ_base={"REMOTE_ADDR": address},
    )


def on_the_page(client) -> list[int]:
    return listed_ids(client.get(thread_url(KEY)).get_json())


def open_queue_ids(client, token: str) -> list[int]:
    items = client.get("/api/moderation/queue?status=open", headers=bearer(token)).json["items"]
    return [item["id"] for item in items if item["kind"] == "comment" and item["flagged"]]


def test_a_report_on_a_comment_a_moderator_approved_flags_it_but_leaves_it_on_the_page(
    client, moderator, token
):
    comment_id = approved_by_a_moderator(client, moderator)
    assert report_from(client, comment_id, "203.0.113.5").status_code == 202
    comment = stored(comment_id)
    assert (comment.status, comment.flagged) == (CommentStatus.APPROVED, True)
    assert comment.flag_reason == "Dangerous advice."
    assert on_the_page(client) == [comment_id]
    assert open_queue_ids(client, token) == [comment_id]
    detail = client.get(f"/api/moderation/comment/{comment_id}", headers=bearer(token)).json
    assert (detail["flagged"], detail["reports"]) == (True, 1)


def test_a_report_on_a_staff_reply_from_the_page_flags_it_but_leaves_it_on_the_page(
    app, client, moderator, token
):
    parent_id = approved_by_a_moderator(client, moderator)
    reply = moderation.reply_to_comment(moderator, parent_id, "Please call us about this.")
    reply_id = reply.id
    hidden = hidden_inputs(client.get(f"/threads/{KEY}").get_data(as_text=True))
    response = client.post(
        f"/comments/{reply_id}/report",
        data={"csrf_token": hidden["csrf_token"], "reason": "I do not like it."},
    )
    assert response.status_code == 303
    assert (stored(reply_id).status, stored(reply_id).flagged) == (CommentStatus.APPROVED, True)
    assert on_the_page(client) == [parent_id, reply_id]
    assert open_queue_ids(client, token) == [reply_id]


def test_a_report_on_a_comment_no_moderator_approved_still_takes_it_off_the_page(app, client):
    app.config["MODERATION_MODE"] = "auto"
    app.config["SPAM_UNSURE_AT"], app.config["SPAM_AT"] = 1000.0, 1001.0
    comment_id = post(client, KEY).get_json()["id"]
    assert on_the_page(client) == [comment_id]
    assert report_from(client, comment_id, "203.0.113.5").status_code == 202
    assert stored(comment_id).status is CommentStatus.PENDING
    assert on_the_page(client) == []


def test_reports_from_one_address_range_count_once(client, moderator, token):
    comment_id = approved_by_a_moderator(client, moderator)
    # Three addresses of one /24, and an IPv6 /48 seen twice: two ranges.
    for address, reason in [
        ("203.0.113.5", "First reason."),
        ("203.0.113.77", "Second reason."),
        ("203.0.113.200", "Third reason."),
        ("2001:db8:7:1::1", "From IPv6."),
        ("2001:db8:7:2::2", "From IPv6 again."),
    ]:
        assert report_from(client, comment_id, address, reason).status_code == 202
    reports = db.session.execute(
        sa.select(CommentReport.client_address, CommentReport.reason).order_by(CommentReport.id)
    ).all()
    assert reports == [("203.0.113.0", "First reason."), ("2001:db8:7::", "From IPv6.")]
    assert stored(comment_id).flag_reason == "First reason."
    detail = client.get(f"/api/moderation/comment/{comment_id}", headers=bearer(token)).json
    assert detail["reports"] == 2


def test_approving_a_reported_published_comment_keeps_it_and_answers_the_report(
    client, moderator, token
):
    comment_id = approved_by_a_moderator(client, moderator)
    report_from(client, comment_id, "203.0.113.5")
    approved = client.post(f"/api/moderation/comment/{comment_id}/approve", headers=bearer(token))
    assert approved.status_code == 200
    assert (stored(comment_id).status, stored(comment_id).flagged) == (
        CommentStatus.APPROVED,
        False,
    )
    assert open_queue_ids(client, token) == []
    # The same network again changes nothing; another network flags it again.
    report_from(client, comment_id, "203.0.113.9")
    assert stored(comment_id).flagged is False
    report_from(client, comment_id, "198.51.100.4", "Still wrong.")
    comment = stored(comment_id)
    assert (comment.status, comment.flagged, comment.flag_reason) == (
        CommentStatus.APPROVED,
        True,
        "Still wrong.",
    )
    # Approving an unreported published comment is still refused.
    other = approved_by_a_moderator(client, moderator)
    again = client.post(f"/api/moderation/comment/{other}/approve", headers=bearer(token))
    assert again.status_code == 409


def test_a_reported_published_comment_offers_approve_in_the_queue(moderator_client, moderator):
    comment_id = approved_by_a_moderator(moderator_client, moderator)
    report_from(moderator_client, comment_id, "203.0.113.5", "Off topic.")
    assert stored(comment_id).status is CommentStatus.APPROVED
    page = moderator_client.get("/moderation/").get_data(as_text=True)
    assert "Off topic." in page
    assert 'value="approve"' in page
    assert "approve" in moderation.allowed_actions("comment", "approved", flagged=True)
    assert "approve" not in moderation.allowed_actions("comment", "approved")


def test_an_edit_the_filter_publishes_no_longer_counts_as_approved_by_a_moderator(
    app, client, moderator
):
    app.config["MODERATION_MODE"] = "auto"
    app.config["SPAM_UNSURE_AT"], app.config["SPAM_AT"] = 1000.0, 1001.0
    created = post(client, KEY).get_json()
    moderation.act(moderator, "comment", created["id"], "reject")
    moderation.act(moderator, "comment", created["id"], "approve")
    report_from(client, created["id"], "203.0.113.5")
    assert stored(created["id"]).status is CommentStatus.APPROVED  # as the moderator decided
    moderation.act(moderator, "comment", created["id"], "approve")
    edited = client.patch(
        f"/api/comments/{created['id']}",
        json={"body": "Now with different words nobody has checked."},
        headers={"X-Edit-Token": created["edit_token"]},
    )
    assert edited.json["status"] == "approved"
    report_from(client, created["id"], "198.51.100.4")
    assert stored(created["id"]).status is CommentStatus.PENDING
