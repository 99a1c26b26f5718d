"""Administrators' webhook screen: register endpoints, send a test event, read the log."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from service.data.models import OutboxStatus
from service.moderation.account_forms import WebhookForm, takes_form
from service.moderation.blueprint import bp
from service.moderation.permissions import admin_required
from service.moderation.webhook_endpoints import (
    add_endpoint,
    delivery_log,
    list_endpoints,
    remove_endpoint,
    send_test_event,
)


@bp.get("/webhooks")
@admin_required
def webhooks(form: WebhookForm | None = None, status: int = 200, secret: str = "") -> Any:
    """The webhook page; adding an endpoint shows it again with its form and a 400, or with
    the new endpoint's secret."""
    return (
        render_template(
            "moderation/webhooks.html",
            endpoints=list_endpoints(),
            log=delivery_log(),
            form=form or WebhookForm(formdata=None),
            new_secret=secret,
        ),
        status,
    )


@bp.post("/webhooks")
@admin_required
@takes_form(WebhookForm, lambda form: webhooks(form, 400))
def webhooks_add(form: WebhookForm) -> Any:
    created = add_endpoint(
        form.label.data or "",
        form.url.data or "",
        form.format.data or "",
        list(form.events.data or []),
        current_user._get_current_object(),
    )
    flash(gettext("Added the endpoint “%(label)s”.", label=created.endpoint.label))
    # The secret is shown on this answer only; it is not on the page again.
    return webhooks(WebhookForm(formdata=None), 200, created.secret)


@bp.post("/webhooks/<int:endpoint_id>/remove")
@admin_required
def webhooks_remove(endpoint_id: int) -> Any:
    endpoint = remove_endpoint(endpoint_id, current_user._get_current_object())
    flash(gettext("Removed the endpoint “%(label)s” and its log.", label=endpoint.label))
    return redirect(url_for("moderation.webhooks"), 303)


@bp.post("/webhooks/<int:endpoint_id>/test")
@admin_required
def webhooks_test(endpoint_id: int) -> Any:
    delivery = send_test_event(endpoint_id, current_user._get_current_object())
    if delivery.status is OutboxStatus.SENT:
        flash(
            gettext(
                "The test event was delivered (HTTP %(status)s).", status=delivery.response_status
            )
        )
    else:
        flash(
            gettext(
                "The test event was not delivered: %(error)s. It is tried again later; the log "
                "below shows each attempt.",
                error=delivery.last_error or "",
            ),
            "error",
        )
    return redirect(url_for("moderation.webhooks"), 303)
