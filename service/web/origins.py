"""Which other sites' pages may use the public API and the embed, and what CORS answers tell
them. Shared by the JSON API, the embed frame and the cached thread reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app


def own_origin(config: Mapping[str, Any] | None = None) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit((config or current_app.config)["PUBLIC_URL"] or "")
    return f"{parts.scheme}://{parts.netloc}"


def origin_allowed(origin: str, config: Mapping[str, Any] | None = None) -> bool:
    """Whether a page of `origin` may use the public API (`config`: outside a request)."""
    config = config or current_app.config
    origin = origin.rstrip("/")
    return origin == own_origin(config) or origin in config["ALLOWED_ORIGINS"]


def cors_headers(
    origin: str | None, config: Mapping[str, Any] | None = None
) -> list[tuple[str, str]]:
    """What a public API answer tells the browser of an allowed page (nothing to others)."""
    if origin and origin_allowed(origin, config):
        return [
            ("Access-Control-Allow-Origin", origin.rstrip("/")),
            ("Access-Control-Expose-Headers", "ETag, Retry-After"),
        ]
    return []
