"""The health-information guard on public comments: the prompt before posting, the comment held
for a moderator even in auto mode, and the moderator's publish, edit and move actions."""

from __future__ import annotations

import logging

import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import AuditEvent, Comment, CommentStatus, Inquiry, InquiryStatus
from tests.functional.comment_helpers import (
    comment_form_data,
    filter_verdict,
    listed_ids,
    post,
    thread_url,
)
from tests.pages import hidden_inputs

PHI_BODY = "I was diagnosed with type 2 diabetes and I take 500 mg of metformin twice a day."
PAGE = "/threads/articles/knee-pain"


def stored(comment_id: int) -> Comment:
    db.session.expire_all()
    return db.session.get(Comment, comment_id)


def rules(comment: Comment) -> list[str]:
    return [reason["rule"] for reason in comment.reasons]


def audit_entries(kind: str, item_id: int) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.kind == kind, AuditEvent.item_id == item_id)
            .order_by(AuditEvent.id)
        )
    )


def held_comment(app, client, **fields) -> dict:
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    answer = post(client, **({"body": PHI_BODY} | fields))
    assert answer.status_code == 202
    return answer.get_json()


def csrf(client) -> str:
    return hidden_inputs(client.get("/moderation/?status=").get_data(as_text=True))["csrf_token"]


# -- readers and scripts ---------------------------------------------------------------------


def test_an_api_comment_with_health_details_is_held_in_auto_mode_with_the_reason(app, client):
    answer = held_comment(app, client)
    assert answer["status"] == "pending"
    comment = stored(answer["id"])
    assert comment.status is CommentStatus.PENDING
    assert comment.verdict.value == "ham"
    reason = next(r for r in comment.reasons if r["rule"] == "personal_health_info")
    assert reason["detail"] == "personal details found: diagnosis, medication"
    assert "metformin" not in reason["detail"]
    assert listed_ids(client.get(thread_url("articles/knee-pain")).get_json()) == []


def test_a_clean_comment_is_still_published_at_once_in_auto_mode(app, client):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    answer = post(client, body="Diabetes is common; the article says 500 mg is typical.")
    assert answer.get_json()["status"] == "approved"
    assert "personal_health_info" not in rules(stored(answer.get_json()["id"]))


def test_the_check_endpoint_names_what_it_found_and_stores_nothing(client):
    found = client.post("/api/comments/check", json={"body": "Tengo diabetes, tomo 20 mg"})
    assert found.status_code == 200
    assert found.get_json() == {"personal_health_info": True, "kinds": ["diagnosis", "medication"]}
    clean = client.post("/api/comments/check", json={"body": "La diabetes es común."})
    assert clean.get_json() == {"personal_health_info": False, "kinds": []}
    assert client.post("/api/comments/check", json={}).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0


def test_an_authors_edit_that_adds_health_details_goes_back_to_the_queue(app, client):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    answer = post(client).get_json()
    assert answer["status"] == "approved"
    edited = client.patch(
        f"/api/comments/{answer['id']}",
        json={"body": "Update: my patient number is 448812, call me on 0161 496 0123."},
        headers={"X-Edit-Token": answer["edit_token"]},
    )
    assert edited.get_json()["status"] == "pending"
    assert "personal_health_info" in rules(stored(answer["id"]))


def test_the_page_asks_first_and_posts_held_when_the_reader_confirms(app, client):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    hidden = hidden_inputs(client.get(PAGE).get_data(as_text=True))
    data = comment_form_data(hidden) | {"body": PHI_BODY, "email": "tom@example.org"}
    asked = client.post(PAGE, data=data)
    assert asked.status_code == 200
    page = asked.get_data(as_text=True)
    assert "This will be public. For questions about your own care, use the private contact" in (
        page
    )
    assert "a diagnosis or condition, a medicine and its dose" in page
    assert 'action="/contact/carry-over"' in page
    assert "Post publicly anyway" in page
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0, "nothing stored yet"
    again = hidden_inputs(page)
    assert again["confirm_public"] == "1"
    # The form token shown first is kept: posting at once is not "too fast".
    assert again["form_token"] == hidden["form_token"]
    confirmed = client.post(PAGE, data=data | {"confirm_public": "1", **_tokens(again)})
    assert confirmed.status_code == 303
    comment = db.session.scalar(sa.select(Comment))
    assert comment.status is CommentStatus.PENDING
    assert "personal_health_info" in rules(comment)
    shown = client.get(confirmed.headers["Location"]).get_data(as_text=True)
    assert "awaiting moderation" in shown


def _tokens(hidden: dict[str, str]) -> dict[str, str]:
    return {"csrf_token": hidden["csrf_token"], "form_token": hidden["form_token"]}


def test_the_contact_form_is_filled_in_from_the_comment_and_nothing_is_sent(client):
    hidden = hidden_inputs(client.get(PAGE).get_data(as_text=True))
    response = client.post(
        "/contact/carry-over",
        data={
            "csrf_token": hidden["csrf_token"],
            "message": PHI_BODY,
            "name": "Tom",
            "email": "tom@example.org",
        },
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"{PHI_BODY}</textarea>" in page
    assert 'value="tom@example.org"' in page
    assert "We copied the text of your comment" in page
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 0
    # Without the page's CSRF token (another site posting): refused, nothing shown.
    refused = client.post("/contact/carry-over", data={"message": PHI_BODY})
    assert refused.status_code == 400
    assert PHI_BODY not in refused.get_data(as_text=True)


# -- moderators ------------------------------------------------------------------------------


def test_the_queue_marks_the_comment_and_offers_edit_and_move(app, client, moderator_client):
    held_comment(app, client, email="tom@example.org")
    page = moderator_client.get("/moderation/").get_data(as_text=True)
    assert "personal health information" in page
    assert "The writer may share their own health details or contact data" in page
    assert "Edit out the details" in page
    assert "Move to a private inquiry" in page


def test_a_moderator_publishes_the_held_comment_as_it_is(app, client, moderator_client):
    answer = held_comment(app, client)
    response = moderator_client.post(
        f"/moderation/comment/{answer['id']}/action",
        data={"csrf_token": csrf(moderator_client), "action": "approve", "status": ""},
    )
    assert response.status_code == 303
    assert stored(answer["id"]).status is CommentStatus.APPROVED
    assert listed_ids(client.get(thread_url("articles/knee-pain")).get_json()) == [answer["id"]]


def test_a_moderator_edits_out_the_details_audited_and_the_author_keeps_the_window(
    app, client, moderator_client, moderator
):
    answer = held_comment(app, client)
    clean = "I was told to take metformin; the article's tips on walking helped."
    response = moderator_client.post(
        f"/moderation/comments/{answer['id']}/edit",
        data={"csrf_token": csrf(moderator_client), "body": clean, "status": ""},
    )
    assert response.status_code == 303
    comment = stored(answer["id"])
    assert comment.body == clean
    assert "metformin</p>" not in comment.body_html and "walking helped" in comment.body_html
    assert comment.status is CommentStatus.PENDING, "still waits for a publish"
    assert "personal_health_info" not in rules(comment)
    assert comment.edited_at is not None
    entry = audit_entries("comment", comment.id)[-1]
    assert (entry.action, entry.actor) == ("comment.edit", moderator.email)
    assert entry.detail == {"via": "queue", "details_left": ""}
    assert PHI_BODY not in str(entry.detail)
    # The author's edit window is as it was: they may still edit, and the guard checks again.
    own = client.get(
        f"/api/comments/{answer['id']}", headers={"X-Edit-Token": answer["edit_token"]}
    ).get_json()
    assert own["edit_until"] == answer["edit_until"]
    again = client.patch(
        f"/api/comments/{answer['id']}",
        json={"body": PHI_BODY},
        headers={"X-Edit-Token": answer["edit_token"]},
    )
    assert again.status_code == 200
    assert "personal_health_info" in rules(stored(answer["id"]))


def test_an_edit_that_leaves_details_keeps_the_reason_and_says_so(app, client, moderator_client):
    answer = held_comment(app, client)
    response = moderator_client.post(
        f"/moderation/comments/{answer['id']}/edit",
        data={"csrf_token": csrf(moderator_client), "body": "I take 500 mg a day.", "status": ""},
        follow_redirects=True,
    )
    assert "still seems to hold personal details" in response.get_data(as_text=True)
    comment = stored(answer["id"])
    assert "personal_health_info" in rules(comment)
    assert audit_entries("comment", comment.id)[-1].detail["details_left"] == "medication"


def test_a_moderator_moves_the_comment_to_a_private_inquiry(
    app, client, moderator_client, moderator
):
    answer = held_comment(app, client, email="tom@example.org", author="Tom")
    response = moderator_client.post(
        f"/moderation/comments/{answer['id']}/to-inquiry",
        data={"csrf_token": csrf(moderator_client), "status": ""},
    )
    assert response.status_code == 303
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert response.headers["Location"] == f"/moderation/inquiries/{inquiry.id}"
    assert (inquiry.name, inquiry.email, inquiry.message) == ("Tom", "tom@example.org", PHI_BODY)
    assert inquiry.status is InquiryStatus.RECEIVED
    assert inquiry.consent_version == "moved-from-comment"
    comment = stored(answer["id"])
    assert comment.status is CommentStatus.DELETED
    assert comment.body == "" and comment.body_html == ""
    moved = audit_entries("comment", comment.id)[-1]
    assert (moved.action, moved.detail["inquiry"]) == ("comment.to_inquiry", inquiry.id)
    made = audit_entries("inquiry", inquiry.id)[-1]
    assert (made.action, made.detail) == ("inquiry.from_comment", {"comment": comment.id})
    assert listed_ids(client.get(thread_url("articles/knee-pain")).get_json()) == []
    detail = moderator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "metformin" in detail


def test_a_comment_without_an_email_cannot_be_moved_and_the_queue_says_why(
    app, client, moderator_client
):
    answer = held_comment(app, client)
    page = moderator_client.get("/moderation/").get_data(as_text=True)
    assert "it has no email address, so the clinic could not answer privately" in page
    response = moderator_client.post(
        f"/moderation/comments/{answer['id']}/to-inquiry",
        data={"csrf_token": csrf(moderator_client), "status": ""},
        follow_redirects=True,
    )
    assert "has no email address" in response.get_data(as_text=True)
    assert stored(answer["id"]).status is CommentStatus.PENDING
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 0


# -- the moderation JSON API ---------------------------------------------------------------


def test_the_queue_api_lists_the_reason_and_the_api_edits_and_moves(app, client, moderator):
    from service.moderation.accounts import issue_api_token

    headers = {"Authorization": f"Bearer {issue_api_token(moderator.email)}"}
    first = held_comment(app, client, email="tom@example.org")
    second = held_comment(app, client)
    items = client.get("/api/moderation/queue?kind=comment", headers=headers).get_json()["items"]
    for item in items:
        assert "personal_health_info" in [reason["rule"] for reason in item["reasons"]]
    edited = client.post(
        f"/api/moderation/comment/{second['id']}/edit",
        json={"body": "Walking helped me."},
        headers=headers,
    )
    assert edited.status_code == 200
    assert edited.get_json()["body"] == "Walking helped me."
    assert "personal_health_info" not in [r["rule"] for r in edited.get_json()["reasons"]]
    assert audit_entries("comment", second["id"])[-1].detail["via"] == "api"
    refused = client.post(f"/api/moderation/comment/{second['id']}/to_inquiry", headers=headers)
    assert (refused.status_code, refused.get_json()["error"]) == (409, "no_email")
    moved = client.post(f"/api/moderation/comment/{first['id']}/to_inquiry", headers=headers)
    assert moved.status_code == 200
    assert (moved.get_json()["kind"], moved.get_json()["message"]) == ("inquiry", PHI_BODY)
    assert stored(first["id"]).status is CommentStatus.DELETED


def test_the_prompt_speaks_spanish_to_a_spanish_reader(app, client):
    client.get("/language/es?next=/")
    hidden = hidden_inputs(client.get(PAGE).get_data(as_text=True))
    data = comment_form_data(hidden) | {"body": "Tengo diabetes y tomo 20 mg de glibenclamida."}
    page = client.post(PAGE, data=data).get_data(as_text=True)
    assert "Esto será público. Para preguntas sobre su propia atención" in page
    assert "un diagnóstico o una enfermedad, un medicamento y su dosis" in page
    assert "Publicar de todos modos" in page
    strings = client.get("/embed/strings?lang=es").get_json()["strings"]
    assert strings["Use the private contact form"] == "Usar el formulario de contacto privado"


def test_a_comment_rescued_from_spam_in_auto_mode_stays_held_for_its_details(
    app, client, moderator_client
):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "spam")
    answer = post(client, body=PHI_BODY).get_json()
    assert stored(answer["id"]).status is CommentStatus.SPAM
    moderator_client.post(
        f"/moderation/comment/{answer['id']}/action",
        data={"csrf_token": csrf(moderator_client), "action": "ham", "status": ""},
    )
    assert stored(answer["id"]).status is CommentStatus.PENDING


def test_details_in_the_title_are_found_and_staff_can_edit_the_title_too(
    app, client, moderator_client
):
    answer = held_comment(app, client, body="Thanks for the article.", title="Call 0161 496 0123")
    assert "personal_health_info" in rules(stored(answer["id"]))
    page = moderator_client.get("/moderation/").get_data(as_text=True)
    assert 'value="Call 0161 496 0123"' in page
    moderator_client.post(
        f"/moderation/comments/{answer['id']}/edit",
        data={
            "csrf_token": csrf(moderator_client),
            "body": "Thanks for the article.",
            "title": "A question",
            "status": "",
        },
    )
    comment = stored(answer["id"])
    assert comment.title == "A question"
    assert "personal_health_info" not in rules(comment)


def test_the_guards_flows_log_neither_the_text_nor_the_contact_data(
    app, client, moderator, moderator_client, caplog
):
    from service.moderation.accounts import issue_api_token

    headers = {"Authorization": f"Bearer {issue_api_token(moderator.email)}"}
    secret = "I was diagnosed with sarcoidosis-xq7, patient number 771234, call 0161 496 0999."
    with caplog.at_level(logging.DEBUG):
        client.post("/api/comments/check", json={"body": secret})
        hidden = hidden_inputs(client.get(PAGE).get_data(as_text=True))
        data = comment_form_data(hidden) | {"body": secret, "email": "secret-xq7@example.org"}
        client.post(PAGE, data=data)
        client.post(
            "/contact/carry-over",
            data={"csrf_token": hidden["csrf_token"], "message": secret, "email": data["email"]},
        )
        first = post(client, body=secret, email="secret-xq7@example.org").get_json()
        second = post(client, body=secret).get_json()
        client.post(
            f"/api/moderation/comment/{second['id']}/edit",
            json={"body": secret + " edited"},
            headers=headers,
        )
        client.post(f"/api/moderation/comment/{first['id']}/to_inquiry", headers=headers)
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert "/contact/carry-over" in logged  # the flows did log, so the test could fail
    for piece in ("sarcoidosis", "771234", "0999", "secret-xq7"):
        assert piece not in logged
    for entry in db.session.scalars(sa.select(AuditEvent)):
        assert "sarcoidosis" not in str(entry.detail)


def test_a_moderator_limited_to_comments_moves_one_and_stays_in_the_queue(app, client):
    from service.moderation.accounts import issue_api_token
    from tests.conftest import sign_in
    from tests.factories import KNOWN_PASSWORD, ModeratorFactory

    comments_only = ModeratorFactory(scope_kinds=["comment"])
    db.session.commit()
    staff = app.test_client()
    assert sign_in(staff, comments_only.email, KNOWN_PASSWORD).status_code == 303
    first = held_comment(app, client, email="tom@example.org", author="Tom")
    response = staff.post(
        f"/moderation/comments/{first['id']}/to-inquiry",
        data={"csrf_token": csrf(staff), "status": ""},
    )
    # The inquiry exists for the staff who answer inquiries; this moderator goes back to the
    # queue rather than to a page that would not open for them.
    assert response.status_code == 303
    assert "/moderation/inquiries/" not in response.headers["Location"]
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry is not None and inquiry.email == "tom@example.org"
    assert staff.get(f"/moderation/inquiries/{inquiry.id}").status_code == 404
    # Through the API the moved comment comes back, as it now is.
    second = held_comment(app, client, email="ann@example.org")
    headers = {"Authorization": f"Bearer {issue_api_token(comments_only.email)}"}
    moved = client.post(f"/api/moderation/comment/{second['id']}/to_inquiry", headers=headers)
    assert moved.status_code == 200
    assert (moved.get_json()["kind"], moved.get_json()["status"]) == ("comment", "deleted")


def test_a_moved_comment_reaches_the_clinics_systems_as_a_new_inquiry(
    app, client, moderator_client
):
    from service.data.models import WebhookDelivery, WebhookEndpoint, WebhookFormat

    db.session.add(
        WebhookEndpoint(
            label="Front desk",
            url="https://hooks.example/desk",
            host="hooks.example",
            format=next(iter(WebhookFormat)),
            secret="whsec_" + "e" * 32,
            events=["inquiry.received"],
        )
    )
    db.session.commit()
    held = held_comment(app, client, email="tom@example.org", author="Tom")
    moderator_client.post(
        f"/moderation/comments/{held['id']}/to-inquiry",
        data={"csrf_token": csrf(moderator_client), "status": ""},
    )
    inquiry = db.session.scalar(sa.select(Inquiry))
    [delivery] = db.session.scalars(sa.select(WebhookDelivery)).all()
    assert delivery.event == "inquiry.received"
    assert f'"id":{inquiry.id}' in delivery.payload.replace(" ", "")
    assert "tom@example.org" not in delivery.payload and "Tom" not in delivery.payload
