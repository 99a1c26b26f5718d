"""The public comments API: a thread's comments, posting, the author's own comment, counts."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request

from service.api.blueprint import bp, read_json_object
from service.comments.services import (
    count_comments,
    delete_comment,
    edit_comment,
    get_own_comment,
    list_thread,
    post_comment,
    preview_markdown,
    read_body,
    read_comment_input,
    read_page_bounds,
    read_reason,
    read_sort,
    report_comment,
    split_count_keys,
    thread_json,
)
from service.comments.threadcache import cached_thread
from service.comments.threadkeys import normalise_thread_key
from service.data.extensions import db
from service.submissions.formtokens import inspect_form_token
from service.submissions.idempotency import current_claim, idempotent
from service.submissions.ratelimits import submission_limits

EDIT_TOKEN_HEADER = "X-Edit-Token"  # noqa: S105 - a header name, not a secret


@bp.get("/threads/<thread_key:key>/comments", merge_slashes=False)
def thread_comments(key: str):
    after, limit = read_page_bounds(request.args.get("after"), request.args.get("limit"))
    sort = read_sort(request.args.get("sort"))
    key = normalise_thread_key(key)

    def render() -> bytes:
        page = thread_json(list_thread(key, after, limit, sort=sort))
        return current_app.json.dumps(page).encode() + b"\n"

    entry = cached_thread(
        current_app.extensions["thread_cache"], db.session, key, (after, limit, sort), render
    )
    response = Response(entry.body, mimetype="application/json")
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(entry.etag)
    return response.make_conditional(request)


@bp.post("/threads/<thread_key:key>/comments", merge_slashes=False)
@submission_limits
@idempotent("comments")
def create_comment(key: str):
    data = read_json_object()
    entry = read_comment_input(data)
    posted = post_comment(
        key, entry, inspect_form_token(data.get("form_token")), claim=current_claim()
    )
    return jsonify(posted.answer), 202


@bp.get("/comments/<int:comment_id>")
def own_comment(comment_id: int):
    response = jsonify(get_own_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.patch("/comments/<int:comment_id>")
@submission_limits
def change_comment(comment_id: int):
    body = read_body(read_json_object())
    return jsonify(edit_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER), body))


@bp.delete("/comments/<int:comment_id>")
@submission_limits
def withdraw_comment(comment_id: int):
    delete_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER))
    return "", 204


@bp.post("/comments/<int:comment_id>/report")
@submission_limits
@idempotent("reports")
def report(comment_id: int):
    reason = read_reason(read_json_object())
    _, answer = report_comment(comment_id, reason, claim=current_claim())
    return jsonify(answer), 202


@bp.post("/preview")
def preview():
    """The comment as it would show: the same renderer and sanitiser, nothing stored."""
    return jsonify({"html": preview_markdown(read_body(read_json_object()))})


@bp.get("/counts")
def counts():
    return jsonify(count_comments(split_count_keys(request.args.getlist("keys"))))
