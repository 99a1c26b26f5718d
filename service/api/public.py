"""Small public endpoints every form and the embed script use."""

from __future__ import annotations

from flask import current_app, jsonify

from service.api.blueprint import bp
from service.submissions.formtokens import issue_form_token


@bp.get("/topics")
def topics():
    return jsonify(
        [{"key": key, "label": label} for key, label in current_app.config["INQUIRY_TOPICS"]]
    )


@bp.get("/form-token")
def form_token():
    response = jsonify({"form_token": issue_form_token()})
    response.headers["Cache-Control"] = "no-store"
    return response
