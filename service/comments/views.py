"""Pages: a thread with its comment form, the frame `embed.js` shows on a clinic's site, the
script itself and the demo article."""

from __future__ import annotations

import re
from urllib.parse import quote

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
from service.comments.feeds import Feed, site_feed, thread_feed
from service.comments.forms import CommentForm, ReportForm
from service.comments.reader_views import ask_for_notifications, subscription_answer
from service.comments.services import (
    DEFAULT_SORT,
    SORTS,
    PostedComment,
    ThreadPage,
    check_personal_details,
    list_thread,
    post_comment,
    preview_markdown,
    read_body,
    read_comment_input,
    read_page_bounds,
    read_reason,
    report_comment,
)
from service.comments.threadkeys import DEMO_THREAD_KEY, normalise_thread_key
from service.submissions.formtokens import inspect_form_token, issue_form_token
from service.submissions.health_guard import KIND_LABELS as DETAIL_LABELS
from service.submissions.ratelimits import (
    TooManySubmissions,
    check_submission_limits,
    submission_limits,
)
from service.web.errors import ValidationFailed, error_response
from service.web.i18n import N_, default_language, pick_language
from service.web.origins import origin_allowed, own_origin

bp = Blueprint("comments", __name__)
# The development front page links to the demo article.
bp.add_app_template_global(DEMO_THREAD_KEY, "demo_thread_key")

OWN_COMMENTS = "own_comments"
OWN_COMMENTS_KEPT = 10
SORT_COOKIE = "comment_sort"
SORT_COOKIE_AGE = 365 * 24 * 3600
SORT_LABELS = {
    "oldest": N_("Oldest first"),
    "newest": N_("Newest first"),
    "staff": N_("Clinic answers first"),
}
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


def _chosen_sort() -> str:
    """The reader's order: asked for in the query string, else remembered in a cookie."""
    asked = request.args.get("sort")
    if asked in SORTS:
        return asked
    remembered = request.cookies.get(SORT_COOKIE)
    return remembered if remembered in SORTS else DEFAULT_SORT


def article_url(key: str) -> str | None:
    """Where the article of a thread is read: the demo article, or the key (its path) on the
    clinic's first allowed site. None when there is no such site."""
    if key == DEMO_THREAD_KEY:
        return url_for(".demo_article")
    origins = _framing_origins()
    return f"{origins[0]}/{quote(key, safe='/')}" if origins else None


def _render_thread(
    key: str,
    form: CommentForm,
    problems: list[str],
    status: int = 200,
    preview: str | None = None,
    health_kinds: list[str] | None = None,
):
    after, limit = read_page_bounds(request.args.get("after"), request.args.get("limit"))
    sort = _chosen_sort()
    page = list_thread(key, after, limit, own=_own_comments(), sort=sort)
    if request.method == "GET" and request.args.get("reply_to"):
        form.parent_id.data = request.args["reply_to"]
    if health_kinds is None:
        form.form_token.data = issue_form_token()
    # else the reader is asked about health details: the form keeps the token it was shown
    # with (nothing was stored, so it is unspent), or posting at once would look too fast.
    form.homepage.data = ""
    response = current_app.make_response(
        (
            render_template(
                "comments/thread.html",
                page=page,
                form=form,
                report_form=ReportForm(formdata=None),
                problems=problems,
                reply_to=_reply_target(page, form.parent_id.data),
                noindex=not page.has_published,
                preview=preview,
                health_details=[DETAIL_LABELS[kind] for kind in health_kinds or ()],
                sorts=SORT_LABELS,
                article_url=article_url(page.key),
            ),
            status,
        )
    )
    if request.args.get("sort") in SORTS:
        response.set_cookie(
            SORT_COOKIE,
            sort,
            max_age=SORT_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure,
            httponly=True,
        )
    return response


def _preview(key: str, form: CommentForm):
    """Show the text as it would be published, the form kept as typed; nothing is stored."""
    try:
        html = preview_markdown(read_body({"body": form.body.data}))
    except ValidationFailed as error:
        return _render_thread(key, form, _show_problems(form, error), 400)
    return _render_thread(key, form, [], preview=html)


@bp.route("/threads/<thread_key:key>", methods=["GET", "POST"], merge_slashes=False)
def thread_page(key: str):
    form = CommentForm()
    if request.method == "GET":
        return _render_thread(key, form, [])
    if request.form.get("preview"):
        # A preview stores nothing, so it does not count against the reader's limit.
        if not form.validate_on_submit():
            return _render_thread(key, form, [], 400)
        return _preview(key, form)
    if current_app.config["RATELIMIT_ENABLED"]:
        check_submission_limits()
    if not form.validate_on_submit():
        return _render_thread(key, form, [], 400)
    if form.confirm_public.data != "1":
        # Ask first: the reader may rather write to the clinic privately. Nothing is stored.
        found = check_personal_details(form.body.data or "", form.title.data)
        if found["personal_health_info"]:
            form.confirm_public.data = "1"
            return _render_thread(key, form, [], health_kinds=found["kinds"])
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
    if form.notify.data and form.email.data:
        ask_for_notifications(posted.thread_key, form.email.data, posted.id)
        flash(subscription_answer())
    if posted.status == "approved":
        flash(gettext("Thank you! Your comment is published."), "success")
    else:
        flash(
            gettext("Thank you! Your comment is awaiting moderation; only you can see it for now.")
        )
    target = url_for(".thread_page", key=posted.thread_key, _anchor=f"comment-{posted.id}")
    return redirect(target, 303)


@bp.errorhandler(TooManySubmissions)
def too_many_comments(error: TooManySubmissions):
    """A comment refused by the rate limit: the form again with the text kept, and when to
    send it."""
    key = (request.view_args or {}).get("key")
    if request.endpoint != "comments.thread_page" or key is None:
        return error_response(429, error.message, error.code, headers=error.headers)
    form = CommentForm()
    if error.network is None:
        message = N_(
            "You have sent several comments in a short time, so this one was not posted. Your "
            "text is kept below: please wait %(wait)s, then send it again.",
            wait=error.wait,
        )
    else:
        message = N_(
            "Many comments were sent in a short time from your network (%(network)s), perhaps "
            "by other people who share it, so this one was not posted. Your text is kept "
            "below: please wait %(wait)s, then send it again.",
            network=error.network,
            wait=error.wait,
        )
    response = _render_thread(key, form, [message], 429)
    response.headers.update(error.headers)
    return response


@bp.get("/threads/<thread_key:key>/feed.atom", merge_slashes=False)
def thread_atom(key: str) -> Response:
    return _feed_response(thread_feed(key))


@bp.get("/feed.atom")
def site_atom() -> Response:
    return _feed_response(site_feed())


def _feed_response(feed: Feed) -> Response:
    response = Response(feed.body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=60"
    response.set_etag(feed.etag)
    return response.make_conditional(request)


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
