"""Logging: one line per request with a request id; never a query string or a body."""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, has_request_context, request

log = logging.getLogger("service.request")
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def loggable(value: str) -> str:
    """`value` fit for a log line: a backslash escape for every character that is not
    printable (CR, LF, escape, other control and format characters, line separators, lone
    surrogates) and for the backslash itself, so text from a request can neither start a
    forged line, nor colour or rewrite a terminal, nor pass for an escape of ours."""
    if value.isprintable() and "\\" not in value:
        return value
    return "".join(_escape(character) for character in value)


def _escape(character: str) -> str:
    if character == "\\":
        return "\\\\"
    if character.isprintable():
        return character
    code = ord(character)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context():
            record.request_id = g.get("request_id", "-")
        elif not hasattr(record, "request_id"):  # lines logged outside Flask may bring theirs
            record.request_id = "-"
        return True


class _NoQueryStrings(logging.Filter):
    """Cut query strings out of the development server's access lines (a mail link's token
    travels in one, `/moderation/link?t=...`, and must never reach a log), and escape what
    is left of the request line (see `loggable`)."""

    _QUERY = re.compile(r"\?[^\s\"]*")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                loggable(self._QUERY.sub("", arg)) if isinstance(arg, str) else arg
                for arg in record.args
            )
        elif isinstance(record.msg, str):
            record.msg = loggable(self._QUERY.sub("", record.msg))
        return True


def configure_logging(app: Flask) -> None:
    """Send the service's log lines to stderr with the request id in each."""
    root = logging.getLogger("service")
    if not any(getattr(h, "_clinic_desk", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler._clinic_desk = True  # type: ignore[attr-defined]
        handler.addFilter(_RequestIdFilter())
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")
        )
        root.addHandler(handler)
    root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    # Our lines name no function, line or process name: two of the logging HOWTO's
    # "Optimization" switches spare every record the work of finding them (finding the caller
    # was most of a record's cost, about 3 of 8 us). The switches are global, so they stay off
    # for the fields other formats print as numbers: gunicorn's error log prints
    # `%(process)d`, and a record without a process id broke every line a worker wrote
    # ("--- Logging error ---"). Leaving the process id and thread on cost nothing measurable.
    logging._srcfile = None  # type: ignore[attr-defined]
    logging.logMultiprocessing = False
    werkzeug_log = logging.getLogger("werkzeug")
    if not any(isinstance(f, _NoQueryStrings) for f in werkzeug_log.filters):
        werkzeug_log.addFilter(_NoQueryStrings())
    # SQLAlchemy logs statements only when asked; parameters are hidden at the engine.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)


def note(text: str) -> None:
    """Add `text` to the current request's log line; outside a request, log it on its own.

    One line per request, with what the request did, costs less than a line per step."""
    if has_request_context():
        g.log_note = text
    else:
        log.info("%s", text)


def register_request_logging(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        supplied = request.headers.get("X-Request-ID", "")
        context = g._get_current_object()  # type: ignore[attr-defined]  (one proxy lookup)
        context.request_id = supplied if REQUEST_ID_PATTERN.match(supplied) else uuid.uuid4().hex
        context.started = time.perf_counter()

    @app.after_request
    def _log(response: Response) -> Response:
        context = g._get_current_object()  # type: ignore[attr-defined]  (one proxy lookup)
        req = request._get_current_object()  # type: ignore[attr-defined]
        started = context.get("started")
        elapsed_ms = (time.perf_counter() - started) * 1000 if started else 0.0
        # request.path carries no query string, so tokens in `?token=` never reach a log.
        method, path = loggable(req.method), loggable(req.path)
        outcome = context.get("log_note")
        if outcome is None:
            log.info("%s %s %s %.1fms", method, path, response.status_code, elapsed_ms)
        else:
            log.info(
                "%s %s %s %.1fms: %s",
                method,
                path,
                response.status_code,
                elapsed_ms,
                outcome,
            )
        request_id = context.get("request_id")
        if request_id is not None:
            response.headers["X-Request-ID"] = request_id
        return response
