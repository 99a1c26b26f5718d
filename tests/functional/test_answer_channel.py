"""The secure answer channel: the patient's mail says only that a reply waits; the link opens a
page only after a one-time code mailed to the same address, in one browser; the patient's
reply is judged, encrypted and shown to staff in order; internal notes and canned replies."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    AnswerLink,
    AuditEvent,
    BlockKind,
    BlocklistEntry,
    CannedReply,
    Inquiry,
    InquiryReply,
    InquiryStatus,
    OutboxMessage,
)
from service.moderation import services
from service.moderation.accounts import issue_api_token
from tests.factories import InquiryFactory
from tests.pages import hidden_inputs

QUESTION = "My left knee is swollen since the injection on Tuesday."
ANSWER = "Please keep the knee raised and come in on Monday at nine."
REPLY = "Thank you, the swelling is a little better today."


def csrf_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return hidden_inputs(response.get_data(as_text=True))["csrf_token"]


def answer(moderator_client, inquiry_id: int, text: str = ANSWER) -> None:
    token = csrf_of(moderator_client, f"/moderation/inquiries/{inquiry_id}")
    response = moderator_client.post(
        f"/moderation/inquiries/{inquiry_id}/answer", data={"csrf_token": token, "note": text}
    )
    assert response.status_code == 303


def mails(purpose: str) -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            sa.select(OutboxMessage)
            .where(OutboxMessage.purpose == purpose)
            .order_by(OutboxMessage.id)
        )
    )


def link_of(mail: OutboxMessage) -> str:
    """The answer page's path and query, from the mail (PUBLIC_URL cut off)."""
    found = re.search(r"https?://\S+(/inquiries/\d+/conversation\?t=\S+)", mail.body_text)
    assert found, mail.body_text
    return found.group(1)


def code_of(mail: OutboxMessage) -> str:
    found = re.search(r"^\s+(\d{6})\s*$", mail.body_text, re.MULTILINE)
    assert found, mail.body_text
    return found.group(1)


def audit_actions(inquiry_id: int) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent.action)
            .where(AuditEvent.kind == "inquiry", AuditEvent.item_id == inquiry_id)
            .order_by(AuditEvent.id)
        )
    )


def ask_for_code(patient, link: str):
    page = patient.get(link)
    assert page.status_code == 200
    fields = hidden_inputs(page.get_data(as_text=True))
    inquiry_id = int(re.search(r"/inquiries/(\d+)/", link).group(1))
    return patient.post(f"/inquiries/{inquiry_id}/conversation/code", data=fields)


def enter_code(patient, link: str, code: str):
    page = patient.get(link)
    assert page.status_code == 200
    fields = hidden_inputs(page.get_data(as_text=True))
    inquiry_id = int(re.search(r"/inquiries/(\d+)/", link).group(1))
    return patient.post(
        f"/inquiries/{inquiry_id}/conversation/verify", data={**fields, "code": code}
    )


def open_conversation(patient, link: str) -> None:
    """Open the link, ask for a code and confirm it: the patient's browser may read now."""
    assert ask_for_code(patient, link).status_code == 303
    db.session.expire_all()
    confirmed = enter_code(patient, link, code_of(mails("inquiry.code")[-1]))
    assert confirmed.status_code == 303, confirmed.get_data(as_text=True)


@pytest.fixture
def answered(app, moderator_client):
    """An inquiry answered by staff: (inquiry id, link path from the patient's mail)."""
    inquiry = InquiryFactory(name="Ada Lovelace", email="ada@example.org", message=QUESTION)
    db.session.commit()
    answer(moderator_client, inquiry.id)
    db.session.expire_all()
    return inquiry.id, link_of(mails("inquiry.answer")[-1])


def test_the_answer_mail_carries_no_health_information(app, answered):
    inquiry_id, link = answered
    [mail] = mails("inquiry.answer")
    assert mail.to_addr == "ada@example.org"
    assert mail.subject == f"You have a reply from Clinic Desk about your inquiry #{inquiry_id}"
    for private in (ANSWER, "knee", "Ada", "Lovelace", "injection", "Monday"):
        assert private not in mail.body_text and private not in mail.subject, private
    assert f"You have a reply from Clinic Desk about your inquiry #{inquiry_id}." in mail.body_text
    assert "72 hours" in mail.body_text
    # Only the hash of the link's secret is stored.
    token = link.split("t=", 1)[1]
    stored = db.session.scalars(sa.select(AnswerLink)).one()
    assert stored.token_hash not in token and len(stored.token_hash) == 64
    assert stored.expires_at - utcnow() > dt.timedelta(hours=71)


def test_the_answer_text_goes_by_mail_only_when_switched_on(app, moderator_client):
    app.config["ANSWER_TEXT_IN_MAIL"] = True
    inquiry = InquiryFactory(message=QUESTION)
    db.session.commit()
    answer(moderator_client, inquiry.id)
    [mail] = mails("inquiry.answer")
    assert ANSWER in mail.body_text
    assert "knee is swollen" not in mail.body_text  # the patient's own message never goes out
    assert "/conversation?t=" in mail.body_text


def test_the_link_opens_the_conversation_after_the_mailed_code(
    app, moderator, moderator_client, answered, lenient_filter
):
    inquiry_id, link = answered
    patient = app.test_client()
    first = patient.get(link)
    assert first.status_code == 200
    assert first.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in first.headers["Cache-Control"]
    page = first.get_data(as_text=True)
    assert "Send me a code" in page and QUESTION not in page and ANSWER not in page
    # Without a confirmed code, the conversation's own address shows nothing.
    assert patient.get(f"/inquiries/{inquiry_id}/conversation").status_code == 403
    assert ask_for_code(patient, link).status_code == 303
    [code_mail] = mails("inquiry.code")
    assert code_mail.to_addr == "ada@example.org"
    assert QUESTION not in code_mail.body_text and ANSWER not in code_mail.body_text
    stored = db.session.scalars(sa.select(AnswerLink)).one()
    assert code_of(code_mail) not in (stored.code_hash or "")
    assert (
        enter_code(
            patient, link, "000000" if code_of(code_mail) != "000000" else "111111"
        ).status_code
        == 400
    )
    confirmed = enter_code(patient, link, code_of(code_mail))
    assert confirmed.status_code == 303
    assert confirmed.headers["Location"].endswith(f"/inquiries/{inquiry_id}/conversation")
    shown = patient.get(f"/inquiries/{inquiry_id}/conversation")
    assert shown.status_code == 200
    assert shown.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in shown.headers["Cache-Control"]
    text = shown.get_data(as_text=True)
    assert text.index(QUESTION) < text.index(ANSWER)
    # The same link in the same browser goes straight to the conversation.
    again = patient.get(link)
    assert again.status_code == 303
    actions = audit_actions(inquiry_id)
    for expected in (
        "inquiry.link_open",
        "inquiry.link_code",
        "inquiry.link_refused",
        "inquiry.link_verified",
    ):
        assert expected in actions
    detail = db.session.scalars(
        sa.select(AuditEvent.detail).where(AuditEvent.action == "inquiry.link_refused")
    ).one()
    assert detail["reason"] == "code"


def test_a_link_confirmed_in_one_browser_is_refused_in_another(app, answered):
    inquiry_id, link = answered
    patient = app.test_client()
    open_conversation(patient, link)
    stranger = app.test_client()
    refused = stranger.get(link)
    assert refused.status_code == 410
    assert refused.headers["Referrer-Policy"] == "no-referrer"
    assert "expired" in refused.get_data(as_text=True)
    assert stranger.get(f"/inquiries/{inquiry_id}/conversation").status_code == 403
    refusal = db.session.scalars(
        sa.select(AuditEvent.detail).where(AuditEvent.action == "inquiry.link_refused")
    ).all()
    assert {"link": refusal[-1]["link"], "reason": "reused"} == refusal[-1]


def test_a_code_asked_for_in_one_browser_does_not_work_in_another(app, answered):
    _inquiry_id, link = answered
    asker = app.test_client()
    assert ask_for_code(asker, link).status_code == 303
    code = code_of(mails("inquiry.code")[-1])
    other = app.test_client()
    assert enter_code(other, link, code).status_code == 400
    db.session.expire_all()
    assert db.session.scalars(sa.select(AnswerLink)).one().verified_at is None


def test_guesses_are_limited(app, answered):
    _inquiry_id, link = answered
    patient = app.test_client()
    ask_for_code(patient, link)
    code = code_of(mails("inquiry.code")[-1])
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    for _ in range(5):
        assert enter_code(patient, link, wrong).status_code == 400
    assert enter_code(patient, link, code).status_code == 400  # the code is spent
    # And a new code cannot be asked for at once.
    assert ask_for_code(patient, link).status_code == 429


def test_an_expired_link_is_refused(app, answered, monkeypatch):
    _inquiry_id, link = answered
    later = utcnow() + dt.timedelta(hours=73)
    monkeypatch.setattr("service.submissions.answerlinks.utcnow", lambda: later)
    refused = app.test_client().get(link)
    assert refused.status_code == 410
    assert "no-store" in refused.headers["Cache-Control"]


def test_an_opened_conversation_closes_when_the_link_expires(app, answered, monkeypatch):
    inquiry_id, link = answered
    patient = app.test_client()
    open_conversation(patient, link)
    later = utcnow() + dt.timedelta(hours=73)
    monkeypatch.setattr("service.submissions.answerlinks.utcnow", lambda: later)
    assert patient.get(f"/inquiries/{inquiry_id}/conversation").status_code == 403


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token + "x",
        lambda token: "",
        lambda token: "x" * 600,
    ],
)
def test_a_tampered_token_is_refused(app, answered, tamper):
    inquiry_id, link = answered
    token = link.split("t=", 1)[1]
    refused = app.test_client().get(f"/inquiries/{inquiry_id}/conversation?t={tamper(token)}")
    assert refused.status_code == 410


def test_a_link_for_one_inquiry_does_not_open_another(app, answered):
    _inquiry_id, link = answered
    other = InquiryFactory()
    db.session.commit()
    token = link.split("t=", 1)[1]
    assert app.test_client().get(f"/inquiries/{other.id}/conversation?t={token}").status_code == 410


def test_the_patient_reply_is_judged_encrypted_and_shown_to_staff_in_order(
    app, moderator, moderator_client, answered, lenient_filter
):
    inquiry_id, link = answered
    patient = app.test_client()
    open_conversation(patient, link)
    page = patient.get(f"/inquiries/{inquiry_id}/conversation").get_data(as_text=True)
    sent = patient.post(
        f"/inquiries/{inquiry_id}/conversation", data={**hidden_inputs(page), "reply": REPLY}
    )
    assert sent.status_code == 303
    db.session.expire_all()
    reply = db.session.scalars(
        sa.select(InquiryReply).where(InquiryReply.author == "patient")
    ).one()
    assert reply.body == REPLY and reply.verdict in ("ham", "unsure") and reply.score is not None
    raw = db.session.execute(
        sa.text("SELECT body FROM inquiry_replies WHERE id = :id"), {"id": reply.id}
    ).scalar_one()
    assert "swelling" not in raw  # encrypted at rest
    inquiry = db.session.get(Inquiry, inquiry_id)
    assert inquiry.status is InquiryStatus.RECEIVED  # back in the queue's attention
    assert inquiry.patient_replied_at is not None
    assert "inquiry.patient_reply" in audit_actions(inquiry_id)
    [notice] = [m for m in mails("inquiry-notice") if "replied" in m.subject]
    assert notice.to_addr == moderator.email
    assert "swelling" not in notice.body_text and "knee" not in notice.body_text
    # Staff see every message in order, with who and when.
    staff_page = moderator_client.get(f"/moderation/inquiries/{inquiry_id}").get_data(as_text=True)
    assert "patient replied" in staff_page
    assert staff_page.index(QUESTION) < staff_page.index(ANSWER) < staff_page.index(REPLY)
    queue = moderator_client.get("/moderation/?kind=inquiry").get_data(as_text=True)
    assert "patient replied" in queue
    # The patient sees it too; a new answer clears the flag and mails a new link.
    assert REPLY in patient.get(f"/inquiries/{inquiry_id}/conversation").get_data(as_text=True)
    answer(moderator_client, inquiry_id, "Good to hear.")
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry_id).patient_replied_at is None
    assert link_of(mails("inquiry.answer")[-1]) != link


def test_a_reply_judged_spam_does_not_reopen_the_inquiry(app, answered):
    inquiry_id, link = answered
    patient = app.test_client()
    open_conversation(patient, link)
    # A blocklisted word and a forged form token: held as spam.
    db.session.add(BlocklistEntry(kind=BlockKind.WORD, value="swelling"))
    db.session.commit()
    page = patient.get(f"/inquiries/{inquiry_id}/conversation").get_data(as_text=True)
    sent = patient.post(
        f"/inquiries/{inquiry_id}/conversation",
        data={**hidden_inputs(page), "reply": REPLY, "form_token": "forged.token"},
    )
    assert sent.status_code == 303  # spam gets no signal
    db.session.expire_all()
    reply = db.session.scalars(
        sa.select(InquiryReply).where(InquiryReply.author == "patient")
    ).one()
    assert reply.verdict == "spam", reply.score
    inquiry = db.session.get(Inquiry, inquiry_id)
    assert inquiry.status is InquiryStatus.ANSWERED and inquiry.patient_replied_at is None
    assert not [m for m in mails("inquiry-notice") if "replied" in m.subject]


def test_an_empty_reply_is_refused_plainly(app, answered):
    inquiry_id, link = answered
    patient = app.test_client()
    open_conversation(patient, link)
    page = patient.get(f"/inquiries/{inquiry_id}/conversation").get_data(as_text=True)
    refused = patient.post(
        f"/inquiries/{inquiry_id}/conversation", data={**hidden_inputs(page), "reply": "  "}
    )
    assert refused.status_code == 400
    assert "Write your reply first." in refused.get_data(as_text=True)


def test_internal_notes_stay_with_staff(app, moderator, moderator_client, answered):
    inquiry_id, link = answered
    token = csrf_of(moderator_client, f"/moderation/inquiries/{inquiry_id}")
    added = moderator_client.post(
        f"/moderation/inquiries/{inquiry_id}/note",
        data={"csrf_token": token, "note": "Called the GP, awaiting the letter."},
    )
    assert added.status_code == 303
    staff_page = moderator_client.get(f"/moderation/inquiries/{inquiry_id}").get_data(as_text=True)
    assert "internal note" in staff_page
    assert staff_page.index(ANSWER) < staff_page.index("Called the GP")
    note_audit = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "inquiry.note")
    ).one()
    assert "GP" not in str(note_audit.detail)
    assert not [m for m in db.session.scalars(sa.select(OutboxMessage)) if "GP" in m.body_text]
    patient = app.test_client()
    open_conversation(patient, link)
    seen = patient.get(f"/inquiries/{inquiry_id}/conversation").get_data(as_text=True)
    assert ANSWER in seen and "Called the GP" not in seen
    empty = moderator_client.post(
        f"/moderation/inquiries/{inquiry_id}/note", data={"csrf_token": token, "note": " "}
    )
    assert empty.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count()).where(InquiryReply.author == "note")) == 1


def test_the_api_lists_the_conversation(app, moderator, answered):
    inquiry_id, _link = answered
    services.add_note(moderator, inquiry_id, "Internal only.")
    token = issue_api_token(moderator.email)
    body = (
        app.test_client()
        .get(f"/api/moderation/inquiry/{inquiry_id}", headers={"Authorization": f"Bearer {token}"})
        .json
    )
    assert [m["author"] for m in body["messages"]] == ["answer", "note"]
    assert body["messages"][0]["text"] == ANSWER
    assert body["message"] == QUESTION
    # The history keeps its shape: staff answers only, with their text; notes are not in it.
    assert [e["text"] for e in body["history"] if "text" in e] == [ANSWER]


def test_canned_replies_are_kept_by_admins_and_fill_the_answer_box(
    app, admin_client, moderator_client
):
    assert moderator_client.get("/moderation/canned-replies").status_code == 403
    token = csrf_of(admin_client, "/moderation/canned-replies")
    saved = admin_client.post(
        "/moderation/canned-replies",
        data={
            "csrf_token": token,
            "language": "en",
            "title": "Come in",
            "body": "Dear {first_name}, about inquiry #{inquiry_id}: please call {clinic}.",
        },
    )
    assert saved.status_code == 303
    bad = admin_client.post(
        "/moderation/canned-replies",
        data={"csrf_token": token, "language": "xx", "title": "", "body": "x"},
    )
    assert bad.status_code == 400
    canned = db.session.scalars(sa.select(CannedReply)).one()
    assert "canned_reply.save" in db.session.scalars(sa.select(AuditEvent.action)).all()
    inquiry = InquiryFactory(name="Ada Lovelace")
    db.session.commit()
    page = moderator_client.get(f"/moderation/inquiries/{inquiry.id}").get_data(as_text=True)
    assert "Come in (en)" in page
    filled = moderator_client.get(
        f"/moderation/inquiries/{inquiry.id}?canned={canned.id}"
    ).get_data(as_text=True)
    assert f"Dear Ada, about inquiry #{inquiry.id}: please call Clinic Desk." in filled
    # A name that looks like a placeholder is written as it is, not filled in again.
    odd = InquiryFactory(name="{clinic} Smith")
    db.session.commit()
    odd_page = moderator_client.get(f"/moderation/inquiries/{odd.id}?canned={canned.id}")
    assert f"Dear {{clinic}}, about inquiry #{odd.id}" in odd_page.get_data(as_text=True)
    missing = moderator_client.get(f"/moderation/inquiries/{inquiry.id}?canned=999999")
    assert missing.status_code == 404
    deleted = admin_client.post(
        f"/moderation/canned-replies/{canned.id}/delete", data={"csrf_token": token}
    )
    assert deleted.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count(CannedReply.id))) == 0


def test_the_privacy_export_holds_the_conversation_but_not_internal_notes(app, moderator, answered):
    from service.operations.privacy import export_person

    inquiry_id, _link = answered
    services.add_note(moderator, inquiry_id, "Internal only.")
    [inquiry] = export_person("ada@example.org")["inquiries"]
    assert inquiry["replies"] == [
        {"from": "clinic", "body": ANSWER, "created_at": inquiry["replies"][0]["created_at"]}
    ]


def test_a_code_expires_after_ten_minutes(app, answered, monkeypatch):
    _inquiry_id, link = answered
    patient = app.test_client()
    ask_for_code(patient, link)
    code = code_of(mails("inquiry.code")[-1])
    later = utcnow() + dt.timedelta(minutes=11)
    monkeypatch.setattr("service.submissions.answerlinks.utcnow", lambda: later)
    page = patient.get(link)
    assert "Send me a code" in page.get_data(as_text=True)  # the code form is gone
    fields = hidden_inputs(page.get_data(as_text=True))
    refused = patient.post(link.split("?", 1)[0] + "/verify", data={**fields, "code": code})
    assert refused.status_code == 400


def test_the_link_lifetime_follows_its_setting(app, moderator_client, monkeypatch):
    app.config["ANSWER_LINK_HOURS"] = 2
    inquiry = InquiryFactory()
    db.session.commit()
    answer(moderator_client, inquiry.id)
    [mail] = mails("inquiry.answer")
    assert "2 hours" in mail.body_text
    link = link_of(mail)
    assert app.test_client().get(link).status_code == 200
    later = utcnow() + dt.timedelta(hours=2, minutes=1)
    monkeypatch.setattr("service.submissions.answerlinks.utcnow", lambda: later)
    assert app.test_client().get(link).status_code == 410


def test_a_link_to_a_deleted_inquiry_is_refused(app, moderator, answered):
    inquiry_id, link = answered
    services.act(moderator, "inquiry", inquiry_id, "delete")
    assert app.test_client().get(link).status_code == 410


def test_an_inquiry_number_beyond_the_id_column_is_a_plain_refusal(app, answered):
    _inquiry_id, link = answered
    patient = app.test_client()
    open_conversation(patient, link)  # a browser with a confirmed session
    assert patient.get("/inquiries/99999999999/conversation").status_code == 403
    assert patient.get("/inquiries/99999999999/conversation?t=x").status_code == 410


def test_the_demo_brings_a_canned_reply_per_language_once(app):
    from service.operations.demo import load_demo

    load_demo()
    load_demo()
    languages = db.session.scalars(sa.select(CannedReply.language).order_by(CannedReply.language))
    assert list(languages) == ["en", "es"]
