"""Delete asks first, can be undone for a grace period, and an administrator can restore it
later from "Recently deleted"; each step is audited."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import AuditEvent, Comment, CommentStatus, Inquiry, InquiryStatus
from tests.factories import CommentFactory, InquiryFactory
from tests.pages import hidden_inputs


def csrf(client, url: str = "/moderation/?status=") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return hidden_inputs(response.get_data(as_text=True))["csrf_token"]


def audit_actions(kind: str, item_id: int) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent.action)
            .where(AuditEvent.kind == kind, AuditEvent.item_id == item_id)
            .order_by(AuditEvent.id)
        )
    )


def age_deletes(action: str, by: dt.timedelta) -> None:
    """Make the deletes so far look older than they are."""
    for event in db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)):
        event.at = event.at - by
    db.session.commit()


def status_of(model, item_id: int):
    db.session.expire_all()
    return db.session.get(model, item_id).status


def test_delete_without_confirmation_shows_a_confirmation_page_and_changes_nothing(
    moderator_client,
):
    comment = CommentFactory(status=CommentStatus.APPROVED)
    db.session.commit()
    token = csrf(moderator_client)

    response = moderator_client.post(
        f"/moderation/comment/{comment.id}/action",
        data={"csrf_token": token, "action": "delete", "status": ""},
    )

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"Delete comment #{comment.id}?" in page
    assert "You can undo it for 30 seconds" in page
    assert 'name="confirm" value="yes"' in page
    assert status_of(Comment, comment.id) is CommentStatus.APPROVED
    assert audit_actions("comment", comment.id) == []


def test_confirmed_delete_offers_undo_and_undo_restores_the_previous_status(moderator_client):
    comment = CommentFactory(status=CommentStatus.APPROVED)
    db.session.commit()
    token = csrf(moderator_client)

    response = moderator_client.post(
        f"/moderation/comment/{comment.id}/action",
        data={"csrf_token": token, "action": "delete", "confirm": "yes", "status": ""},
    )
    assert response.status_code == 303
    assert status_of(Comment, comment.id) is CommentStatus.DELETED

    page = moderator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Undo delete" in page
    undo = hidden_inputs(page.split('id="undo-bar"', 1)[1].split("</form>", 1)[0])
    assert undo["item"] == f"comment:{comment.id}"
    response = moderator_client.post(
        "/moderation/restore", data={"csrf_token": token, "item": f"comment:{comment.id}"}
    )

    assert response.status_code == 303
    assert status_of(Comment, comment.id) is CommentStatus.APPROVED
    assert audit_actions("comment", comment.id) == ["comment.delete", "comment.restore"]
    restore = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "comment.restore"))
    assert restore.detail == {"to": "approved", "via": "undo"}
    # The offer is used up: the next page shows no Undo.
    assert "Undo delete" not in moderator_client.get("/moderation/").get_data(as_text=True)


def test_undo_after_the_grace_period_is_refused_for_a_moderator(app, moderator_client):
    inquiry = InquiryFactory(status=InquiryStatus.ANSWERED)
    db.session.commit()
    token = csrf(moderator_client)
    moderator_client.post(
        f"/moderation/inquiry/{inquiry.id}/action",
        data={"csrf_token": token, "action": "delete", "confirm": "yes", "status": ""},
    )
    # The delete happened longer ago than the grace period.
    age_deletes("inquiry.delete", dt.timedelta(seconds=31))

    response = moderator_client.post(
        "/moderation/restore",
        data={"csrf_token": token, "item": f"inquiry:{inquiry.id}"},
        follow_redirects=True,
    )

    assert "The time to undo has passed" in response.get_data(as_text=True)
    assert status_of(Inquiry, inquiry.id) is InquiryStatus.DELETED
    assert "inquiry.restore" not in audit_actions("inquiry", inquiry.id)


def test_another_moderator_cannot_undo_someones_delete(app, moderator_client):
    from tests.conftest import sign_in
    from tests.factories import KNOWN_PASSWORD, ModeratorFactory

    comment = CommentFactory(status=CommentStatus.PENDING)
    other = ModeratorFactory()
    db.session.commit()
    token = csrf(moderator_client)
    moderator_client.post(
        f"/moderation/comment/{comment.id}/action",
        data={"csrf_token": token, "action": "delete", "confirm": "yes", "status": ""},
    )
    other_client = app.test_client()
    sign_in(other_client, other.email, KNOWN_PASSWORD)

    other_client.post(
        "/moderation/restore",
        data={"csrf_token": csrf(other_client), "item": f"comment:{comment.id}"},
    )

    assert status_of(Comment, comment.id) is CommentStatus.DELETED


def test_bulk_delete_asks_for_every_selected_item_then_deletes_them(moderator_client):
    first = CommentFactory(status=CommentStatus.PENDING)
    second = CommentFactory(status=CommentStatus.PENDING)
    db.session.commit()
    token = csrf(moderator_client)
    items = [f"comment:{first.id}", f"comment:{second.id}"]

    asked = moderator_client.post(
        "/moderation/bulk", data={"csrf_token": token, "action": "delete", "item": items}
    )
    assert asked.status_code == 200
    assert "Delete 2 items?" in asked.get_data(as_text=True)
    assert status_of(Comment, first.id) is CommentStatus.PENDING

    done = moderator_client.post(
        "/moderation/bulk",
        data={"csrf_token": token, "action": "delete", "item": items, "confirm": "yes"},
    )
    assert done.status_code == 303
    assert status_of(Comment, first.id) is CommentStatus.DELETED
    assert status_of(Comment, second.id) is CommentStatus.DELETED
    moderator_client.post("/moderation/restore", data={"csrf_token": token, "item": items})
    assert status_of(Comment, first.id) is CommentStatus.PENDING
    assert status_of(Comment, second.id) is CommentStatus.PENDING


def test_json_delete_from_the_page_script_needs_the_confirmation(moderator_client):
    comment = CommentFactory(status=CommentStatus.PENDING)
    db.session.commit()

    response = moderator_client.post(
        f"/moderation/comment/{comment.id}/action",
        data={"csrf_token": csrf(moderator_client), "action": "delete"},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 409
    assert response.get_json()["error"] == "confirmation_required"
    assert status_of(Comment, comment.id) is CommentStatus.PENDING


def test_admin_restores_from_recently_deleted_long_after(app, moderator_client, admin_client):
    inquiry = InquiryFactory(status=InquiryStatus.RECEIVED)
    db.session.commit()
    token = csrf(moderator_client)
    moderator_client.post(
        f"/moderation/inquiry/{inquiry.id}/action",
        data={"csrf_token": token, "action": "delete", "confirm": "yes", "status": ""},
    )
    age_deletes("inquiry.delete", dt.timedelta(days=3))

    assert moderator_client.get("/moderation/deleted").status_code == 403
    page = admin_client.get("/moderation/deleted").get_data(as_text=True)
    assert f"Inquiry #{inquiry.id}" in page
    assert "Restore as received" in page
    response = admin_client.post(
        "/moderation/restore",
        data={
            "csrf_token": csrf(admin_client, "/moderation/deleted"),
            "item": f"inquiry:{inquiry.id}",
            "from": "deleted",
        },
    )

    assert response.status_code == 303
    assert status_of(Inquiry, inquiry.id) is InquiryStatus.RECEIVED
    restore = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "inquiry.restore"))
    assert restore.detail == {"to": "received", "via": "recently-deleted"}


def test_the_queue_puts_delete_in_its_own_form_apart_from_everyday_actions(moderator_client):
    comment = CommentFactory(status=CommentStatus.PENDING)
    db.session.commit()

    page = moderator_client.get("/moderation/").get_data(as_text=True)
    article = page.split(f'id="comment-{comment.id}"', 1)[1].split("</article>", 1)[0]
    everyday = article.split('class="item-actions"', 1)[1].split("</form>", 1)[0]
    assert 'value="approve"' in everyday
    assert 'value="delete"' not in everyday
    assert 'class="item-delete"' in article
    assert f'data-confirm="Delete comment #{comment.id}?"' in article
