"""The readers' "my data" page: a single-use link by mail to download or erase everything
stored under an address; the same answer whether or not anything is stored."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    Comment,
    CommentStatus,
    Inquiry,
    OutboxMessage,
    ReaderLink,
    Subscriber,
    Subscription,
)
from service.operations.privacy import erase_person, export_person
from service.submissions.outbox import deliver_due
from tests.factories import CommentFactory, InquiryFactory, ThreadFactory
from tests.functional.test_reader_notifications import LINK, confirm
from tests.pages import hidden_inputs

PERSON = "maria.lopez@example.org"


def mails() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def ask(client, email: str):
    page = client.get("/my-data")
    assert page.status_code == 200
    return client.post(
        "/my-data", data={**hidden_inputs(page.get_data(as_text=True)), "email": email}
    )


def link_path(mail: OutboxMessage) -> str:
    for url in LINK.findall(mail.body_text):
        parts = urlsplit(url)
        if parts.path == "/my-data/link":
            return f"{parts.path}?{parts.query}"
    raise AssertionError("no my-data link in the mail")


@pytest.fixture
def person(app):
    """Maria's comment with a reply, a comment without one, an inquiry, a subscription."""
    thread = ThreadFactory(key="articles/sleep", title="Sleep")
    answered = CommentFactory(
        thread=thread,
        email=PERSON,
        author="Maria",
        body="Melatonin?",
        status=CommentStatus.APPROVED,
    )
    db.session.flush()
    CommentFactory(
        thread=thread, parent_id=answered.id, body="Ask your doctor.", status=CommentStatus.APPROVED
    )
    alone = CommentFactory(
        thread=thread, email=PERSON.upper(), body="Thanks!", status=CommentStatus.APPROVED
    )
    InquiryFactory(email=PERSON)
    db.session.commit()
    return thread, answered, alone


def test_unknown_and_known_addresses_get_the_same_answer(client, person, smtp_server):
    unknown = ask(client, "nobody.here@example.org")
    known = ask(client, PERSON)
    assert unknown.status_code == known.status_code == 200
    # The same page apart from the hidden CSRF token and the address typed.
    assert _visible(unknown) == _visible(known)
    deliver_due()
    assert [m["To"] for m in smtp_server.messages] == [PERSON]
    assert "/my-data/link?t=" in smtp_server.messages[0].get_content()


def _visible(response) -> str:
    html = response.get_data(as_text=True)
    html = html.replace("nobody.here@example.org", "X").replace(PERSON, "X")
    return "\n".join(line for line in html.splitlines() if "csrf_token" not in line)


def test_at_most_one_link_an_hour(client, person):
    for _ in range(3):
        assert ask(client, PERSON).status_code == 200
    assert len(mails()) == 1
    link = db.session.scalar(sa.select(ReaderLink))
    link.created_at -= dt.timedelta(minutes=61)
    db.session.commit()
    ask(client, PERSON)
    assert len(mails()) == 2


def test_a_bad_address_is_a_400_with_the_problem_next_to_the_field(client):
    response = ask(client, "not an address")
    assert response.status_code == 400
    assert "aria-invalid" in response.get_data(as_text=True)


def test_download_everything_once(client, person):
    ask(client, PERSON)
    path = link_path(mails()[0])
    page = client.get(path)
    assert page.status_code == 200
    form = hidden_inputs(page.get_data(as_text=True))
    download = client.post("/my-data/download", data=form)
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(download.get_data(as_text=True))
    assert len(data["comments"]) == 2 and len(data["inquiries"]) == 1
    assert data["reply_notifications"] == []
    # The link works once.
    assert client.post("/my-data/download", data=form).status_code == 410
    assert client.get(path).status_code == 410
    audit = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "privacy.export")
    ).all()
    assert [(a.actor, a.detail["comments"]) for a in audit] == [("reader", 2)]
    assert PERSON not in json.dumps(audit[0].detail).lower()


def test_erase_asks_first_then_keeps_answered_comments_as_tombstones(client, person):
    _, answered, alone = person
    ask(client, PERSON)
    path = link_path(mails()[0])
    form = hidden_inputs(client.get(path).get_data(as_text=True))
    question = client.post("/my-data/erase", data=form)
    assert question.status_code == 200
    assert "Yes, erase everything" in question.get_data(as_text=True)
    assert db.session.get(Comment, alone.id) is not None  # nothing erased yet

    done = client.post("/my-data/erase", data={**form, "confirm": "yes"})
    assert done.status_code == 200
    db.session.expire_all()
    assert db.session.get(Comment, alone.id) is None
    tombstone = db.session.get(Comment, answered.id)
    assert tombstone.status is CommentStatus.DELETED and tombstone.email is None
    assert tombstone.body == "" and tombstone.author == ""
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(ReaderLink.id))) == 0
    thread_page = client.get("/threads/articles/sleep").get_data(as_text=True)
    assert "This comment was removed." in thread_page and "Ask your doctor." in thread_page
    assert client.post("/my-data/erase", data={**form, "confirm": "yes"}).status_code == 410
    audit = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "privacy.erase"))
    assert audit.actor == "reader" and audit.detail["comments_tombstoned"] == 1
    assert PERSON not in json.dumps(audit.detail)


def test_privacy_export_and_erase_include_reply_notifications(client, person):
    thread, answered, _ = person
    client.post(
        f"/api/threads/{thread.key}/subscriptions",
        json={"email": PERSON, "comment_id": answered.id},
    )
    confirm(client, next(m for m in mails() if m.purpose == "reader-confirm"))
    data = export_person(PERSON)
    (subscriber,) = data["reply_notifications"]
    assert subscriber["confirmed_at"] is not None
    (followed,) = subscriber["subscriptions"]
    assert (followed["thread_key"], followed["comment_id"]) == ("articles/sleep", answered.id)
    result = erase_person(PERSON)
    assert result["subscribers_deleted"] == 1
    assert db.session.scalar(sa.select(sa.func.count(Subscriber.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Subscription.id))) == 0


def test_a_subscribed_address_alone_can_ask_for_its_data(client):
    client.post(
        "/api/threads/articles%2Fsleep/subscriptions", json={"email": "only.mail@example.org"}
    )
    ask(client, "only.mail@example.org")
    purposes = [m.purpose for m in mails()]
    assert purposes == ["reader-confirm", "reader-my-data"]
