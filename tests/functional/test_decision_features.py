"""A moderator's decision teaches the filter from what it read when the item arrived.

The filter's hashed features are stored with each comment and inquiry, so approving or marking
spam (one item or a bulk selection) never runs the filter's patterns over the text again inside
the moderator's request. An inquiry's features are encrypted like its message.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import Comment, Inquiry, SpamLesson
from service.spam.featurize import features, lesson_features, unpack_features
from service.spam.submission import Submission
from service.submissions import filtering
from tests.factories import CommentFactory
from tests.functional.comment_helpers import filter_verdict, post
from tests.functional.test_moderation_actions import csrf

LONG_COMMENT = "Cheap pills, visit https://pills-now.example/buy today. " + "\u321d" * 4_000


def reading_the_text_again_fails(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a decision read the text again")

    monkeypatch.setattr(filtering, "features_for_lesson", refuse)


def test_a_new_comment_keeps_the_features_the_filter_read(app, client):
    assert post(client, body=LONG_COMMENT).status_code in (201, 202)
    comment = db.session.scalar(sa.select(Comment))
    stored = unpack_features(comment.spam_features)
    expected = features(Submission(kind="comment", text=LONG_COMMENT, author="Maria"))
    assert stored == sorted(set(expected))


def test_an_inquiry_keeps_its_features_encrypted(app, client, inquiry_payload):
    assert client.post("/api/inquiries", json=inquiry_payload).status_code == 202
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert unpack_features(inquiry.spam_features)
    raw = db.session.execute(sa.text("SELECT spam_features FROM inquiries")).scalar_one()
    assert raw != inquiry.spam_features
    assert unpack_features(raw) is None


def test_bulk_spam_teaches_from_stored_features_without_reading_the_text(
    app, client, moderator_client, monkeypatch
):
    filter_verdict(app, "unsure")  # held for a moderator, whatever the model thinks today
    for _ in range(3):
        post(client, body=LONG_COMMENT)
    ids = list(db.session.scalars(sa.select(Comment.id)))
    stored = {
        c.id: unpack_features(c.spam_features) for c in db.session.scalars(sa.select(Comment))
    }
    reading_the_text_again_fails(monkeypatch)
    token = csrf(moderator_client)
    response = moderator_client.post(
        "/moderation/bulk",
        data={"csrf_token": token, "action": "spam", "item": [f"comment:{i}" for i in ids]},
    )
    assert response.status_code == 303
    taught = list(db.session.scalars(sa.select(SpamLesson).order_by(SpamLesson.id)))
    assert [lesson.is_spam for lesson in taught] == [True, True, True]
    assert [lesson.features for lesson in taught] == [
        lesson_features(stored[i], "comment") for i in sorted(ids)
    ]


@pytest.mark.parametrize("stored", [None, "not base64!", "AA=="])
def test_an_item_without_usable_stored_features_is_read_from_its_text(app, stored):
    comment = CommentFactory(body="Buy followers cheap", spam_features=stored)
    db.session.commit()
    lesson = filtering.learn_from_decision(comment, is_spam=True)
    assert lesson.features == lesson_features(features(filtering.submission_of(comment)), "comment")
    assert lesson.features
