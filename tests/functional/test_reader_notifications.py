"""Reply notifications with double opt-in: one confirmation mail, nothing else before it, the
same answer for every address, mail only for published comments, one-click unsubscribe."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urlsplit

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import (
    CommentStatus,
    Digest,
    OutboxMessage,
    Subscriber,
    Subscription,
    Thread,
)
from service.moderation.services import act, reply_to_comment
from service.submissions.outbox import deliver_due
from service.submissions.subscriptions import send_due_digests
from tests.factories import CommentFactory, ModeratorFactory, ThreadFactory
from tests.pages import hidden_inputs

READER = "patient.reader@example.org"
LINK = re.compile(r"https?://\S+")


def subscriptions_url(key: str) -> str:
    return f"/api/threads/{quote(key, safe='')}/subscriptions"


def mails_to(address: str, purpose: str | None = None) -> list[OutboxMessage]:
    query = sa.select(OutboxMessage).where(sa.func.lower(OutboxMessage.to_addr) == address.lower())
    if purpose:
        query = query.where(OutboxMessage.purpose == purpose)
    return list(db.session.scalars(query.order_by(OutboxMessage.id)))


def link_in(body: str, path: str) -> str:
    """The path and query of the first link in `body` that goes to `path`."""
    for url in LINK.findall(body):
        parts = urlsplit(url)
        if parts.path == path:
            return f"{parts.path}?{parts.query}"
    raise AssertionError(f"no link to {path} in the mail")


@pytest.fixture
def thread_with_comment(app):
    """A published comment by the reader who will subscribe, in a titled thread."""
    thread = ThreadFactory(key="articles/knee-pain", title="Knee pain after exercise")
    comment = CommentFactory(thread=thread, email=READER, status=CommentStatus.APPROVED)
    db.session.commit()
    return thread, comment


def subscribe(client, key: str, email: str = READER, **extra):
    return client.post(subscriptions_url(key), json={"email": email, **extra})


def confirm(client, mail: OutboxMessage):
    path = link_in(mail.body_text, "/subscriptions/confirm")
    page = client.get(path)
    assert page.status_code == 200
    return client.post(path, data=hidden_inputs(page.get_data(as_text=True)))


def pending_reply(parent, author: str = "Another reader", **fields):
    reply = CommentFactory(
        thread=db.session.get(Thread, parent.thread_id),
        parent_id=parent.id,
        author=author,
        body="I had the same.",
        **fields,
    )
    db.session.commit()
    return reply


def test_first_use_sends_one_confirmation_and_nothing_else_until_confirmed(
    client, thread_with_comment, smtp_server
):
    thread, comment = thread_with_comment
    answer = subscribe(client, thread.key, comment_id=comment.id)
    assert answer.status_code == 202
    assert answer.json == {"status": "confirmation_sent"}
    moderator = ModeratorFactory()
    reply = pending_reply(comment)
    act(moderator, "comment", reply.id, "approve")

    deliver_due()
    to_reader = [m for m in smtp_server.messages if m["To"] == READER]
    assert len(to_reader) == 1
    assert "Confirm reply notifications" in to_reader[0]["Subject"]
    assert "/subscriptions/confirm?t=" in to_reader[0].get_content()
    # The confirmation mail names no comment text and no other reader.
    assert "I had the same." not in to_reader[0].get_content()


def test_at_most_one_confirmation_an_hour(client, thread_with_comment):
    thread, _ = thread_with_comment
    for _ in range(3):
        assert subscribe(client, thread.key).status_code == 202
    assert subscribe(client, "articles/another").status_code == 202
    assert len(mails_to(READER, "reader-confirm")) == 1

    subscriber = db.session.scalar(sa.select(Subscriber))
    subscriber.confirmation_sent_at -= dt.timedelta(minutes=61)
    db.session.commit()
    subscribe(client, thread.key)
    assert len(mails_to(READER, "reader-confirm")) == 2


def test_the_answer_is_the_same_for_unknown_waiting_and_confirmed_addresses(
    client, thread_with_comment
):
    thread, _ = thread_with_comment
    first = subscribe(client, thread.key)  # unknown until now
    capped = subscribe(client, thread.key)  # a confirmation went out a moment ago
    confirm(client, mails_to(READER)[0])
    confirmed = subscribe(client, thread.key)
    bodies = {r.get_data() for r in (first, capped, confirmed)}
    assert {r.status_code for r in (first, capped, confirmed)} == {202}
    assert len(bodies) == 1
    assert len(mails_to(READER)) == 1


def test_bad_input_is_a_plain_400_and_a_comment_elsewhere_a_404(client, thread_with_comment):
    thread, _ = thread_with_comment
    response = subscribe(client, thread.key, email="not an address")
    assert response.status_code == 400
    assert "email" in response.json["fields"]
    response = subscribe(client, thread.key, lang="x" * 101)
    assert response.status_code == 400
    assert "lang" in response.json["fields"]
    other = ThreadFactory()
    elsewhere = CommentFactory(thread=other, status=CommentStatus.APPROVED)
    db.session.commit()
    # Well-formed, but the comment is not in this thread: as for a reply's parent.
    response = subscribe(client, thread.key, comment_id=elsewhere.id)
    assert response.status_code == 404
    assert response.json["error"] == "comment_not_found"
    assert response.json["fields"]["comment_id"]


def test_a_pending_reply_sends_nothing_until_approved(client, thread_with_comment, smtp_server):
    thread, comment = thread_with_comment
    subscribe(client, thread.key, comment_id=comment.id)
    confirm(client, mails_to(READER)[0])
    moderator = ModeratorFactory()
    reply = pending_reply(comment, author="Jo")
    spam = pending_reply(comment, author="Spammer", status=CommentStatus.SPAM)
    assert mails_to(READER, "reader-notice") == []

    act(moderator, "comment", reply.id, "approve")
    act(moderator, "comment", reply.id, "reject")
    act(moderator, "comment", reply.id, "approve")  # published again: told once all the same
    assert spam.status is CommentStatus.SPAM
    deliver_due()
    notices = [m for m in smtp_server.messages if m["To"] == READER and "New reply" in m["Subject"]]
    assert len(notices) == 1
    mail = notices[0]
    assert "Knee pain after exercise" in mail["Subject"]
    text = mail.get_content()
    assert "Jo replied" in text and "I had the same." in text
    assert f"/threads/articles/knee-pain#comment-{reply.id}" in text
    assert "Spammer" not in text
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_header = mail["List-Unsubscribe"]
    assert re.fullmatch(r"<https?://\S+/subscriptions/unsubscribe\?t=\S+>", unsubscribe_header)
    assert "/subscriptions/manage?t=" in text
    # Only what the page shows: the subscriber's own address and the replier's are not in it.
    assert reply.email not in text


def test_staff_answers_reach_those_who_follow_the_thread(client, thread_with_comment):
    thread, comment = thread_with_comment
    subscribe(client, thread.key, email="follower@example.org")
    confirm(client, mails_to("follower@example.org")[0])
    moderator = ModeratorFactory(name="Nurse Ada")
    pending_reply(comment)  # a reader's reply is not a clinic answer
    reply_to_comment(moderator, comment.id, "Please rest the knee for a week.")
    notices = mails_to("follower@example.org", "reader-notice")
    assert len(notices) == 1
    assert notices[0].subject.startswith("The clinic answered")
    assert "Nurse Ada answered for the clinic" in notices[0].body_text


def test_nobody_hears_about_their_own_reply(client, thread_with_comment):
    thread, comment = thread_with_comment
    subscribe(client, thread.key, comment_id=comment.id)
    confirm(client, mails_to(READER)[0])
    act(ModeratorFactory(), "comment", pending_reply(comment, email=READER.upper()).id, "approve")
    assert mails_to(READER, "reader-notice") == []


def test_one_click_unsubscribe_by_post_without_cookie_or_token(app, thread_with_comment):
    thread, comment = thread_with_comment
    browser = app.test_client()
    subscribe(browser, thread.key, comment_id=comment.id)
    confirm(browser, mails_to(READER)[0])
    moderator = ModeratorFactory()
    act(moderator, "comment", pending_reply(comment).id, "approve")
    notice = mails_to(READER, "reader-notice")[0]
    target = notice.headers["List-Unsubscribe"].strip("<>")
    parts = urlsplit(target)

    mail_client = app.test_client()  # a mail provider: no cookie, no CSRF token
    response = mail_client.post(
        f"{parts.path}?{parts.query}", data={"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(Subscription.id))) == 0
    again = mail_client.post(f"{parts.path}?{parts.query}", data={"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200
    act(moderator, "comment", pending_reply(comment).id, "approve")
    assert len(mails_to(READER, "reader-notice")) == 1
    # Opening the link only shows a button.
    assert mail_client.get(f"{parts.path}?{parts.query}").status_code == 200
    assert mail_client.post("/subscriptions/unsubscribe?t=forged").status_code == 410


def test_daily_digest_gathers_replies_into_one_mail(client, thread_with_comment):
    thread, comment = thread_with_comment
    subscribe(client, thread.key, comment_id=comment.id)
    manage = confirm(client, mails_to(READER)[0])
    assert manage.status_code == 303
    page = client.get(manage.headers["Location"])
    assert READER in page.get_data(as_text=True)
    form = hidden_inputs(page.get_data(as_text=True))
    saved = client.post(
        "/subscriptions/manage", data={**form, "action": "digest", "digest": "daily"}
    )
    assert saved.status_code == 303
    assert db.session.scalar(sa.select(Subscriber.digest)) is Digest.DAILY

    moderator = ModeratorFactory()
    for author in ("Ana", "Ben"):
        act(moderator, "comment", pending_reply(comment, author=author).id, "approve")
    assert mails_to(READER, "reader-notice") == []
    assert send_due_digests() == 1
    assert send_due_digests() == 0  # not again within the day
    digest = mails_to(READER, "reader-digest")
    assert len(digest) == 1
    assert "Ana replied" in digest[0].body_text and "Ben replied" in digest[0].body_text
    assert digest[0].headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_comment_form_can_ask_for_reply_notifications(client, app, thread_with_comment):
    thread, _ = thread_with_comment
    app.config["FORM_MIN_SECONDS"] = 0
    page = client.get(f"/threads/{thread.key}")
    html = page.get_data(as_text=True)
    assert 'name="notify"' in html and 'id="follow"' in html
    data = {
        **hidden_inputs(html),
        "author": "Tom",
        "email": "tom@example.org",
        "body": "Does this also help with ankle pain?",
        "notify": "y",
        "homepage": "",
    }
    response = client.post(f"/threads/{thread.key}", data=data)
    assert response.status_code == 303
    subscription = db.session.scalar(sa.select(Subscription))
    assert subscription is not None and subscription.comment_id is not None
    assert len(mails_to("tom@example.org", "reader-confirm")) == 1


def test_the_confirmation_is_written_in_the_readers_language(client, thread_with_comment):
    thread, _ = thread_with_comment
    subscribe(client, thread.key, email="lectora@example.org", lang="es-MX,es")
    mail = mails_to("lectora@example.org")[0]
    assert mail.subject.startswith("Confirme los avisos")
    assert "Para confirmarlo" in mail.body_text
    used = confirm(client, mail)
    assert used.status_code == 303
    # The link works once.
    path = link_in(mail.body_text, "/subscriptions/confirm")
    assert client.get(path).status_code == 410


def test_following_from_the_page_answers_alike_and_refuses_a_bad_address(
    client, thread_with_comment
):
    thread, _ = thread_with_comment
    page = client.get(f"/threads/{thread.key}")
    form = hidden_inputs(page.get_data(as_text=True))
    bad = client.post(f"/threads/{thread.key}/follow", data={**form, "email": "nope"})
    assert bad.status_code == 400
    assert "valid email address" in bad.get_data(as_text=True)
    answers = [
        client.post(
            f"/threads/{thread.key}/follow", data={**form, "email": address}, follow_redirects=True
        )
        for address in ("new.one@example.org", READER)
    ]
    assert all(a.status_code == 200 for a in answers)
    assert all(
        "reply notifications start once it is confirmed" in a.get_data(as_text=True)
        for a in answers
    )
