"""Rate limits for submissions: per client address and a global ceiling."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import current_app

from service.extensions import limiter


def _per_client() -> str:
    return current_app.config["RATELIMIT_SUBMISSIONS"]


def _global() -> str:
    return current_app.config["RATELIMIT_SUBMISSIONS_GLOBAL"]


def _everyone() -> str:
    return "all-clients"


def submission_limits(view: Callable) -> Callable:
    """Limit a submitting view per client address and across every client (`429` past it).

    With `RATELIMIT_ENABLED=0` the view is called straight away: Flask-Limiter's decorators
    would still look up and evaluate the limits on every call."""
    limited = limiter.limit(_per_client, methods=["POST", "PATCH", "DELETE"])(view)
    limited = limiter.shared_limit(
        _global, scope="submissions-global", key_func=_everyone, methods=["POST"]
    )(limited)

    @functools.wraps(view)
    def dispatch(*args: Any, **kwargs: Any) -> Any:
        if current_app.config["RATELIMIT_ENABLED"]:
            return limited(*args, **kwargs)
        return view(*args, **kwargs)

    return dispatch
