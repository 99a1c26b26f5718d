"""The contact page: a visitor without JavaScript writes to the clinic."""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa

from service.contact import services
from service.data.extensions import db
from service.data.models import Inquiry, InquiryStatus, OutboxMessage, UsedFormToken, Verdict
from service.spam.submission import FormTokenState
from service.submissions.formtokens import FormTokenCheck, inspect_form_token
from tests.pages import hidden_inputs

VISITOR = {
    "name": "Grace Lindqvist",
    "email": "grace.lindqvist@example.org",
    "phone": "+46 8 123 456 78",
    "topic": "appointment",
    "message": "I would like to book a follow-up for my shoulder, ideally on a Thursday morning.",
    "consent": "y",
}


def open_form(client) -> dict[str, str]:
    """Show the form and return what the browser posts back unseen (CSRF and form token)."""
    response = client.get("/contact")
    assert response.status_code == 200
    return hidden_inputs(response.get_data(as_text=True))


def send_form(client, **changes):
    data = {**open_form(client), **VISITOR, **changes}
    return client.post("/contact", data={k: v for k, v in data.items() if v is not None})


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_contact_page_shows_the_emergency_notice_above_the_form(app, client):
    page = page_text(client.get("/contact"))
    assert app.config["EMERGENCY_NOTICE"] in page
    assert page.index(app.config["EMERGENCY_NOTICE"]) < page.index("<form")
    assert "usually within two working days" in page


def test_contact_page_offers_the_configured_topics_and_consent_wording(app, client):
    app.config["INQUIRY_TOPICS"] = [("vaccines", "Vaccinations"), ("other", "Something else")]
    app.config["CONSENT_TEXT"] = "I agree that the clinic keeps my message for one year."
    page = page_text(client.get("/contact"))
    assert '<option value="vaccines">Vaccinations</option>' in page
    assert '<option value="appointment">' not in page
    assert '<label for="consent">I agree that the clinic keeps my message for one year.' in page


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    page = page_text(client.get("/contact"))
    assert '<div class="hp-field" aria-hidden="true">' in page
    honeypot = page[page.index('<div class="hp-field"') :]
    honeypot = honeypot[: honeypot.index("</div>")]
    assert 'name="website"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot


def test_every_page_links_to_the_contact_form(client):
    assert '<a href="/contact">Contact</a>' in client.get("/").get_data(as_text=True)


def test_visitor_sends_the_form_and_lands_on_the_thank_you_page(client, lenient_filter):
    response = send_form(client)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/contact/thanks")
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry.name == "Grace Lindqvist"
    assert inquiry.email == "grace.lindqvist@example.org"
    assert inquiry.phone == "+46 8 123 456 78"
    assert inquiry.phone_normalized == "+46812345678"
    assert inquiry.topic == "appointment"
    assert inquiry.message == VISITOR["message"]
    assert inquiry.status is InquiryStatus.RECEIVED
    assert inquiry.consent_at is not None


def test_thank_you_page_repeats_nothing_the_visitor_wrote(client, lenient_filter):
    response = client.get(send_form(client).headers["Location"])
    page = page_text(response)
    assert response.status_code == 200
    assert "Thank you, your message has been sent" in page
    assert "usually within two working days" in page
    for value in ("Grace", "Lindqvist", "grace.lindqvist", "123 456", "shoulder", "Thursday"):
        assert value not in page


def test_answer_time_on_the_pages_is_a_setting(app, client):
    app.config["INQUIRY_ANSWER_TIME"] = "on the next working day"
    assert "usually on the next working day" in page_text(client.get("/contact"))
    assert "usually on the next working day" in page_text(client.get("/contact/thanks"))


def test_form_token_is_spent_with_the_inquiry(client, lenient_filter):
    send_form(client)
    assert db.session.scalar(sa.select(sa.func.count(UsedFormToken.id))) == 1
    assert db.session.scalar(sa.select(Inquiry.reasons)) is not None
    rules = {r["rule"] for r in db.session.scalar(sa.select(Inquiry.reasons))}
    assert not any(rule.startswith("form_token") for rule in rules)


def test_replayed_form_token_counts_against_the_second_inquiry(client):
    hidden = open_form(client)
    client.post("/contact", data={**hidden, **VISITOR})
    client.post("/contact", data={**hidden, **VISITOR, "message": "And one more question."})
    second = db.session.scalar(sa.select(Inquiry).order_by(Inquiry.id.desc()))
    assert "form_token_replayed" in {r["rule"] for r in second.reasons}


def test_filled_honeypot_is_thanked_the_same_but_held_as_spam(client, moderator):
    response = send_form(client, website="https://cheap-pills.example")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/contact/thanks")
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry.status is InquiryStatus.SPAM
    assert inquiry.verdict is Verdict.SPAM
    assert "honeypot" in {r["rule"] for r in inquiry.reasons}
    # The spam folder is reviewed in the queue; nobody is mailed about it.
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Please tell us your name."),
        ({"name": "G" * 101}, "name", "Please keep this under 100 characters (it has 101)."),
        ({"email": ""}, "email", "Please give your email address, so that we can answer you."),
        (
            {"email": "grace.example.org"},
            "email",
            "This does not look like an email address (name@example.org).",
        ),
        (
            {"phone": "ring me"},
            "phone",
            "Please use only digits, spaces and the signs + - ( ) . / in a phone number.",
        ),
        ({"phone": "12"}, "phone", "A phone number has at least 5 digits."),
        ({"topic": ""}, "topic", "Please choose what your message is about."),
        (
            {"topic": "surgery"},
            "topic",
            "Please choose one of the topics: appointment, treatment, billing, other.",
        ),
        ({"message": "   "}, "message", "Please write your message."),
        (
            {"message": "x" * 5001},
            "message",
            "Please keep this under 5000 characters (it has 5001).",
        ),
        (
            {"message": "Hi\x00there"},
            "message",
            "This text contains a NUL character, which is not allowed.",
        ),
        (
            {"consent": None},
            "consent",
            "Please tick the box to agree that we may store your message; "
            "we cannot answer without it.",
        ),
    ],
)
def test_invalid_form_is_shown_again_with_the_problem_next_to_the_field(
    client, changes, field, message
):
    response = send_form(client, **changes)
    page = page_text(response)
    assert response.status_code == 200
    # In the summary at the top, linking to the field ...
    assert f'<li><a href="#{field}">{message}</a></li>' in page
    # ... and next to the field, which says it is invalid.
    assert (
        f'<p class="error-text" id="{field}-error"><span class="visually-hidden">Error: </span>'
        f"{message}</p>"
    ) in page
    assert 'aria-invalid="true"' in page[page.index(f'id="{field}-error"') :]
    assert page.count('class="error-text"') == 1
    assert "<title>Error: Contact us" in page
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 0


def test_invalid_form_keeps_what_the_visitor_typed(client):
    page = page_text(send_form(client, email="grace.example.org"))
    assert 'value="Grace Lindqvist"' in page
    assert VISITOR["message"] in page
    assert '<option selected value="appointment">' in page


def test_form_without_csrf_token_is_shown_again_and_stores_nothing(client):
    data = {**open_form(client), **VISITOR}
    del data["csrf_token"]
    response = client.post("/contact", data=data)
    page = page_text(response)
    assert response.status_code == 200
    assert "This form was open for a long time or was sent from another page" in page
    assert VISITOR["message"] in page  # nothing the visitor typed is lost
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 0


def test_too_many_messages_get_a_friendly_page(make_app, app):
    limited = make_app(RATELIMIT_SUBMISSIONS="1 per minute")
    client = limited.test_client()
    with limited.app_context():
        assert send_form(client).status_code == 303
        response = send_form(client)
    page = page_text(response)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "this one was not sent" in page
    assert "please wait" in page and "then send it again" in page
    # The form comes back with what the visitor typed.
    assert VISITOR["message"] in page
    assert 'name="csrf_token"' in page


def test_form_token_spent_by_a_concurrent_request_counts_as_a_replay(client, monkeypatch):
    hidden = open_form(client)
    client.post("/contact", data={**hidden, **VISITOR})
    checks = []

    def inspect_before_the_other_request_committed(token, connection=None):
        # The first look happens before the concurrent request spent the token.
        real = inspect_form_token(token, connection=connection)
        checks.append(real.state)
        if len(checks) == 1:
            return FormTokenCheck(FormTokenState.VALID, real.age, real.token_id)
        return real

    monkeypatch.setattr(services, "inspect_form_token", inspect_before_the_other_request_committed)
    response = client.post("/contact", data={**hidden, **VISITOR, "message": "Second question."})
    assert response.status_code == 303
    assert checks == [FormTokenState.REPLAYED, FormTokenState.REPLAYED]
    second = db.session.scalar(sa.select(Inquiry).order_by(Inquiry.id.desc()))
    assert second.message == "Second question."
    assert "form_token_replayed" in {r["rule"] for r in second.reasons}
    assert db.session.scalar(sa.select(sa.func.count(UsedFormToken.id))) == 1
