"""Fixtures for functional tests: a real SMTP server on 127.0.0.1 and a valid inquiry."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """An SMTP server (aiosmtpd) that keeps every mail it accepts; started and stopped at will."""

    def __init__(self, smtputf8: bool = False) -> None:
        self.port = free_port()
        self.smtputf8 = smtputf8  # whether the server offers SMTPUTF8 (RFC 6531)
        self.envelopes: list = []
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?tls=off"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self._controller = Controller(
            self, hostname="127.0.0.1", port=self.port, enable_SMTPUTF8=self.smtputf8
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return [
            message_from_bytes(e.original_content, policy=default_policy) for e in self.envelopes
        ]


@pytest.fixture
def smtp_sink(app) -> Iterator[SmtpSink]:
    """A mail server the app is configured to use, not yet started (as if it were down)."""
    sink = SmtpSink()
    app.config["SMTP_URL"] = sink.url
    yield sink
    sink.stop()


@pytest.fixture
def smtp_server(smtp_sink: SmtpSink) -> SmtpSink:
    """The same mail server, running."""
    smtp_sink.start()
    return smtp_sink


@pytest.fixture
def smtputf8_server(app) -> Iterator[SmtpSink]:
    """A running mail server that offers SMTPUTF8, so it takes addresses beyond ASCII."""
    sink = SmtpSink(smtputf8=True)
    app.config["SMTP_URL"] = sink.url
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def inquiry_payload() -> dict[str, object]:
    """A valid `POST /api/inquiries` body with details a visitor would write."""
    return {
        "name": "Ada Patient",
        "email": "ada.patient@example.org",
        "phone": "+44 20 7946 0000",
        "topic": "treatment",
        "message": "My left knee has been swollen since Tuesday after the injection. "
        "Should I come back before my next appointment?",
        "consent": True,
    }


@pytest.fixture
def lenient_filter(app) -> None:
    """Keep the spam filter from holding the test's inquiries (for tests about other things)."""
    app.config["SPAM_UNSURE_AT"] = 1000.0
    app.config["SPAM_AT"] = 1001.0
