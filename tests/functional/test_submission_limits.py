"""Submission limits that no single actor can spend for everybody.

Refusals count per address range (the visitor's address, and the networks around it: IPv4 /24,
IPv6 /56 and /48), each with a limit of its own; the refusal says whose limit it was and when to
send again. The site-wide ceiling refuses nobody: past it, submissions are taken, stored and
held for a moderator as `unsure` (`site_busy`). For inquiries and comments, forms and JSON API.
"""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Inquiry, InquiryStatus, Verdict
from tests.functional.comment_helpers import (
    CLEAN_BODY,
    comment_form_data,
    filter_verdict,
    thread_url,
)
from tests.pages import hidden_inputs

VISITOR_FORM = {
    "name": "Grace Lindqvist",
    "email": "grace.lindqvist@example.org",
    "topic": "appointment",
    "message": "I would like to book a follow-up for my shoulder, ideally on a Thursday morning.",
    "consent": "y",
}


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def post_inquiry(client, payload: dict, address: str):
    return client.post("/api/inquiries", json=payload, **from_address(address))


def post_comment(client, address: str, body: str = CLEAN_BODY):
    return client.post(
        thread_url("articles/knee-pain"),
        json={"author": "Maria", "body": body},
        **from_address(address),
    )


def send_contact_form(client, address: str):
    page = client.get("/contact", **from_address(address))
    data = {**hidden_inputs(page.get_data(as_text=True)), **VISITOR_FORM}
    return client.post("/contact", data=data, **from_address(address))


def send_comment_form(client, address: str):
    url = "/threads/articles/knee-pain"
    hidden = hidden_inputs(client.get(url, **from_address(address)).get_data(as_text=True))
    return client.post(url, data=comment_form_data(hidden), **from_address(address))


def sent_again(limited, send_form, first: str, second: str):
    """Send a form from `first`, which goes through, then again from `second`: the answer."""
    client = limited.test_client()
    with limited.app_context():
        assert send_form(client, first).status_code == 303
        return send_form(client, second)


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def addresses_in_one_48(count: int) -> list[str]:
    """`count` addresses, each in a /64 of its own, spread over the /56s of 2001:db8:1::/48 so
    that no /56 holds more than two of them."""
    return [f"2001:db8:1:{(n % 256) << 8 | n // 256:x}::1" for n in range(count)]


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count(model.id)))


# -- per address range -----------------------------------------------------------------------


def test_300_addresses_of_one_48_are_stopped_at_the_48_and_other_networks_still_get_through(
    app, client, inquiry_payload
):
    # The defaults: a /48 may send 60 a minute, each /64 10 and each /56 30 a minute.
    statuses = [
        post_inquiry(client, inquiry_payload, address).status_code
        for address in addresses_in_one_48(300)
    ]
    assert statuses.count(202) == 60
    assert set(statuses[60:]) == {429}
    refused = post_inquiry(client, inquiry_payload, "2001:db8:1:ffff::2")
    assert refused.json["message"].startswith(
        "Too many submissions from your network (2001:db8:1::/48) in a short time"
    )
    assert post_inquiry(client, inquiry_payload, "2001:db8:2::1").status_code == 202
    assert post_inquiry(client, inquiry_payload, "198.51.100.7").status_code == 202
    assert count(Inquiry) == 62


def test_comments_from_300_addresses_of_one_48_are_stopped_at_the_48_too(make_app, app):
    limited = make_app(RATELIMIT_SUBMISSIONS_IPV6_48="40 per minute")
    client = limited.test_client()
    with limited.app_context():
        statuses = [
            post_comment(client, address).status_code for address in addresses_in_one_48(300)
        ]
        assert statuses.count(202) == 40
        assert set(statuses[40:]) == {429}
        assert post_comment(client, "2001:db8:ffff::1").status_code == 202
        assert count(Comment) == 41


def test_a_visitor_past_the_limit_of_their_own_address_is_told_so_and_when_to_retry(
    make_app, app, inquiry_payload
):
    limited = make_app(RATELIMIT_SUBMISSIONS="1 per hour")
    client = limited.test_client()
    with limited.app_context():
        assert post_inquiry(client, inquiry_payload, "203.0.113.5").status_code == 202
        refused = post_inquiry(client, inquiry_payload, "203.0.113.5")
        # Another address of the same /24 has an allowance of its own.
        neighbour = post_inquiry(client, inquiry_payload, "203.0.113.6")
    assert refused.status_code == 429
    assert refused.json == {
        "error": "rate_limited",
        "message": "Too many submissions from your address in a short time. Please try again "
        "in 60 minutes.",
    }
    assert 3590 < int(refused.headers["Retry-After"]) <= 3600
    assert neighbour.status_code == 202


def test_a_visitor_whose_network_is_past_its_limit_is_told_it_is_the_network(make_app, app):
    limited = make_app(RATELIMIT_SUBMISSIONS_IPV4_24="2 per hour")
    client = limited.test_client()
    with limited.app_context():
        statuses = [post_comment(client, f"203.0.113.{n}").status_code for n in (1, 2, 3)]
        refused = post_comment(client, "203.0.113.4")
        elsewhere = post_comment(client, "198.51.100.7")
    assert statuses == [202, 202, 429]
    assert refused.json == {
        "error": "rate_limited",
        "message": "Too many submissions from your network (203.0.113.0/24) in a short time, "
        "perhaps from other people who share it. Please try again in 60 minutes.",
    }
    assert int(refused.headers["Retry-After"]) > 3590
    assert elsewhere.status_code == 202


def test_the_contact_form_says_whose_limit_it_was_and_when_to_send_again(make_app, app):
    limited = make_app(RATELIMIT_SUBMISSIONS_IPV4_24="1 per hour")
    refused = sent_again(limited, send_contact_form, "203.0.113.1", "203.0.113.2")
    page = page_text(refused)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 3590
    assert (
        "Many messages were sent in a short time from your network (203.0.113.0/24), perhaps "
        "by other people who share it, so this one was not sent. Your message is kept below: "
        "please wait 60 minutes, then send it again." in page
    )


def test_the_comment_form_says_whose_limit_it_was_and_when_to_send_again(make_app, app):
    limited = make_app(RATELIMIT_SUBMISSIONS="1 per hour")
    # Another address of the same /64 is the same visitor.
    refused = sent_again(limited, send_comment_form, "2001:db8:5:6::1", "2001:db8:5:6::99")
    page = page_text(refused)
    assert refused.status_code == 429
    assert (
        "You have sent several comments in a short time, so this one was not posted. Your text "
        "is kept below: please wait 60 minutes, then send it again." in page
    )


def test_the_refusal_is_in_spanish_for_a_spanish_reader(make_app, app):
    limited = make_app(RATELIMIT_SUBMISSIONS="1 per hour")
    client = limited.test_client()
    spanish = {"Accept-Language": "es"}
    with limited.app_context():
        send_comment_form(client, "203.0.113.9")
        client.get("/threads/articles/knee-pain", headers=spanish)
        url = "/threads/articles/knee-pain"
        hidden = hidden_inputs(client.get(url, headers=spanish).get_data(as_text=True))
        refused = client.post(
            url,
            data={**hidden, "author": "Tom", "body": CLEAN_BODY, "homepage": ""},
            headers=spanish,
            **from_address("203.0.113.9"),
        )
    assert refused.status_code == 429
    assert "60 minutos" in page_text(refused)


# -- the site-wide ceiling holds, never refuses ----------------------------------------------


@pytest.fixture
def busy_after_two(make_app, app):
    """An app whose site-wide ceiling is two submissions a minute, the filter passing all."""
    limited = make_app(RATELIMIT_SUBMISSIONS_GLOBAL="2 per minute", MODERATION_MODE="auto")
    filter_verdict(limited, "ham")
    with limited.app_context():
        yield limited


def site_busy_in(reasons: list[dict]) -> bool:
    return any(reason["rule"] == "site_busy" for reason in reasons)


def test_past_the_ceiling_inquiries_are_acknowledged_stored_and_held_as_unsure(
    busy_after_two, inquiry_payload
):
    client = busy_after_two.test_client()
    answers = [
        post_inquiry(client, inquiry_payload, f"198.51.{n}.7") for n in range(4)
    ]  # four networks
    assert [a.status_code for a in answers] == [202] * 4
    assert all(a.json["status"] == "received" for a in answers)
    stored = db.session.scalars(sa.select(Inquiry).order_by(Inquiry.id)).all()
    assert [i.status for i in stored] == [InquiryStatus.RECEIVED] * 4
    assert [i.verdict for i in stored] == [Verdict.HAM, Verdict.HAM, Verdict.UNSURE, Verdict.UNSURE]
    assert [site_busy_in(i.reasons) for i in stored] == [False, False, True, True]
    held = next(r for r in stored[2].reasons if r["rule"] == "site_busy")
    assert held["detail"] == (
        "more submissions site-wide than the ceiling allows; held for a moderator"
    )


def test_past_the_ceiling_the_contact_form_thanks_the_visitor_and_holds_the_inquiry(
    busy_after_two,
):
    client = busy_after_two.test_client()
    answers = [send_contact_form(client, f"203.0.{n}.1") for n in range(3)]
    assert [a.status_code for a in answers] == [303] * 3
    assert all(a.headers["Location"] == "/contact/thanks" for a in answers)
    verdicts = db.session.scalars(sa.select(Inquiry.verdict).order_by(Inquiry.id)).all()
    assert verdicts == [Verdict.HAM, Verdict.HAM, Verdict.UNSURE]


def test_past_the_ceiling_comments_wait_for_a_moderator_instead_of_going_live(busy_after_two):
    client = busy_after_two.test_client()
    answers = [post_comment(client, f"2001:db8:{n}::1") for n in range(1, 4)]
    assert [a.status_code for a in answers] == [202] * 3
    assert [a.json["status"] for a in answers] == ["approved", "approved", "pending"]
    held = db.session.get(Comment, answers[2].json["id"])
    assert (held.status, held.verdict) == (CommentStatus.PENDING, Verdict.UNSURE)
    assert site_busy_in(held.reasons)
    doc = client.get(thread_url("articles/knee-pain")).json
    assert [c["id"] for c in doc["comments"]] == [a.json["id"] for a in answers[:2]]


def test_past_the_ceiling_the_comment_form_still_takes_the_comment(busy_after_two):
    client = busy_after_two.test_client()
    answers = [send_comment_form(client, f"192.0.{n}.10") for n in range(3)]
    assert [a.status_code for a in answers] == [303] * 3
    statuses = db.session.scalars(sa.select(Comment.status).order_by(Comment.id)).all()
    assert statuses == [CommentStatus.APPROVED, CommentStatus.APPROVED, CommentStatus.PENDING]
    page = page_text(client.get(answers[2].headers["Location"], **from_address("192.0.2.10")))
    assert "Your comment is awaiting moderation" in page


def test_with_rate_limits_off_the_ceiling_holds_nothing(make_app, app, inquiry_payload):
    relaxed = make_app(RATELIMIT_ENABLED=False, RATELIMIT_SUBMISSIONS_GLOBAL="1 per minute")
    filter_verdict(relaxed, "ham")
    client = relaxed.test_client()
    with relaxed.app_context():
        for n in range(3):
            assert post_inquiry(client, inquiry_payload, f"198.51.100.{n}").status_code == 202
        verdicts = set(db.session.scalars(sa.select(Inquiry.verdict)))
    assert verdicts == {Verdict.HAM}


def test_without_its_limit_storage_the_service_still_takes_inquiries(
    make_app, app, inquiry_payload, caplog
):
    # Nothing listens on port 9: every count fails at once.
    cut_off = make_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:9/0")
    client = cut_off.test_client()
    with cut_off.app_context():
        answer = post_inquiry(client, inquiry_payload, "203.0.113.5")
        assert answer.status_code == 202
        assert count(Inquiry) == 1
    assert "rate-limit storage unavailable" in caplog.text
    assert inquiry_payload["message"] not in caplog.text
