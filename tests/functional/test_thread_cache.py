"""The cached public thread: served from memory, and never stale after a change, even when the
change is made by another app instance (another worker or host on the same database)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from service import privacy, retention
from service.comments import services as comments
from service.database import utcnow
from service.extensions import db
from service.models import Comment, CommentStatus, Thread
from service.moderation import services as moderation
from tests.factories import ModeratorFactory
from tests.functional.comment_helpers import listed_ids, post, thread_url

KEY = "articles/flu-season"


def version() -> int:
    db.session.expire_all()
    return db.session.scalar(sa.select(Thread.version).where(Thread.key == KEY))


def approved_comment(app, **fields) -> Comment:
    comment = Comment(
        thread_id=db.session.scalar(sa.select(Thread.id).where(Thread.key == KEY)),
        author="Reader",
        body="A published comment",
        body_html="<p>A published comment</p>",
        status=CommentStatus.APPROVED,
        **fields,
    )
    db.session.add(comment)
    db.session.commit()
    return comment


def test_a_moderation_approve_shows_at_once_in_another_instance(app, make_app, lenient_filter):
    reader = app.test_client()
    other = make_app().test_client()  # a second worker or host on the same database
    first = post(reader, KEY)
    assert first.status_code == 202
    moderator = ModeratorFactory()
    db.session.commit()
    moderation.apply_action(moderator, "comment", first.json["id"], "approve", "", "test")
    db.session.commit()

    seen = other.get(thread_url(KEY))
    assert listed_ids(seen.json) == [first.json["id"]]
    etag = seen.headers["ETag"]
    assert other.get(thread_url(KEY), headers={"If-None-Match": etag}).status_code == 304
    assert len(other.application.extensions["thread_cache"]) == 1

    second = post(reader, KEY, body="A second question about the flu vaccine for children.")
    moderation.apply_action(moderator, "comment", second.json["id"], "approve", "", "test")
    db.session.commit()

    again = other.get(thread_url(KEY), headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert listed_ids(again.json) == [first.json["id"], second.json["id"]]
    assert again.headers["ETag"] != etag


def test_every_change_to_a_thread_bumps_its_version(app, lenient_filter):
    client = app.test_client()
    posted = post(client, KEY, email="maria@example.org")
    assert posted.status_code == 202
    moderator = ModeratorFactory()
    db.session.commit()
    steps = {
        "approve": lambda: moderation.apply_action(
            moderator, "comment", posted.json["id"], "approve", "", "test"
        ),
        "staff reply": lambda: moderation.reply_to_comment(
            moderator, posted.json["id"], "Thank you."
        ),
        "lock": lambda: moderation.apply_action(
            moderator, "comment", posted.json["id"], "lock", "", "test"
        ),
        "unlock": lambda: moderation.apply_action(
            moderator, "comment", posted.json["id"], "unlock", "", "test"
        ),
        "reader report": lambda: comments.report_comment(posted.json["id"], "Off topic"),
        "privacy erase": lambda: privacy.erase_person("maria@example.org"),
    }
    for name, step in steps.items():
        before = version()
        step()
        db.session.commit()
        assert version() > before, name


def test_an_authors_edit_and_delete_bump_the_version(app, lenient_filter):
    client = app.test_client()
    posted = post(client, KEY)
    token = posted.json["edit_token"]
    before = version()
    url = f"/api/comments/{posted.json['id']}"
    headers = {"X-Edit-Token": token}
    edited = client.patch(url, json={"body": "A corrected question."}, headers=headers)
    assert edited.status_code == 200
    assert version() > before
    before = version()
    assert client.delete(url, headers=headers).status_code == 204
    assert version() > before


def test_retention_purge_bumps_threads_that_lose_a_tombstone(app, lenient_filter):
    client = app.test_client()
    post(client, KEY)
    old = utcnow() - dt.timedelta(days=3650)
    spam = approved_comment(app)
    spam.status = CommentStatus.SPAM
    db.session.commit()
    approved_comment(app, parent_id=spam.id)
    db.session.execute(sa.update(Comment).where(Comment.id == spam.id).values(updated_at=old))
    db.session.commit()
    before = version()
    retention.purge()
    assert version() > before


def test_a_published_page_is_rendered_once_and_then_served_from_memory(app, lenient_filter):
    client = app.test_client()
    post(client, KEY)
    approved_comment(app)
    cache = app.extensions["thread_cache"]
    first = client.get(thread_url(KEY))
    entry = next(iter(cache._entries.values()))
    second = client.get(thread_url(KEY))
    assert first.data == second.data == entry.body
    assert next(iter(cache._entries.values())) is entry
    # An unknown thread is answered but not remembered.
    assert client.get(thread_url("articles/nothing-here")).json["comments"] == []
    assert len(cache) == 1
