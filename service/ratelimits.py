"""Rate limits for submissions: per client address and a global ceiling."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app

from service.extensions import limiter


def _per_client() -> str:
    return current_app.config["RATELIMIT_SUBMISSIONS"]


def _global() -> str:
    return current_app.config["RATELIMIT_SUBMISSIONS_GLOBAL"]


def _everyone() -> str:
    return "all-clients"


def submission_limits(view: Callable) -> Callable:
    """Limit a submitting view per client address and across every client (`429` past it)."""
    view = limiter.limit(_per_client, methods=["POST", "PATCH", "DELETE"])(view)
    return limiter.shared_limit(
        _global, scope="submissions-global", key_func=_everyone, methods=["POST"]
    )(view)
