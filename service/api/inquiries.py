"""`POST /api/inquiries`: the contact form's JSON twin, for clinics that build their own form."""

from __future__ import annotations

from flask import current_app, jsonify

from service.api.blueprint import bp, read_json_object
from service.contact.services import acknowledgement, submit_inquiry
from service.contact.validation import validate_inquiry
from service.submissions.idempotency import idempotent
from service.submissions.ratelimits import submission_limits


@bp.post("/inquiries")
@submission_limits
@idempotent("inquiries")
def create_inquiry():
    data = read_json_object()
    topics = [key for key, _label in current_app.config["INQUIRY_TOPICS"]]
    values = validate_inquiry(data, topics)
    token = data.get("form_token")
    inquiry_id = submit_inquiry(values, form_token=token if isinstance(token, str) else None)
    return jsonify(acknowledgement(inquiry_id)), 202
