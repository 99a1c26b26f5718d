"""Security headers on every response, and the request body limit wherever a body is sent."""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

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


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
_READ_SIZE = 64 * 1024


class ChunkedBodyLimit:
    """Gives a body sent without `Content-Length` (`Transfer-Encoding: chunked`) a length
    before the app sees it, so `MAX_CONTENT_LENGTH` refuses it with `413` as it refuses a
    declared one.

    Werkzeug reads such a body only up to the limit and stops there without an error, so a
    JSON body over the limit arrived cut short and was answered `400 invalid_json`. Here the
    body is read up to one byte past the limit: a body that fits is handed on with its length;
    a longer one is handed on with that first part and a length one past the limit, which
    Werkzeug and `_refuse_oversized_bodies` answer with `413` before any view reads it.
    Only for servers that dechunk the body themselves (`wsgi.input_terminated`: gunicorn, the
    Werkzeug server). The rest of an oversized body is read and dropped, up to
    `DRAIN_LIMIT`, so that a client still sending gets the `413` instead of a broken
    connection; past that the connection is closed under it."""

    DRAIN_LIMIT = 16 * 1024 * 1024

    def __init__(self, wsgi_app: WSGIApp, limit: int) -> None:
        self.wsgi_app = wsgi_app
        self.limit = limit

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]):
        if (
            environ.get("wsgi.input_terminated")
            and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        ):
            stream = environ["wsgi.input"]
            body = _read_at_most(stream, self.limit + 1)
            if len(body) > self.limit:
                _drop_at_most(stream, self.DRAIN_LIMIT)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            # From here on the body is a plain one of known length (Werkzeug ignores a
            # length beside `chunked`).
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.wsgi_app(environ, start_response)


def _read_at_most(stream: Any, size: int) -> bytes:
    parts: list[bytes] = []
    left = size
    while left > 0:
        part = stream.read(min(_READ_SIZE, left))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _drop_at_most(stream: Any, size: int) -> None:
    left = size
    while left > 0:
        part = stream.read(min(_READ_SIZE, left))
        if not part:
            return
        left -= len(part)


def register_body_limit(app: Flask) -> None:
    """Apply `MAX_CONTENT_LENGTH` to chunked bodies too (see ChunkedBodyLimit)."""
    limit = app.config.get("MAX_CONTENT_LENGTH")
    if limit:
        app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, limit)  # type: ignore[method-assign]


def register_security_headers(app: Flask) -> None:
    register_body_limit(app)
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
