"""Small public endpoints every form and the embed script use."""

from __future__ import annotations

from flask import current_app, jsonify

from service.api.blueprint import bp, json_response
from service.api.operations import Answer, Routes
from service.api.shapes import FormToken, Topic
from service.submissions.formtokens import issue_form_token

contact = Routes(bp, tag="contact")


@contact.get(
    "/topics",
    operation_id="listTopics",
    summary="The configured inquiry topics",
    description="Configured with `INQUIRY_TOPICS`; the database is not read.",
    answers=(Answer(200, "The topics.", {"type": "array", "items": Topic}),),
    database=False,
)
def topics():
    return jsonify(
        [{"key": key, "label": label} for key, label in current_app.config["INQUIRY_TOPICS"]]
    )


@contact.get(
    "/form-token",
    operation_id="getFormToken",
    summary="A form token for a form you build yourself",
    description=(
        "A missing token adds a little to the spam score; a too-fast, expired or replayed one "
        "holds the submission for moderation."
    ),
    answers=(Answer(200, "A new token (`Cache-Control: no-store`).", FormToken),),
    database=False,
)
def form_token():
    return json_response({"form_token": issue_form_token()}, cache_control="no-store")
