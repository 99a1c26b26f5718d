"""Atom feeds of published comments (read back with feedparser) and the Markdown preview."""

from __future__ import annotations

import feedparser
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import Comment, CommentStatus
from tests.factories import CommentFactory, ThreadFactory
from tests.functional.comment_helpers import comment_form_data
from tests.functional.test_comments_pages import form_fields

KEY = "articles/knee-pain"


def held_and_published() -> dict[str, Comment]:
    thread = ThreadFactory(key=KEY, title="Knee pain")
    other = ThreadFactory(key="articles/back-pain", title="Back pain")
    comments = {
        "published": CommentFactory(
            thread=thread, status=CommentStatus.APPROVED, author="Ana", body="Ice helped me."
        ),
        "staff": CommentFactory(
            thread=thread,
            status=CommentStatus.APPROVED,
            author="Nurse Rita",
            is_staff=True,
            body="Ice for **ten minutes**, no longer.",
        ),
        "pending": CommentFactory(thread=thread, status=CommentStatus.PENDING, body="Waiting."),
        "spam": CommentFactory(thread=thread, status=CommentStatus.SPAM, body="Buy pills."),
        "deleted": CommentFactory(thread=thread, status=CommentStatus.DELETED, body="Gone."),
        "rejected": CommentFactory(thread=thread, status=CommentStatus.REJECTED, body="Off."),
        "elsewhere": CommentFactory(
            thread=other, status=CommentStatus.APPROVED, author="Ben", body="Yoga helped."
        ),
    }
    db.session.commit()
    return comments


def test_a_threads_feed_is_valid_atom_of_its_published_comments_only(app, client):
    comments = held_and_published()
    response = client.get(f"/threads/{KEY}/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title.startswith("Knee pain")
    links = {entry.link for entry in feed.entries}
    expected = {
        f"{app.config['PUBLIC_URL']}/threads/{KEY}#comment-{comments[name].id}"
        for name in ("published", "staff")
    }
    assert links == expected
    text = response.get_data(as_text=True)
    for held in ("Waiting.", "Buy pills.", "Gone.", "Off.", "Yoga helped."):
        assert held not in text
    staff = next(e for e in feed.entries if e.author == "Nurse Rita")
    assert "<strong>ten minutes</strong>" in staff.content[0].value
    assert staff.published_parsed is not None


def test_the_site_feed_lists_every_threads_published_comments_newest_first(client):
    comments = held_and_published()
    feed = feedparser.parse(client.get("/feed.atom").data)
    assert not feed.bozo
    ids = [int(entry.link.rsplit("-", 1)[1]) for entry in feed.entries]
    assert sorted(ids) == sorted(comments[name].id for name in ("published", "staff", "elsewhere"))
    assert ids == sorted(ids, reverse=True)  # created one after another: newest first


def test_a_feed_answers_304_to_its_etag_until_a_comment_is_published(client):
    comments = held_and_published()
    first = client.get(f"/threads/{KEY}/feed.atom")
    etag = first.headers["ETag"]
    assert (
        client.get(f"/threads/{KEY}/feed.atom", headers={"If-None-Match": etag}).status_code == 304
    )
    comments["pending"].status = CommentStatus.APPROVED
    db.session.commit()
    changed = client.get(f"/threads/{KEY}/feed.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "Waiting." in changed.get_data(as_text=True)


def test_an_unknown_threads_feed_is_empty_and_creates_nothing(client):
    response = client.get("/threads/articles/nothing-yet/feed.atom")
    assert response.status_code == 200
    feed = feedparser.parse(response.data)
    assert not feed.bozo
    assert feed.entries == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


def test_the_thread_page_links_both_feeds_from_its_head(client):
    held_and_published()
    page = client.get(f"/threads/{KEY}").get_data(as_text=True)
    head = page.split("</head>")[0]
    assert f'type="application/atom+xml" href="/threads/{KEY}/feed.atom"' in head
    assert 'type="application/atom+xml" href="/feed.atom"' in head


def test_the_preview_api_renders_and_sanitises_like_a_stored_comment(client):
    response = client.post(
        "/api/preview",
        json={"body": "**Ice** helps <script>alert(1)</script> [x](javascript:alert(1))"},
    )
    assert response.status_code == 200
    html = response.json["html"]
    assert "<strong>Ice</strong>" in html
    assert "<script" not in html
    assert 'href="javascript:' not in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


def test_the_preview_api_refuses_an_empty_text_with_the_field_named(client):
    response = client.post("/api/preview", json={"body": "   "})
    assert response.status_code == 400
    assert "body" in response.json["fields"]


def test_the_page_preview_works_without_javascript_and_keeps_the_text(client):
    url = f"/threads/{KEY}"
    data = comment_form_data(form_fields(client, url)) | {
        "body": "Does *ice* help?\n\n- morning\n- evening",
        "preview": "1",
    }
    response = client.post(url, data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This is how your comment will look" in page
    assert "<em>ice</em>" in page
    assert "<li>morning</li>" in page
    # The text stays in the form, as typed, and nothing was stored.
    assert "Does *ice* help?\n\n- morning\n- evening</textarea>" in page
    assert 'value="Tom"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0
