"""Reply notifications through the JSON API: the same answer whatever the address."""

from __future__ import annotations

from flask import jsonify

from service.api.blueprint import bp, read_json_object
from service.comments.threadkeys import normalise_thread_key
from service.submissions.idempotency import current_claim, idempotent
from service.submissions.ratelimits import submission_limits
from service.submissions.subscriptions import read_subscription_request, subscribe
from service.web.i18n import current_language, pick_language


@bp.post("/threads/<thread_key:key>/subscriptions", merge_slashes=False)
@submission_limits
@idempotent("subscriptions")
def create_subscription(key: str):
    data = read_json_object()
    entry = read_subscription_request(data)
    lang = data.get("lang")
    chosen = pick_language(lang[:100].split(",")) if isinstance(lang, str) else None
    answer = subscribe(
        normalise_thread_key(key), entry, chosen or current_language(), claim=current_claim()
    )
    return jsonify(answer), 202
