"""Security headers on every response."""

from __future__ import annotations

import logging

from flask import Flask, Response, abort, g, request

log = logging.getLogger(__name__)
FORWARDED_HEADERS = ("X-Forwarded-For", "X-Real-IP", "Forwarded")


def content_security_policy(frame_ancestors: str = "'none'") -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def register_security_headers(app: Flask) -> None:
    production = app.config.get("ENV_NAME") == "production"

    trust_none = app.config.get("TRUSTED_PROXIES", 0) == 0
    warned = {"forwarded": False}

    @app.before_request
    def _warn_untrusted_forwarding() -> None:
        # With TRUSTED_PROXIES=0 forwarded headers are ignored: a proxy in front of us would
        # make every client look like the proxy. Say so once per process.
        forwarded = any(name in request.headers for name in FORWARDED_HEADERS)
        if trust_none and forwarded and not warned["forwarded"]:
            warned["forwarded"] = True
            log.warning(
                "A request carried forwarded-address headers, which are ignored because "
                "TRUSTED_PROXIES=0. Behind a reverse proxy, set TRUSTED_PROXIES to the "
                "number of proxies."
            )

    @app.before_request
    def _refuse_oversized_bodies() -> None:
        # Before routing, so an oversized body is 413 wherever it is sent.
        limit = app.config.get("MAX_CONTENT_LENGTH")
        if limit and (request.content_length or 0) > limit:
            abort(413)

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault(
            "Content-Security-Policy", content_security_policy(g.get("frame_ancestors", "'none'"))
        )
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if g.get("frame_ancestors", "'none'") == "'none'":
            headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if production:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
