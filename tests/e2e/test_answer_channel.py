# Fixtures come from the sibling test modules, so test arguments repeat their names.
# ruff: noqa: F811
"""The secure answer loop in Chromium with the test SMTP server: staff answer on the inquiry's
page, the patient's mail has no answer text, the patient opens the link, types the code from
the second mail, reads the answer and replies; staff see the reply in the conversation."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from service.data.extensions import db
from service.submissions.outbox import deliver_due
from tests.e2e.test_accessibility import axe_source, violations  # noqa: F401  (a fixture)
from tests.e2e.test_moderation_queue import sign_in
from tests.factories import InquiryFactory, ModeratorFactory
from tests.functional.comment_helpers import filter_verdict
from tests.functional.conftest import SmtpSink

pytestmark = pytest.mark.e2e
expect.set_options(timeout=30_000)

PATIENT = "rosa.patient@example.org"
QUESTION = "Since the new tablets I feel dizzy every morning. Should I stop them?"
ANSWER = "Please do not stop them yet; take them in the evening and call us on Friday."
REPLY = "Thank you, I will take them tonight and call on Friday."
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def mail_server(app) -> Iterator[SmtpSink]:
    sink = SmtpSink()
    app.config["SMTP_URL"] = sink.url
    sink.start()
    yield sink
    sink.stop()


def mail_to(sink: SmtpSink, address: str, subject_part: str):
    deliver_due()
    found = [m for m in sink.messages if m["To"] == address and subject_part in m["Subject"]]
    assert found, [m["Subject"] for m in sink.messages]
    return found[-1]


def test_staff_answer_patient_confirms_code_replies_and_staff_see_it(
    app, live_server, browser, page, mail_server, axe_source
):
    filter_verdict(app, "ham")
    moderator = ModeratorFactory(name="Nurse Ada")
    inquiry = InquiryFactory(name="Rosa Diaz", email=PATIENT, message=QUESTION)
    db.session.commit()
    base = live_server.url

    # Staff answer on the inquiry's page.
    sign_in(page, base, moderator)
    page.goto(f"{base}/moderation/inquiries/{inquiry.id}")
    page.get_by_label("Your answer to Rosa Diaz").fill(ANSWER)
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("the patient is told by mail")).to_be_visible()

    # The mail says a reply waits; it carries neither the answer nor the question.
    notice = mail_to(mail_server, PATIENT, "You have a reply")
    content = notice.get_content()
    subject = f"You have a reply from Clinic Desk about your inquiry #{inquiry.id}"
    assert notice["Subject"] == subject
    for private in (ANSWER, "tablets", "dizzy", "Rosa", "Friday"):
        assert private not in content and private not in notice["Subject"], private
    [link] = [url for url in LINK.findall(content) if "/conversation?t=" in url]

    # The patient, in a browser of their own, opens the link and asks for a code.
    patient_context = browser.new_context()
    patient = patient_context.new_page()
    try:
        opened = patient.goto(link)
        assert opened.status == 200
        assert opened.headers["referrer-policy"] == "no-referrer"
        expect(patient.get_by_text(ANSWER)).to_have_count(0)
        assert violations(patient, axe_source) == []
        patient.get_by_role("button", name="Send me a code").click()
        expect(patient.get_by_text("We have sent you a code")).to_be_visible()
        code_mail = mail_to(mail_server, PATIENT, "Your code for Clinic Desk")
        code = re.search(r"^\s+(\d{6})\s*$", code_mail.get_content(), re.MULTILINE).group(1)
        assert ANSWER not in code_mail.get_content()
        assert violations(patient, axe_source) == []  # the code form
        patient.get_by_label("The code from our latest mail").fill(code)
        patient.get_by_role("button", name="Open my conversation").click()

        # The conversation: the question, then the answer signed by the nurse.
        expect(patient.get_by_role("heading", name=f"Your inquiry #{inquiry.id}")).to_be_visible()
        expect(patient.get_by_text(QUESTION)).to_be_visible()
        expect(patient.get_by_text(ANSWER)).to_be_visible()
        expect(patient.get_by_text("Nurse Ada, Clinic Desk")).to_be_visible()
        assert violations(patient, axe_source) == []
        patient.get_by_label("Your reply").fill(REPLY)
        patient.get_by_role("button", name="Send reply").click()
        expect(patient.get_by_text("Your reply has been sent to the clinic.")).to_be_visible()
        expect(patient.get_by_text(REPLY)).to_be_visible()

        # The same link in yet another browser is refused.
        stranger_context = browser.new_context()
        try:
            refused = stranger_context.new_page().goto(link)
            assert refused.status == 410
        finally:
            stranger_context.close()
    finally:
        patient_context.close()

    # Staff see the reply in the conversation, after the answer, and the queue flags it.
    moderators_notice = mail_to(mail_server, moderator.email, "Patient replied")
    assert "Friday" not in moderators_notice.get_content()
    page.goto(f"{base}/moderation/?kind=inquiry")
    expect(page.get_by_text("patient replied").first).to_be_visible()
    page.goto(f"{base}/moderation/inquiries/{inquiry.id}")
    conversation = page.locator(".conversation-list")
    expect(conversation.locator(".conversation-message")).to_have_count(2)
    expect(conversation.locator(".conversation-message").nth(0)).to_contain_text(ANSWER)
    expect(conversation.locator(".conversation-message").nth(1)).to_contain_text(REPLY)
    expect(conversation.locator(".conversation-message").nth(1)).to_contain_text("patient")
    assert violations(page, axe_source) == []
