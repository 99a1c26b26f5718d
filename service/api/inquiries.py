"""`POST /api/inquiries`: the contact form's JSON twin, for clinics that build their own form."""

from __future__ import annotations

from flask import current_app, jsonify

from service.api.blueprint import bp
from service.api.operations import Answer, operation
from service.api.shapes import InquiryReceipt
from service.contact.services import acknowledgement, submit_inquiry
from service.contact.validation import InquiryBody, inquiry_input
from service.submissions.idempotency import idempotent
from service.submissions.ratelimits import submission_limits

SUBMISSION_LIMITS = (
    "Submissions are rate-limited per client address (`RATELIMIT_SUBMISSIONS`) and per network "
    "around it (IPv4 /24, IPv6 /56 and /48); past a limit the answer is `429` with `Retry-After` "
    "and a message naming the address or network. Past the site-wide ceiling "
    "(`RATELIMIT_SUBMISSIONS_GLOBAL`) nothing is refused: submissions are held for a moderator."
)


def topic_keys() -> list[str]:
    return [key for key, _label in current_app.config["INQUIRY_TOPICS"]]


@bp.post("/inquiries")
@submission_limits
@idempotent("inquiries")
@operation(
    operation_id="createInquiry",
    summary="Send an inquiry",
    tag="contact",
    description=SUBMISSION_LIMITS,
    body=InquiryBody,
    answers=(
        Answer(
            202,
            "Received (also when held as spam: spam gets no signal). When the message suggests "
            "an emergency, `urgent` is true and `notice` is the emergency notice "
            "(`EMERGENCY_NOTICE`) to show the visitor.",
            InquiryReceipt,
            headers=("Idempotent-Replayed",),
        ),
    ),
    rate_limited=True,
    idempotent=True,
    context=lambda: {"topics": topic_keys()},
)
def create_inquiry(body: InquiryBody):
    receipt = submit_inquiry(inquiry_input(body), form_token=body.form_token)
    return jsonify(acknowledgement(receipt)), 202
