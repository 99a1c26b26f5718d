"""Moderators hear what the filter put in the spam folder: on the queue page since they last
opened the folder, in the moderation API, and in the comment digest (the last seven days)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Inquiry, Moderator, OutboxMessage, Verdict
from service.moderation.accounts import issue_api_token
from tests.conftest import sign_in
from tests.factories import KNOWN_PASSWORD, CommentFactory, ModeratorFactory
from tests.functional.comment_helpers import SPAM_BODY, filter_verdict, post

QUEUE = "/moderation/"
SPAM_FOLDER = "/moderation/?status=spam"


def queue_page(client, url: str = QUEUE) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def file_comment_as_spam(client, app, body: str = SPAM_BODY) -> int:
    filter_verdict(app, "spam")
    answer = post(client, body=body)
    assert answer.status_code == 202
    comment = db.session.get(Comment, answer.get_json()["id"])
    assert (comment.status, comment.verdict) == (CommentStatus.SPAM, Verdict.SPAM)
    return comment.id


def test_the_queue_counts_what_the_filter_filed_as_spam_until_the_moderator_opens_the_folder(
    app, client, moderator_client, inquiry_payload
):
    assert "Nothing new in the spam folder." in queue_page(moderator_client)

    file_comment_as_spam(client, app)
    assert client.post("/api/inquiries", json=inquiry_payload).status_code == 202
    assert db.session.scalar(sa.select(Inquiry.status)).value == "spam"

    page = queue_page(moderator_client)
    assert "The filter has put 2 items in the spam folder, which you have not opened yet." in page
    assert 'href="/moderation/?status=spam"' in page

    folder = queue_page(moderator_client, SPAM_FOLDER)
    assert "in the spam folder" not in folder  # the folder itself needs no such line
    assert "Nothing new in the spam folder." in queue_page(moderator_client)

    file_comment_as_spam(client, app, body=SPAM_BODY + " again")
    assert "The filter put 1 item in the spam folder since you last opened it." in queue_page(
        moderator_client
    )


def test_each_moderator_has_their_own_last_look_at_the_spam_folder(app, client, moderator_client):
    other = ModeratorFactory()
    db.session.commit()
    other_client = app.test_client()
    assert sign_in(other_client, other.email, KNOWN_PASSWORD).status_code == 303
    file_comment_as_spam(client, app)

    queue_page(moderator_client, SPAM_FOLDER)

    assert "Nothing new in the spam folder." in queue_page(moderator_client)
    assert "The filter has put 1 item in the spam folder" in queue_page(other_client)


def test_only_the_whole_folder_counts_as_a_look_and_hand_marked_spam_is_not_news(
    app, client, moderator, moderator_client
):
    file_comment_as_spam(client, app)
    CommentFactory(status=CommentStatus.SPAM, verdict=Verdict.HAM)  # a moderator's own decision
    db.session.commit()

    queue_page(moderator_client, SPAM_FOLDER + "&kind=inquiry")  # the comment was not shown

    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).spam_folder_seen_at is None
    assert "The filter has put 1 item in the spam folder" in queue_page(moderator_client)


def test_a_comment_edited_into_the_spam_folder_counts_from_its_edit(app, client, moderator_client):
    filter_verdict(app, "ham")
    created = post(client).get_json()
    queue_page(moderator_client, SPAM_FOLDER)
    filter_verdict(app, "spam")

    edited = client.patch(
        f"/api/comments/{created['id']}",
        json={"body": SPAM_BODY},
        headers={"X-Edit-Token": created["edit_token"]},
    )

    assert edited.status_code == 200
    assert db.session.get(Comment, created["id"]).status is CommentStatus.SPAM
    assert "The filter put 1 item in the spam folder since you last opened it." in queue_page(
        moderator_client
    )


def test_before_the_first_look_the_count_covers_what_retention_keeps(app, moderator_client):
    kept = app.config["RETENTION_SPAM_DAYS"]
    for age in (kept - 1, kept + 1):
        CommentFactory(
            status=CommentStatus.SPAM,
            verdict=Verdict.SPAM,
            created_at=utcnow() - dt.timedelta(days=age),
        )
    db.session.commit()

    assert "The filter has put 1 item in the spam folder" in queue_page(moderator_client)


def test_the_moderation_api_reports_the_count_without_marking_the_folder_seen(
    app, client, moderator
):
    token = issue_api_token(moderator.email)
    headers = {"Authorization": f"Bearer {token}"}
    file_comment_as_spam(client, app)

    first = client.get("/api/moderation/queue?status=spam", headers=headers)
    again = client.get("/api/moderation/queue", headers=headers)

    assert first.status_code == again.status_code == 200
    assert first.get_json()["new_in_spam_folder"] == 1
    assert again.get_json()["new_in_spam_folder"] == 1
    assert set(again.get_json()) == {"items", "next", "new_in_spam_folder"}


def test_the_comment_digest_names_the_weeks_spam_folder_count_and_nothing_written(
    app, client, moderator
):
    file_comment_as_spam(client, app)
    file_comment_as_spam(client, app, body=SPAM_BODY + " twice")
    old = file_comment_as_spam(client, app, body=SPAM_BODY + " long ago")
    with transaction():
        db.session.get(Comment, old).created_at -= dt.timedelta(days=8)

    filter_verdict(app, "ham")
    assert post(client, body="Does the stretch help after the injection?").status_code == 202

    digest = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.purpose == "comment-digest")
    )
    assert digest.to_addr == moderator.email
    assert "In the last 7 days the filter put 2 items in the spam folder:" in digest.body_text
    assert "/moderation/?status=spam" in digest.body_text
    assert "injection" not in digest.body_text and "pharma" not in digest.body_text


def test_a_digest_in_a_quiet_week_says_the_spam_folder_got_nothing(app, client, moderator):
    filter_verdict(app, "ham")
    assert post(client, body="Thank you for the article.").status_code == 202

    body = db.session.scalar(
        sa.select(OutboxMessage.body_text).where(OutboxMessage.purpose == "comment-digest")
    )
    assert "In the last 7 days the filter put nothing in the spam folder." in body


def test_a_spanish_moderator_reads_the_spam_folder_line_and_the_filter_card_in_spanish(
    app, client, moderator_client
):
    spanish = {"Accept-Language": "es"}
    file_comment_as_spam(client, app)
    one = moderator_client.get(QUEUE, headers=spanish).get_data(as_text=True)
    file_comment_as_spam(client, app, body=SPAM_BODY + " again")
    two = moderator_client.get(QUEUE, headers=spanish).get_data(as_text=True)
    moderator_client.get(SPAM_FOLDER, headers=spanish)
    calm = moderator_client.get(QUEUE, headers=spanish).get_data(as_text=True)
    dashboard = moderator_client.get("/moderation/dashboard", headers=spanish)

    assert "El filtro ha enviado 1 elemento a la carpeta de spam, que usted aún no" in one
    assert "El filtro ha enviado 2 elementos a la carpeta de spam, que usted aún no" in two
    assert "Nada nuevo en la carpeta de spam." in calm
    card = " ".join(dashboard.get_data(as_text=True).split())
    assert "Filtro de spam, últimos 30 días" in card
    assert "acertó en 2 de 2 elementos enviados a la carpeta de spam" in card
    assert "Aún no hay decisiones suficientes." in card
