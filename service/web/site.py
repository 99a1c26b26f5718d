"""The front page: where a visitor lands, with the way to the contact form and the articles;
and the language switch."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
)

from service.web.i18n import LANG_COOKIE, LANG_COOKIE_AGE, LANGUAGES, safe_next

bp = Blueprint("site", __name__)


@bp.get("/")
def index():
    return render_template("index.html")


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it on every site; a 404 there is noise in logs and audits."""
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon", max_age=86400
    )


@bp.get("/language/<code>")
def language(code: str):
    """Remember the reader's language in a cookie and go back to the page they were on."""
    if code not in LANGUAGES:
        abort(404)
    response = redirect(safe_next(request.args.get("next")), 303)
    response.set_cookie(
        LANG_COOKIE,
        code,
        max_age=LANG_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure,
        httponly=True,
    )
    return response
