"""Every queue action, from the queue page's plain forms: status, audit entry, filter lessons."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    Comment,
    CommentStatus,
    Inquiry,
    InquiryReply,
    InquiryStatus,
    OutboxMessage,
    SpamLesson,
    Thread,
    Verdict,
)
from tests.factories import CommentFactory, InquiryFactory, ModeratorFactory
from tests.pages import hidden_inputs


def csrf(client, url: str = "/moderation/?status=") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return hidden_inputs(response.get_data(as_text=True))["csrf_token"]


def post_action(client, kind: str, item_id: int, action: str, **extra: str):
    token = csrf(client)
    return client.post(
        f"/moderation/{kind}/{item_id}/action",
        # A delete from the page is confirmed (tests/functional/test_delete_undo.py asks first).
        data={"csrf_token": token, "action": action, "status": "", "confirm": "yes", **extra},
    )


def audit_actions(kind: str, item_id: int) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent.action)
            .where(AuditEvent.kind == kind, AuditEvent.item_id == item_id)
            .order_by(AuditEvent.id)
        )
    )


def lessons() -> list[bool]:
    return list(db.session.scalars(sa.select(SpamLesson.is_spam).order_by(SpamLesson.id)))


@pytest.mark.parametrize(
    ("start", "action", "end", "lesson"),
    [
        (CommentStatus.PENDING, "approve", CommentStatus.APPROVED, [False]),
        (CommentStatus.PENDING, "reject", CommentStatus.REJECTED, []),
        (CommentStatus.PENDING, "spam", CommentStatus.SPAM, [True]),
        (CommentStatus.SPAM, "ham", CommentStatus.PENDING, [False]),
        (CommentStatus.APPROVED, "delete", CommentStatus.DELETED, []),
    ],
)
def test_comment_action_changes_status_audits_and_teaches_only_spam_decisions(
    app, moderator, moderator_client, start, action, end, lesson
):
    comment = CommentFactory(status=start, verdict=Verdict.UNSURE)
    db.session.commit()

    response = post_action(moderator_client, "comment", comment.id, action)

    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status is end
    assert audit_actions("comment", comment.id) == [f"comment.{action}"]
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.kind == "comment", AuditEvent.item_id == comment.id)
    )
    assert event.actor == moderator.email
    assert event.detail["from"] == start.value
    assert lessons() == lesson
    follow = moderator_client.get(response.headers["Location"])
    assert "comment #" in follow.get_data(as_text=True)


def test_approving_a_comment_the_filter_liked_teaches_nothing(app, moderator_client):
    comment = CommentFactory(verdict=Verdict.HAM)
    db.session.commit()
    post_action(moderator_client, "comment", comment.id, "approve")
    assert lessons() == []


def test_rescued_comment_goes_live_in_auto_mode(app, moderator_client):
    app.config["MODERATION_MODE"] = "auto"
    comment = CommentFactory(status=CommentStatus.SPAM, verdict=Verdict.SPAM)
    db.session.commit()
    post_action(moderator_client, "comment", comment.id, "ham")
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status is CommentStatus.APPROVED


def test_lock_and_unlock_change_the_whole_thread(app, moderator_client):
    comment = CommentFactory()
    db.session.commit()
    post_action(moderator_client, "comment", comment.id, "lock")
    db.session.expire_all()
    assert db.session.get(Thread, comment.thread_id).locked is True
    post_action(moderator_client, "comment", comment.id, "unlock")
    db.session.expire_all()
    assert db.session.get(Thread, comment.thread_id).locked is False
    assert audit_actions("comment", comment.id) == ["comment.lock", "comment.unlock"]


def test_an_action_the_status_does_not_allow_is_refused_and_changes_nothing(app, moderator_client):
    comment = CommentFactory(status=CommentStatus.DELETED)
    db.session.commit()
    response = post_action(moderator_client, "comment", comment.id, "approve")
    assert response.status_code == 303
    page = moderator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "cannot be given the action" in page
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status is CommentStatus.DELETED
    assert audit_actions("comment", comment.id) == []


def test_the_keyboard_script_gets_json_and_a_409_for_a_refused_action(app, moderator_client):
    comment = CommentFactory()
    db.session.commit()
    token = csrf(moderator_client)
    headers = {"Accept": "application/json"}
    data = {"csrf_token": token, "action": "approve"}
    first = moderator_client.post(
        f"/moderation/comment/{comment.id}/action", data=data, headers=headers
    )
    assert first.status_code == 200
    assert first.json["status"] == "approved"
    assert first.json["message"] == f"Approved comment #{comment.id}."
    again = moderator_client.post(
        f"/moderation/comment/{comment.id}/action", data=data, headers=headers
    )
    assert again.status_code == 409
    assert again.json["error"] == "invalid_transition"


def test_an_action_without_csrf_token_is_refused(app, moderator_client):
    comment = CommentFactory()
    db.session.commit()
    response = moderator_client.post(
        f"/moderation/comment/{comment.id}/action", data={"action": "approve"}
    )
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status is CommentStatus.PENDING


def test_queue_needs_a_login(app, client):
    CommentFactory()
    db.session.commit()
    response = client.get("/moderation/")
    assert response.status_code in (302, 401)
    assert client.post("/moderation/comment/1/action", data={"action": "approve"}).status_code in (
        302,
        400,
        401,
    )


@pytest.mark.parametrize(
    ("start", "action", "end", "lesson"),
    [
        (InquiryStatus.RECEIVED, "close", InquiryStatus.CLOSED, []),
        (InquiryStatus.RECEIVED, "spam", InquiryStatus.SPAM, [True]),
        (InquiryStatus.SPAM, "ham", InquiryStatus.RECEIVED, [False]),
        (InquiryStatus.ANSWERED, "delete", InquiryStatus.DELETED, []),
    ],
)
def test_inquiry_action_changes_status_audits_and_teaches(
    app, moderator_client, start, action, end, lesson
):
    inquiry = InquiryFactory(status=start)
    db.session.commit()
    response = post_action(moderator_client, "inquiry", inquiry.id, action)
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).status is end
    # The queue page the action was taken from showed the inquiry: that reading is audited too.
    assert audit_actions("inquiry", inquiry.id) == ["inquiry.view", f"inquiry.{action}"]
    assert lessons() == lesson


def test_answering_an_inquiry_mails_only_that_a_reply_waits_and_keeps_it(
    app, moderator, moderator_client
):
    inquiry = InquiryFactory(message="My knee hurts after the injection.")
    db.session.commit()
    token = csrf(moderator_client, f"/moderation/inquiries/{inquiry.id}")
    response = moderator_client.post(
        f"/moderation/inquiries/{inquiry.id}/answer",
        data={"csrf_token": token, "note": "Please call us on Monday morning."},
    )
    assert response.status_code == 303
    db.session.expire_all()
    stored = db.session.get(Inquiry, inquiry.id)
    assert stored.status is InquiryStatus.ANSWERED
    assert stored.answered_at is not None
    mail = db.session.scalars(sa.select(OutboxMessage)).one()
    assert mail.to_addr == inquiry.email
    # The secure answer channel: the mail says a reply waits, and carries neither text.
    assert "Please call us on Monday morning." not in mail.body_text
    assert f"about your inquiry #{inquiry.id}" in mail.body_text
    assert "knee" not in mail.body_text and "knee" not in mail.subject
    reply = db.session.scalars(sa.select(InquiryReply)).one()
    assert reply.body == "Please call us on Monday morning."
    assert reply.moderator_id == moderator.id
    assert "inquiry.answer" in audit_actions("inquiry", inquiry.id)
    page = moderator_client.get(f"/moderation/inquiries/{inquiry.id}").get_data(as_text=True)
    assert "Please call us on Monday morning." in page  # the history keeps it


def test_an_answer_needs_a_note(app, moderator_client):
    inquiry = InquiryFactory()
    db.session.commit()
    token = csrf(moderator_client, f"/moderation/inquiries/{inquiry.id}")
    moderator_client.post(
        f"/moderation/inquiries/{inquiry.id}/answer", data={"csrf_token": token, "note": "  "}
    )
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).status is InquiryStatus.RECEIVED
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def test_assigning_an_inquiry_names_an_active_moderator(app, moderator_client):
    colleague = ModeratorFactory(email="colleague@clinic.example")
    gone = ModeratorFactory(email="gone@clinic.example", active=False)
    inquiry = InquiryFactory()
    db.session.commit()
    token = csrf(moderator_client, f"/moderation/inquiries/{inquiry.id}")
    url = f"/moderation/inquiries/{inquiry.id}/assign"
    moderator_client.post(url, data={"csrf_token": token, "to": gone.email})
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).assigned_to_id is None
    moderator_client.post(url, data={"csrf_token": token, "to": colleague.email})
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).assigned_to_id == colleague.id
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "inquiry.assign")
    ).one()
    assert event.detail["to"] == colleague.email


def test_opening_an_inquiry_is_in_the_audit_log(app, moderator, moderator_client):
    inquiry = InquiryFactory(message="Private <b>details</b>")
    db.session.commit()
    page = moderator_client.get(f"/moderation/inquiries/{inquiry.id}").get_data(as_text=True)
    assert "Private &lt;b&gt;details&lt;/b&gt;" in page
    assert audit_actions("inquiry", inquiry.id) == ["inquiry.view"]


def test_bulk_approve_acts_on_every_selected_item_and_skips_what_does_not_fit(
    app, moderator_client
):
    first, second = CommentFactory(), CommentFactory()
    deleted = CommentFactory(status=CommentStatus.DELETED)
    db.session.commit()
    token = csrf(moderator_client)
    response = moderator_client.post(
        "/moderation/bulk",
        data={
            "csrf_token": token,
            "action": "approve",
            "item": [f"comment:{first.id}", f"comment:{second.id}", f"comment:{deleted.id}"],
        },
    )
    page = moderator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Approved: 2 items. 1 skipped" in page
    db.session.expire_all()
    statuses = {c.id: c.status for c in db.session.scalars(sa.select(Comment))}
    assert statuses == {
        first.id: CommentStatus.APPROVED,
        second.id: CommentStatus.APPROVED,
        deleted.id: CommentStatus.DELETED,
    }


def test_staff_reply_is_published_at_once_with_the_badge(app, moderator, moderator_client):
    parent = CommentFactory()
    db.session.commit()
    token = csrf(moderator_client)
    moderator_client.post(
        f"/moderation/comments/{parent.id}/reply",
        data={"csrf_token": token, "body": "Thanks, we **answer** below."},
    )
    db.session.expire_all()
    reply = db.session.scalar(sa.select(Comment).where(Comment.parent_id == parent.id))
    assert reply.status is CommentStatus.APPROVED
    assert reply.is_staff is True
    assert reply.moderator_id == moderator.id
    assert "<strong>answer</strong>" in reply.body_html
    assert db.session.get(Comment, parent.id).status is CommentStatus.APPROVED
    assert audit_actions("comment", reply.id) == ["comment.reply"]


def test_queue_shows_text_safely_with_reasons_and_marks_flagged_and_overdue_items(
    app, moderator_client
):
    CommentFactory(
        body="<script>alert(1)</script> *hello*",
        flagged=True,
        flag_reason="reported by a reader",
        reasons=[{"rule": "links", "points": 2.0, "detail": "3 links"}],
    )
    InquiryFactory(
        message="<img src=x onerror=alert(1)>",
        created_at=utcnow() - dt.timedelta(hours=49),
    )
    db.session.commit()
    page = moderator_client.get("/moderation/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "<em>hello</em>" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "is-flagged" in page and "reported by a reader" in page
    assert "is-overdue" in page and "unanswered over 48 h" in page
    assert (
        '<span class="id-label">Links in the text</span> <code class="identifier">links</code>'
        in page
    )
    assert '<td dir="auto">3 links</td>' in page
    assert 'style="' not in page


def test_queue_filters_by_kind_status_and_verdict(app, moderator_client):
    spam = CommentFactory(status=CommentStatus.SPAM, verdict=Verdict.SPAM, author="Spammy")
    CommentFactory(author="Waiting Reader")
    InquiryFactory(name="Ada Visitor")
    db.session.commit()
    page = moderator_client.get("/moderation/").get_data(as_text=True)
    assert "Waiting Reader" in page and "Ada Visitor" in page and "Spammy" not in page
    page = moderator_client.get("/moderation/?status=spam&verdict=spam").get_data(as_text=True)
    assert f"Comment #{spam.id}" in page and "Waiting Reader" not in page
    page = moderator_client.get("/moderation/?kind=inquiry").get_data(as_text=True)
    assert "Ada Visitor" in page and "Waiting Reader" not in page
    assert moderator_client.get("/moderation/?kind=robots").status_code == 400


def test_the_queue_page_records_a_reading_of_every_inquiry_it_shows(app, moderator_client):
    shown = [InquiryFactory(), InquiryFactory()]
    CommentFactory()
    db.session.commit()
    assert moderator_client.get("/moderation/?status=").status_code == 200
    views = db.session.execute(
        sa.select(AuditEvent.item_id, AuditEvent.detail).where(AuditEvent.action == "inquiry.view")
    ).all()
    assert sorted(item_id for item_id, _ in views) == sorted(i.id for i in shown)
    assert all(detail == {"via": "queue"} for _, detail in views)
