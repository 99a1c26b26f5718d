"""Readers choose the order of a thread; moderators pin one comment per thread to the top."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import AuditEvent, Comment, CommentStatus, Thread
from service.moderation.accounts import issue_api_token
from tests.factories import CommentFactory, ThreadFactory
from tests.functional.comment_helpers import listed_ids, thread_url

KEY = "articles/knee-pain"


@pytest.fixture
def token(app, moderator) -> str:
    return issue_api_token(moderator.email)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def conversation(app) -> dict[str, int]:
    """Three published questions, an hour apart; the clinic answered the first one."""
    thread = ThreadFactory(key=KEY, title="Knee pain")
    start = utcnow() - dt.timedelta(hours=5)
    first, second, third = (
        CommentFactory(
            thread=thread,
            status=CommentStatus.APPROVED,
            author=name,
            created_at=start + dt.timedelta(hours=hour),
        )
        for hour, name in enumerate(("Ana", "Ben", "Cai"))
    )
    db.session.flush()
    answer = CommentFactory(
        thread=thread,
        status=CommentStatus.APPROVED,
        parent_id=first.id,
        author="Nurse Rita",
        is_staff=True,
        created_at=start + dt.timedelta(hours=4),
    )
    db.session.commit()
    return {"first": first.id, "second": second.id, "third": third.id, "answer": answer.id}


def roots(client, query: str = "") -> list[int]:
    response = client.get(thread_url(KEY) + query)
    assert response.status_code == 200, response.json
    return [comment["id"] for comment in response.json["comments"]]


def test_oldest_is_the_default_and_newest_reverses_the_conversations(client, conversation):
    ids = conversation
    assert roots(client) == [ids["first"], ids["second"], ids["third"]]
    assert roots(client, "?sort=oldest") == roots(client)
    assert roots(client, "?sort=newest") == [ids["third"], ids["second"], ids["first"]]


def test_staff_order_puts_the_conversation_with_a_clinic_answer_first(client, conversation):
    ids = conversation
    # The answered question is the oldest, so move the answer under the newest one.
    db.session.execute(
        sa.update(Comment).where(Comment.id == ids["answer"]).values(parent_id=ids["third"])
    )
    db.session.commit()
    assert roots(client, "?sort=staff") == [ids["third"], ids["first"], ids["second"]]


def test_an_unknown_order_is_a_400_naming_the_choices(client, conversation):
    response = client.get(thread_url(KEY) + "?sort=popular")
    assert response.status_code == 400
    assert "oldest, newest or staff" in response.json["message"]
    assert "sort" in response.json["fields"]


def test_every_comment_carries_pinned_and_none_is_pinned_at_first(client, conversation):
    doc = client.get(thread_url(KEY)).json
    flags = []

    def walk(items):
        for item in items:
            flags.append(item["pinned"])
            walk(item["replies"])

    walk(doc["comments"])
    assert flags == [False, False, False, False]


def test_a_pinned_answer_comes_first_in_every_order_and_is_audited(
    client, token, conversation, moderator
):
    ids = conversation
    response = client.post(f"/api/moderation/comment/{ids['third']}/pin", headers=bearer(token))
    assert response.status_code == 200, response.json
    assert response.json["pinned"] is True
    for query in ("", "?sort=oldest", "?sort=newest", "?sort=staff"):
        doc = client.get(thread_url(KEY) + query).json
        assert doc["comments"][0]["id"] == ids["third"], query
        assert doc["comments"][0]["pinned"] is True
        assert [c["pinned"] for c in doc["comments"][1:]] == [False, False]
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "comment.pin"))
    assert event is not None
    assert event.item_id == ids["third"]
    assert event.detail["thread"] == KEY


def test_a_pinned_reply_brings_its_conversation_first_and_leads_its_siblings(
    client, token, conversation
):
    ids = conversation
    assert (
        client.post(
            f"/api/moderation/comment/{ids['answer']}/pin", headers=bearer(token)
        ).status_code
        == 200
    )
    doc = client.get(thread_url(KEY) + "?sort=newest").json
    assert doc["comments"][0]["id"] == ids["first"]
    assert doc["comments"][0]["replies"][0]["id"] == ids["answer"]
    assert doc["comments"][0]["replies"][0]["pinned"] is True
    assert listed_ids(doc) == [ids["first"], ids["answer"], ids["third"], ids["second"]]


def test_pinning_another_comment_unpins_the_first_one_per_thread(client, token, conversation):
    ids = conversation
    client.post(f"/api/moderation/comment/{ids['second']}/pin", headers=bearer(token))
    client.post(f"/api/moderation/comment/{ids['third']}/pin", headers=bearer(token))
    pinned = db.session.scalars(sa.select(Comment.id).where(Comment.pinned.is_(True))).all()
    assert pinned == [ids["third"]]


def test_unpin_restores_the_readers_order(client, token, conversation):
    ids = conversation
    client.post(f"/api/moderation/comment/{ids['third']}/pin", headers=bearer(token))
    response = client.post(f"/api/moderation/comment/{ids['third']}/unpin", headers=bearer(token))
    assert response.status_code == 200
    assert response.json["pinned"] is False
    assert roots(client) == [ids["first"], ids["second"], ids["third"]]
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == "comment.unpin"))
        == 1
    )
    again = client.post(f"/api/moderation/comment/{ids['third']}/unpin", headers=bearer(token))
    assert again.status_code == 409
    assert "not pinned" in again.json["message"]


def test_only_a_published_comment_can_be_pinned(client, token, conversation):
    thread = db.session.scalar(sa.select(Thread).where(Thread.key == KEY))
    waiting = CommentFactory(thread=thread, status=CommentStatus.PENDING)
    db.session.commit()
    response = client.post(f"/api/moderation/comment/{waiting.id}/pin", headers=bearer(token))
    assert response.status_code == 409
    assert "published" in response.json["message"]


def test_a_pinned_comment_taken_off_the_page_is_no_longer_pinned(client, token, conversation):
    ids = conversation
    client.post(f"/api/moderation/comment/{ids['third']}/pin", headers=bearer(token))
    client.post(f"/api/moderation/comment/{ids['third']}/reject", headers=bearer(token))
    assert db.session.get(Comment, ids["third"]).pinned is False
    assert roots(client) == [ids["first"], ids["second"]]


def test_pinning_changes_the_cached_thread_and_its_etag(client, token, conversation):
    ids = conversation
    before = client.get(thread_url(KEY))  # fills the cache for the no-query-string read
    again = client.get(thread_url(KEY), headers={"If-None-Match": before.headers["ETag"]})
    assert again.status_code == 304
    client.post(f"/api/moderation/comment/{ids['third']}/pin", headers=bearer(token))
    after = client.get(thread_url(KEY), headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.json["comments"][0]["id"] == ids["third"]
    assert after.headers["ETag"] != before.headers["ETag"]


def test_paging_in_newest_order_carries_on_after_the_last_shown(client, conversation):
    ids = conversation
    first_page = client.get(thread_url(KEY) + "?sort=newest&limit=2").json
    assert [c["id"] for c in first_page["comments"]] == [ids["third"], ids["second"]]
    rest = client.get(thread_url(KEY) + f"?sort=newest&limit=2&after={first_page['next']}").json
    assert [c["id"] for c in rest["comments"]] == [ids["first"]]
    assert rest["next"] is None


def test_pin_is_refused_for_a_selection_in_the_bulk_form(moderator_client, conversation):
    from tests.pages import post_form

    ids = conversation
    response = post_form(
        moderator_client,
        "/moderation/?status=approved",
        "/moderation/bulk",
        {"action": "pin", "item": [f"comment:{ids['first']}", f"comment:{ids['second']}"]},
        follow_redirects=True,
    )
    assert "one comment at a time" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).where(Comment.pinned.is_(True))) == 0


def test_the_queue_offers_pin_for_a_published_comment_and_it_shows_on_the_page(
    client, moderator_client, conversation
):
    from tests.pages import post_form

    ids = conversation
    queue = moderator_client.get("/moderation/?status=approved").get_data(as_text=True)
    assert 'value="pin"' in queue
    response = post_form(
        moderator_client,
        "/moderation/?status=approved",
        f"/moderation/comment/{ids['second']}/action",
        {"action": "pin"},
        follow_redirects=True,
    )
    assert f"Pinned comment #{ids['second']}" in response.get_data(as_text=True)
    page = client.get(f"/threads/{KEY}").get_data(as_text=True)
    assert page.index(f'id="comment-{ids["second"]}"') < page.index(f'id="comment-{ids["first"]}"')
    assert "Pinned by the clinic" in page


def test_newest_goes_by_when_a_comment_was_written_not_by_its_id(client, conversation):
    ids = conversation
    thread = db.session.scalar(sa.select(Thread).where(Thread.key == KEY))
    imported = CommentFactory(
        thread=thread,
        status=CommentStatus.APPROVED,
        created_at=utcnow() - dt.timedelta(days=30),  # an old comment brought in by an import
    )
    db.session.commit()
    assert roots(client, "?sort=newest") == [ids["third"], ids["second"], ids["first"], imported.id]
