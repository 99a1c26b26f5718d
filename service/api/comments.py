"""The public comments API: a thread's comments, posting, the author's own comment, counts."""

from __future__ import annotations

from flask import Response, current_app, jsonify, request

from service.api.blueprint import bp, json_response
from service.api.operations import Answer, PathParameter, Routes
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
from service.submissions.idempotency import current_claim

comments = Routes(bp, tag="comments")
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


@comments.get(
    "/threads/<thread_key:key>/comments",
    merge_slashes=False,
    operation_id="listThreadComments",
    summary="A thread's published comments",
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


@comments.post(
    "/threads/<thread_key:key>/comments",
    merge_slashes=False,
    rate_limited=True,
    idempotency="comments",
    operation_id="createComment",
    summary="Post a comment",
    description="The first comment creates the thread.",
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
        ),
    ),
    refusals={
        403: "The thread is locked.",
        404: "`parent_id` is not a published comment of this thread.",
    },
)
def create_comment(key: str, body: CommentBody):
    posted = post_comment(
        key, comment_input(body), inspect_form_token(body.form_token), claim=current_claim()
    )
    return jsonify(posted.answer), 202


@comments.get(
    "/comments/<int:comment_id>",
    operation_id="getOwnComment",
    summary="The author's own comment",
    path=COMMENT_ID,
    headers=(EDIT_TOKEN_HEADER,),
    answers=(Answer(200, "The comment, pending or not.", OwnComment),),
    refusals={403: "The edit token is missing or wrong.", 404: "There is no such comment."},
)
def own_comment(comment_id: int):
    own = get_own_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER))
    return json_response(own, cache_control="no-store")


@comments.patch(
    "/comments/<int:comment_id>",
    rate_limited=True,
    operation_id="editOwnComment",
    summary="Edit one's own comment",
    description="Within `EDIT_WINDOW_MINUTES` of posting.",
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
)
def change_comment(comment_id: int, body: EditBody):
    return jsonify(edit_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER), body.body))


@comments.delete(
    "/comments/<int:comment_id>",
    rate_limited=True,
    operation_id="deleteOwnComment",
    summary="Delete one's own comment",
    description="Within `EDIT_WINDOW_MINUTES` of posting.",
    path=COMMENT_ID,
    headers=(EDIT_TOKEN_HEADER,),
    answers=(Answer(204, "Deleted."),),
    refusals={
        403: EDIT_REFUSED,
        404: "There is no such comment.",
        413: "The request body is over 1 MB.",
    },
)
def withdraw_comment(comment_id: int):
    delete_comment(comment_id, request.headers.get(EDIT_TOKEN_HEADER))
    return "", 204


@comments.post(
    "/comments/<int:comment_id>/report",
    rate_limited=True,
    idempotency="reports",
    operation_id="reportComment",
    summary="Report a published comment",
    description="`404` unless the comment is published (or already reported).",
    path=COMMENT_ID,
    body=ReportBody,
    answers=(
        Answer(
            202,
            "The comment is back in the moderation queue, flagged with the reason.",
            ReportReceipt,
        ),
    ),
    refusals={404: "There is no such published comment."},
)
def report(comment_id: int, body: ReportBody):
    _, answer = report_comment(comment_id, body.reason, claim=current_claim())
    return jsonify(answer), 202


@comments.post(
    "/preview",
    operation_id="previewComment",
    summary="Preview a comment's Markdown",
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


@comments.post(
    "/comments/check",
    operation_id="checkComment",
    summary="Check a comment for personal details before posting",
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


@comments.get(
    "/counts",
    operation_id="countComments",
    summary="Published comments per thread",
    query=CountsQuery,
    answers=(Answer(200, "A count for every key asked.", Counts),),
    refusals={400: "A key is missing, invalid, or there are too many."},
)
def counts(query: CountsQuery):
    return jsonify(count_comments(query.keys))
