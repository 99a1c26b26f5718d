"""The server-rendered thread page (works without JavaScript), the embed frame and the demo."""

from __future__ import annotations

import sqlalchemy as sa

from service.comments.threadkeys import DEMO_THREAD_KEY
from service.data.database import transaction
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Thread
from service.operations.demo import load_demo
from tests.functional.comment_helpers import (
    CLEAN_BODY,
    comment_form_data,
    filter_verdict,
    post,
    thread_url,
)
from tests.pages import hidden_inputs


def form_fields(client, url: str) -> dict[str, str]:
    page = client.get(url)
    assert page.status_code == 200
    return hidden_inputs(page.get_data(as_text=True))


def submit(client, url: str, **fields):
    hidden = form_fields(client, url)
    data = comment_form_data(hidden)
    if "parent_id" in hidden:
        data["parent_id"] = hidden["parent_id"]
    return client.post(url, data=data | fields)


def publish_all() -> None:
    with transaction():
        for comment in db.session.scalars(sa.select(Comment)):
            comment.status = CommentStatus.APPROVED


def test_a_reader_posts_without_javascript_and_sees_the_comment_awaiting_moderation(app, client):
    filter_verdict(app, "ham")
    response = submit(client, "/threads/articles/knee-pain", body="Does it hurt **much**?")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/threads/articles/knee-pain#comment-")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your comment is awaiting moderation" in page
    assert "Awaiting moderation" in page
    assert "Does it hurt <strong>much</strong>?" in page
    # Another reader does not see it.
    assert "Does it hurt" not in app.test_client().get("/threads/articles/knee-pain").get_data(
        as_text=True
    )


def test_in_auto_mode_a_clean_comment_is_published_at_once(app, client):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    response = submit(client, "/threads/articles/knee-pain")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your comment is published" in page
    assert "1 comment" in page
    assert 'name="robots"' not in page


def test_a_reply_link_prefills_the_parent_and_the_reply_is_nested(app, client):
    filter_verdict(app, "ham")
    submit(client, "/threads/articles/knee-pain", author="Maria")
    publish_all()
    parent_id = db.session.scalar(sa.select(Comment.id))
    url = f"/threads/articles/knee-pain?reply_to={parent_id}"
    page = client.get(url).get_data(as_text=True)
    assert "Reply to Maria" in page
    response = submit(client, url, body="I had the same experience.")
    assert response.status_code == 303
    publish_all()
    reply = db.session.scalars(sa.select(Comment).order_by(Comment.id.desc())).first()
    assert reply.parent_id == parent_id
    page = client.get("/threads/articles/knee-pain").get_data(as_text=True)
    assert page.index(f'id="comment-{parent_id}"') < page.index('class="comment-replies"')


def test_problems_are_shown_next_to_their_fields(client):
    response = submit(client, "/threads/articles/knee-pain", author="", website="javascript:x")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem with what you sent" in page
    assert "This field is required." in page
    assert "Please give a web address starting with http:// or https://." in page
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0


def test_a_form_without_its_csrf_token_is_refused(client):
    hidden = form_fields(client, "/threads/articles/knee-pain")
    response = client.post(
        "/threads/articles/knee-pain",
        data={"form_token": hidden["form_token"], "author": "Tom", "body": CLEAN_BODY},
    )
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0


def test_a_filled_honeypot_is_held_like_any_comment(app, client):
    response = submit(client, "/threads/articles/knee-pain", homepage="http://bot.example")
    assert response.status_code == 303
    comment = db.session.scalar(sa.select(Comment))
    assert comment.status is not CommentStatus.APPROVED
    assert any(reason["rule"] == "honeypot" for reason in comment.reasons)


def test_the_page_of_a_thread_without_published_comments_is_not_indexed(client):
    page = client.get("/threads/articles/nothing-yet").get_data(as_text=True)
    assert '<meta name="robots" content="noindex">' in page
    assert "No comments yet" in page
    assert db.session.scalar(sa.select(sa.func.count(Thread.id))) == 0


def test_an_unnormalised_key_is_served_directly(client):
    response = client.get("/threads//articles//knee-pain/")
    assert response.status_code == 200
    assert 'action="/threads/articles/knee-pain"' in response.get_data(as_text=True)


def test_a_locked_thread_shows_its_comments_and_no_form(client):
    post(client)
    publish_all()
    with transaction():
        db.session.scalar(sa.select(Thread)).locked = True
    page = client.get("/threads/articles/knee-pain").get_data(as_text=True)
    assert "Comments are closed" in page
    assert "helped my shoulder" in page
    assert 'name="body"' not in page


def test_tombstones_and_staff_badges_appear_on_the_page(client):
    load_demo()
    with transaction():
        first = db.session.scalar(sa.select(Comment).where(Comment.author == "Tom"))
        first.status = CommentStatus.DELETED
    page = client.get(f"/threads/{DEMO_THREAD_KEY}").get_data(as_text=True)
    assert "This comment was removed." in page
    assert "Clinic staff" in page
    assert "Is it normal to feel a bit dizzy" not in page


def test_a_reader_reports_a_comment_from_the_page(client):
    post(client)
    publish_all()
    comment_id = db.session.scalar(sa.select(Comment.id))
    csrf = form_fields(client, "/threads/articles/knee-pain")["csrf_token"]
    response = client.post(
        f"/comments/{comment_id}/report", data={"csrf_token": csrf, "reason": "Off topic."}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/threads/articles/knee-pain"
    db.session.expire_all()
    comment = db.session.get(Comment, comment_id)
    assert (comment.flagged, comment.flag_reason) == (True, "Off topic.")


def test_the_embed_frame_may_be_framed_only_by_the_clinics_sites(app, client):
    app.config["ALLOWED_ORIGINS"] = ["https://clinic.example"]
    response = client.get("/embed/thread?key=articles/knee-pain&origin=https://clinic.example")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://clinic.example" in csp
    assert "X-Frame-Options" not in response.headers
    page = response.get_data(as_text=True)
    assert 'data-parent-origin="https://clinic.example"' in page
    foreign = client.get("/embed/thread?key=articles/knee-pain&origin=https://evil.example")
    assert 'data-parent-origin="http://127.0.0.1:5000"' in foreign.get_data(as_text=True)
    # Every other page stays unframeable.
    assert "frame-ancestors 'none'" in client.get("/threads/x").headers["Content-Security-Policy"]


def test_the_embed_script_is_small_and_served_as_javascript(client):
    with client.get("/embed.js") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/javascript"
        # Its English words are in it (the keys of the translations /embed/strings serves),
        # since 0.2 the reader's order, the preview and the writing hint, and since 0.3 the
        # health-information prompt.
        assert len(response.data) < 22_000


def test_the_demo_article_embeds_the_demo_thread(client):
    page = client.get("/demo/article").get_data(as_text=True)
    assert "Trigger point injections" in page
    assert 'href="/contact"' in page
    assert f'data-thread="{DEMO_THREAD_KEY}"' in page
    assert '<script src="/embed.js"></script>' in page


def test_the_json_api_and_the_page_agree_on_a_threads_comments(client):
    load_demo()
    doc = client.get(thread_url(DEMO_THREAD_KEY)).get_json()
    page = client.get(f"/threads/{DEMO_THREAD_KEY}").get_data(as_text=True)
    assert doc["thread"]["count"] == 3
    for comment in doc["comments"]:
        assert f'id="comment-{comment["id"]}"' in page
