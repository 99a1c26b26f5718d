"""The moderation JSON API: bearer tokens only, the contract's shapes, keyset pages, export."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools

import pytest
import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    ApiToken,
    AuditEvent,
    Comment,
    CommentStatus,
    InquiryStatus,
    SpamLesson,
)
from service.moderation.accounts import issue_api_token
from tests.factories import CommentFactory, InquiryFactory, ThreadFactory


@pytest.fixture
def token(app, moderator) -> str:
    return issue_api_token(moderator.email)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_session_cookie_alone_cannot_call_the_moderation_api(app, moderator_client):
    CommentFactory()
    db.session.commit()
    assert moderator_client.get("/moderation/").status_code == 200  # the cookie works for pages
    for response in (
        moderator_client.get("/api/moderation/queue"),
        moderator_client.post("/api/moderation/comment/1/approve", json={}),
    ):
        assert response.status_code == 401
        assert response.json["error"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert db.session.scalar(sa.select(Comment.status)) is CommentStatus.PENDING


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer cdk_not-a-token", "Basic abc"])
def test_a_missing_or_bad_token_is_401_json(app, client, header):
    response = client.get("/api/moderation/queue", headers={"Authorization": header})
    assert response.status_code == 401
    assert set(response.json) == {"error", "message"}


def test_a_deactivated_moderators_token_is_refused(app, moderator, token, client):
    assert client.get("/api/moderation/queue", headers=bearer(token)).status_code == 200
    moderator.active = False
    db.session.commit()
    assert client.get("/api/moderation/queue", headers=bearer(token)).status_code == 401


def test_an_expired_or_revoked_token_is_refused(app, token, client):
    row = db.session.scalar(sa.select(ApiToken))
    row.revoked_at = utcnow()
    db.session.commit()
    assert client.get("/api/moderation/queue", headers=bearer(token)).status_code == 401


def test_a_token_records_its_last_use(app, token, client):
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) is None
    client.get("/api/moderation/queue", headers=bearer(token))
    db.session.expire_all()
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) is not None


def test_queue_lists_both_kinds_newest_first_with_reasons(app, token, client):
    now = utcnow()
    old = CommentFactory(created_at=now - dt.timedelta(hours=2))
    inquiry = InquiryFactory(created_at=now - dt.timedelta(hours=1))
    new = CommentFactory(
        created_at=now, reasons=[{"rule": "links", "points": 2.5, "detail": "4 links"}]
    )
    db.session.commit()
    body = client.get("/api/moderation/queue", headers=bearer(token)).json
    assert [(i["kind"], i["id"]) for i in body["items"]] == [
        ("comment", new.id),
        ("inquiry", inquiry.id),
        ("comment", old.id),
    ]
    first = body["items"][0]
    assert first["reasons"] == [{"rule": "links", "points": 2.5, "detail": "4 links"}]
    assert first["created_at"].endswith("Z")
    assert {"status", "verdict", "score", "summary"} <= set(first)
    assert body["next"] is None


def test_queue_filters_and_rejects_unknown_values(app, token, client):
    CommentFactory(status=CommentStatus.SPAM)
    InquiryFactory()
    db.session.commit()
    body = client.get("/api/moderation/queue?status=spam", headers=bearer(token)).json
    assert [i["status"] for i in body["items"]] == ["spam"]
    body = client.get("/api/moderation/queue?kind=inquiry", headers=bearer(token)).json
    assert [i["kind"] for i in body["items"]] == ["inquiry"]
    bad = client.get("/api/moderation/queue?verdict=maybe", headers=bearer(token))
    assert bad.status_code == 400
    assert "verdict" in bad.json["fields"]
    assert client.get("/api/moderation/queue?after=xyz", headers=bearer(token)).status_code == 400


def test_keyset_pages_return_every_item_exactly_once(app, token, client):
    # Equal timestamps across both tables are the hard case for a merged keyset.
    same = utcnow().replace(microsecond=0)
    thread = ThreadFactory()
    expected = set()
    for n in range(7):
        at = same if n % 2 else same - dt.timedelta(seconds=n)
        expected.add(("comment", CommentFactory(thread=thread, created_at=at).id))
        expected.add(("inquiry", InquiryFactory(created_at=at).id))
    db.session.commit()
    seen: list[tuple[str, int]] = []
    keys = []
    url = "/api/moderation/queue?limit=3"
    while url:
        body = client.get(url, headers=bearer(token)).json
        assert len(body["items"]) <= 3
        seen += [(i["kind"], i["id"]) for i in body["items"]]
        keys += [(i["created_at"], i["kind"], i["id"]) for i in body["items"]]
        url = f"/api/moderation/queue?limit=3&after={body['next']}" if body["next"] else None
    assert len(seen) == len(set(seen)) == 14
    assert set(seen) == expected
    ordered = sorted(keys, key=lambda k: (k[0], -{"comment": 0, "inquiry": 1}[k[1]], k[2]))
    assert keys == list(reversed(ordered))  # newest first, ties by kind then id


def test_item_detail_has_every_field_and_its_history(app, token, client, moderator):
    comment = CommentFactory(website="https://example.org", body="Hi *there*")
    inquiry = InquiryFactory(phone="+1 555 0100", message="About my back")
    db.session.commit()
    body = client.get(f"/api/moderation/comment/{comment.id}", headers=bearer(token)).json
    for name in ("thread_key", "parent_id", "author", "email", "website", "body", "html"):
        assert name in body
    assert body["body"] == "Hi *there*" and "<em>there</em>" in body["html"]
    body = client.get(f"/api/moderation/inquiry/{inquiry.id}", headers=bearer(token)).json
    assert body["message"] == "About my back"
    assert body["phone"] == "+1 555 0100"
    assert body["assigned_to"] is None
    assert [h["action"] for h in body["history"]] == ["inquiry.view"]  # reading is audited
    assert body["history"][0]["actor"] == moderator.email
    missing = client.get("/api/moderation/comment/999", headers=bearer(token))
    assert missing.status_code == 404 and missing.json["error"] == "not_found"
    assert client.get("/api/moderation/robot/1", headers=bearer(token)).status_code == 404


def test_actions_through_the_api_answer_the_item_and_are_audited(app, token, client, moderator):
    comment = CommentFactory()
    inquiry = InquiryFactory()
    db.session.commit()
    response = client.post(f"/api/moderation/comment/{comment.id}/spam", headers=bearer(token))
    assert response.status_code == 200
    assert response.json["status"] == "spam"
    assert response.json["history"][-1]["action"] == "comment.spam"
    assert db.session.scalar(sa.select(sa.func.count(SpamLesson.id))) == 1
    response = client.post(
        f"/api/moderation/inquiry/{inquiry.id}/answer",
        headers=bearer(token),
        json={"note": "We can see you on Tuesday."},
    )
    assert response.json["status"] == InquiryStatus.ANSWERED.value
    # The reply and the audit entry of the answer are written in one transaction; their order
    # within it is not part of the history's meaning.
    history = response.json["history"]
    assert [h["text"] for h in history if h["action"] == "reply"] == ["We can see you on Tuesday."]
    assert "inquiry.answer" in [h["action"] for h in history]
    response = client.post(
        f"/api/moderation/inquiry/{inquiry.id}/assign",
        headers=bearer(token),
        json={"to": moderator.email},
    )
    assert response.json["assigned_to"] == moderator.email


def test_invalid_actions_are_clear_errors(app, token, client):
    comment = CommentFactory(status=CommentStatus.DELETED)
    inquiry = InquiryFactory()
    db.session.commit()
    refused = client.post(f"/api/moderation/comment/{comment.id}/approve", headers=bearer(token))
    assert refused.status_code == 409
    assert refused.json["error"] == "invalid_transition"
    unknown = client.post(f"/api/moderation/comment/{comment.id}/answer", headers=bearer(token))
    assert unknown.status_code == 400 and unknown.json["fields"] == {"action": ["unknown action"]}
    no_note = client.post(
        f"/api/moderation/inquiry/{inquiry.id}/answer", headers=bearer(token), json={}
    )
    assert no_note.status_code == 400 and "note" in no_note.json["fields"]
    extra = client.post(
        f"/api/moderation/inquiry/{inquiry.id}/close", headers=bearer(token), json={"x": 1}
    )
    assert extra.status_code == 400


def test_audit_feed_pages_forward(app, token, client):
    comments = [CommentFactory() for _ in range(3)]
    db.session.commit()
    for comment in comments:
        client.post(f"/api/moderation/comment/{comment.id}/approve", headers=bearer(token))
    body = client.get("/api/moderation/audit", headers=bearer(token)).json
    approvals = [i for i in body["items"] if i["action"] == "comment.approve"]
    assert [i["id"] for i in approvals] == [c.id for c in comments]
    assert set(approvals[0]) == {
        "at",
        "actor",
        "action",
        "kind",
        "id",
        "entry_id",
        "seq",
        "prev_hash",
        "hash",
        "key_id",
        "detail",
    }
    # The feed carries the chain: each entry names the hash of the one before it.
    items = body["items"]
    assert [i["seq"] for i in items] == list(range(1, len(items) + 1))
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(items))
    last = db.session.scalar(sa.select(sa.func.max(AuditEvent.id)))
    after = client.get(f"/api/moderation/audit?after={last}", headers=bearer(token)).json
    assert after == {"items": [], "next": None}


def test_csv_export_neutralises_formula_cells(app, token, client):
    thread = ThreadFactory(key="articles/+plus")
    CommentFactory(thread=thread, author='=HYPERLINK("http://evil")', body="@SUM(A1)")
    CommentFactory(thread=thread, author="\tTabbed", body="-2+3")
    CommentFactory(thread=thread, author="Plain Reader", body="Fine text")
    InquiryFactory(name="+Plus Name", message="secret health text")
    db.session.commit()
    response = client.get("/api/moderation/export.csv", headers=bearer(token))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert "secret health text" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4
    # The inquiry that left in the file is on its access report as exported.
    exported = db.session.execute(
        sa.select(AuditEvent.item_id, AuditEvent.detail).where(
            AuditEvent.action == "inquiry.export"
        )
    ).all()
    assert [(item_id, detail) for item_id, detail in exported] == [
        (int(row["id"]), {"via": "csv"}) for row in rows if row["kind"] == "inquiry"
    ]
    cells = [cell for row in rows for name, cell in row.items() if name != "score"]
    risky = [c for c in cells if c and c[0] in "=+-@\t\r"]
    assert risky == []
    authors = {row["author"] for row in rows}
    assert '\'=HYPERLINK("http://evil")' in authors
    assert "'\tTabbed" in authors and "Plain Reader" in authors and "'+Plus Name" in authors
    assert "'@SUM(A1)" in {row["text"] for row in rows}
    assert db.session.scalar(
        sa.select(sa.func.count(AuditEvent.id)).where(AuditEvent.action == "queue.export")
    )
    filtered = client.get("/api/moderation/export.csv?kind=inquiry", headers=bearer(token))
    assert len(list(csv.DictReader(io.StringIO(filtered.get_data(as_text=True))))) == 1


def test_a_long_csv_export_tells_the_server_it_is_alive_after_every_page(
    app, token, client, monkeypatch
):
    from service.moderation import queue
    from service.web import heartbeat

    thread = ThreadFactory()
    for n in range(5):
        CommentFactory(thread=thread, body=f"Comment {n}")
    db.session.commit()
    monkeypatch.setattr(queue, "iterate_queue", functools.partial(queue.iterate_queue, batch=2))
    beats = []
    heartbeat.install(lambda: beats.append(1))
    try:
        response = client.get("/api/moderation/export.csv", headers=bearer(token))
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    finally:
        heartbeat.install(None)
    assert len(rows) == 5
    assert len(beats) == 3  # pages of 2, 2 and 1


def test_the_queue_api_records_a_reading_of_every_inquiry_whose_summary_it_sends(
    app, moderator, token, client
):
    inquiry = InquiryFactory()
    CommentFactory()
    db.session.commit()
    assert client.get("/api/moderation/queue", headers=bearer(token)).status_code == 200
    views = db.session.execute(
        sa.select(AuditEvent.item_id, AuditEvent.actor, AuditEvent.detail).where(
            AuditEvent.action == "inquiry.view"
        )
    ).all()
    assert views == [(inquiry.id, moderator.email, {"via": "api-queue"})]
