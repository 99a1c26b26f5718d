"""Urgent triage: an inquiry whose text suggests an emergency is marked when it arrives, waits
first in the queue with a badge, is mailed (without a word of it) to the moderators on call,
and the visitor sees the emergency notice."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import sqlalchemy as sa

from service.data import fastpaths
from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    Inquiry,
    InquiryStatus,
    Moderator,
    OutboxMessage,
)
from service.moderation.accounts import issue_api_token
from tests.factories import CommentFactory, InquiryFactory, ModeratorFactory, ThreadFactory
from tests.pages import hidden_inputs, post_form

URGENT = "My father has crushing chest pain right now and he is sweating. What do we do?"
URGENT_ES = "Mi padre no puede respirar y tiene los labios morados."
ROUTINE = "I have no chest pain, just a mild cough. Can I book an appointment next week?"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def send_form(client, message: str):
    page = client.get("/contact")
    data = {
        **hidden_inputs(page.get_data(as_text=True)),
        "name": "Grace Lindqvist",
        "email": "grace.lindqvist@example.org",
        "phone": "+46 8 123 456 78",
        "topic": "appointment",
        "message": message,
        "consent": "y",
    }
    return client.post("/contact", data=data)


# --- the column, set at submission on both write paths ----------------------------------------


@pytest.mark.parametrize("driver_statements", [True, False], ids=["driver", "plain"])
def test_an_urgent_inquiry_is_stored_marked_and_answered_with_the_notice(
    app, client, inquiry_payload, lenient_filter, monkeypatch, driver_statements
):
    monkeypatch.setitem(fastpaths._enabled, "driver_statements", driver_statements)
    response = client.post("/api/inquiries", json={**inquiry_payload, "message": URGENT})
    assert response.status_code == 202
    inquiry = db.session.get(Inquiry, response.json["id"])
    assert inquiry.urgent is True
    assert inquiry.status is InquiryStatus.RECEIVED  # marked, never held nor refused
    assert response.json == {
        "id": inquiry.id,
        "status": "received",
        "urgent": True,
        "notice": app.config["EMERGENCY_NOTICE"],
    }


@pytest.mark.parametrize("driver_statements", [True, False], ids=["driver", "plain"])
def test_a_routine_inquiry_with_a_negated_sign_is_not_urgent(
    client, inquiry_payload, lenient_filter, monkeypatch, driver_statements
):
    monkeypatch.setitem(fastpaths._enabled, "driver_statements", driver_statements)
    response = client.post("/api/inquiries", json={**inquiry_payload, "message": ROUTINE})
    assert response.status_code == 202
    assert response.json["urgent"] is False and "notice" not in response.json
    assert db.session.get(Inquiry, response.json["id"]).urgent is False


def test_the_notice_in_the_api_answer_is_in_the_visitors_language(
    app, client, inquiry_payload, lenient_filter
):
    response = client.post(
        "/api/inquiries",
        json={**inquiry_payload, "message": URGENT_ES},
        headers={"Accept-Language": "es"},
    )
    assert response.json["urgent"] is True
    assert response.json["notice"] != app.config["EMERGENCY_NOTICE"]
    assert "112" in response.json["notice"] and "emergencia" in response.json["notice"]


def test_a_replayed_submission_answers_the_same_notice(client, inquiry_payload, lenient_filter):
    headers = {"Idempotency-Key": "urgent-1"}
    body = {**inquiry_payload, "message": URGENT}
    first = client.post("/api/inquiries", json=body, headers=headers)
    again = client.post("/api/inquiries", json=body, headers=headers)
    assert again.json == first.json and first.json["urgent"] is True
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 1


def test_an_urgent_inquiry_the_filter_holds_as_spam_is_still_stored_and_marked(
    app, client, inquiry_payload
):
    app.config["SPAM_UNSURE_AT"] = -1001.0
    app.config["SPAM_AT"] = -1000.0  # everything is spam
    response = client.post("/api/inquiries", json={**inquiry_payload, "message": URGENT})
    assert response.status_code == 202 and response.json["urgent"] is True
    inquiry = db.session.get(Inquiry, response.json["id"])
    assert inquiry.status is InquiryStatus.SPAM and inquiry.urgent is True


# --- the thank-you page --------------------------------------------------------------------


def test_the_thank_you_page_shows_the_emergency_notice_as_an_alert(app, client, lenient_filter):
    sent = send_form(client, URGENT)
    assert sent.status_code == 303
    assert sent.headers["Location"].endswith("/contact/thanks")  # nothing in the address
    page = page_text(client.get(sent.headers["Location"]))
    alert = re.search(r'<section class="emergency-alert" role="alert".*?</section>', page, re.S)
    assert alert is not None
    assert app.config["EMERGENCY_NOTICE"] in alert.group(0)
    assert "Your message may describe an emergency" in alert.group(0)
    assert page.index("emergency-alert") < page.index("Thank you, your message has been sent")
    assert "crushing" not in page and "Grace" not in page
    # Shown once, for the message just sent: a reload does not show it again.
    assert "emergency-alert" not in page_text(client.get("/contact/thanks"))


def test_the_thank_you_page_of_a_routine_inquiry_has_no_alert(client, lenient_filter):
    sent = send_form(client, ROUTINE)
    page = page_text(client.get(sent.headers["Location"]))
    assert "Thank you, your message has been sent" in page
    assert 'role="alert"' not in page


def test_the_emergency_notice_is_a_setting(make_app, lenient_filter):
    app = make_app(EMERGENCY_NOTICE="Call 911 now if this is an emergency.")
    client = app.test_client()
    sent = send_form(client, URGENT)
    assert "Call 911 now if this is an emergency." in page_text(
        client.get(sent.headers["Location"])
    )


# --- the queue -----------------------------------------------------------------------------


def _mixed_queue() -> dict[str, int]:
    now = utcnow().replace(microsecond=0)
    thread = ThreadFactory()
    ids = {
        "urgent_old": InquiryFactory(urgent=True, created_at=now - dt.timedelta(hours=5)).id,
        "urgent_new": InquiryFactory(urgent=True, created_at=now - dt.timedelta(hours=1)).id,
        "urgent_answered": InquiryFactory(
            urgent=True, status=InquiryStatus.ANSWERED, created_at=now - dt.timedelta(hours=2)
        ).id,
        "routine_newest": InquiryFactory(created_at=now).id,
        "comment_newest": CommentFactory(thread=thread, created_at=now).id,
        "routine_older": InquiryFactory(created_at=now - dt.timedelta(hours=3)).id,
    }
    db.session.commit()
    return ids


def test_the_queue_lists_urgent_inquiries_waiting_first_and_marks_every_item(
    app, client, moderator
):
    ids = _mixed_queue()
    token = issue_api_token(moderator.email)
    body = client.get("/api/moderation/queue", headers=bearer(token)).json
    order = [(i["kind"], i["id"]) for i in body["items"]]
    assert order == [
        ("inquiry", ids["urgent_new"]),
        ("inquiry", ids["urgent_old"]),
        ("comment", ids["comment_newest"]),
        ("inquiry", ids["routine_newest"]),
        ("inquiry", ids["urgent_answered"]),  # answered: back in its place by time
        ("inquiry", ids["routine_older"]),
    ]
    urgent = {(i["kind"], i["id"]): i["urgent"] for i in body["items"]}
    assert urgent[("comment", ids["comment_newest"])] is False
    assert urgent[("inquiry", ids["urgent_answered"])] is True
    assert urgent[("inquiry", ids["routine_newest"])] is False
    detail = client.get(f"/api/moderation/inquiry/{ids['urgent_new']}", headers=bearer(token))
    assert detail.json["urgent"] is True


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_keyset_pages_over_both_sections_return_every_item_once_in_order(
    app, client, moderator, limit
):
    same = utcnow().replace(microsecond=0)
    thread = ThreadFactory()
    for n in range(4):
        at = same if n % 2 else same - dt.timedelta(seconds=n)
        InquiryFactory(urgent=True, created_at=at)
        InquiryFactory(created_at=at)
        CommentFactory(thread=thread, created_at=at)
    db.session.commit()
    token = issue_api_token(moderator.email)
    everything = client.get("/api/moderation/queue?limit=200", headers=bearer(token)).json
    expected = [(i["kind"], i["id"]) for i in everything["items"]]
    assert [i["urgent"] for i in everything["items"]][:4] == [True] * 4
    assert not any(i["urgent"] for i in everything["items"][4:])
    seen, url = [], f"/api/moderation/queue?limit={limit}"
    while url:
        body = client.get(url, headers=bearer(token)).json
        assert len(body["items"]) <= limit
        seen += [(i["kind"], i["id"]) for i in body["items"]]
        url = f"/api/moderation/queue?limit={limit}&after={body['next']}" if body["next"] else None
    assert seen == expected and len(seen) == 12


def test_a_cursor_in_the_urgent_section_is_accepted_and_a_made_up_one_refused(client, moderator):
    token = issue_api_token(moderator.email)
    ok = client.get("/api/moderation/queue?after=1700000000000000.u.3", headers=bearer(token))
    assert ok.status_code == 200
    bad = client.get("/api/moderation/queue?after=1700000000000000.x.3", headers=bearer(token))
    assert bad.status_code == 400


def test_the_queue_page_shows_the_urgent_badge_in_words_first(moderator_client):
    ids = _mixed_queue()
    page = page_text(moderator_client.get("/moderation/"))
    first = page.index(f'id="inquiry-{ids["urgent_new"]}"')
    assert first < page.index(f'id="comment-{ids["comment_newest"]}"')
    assert first < page.index(f'id="inquiry-{ids["routine_newest"]}"')
    item = page[first : page.index("</article>", first)]
    assert re.search(r'class="badge badge-urgent">.*?Urgent</span>', item, re.S)
    routine = page.index(f'id="inquiry-{ids["routine_newest"]}"')
    assert "badge-urgent" not in page[routine : page.index("</article>", routine)]


def test_the_inquiry_page_and_dashboard_show_the_urgent_mark(moderator_client):
    ids = _mixed_queue()
    detail = page_text(moderator_client.get(f"/moderation/inquiries/{ids['urgent_new']}"))
    assert "badge-urgent" in detail and "Urgent" in detail
    routine = page_text(moderator_client.get(f"/moderation/inquiries/{ids['routine_newest']}"))
    assert "badge-urgent" not in routine
    dashboard = page_text(moderator_client.get("/moderation/dashboard"))
    section = dashboard[dashboard.index('id="urgent-title"') :]
    section = section[: section.index("</section>")]
    assert '<p class="big-number">2</p>' in section
    assert f"#{ids['urgent_new']} from" in section and f"#{ids['urgent_old']} from" in section


# --- the on-call notice --------------------------------------------------------------------


def _mails() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.mark.parametrize("driver_statements", [True, False], ids=["driver", "plain"])
def test_an_urgent_inquiry_is_mailed_to_the_moderators_on_call(
    client, inquiry_payload, lenient_filter, monkeypatch, driver_statements
):
    monkeypatch.setitem(fastpaths._enabled, "driver_statements", driver_statements)
    on_call = ModeratorFactory(on_call=True, notify=False)
    ModeratorFactory(on_call=True, active=False)
    other = ModeratorFactory(notify=True)
    db.session.commit()
    inquiry_id = client.post("/api/inquiries", json={**inquiry_payload, "message": URGENT}).json[
        "id"
    ]
    mails = {(m.to_addr, m.subject, m.purpose) for m in _mails()}
    assert mails == {
        (on_call.email, f"Urgent inquiry #{inquiry_id} received", "urgent-inquiry-notice"),
        (other.email, f"New inquiry #{inquiry_id}", "inquiry-notice"),
    }


def test_with_nobody_on_call_every_moderator_who_wants_notices_gets_the_urgent_one(
    client, inquiry_payload, lenient_filter
):
    first = ModeratorFactory(notify=True)
    ModeratorFactory(notify=False)
    second = ModeratorFactory(notify=True)
    db.session.commit()
    inquiry_id = client.post("/api/inquiries", json={**inquiry_payload, "message": URGENT}).json[
        "id"
    ]
    assert [(m.to_addr, m.subject) for m in _mails()] == [
        (first.email, f"Urgent inquiry #{inquiry_id} received"),
        (second.email, f"Urgent inquiry #{inquiry_id} received"),
    ]


def test_a_routine_inquiry_sends_no_urgent_notice(client, inquiry_payload, lenient_filter):
    ModeratorFactory(on_call=True, notify=False)
    wants = ModeratorFactory(notify=True)
    db.session.commit()
    client.post("/api/inquiries", json={**inquiry_payload, "message": ROUTINE})
    assert [(m.to_addr, m.purpose) for m in _mails()] == [(wants.email, "inquiry-notice")]


def test_an_urgent_inquiry_held_as_spam_sends_no_notice(app, client, inquiry_payload):
    ModeratorFactory(on_call=True)
    db.session.commit()
    app.config["SPAM_UNSURE_AT"] = -1001.0
    app.config["SPAM_AT"] = -1000.0
    client.post("/api/inquiries", json={**inquiry_payload, "message": URGENT})
    assert _mails() == []


def test_the_urgent_mail_says_only_the_number_and_the_link(
    app, client, runner, smtp_server, inquiry_payload, lenient_filter
):
    app.config["PUBLIC_URL"] = "https://desk.clinic.example/"
    on_call = ModeratorFactory(on_call=True)
    db.session.commit()
    payload = {**inquiry_payload, "message": URGENT}
    inquiry_id = client.post("/api/inquiries", json=payload).json["id"]
    result = runner.invoke(args=["outbox", "deliver"])
    assert result.exit_code == 0, result.output
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == [on_call.email]
    [mail] = smtp_server.messages
    assert mail["Subject"] == f"Urgent inquiry #{inquiry_id} received"
    lines = [line for line in mail.get_content().splitlines() if line.strip()]
    assert lines == [
        f"Urgent inquiry #{inquiry_id} received",
        f"https://desk.clinic.example/moderation/inquiries/{inquiry_id}",
    ]
    raw = envelope.original_content.decode("utf-8", "replace")
    for detail in ("Ada", "Patient", "ada.patient", "7946", "chest", "crushing", "sweating"):
        assert detail not in raw, detail
    for detail in ("treatment", "Question about a treatment"):
        assert detail not in raw, detail


# --- on call, set by an administrator ------------------------------------------------------


def test_an_admin_puts_a_moderator_on_call_and_takes_them_off(admin_client, moderator):
    page = page_text(admin_client.get("/moderation/moderators"))
    assert "On call" in page and f"Put on call: {moderator.email}" in page
    response = post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{moderator.id}/on-call",
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).on_call is True
    entry = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "moderator.on_call"))
    assert entry.item_id == moderator.id and entry.detail["on_call"] is True
    page = page_text(admin_client.get("/moderation/moderators"))
    assert f"Take off call: {moderator.email}" in page
    post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{moderator.id}/off-call",
    )
    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).on_call is False


def test_a_moderator_cannot_put_anyone_on_call(moderator_client, moderator):
    other = ModeratorFactory()
    db.session.commit()
    response = post_form(
        moderator_client, "/moderation/", f"/moderation/moderators/{other.id}/on-call"
    )
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Moderator, other.id).on_call is False


def test_the_demo_has_one_urgent_inquiry_first_in_the_queue(app, client, moderator):
    from service.operations.demo import load_demo

    load_demo()
    urgent = db.session.scalars(sa.select(Inquiry).where(Inquiry.urgent)).all()
    assert [inquiry.name for inquiry in urgent] == ["Marta Vidal"]
    token = issue_api_token(moderator.email)
    items = client.get("/api/moderation/queue?kind=inquiry", headers=bearer(token)).json["items"]
    assert (items[0]["id"], items[0]["urgent"]) == (urgent[0].id, True)
    assert [item["urgent"] for item in items[1:]] == [False] * (len(items) - 1)
