"""No flow writes what a person wrote, their phone or their email address to a log line:
comments, moderation, answers by mail, privacy and retention commands, failures included."""

from __future__ import annotations

import logging

from service.moderation.accounts import issue_api_token

SECRET_BODY = "My sciatica flared after the epidural and my left foot went numb."
SECRET_NOTE = "Please stop the naproxen and come in on Tuesday for a nerve test."
SECRET_EMAIL = "ottoline.vane@example.org"
SECRET_PHONE = "+1 415 555 0199"


def test_comment_and_moderation_flows_log_no_personal_text(
    app, client, runner, moderator, smtp_server, caplog
):
    app.config["SMTP_URL"] = smtp_server.url
    token = issue_api_token(moderator.email)
    bearer = {"Authorization": f"Bearer {token}"}
    comment = {"author": "Ottoline", "email": SECRET_EMAIL, "body": SECRET_BODY}
    inquiry = {
        "name": "Ottoline Vane",
        "email": SECRET_EMAIL,
        "phone": SECRET_PHONE,
        "topic": "treatment",
        "message": SECRET_BODY,
        "consent": True,
    }
    with caplog.at_level(logging.DEBUG):
        posted = client.post("/api/threads/articles%2Fsciatica/comments", json=comment)
        assert posted.status_code == 202, posted.json
        edit_token = posted.json["edit_token"]
        comment_id = posted.json["id"]
        client.patch(
            f"/api/comments/{comment_id}",
            json={"body": SECRET_BODY + " Update: better now."},
            headers={"X-Edit-Token": edit_token},
        )
        client.patch(
            f"/api/comments/{comment_id}",
            json={"body": SECRET_BODY},
            headers={"X-Edit-Token": "wrong-token"},
        )
        client.post("/api/threads/articles%2Fsciatica/comments", json={**comment, "body": ""})
        client.post(
            "/api/threads/articles%2Fsciatica/comments",
            json={**comment, "website": "javascript:alert(1)"},
        )
        client.get("/threads/articles/sciatica")
        created = client.post("/api/inquiries", json=inquiry)
        assert created.status_code == 202
        inquiry_id = created.json["id"]
        client.get("/api/moderation/queue", headers=bearer)
        client.get(f"/api/moderation/inquiry/{inquiry_id}", headers=bearer)
        client.get(f"/api/moderation/comment/{comment_id}", headers=bearer)
        client.post(f"/api/moderation/comment/{comment_id}/approve", headers=bearer, json={})
        answered = client.post(
            f"/api/moderation/inquiry/{inquiry_id}/answer",
            headers=bearer,
            json={"note": SECRET_NOTE},
        )
        assert answered.status_code == 200, answered.json
        client.get("/api/moderation/export.csv", headers=bearer)
        runner.invoke(args=["outbox", "deliver"])
        runner.invoke(args=["privacy", "export", SECRET_EMAIL])
        runner.invoke(args=["privacy", "erase", SECRET_EMAIL, "--yes"])
        runner.invoke(args=["retention", "purge"])

    assert len(smtp_server.messages) >= 1  # the answer really went out by mail
    # Everything logged in this process, except the test's own SMTP server ("mail.log").
    logged = "\n".join(
        record.getMessage() + (record.exc_text or "")
        for record in caplog.records
        if not record.name.startswith("mail.log")
    )
    assert "/api/moderation" in logged  # the flows did log, so the test could fail
    for secret in (
        SECRET_BODY,
        "sciatica flared",
        "epidural",
        SECRET_NOTE,
        "naproxen",
        SECRET_EMAIL,
        SECRET_PHONE,
        "0199",
    ):
        assert secret not in logged, secret
