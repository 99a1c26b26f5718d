"""What a visitor writes never reaches a log line, whatever happens to the inquiry."""

from __future__ import annotations

import logging

from tests.pages import hidden_inputs

SECRET_MESSAGE = "My rash came back after the biopsy and I am frightened of melanoma."
SECRET_PHONE = "+44 20 7946 0123"
SECRET_EMAIL = "harriet.quill@example.org"


def test_no_log_line_holds_the_message_phone_or_email(
    app, client, runner, moderator, smtp_server, caplog
):
    inquiry = {
        "name": "Harriet Quill",
        "email": SECRET_EMAIL,
        "phone": SECRET_PHONE,
        "topic": "treatment",
        "message": SECRET_MESSAGE,
        "consent": True,
    }
    with caplog.at_level(logging.DEBUG):
        hidden = hidden_inputs(client.get("/contact").get_data(as_text=True))
        form = {**hidden, **inquiry, "consent": "y"}
        # Refused by the form: invalid email, then a message that is too long.
        client.post("/contact", data={**form, "email": SECRET_EMAIL.replace("@", " at ")})
        client.post("/contact", data={**form, "message": SECRET_MESSAGE * 100})
        client.post("/contact", data={**form, "phone": SECRET_PHONE + " ext"})
        # Accepted by the form, and held as spam.
        client.post("/contact", data={**form, "website": "https://spam.example"})
        client.post("/contact", data=form)
        # Refused and accepted by the API, including a body that is not JSON.
        client.post("/api/inquiries", json={**inquiry, "consent": "yes"})
        client.post("/api/inquiries", json={**inquiry, "email": SECRET_EMAIL + "\r\nBcc: x"})
        client.post("/api/inquiries", data=str(inquiry), content_type="application/json")
        client.post("/api/inquiries", json=inquiry, headers={"Idempotency-Key": "k1"})
        client.post("/api/inquiries", json=inquiry, headers={"Idempotency-Key": "k1"})
        client.post(
            "/api/inquiries",
            json={**inquiry, "message": "other"},
            headers={"Idempotency-Key": "k1"},
        )
        runner.invoke(args=["outbox", "deliver"])

    assert "inquiry" in caplog.text  # the flow did log, so the test could fail
    for secret in (SECRET_MESSAGE, "biopsy", "melanoma", SECRET_PHONE, "7946", SECRET_EMAIL):
        assert secret not in caplog.text, secret
