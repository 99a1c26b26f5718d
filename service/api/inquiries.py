"""`POST /api/inquiries`: the contact form's JSON twin, for clinics that build their own form."""

from __future__ import annotations

from flask import current_app, jsonify

from service.api.blueprint import bp
from service.api.operations import Answer, Routes
from service.api.shapes import InquiryReceipt
from service.contact.services import acknowledgement, submit_inquiry
from service.contact.validation import InquiryBody, inquiry_input

contact = Routes(bp, tag="contact")


def topic_keys() -> list[str]:
    return [key for key, _label in current_app.config["INQUIRY_TOPICS"]]


@contact.post(
    "/inquiries",
    rate_limited=True,
    idempotency="inquiries",
    operation_id="createInquiry",
    summary="Send an inquiry",
    body=InquiryBody,
    answers=(
        Answer(
            202,
            "Received (also when held as spam: spam gets no signal). When the message suggests "
            "an emergency, `urgent` is true and `notice` is the emergency notice "
            "(`EMERGENCY_NOTICE`) to show the visitor.",
            InquiryReceipt,
        ),
    ),
    context=lambda: {"topics": topic_keys()},
)
def create_inquiry(body: InquiryBody):
    receipt = submit_inquiry(inquiry_input(body), form_token=body.form_token)
    return jsonify(acknowledgement(receipt)), 202
