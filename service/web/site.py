"""The front page: where a visitor lands, with the way to the contact form and the articles;
and the language switch."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request

from service.web.i18n import LANG_COOKIE, LANG_COOKIE_AGE, LANGUAGES, safe_next

bp = Blueprint("site", __name__)


@bp.get("/")
def index():
    return render_template("index.html")


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
