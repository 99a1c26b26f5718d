"""The patient's answer page: the link from a "you have a reply" mail, the one-time code, the
conversation and the reply form (works without JavaScript). No page here may leak its address
through `Referer` or be kept by a cache."""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from service.contact.conversation import (
    REPLY_MAX,
    confirm_code,
    open_answer_link,
    patient_conversation,
    patient_reply,
    send_code,
)
from service.contact.views import bp
from service.submissions.answerlinks import CODE_DIGITS, CodeRefused, CodeTooSoon
from service.submissions.formtokens import issue_form_token
from service.submissions.ratelimits import submission_limits
from service.web.errors import ValidationFailed

_ENDPOINTS = {
    "contact.conversation",
    "contact.conversation_code",
    "contact.conversation_verify",
    "contact.conversation_reply",
}


@bp.after_request
def _private_page(response: Response) -> Response:
    if request.endpoint in _ENDPOINTS:
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def _code_page(inquiry_id: int, token: str, state: str, problem: Any = None, status: int = 200):
    return (
        render_template(
            "contact/conversation_code.html",
            inquiry_id=inquiry_id,
            token=token,
            state=state,
            problem=problem,
            digits=CODE_DIGITS,
            noindex=True,
        ),
        status,
    )


@bp.get("/inquiries/<int:inquiry_id>/conversation")
def conversation(inquiry_id: int) -> Any:
    token = request.args.get("t")
    if token is not None:
        state = open_answer_link(inquiry_id, token)
        if state == "confirmed":
            return redirect(url_for(".conversation", inquiry_id=inquiry_id), 303)
        return _code_page(inquiry_id, token, state)
    return _conversation_page(inquiry_id)


def _conversation_page(inquiry_id: int, problem: Any = None, reply: str = "", status: int = 200):
    view = patient_conversation(inquiry_id)
    return (
        render_template(
            "contact/conversation.html",
            view=view,
            problem=problem,
            reply=reply,
            reply_max=REPLY_MAX,
            form_token=issue_form_token(),
            noindex=True,
        ),
        status,
    )


@bp.post("/inquiries/<int:inquiry_id>/conversation/code")
@submission_limits  # each code is a mail: the address's submission limits apply too
def conversation_code(inquiry_id: int) -> Any:
    token = request.form.get("t", "")
    try:
        send_code(inquiry_id, token)
    except CodeTooSoon as error:
        return _code_page(inquiry_id, token, "code", error.message, 429)
    flash(gettext("We have sent you a code. It works for 10 minutes."), "success")
    return redirect(url_for(".conversation", inquiry_id=inquiry_id, t=token), 303)


@bp.post("/inquiries/<int:inquiry_id>/conversation/verify")
def conversation_verify(inquiry_id: int) -> Any:
    token = request.form.get("t", "")
    try:
        confirm_code(inquiry_id, token, request.form.get("code", ""))
    except CodeRefused as error:
        return _code_page(inquiry_id, token, "code", error.message, 400)
    return redirect(url_for(".conversation", inquiry_id=inquiry_id), 303)


@bp.post("/inquiries/<int:inquiry_id>/conversation")
@submission_limits
def conversation_reply(inquiry_id: int) -> Any:
    text = request.form.get("reply", "")
    try:
        patient_reply(inquiry_id, text, request.form.get("form_token"))
    except ValidationFailed as error:
        return _conversation_page(inquiry_id, error.message, text[:REPLY_MAX], 400)
    flash(gettext("Your reply has been sent to the clinic."), "success")
    return redirect(url_for(".conversation", inquiry_id=inquiry_id, _anchor="latest"), 303)
