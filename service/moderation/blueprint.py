"""The moderators' pages under /moderation/. Route modules attach to this one blueprint.

Every page needs a logged-in, active moderator, except the few marked `public_endpoint`
(login, two-factor step, mail-link confirmation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, g
from flask_login import current_user

from service.data.extensions import login_manager
from service.moderation import labels
from service.submissions.staffscope import act_as
from service.web.i18n import translate

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


def _labeller(table: dict[str, Any]) -> Callable[[str], str]:
    def label_of(value: str) -> str:
        return translate(labels.label(table, value))

    return label_of


# The staff templates name statuses, verdicts, kinds, actions, reasons and audit entries in the
# reader's language.
for _name, _table in {
    "status_label": labels.STATUS_LABELS,
    "verdict_label": labels.VERDICT_LABELS,
    "kind_label": labels.KIND_LABELS,
    "kinds_label": labels.KIND_PLURAL_LABELS,
    "action_label": labels.ACTION_LABELS,
    "role_label": labels.ROLE_LABELS,
    "block_kind_label": labels.BLOCK_KIND_LABELS,
    "reason_label": labels.REASON_LABELS,
    "audit_action_label": labels.AUDIT_ACTION_LABELS,
    "access_label": labels.ACCESS_LABELS,
    "audit_detail_label": labels.AUDIT_DETAIL_LABELS,
    "webhook_event_label": labels.WEBHOOK_EVENT_LABELS,
    "webhook_format_label": labels.WEBHOOK_FORMAT_LABELS,
}.items():
    bp.add_app_template_global(_labeller(_table), _name)
bp.add_app_template_global(labels.reason_detail, "reason_detail")
bp.add_app_template_global(labels.audit_detail_value, "audit_detail_value")

PUBLIC_ENDPOINTS: set[str] = set()


def public_endpoint(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let a moderation view be reached without a login (it checks something else)."""
    PUBLIC_ENDPOINTS.add(view.__name__)
    return view


@bp.before_request
def _require_login() -> Any:
    from flask import request

    g.frame_ancestors = "'none'"
    endpoint = (request.endpoint or "").rpartition(".")[2]
    if endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    # Every item this request reads is limited to what this account may see (404 otherwise).
    act_as(current_user._get_current_object())
    return None
