"""Administrators' page for canned replies: list, add, change, delete (plain forms)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from service.moderation.blueprint import bp
from service.moderation.canned import (
    PLACEHOLDERS,
    delete_canned,
    get_canned,
    list_canned,
    save_canned,
)
from service.moderation.permissions import admin_required
from service.web.errors import ValidationFailed
from service.web.i18n import LANGUAGES


def _page(values: dict[str, Any], problem: Any = None, fields: Any = None, status: int = 200):
    return (
        render_template(
            "moderation/canned_replies.html",
            replies=list_canned(),
            values=values,
            problem=problem,
            fields=fields or {},
            languages=LANGUAGES,
            placeholders=PLACEHOLDERS,
            noindex=True,
        ),
        status,
    )


@bp.get("/canned-replies")
@admin_required
def canned_replies() -> Any:
    editing = request.args.get("edit", type=int)
    values: dict[str, Any] = {"id": None, "language": "en", "title": "", "body": ""}
    if editing is not None:
        reply = get_canned(editing)
        values = {
            "id": reply.id,
            "language": reply.language,
            "title": reply.title,
            "body": reply.body,
        }
    return _page(values)


@bp.post("/canned-replies")
@admin_required
def canned_replies_save() -> Any:
    raw_id = request.form.get("id", "")
    canned_id = int(raw_id) if raw_id.isdecimal() and len(raw_id) <= 10 else None
    values = {
        "id": canned_id,
        "language": request.form.get("language", ""),
        "title": request.form.get("title", ""),
        "body": request.form.get("body", ""),
    }
    try:
        reply = save_canned(
            current_user, canned_id, values["language"], values["title"], values["body"]
        )
    except ValidationFailed as error:
        return _page(values, error.message, error.fields, 400)
    flash(gettext("Saved the canned reply “%(title)s”.", title=reply.title), "success")
    return redirect(url_for("moderation.canned_replies"), 303)


@bp.post("/canned-replies/<int:canned_id>/delete")
@admin_required
def canned_replies_delete(canned_id: int) -> Any:
    delete_canned(current_user, canned_id)
    flash(gettext("Deleted the canned reply."), "success")
    return redirect(url_for("moderation.canned_replies"), 303)
