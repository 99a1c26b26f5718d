"""The queue page, every item action as a plain POST, bulk actions, staff replies and the
inquiry detail page.

Each action form works without JavaScript (POST, CSRF token, redirect back). The keyboard
script sends the same forms with `Accept: application/json` and gets a JSON answer instead
of the redirect.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from service.data.database import utcnow
from service.data.models import Comment, ItemKind
from service.moderation import canned, queue, services
from service.moderation.blueprint import bp
from service.moderation.deleted_views import confirm_delete, offer_undo
from service.moderation.labels import STATUS_LABELS, label
from service.submissions.accessreport import access_report
from service.submissions.health_guard import has_health_reason
from service.web.errors import DomainError, ValidationFailed
from service.web.i18n import translate


def thread_url(key: str) -> str:
    """The public page of a thread, where an approved comment shows."""
    return url_for("comments.thread_page", key=key)


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _filters_from(source: Any) -> queue.Filters:
    return queue.parse_filters(source.get("kind"), source.get("status"), source.get("verdict"))


def _back_to_queue(source: Any) -> Response:
    """Back to the queue with the filters and page the form came from (never another site)."""
    try:
        filters = _filters_from(source)
    except ValidationFailed:
        filters = queue.Filters(status=queue.OPEN)
    args = filters.as_query()
    # An empty status means "every status"; only a missing one means the default, `open`.
    args["status"] = queue.OPEN if source.get("status") is None else filters.status
    after = source.get("after") or ""
    try:
        if queue.parse_cursor(after):
            args["after"] = after
    except ValidationFailed:
        pass
    anchor = source.get("anchor") or ""
    url = url_for("moderation.queue", **args)
    if anchor.replace("-", "").isalnum() and len(anchor) < 40:
        url += "#" + anchor
    return redirect(url, code=303)


@bp.get("/", endpoint="queue")
def queue_page() -> str:
    status = request.args.get("status")
    filters = queue.parse_filters(
        request.args.get("kind"),
        queue.OPEN if status is None else status,
        request.args.get("verdict"),
    )
    cursor = queue.parse_cursor(request.args.get("after"))
    new_spam = None
    if filters.is_spam_folder:
        # Taken before the list is read: anything filed later is counted next time.
        services.mark_spam_folder_seen(current_user, utcnow())
    elif filters.status != queue.SPAM_FOLDER:
        new_spam = queue.new_in_spam_folder(current_user)
    page = queue.list_queue(filters, cursor, queue.DEFAULT_LIMIT)
    services.record_inquiries_shown(current_user, page.items, source="queue")
    cutoff = queue.overdue_cutoff()
    rows = []
    for item in page.items:
        kind = queue.kind_of(item)
        thread = page.threads.get(item.thread_id) if isinstance(item, Comment) else None
        rows.append(
            {
                "kind": kind,
                "item": item,
                "thread": thread,
                "thread_url": thread_url(thread.key) if thread else "",
                "assignee": page.moderators.get(getattr(item, "assigned_to_id", None) or 0),
                "overdue": queue.is_overdue(item, cutoff),
                "personal_details": isinstance(item, Comment) and has_health_reason(item.reasons),
                "can_move": isinstance(item, Comment) and services.can_move_to_inquiry(item),
                "urgent": kind == "inquiry" and item.urgent,
                "actions": services.allowed_actions(
                    kind,
                    item.status.value,
                    bool(thread and thread.locked),
                    flagged=isinstance(item, Comment) and item.flagged,
                    pinned=isinstance(item, Comment) and item.pinned,
                ),
            }
        )
    return render_template(
        "moderation/queue.html",
        rows=rows,
        filters=filters,
        next_cursor=page.next,
        page_args={**filters.as_query(), "status": filters.status},
        after=request.args.get("after") or "",
        kinds=queue.KINDS,
        statuses=queue.STATUSES,
        verdicts=queue.VERDICTS,
        overdue_hours=current_app.config["INQUIRY_OVERDUE_HOURS"],
        new_spam=new_spam,
        spam_folder_opened_before=current_user.spam_folder_seen_at is not None,
        topic_labels=dict(current_app.config["INQUIRY_TOPICS"]),
        noindex=True,
    )


def _is_confirmed() -> bool:
    return request.form.get("confirm") == "yes"


@bp.post("/<kind>/<int:item_id>/action")
def item_action(kind: str, item_id: int) -> Any:
    action = request.form.get("action", "")
    if action == "delete" and not _is_confirmed():
        # Without JavaScript the confirmation is a page; with it, a dialog that sets `confirm`.
        if _wants_json():
            message = gettext("Confirm the delete first.")
            return jsonify({"error": "confirmation_required", "message": message}), 409
        services.parse_kind(kind)
        return confirm_delete([(kind, item_id)], request.form)
    try:
        outcome = services.act(
            current_user, kind, item_id, action, note=request.form.get("note", ""), source="queue"
        )
    except DomainError as error:
        if _wants_json():
            # The queue script announces the message to the moderator: in their language.
            body: dict[str, Any] = {"error": error.code, "message": translate(error.message)}
            if error.fields:
                body["fields"] = error.fields
            return jsonify(body), error.http_status
        flash(translate(error.message), "error")
        return _after_item(kind, item_id)
    if _wants_json():
        return jsonify(
            {
                "kind": outcome.kind,
                "id": outcome.item_id,
                "action": outcome.action,
                "status": outcome.status,
                "status_label": translate(label(STATUS_LABELS, outcome.status)),
                "message": translate(outcome.message),
            }
        )
    flash(translate(outcome.message), "success")
    if action == "delete":
        offer_undo([(kind, item_id)])
    return _after_item(kind, item_id)


def _after_item(kind: str, item_id: int) -> Response:
    if request.form.get("from") == "detail" and kind == ItemKind.INQUIRY.value:
        return redirect(url_for("moderation.inquiry_detail", inquiry_id=item_id), code=303)
    return _back_to_queue(request.form)


@bp.post("/bulk")
def bulk_action() -> Response:
    action = request.form.get("action", "")
    selected: list[tuple[str, int]] = []
    for value in request.form.getlist("item")[: queue.MAX_LIMIT]:
        kind, _, raw_id = value.partition(":")
        if kind in queue.KINDS and raw_id.isdigit():
            selected.append((kind, int(raw_id)))
    if not selected:
        flash(gettext("Select at least one item first (the checkbox beside it, or x)."), "error")
        return _back_to_queue(request.form)
    if action == "delete" and not _is_confirmed():
        return confirm_delete(selected, request.form)
    try:
        result = services.act_in_bulk(current_user, selected, action)
    except DomainError as error:
        flash(translate(error.message), "error")
        return _back_to_queue(request.form)
    message = ngettext(
        "%(label)s: %(num)d item.",
        "%(label)s: %(num)d items.",
        len(result.done),
        label=translate(services.bulk_label(action)),
    )
    if result.skipped:
        message += " " + ngettext(
            "%(num)d skipped (its status does not allow it).",
            "%(num)d skipped (their status does not allow it).",
            len(result.skipped),
        )
    flash(message, "success" if result.done else "error")
    if action == "delete" and result.done:
        offer_undo([(outcome.kind, outcome.item_id) for outcome in result.done])
    return _back_to_queue(request.form)


@bp.post("/comments/<int:comment_id>/reply")
def reply_to_comment(comment_id: int) -> Response:
    try:
        reply = services.reply_to_comment(current_user, comment_id, request.form.get("body", ""))
    except DomainError as error:
        flash(translate(error.message), "error")
        return _back_to_queue(request.form)
    flash(gettext("Your reply #%(id)d is published on the thread.", id=reply.id), "success")
    return _back_to_queue(request.form)


@bp.post("/comments/<int:comment_id>/edit")
def edit_comment(comment_id: int) -> Response:
    """Staff take personal details out of a comment's text (audited)."""
    try:
        comment = services.edit_comment_as_staff(
            current_user,
            comment_id,
            request.form.get("body", ""),
            source="queue",
            title=request.form.get("title"),
        )
    except DomainError as error:
        flash(translate(error.message), "error")
        return _back_to_queue(request.form)
    if has_health_reason(comment.reasons):
        flash(
            gettext(
                "Comment #%(id)d is saved, but it still seems to hold personal details.",
                id=comment.id,
            ),
            "error",
        )
    else:
        flash(gettext("Comment #%(id)d is saved.", id=comment.id), "success")
    return _back_to_queue(request.form)


@bp.post("/comments/<int:comment_id>/to-inquiry")
def move_to_inquiry(comment_id: int) -> Response:
    """Make a private inquiry of a comment and take it off the page (audited)."""
    try:
        moved = services.move_comment_to_inquiry(current_user, comment_id, source="queue")
    except DomainError as error:
        flash(translate(error.message), "error")
        return _back_to_queue(request.form)
    flash(
        gettext(
            "Comment #%(id)d is now the private inquiry #%(inquiry)d and no longer public.",
            id=comment_id,
            inquiry=moved.inquiry_id,
        ),
        "success",
    )
    if not moved.can_open:
        # Limited to comments: the staff who answer inquiries will find it in their queue.
        return _back_to_queue(request.form)
    return redirect(url_for("moderation.inquiry_detail", inquiry_id=moved.inquiry_id), code=303)


@bp.get("/inquiries/<int:inquiry_id>")
def inquiry_detail(inquiry_id: int) -> str:
    inquiry = services.open_inquiry(current_user, inquiry_id)
    assignee = next(
        (m for m in services.active_moderators() if m.id == inquiry.assigned_to_id), None
    )
    # Only people who may open the inquiry are offered: the others could not act on it.
    moderators = services.active_moderators(able_to_open=inquiry)
    # A canned reply picked with ?canned=<id> (a GET form, so it works without JavaScript)
    # fills the answer box; the text is only sent when staff press "Send answer".
    canned_id = request.args.get("canned", type=int)
    answer_text = (
        canned.fill_canned(canned.get_canned(canned_id), inquiry) if canned_id is not None else ""
    )
    return render_template(
        "moderation/inquiry.html",
        inquiry=inquiry,
        topic_label=translate(
            dict(current_app.config["INQUIRY_TOPICS"]).get(inquiry.topic, inquiry.topic)
        ),
        assignee=assignee,
        moderators=moderators,
        history=services.history_of("inquiry", inquiry.id),
        conversation=services.conversation_of(inquiry),
        canned_replies=canned.list_canned(),
        canned_id=canned_id,
        answer_text=answer_text,
        # Who opened, answered and exported it: for administrators only.
        access=access_report([inquiry.id])[inquiry.id] if current_user.is_admin else None,
        actions=services.allowed_actions("inquiry", inquiry.status.value),
        can_answer=services.can_answer(inquiry),
        overdue=queue.is_overdue(inquiry, queue.overdue_cutoff()),
        noindex=True,
    )


@bp.post("/inquiries/<int:inquiry_id>/answer")
def answer_inquiry(inquiry_id: int) -> Response:
    return _act_on_inquiry(
        inquiry_id,
        "answer",
        request.form.get("note", ""),
        gettext(
            "Your answer is kept in the conversation; the patient is told by mail that a "
            "reply is waiting, with a link to read it."
        ),
    )


@bp.post("/inquiries/<int:inquiry_id>/note")
def note_inquiry(inquiry_id: int) -> Response:
    try:
        services.add_note(current_user, inquiry_id, request.form.get("note", ""))
    except ValidationFailed as error:
        flash(translate(error.message), "error")
    else:
        flash(gettext("Internal note added. The patient never sees it."), "success")
    return redirect(
        url_for("moderation.inquiry_detail", inquiry_id=inquiry_id, _anchor="conversation-title"),
        code=303,
    )


@bp.post("/inquiries/<int:inquiry_id>/assign")
def assign_inquiry(inquiry_id: int) -> Response:
    to = request.form.get("to", "")
    return _act_on_inquiry(
        inquiry_id,
        "assign",
        to,
        gettext("Assigned to %(address)s.", address=to)
        if to
        else gettext("Nobody is assigned now."),
    )


def _act_on_inquiry(inquiry_id: int, action: str, note: str, success: str) -> Response:
    """Carry out an action from the inquiry's page and go back to it, saying how it went."""
    try:
        services.act(current_user, "inquiry", inquiry_id, action, note=note, source="page")
    except DomainError as error:
        flash(translate(error.message), "error")
    else:
        flash(success, "success")
    return redirect(url_for("moderation.inquiry_detail", inquiry_id=inquiry_id), code=303)
