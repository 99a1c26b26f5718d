"""Cached thread reads answered in front of Flask.

`GET /api/threads/<key>/comments` (no query string) is the hottest request of an embedded
comment section. When its page is in the thread cache at the thread's current version, this
WSGI layer answers it directly: one indexed version lookup on a connection of the app's pool,
the cached bytes, and the same headers, request id, log line and metrics count as the Flask
view. Everything else, and every case it is not sure of (a cache miss, a query string,
a foreign origin, a moderator's session cookie, forwarded headers to warn about, a database
error), goes to Flask unchanged, which renders, fills the cache and answers errors.

A fast path: it bypasses Flask for speed, and the plain equivalent is the Flask view
`thread_comments` (service/api/comments.py), which answers the same bytes from the same
per-worker cache (service/comments/threadcache.py) after Flask's request handling. The
setting FAST_THREAD_READS=0 leaves the layer out, so that every read goes to the view;
measured side by side it serves several times as many cached reads per second, so it stays
(docs/architecture.md, "Devices that bypass the framework").
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.http import http_date, parse_etags, quote_etag

from service.comments.services import DEFAULT_PAGE, DEFAULT_SORT
from service.comments.threadcache import VERSION_QUERY, CachedThread, ThreadCache
from service.comments.threadkeys import InvalidThreadKey, normalise_thread_key
from service.web.counters import REQUESTS
from service.web.origins import cors_headers
from service.web.requestlog import REQUEST_ID_PATTERN, loggable
from service.web.security import FORWARDED_HEADERS, security_headers

log = logging.getLogger("service.request")

PREFIX = "/api/threads/"
SUFFIX = "/comments"
_FORWARDED_KEYS = tuple("HTTP_" + name.upper().replace("-", "_") for name in FORWARDED_HEADERS)

StartResponse = Callable[..., Any]


class CachedThreadReads:
    """WSGI middleware: serve current cached thread pages, pass everything else on."""

    def __init__(self, app: Flask, wsgi_app: Callable[[dict, StartResponse], Iterable[bytes]]):
        self.app = app
        self.wsgi_app = wsgi_app
        self.cache: ThreadCache = app.extensions["thread_cache"]
        # The cache key of a request with no query string.
        self.page = (None, DEFAULT_PAGE, DEFAULT_SORT)
        config = app.config
        self.session_cookie = (config.get("SESSION_COOKIE_NAME") or "session") + "="
        self.warn_forwarded = config.get("TRUSTED_PROXIES", 0) == 0
        self.static_headers = [
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-cache"),
            # As the Flask view's answer: the moderators' idle check reads the session.
            ("Vary", "Origin, Cookie"),
            *security_headers(config.get("ENV_NAME") == "production"),
        ]
        self._version_lookup: tuple[Any, str, bool] | None = None

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        key = self._eligible_key(environ)
        if key is not None:
            origin = environ.get("HTTP_ORIGIN")
            cors = cors_headers(origin, self.app.config) if origin is not None else []
            if origin is None or cors:
                entry = self._current(key)
                if entry is not None:
                    return self._answer(environ, start_response, entry, cors, started)
        return self.wsgi_app(environ, start_response)

    def _eligible_key(self, environ: dict) -> str | None:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("QUERY_STRING"):
            return None
        path = environ.get("PATH_INFO", "")
        if not (path.startswith(PREFIX) and path.endswith(SUFFIX)):
            return None
        if environ.get("CONTENT_LENGTH") not in (None, "", "0"):
            return None  # a body on a GET: Flask decides (413 for an oversized one)
        if self.session_cookie in environ.get("HTTP_COOKIE", ""):
            return None  # a moderator's session: Flask keeps its idle timer
        if self.warn_forwarded and any(name in environ for name in _FORWARDED_KEYS):
            return None  # Flask warns about ignored forwarded headers
        try:
            raw = path[len(PREFIX) : -len(SUFFIX)].encode("latin-1").decode("utf-8")
            return normalise_thread_key(raw)
        except (UnicodeError, InvalidThreadKey):
            return None

    def _current(self, key: str) -> CachedThread | None:
        """The cached page if it was made at the thread's current version, else None."""
        try:
            version = self._version(key)
        except Exception:  # any database trouble: Flask answers it (503 and all)
            return None
        if version is None:
            return None
        return self.cache.get((key, *self.page), version)

    def _version(self, key: str) -> tuple[int, int] | None:
        engine, sql, positional = self._lookup()
        connection = engine.raw_connection()  # from the app's pool, and back into it
        try:
            cursor = connection.cursor()
            cursor.execute(sql, (key,) if positional else {"key": key})
            row = cursor.fetchone()
            cursor.close()
        finally:
            connection.close()
        return (row[0], row[1]) if row is not None else None

    def _lookup(self) -> tuple[Any, str, bool]:
        """The app's engine and the thread cache's own version query, compiled for its driver
        once (the layer runs it on a plain driver connection)."""
        if self._version_lookup is None:
            from service.data.extensions import db

            with self.app.app_context():
                engine = db.engine
            compiled = VERSION_QUERY.compile(dialect=engine.dialect)
            self._version_lookup = (engine, compiled.string, compiled.positional)
        return self._version_lookup

    def _answer(
        self,
        environ: dict,
        start_response: StartResponse,
        entry: CachedThread,
        cors: list[tuple[str, str]],
        started: float,
    ) -> Iterable[bytes]:
        supplied = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = supplied if REQUEST_ID_PATTERN.match(supplied) else uuid.uuid4().hex
        etag = quote_etag(entry.etag)
        matches = environ.get("HTTP_IF_NONE_MATCH")
        not_modified = matches is not None and parse_etags(matches).contains_weak(entry.etag)
        headers = [
            *self.static_headers,
            ("Date", _http_date_now()),
            ("ETag", etag),
            *cors,
            ("X-Request-ID", request_id),
        ]
        if not_modified:
            status, body = 304, b""
            headers = [(name, value) for name, value in headers if name != "Content-Type"]
        else:
            status, body = 200, entry.body
            headers.append(("Content-Length", str(len(body))))
        start_response("304 NOT MODIFIED" if not_modified else "200 OK", headers)
        REQUESTS.labels(str(status)).inc()
        if log.isEnabledFor(logging.INFO):
            log.info(
                "%s %s %s %.1fms",
                "GET",
                loggable(environ.get("PATH_INFO", "")),
                status,
                (time.perf_counter() - started) * 1000,
                extra={"request_id": request_id},
            )
        return [body]


_date: list = [0, ""]  # the second and its HTTP date, formatted once per second


def _http_date_now() -> str:
    now = int(time.time())
    if _date[0] != now:
        _date[0], _date[1] = now, http_date(now)
    return _date[1]


def install(app: Flask) -> None:
    """Put the cached-read layer in front of the app (outside any proxy fix: it needs no
    client address)."""
    app.wsgi_app = CachedThreadReads(app, app.wsgi_app)  # type: ignore[method-assign]
