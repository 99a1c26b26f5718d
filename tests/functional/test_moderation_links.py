"""Action links in moderators' mail: confirmation first, single use, one item, one action."""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import parse_qs, urlsplit

import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    ActionLink,
    AuditEvent,
    Comment,
    CommentStatus,
    Inquiry,
    InquiryStatus,
)
from service.submissions.actionlinks import action_links_for
from tests.factories import CommentFactory, InquiryFactory, ModeratorFactory
from tests.pages import hidden_inputs


def make_links(moderator, kind, item_id, actions):
    links = action_links_for(moderator, kind, item_id, actions)
    db.session.commit()
    return links


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["t"][0]


def confirm(client, url: str):
    page = client.get(path_of(url))
    return page, hidden_inputs(page.get_data(as_text=True))


def status_of(comment_id: int) -> CommentStatus:
    db.session.expire_all()
    return db.session.get(Comment, comment_id).status


def test_opening_a_link_shows_a_confirmation_and_changes_nothing(app, moderator, client):
    comment = CommentFactory(body="Is **this** normal?")
    db.session.commit()
    links = make_links(moderator, "comment", comment.id, ["approve", "spam"])
    assert set(links) == {"approve", "spam"}
    page, form = confirm(client, links["approve"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"Approve comment #{comment.id}?" in html
    assert moderator.email in html
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert status_of(comment.id) is CommentStatus.PENDING
    assert db.session.scalar(sa.select(ActionLink.used_at).limit(1)) is None
    assert form["t"] == token_of(links["approve"])


def test_posting_the_confirmation_acts_once_and_the_audit_names_the_moderator(
    app, moderator, client
):
    comment = CommentFactory()
    db.session.commit()
    url = make_links(moderator, "comment", comment.id, ["approve"])["approve"]
    _, form = confirm(client, url)
    done = client.post("/moderation/link", data=form)
    assert done.status_code == 200
    assert f"Approved comment #{comment.id}." in done.get_data(as_text=True)
    assert status_of(comment.id) is CommentStatus.APPROVED
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "comment.approve")
    ).one()
    assert event.actor == moderator.email and event.moderator_id == moderator.id
    assert event.detail["via"] == "mail link"
    again = client.post("/moderation/link", data=form)
    assert again.status_code == 410
    assert client.get(path_of(url)).status_code == 410  # a used link no longer even shows


def test_an_expired_link_is_refused(app, moderator, client):
    comment = CommentFactory()
    db.session.commit()
    url = make_links(moderator, "comment", comment.id, ["spam"])["spam"]
    _, form = confirm(client, url)
    link = db.session.scalar(sa.select(ActionLink))
    link.expires_at = utcnow() - dt.timedelta(seconds=1)
    db.session.commit()
    assert client.get(path_of(url)).status_code == 410
    assert client.post("/moderation/link", data=form).status_code == 410
    assert status_of(comment.id) is CommentStatus.PENDING


def test_a_link_for_one_action_cannot_perform_another(app, moderator, client):
    comment = CommentFactory()
    other = CommentFactory()
    db.session.commit()
    url = make_links(moderator, "comment", comment.id, ["reject"])["reject"]
    _, form = confirm(client, url)
    # Whatever else the form claims, the link decides the item and the action.
    response = client.post(
        "/moderation/link", data={**form, "action": "delete", "kind": "comment", "id": other.id}
    )
    assert response.status_code == 200
    assert status_of(comment.id) is CommentStatus.REJECTED
    assert status_of(other.id) is CommentStatus.PENDING


def test_a_tampered_token_is_refused(app, moderator, client):
    comment = CommentFactory()
    db.session.commit()
    url = make_links(moderator, "comment", comment.id, ["approve"])["approve"]
    _, form = confirm(client, url)
    token = form["t"]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post("/moderation/link", data={**form, "t": forged}).status_code == 410
    assert client.get("/moderation/link?t=").status_code == 410
    assert status_of(comment.id) is CommentStatus.PENDING


def test_a_deactivated_moderators_link_is_refused(app, client):
    gone = ModeratorFactory()
    inquiry = InquiryFactory()
    db.session.commit()
    url = make_links(gone, "inquiry", inquiry.id, ["close"])["close"]
    _, form = confirm(client, url)
    gone.active = False
    db.session.commit()
    assert client.post("/moderation/link", data=form).status_code == 410
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).status is InquiryStatus.RECEIVED


def test_links_are_only_made_for_actions_that_need_no_note(app, moderator):
    inquiry = InquiryFactory()
    db.session.commit()
    links = make_links(moderator, "inquiry", inquiry.id, ["answer", "assign", "close", "spam"])
    assert set(links) == {"close", "spam"}


def test_an_item_that_moved_on_leaves_the_link_unused(app, moderator, client):
    comment = CommentFactory(status=CommentStatus.APPROVED)
    db.session.commit()
    url = make_links(moderator, "comment", comment.id, ["approve"])["approve"]
    _, form = confirm(client, url)
    response = client.post("/moderation/link", data=form)
    assert response.status_code == 409
    assert db.session.scalar(sa.select(ActionLink.used_at)) is None


def test_the_token_never_reaches_a_log_line(app, moderator, client, caplog):
    comment = CommentFactory()
    db.session.commit()
    url = make_links(moderator, "comment", comment.id, ["approve"])["approve"]
    token = token_of(url)
    with caplog.at_level(logging.DEBUG):
        _, form = confirm(client, url)
        client.post("/moderation/link", data=form)
        client.post("/moderation/link", data=form)  # refused: logged too
    lines = [record.getMessage() for record in caplog.records]
    assert any("/moderation/link" in line for line in lines)
    assert not any(token in line or token[:20] in line for line in lines)
    stored = db.session.scalar(sa.select(ActionLink.token_hash))
    assert token not in stored


def test_the_development_servers_access_line_drops_the_query_string(app, caplog):
    # `make run` serves with Werkzeug, which logs the whole request line by itself.
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info(
            '%s - - [%s] "%s" %s %s',
            "127.0.0.1",
            "01/Jan/2026 10:00:00",
            "GET /moderation/link?t=SECRET-TOKEN HTTP/1.1",
            "200",
            "-",
        )
    line = caplog.records[-1].getMessage()
    assert "SECRET-TOKEN" not in line
    assert '"GET /moderation/link HTTP/1.1" 200' in line


def test_new_inquiry_mail_carries_each_moderators_own_links(app, moderator, client):
    from tests.functional.test_moderation_links_moved_on import notice_links

    inquiry_id, links = notice_links(client, moderator)
    close_url = links["close"]
    link = db.session.scalar(sa.select(ActionLink).where(ActionLink.action == "close"))
    assert (link.moderator_id, link.kind, link.item_id) == (moderator.id, "inquiry", inquiry_id)
    _, form = confirm(client, close_url)
    assert client.post("/moderation/link", data=form).status_code == 200
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry_id).status is InquiryStatus.CLOSED
