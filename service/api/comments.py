"""The public comments API: a thread's comments, posting, the author's own comment, counts."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request

from service.api.blueprint import bp
from service.api.inquiries import SUBMISSION_LIMITS
from service.api.operations import Answer, PathParameter, operation
from service.api.shapes import (
    Counts,
    CountsQuery,
    OwnComment,
    PersonalDetailsCheck,
    Preview,
    ReportReceipt,
    ThreadPage,
)
from service.comments.services import (
    DEFAULT_PAGE,
    DEFAULT_SORT,
    CheckBody,
    CommentBody,
    EditBody,
    PreviewBody,
    ReportBody,
    ThreadPageQuery,
    check_personal_details,
    comment_input,
    count_comments,
    delete_comment,
    edit_comment,
    get_own_comment,
    list_thread,
    post_comment,
    preview_markdown,
    report_comment,
    thread_json,
)
from service.comments.threadcache import cached_thread
from service.comments.threadkeys import MAX_KEY_LENGTH, normalise_thread_key
from service.data.extensions import db
from service.submissions.formtokens import inspect_form_token
from service.submissions.idempotency import current_claim, idempotent
from service.submissions.ratelimits import submission_limits

EDIT_TOKEN_HEADER = "X-Edit-Token"  # noqa: S105 - a header name, not a secret
THREAD_KEY = {
    "key": PathParameter(
        "The article's path or slug, URL-encoded as one segment (`/` allowed). Leading and "
        "trailing `/` are stripped and repeated `/` collapsed; the result must be 1 to "
        f"{MAX_KEY_LENGTH} printable characters (`400` otherwise).",
        {"$ref": "#/components/schemas/ThreadKey"},
    )
}
COMMENT_ID = {"comment_id": PathParameter("The comment's id.", {"type": "integer", "minimum": 0})}
EDIT_REFUSED = (
    "The edit token is missing or wrong, or the edit window (`EDIT_WINDOW_MINUTES`) has passed."
)


@bp.get("/threads/<thread_key:key>/comments", merge_slashes=False)
@operation(
    operation_id="listThreadComments",
    summary="A thread's published comments",
    tag="comments",
    query=ThreadPageQuery,
    path=THREAD_KEY,
    headers=("If-None-Match",),
    answers=(
        Answer(
            200,
            "Published comments, nested, in the order asked; the pinned comment's "
            "conversation first, replies oldest first (`Cache-Control: no-cache`). An unknown "
            "key is an empty thread; nothing is created.",
            ThreadPage,
            headers=("ETag",),
        ),
        Answer(304, "The page matches `If-None-Match`.", headers=("ETag",)),
    ),
    refusals={400: "A query parameter or the thread key is invalid."},
)
def thread_comments(key: str, query: ThreadPageQuery):
    after, limit = query.after, query.limit or DEFAULT_PAGE
    sort = query.sort or DEFAULT_SORT
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
@operation(
    operation_id="createComment",
    summary="Post a comment",
    tag="comments",
    description="The first comment creates the thread. " + SUBMISSION_LIMITS,
    path=THREAD_KEY,
    body=CommentBody,
    answers=(
        Answer(
            202,
            "Stored, `pending` or (in `auto` mode, judged ham) `approved`; with its "
            "`edit_token`. A replayed answer has no `edit_token`. A comment that seems to "
            "disclose the writer's own health details or contact data is `pending` even in "
            "`auto` mode (see `POST /api/comments/check`).",
            OwnComment,
            headers=("Idempotent-Replayed",),
        ),
    ),
    refusals={
        403: "The thread is locked.",
        404: "`parent_id` is not a published comment of this thread.",
    },
    rate_limited=True,
    idempotent=True,
)
def create_comment(key: str, body: CommentBody):
    posted = post_comment(
        key, comment_input(body), inspect_form_token(body.form_token), claim=current_claim()
    )
    return jsonify(posted.answer), 202


@bp.get("/comments/<int:comment_id>")
@operation(
    operation_id="getOwnComment",
    summary="The author's own comment",
    tag="comments",
    path=COMMENT_ID,
    headers=(EDIT_TOKEN_HEADER,),
    answers=(Answer(200, "The comment, pending or not.", OwnComment),),
    refusals={403: "The edit token is missing or wrong.", 404: "There is no such comment."},
)
def own_comment(comment_id: int):
    response = jsonify(get_own_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.patch("/comments/<int:comment_id>")
@submission_limits
@operation(
    operation_id="editOwnComment",
    summary="Edit one's own comment",
    tag="comments",
    description="Within `EDIT_WINDOW_MINUTES` of posting. " + SUBMISSION_LIMITS,
    path=COMMENT_ID,
    headers=(EDIT_TOKEN_HEADER,),
    body=EditBody,
    answers=(
        Answer(
            200,
            "Edited. The text is judged again: in `pre` mode, or when not ham, the comment "
            "goes back to `pending`.",
            OwnComment,
        ),
    ),
    refusals={403: EDIT_REFUSED, 404: "There is no such comment."},
    rate_limited=True,
)
def change_comment(comment_id: int, body: EditBody):
    return jsonify(edit_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER), body.body))


@bp.delete("/comments/<int:comment_id>")
@submission_limits
@operation(
    operation_id="deleteOwnComment",
    summary="Delete one's own comment",
    tag="comments",
    description="Within `EDIT_WINDOW_MINUTES` of posting. " + SUBMISSION_LIMITS,
    path=COMMENT_ID,
    headers=(EDIT_TOKEN_HEADER,),
    answers=(Answer(204, "Deleted."),),
    refusals={
        403: EDIT_REFUSED,
        404: "There is no such comment.",
        413: "The request body is over 1 MB.",
    },
    rate_limited=True,
)
def withdraw_comment(comment_id: int):
    delete_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER))
    return "", 204


@bp.post("/comments/<int:comment_id>/report")
@submission_limits
@idempotent("reports")
@operation(
    operation_id="reportComment",
    summary="Report a published comment",
    tag="comments",
    description="`404` unless the comment is published (or already reported). " + SUBMISSION_LIMITS,
    path=COMMENT_ID,
    body=ReportBody,
    answers=(
        Answer(
            202,
            "The comment is back in the moderation queue, flagged with the reason.",
            ReportReceipt,
            headers=("Idempotent-Replayed",),
        ),
    ),
    refusals={404: "There is no such published comment."},
    rate_limited=True,
    idempotent=True,
)
def report(comment_id: int, body: ReportBody):
    _, answer = report_comment(comment_id, body.reason, claim=current_claim())
    return jsonify(answer), 202


@bp.post("/preview")
@operation(
    operation_id="previewComment",
    summary="Preview a comment's Markdown",
    tag="comments",
    body=PreviewBody,
    answers=(
        Answer(
            200,
            "The HTML the comment would show, through the same renderer and sanitiser. "
            "Nothing is stored.",
            Preview,
        ),
    ),
    database=False,
)
def preview(body: PreviewBody):
    """The comment as it would show: the same renderer and sanitiser, nothing stored."""
    return jsonify({"html": preview_markdown(body.body)})


@bp.post("/comments/check")
@operation(
    operation_id="checkComment",
    summary="Check a comment for personal details before posting",
    tag="comments",
    description=(
        "Whether the text (and title) seem to disclose the writer's own health details or "
        "contact data, in English or Spanish. Pages ask this before posting and offer the "
        "private contact form. Nothing is stored or logged. Posting such a comment is still "
        "accepted: it waits for a moderator (`pending`, reason `personal_health_info`), even "
        "in `auto` mode."
    ),
    body=CheckBody,
    answers=(Answer(200, "What was found; nothing is stored.", PersonalDetailsCheck),),
    database=False,
)
def check_comment(body: CheckBody):
    return jsonify(check_personal_details(body.body, body.title))


@bp.get("/counts")
@operation(
    operation_id="countComments",
    summary="Published comments per thread",
    tag="comments",
    query=CountsQuery,
    answers=(Answer(200, "A count for every key asked.", Counts),),
    refusals={400: "A key is missing, invalid, or there are too many."},
)
def counts(query: CountsQuery):
    return jsonify(count_comments(query.keys))
