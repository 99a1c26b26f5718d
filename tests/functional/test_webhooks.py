"""Signed webhooks and chat alerts: real deliveries to a real HTTP server on 127.0.0.1,
signatures checked by the `standardwebhooks` library, retries, the refusals that keep requests
out of the clinic's network, and nothing personal in any payload."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    Comment,
    Inquiry,
    OutboxStatus,
    WebhookDelivery,
    WebhookEndpoint,
)
from service.moderation.services import act
from service.moderation.webhook_endpoints import add_endpoint, send_test_event
from service.submissions import egress, webhooks
from service.submissions.egress import EndpointRefused
from service.submissions.outbox import backoff
from tests.functional.comment_helpers import filter_verdict, post
from tests.pages import post_form

ALL_EVENTS = [
    "inquiry.received",
    "comment.held",
    "comment.published",
    "item.spam",
    "inquiry.answered",
]


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that records each request and answers the planned statuses
    in turn (200 once the plan runs out)."""

    port: int
    plan: list[int] = field(default_factory=list)
    requests: list[Received] = field(default_factory=list)

    def url(self, path: str = "/hook", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@contextlib.contextmanager
def running_receiver(tls: ssl.SSLContext | None = None) -> Iterator[Receiver]:
    state = Receiver(port=0)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            status = state.plan.pop(0) if state.plan else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as state:
        yield state


@pytest.fixture
def local_hooks(app) -> None:
    """Let deliveries reach the test's own server on 127.0.0.1, as an admin would allow a host."""
    app.config["WEBHOOK_ALLOWED_HOSTS"] = ["127.0.0.1"]


@pytest.fixture
def fake_dns(monkeypatch) -> dict[str, list[list[str]]]:
    """Names the test gives answers for (one answer per lookup, the last one repeating);
    any other name resolves as usual."""
    answers: dict[str, list[list[str]]] = {}
    real = egress.resolve

    def resolve(host: str, port: int) -> list[str]:
        if host in answers:
            queue = answers[host]
            return queue.pop(0) if len(queue) > 1 else queue[0]
        return real(host, port)

    monkeypatch.setattr(egress, "resolver", resolve)
    return answers


def endpoint(url: str, format_: str = "standard", events: list[str] | None = None):
    return add_endpoint("Front desk", url, format_, events or ALL_EVENTS, "test")


def deliveries() -> list[WebhookDelivery]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(WebhookDelivery).order_by(WebhookDelivery.id)))


# Signing -------------------------------------------------------------------------------------


def test_an_inquiry_event_is_signed_as_standard_webhooks_specifies(
    app, client, receiver, local_hooks, inquiry_payload, lenient_filter
):
    created = endpoint(receiver.url(), events=["inquiry.received"])
    response = client.post("/api/inquiries", json=inquiry_payload)
    assert response.status_code == 202
    inquiry_id = response.json["id"]

    report = webhooks.deliver_due()
    assert (report.sent, report.failed, report.gave_up) == (1, 0, 0)
    [request] = receiver.requests
    assert request.path == "/hook"
    assert request.headers["content-type"] == "application/json"
    verified = Webhook(created.secret).verify(request.body, request.headers)
    assert verified["type"] == "inquiry.received"
    assert verified["data"] == {
        "kind": "inquiry",
        "id": inquiry_id,
        "status": "received",
        "link": f"{app.config['PUBLIC_URL']}/moderation/inquiries/{inquiry_id}",
    }
    assert verified["timestamp"].endswith("Z")
    [delivery] = deliveries()
    assert delivery.status is OutboxStatus.SENT
    assert delivery.response_status == 200
    assert request.headers["webhook-id"] == delivery.message_id


def test_a_signature_made_with_another_secret_does_not_verify(app, receiver, local_hooks):
    created = endpoint(receiver.url())
    send_test_event(created.endpoint.id, "test")
    [request] = receiver.requests
    other = webhooks.new_secret()
    assert other != created.secret
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(request.body, request.headers)
    tampered = request.body.replace(b"webhook.test", b"webhook.tost")
    with pytest.raises(WebhookVerificationError):
        Webhook(created.secret).verify(tampered, request.headers)


def test_the_secret_is_stored_encrypted(app, receiver, local_hooks):
    created = endpoint(receiver.url())
    raw = db.session.execute(
        sa.text("select secret, url from webhook_endpoints where id = :id"),
        {"id": created.endpoint.id},
    ).one()
    assert created.secret not in raw.secret
    assert str(receiver.port) not in raw.url


# Retries ------------------------------------------------------------------------------------


def test_a_failing_receiver_gets_the_same_event_again_until_it_takes_it(app, receiver, local_hooks):
    created = endpoint(receiver.url(), events=["comment.held"])
    filter_verdict(app, "unsure")
    assert post(app.test_client()).status_code == 202
    receiver.plan = [500, 503]
    started = utcnow()

    first = webhooks.deliver_due(now=started)
    assert (first.sent, first.failed) == (0, 1)
    [delivery] = deliveries()
    assert delivery.status is OutboxStatus.QUEUED
    assert (delivery.attempts, delivery.response_status, delivery.last_error) == (
        1,
        500,
        "HTTP 500",
    )
    assert delivery.next_attempt_at >= started + backoff(1) - dt.timedelta(seconds=1)
    assert webhooks.deliver_due(now=started).sent == 0  # not due yet: the retry waits its turn
    assert len(receiver.requests) == 1

    second = webhooks.deliver_due(now=started + dt.timedelta(minutes=2))
    assert (second.sent, second.failed) == (0, 1)
    third = webhooks.deliver_due(now=started + dt.timedelta(minutes=10))
    assert (third.sent, third.failed) == (1, 0)
    assert webhooks.deliver_due(now=started + dt.timedelta(hours=2)).sent == 0

    assert [r.headers["webhook-id"] for r in receiver.requests] == [delivery.message_id] * 3
    assert {r.body for r in receiver.requests} == {receiver.requests[0].body}
    for request in receiver.requests:
        Webhook(created.secret).verify(request.body, request.headers)
    [delivery] = deliveries()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        OutboxStatus.SENT,
        3,
        200,
    )
    assert delivery.last_error is None


def test_outbox_deliver_sends_webhooks_and_reports_them(app, runner, receiver, local_hooks):
    endpoint(receiver.url(), events=["comment.published"])
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    assert post(app.test_client()).status_code == 202
    result = runner.invoke(args=["outbox", "deliver"])
    # No SMTP_URL in this test: the mail part says so, after the webhooks went out.
    assert "webhooks: delivered 1, failed 0 (retried later), gave up 0; 0 still queued" in (
        result.output
    )
    assert receiver.requests[0].json["type"] == "comment.published"


def test_a_receiver_that_is_down_is_retried(app, local_hooks):
    from tests.functional.conftest import free_port

    endpoint(f"http://127.0.0.1:{free_port()}/hook")
    send_test_event(db.session.scalar(sa.select(WebhookEndpoint.id)), "test")
    [delivery] = deliveries()
    assert delivery.status is OutboxStatus.QUEUED
    assert delivery.last_error == "ConnectionRefusedError"
    assert delivery.response_status is None


# Refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/hook", "a loopback address"),
        ("http://[::1]/hook", "a loopback address"),
        ("http://10.20.30.40/hook", "a private address"),
        ("http://172.16.5.4/hook", "a private address"),
        ("http://192.168.1.10/hook", "a private address"),
        ("http://169.254.169.254/latest/meta-data", "a link-local address"),
        ("http://[fe80::1]/hook", "a link-local address"),
        ("http://[fd12:3456:789a::1]/hook", "an IPv6 unique-local address"),
        ("http://[::ffff:10.0.0.1]/hook", "a private address"),
        ("http://0.0.0.0/hook", "not a host address"),
        ("http://100.64.0.1/hook", "not a public address"),
    ],
)
def test_an_address_inside_a_private_network_is_refused(app, url, reason):
    with pytest.raises(EndpointRefused) as refused:
        endpoint(url)
    assert reason in refused.value.message
    assert "WEBHOOK_ALLOWED_HOSTS" in refused.value.message
    assert db.session.scalar(sa.select(sa.func.count(WebhookEndpoint.id))) == 0


def test_a_name_that_resolves_to_loopback_is_refused(app, receiver):
    # `localhost` is resolved by the system, as any name would be.
    with pytest.raises(EndpointRefused, match="a loopback address"):
        endpoint(receiver.url(host="localhost"))


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (["10.0.0.7"], "a private address"),
        (["192.168.100.2"], "a private address"),
        (["169.254.10.1"], "a link-local address"),
        (["fd00:aaaa::7"], "an IPv6 unique-local address"),
        (["93.184.215.14", "127.0.0.1"], "a loopback address"),  # one bad address is enough
    ],
)
def test_a_name_that_resolves_inside_a_private_network_is_refused(app, fake_dns, answer, reason):
    fake_dns["intranet.clinic.test"] = [answer]
    with pytest.raises(EndpointRefused, match=reason):
        endpoint("https://intranet.clinic.test/hook")


def test_a_name_that_does_not_resolve_is_refused(app):
    with pytest.raises(EndpointRefused, match="does not resolve"):
        endpoint("https://no-such-host.invalid/hook")


def test_a_name_that_changes_its_answer_after_the_check_is_refused_at_delivery(
    app, receiver, fake_dns
):
    # Public when registered, loopback when the event goes out (DNS rebinding): the delivery
    # checks again and never connects.
    fake_dns["rebind.clinic.test"] = [["93.184.215.14"], ["127.0.0.1"]]
    created = endpoint(receiver.url(host="rebind.clinic.test"))
    delivery = send_test_event(created.endpoint.id, "test")
    assert delivery.status is OutboxStatus.QUEUED
    assert delivery.last_error.startswith("refused: rebind.clinic.test is a loopback address")
    assert receiver.requests == []


def test_the_connection_goes_to_the_address_that_was_checked(app, receiver, fake_dns):
    # The name has no answer outside this test; the request reaches the server only because
    # it connects to the address the check saw, and still names the host.
    app.config["WEBHOOK_ALLOWED_HOSTS"] = ["hooks.clinic.test"]
    fake_dns["hooks.clinic.test"] = [["127.0.0.1"]]
    created = endpoint(receiver.url(host="hooks.clinic.test"))
    delivery = send_test_event(created.endpoint.id, "test")
    assert delivery.status is OutboxStatus.SENT
    assert receiver.requests[0].headers["host"] == f"hooks.clinic.test:{receiver.port}"


def test_an_allowed_host_may_be_private_but_others_still_may_not(app, receiver, local_hooks):
    assert endpoint(receiver.url()).endpoint.host == "127.0.0.1"
    with pytest.raises(EndpointRefused, match="a loopback address"):
        endpoint("http://127.0.0.2/hook")


def test_plain_http_is_refused_when_https_is_required(make_app, receiver):
    app = make_app(WEBHOOK_REQUIRE_HTTPS=True, WEBHOOK_ALLOWED_HOSTS=["127.0.0.1"])
    with app.app_context(), pytest.raises(EndpointRefused, match="https only"):
        endpoint(receiver.url())


def test_production_requires_https_whatever_the_setting_says(make_app, receiver):
    app = make_app(ENV_NAME="production", WEBHOOK_REQUIRE_HTTPS=False)
    with app.app_context():
        assert webhooks.require_https()
        with pytest.raises(EndpointRefused, match="https only"):
            endpoint("http://93.184.215.14/hook")


def test_an_endpoint_refused_after_registration_is_not_called(app, receiver, local_hooks):
    created = endpoint(receiver.url())
    app.config["WEBHOOK_ALLOWED_HOSTS"] = []  # the admin took the host off the list
    delivery = send_test_event(created.endpoint.id, "test")
    assert delivery.last_error.startswith("refused: 127.0.0.1 is a loopback address")
    assert receiver.requests == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://files.example.com/hook", "not a web address"),
        ("https://user:secret@hooks.example.com/", "user name and password"),
        ("https://hooks.example.com/\nX: y", "one line"),
        ("", "Enter the endpoint"),
    ],
)
def test_a_malformed_address_is_refused(app, url, message):
    with pytest.raises(EndpointRefused, match=message):
        endpoint(url)


# Chat formats -------------------------------------------------------------------------------


def chat_text(format_: str, body: dict) -> str:
    if format_ == "teams":
        [attachment] = body["attachments"]
        assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
        card = attachment["content"]
        assert card["type"] == "AdaptiveCard"
        [action] = card["actions"]
        assert action["type"] == "Action.OpenUrl"
        return card["body"][0]["text"] + " " + action["url"]
    if format_ == "matrix":
        assert "<a href=" in body["html"]
        return body["text"]
    return body["text"]


@pytest.mark.parametrize("format_", ["slack", "teams", "mattermost", "matrix"])
def test_a_chat_alert_arrives_in_the_services_format(app, receiver, local_hooks, format_):
    created = endpoint(receiver.url(f"/{format_}"), format_, ["comment.held"])
    filter_verdict(app, "unsure")
    comment_id = post(app.test_client()).json["id"]
    assert webhooks.deliver_due().sent == 1
    [request] = receiver.requests
    assert request.path == f"/{format_}"
    text = chat_text(format_, request.json)
    assert f"Clinic Desk: Comment #{comment_id} waits for review" in text
    assert "/moderation/?kind=comment&status=pending" in text
    if format_ == "slack":
        assert "|Open in Clinic Desk>" in text
    if format_ == "mattermost":
        assert "[Open in Clinic Desk](" in text
    # Chat services ignore the signature headers; a receiver behind a relay can check them.
    Webhook(created.secret).verify(request.body, request.headers)


def test_a_chat_alert_is_written_in_the_clinics_language(make_app, receiver):
    app = make_app(DEFAULT_LANGUAGE="es", WEBHOOK_ALLOWED_HOSTS=["127.0.0.1"])
    with app.app_context():
        created = endpoint(receiver.url(), "slack")
        send_test_event(created.endpoint.id, "test")
        db.session.execute(sa.delete(WebhookDelivery))
        db.session.execute(sa.delete(WebhookEndpoint))
        db.session.execute(sa.delete(AuditEvent))
        db.session.commit()
    assert "Abrir en Clinic Desk" in receiver.requests[0].json["text"]


def queued_events() -> list[tuple[str, str]]:
    return [(d.event, json.loads(d.payload)["data"]["status"]) for d in deliveries()]


def test_a_reported_comment_is_held_again_and_filter_spam_makes_no_event(
    app, client, receiver, local_hooks
):
    endpoint(receiver.url(), events=ALL_EVENTS)
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    comment_id = post(client).json["id"]
    report = client.post(
        f"/api/comments/{comment_id}/report",
        json={"reason": "Dangerous advice."},
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )
    assert report.status_code == 202
    filter_verdict(app, "spam")
    assert post(client, body="Another one").status_code == 202
    assert queued_events() == [("comment.published", "approved"), ("comment.held", "pending")]


def test_an_inquiry_held_as_spam_is_announced_only_when_staff_rescue_it(
    app, client, receiver, local_hooks, inquiry_payload, moderator
):
    endpoint(receiver.url(), events=ALL_EVENTS)
    app.config["SPAM_UNSURE_AT"], app.config["SPAM_AT"] = -1001.0, -1000.0
    inquiry_id = client.post("/api/inquiries", json=inquiry_payload).json["id"]
    assert queued_events() == []
    act(moderator, "inquiry", inquiry_id, "ham")
    assert queued_events() == [("inquiry.received", "received")]


def test_without_driver_statements_an_inquiry_makes_the_same_event(
    app, client, receiver, local_hooks, inquiry_payload, lenient_filter, monkeypatch
):
    from service.data import fastpaths

    monkeypatch.setitem(fastpaths._enabled, "driver_statements", False)
    endpoint(receiver.url(), events=["inquiry.received"])
    assert client.post("/api/inquiries", json=inquiry_payload).status_code == 202
    assert queued_events() == [("inquiry.received", "received")]


# Nothing personal ---------------------------------------------------------------------------


def test_no_payload_carries_a_name_an_email_a_phone_or_a_message(
    app, client, receiver, local_hooks, inquiry_payload, lenient_filter, moderator
):
    for format_ in ("standard", "slack", "teams", "mattermost", "matrix"):
        endpoint(receiver.url(f"/{format_}"), format_)
    inquiry_id = client.post("/api/inquiries", json=inquiry_payload).json["id"]
    spam_id = client.post(
        "/api/inquiries", json={**inquiry_payload, "message": "Second question about my knee."}
    ).json["id"]
    comment = {
        "author": "Bartholomew Quill",
        "email": "b.quill@example.net",
        "body": "My cousin's diabetes got better with the diet in this article.",
    }
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "unsure")
    held_id = post(client, **comment).json["id"]
    filter_verdict(app, "ham")
    published_id = post(client, **{**comment, "body": "Published note on insulin doses."}).json[
        "id"
    ]
    reply = "Dear Ada, please call us about the swelling of your knee today."
    act(moderator, "inquiry", inquiry_id, "answer", reply)
    act(moderator, "inquiry", spam_id, "spam")
    act(moderator, "comment", held_id, "approve")
    act(moderator, "comment", published_id, "spam")
    assert db.session.get(Inquiry, inquiry_id) is not None
    assert db.session.get(Comment, held_id) is not None

    report = webhooks.deliver_due()
    assert report.failed == report.gave_up == 0
    bodies = [r.body.decode() for r in receiver.requests]
    stored = [d.payload for d in deliveries()]
    events = [r.json["type"] for r in receiver.requests if r.path == "/standard"]
    assert sorted(set(events)) == sorted(ALL_EVENTS)
    assert len(bodies) == len(stored) == 5 * 8  # 8 events, each in five formats
    personal = [
        inquiry_payload["name"],
        inquiry_payload["email"],
        inquiry_payload["phone"],
        "7946",
        inquiry_payload["message"],
        "swollen",
        "knee",
        reply,
        comment["author"],
        "Quill",
        comment["email"],
        "diabetes",
        "insulin",
    ]
    for text in bodies + stored:
        for value in personal:
            assert value.lower() not in text.lower(), (value, text)


# The admin screen and the command line --------------------------------------------------------


def test_an_admin_registers_an_endpoint_and_sees_its_secret_once(
    app, admin_client, receiver, local_hooks
):
    response = post_form(
        admin_client,
        "/moderation/webhooks",
        "/moderation/webhooks",
        {
            "label": "Practice system",
            "url": receiver.url(),
            "format": "standard",
            "events": ["inquiry.received", "item.spam"],
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "Added the endpoint “Practice system”." in page
    stored = db.session.scalar(sa.select(WebhookEndpoint))
    assert stored.events == ["inquiry.received", "item.spam"]
    assert stored.secret in page
    again = admin_client.get("/moderation/webhooks").get_data(as_text=True)
    assert stored.secret not in again
    assert "Practice system" in again


def test_the_admin_screen_explains_a_refused_address(app, admin_client):
    response = post_form(
        admin_client,
        "/moderation/webhooks",
        "/moderation/webhooks",
        {"label": "Router", "url": "http://192.168.0.1/", "events": ["item.spam"]},
    )
    assert response.status_code == 400
    assert "192.168.0.1 is a private address" in response.get_data(as_text=True)
    missing = post_form(
        admin_client,
        "/moderation/webhooks",
        "/moderation/webhooks",
        {"label": "No events", "url": "https://hooks.example.com/"},
    )
    assert missing.status_code == 400
    assert "Choose at least one event" in missing.get_data(as_text=True)


def test_the_test_button_delivers_and_the_log_shows_it(app, admin_client, receiver, local_hooks):
    created = endpoint(receiver.url())
    response = post_form(
        admin_client, "/moderation/webhooks", f"/moderation/webhooks/{created.endpoint.id}/test"
    )
    assert response.status_code == 303
    page = admin_client.get("/moderation/webhooks").get_data(as_text=True)
    assert "The test event was delivered (HTTP 200)." in page
    [request] = receiver.requests
    assert Webhook(created.secret).verify(request.body, request.headers)["type"] == "webhook.test"
    assert request.headers["webhook-id"] in page
    assert "Delivered" in page


def test_the_test_button_reports_a_failure(app, admin_client, receiver, local_hooks):
    created = endpoint(receiver.url())
    receiver.plan = [500]
    post_form(
        admin_client, "/moderation/webhooks", f"/moderation/webhooks/{created.endpoint.id}/test"
    )
    page = admin_client.get("/moderation/webhooks").get_data(as_text=True)
    assert "The test event was not delivered: HTTP 500." in page


def test_removing_an_endpoint_removes_its_log(app, admin_client, receiver, local_hooks):
    created = endpoint(receiver.url())
    send_test_event(created.endpoint.id, "test")
    response = post_form(
        admin_client, "/moderation/webhooks", f"/moderation/webhooks/{created.endpoint.id}/remove"
    )
    assert response.status_code == 303
    assert deliveries() == []
    assert db.session.scalar(sa.select(sa.func.count(WebhookEndpoint.id))) == 0
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["webhook.add", "webhook.test", "webhook.remove"]


def test_a_moderator_cannot_open_the_webhook_screen(app, moderator_client):
    assert moderator_client.get("/moderation/webhooks").status_code == 403


def test_webhooks_from_the_command_line(app, runner, receiver, local_hooks):
    added = runner.invoke(
        args=[
            "webhooks",
            "add",
            "--label",
            "Practice",
            "--url",
            receiver.url(),
            "--event",
            "inquiry.received",
            "--event",
            "item.spam",
        ]
    )
    assert added.exit_code == 0, added.output
    secret = added.output.split("Signing secret (shown once): ")[1].strip()
    listed = runner.invoke(args=["webhooks", "list"])
    assert "standard\t127.0.0.1\tinquiry.received,item.spam\tPractice" in listed.output
    endpoint_id = listed.output.split("\t")[0]
    tested = runner.invoke(args=["webhooks", "test", endpoint_id])
    assert tested.exit_code == 0, tested.output
    assert "(HTTP 200)" in tested.output
    Webhook(secret).verify(receiver.requests[0].body, receiver.requests[0].headers)
    refused = runner.invoke(
        args=[
            "webhooks",
            "add",
            "--label",
            "x",
            "--url",
            "http://10.0.0.1/",
            "--event",
            "item.spam",
        ]
    )
    assert refused.exit_code == 1
    assert "10.0.0.1 is a private address" in refused.output
    removed = runner.invoke(args=["webhooks", "remove", endpoint_id])
    assert removed.exit_code == 0
    assert runner.invoke(args=["webhooks", "list"]).output.strip() == "No webhook endpoints."


# https -----------------------------------------------------------------------------------------


def _certificate_for(host: str, folder) -> tuple[str, str, str]:
    """A throwaway CA and a certificate it signed for `host`: (ca file, cert file, key file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def build(subject: str, key, issuer: str, issuer_key, ca: bool) -> x509.Certificate:
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(hours=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if ca:
            builder = builder.add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                critical=True,
            )
        else:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False
            )
        return builder.sign(issuer_key, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = build("Test CA", ca_key, "Test CA", ca_key, True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = build(host, key, "Test CA", ca_key, False)
    paths = (folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return tuple(str(p) for p in paths)


@pytest.fixture
def tls_receiver(tmp_path, monkeypatch) -> Iterator[Receiver]:
    """The receiver behind TLS with a certificate for hooks.clinic.test, whose CA the
    deliverer trusts (through SSL_CERT_FILE, which OpenSSL reads for its default paths)."""
    ca_file, cert_file, key_file = _certificate_for("hooks.clinic.test", tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", ca_file)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    with running_receiver(context) as state:
        yield state


def test_an_https_endpoint_is_checked_against_its_name_on_the_pinned_address(
    make_app, tls_receiver, fake_dns
):
    app = make_app(ENV_NAME="production", WEBHOOK_ALLOWED_HOSTS=["hooks.clinic.test"])
    fake_dns["hooks.clinic.test"] = [["127.0.0.1"]]
    url = f"https://hooks.clinic.test:{tls_receiver.port}/hook"
    with app.app_context():
        try:
            created = endpoint(url)
            delivery = send_test_event(created.endpoint.id, "test")
            assert delivery.status is OutboxStatus.SENT, delivery.last_error
            [request] = tls_receiver.requests
            assert request.headers["host"] == f"hooks.clinic.test:{tls_receiver.port}"
            Webhook(created.secret).verify(request.body, request.headers)
            # The same server under another name fails the certificate check.
            fake_dns["other.clinic.test"] = [["127.0.0.1"]]
            app.config["WEBHOOK_ALLOWED_HOSTS"] = ["other.clinic.test"]
            other = endpoint(f"https://other.clinic.test:{tls_receiver.port}/hook")
            refused = send_test_event(other.endpoint.id, "test")
            assert refused.status is OutboxStatus.QUEUED
            assert refused.last_error == "SSLCertVerificationError"
            assert len(tls_receiver.requests) == 1
        finally:
            db.session.rollback()
            for model in (WebhookDelivery, WebhookEndpoint, AuditEvent):
                db.session.execute(sa.delete(model))
            db.session.commit()
