"""The app answers errors in plain language, logs safely and stores time and secrets right."""

import datetime as dt
import logging

import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import Inquiry, Moderator, Thread


def test_healthz_reports_database_and_outbox(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "database": "ok",
        "outbox": {"queued": 0, "oldest_seconds": None},
    }


def test_healthz_answers_503_when_the_database_is_down(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_unknown_api_path_answers_json_error(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json["error"] == "not_found"
    assert response.json["message"]


def test_unknown_page_answers_a_finished_html_page(client):
    response = client.get("/nothing-here")
    assert response.status_code == 404
    assert "text/html" in response.content_type
    assert b"We could not find that page" in response.data
    assert b"Clinic Desk" in response.data


def test_wrong_method_is_405_with_allow(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_oversized_body_is_413(client):
    response = client.post(
        "/api/anything", data=b"x" * (1024 * 1024 + 10), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json["error"] == "too_large"


def test_unexpected_error_is_500_without_a_stack_trace(app, client, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret patient words")

    with caplog.at_level(logging.INFO, logger="service"):
        response = client.get("/boom", headers={"Accept": "application/json"})
    assert response.status_code == 500
    assert b"Traceback" not in response.data
    assert b"secret patient words" not in response.data
    assert "secret patient words" not in caplog.text
    assert "RuntimeError" in caplog.text


def test_every_response_carries_security_headers(client):
    headers = client.get("/").headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_one_log_line_per_request_with_id_and_no_query_string(client, caplog):
    with caplog.at_level(logging.INFO, logger="service.request"):
        response = client.get("/healthz?token=very-secret-token")
    lines = [r.getMessage() for r in caplog.records if r.name == "service.request"]
    assert lines == ["GET /healthz 200 " + lines[0].split()[-1]]
    assert "very-secret-token" not in caplog.text
    assert len(response.headers["X-Request-ID"]) == 32


def test_line_breaks_and_escapes_in_a_path_are_escaped_in_its_one_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="service.request"):
        response = client.get("/forged%0d%0a2026-12-06 INFO service.request: GET /ok%1b[31m")
    assert response.status_code == 404
    lines = [r.getMessage() for r in caplog.records if r.name == "service.request"]
    assert len(lines) == 1
    assert lines[0].startswith(
        "GET /forged\\x0d\\x0a2026-12-06 INFO service.request: GET /ok\\x1b[31m 404 "
    )
    assert len(caplog.text.splitlines()) == 1
    assert "\x1b" not in caplog.text


def test_each_row_gets_its_own_creation_time(app):
    first = Thread(key="first")
    db.session.add(first)
    db.session.commit()
    second = Thread(key="second")
    db.session.add(second)
    db.session.commit()
    assert first.created_at < second.created_at
    assert first.created_at.tzinfo is not None
    reloaded = db.session.get(Thread, first.id)
    db.session.expire_all()
    assert reloaded.created_at.utcoffset() == dt.timedelta(0)


def test_inquiry_message_is_encrypted_at_rest(app):
    inquiry = Inquiry(
        name="Ada",
        email="ada@example.org",
        topic="appointment",
        message="my knee hurts",
        phone="555-0100",
        consent_at=dt.datetime.now(dt.UTC),
        consent_version="v",
    )
    db.session.add(inquiry)
    db.session.commit()
    raw = db.session.execute(
        sa.text("select message, phone from inquiries where id = :id"), {"id": inquiry.id}
    ).one()
    assert "knee" not in raw.message and raw.message.startswith("v1:")
    assert "555" not in raw.phone
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).message == "my knee hurts"


def test_moderator_role_is_stored_as_its_short_value(app, moderator):
    stored = db.session.execute(
        sa.text("select role from moderators where id = :id"), {"id": moderator.id}
    ).scalar_one()
    assert stored == "moderator"
    assert db.session.get(Moderator, moderator.id).is_admin is False


def test_a_form_with_too_many_parts_is_413(client):
    fields = {f"field{i}": "x" for i in range(200)}
    response = client.post("/contact", data=fields, content_type="multipart/form-data")
    assert response.status_code == 413
    assert b"too large" in response.data or b"too much" in response.data


def test_an_oversized_json_body_is_413_with_the_contract_shape(client):
    body = '{"pad": "' + "a" * (2 * 1024 * 1024) + '"}'
    response = client.post("/api/inquiries", data=body, content_type="application/json")
    assert response.status_code == 413
    assert set(response.json) == {"error", "message"}
