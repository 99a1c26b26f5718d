"""The cached public thread: served from memory, and never stale after a change, even when the
change is made by another app instance (another worker or host on the same database)."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import sqlalchemy as sa
from werkzeug.test import Client

from service.comments import services as comments
from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Thread
from service.moderation import services as moderation
from service.operations import privacy, retention
from service.web.counters import REQUESTS
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
    # Published without a moderator: a reader's report takes it off the page.
    published = approved_comment(app)
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
        "reader report": lambda: comments.report_comment(published.id, "Off topic"),
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


def counting_flask(app) -> list[str]:
    """Count the requests that reach Flask behind the cached-read layer."""
    layer = app.wsgi_app
    inner = layer.wsgi_app
    reached: list[str] = []

    def flask(environ, start_response):
        reached.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    layer.wsgi_app = flask
    return reached


def without_request_id(headers) -> list[tuple[str, str]]:
    # Each answer has its own id; the date may tick between two answers.
    return sorted(
        (name, value) for name, value in headers.items() if name not in ("X-Request-ID", "Date")
    )


def test_a_current_cached_page_is_answered_before_flask_exactly_as_flask_answers(
    app, lenient_filter
):
    app.config["ALLOWED_ORIGINS"] = ["https://clinic.example"]
    client = app.test_client()
    post(client, KEY)
    approved_comment(app)
    flask_only = Client(app.wsgi_app.wsgi_app)  # the same app without the layer
    reached = counting_flask(app)
    for headers in ({}, {"Origin": "https://clinic.example"}):
        client.get(thread_url(KEY), headers=headers)  # renders and fills the cache
        reached.clear()
        cached = client.get(thread_url(KEY), headers=headers)
        assert reached == []
        rendered = flask_only.get(thread_url(KEY), headers=headers)
        assert cached.status_code == rendered.status_code == 200
        assert cached.data == rendered.data
        assert without_request_id(cached.headers) == without_request_id(rendered.headers)
        assert "Date" in cached.headers

    etag = cached.headers["ETag"]
    not_modified = client.get(thread_url(KEY), headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.data == b""
    assert reached == []
    assert without_request_id(not_modified.headers) == without_request_id(
        flask_only.get(thread_url(KEY), headers={"If-None-Match": etag}).headers
    )


def test_requests_the_layer_is_not_sure_of_go_to_flask(app, lenient_filter):
    client = app.test_client()
    post(client, KEY)
    approved_comment(app)
    client.get(thread_url(KEY))
    reached = counting_flask(app)

    assert client.get(thread_url(KEY) + "?limit=10").status_code == 200
    foreign = client.get(thread_url(KEY), headers={"Origin": "https://elsewhere.example"})
    assert foreign.status_code == 403
    assert (
        client.get(thread_url(KEY), headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 200
    )
    assert client.post(thread_url(KEY), json={"author": "A"}).status_code == 400
    assert len(reached) == 4

    # A database error in the layer's version lookup: Flask answers, nothing is lost.
    app.wsgi_app._version = lambda key: 1 / 0
    answer = client.get(thread_url(KEY))
    assert answer.status_code == 200
    assert len(listed_ids(answer.json)) == 1
    assert len(reached) == 5


def test_a_cached_answer_is_logged_and_counted_like_any_other(app, lenient_filter, caplog):
    client = app.test_client()
    post(client, KEY)
    approved_comment(app)
    client.get(thread_url(KEY))
    reached = counting_flask(app)
    before = REQUESTS.labels("200")._value.get()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="service.request"):
        answer = client.get(thread_url(KEY), headers={"X-Request-ID": "trace-42"})
    assert reached == []
    assert answer.headers["X-Request-ID"] == "trace-42"
    (line,) = [r for r in caplog.records if r.name == "service.request"]
    assert line.request_id == "trace-42"
    assert line.getMessage().startswith(f"GET /api/threads/{KEY}/comments 200 ")
    assert REQUESTS.labels("200")._value.get() == before + 1


def test_the_layer_needs_no_app_context_as_under_a_real_server(app, lenient_filter):
    # Tests hold an app context open; a server's worker thread has none. Ask from a new thread.
    app.config["ALLOWED_ORIGINS"] = ["https://clinic.example"]
    client = app.test_client()
    post(client, KEY)
    approved_comment(app)
    client.get(thread_url(KEY))
    reached = counting_flask(app)
    answers = {}

    def ask() -> None:
        answers["allowed"] = client.get(
            thread_url(KEY), headers={"Origin": "https://clinic.example"}
        )
        answers["nul"] = client.get("/api/threads/a%00b/comments")

    worker = threading.Thread(target=ask)
    worker.start()
    worker.join()
    assert answers["allowed"].status_code == 200
    assert answers["allowed"].headers["Access-Control-Allow-Origin"] == "https://clinic.example"
    assert answers["nul"].status_code == 400
    assert reached == ["/api/threads/a\x00b/comments"]
