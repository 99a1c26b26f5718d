"""Domain errors, and the one place where every error becomes a JSON body or an HTML page."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from service.web.i18n import N_
from service.web.requestlog import loggable

log = logging.getLogger(__name__)


class DomainError(Exception):
    """An expected failure with a message a person understands."""

    code = "error"
    http_status = 400
    default_message = "The request could not be processed."
    headers: dict[str, str] | None = None  # sent with the answer, e.g. Retry-After

    def __init_subclass__(cls, *, code: str = "", status: int = 0, **kwargs: Any) -> None:
        """A subclass names its code, and its status where it differs, in its class line:
        `class Gone(DomainError, code="gone", status=410)`."""
        super().__init_subclass__(**kwargs)
        cls.code = code or cls.code
        cls.http_status = status or cls.http_status

    def __init__(self, message: str | None = None, fields: dict[str, list[str]] | None = None):
        super().__init__(message or self.default_message)
        self.message = message or self.default_message
        self.fields = fields


class ValidationFailed(DomainError, code="invalid", status=400):
    default_message = "Some fields need attention."


class NotFound(DomainError, code="not_found", status=404):
    default_message = "There is nothing here."


class Forbidden(DomainError, code="forbidden", status=403):
    default_message = "You are not allowed to do that."


class Conflict(DomainError, code="conflict", status=409):
    default_message = "That conflicts with the current state; try again."


class Unprocessable(DomainError, code="unprocessable", status=422):
    default_message = "The request is well-formed but cannot be carried out."


# Short codes and plain-language messages for the HTTP errors the app can answer.
HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    400: (
        "bad_request",
        N_("The request could not be understood. Check what was sent and try again."),
    ),
    401: ("unauthorized", N_("Please sign in first.")),
    403: ("forbidden", N_("You are not allowed to do that.")),
    404: ("not_found", N_("There is nothing at this address.")),
    405: ("method_not_allowed", N_("This address does not accept that kind of request.")),
    409: ("conflict", N_("That conflicts with the current state; try again in a moment.")),
    413: ("too_large", N_("What you sent is too large. Please shorten it and try again.")),
    415: (
        "unsupported_media_type",
        N_("Send the request body as JSON with the header Content-Type: application/json."),
    ),
    422: ("unprocessable", N_("The request is well-formed but cannot be carried out.")),
    429: (
        "rate_limited",
        N_("Too many requests from your address. Please wait a moment and retry."),
    ),
    500: ("server_error", N_("Something went wrong on our side. Nothing you did caused it.")),
    503: ("unavailable", N_("The service is briefly unavailable. Please try again shortly.")),
}


def wants_json() -> bool:
    """API paths always answer JSON; elsewhere, a client that asks only for JSON gets it."""
    if request.path.startswith("/api/") or request.path == "/healthz":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and not request.accept_mimetypes.accept_html


def error_response(
    status: int,
    message: str | None = None,
    code: str | None = None,
    fields: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Build the contract's error body, or the matching error page."""
    default_code, default_message = HTTP_MESSAGES.get(status, HTTP_MESSAGES[400])
    code = code or default_code
    message = message or default_message
    if wants_json():
        body: dict[str, Any] = {"error": code, "message": message}
        if fields:
            body["fields"] = fields
        response = jsonify(body)
    else:
        response = Response(
            render_template("errors/error.html", status=status, message=message),
            mimetype="text/html",
        )
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _roll_back_the_session() -> None:
    """Undo the request's unfinished transaction. The session is reached through the app's
    extension registry, so web plumbing does not import the data layer."""
    extension = current_app.extensions.get("sqlalchemy")
    if extension is not None:
        extension.session.rollback()


def register_error_handlers(app: Flask) -> None:
    """Map domain errors, HTTP errors and anything unexpected to JSON or HTML."""

    @app.errorhandler(DomainError)
    def _domain(error: DomainError) -> Response:
        return error_response(
            error.http_status, error.message, error.code, error.fields, error.headers
        )

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        status = error.code or 500
        headers = {}
        if status == 429:
            retry_after = getattr(error, "retry_after", None)
            headers["Retry-After"] = str(retry_after or 60)
        valid_methods = getattr(error, "valid_methods", None)
        if status == 405 and valid_methods:
            headers["Allow"] = ", ".join(valid_methods)
        message = None
        if status == 400 and getattr(error, "description", "").startswith("The CSRF"):
            message = N_(
                "The form expired or was sent from elsewhere. Please reload it and try again."
            )
        return error_response(status, message, headers=headers)

    @app.errorhandler(OperationalError)
    def _database_unavailable(error: OperationalError) -> Response:
        _roll_back_the_session()
        log.warning(
            "database unavailable on %s %s (%s)",
            loggable(request.method),
            loggable(request.path),
            type(error.orig).__name__ if error.orig is not None else "OperationalError",
        )
        return error_response(
            503,
            "The service cannot reach its database right now. Nothing was saved; please "
            "try again in a moment.",
            headers={"Retry-After": "5"},
        )

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        _roll_back_the_session()
        # The type and the stack only: an exception's text can quote what a visitor wrote.
        log.error(
            "unhandled %s on %s %s\n%s",
            type(error).__name__,
            loggable(request.method),
            loggable(request.path),
            "\n".join(
                f"  {frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(error.__traceback__)
            ),
        )
        return error_response(500)
