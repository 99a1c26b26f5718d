"""The audit log page: newest first, filtered by action and actor, a page at a time."""

from __future__ import annotations

from typing import Any

from flask import render_template, request, url_for
from flask_login import current_user

from service.moderation.auditlog import PAGE_SIZE, audit_page, known_actions, stored_items
from service.moderation.blueprint import bp
from service.moderation.queue_views import thread_url


def item_links(events: list[Any], viewer: Any) -> dict[int, str]:
    """Event id -> the page of the item it names, for the items this viewer may open and that
    are still stored: inquiries and comments for every moderator, accounts and blocklist
    entries for administrators."""
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.kind and event.item_id is not None:
            wanted.setdefault(event.kind, set()).add(event.item_id)
    stored = stored_items(wanted.get("inquiry", set()), wanted.get("comment", set()))
    links: dict[int, str] = {}
    for event in events:
        if event.item_id is None:
            continue
        if event.kind == "inquiry" and event.item_id in stored.inquiries:
            links[event.id] = url_for("moderation.inquiry_detail", inquiry_id=event.item_id)
        elif event.kind == "comment" and event.item_id in stored.comments:
            status, thread_key = stored.comments[event.item_id]
            if status == "approved":
                links[event.id] = thread_url(thread_key) + f"#comment-{event.item_id}"
            else:
                links[event.id] = (
                    url_for("moderation.queue", kind="comment", status=status)
                    + f"#comment-{event.item_id}"
                )
        elif viewer.is_admin and event.kind == "moderator":
            links[event.id] = url_for("moderation.moderators")
        elif viewer.is_admin and event.kind == "blocklist":
            links[event.id] = url_for("moderation.blocklist")
    return links


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
        links=item_links(page.events, current_user),
        next_cursor=page.next_cursor,
        first_page=not after.isdigit(),
        actions=known_actions(),
        action=action,
        actor=actor,
    )
