"""Operators see metrics, proxies are trusted only as configured, and production is strict."""

import logging

from flask import request

from service.moderation.accounts import issue_api_token


def test_metrics_are_served_to_localhost(client):
    response = client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'clinic_desk_queue_waiting{kind="comment"} 0.0' in text
    assert "clinic_desk_outbox_queued 0.0" in text
    assert "clinic_desk_http_requests_total" in text


def test_metrics_are_refused_to_other_addresses_without_a_token(client, moderator):
    response = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 403
    token = issue_api_token(moderator.email)
    response = client.get(
        "/metrics",
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200


def test_metrics_token_setting_opens_metrics(make_app):
    app = make_app(METRICS_TOKEN="scrape-me-please")
    response = app.test_client().get(
        "/metrics",
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
        headers={"Authorization": "Bearer scrape-me-please"},
    )
    assert response.status_code == 200


def _echo_address(app):
    @app.get("/test-address")
    def address():
        return request.remote_addr or ""


def test_forwarded_headers_are_ignored_and_logged_without_trusted_proxies(make_app, caplog):
    app = make_app()
    _echo_address(app)
    with caplog.at_level(logging.WARNING, logger="service.web.security"):
        response = app.test_client().get(
            "/test-address",
            headers={"X-Forwarded-For": "198.51.100.7"},
            environ_base={"REMOTE_ADDR": "10.0.0.2"},
        )
    assert response.get_data(as_text=True) == "10.0.0.2"
    assert "TRUSTED_PROXIES=0" in caplog.text


def test_one_trusted_proxy_gives_the_client_address(make_app):
    app = make_app(TRUSTED_PROXIES=1)
    _echo_address(app)
    response = app.test_client().get(
        "/test-address",
        headers={"X-Forwarded-For": "127.0.0.1, 198.51.100.7"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    # Only the last hop, added by our own proxy, is believed; the spoofed first one is not.
    assert response.get_data(as_text=True) == "198.51.100.7"


def test_production_sends_hsts_and_secure_cookies(make_app):
    app = make_app(ENV_NAME="production", SESSION_COOKIE_SECURE=True)
    response = app.test_client().get("/")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
