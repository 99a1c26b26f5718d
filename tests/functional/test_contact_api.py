"""`POST /api/inquiries`: strict validation, the contract's answers, idempotency, origins."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import unicodedata

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from service.contact import services
from service.contact.services import consent_version
from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    IdempotencyRecord,
    Inquiry,
    InquiryStatus,
    OutboxMessage,
    Verdict,
)
from service.submissions.filtering import ensure_model_state

CONSENT = (
    "Please tick the box to agree that we may store your message; we cannot answer without it."
)
TOPICS = "Please choose one of the topics: appointment, treatment, billing, other."
PHONE_LETTERS = "Please use only digits, spaces and the signs + - ( ) . / in a phone number."


def post_inquiry(client, body, headers=None):
    return client.post("/api/inquiries", json=body, headers=headers or {})


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_valid_inquiry_is_accepted_with_its_id(client, inquiry_payload):
    response = post_inquiry(client, inquiry_payload)
    assert response.status_code == 202
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert response.json == {"id": inquiry.id, "status": "received", "urgent": False}
    assert inquiry.name == "Ada Patient"
    assert inquiry.email == "ada.patient@example.org"
    assert inquiry.topic == "treatment"
    assert inquiry.message == inquiry_payload["message"]


def test_inquiry_stores_consent_time_and_the_version_of_the_wording(app, client, inquiry_payload):
    app.config["CONSENT_TEXT"] = "I agree to the clinic keeping my message for a year."
    post_inquiry(client, inquiry_payload)
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry.consent_version == consent_version(app.config["CONSENT_TEXT"])
    assert inquiry.consent_version != consent_version("Another wording.")
    assert abs((inquiry.consent_at - inquiry.created_at).total_seconds()) < 5


def test_phone_is_kept_as_sent_with_a_normalized_copy(client, inquiry_payload):
    post_inquiry(client, {**inquiry_payload, "phone": "+44 (20) 7946-0000"})
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry.phone == "+44 (20) 7946-0000"
    assert inquiry.phone_normalized == "+442079460000"


def test_phone_without_country_code_is_normalized_to_its_digits(client, inquiry_payload):
    post_inquiry(client, {**inquiry_payload, "phone": "020 7946 0000"})
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry.phone == "020 7946 0000"
    assert inquiry.phone_normalized == "02079460000"


def test_phone_is_optional(client, inquiry_payload):
    del inquiry_payload["phone"]
    assert post_inquiry(client, inquiry_payload).status_code == 202
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry.phone is None
    assert inquiry.phone_normalized is None


def test_message_and_phone_are_encrypted_at_rest(client, inquiry_payload):
    post_inquiry(client, inquiry_payload)
    raw = db.session.execute(
        sa.text("SELECT message, phone, phone_normalized FROM inquiries")
    ).one()
    for column in raw:
        assert "knee" not in column
        assert "7946" not in column


def test_stored_client_address_is_truncated(client, inquiry_payload):
    post_inquiry(client, inquiry_payload)
    client.environ_base["REMOTE_ADDR"] = "2001:db8:1234:5678::1"
    post_inquiry(client, {**inquiry_payload, "message": "A second, different question."})
    addresses = db.session.scalars(sa.select(Inquiry.client_address).order_by(Inquiry.id)).all()
    assert addresses == ["127.0.0.0", "2001:db8:1234::"]


def test_text_is_stored_in_nfc_and_limits_count_characters_after_nfc(client, inquiry_payload):
    decomposed = unicodedata.normalize("NFD", "é") * 100  # 200 code points, 100 characters
    response = post_inquiry(client, {**inquiry_payload, "name": decomposed})
    assert response.status_code == 202
    assert db.session.scalar(sa.select(Inquiry.name)) == "é" * 100


def test_every_inquiry_is_judged_and_its_reasons_are_stored(client, inquiry_payload):
    post_inquiry(client, {**inquiry_payload, "form_token": "not-a-token-this-site-issued"})
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert isinstance(inquiry.verdict, Verdict)
    assert inquiry.content_hash
    rules = {reason["rule"] for reason in inquiry.reasons}
    assert "form_token_invalid" in rules
    assert all(set(reason) == {"rule", "points", "detail"} for reason in inquiry.reasons)
    assert inquiry.score == pytest.approx(sum(r["points"] for r in inquiry.reasons), abs=0.05)


def test_inquiry_held_as_spam_answers_exactly_like_any_other(app, client, inquiry_payload):
    clean = post_inquiry(client, inquiry_payload)
    # A forged form token (6 points) outweighs anything the learned model can subtract (4).
    app.config["SPAM_UNSURE_AT"], app.config["SPAM_AT"] = 1.0, 1.5
    forged = post_inquiry(
        client,
        {**inquiry_payload, "message": "Another question", "form_token": "forged.token"},
    )
    assert forged.status_code == clean.status_code == 202
    assert forged.json["status"] == clean.json["status"] == "received"
    assert set(forged.json) == set(clean.json) == {"id", "status", "urgent"}
    assert forged.json["urgent"] is clean.json["urgent"] is False
    held = db.session.get(Inquiry, forged.json["id"])
    assert held.verdict is Verdict.SPAM
    assert held.status is InquiryStatus.SPAM  # kept in the spam folder, never dropped


def test_the_request_log_line_names_the_inquiry_and_its_verdict(client, inquiry_payload, caplog):
    with caplog.at_level(logging.INFO, logger="service.request"):
        response = post_inquiry(client, inquiry_payload)
    lines = [r.getMessage() for r in caplog.records if r.name == "service.request"]
    stored = db.session.get(Inquiry, response.json["id"])
    assert len(lines) == 1  # one line per request, the outcome included
    assert lines[0].startswith("POST /api/inquiries 202 ")
    assert lines[0].endswith(f": inquiry {stored.id} received, verdict {stored.verdict.value}")


def test_a_receipt_is_the_inquirys_own_row_and_not_a_staff_action(client, inquiry_payload):
    before = utcnow()
    response = post_inquiry(client, inquiry_payload)
    stored = db.session.get(Inquiry, response.json["id"])
    assert stored.created_at >= before - dt.timedelta(seconds=1)
    assert stored.verdict in set(Verdict)
    # The audit log is for what staff do: a visitor's submission (or a flood of them) adds
    # nothing to it.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 0


def test_unknown_keys_cannot_set_status_id_or_assignee(client, inquiry_payload, lenient_filter):
    response = post_inquiry(
        client,
        {
            **inquiry_payload,
            "status": "closed",
            "id": 999,
            "verdict": "ham",
            "assigned_to": 1,
            "answered_at": "2000-01-01T00:00:00Z",
            "client_address": "10.0.0.1",
        },
    )
    assert response.status_code == 202
    inquiry = db.session.get(Inquiry, response.json["id"])
    assert inquiry.id != 999
    assert inquiry.status is InquiryStatus.RECEIVED
    assert inquiry.assigned_to_id is None
    assert inquiry.answered_at is None
    assert inquiry.client_address == "127.0.0.0"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": None}, "name", "Please tell us your name."),
        ({"name": "   "}, "name", "Please tell us your name."),
        ({"name": "a" * 101}, "name", "Please keep this under 100 characters (it has 101)."),
        ({"name": "Ada\x00Patient"}, "name", "contains a NUL character"),
        ({"name": 42}, "name", "This field must be text."),
        ({"name": "Ada\x07"}, "name", "contains control characters"),
        ({"email": None}, "email", "Please give your email address, so that we can answer you."),
        ({"email": "ada.example.org"}, "email", "does not look like an email address"),
        ({"email": "a@b.c\r\nBcc: x@y.z"}, "email", "cannot contain spaces or line breaks"),
        ({"email": "a" * 250 + "@x.org"}, "email", "under 254 characters"),
        ({"email": "a" * 50000 + "@"}, "email", "under 254 characters"),
        ({"phone": "call me maybe"}, "phone", PHONE_LETTERS),
        ({"phone": "0800 FLOWERS"}, "phone", PHONE_LETTERS),
        ({"phone": "123"}, "phone", "A phone number has at least 5 digits."),
        ({"phone": "1" * 33}, "phone", "under 32 characters (it has 33)"),
        ({"topic": None}, "topic", "Please choose what your message is about."),
        ({"topic": "surgery"}, "topic", TOPICS),
        ({"topic": ["appointment"]}, "topic", "This field must be text."),
        ({"message": None}, "message", "Please write your message."),
        ({"message": "x" * 5001}, "message", "under 5000 characters (it has 5001)"),
        ({"message": "Hello\x00"}, "message", "contains a NUL character"),
        ({"consent": None}, "consent", CONSENT),
        ({"consent": False}, "consent", CONSENT),
        ({"consent": "yes"}, "consent", CONSENT),
        ({"consent": "true"}, "consent", CONSENT),
        ({"consent": 1}, "consent", CONSENT),
    ],
)
def test_invalid_field_is_400_naming_the_field(client, inquiry_payload, change, field, message):
    body = {**inquiry_payload, **change}
    body = {key: value for key, value in body.items() if value is not None}
    response = post_inquiry(client, body)
    assert response.status_code == 400
    assert response.json["error"] == "invalid"
    assert response.json["message"]
    assert list(response.json["fields"]) == [field]
    assert any(message in problem for problem in response.json["fields"][field])
    assert count(Inquiry) == 0


def test_lone_surrogate_is_400(client, inquiry_payload):
    raw = json.dumps(inquiry_payload).replace("Ada Patient", "Ada \\ud800 Patient")
    response = client.post("/api/inquiries", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert "broken character" in response.json["fields"]["name"][0]


def test_every_problem_is_named_at_once(client):
    response = post_inquiry(client, {"email": "nope", "phone": "abc"})
    assert response.status_code == 400
    assert set(response.json["fields"]) == {"name", "email", "phone", "topic", "message", "consent"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"name": "Ada",', "The request body is not valid JSON."),
        (b'["name", "Ada"]', "The request body must be a JSON object ({...})."),
        (b'{"name": "\xff\xfe"}', "The request body is not valid UTF-8."),
    ],
)
def test_body_that_is_not_a_json_object_is_400(client, body, message):
    response = client.post("/api/inquiries", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json == {"error": "invalid_json", "message": message}


def test_body_that_is_not_json_is_415(client, inquiry_payload):
    response = client.post(
        "/api/inquiries", data=json.dumps(inquiry_payload), content_type="text/plain"
    )
    assert response.status_code == 415
    assert response.json["error"] == "unsupported_media_type"
    assert count(Inquiry) == 0


def test_form_encoded_body_is_415(client):
    response = client.post(
        "/api/inquiries", data={"name": "Ada", "consent": "true"}, content_type=None
    )
    assert response.status_code == 415


def test_foreign_origin_is_403_without_cors_headers(client, inquiry_payload):
    response = post_inquiry(client, inquiry_payload, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert response.json["error"] == "forbidden"
    assert "Access-Control-Allow-Origin" not in response.headers
    assert count(Inquiry) == 0


def test_allowed_origin_gets_its_own_name_back(app, client, inquiry_payload):
    app.config["ALLOWED_ORIGINS"] = ["https://www.clinic.example"]
    response = post_inquiry(
        client, inquiry_payload, headers={"Origin": "https://www.clinic.example"}
    )
    assert response.status_code == 202
    assert response.headers["Access-Control-Allow-Origin"] == "https://www.clinic.example"
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_preflight_from_an_allowed_origin_names_the_headers(app, client):
    app.config["ALLOWED_ORIGINS"] = ["https://www.clinic.example"]
    response = client.options(
        "/api/inquiries",
        headers={
            "Origin": "https://www.clinic.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, idempotency-key",
        },
    )
    assert response.status_code == 204
    assert "Idempotency-Key" in response.headers["Access-Control-Allow-Headers"]


def test_replay_with_the_same_key_returns_the_first_answer_and_stores_nothing(
    client, inquiry_payload, moderator
):
    headers = {"Idempotency-Key": "visit-2026-01-07-a"}
    first = post_inquiry(client, inquiry_payload, headers)
    stored = (count(Inquiry), count(OutboxMessage), count(AuditEvent))
    again = post_inquiry(client, inquiry_payload, headers)
    assert first.status_code == again.status_code == 202
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert (count(Inquiry), count(OutboxMessage), count(AuditEvent)) == stored
    assert count(Inquiry) == 1


def test_same_key_with_a_different_body_is_422(client, inquiry_payload):
    headers = {"Idempotency-Key": "visit-2026-01-07-b"}
    assert post_inquiry(client, inquiry_payload, headers).status_code == 202
    response = post_inquiry(
        client, {**inquiry_payload, "email": "someone.else@example.org"}, headers
    )
    assert response.status_code == 422
    assert response.json["error"] == "unprocessable"
    assert count(Inquiry) == 1


def test_answer_is_recorded_in_the_same_transaction_as_the_inquiry(client, inquiry_payload):
    response = post_inquiry(client, inquiry_payload, {"Idempotency-Key": "visit-c"})
    record = db.session.scalar(sa.select(IdempotencyRecord))
    assert record.status_code == 202
    assert json.loads(record.response_body) == response.json


def test_invalid_request_frees_its_key_for_a_corrected_retry(client, inquiry_payload):
    headers = {"Idempotency-Key": "visit-d"}
    bad = post_inquiry(client, {**inquiry_payload, "consent": False}, headers)
    assert bad.status_code == 400
    assert post_inquiry(client, inquiry_payload, headers).status_code == 202


def test_overlong_idempotency_key_is_400(client, inquiry_payload):
    response = post_inquiry(client, inquiry_payload, {"Idempotency-Key": "k" * 101})
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json["fields"]
    assert count(Inquiry) == 0


def test_topics_endpoint_lists_the_configured_topics(app, client):
    app.config["INQUIRY_TOPICS"] = [("visit", "Booking a visit"), ("other", "Anything else")]
    assert client.get("/api/topics").json == [
        {"key": "visit", "label": "Booking a visit"},
        {"key": "other", "label": "Anything else"},
    ]
    response = post_inquiry(
        client,
        {
            "name": "Ada",
            "email": "ada@example.org",
            "topic": "appointment",
            "message": "Hello",
            "consent": True,
        },
    )
    assert response.json["fields"]["topic"] == ["Please choose one of the topics: visit, other."]


def test_a_request_outlived_by_its_retry_is_not_stored_twice(
    app, client, inquiry_payload, monkeypatch
):
    """A request that takes longer than a claim's lifetime (a cold worker, a busy database)
    is taken over by its client's retry; when it finally finishes it must not store again."""
    headers = {"Idempotency-Key": "slow-first-try"}
    real_judge = services.judge
    taken_over, retries = [], []

    def retry_while_the_first_try_is_still_judging() -> None:
        with app.app_context():
            # The first try's claim now looks abandoned, as it would after STALE seconds.
            db.session.execute(
                sa.update(IdempotencyRecord).values(created_at=utcnow() - dt.timedelta(hours=1))
            )
            db.session.commit()
            retry = app.test_client().post("/api/inquiries", json=inquiry_payload, headers=headers)
            retries.append(retry)
            db.session.remove()

    def slow_judge(submission, connection=None):
        if not taken_over:
            taken_over.append(True)
            worker = threading.Thread(target=retry_while_the_first_try_is_still_judging)
            worker.start()
            worker.join()
        return real_judge(submission, connection)

    monkeypatch.setattr(services, "judge", slow_judge)
    first = post_inquiry(client, inquiry_payload, headers)
    [retry] = retries
    assert retry.status_code == 202
    assert first.status_code == 409
    assert count(Inquiry) == 1
    again = post_inquiry(client, inquiry_payload, headers)
    assert (again.status_code, again.json) == (202, retry.json)


def test_an_inquiry_is_judged_and_stored_without_opening_an_orm_session(
    client, inquiry_payload, lenient_filter
):
    """The request's session costs more than the few statements an inquiry runs; with no
    moderator to notify, none is begun, and the inquiry is stored all the same."""
    ensure_model_state()  # done once per database, by the first judgement
    db.session.remove()
    begun = []

    def note_begin(session, transaction, connection) -> None:
        begun.append(session)

    sa.event.listen(so.Session, "after_begin", note_begin)
    try:
        response = post_inquiry(client, inquiry_payload)
    finally:
        sa.event.remove(so.Session, "after_begin", note_begin)
    assert response.status_code == 202
    assert begun == []
    stored = db.session.get(Inquiry, response.json["id"])
    assert stored.message == inquiry_payload["message"]
    assert stored.status is InquiryStatus.RECEIVED
