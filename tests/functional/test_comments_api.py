"""Readers' comments through the public JSON API, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from service.data.database import transaction
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, OutboxMessage, Thread
from tests.functional.comment_helpers import (
    CLEAN_BODY,
    SPAM_BODY,
    filter_verdict,
    listed_ids,
    post,
    thread_url,
)


def stored(comment_id: int) -> Comment:
    db.session.expire_all()
    return db.session.get(Comment, comment_id)


def publish(comment_id: int) -> None:
    """What a moderator's approval does (the moderation queue is another module)."""
    with transaction():
        stored(comment_id).status = CommentStatus.APPROVED


def published_comment(client, key: str = "articles/knee-pain", **fields) -> dict:
    answer = post(client, key, **fields).get_json()
    publish(answer["id"])
    return answer


def age(comment_id: int, minutes: int) -> None:
    with transaction():
        comment = stored(comment_id)
        comment.created_at = comment.created_at - dt.timedelta(minutes=minutes)


# -- threads and keys --------------------------------------------------------------------------


def test_an_unknown_thread_is_empty_and_reading_it_creates_nothing(client):
    response = client.get(thread_url("articles/not-yet-discussed"))
    assert response.status_code == 200
    assert response.get_json() == {
        "thread": {"key": "articles/not-yet-discussed", "title": None, "count": 0, "locked": False},
        "comments": [],
        "next": None,
    }
    assert db.session.scalar(sa.select(sa.func.count(Thread.id))) == 0


def test_the_first_comment_creates_the_thread_under_its_normal_key(client):
    assert post(client, "/blog//trigger-points/").status_code == 202
    assert db.session.scalars(sa.select(Thread.key)).all() == ["blog/trigger-points"]
    for sent in ("/blog//trigger-points/", "blog/trigger-points", "blog///trigger-points//"):
        response = client.get(thread_url(sent))
        assert response.status_code == 200, "served directly, never redirected"
        assert response.get_json()["thread"]["key"] == "blog/trigger-points"


@pytest.mark.parametrize(
    "key",
    ["sweep-nul\x00key", "k" * 201, "///", "tab\tkey", "bidi\u202ekey"],
    ids=["nul", "too-long", "only-slashes", "control-char", "bidi-override"],
)
def test_an_unusable_thread_key_is_refused(client, key):
    for response in (client.get(thread_url(key)), post(client, key)):
        assert response.status_code == 400
        assert response.get_json()["error"] == "invalid_thread_key"


def test_a_thread_key_in_another_script_is_fine(client):
    key = "статья-о-боли-в-спине"
    assert post(client, key).status_code == 202
    assert client.get(thread_url(key)).get_json()["thread"]["key"] == key


def test_a_threads_title_comes_from_the_first_published_comment_that_has_one(client):
    held = post(client, title="Never published").get_json()
    first = published_comment(client, title="Recovery after injections")
    published_comment(client, title="A later title")
    doc = client.get(thread_url("articles/knee-pain")).get_json()
    assert doc["thread"]["title"] == "Recovery after injections"
    assert held["id"] < first["id"]


# -- moderation modes --------------------------------------------------------------------------


def test_in_pre_mode_every_comment_waits_and_only_its_author_sees_it(app, client):
    filter_verdict(app, "ham")
    answer = post(client)
    assert answer.status_code == 202
    created = answer.get_json()
    assert created["status"] == "pending"
    assert created["html"] == (
        "<p>Thank you, the stretches from this article helped my shoulder a lot.</p>"
    )
    assert set(created) >= {"id", "edit_token", "author", "parent_id", "created_at"}
    assert listed_ids(client.get(thread_url("articles/knee-pain")).get_json()) == []
    own = client.get(
        f"/api/comments/{created['id']}", headers={"X-Edit-Token": created["edit_token"]}
    )
    assert own.status_code == 200
    assert own.get_json()["status"] == "pending"
    assert own.get_json()["body"] == CLEAN_BODY


def test_in_auto_mode_ham_is_published_and_unsure_waits(app, client):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    ham = post(client).get_json()
    filter_verdict(app, "unsure")
    unsure = post(client, body="Is it normal that the spot still aches after a week?").get_json()
    assert (ham["status"], unsure["status"]) == ("approved", "pending")
    assert listed_ids(client.get(thread_url("articles/knee-pain")).get_json()) == [ham["id"]]


@pytest.mark.parametrize("mode", ["pre", "auto"])
def test_spam_answers_exactly_like_a_held_comment(app, client, mode):
    app.config["MODERATION_MODE"] = mode
    filter_verdict(app, "spam")
    answer = post(client).get_json()
    assert answer["status"] == "pending"
    assert stored(answer["id"]).status is CommentStatus.SPAM
    assert stored(answer["id"]).reasons, "the filter's reasons are kept for moderators"


def test_a_client_cannot_choose_status_id_or_edit_token(app, client):
    app.config["MODERATION_MODE"] = "pre"
    filter_verdict(app, "ham")
    answer = post(
        client,
        status="approved",
        id=4242,
        thread_id=99,
        edit_token="chosen-by-client",
        is_staff=True,
        created_at="2000-01-01T00:00:00Z",
    ).get_json()
    assert answer["status"] == "pending"
    assert answer["id"] != 4242
    assert answer["edit_token"] != "chosen-by-client"
    comment = stored(answer["id"])
    assert (comment.status, comment.is_staff) == (CommentStatus.PENDING, False)
    assert comment.created_at.year > 2000


# -- replies -----------------------------------------------------------------------------------


def test_a_reply_is_nested_under_its_parent(client):
    parent = published_comment(client)
    reply = published_comment(client, parent_id=parent["id"], body="Same here, thank you.")
    doc = client.get(thread_url("articles/knee-pain")).get_json()
    assert [c["id"] for c in doc["comments"]] == [parent["id"]]
    assert doc["comments"][0]["replies"][0]["id"] == reply["id"]
    assert doc["comments"][0]["replies"][0]["parent_id"] == parent["id"]


def test_a_reply_to_a_comment_of_another_thread_is_refused(client):
    elsewhere = published_comment(client, "articles/shoulder")
    response = post(client, "articles/knee-pain", parent_id=elsewhere["id"])
    assert response.status_code == 404
    assert "parent_id" in response.get_json()["fields"]
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 1


def test_a_reply_to_a_comment_that_is_not_published_is_refused(client):
    held = post(client).get_json()
    response = post(client, parent_id=held["id"])
    assert response.status_code == 404
    assert "parent_id" in response.get_json()["fields"]


@pytest.mark.parametrize("parent_id", [-1, 0, 2**40, 10**30, "abc", 1.5, True], ids=repr)
def test_parent_id_must_be_a_positive_whole_number_in_range(client, parent_id):
    response = post(client, parent_id=parent_id)
    assert response.status_code == 400
    assert "parent_id" in response.get_json()["fields"]


def test_a_parent_id_of_1e400_is_refused_as_bad_json(client):
    response = client.post(
        thread_url("articles/knee-pain"),
        data=b'{"author": "Maria", "body": "Thanks", "parent_id": 1e400}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_replies_are_stored_to_any_depth_and_shown_to_the_configured_depth(app, client):
    app.config["COMMENT_MAX_DEPTH"] = 2
    ids = [published_comment(client)["id"]]
    for level in range(3):
        ids.append(published_comment(client, parent_id=ids[-1], body=f"Reply {level}")["id"])
    doc = client.get(thread_url("articles/knee-pain")).get_json()
    root = doc["comments"][0]
    assert root["id"] == ids[0]
    # Two levels are shown: the deeper replies join the second, oldest first, and still
    # name the comment they answer.
    assert [r["id"] for r in root["replies"]] == ids[1:]
    assert [r["parent_id"] for r in root["replies"]] == ids[:3]
    assert all(r["replies"] == [] for r in root["replies"])
    assert stored(ids[3]).parent_id == ids[2]


# -- the author's edits ------------------------------------------------------------------------


def test_an_author_edits_within_the_window_and_the_edit_is_judged_again(app, client):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    created = post(client).get_json()
    response = client.patch(
        f"/api/comments/{created['id']}",
        json={"body": "Thank you, **this** helped."},
        headers={"X-Edit-Token": created["edit_token"]},
    )
    assert response.status_code == 200
    assert response.get_json()["html"] == "<p>Thank you, <strong>this</strong> helped.</p>"
    assert response.get_json()["status"] == "approved"
    assert response.get_json()["edited_at"] is not None


def test_an_edit_that_adds_spam_links_goes_back_to_moderation(app, client):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    created = post(client).get_json()
    assert created["status"] == "approved"
    app.config["SPAM_UNSURE_AT"] = app.config["SPAM_AT"] = None  # the filter's own thresholds
    response = client.patch(
        f"/api/comments/{created['id']}",
        json={"body": SPAM_BODY},
        headers={"X-Edit-Token": created["edit_token"]},
    )
    assert response.status_code == 200
    assert response.get_json()["status"] == "pending"
    assert stored(created["id"]).status in (CommentStatus.PENDING, CommentStatus.SPAM)
    assert listed_ids(client.get(thread_url("articles/knee-pain")).get_json()) == []


def test_in_pre_mode_an_edit_of_a_published_comment_waits_again(app, client):
    filter_verdict(app, "ham")
    created = published_comment(client)
    client.patch(
        f"/api/comments/{created['id']}",
        json={"body": "Edited after it was published."},
        headers={"X-Edit-Token": created["edit_token"]},
    )
    assert stored(created["id"]).status is CommentStatus.PENDING


def test_a_wrong_or_missing_edit_token_is_refused(client):
    created = post(client).get_json()
    for headers in ({"X-Edit-Token": "not-the-token"}, {}):
        for method in (client.get, client.delete):
            response = method(f"/api/comments/{created['id']}", headers=headers)
            assert response.status_code == 403
            assert response.get_json()["error"] == "bad_edit_token"
        response = client.patch(
            f"/api/comments/{created['id']}", json={"body": "Hijacked"}, headers=headers
        )
        assert response.status_code == 403
    assert stored(created["id"]).body == CLEAN_BODY


def test_editing_or_deleting_after_the_window_is_refused(app, client):
    created = post(client).get_json()
    age(created["id"], app.config["EDIT_WINDOW_MINUTES"] + 1)
    headers = {"X-Edit-Token": created["edit_token"]}
    edit = client.patch(f"/api/comments/{created['id']}", json={"body": "Late"}, headers=headers)
    delete = client.delete(f"/api/comments/{created['id']}", headers=headers)
    assert (edit.status_code, delete.status_code) == (403, 403)
    assert edit.get_json()["error"] == "edit_window_closed"
    comment = stored(created["id"])
    assert comment.body == CLEAN_BODY
    assert comment.status is not CommentStatus.DELETED
    # The author can still read their comment.
    assert client.get(f"/api/comments/{created['id']}", headers=headers).status_code == 200


def test_an_unknown_comment_is_not_found(client):
    for comment_id in (999, 2**40):
        response = client.get(f"/api/comments/{comment_id}", headers={"X-Edit-Token": "x"})
        assert response.status_code == 404


# -- deleting and tombstones -------------------------------------------------------------------


def test_a_deleted_comment_with_replies_stays_as_a_tombstone(client):
    parent = published_comment(client)
    reply = published_comment(client, parent_id=parent["id"], body="I agree.")
    lonely = published_comment(client, body="A comment nobody answered.")
    for comment in (parent, lonely):
        response = client.delete(
            f"/api/comments/{comment['id']}", headers={"X-Edit-Token": comment["edit_token"]}
        )
        assert response.status_code == 204
    doc = client.get(thread_url("articles/knee-pain")).get_json()
    assert [c["id"] for c in doc["comments"]] == [parent["id"]]
    tombstone = doc["comments"][0]
    assert tombstone["deleted"] is True
    assert (tombstone["author"], tombstone["html"], tombstone["website"]) == ("", "", None)
    assert tombstone["replies"][0]["id"] == reply["id"]
    assert doc["thread"]["count"] == 1


# -- caching, paging, counts -------------------------------------------------------------------


def test_etag_round_trip_answers_304_until_the_thread_changes(client):
    published_comment(client)
    first = client.get(thread_url("articles/knee-pain"))
    etag = first.headers["ETag"]
    again = client.get(thread_url("articles/knee-pain"), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    published_comment(client, body="Another view on the matter.")
    changed = client.get(thread_url("articles/knee-pain"), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_long_threads_page_by_top_level_comment(client):
    roots = [published_comment(client, body=f"Comment number {n}.")["id"] for n in range(5)]
    reply = published_comment(client, parent_id=roots[1], body="A reply.")["id"]
    first = client.get(thread_url("articles/knee-pain") + "?limit=2").get_json()
    assert listed_ids(first) == [roots[0], roots[1], reply]
    assert first["next"] == roots[1]
    second = client.get(thread_url("articles/knee-pain") + f"?after={first['next']}&limit=2")
    assert listed_ids(second.get_json()) == roots[2:4]
    last = client.get(thread_url("articles/knee-pain") + f"?after={roots[3]}&limit=2").get_json()
    assert listed_ids(last) == [roots[4]]
    assert last["next"] is None
    assert last["thread"]["count"] == 6


@pytest.mark.parametrize("query", ["?limit=0", "?limit=500", "?after=-3", "?after=x"])
def test_bad_paging_values_are_refused(client, query):
    assert client.get(thread_url("articles/knee-pain") + query).status_code == 400


def test_counts_answer_per_key_asked(client):
    published_comment(client, "articles/knee-pain")
    published_comment(client, "articles/knee-pain", body="A second opinion.")
    post(client, "articles/shoulder")  # held: not counted
    repeated = client.get("/api/counts?keys=articles/knee-pain&keys=/articles/shoulder/&keys=new")
    assert repeated.get_json() == {"articles/knee-pain": 2, "/articles/shoulder/": 0, "new": 0}
    commas = client.get("/api/counts?keys=articles/knee-pain,articles/shoulder")
    assert commas.get_json() == {"articles/knee-pain": 2, "articles/shoulder": 0}
    assert client.get("/api/counts").status_code == 400


# -- locked threads, reports -------------------------------------------------------------------


def test_a_locked_thread_refuses_new_comments_with_a_clear_message(client):
    created = published_comment(client)
    with transaction():
        db.session.scalar(sa.select(Thread)).locked = True
    response = post(client, body="One more thing.")
    assert response.status_code == 403
    assert response.get_json() == {
        "error": "thread_locked",
        "message": "Comments on this article are closed.",
    }
    edit = client.patch(
        f"/api/comments/{created['id']}",
        json={"body": "Changed."},
        headers={"X-Edit-Token": created["edit_token"]},
    )
    assert edit.status_code == 403
    doc = client.get(thread_url("articles/knee-pain")).get_json()
    assert doc["thread"]["locked"] is True
    assert listed_ids(doc) == [created["id"]]


def test_a_reader_reports_a_published_comment_back_to_the_queue(client):
    created = published_comment(client)
    response = client.post(
        f"/api/comments/{created['id']}/report", json={"reason": "It gives dangerous advice."}
    )
    assert response.status_code == 202
    comment = stored(created["id"])
    assert (comment.status, comment.flagged) == (CommentStatus.PENDING, True)
    assert comment.flag_reason == "It gives dangerous advice."
    assert listed_ids(client.get(thread_url("articles/knee-pain")).get_json()) == []
    again = client.post(f"/api/comments/{created['id']}/report", json={"reason": "Me too."})
    assert again.status_code == 202
    assert stored(created["id"]).flag_reason == "It gives dangerous advice."


def test_a_report_needs_a_reason_and_a_published_comment(client):
    held = post(client).get_json()
    assert (
        client.post(f"/api/comments/{held['id']}/report", json={"reason": "x"}).status_code == 404
    )
    published = published_comment(client)
    assert client.post(f"/api/comments/{published['id']}/report", json={}).status_code == 400


def test_reports_are_rate_limited(make_app):
    app = make_app(RATELIMIT_SUBMISSIONS="2 per minute")
    with app.app_context():
        client = app.test_client()
        statuses = [
            client.post("/api/comments/1/report", json={"reason": "spam"}).status_code
            for _ in range(3)
        ]
    assert statuses[-1] == 429


# -- input rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("website", "javascript:alert(1)"),
        ("website", "ftp://example.org/"),
        ("author", "a" * 101),
        ("body", "b" * 5001),
        ("title", "t" * 201),
        ("email", "not-an-address"),
        ("body", "   "),
        ("body", 42),
    ],
    ids=lambda v: str(v)[:20],
)
def test_a_field_outside_the_rules_is_refused_by_name(client, field, value):
    response = post(client, **{field: value})
    assert response.status_code == 400
    assert field in response.get_json()["fields"]


def test_a_website_is_shown_with_the_published_comment(client):
    published_comment(client, website="https://maria.example/blog")
    doc = client.get(thread_url("articles/knee-pain")).get_json()
    assert doc["comments"][0]["website"] == "https://maria.example/blog"


def test_a_repeated_post_with_the_same_idempotency_key_stores_one_comment(client):
    headers = {"Idempotency-Key": "retry-after-timeout-1"}
    first = post(client, headers=headers)
    second = post(client, headers=headers)
    assert (first.status_code, second.status_code) == (202, 202)
    assert second.get_json()["id"] == first.get_json()["id"]
    assert "edit_token" not in second.get_json(), "only the token's hash is ever stored"
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 1


def test_only_the_edit_tokens_hash_is_stored(client):
    created = post(client).get_json()
    comment = stored(created["id"])
    assert created["edit_token"] not in (comment.edit_token_hash or "")
    assert len(comment.edit_token_hash) == 64


def test_a_page_of_another_allowed_site_may_read_and_post(app, client):
    app.config["ALLOWED_ORIGINS"] = ["https://clinic.example"]
    origin = {"Origin": "https://clinic.example"}
    response = post(client, headers=origin)
    assert response.status_code == 202
    assert response.headers["Access-Control-Allow-Origin"] == "https://clinic.example"
    preflight = client.options(
        thread_url("articles/knee-pain"),
        headers=origin | {"Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    refused = post(client, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert "Access-Control-Allow-Origin" not in refused.headers


# -- telling moderators ------------------------------------------------------------------------


def test_moderators_get_one_digest_not_one_mail_per_comment(app, client, moderator):
    filter_verdict(app, "ham")
    for n in range(4):
        post(client, body=f"Question number {n} about the injections?")
    digests = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.purpose == "comment-digest")
    ).all()
    assert len(digests) == 1
    assert digests[0].to_addr == moderator.email
    assert "1 comment is waiting" in digests[0].body_text
    assert "/moderation/" in digests[0].body_text
    assert "Question number" not in digests[0].body_text
    with transaction():
        digests[0].created_at -= dt.timedelta(minutes=app.config["COMMENT_DIGEST_MINUTES"] + 1)
    post(client, body="And one more question, later?")
    later = db.session.scalars(
        sa.select(OutboxMessage.body_text)
        .where(OutboxMessage.purpose == "comment-digest")
        .order_by(OutboxMessage.id)
    ).all()
    assert len(later) == 2
    assert "5 comments are waiting" in later[-1]
