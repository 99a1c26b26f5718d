"""Deleting with a confirmation, undoing a delete, and the administrators' "Recently deleted".

A delete asks first: a page without JavaScript, a dialog with it (service/static/moderation.js
sets `confirm=yes` on the same form). After it, the page offers Undo for DELETE_UNDO_SECONDS;
an administrator can restore any deleted item from "Recently deleted" while it is stored.
"""

from __future__ import annotations

import time
from typing import Any

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from service.moderation import services
from service.moderation.blueprint import bp
from service.moderation.permissions import admin_required
from service.web.errors import DomainError
from service.web.i18n import translate

UNDO = "undo_delete"
# The form fields a confirmation page carries on unchanged (filters, page, anchor, origin).
_CARRIED = ("kind", "status", "verdict", "after", "anchor", "from")


def _items_from(values: list[str]) -> list[tuple[str, int]]:
    items = []
    for value in values[:100]:
        kind, _, raw_id = value.partition(":")
        if kind in services.ACTIONS and raw_id.isdigit():
            items.append((kind, int(raw_id)))
    return items


def confirm_delete(items: list[tuple[str, int]], form: Any) -> str:
    """The page that asks before a delete; its form sends the same request with confirm=yes."""
    single = len(items) == 1
    kind, item_id = items[0]
    if single:
        action_url = url_for("moderation.item_action", kind=kind, item_id=item_id)
    else:
        action_url = url_for("moderation.bulk_action")
    if form.get("from") == "detail" and kind == "inquiry":
        cancel_url = url_for("moderation.inquiry_detail", inquiry_id=item_id)
    else:
        cancel_url = url_for(
            "moderation.queue",
            **{name: form.get(name) for name in ("kind", "status", "verdict") if form.get(name)},
        )
    return render_template(
        "moderation/delete_confirm.html",
        items=items,
        single=single,
        action_url=action_url,
        cancel_url=cancel_url,
        carried={name: form.get(name) for name in _CARRIED if form.get(name) is not None},
        undo_seconds=current_app.config["DELETE_UNDO_SECONDS"],
        retention_days=current_app.config["RETENTION_SPAM_DAYS"],
        noindex=True,
    )


def offer_undo(items: list[tuple[str, int]]) -> None:
    """Remember in this session what was just deleted, so the next page can offer Undo."""
    seconds = current_app.config["DELETE_UNDO_SECONDS"]
    if seconds > 0:
        session[UNDO] = {
            "items": [f"{kind}:{item_id}" for kind, item_id in items],
            "until": int(time.time()) + seconds,
        }


@bp.context_processor
def _undo_offer() -> dict[str, Any]:
    """The Undo banner's items and seconds left, or None once the grace period is over.
    (Only for the moderators' pages: mail rendered outside a request never reaches it.)"""
    offer = session.get(UNDO)
    if not isinstance(offer, dict):
        return {"undo_offer": None}
    left = int(offer.get("until", 0)) - int(time.time())
    if left <= 0:
        session.pop(UNDO, None)
        return {"undo_offer": None}
    return {"undo_offer": {"items": list(offer.get("items", [])), "seconds": left}}


@bp.post("/restore")
def restore() -> Response:
    """Undo a delete (within the grace period), or an administrator's restore."""
    items = _items_from(request.form.getlist("item"))
    source = "recently-deleted" if request.form.get("from") == "deleted" else "undo"
    session.pop(UNDO, None)
    restored = 0
    for kind, item_id in items:
        try:
            outcome = services.restore_deleted(current_user, kind, item_id, source=source)
        except DomainError as error:
            flash(translate(error.message), "error")
        else:
            restored += 1
            flash(translate(outcome.message), "success")
    if source == "recently-deleted":
        return redirect(url_for("moderation.recently_deleted"), 303)
    if len(items) == 1 and items[0][0] == "inquiry" and request.form.get("back") == "detail":
        return redirect(url_for("moderation.inquiry_detail", inquiry_id=items[0][1]), 303)
    if restored == 1 and items[0][0] == "comment":
        return redirect(url_for("moderation.queue", status="") + f"#comment-{items[0][1]}", 303)
    return redirect(url_for("moderation.queue"), 303)


@bp.get("/deleted")
@admin_required
def recently_deleted() -> str:
    return render_template(
        "moderation/deleted.html",
        entries=services.recently_deleted(),
        retention_days=current_app.config["RETENTION_SPAM_DAYS"],
        noindex=True,
    )
