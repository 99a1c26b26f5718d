"""Pages: a thread with its comment form, the frame `embed.js` shows on a clinic's site, the
script itself and the demo article."""

from __future__ import annotations

import re

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_babel import gettext

from service.comments.embed_strings import embed_strings
from service.comments.forms import CommentForm, ReportForm
from service.comments.services import (
    PostedComment,
    ThreadPage,
    list_thread,
    post_comment,
    read_comment_input,
    read_page_bounds,
    read_reason,
    report_comment,
)
from service.comments.threadkeys import DEMO_THREAD_KEY, normalise_thread_key
from service.submissions.formtokens import inspect_form_token, issue_form_token
from service.submissions.ratelimits import submission_limits
from service.web.errors import ValidationFailed
from service.web.i18n import N_, default_language, pick_language
from service.web.origins import origin_allowed, own_origin

bp = Blueprint("comments", __name__)

OWN_COMMENTS = "own_comments"
OWN_COMMENTS_KEPT = 10
_ORIGIN = re.compile(
    r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?$"
)


def _own_comments() -> list[tuple[int, str]]:
    pairs = session.get(OWN_COMMENTS) or []
    return [
        (pair[0], pair[1])
        for pair in pairs
        if isinstance(pair, list | tuple) and len(pair) == 2 and isinstance(pair[0], int)
    ]


def _remember_own_comment(posted: PostedComment) -> None:
    """Keep the edit token in the session so the author sees their comment while it waits."""
    pairs = [[i, t] for i, t in _own_comments()] + [[posted.id, posted.edit_token]]
    session[OWN_COMMENTS] = pairs[-OWN_COMMENTS_KEPT:]


def _reply_target(page: ThreadPage, parent_id: str | None):
    if not parent_id or not parent_id.isdigit():
        return None
    stack = list(page.comments)
    while stack:
        node = stack.pop()
        if node.id == int(parent_id) and not node.deleted:
            return node
        stack.extend(node.replies)
    return None


def _show_problems(form: CommentForm, error: ValidationFailed) -> list[str]:
    """Put each problem next to its field; return those that belong to no field."""
    elsewhere = []
    for name, problems in (error.fields or {}).items():
        if name in form and name not in ("parent_id", "form_token", "homepage"):
            form[name].errors = list(problems)
        else:
            elsewhere.extend(problems)
    return elsewhere or ([] if error.fields else [error.message])


def _render_thread(key: str, form: CommentForm, problems: list[str], status: int = 200):
    after, limit = read_page_bounds(request.args.get("after"), request.args.get("limit"))
    page = list_thread(key, after, limit, own=_own_comments())
    if request.method == "GET" and request.args.get("reply_to"):
        form.parent_id.data = request.args["reply_to"]
    form.form_token.data = issue_form_token()
    form.homepage.data = ""
    return (
        render_template(
            "comments/thread.html",
            page=page,
            form=form,
            report_form=ReportForm(formdata=None),
            problems=problems,
            reply_to=_reply_target(page, form.parent_id.data),
            noindex=not page.has_published,
        ),
        status,
    )


@bp.route("/threads/<thread_key:key>", methods=["GET", "POST"], merge_slashes=False)
@submission_limits
def thread_page(key: str):
    form = CommentForm()
    if request.method == "GET":
        return _render_thread(key, form, [])
    if not form.validate_on_submit():
        return _render_thread(key, form, [], 400)
    try:
        posted = post_comment(
            key,
            read_comment_input(form.submitted_values(), from_form=True),
            inspect_form_token(form.form_token.data),
            honeypot=form.homepage.data or "",
        )
    except ValidationFailed as error:
        return _render_thread(key, form, _show_problems(form, error), 400)
    _remember_own_comment(posted)
    if posted.status == "approved":
        flash(gettext("Thank you! Your comment is published."), "success")
    else:
        flash(
            gettext("Thank you! Your comment is awaiting moderation; only you can see it for now.")
        )
    target = url_for(".thread_page", key=posted.thread_key, _anchor=f"comment-{posted.id}")
    return redirect(target, 303)


@bp.post("/comments/<int:comment_id>/report")
@submission_limits
def report_page(comment_id: int):
    form = ReportForm()
    if not form.validate_on_submit():
        raise ValidationFailed(N_("The form expired or was sent from elsewhere. Please try again."))
    key, _ = report_comment(comment_id, read_reason({"reason": form.reason.data}))
    flash(gettext("Thank you. A moderator will look at this comment again."))
    return redirect(url_for(".thread_page", key=key), 303)


@bp.get("/embed.js")
def embed_script() -> Response:
    return send_from_directory(
        current_app.static_folder, "embed.js", mimetype="text/javascript", max_age=300
    )


@bp.get("/embed/strings")
def embed_texts() -> Response:
    """The words embed.js shows, in the first of `?lang=es-MX,es,en` that has a catalog."""
    code = pick_language(request.args.get("lang", "").split(",")) or default_language()
    response = jsonify(embed_strings(code))
    response.headers["Cache-Control"] = "public, max-age=300"
    # Fetched by embed.js from the clinic's own pages (inline mode, the frame's title).
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    if origin and origin_allowed(origin):
        response.headers["Access-Control-Allow-Origin"] = origin.rstrip("/")
    return response


def _framing_origins() -> list[str]:
    return [o for o in current_app.config["ALLOWED_ORIGINS"] if _ORIGIN.match(o)]


@bp.get("/embed/thread")
def embed_frame():
    key = normalise_thread_key(request.args.get("key", ""))
    origins = _framing_origins()
    # Only the clinic's own sites may frame the thread (clickjacking).
    g.frame_ancestors = " ".join(["'self'", *origins])
    parent = request.args.get("origin", "").rstrip("/")
    if parent not in origins:
        parent = own_origin()
    return render_template("comments/frame.html", key=key, parent_origin=parent)


@bp.get("/demo/article")
def demo_article():
    return render_template("comments/demo_article.html", thread_key=DEMO_THREAD_KEY)
