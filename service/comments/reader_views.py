"""Readers' reply notifications: the "follow this thread" form, the confirmation link, the
one-click unsubscribe (RFC 8058) and the page that manages an address's subscriptions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from service.comments.threadkeys import normalise_thread_key
from service.data.extensions import csrf
from service.submissions.ratelimits import submission_limits
from service.submissions.subscriptions import (
    SubscriptionRequest,
    check_confirmation_link,
    confirm_address,
    manage_view,
    read_digest,
    read_subscription_request,
    set_digest,
    stop_all,
    stop_one,
    subscribe,
    unsubscribe,
)
from service.web.errors import ValidationFailed
from service.web.i18n import N_, current_language

bp = Blueprint("readers", __name__)


def subscription_answer() -> str:
    """What a reader is told after asking, whatever the address (the same words everywhere)."""
    return gettext(
        "Thank you. If this address still needs confirming, we have sent it a mail with a "
        "link; reply notifications start once it is confirmed."
    )


def ask_for_notifications(key: str, email: str, comment_id: int | None = None) -> None:
    """Subscribe from one of our pages, in the reader's language."""
    subscribe(normalise_thread_key(key), SubscriptionRequest(email, comment_id), current_language())


@bp.post("/threads/<thread_key:key>/follow", merge_slashes=False)
@submission_limits
def follow_thread(key: str):
    key = normalise_thread_key(key)
    try:
        entry = read_subscription_request({"email": request.form.get("email")})
    except ValidationFailed as error:
        raise ValidationFailed(
            N_("Please enter a valid email address to follow this thread."), error.fields
        ) from None
    subscribe(key, entry, current_language())
    flash(subscription_answer())
    return redirect(url_for("comments.thread_page", key=key, _anchor="follow"), 303)


@bp.route("/subscriptions/confirm", methods=["GET", "POST"])
def confirm():
    token = request.values.get("t")
    if request.method == "GET":
        check_confirmation_link(token)
        return render_template("readers/confirm.html", token=token, noindex=True)
    manage = confirm_address(token)
    flash(gettext("Your address is confirmed: you will hear about replies."), "success")
    return redirect(url_for(".manage", t=manage), 303)


# A mail client's one-click POST carries no cookie and no CSRF token (RFC 8058); the signed
# token in the address is what authorises it, and it can only end subscriptions.
@bp.route("/subscriptions/unsubscribe", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe_link():
    token = request.args.get("t") or request.form.get("t")
    if request.method == "GET":
        return render_template("readers/unsubscribe.html", token=token, noindex=True)
    unsubscribe(token)
    if request.form.get("List-Unsubscribe") == "One-Click":
        return gettext("You are unsubscribed."), 200, {"Content-Type": "text/plain; charset=utf-8"}
    return render_template("readers/unsubscribed.html", noindex=True)


@bp.route("/subscriptions/manage", methods=["GET", "POST"])
def manage():
    token = request.values.get("t")
    if request.method == "POST":
        action = request.form.get("action")
        if action == "digest":
            set_digest(token, read_digest(request.form.get("digest")))
            flash(gettext("Your choice is saved."), "success")
        elif action == "stop":
            raw = request.form.get("subscription", "")
            if not raw.isdecimal() or len(raw) > 10:
                raise ValidationFailed(N_("Choose a subscription to stop."))
            stop_one(token, int(raw))
            flash(gettext("That subscription is stopped."), "success")
        elif action == "stop_all":
            stop_all(token)
            flash(gettext("Every subscription of this address is stopped."), "success")
        else:
            raise ValidationFailed(N_("Choose what to change."))
        return redirect(url_for(".manage", t=token), 303)
    return render_template(
        "readers/manage.html", view=manage_view(token), token=token, noindex=True
    )
