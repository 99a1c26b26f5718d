"""Small public endpoints every form and the embed script use."""

from __future__ import annotations

from flask import current_app, jsonify

from service.api.blueprint import bp
from service.api.operations import Answer, operation
from service.api.shapes import FormToken, Topic
from service.submissions.formtokens import issue_form_token


@bp.get("/topics")
@operation(
    operation_id="listTopics",
    summary="The configured inquiry topics",
    tag="contact",
    description="Configured with `INQUIRY_TOPICS`; the database is not read.",
    answers=(Answer(200, "The topics.", {"type": "array", "items": Topic}),),
    database=False,
)
def topics():
    return jsonify(
        [{"key": key, "label": label} for key, label in current_app.config["INQUIRY_TOPICS"]]
    )


@bp.get("/form-token")
@operation(
    operation_id="getFormToken",
    summary="A form token for a form you build yourself",
    tag="contact",
    description=(
        "A missing token adds a little to the spam score; a too-fast, expired or replayed one "
        "holds the submission for moderation."
    ),
    answers=(Answer(200, "A new token (`Cache-Control: no-store`).", FormToken),),
    database=False,
)
def form_token():
    response = jsonify({"form_token": issue_form_token()})
    response.headers["Cache-Control"] = "no-store"
    return response
