"""Reply notifications through the JSON API: the same answer whatever the address."""

from __future__ import annotations

from flask import jsonify

from service.api.comments import THREAD_KEY, comments
from service.api.operations import Answer
from service.api.shapes import SubscriptionReceipt
from service.comments.threadkeys import normalise_thread_key
from service.submissions.idempotency import current_claim
from service.submissions.subscriptions import (
    SubscriptionBody,
    SubscriptionRequest,
    subscribe,
)
from service.web.i18n import current_language, pick_language


@comments.post(
    "/threads/<thread_key:key>/subscriptions",
    merge_slashes=False,
    rate_limited=True,
    idempotency="subscriptions",
    operation_id="createSubscription",
    summary="Ask for reply notifications by mail",
    description="An address not yet confirmed gets one mail with a confirmation link (at most "
    "one an hour) and nothing else until it is confirmed.",
    path=THREAD_KEY,
    body=SubscriptionBody,
    answers=(
        Answer(
            202,
            "The same answer whether the address is confirmed, unknown, or was sent a "
            "confirmation in the last hour.",
            SubscriptionReceipt,
        ),
    ),
    refusals={404: "`comment_id` is not a comment of this thread."},
)
def create_subscription(key: str, body: SubscriptionBody):
    chosen = pick_language(body.lang.split(",")) if body.lang else None
    answer = subscribe(
        normalise_thread_key(key),
        SubscriptionRequest(body.email, body.comment_id),
        chosen or current_language(),
        claim=current_claim(),
    )
    return jsonify(answer), 202
