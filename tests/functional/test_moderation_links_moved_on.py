"""A mail link acts only on the status its item had when the link was sent. Once someone else
has moved the item on, the link does nothing and says what happened: the status now, who
changed it and when (from the audit log), with a way to open the item in the queue."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from service import create_app
from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    ActionLink,
    Comment,
    CommentStatus,
    Inquiry,
    InquiryStatus,
    OutboxMessage,
)
from service.moderation import services
from tests.conftest import (
    empty_database,
    settings_for,
)
from tests.factories import CommentFactory, ModeratorFactory
from tests.pages import hidden_inputs


def notice_links(client, moderator) -> tuple[int, dict[str, str]]:
    """Send an inquiry; return its id and the moderator's links from the new-inquiry mail."""
    response = client.post(
        "/api/inquiries",
        json={
            "name": "Ada Visitor",
            "email": "ada@example.org",
            "topic": "appointment",
            "message": "Could I book an appointment for next Tuesday, please?",
            "consent": True,
        },
    )
    assert response.status_code == 202
    notice = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.to_addr == moderator.email)
    ).one()
    links = {}
    for line in notice.body_text.splitlines():
        if "/moderation/link?t=" in line:
            label, url = line.split(": ", 1)
            links["close" if "close" in label else "spam"] = url
    assert set(links) == {"close", "spam"}
    return response.json["id"], links


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def inquiry_status(inquiry_id: int) -> InquiryStatus:
    db.session.expire_all()
    return db.session.get(Inquiry, inquiry_id).status


def link_is_unused() -> bool:
    return all(used is None for used in db.session.scalars(sa.select(ActionLink.used_at)))


def test_a_close_link_does_not_close_an_inquiry_a_colleague_answered_since(app, moderator, client):
    inquiry_id, links = notice_links(client, moderator)
    confirmation = client.get(path_of(links["close"]))
    assert confirmation.status_code == 200
    form = hidden_inputs(confirmation.get_data(as_text=True))
    colleague = ModeratorFactory(name="Dr Grace Hopper")
    db.session.commit()
    services.act(colleague, "inquiry", inquiry_id, "answer", "Tuesday at 10 works.")

    response = client.post("/moderation/link", data=form)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert f"Inquiry #{inquiry_id} has changed since this link was sent" in page
    assert "the link did nothing" in page
    assert "answered" in page and "Inquiry answered" in page
    assert "Dr Grace Hopper" in page
    assert f'href="/moderation/inquiries/{inquiry_id}"' in page
    assert inquiry_status(inquiry_id) is InquiryStatus.ANSWERED
    assert link_is_unused()
    # Opening the link again shows the same, and still changes nothing.
    again = client.get(path_of(links["close"]))
    assert again.status_code == 409
    assert "Dr Grace Hopper" in again.get_data(as_text=True)


def test_a_spam_link_does_not_move_a_closed_inquiry_to_spam(app, moderator, client):
    inquiry_id, links = notice_links(client, moderator)
    colleague = ModeratorFactory(name="Dr Ada Lovelace")
    db.session.commit()
    services.act(colleague, "inquiry", inquiry_id, "close")

    opened = client.get(path_of(links["spam"]))
    assert opened.status_code == 409
    page = opened.get_data(as_text=True)
    assert "the link did nothing" in page
    assert "closed" in page and "Inquiry closed" in page
    assert "Dr Ada Lovelace" in page
    assert f'href="/moderation/inquiries/{inquiry_id}"' in page
    main = page[page.index("<main") : page.index("</main>")]
    assert 'type="submit"' not in main  # no button to act anyway
    assert inquiry_status(inquiry_id) is InquiryStatus.CLOSED
    assert link_is_unused()


def test_an_approve_link_does_not_approve_a_comment_a_colleague_rejected(app, moderator, client):
    from service.submissions.actionlinks import action_links_for

    comment = CommentFactory()
    db.session.commit()
    url = action_links_for(moderator, "comment", comment.id, ["approve"])["approve"]
    db.session.commit()
    form = hidden_inputs(client.get(path_of(url)).get_data(as_text=True))
    colleague = ModeratorFactory(name="Dr Lise Meitner")
    db.session.commit()
    services.act(colleague, "comment", comment.id, "reject")

    response = client.post("/moderation/link", data=form)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert f"Comment #{comment.id} has changed since this link was sent" in page
    assert "Dr Lise Meitner" in page
    assert f"/moderation/?kind=comment&amp;status=rejected#comment-{comment.id}" in page
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status is CommentStatus.REJECTED


def test_a_link_whose_item_is_unchanged_still_acts(app, moderator, client):
    inquiry_id, links = notice_links(client, moderator)
    assert db.session.scalars(sa.select(ActionLink.item_status)).all() == ["received"] * 2
    form = hidden_inputs(client.get(path_of(links["spam"])).get_data(as_text=True))
    assert client.post("/moderation/link", data=form).status_code == 200
    assert inquiry_status(inquiry_id) is InquiryStatus.SPAM


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrading_gives_links_already_sent_the_status_their_notice_was_sent_for(backend, tmp_path):
    with empty_database(backend, tmp_path) as (url, _):
        app = create_app(settings_for(url))
        with app.app_context():
            upgrade(revision="a7d3e5b19c42")  # before links remembered a status
            # Plain SQL: the model has columns that later revisions add.
            moderator_id = db.session.execute(
                sa.text(
                    "insert into moderators (email, name, role, password_hash, recovery_codes,"
                    " notify, active, session_version, created_at) values"
                    " ('staff@clinic.example', '', 'moderator', 'x', '[]', true, true, 1, :now)"
                    " returning id"
                ),
                {"now": utcnow()},
            ).scalar_one()
            for kind, token_hash in (("inquiry", "a" * 64), ("comment", "b" * 64)):
                db.session.execute(
                    sa.text(
                        "insert into action_links (token_hash, moderator_id, kind, item_id,"
                        " action, created_at, expires_at) values (:hash, :moderator, :kind, 1,"
                        " 'spam', :now, :now)"
                    ),
                    {"hash": token_hash, "moderator": moderator_id, "kind": kind, "now": utcnow()},
                )
            db.session.commit()
            upgrade()
            stored = db.session.execute(
                sa.select(ActionLink.kind, ActionLink.item_status).order_by(ActionLink.kind)
            ).all()
            assert [tuple(row) for row in stored] == [
                ("comment", "pending"),
                ("inquiry", "received"),
            ]
            db.session.remove()
            db.engine.dispose()
