"""The page a mail link opens: GET shows what will happen, only the POST acts."""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import make_response, render_template, request, url_for
from werkzeug.wrappers import Response

from service.moderation import links
from service.moderation.blueprint import bp, public_endpoint
from service.web.errors import DomainError
from service.web.i18n import translate


def _private_page(template: str, status: int = 200, **context: object) -> Response:
    """The rendered page, kept out of caches and Referer headers: the token is in its address."""
    response = make_response(render_template(template, **context), status)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def _moved_on(history: links.ItemHistory) -> Response:
    """Nothing was done: say what happened to the item since the link was sent."""
    if history.kind == "inquiry":
        item_url = url_for("moderation.inquiry_detail", inquiry_id=history.item_id)
    else:
        item_url = (
            url_for("moderation.queue", kind="comment", status=history.status_now)
            + f"#comment-{history.item_id}"
        )
    return _private_page(
        "moderation/link_moved_on.html",
        links.ItemMovedOn.http_status,
        history=history,
        item_url=item_url,
        noindex=True,
    )


def _explains_moved_on(view: Callable[[], Response]) -> Callable[[], Response]:
    """Answer a link whose item changed since it was sent with that item's story."""

    @functools.wraps(view)
    def wrapper() -> Response:
        try:
            return view()
        except links.ItemMovedOn as moved_on:
            return _moved_on(moved_on.history)

    return wrapper


@bp.get("/link")
@public_endpoint
@_explains_moved_on
def confirm_link() -> Response:
    token = request.args.get("t", "")
    preview = links.preview_link(token)
    return _private_page("moderation/link_confirm.html", preview=preview, token=token, noindex=True)


@bp.post("/link")
@public_endpoint
@_explains_moved_on
def use_link() -> Response:
    # Only the token counts: the link decides the item and the action, never the form.
    token = request.form.get("t", "")
    try:
        outcome = links.use_link(token)
    except (links.LinkRefused, links.ItemMovedOn):
        raise  # the error page and _explains_moved_on answer these, not link_done
    except DomainError as error:
        return _private_page(
            "moderation/link_done.html",
            error.http_status,
            message=translate(error.message),
            ok=False,
        )
    return _private_page("moderation/link_done.html", message=translate(outcome.message), ok=True)
