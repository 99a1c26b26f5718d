"""The audit log page: newest first, filtered by action and actor, a page at a time."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from service.moderation.auditlog import PAGE_SIZE, audit_page, known_actions
from service.moderation.blueprint import bp


@bp.get("/audit")
def audit_log() -> Any:
    after = request.args.get("after", "")
    action = request.args.get("action", "").strip()[:50]
    actor = request.args.get("actor", "").strip()[:254]
    page = audit_page(
        after=int(after) if after.isdigit() else None, action=action, actor=actor, limit=PAGE_SIZE
    )
    return render_template(
        "moderation/audit.html",
        events=page.events,
        next_cursor=page.next_cursor,
        first_page=not after.isdigit(),
        actions=known_actions(),
        action=action,
        actor=actor,
    )
