"""Security headers on every response."""

from __future__ import annotations

import functools
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


@functools.cache
def security_headers(
    production: bool, frame_ancestors: str = "'none'"
) -> tuple[tuple[str, str], ...]:
    """The headers every response carries unless its view set them itself."""
    headers = [
        ("Content-Security-Policy", content_security_policy(frame_ancestors)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ]
    if frame_ancestors == "'none'":
        headers.append(("X-Frame-Options", "DENY"))
    headers.append(("Cross-Origin-Opener-Policy", "same-origin"))
    headers.append(("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
    if production:
        headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return tuple(headers)


def register_security_headers(app: Flask) -> None:
    production = app.config.get("ENV_NAME") == "production"

    trust_none = app.config.get("TRUSTED_PROXIES", 0) == 0
    warned = {"forwarded": False}

    @app.before_request
    def _warn_untrusted_forwarding() -> None:
        # With TRUSTED_PROXIES=0 forwarded headers are ignored: a proxy in front of us would
        # make every client look like the proxy. Say so once per process.
        headers = request.headers
        forwarded = any(name in headers for name in FORWARDED_HEADERS)
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
        # One pass over the headers a view set, then appends (setdefault would scan each time).
        present = {name.lower() for name, _value in headers.items()}
        for name, value in security_headers(production, g.get("frame_ancestors", "'none'")):
            if name.lower() not in present:
                headers.add(name, value)
        return response
