"""The patient's side of the secure answer channel: opening the link from a "you have a reply"
mail, confirming the one-time code, reading the conversation and replying to it.

Links and codes are kept by service/submissions/answerlinks.py; this module decides what each
step does, audits it, and stores a reply judged by the spam filter like a new inquiry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import gettext

from service.contact.services import _recipients, inquiry_link
from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import AnswerLink, Inquiry, InquiryReply, InquiryStatus, Moderator, Verdict
from service.submissions import audit
from service.submissions.answerlinks import (
    CODE_MINUTES,
    AnswerLinkRefused,
    CodeRefused,
    ConversationClosed,
    check_code,
    code_pending_here,
    confirmed_link,
    find_link,
    is_confirmed_here,
    new_code,
    refusal_of,
)
from service.submissions.filtering import judge, request_submission
from service.submissions.formtokens import inspect_form_token, spend_form_token
from service.submissions.outbox import enqueue
from service.submissions.textfields import FieldProblem, clean_text
from service.web.errors import ValidationFailed
from service.web.i18n import N_, mail_language
from service.web.requestlog import note

REPLY_MAX = 5000
PATIENT = "patient"  # the audit log's actor for what the patient does


@dataclass
class PatientMessage:
    at: dt.datetime
    from_clinic: bool
    who: str
    text: str


@dataclass
class PatientConversation:
    inquiry_id: int
    first_name: str
    messages: list[PatientMessage]
    expires_at: dt.datetime


def _link_and_reason(inquiry_id: int, token: str | None) -> tuple[AnswerLink, str | None]:
    link = find_link(inquiry_id, token, lock=True)
    return link, refusal_of(link, db.session.get(Inquiry, inquiry_id))


def open_answer_link(inquiry_id: int, token: str | None) -> str:
    """Look at a link opened from mail: "confirmed" (this browser already confirmed it),
    "code" (a code was sent to this browser and can be entered) or "start". Audited.
    Raises AnswerLinkRefused."""
    with transaction():
        link, reason = _link_and_reason(inquiry_id, token)
        if reason is None:
            if is_confirmed_here(link):
                state = "confirmed"
            else:
                state = "code" if code_pending_here(link) else "start"
            audit.record("inquiry.link_open", PATIENT, "inquiry", inquiry_id, {"link": link.id})
        else:
            _record_refusal(inquiry_id, link.id, reason)
    if reason is not None:
        raise AnswerLinkRefused()
    return state


def _record_refusal(inquiry_id: int, link_id: int, reason: str) -> None:
    """Audit a link or a code the answer page refused, and why."""
    audit.record(
        "inquiry.link_refused", PATIENT, "inquiry", inquiry_id, {"link": link_id, "reason": reason}
    )


def send_code(inquiry_id: int, token: str | None) -> None:
    """Mail a one-time code to the inquiry's address, bound to this browser. Audited.
    Raises AnswerLinkRefused or CodeTooSoon."""
    with transaction():
        link, reason = _link_and_reason(inquiry_id, token)
        if reason is None:
            inquiry = db.session.get(Inquiry, inquiry_id)
            assert inquiry is not None
            code = new_code(link)
            clinic = current_app.config["CLINIC_NAME"]
            with mail_language():
                subject = gettext("Your code for %(clinic)s: %(code)s", clinic=clinic, code=code)
                body = render_template(
                    "email/answer_code.txt", code=code, inquiry_id=inquiry_id, minutes=CODE_MINUTES
                )
            enqueue(inquiry.email, subject, body, purpose="inquiry.code")
            audit.record("inquiry.link_code", PATIENT, "inquiry", inquiry_id, {"link": link.id})
        else:
            _record_refusal(inquiry_id, link.id, reason)
    if reason is not None:
        raise AnswerLinkRefused()


def confirm_code(inquiry_id: int, token: str | None, code: str) -> None:
    """Check the code; on success this browser may read the conversation. Every guess is
    audited. Raises AnswerLinkRefused or CodeRefused."""
    with transaction():
        link, reason = _link_and_reason(inquiry_id, token)
        confirmed = reason is None and check_code(link, code)
        if confirmed:
            audit.record("inquiry.link_verified", PATIENT, "inquiry", inquiry_id, {"link": link.id})
        else:
            _record_refusal(inquiry_id, link.id, reason or "code")
    if reason is not None:
        raise AnswerLinkRefused()
    if not confirmed:
        raise CodeRefused()


def _confirmed_inquiry(inquiry_id: int, lock: bool = False) -> tuple[Inquiry, AnswerLink]:
    link = confirmed_link(inquiry_id)
    if link is None:
        raise ConversationClosed()
    inquiry = db.session.get(Inquiry, inquiry_id, with_for_update=lock or None)
    if inquiry is None or refusal_of(link, inquiry) is not None:
        raise ConversationClosed()
    return inquiry, link


def patient_conversation(inquiry_id: int) -> PatientConversation:
    """The question and every message the patient may see (never internal notes), oldest
    first. Raises ConversationClosed unless this browser confirmed a code for it."""
    inquiry, link = _confirmed_inquiry(inquiry_id)
    clinic = current_app.config["CLINIC_NAME"]
    messages = [PatientMessage(inquiry.created_at, False, "", inquiry.message)]
    rows = db.session.execute(
        sa.select(InquiryReply, Moderator.name)
        .outerjoin(Moderator, Moderator.id == InquiryReply.moderator_id)
        .where(InquiryReply.inquiry_id == inquiry.id, InquiryReply.author != "note")
        .order_by(InquiryReply.created_at, InquiryReply.id)
    ).all()
    for reply, name in rows:
        from_clinic = reply.author == "answer"
        who = (f"{name}, {clinic}" if name else clinic) if from_clinic else ""
        messages.append(PatientMessage(reply.created_at, from_clinic, who, reply.body))
    first_name = (inquiry.name or "").split(" ")[0]
    return PatientConversation(inquiry.id, first_name, messages, link.expires_at)


_NO_REPLY = N_("Write your reply first.")


def patient_reply(inquiry_id: int, text: str | None, form_token: str | None = None) -> None:
    """Store the patient's reply on the inquiry, judged by the spam filter like an inquiry and
    encrypted at rest. Unless it is judged spam, the inquiry goes back to `received` (it waits
    for staff again), is marked "patient replied", and moderators get a notice without its
    text. Raises ConversationClosed or ValidationFailed."""
    try:
        body = clean_text(text, REPLY_MAX, required=_NO_REPLY, multiline=True) or ""
    except FieldProblem as problem:
        raise ValidationFailed(problem.message, {"reply": [str(problem.message)]}) from None
    check = inspect_form_token(form_token)
    with transaction() as session:
        inquiry, _link = _confirmed_inquiry(inquiry_id, lock=True)
        submission = request_submission(
            kind="inquiry",
            text=body,
            author=inquiry.name,
            email=inquiry.email,
            form_token=check.state,
            form_token_age=check.age,
        )
        assessment = judge(submission)
        spam = assessment.verdict is Verdict.SPAM
        session.add(
            InquiryReply(
                inquiry_id=inquiry.id,
                author="patient",
                body=body,
                verdict=assessment.verdict.value,
                score=assessment.score,
            )
        )
        spend_form_token(check)
        if not spam:
            inquiry.status = InquiryStatus.RECEIVED
            inquiry.patient_replied_at = utcnow()
            _notify_moderators(inquiry.id, inquiry.topic)
        audit.record(
            "inquiry.patient_reply",
            PATIENT,
            "inquiry",
            inquiry.id,
            {"verdict": assessment.verdict.value},
        )
    note(f"inquiry {inquiry_id} patient reply, verdict {assessment.verdict.value}")


def _notify_moderators(inquiry_id: int, topic: str) -> None:
    """The usual notice, without anything the patient wrote, to the staff who may open the
    inquiry."""
    recipients = _recipients(db.session.connection(), topic)
    if not recipients:
        return
    with mail_language():
        subject = gettext("Patient replied to inquiry #%(id)d", id=inquiry_id)
        body = render_template(
            "email/patient_replied.txt", inquiry_id=inquiry_id, link=inquiry_link(inquiry_id)
        )
    for moderator in recipients:
        enqueue(moderator.email, subject, body, purpose="inquiry-notice")
