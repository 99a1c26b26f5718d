"""The public JSON API's blueprint and the guards every endpoint shares.

Cross-site defence without tokens: a write must declare `Content-Type: application/json`
(which forces a CORS preflight) and must not come from a foreign `Origin`. CORS answers name
the allowed origin, never `*`, never credentials.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, jsonify, request

from service.web.errors import DomainError, Forbidden
from service.web.origins import cors_headers, origin_allowed

bp = Blueprint("api", __name__, url_prefix="/api")

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
ALLOWED_HEADERS = "Content-Type, Idempotency-Key, X-Edit-Token"


class UnsupportedMediaType(DomainError, code="unsupported_media_type", status=415):
    default_message = (
        "Send the request body as JSON with the header Content-Type: application/json."
    )


class InvalidJson(DomainError, code="invalid_json", status=400):
    default_message = "The request body is not valid JSON."


@bp.before_request
def _guard() -> Response | None:
    req = request._get_current_object()  # type: ignore[attr-defined]  (one proxy lookup)
    origin = req.headers.get("Origin")
    method = req.method
    if method == "OPTIONS":
        return _preflight(origin)
    if req.path.startswith("/api/moderation/"):
        return None  # bearer tokens only; see the moderation API
    if origin is not None and not origin_allowed(origin):
        raise Forbidden(
            f"This site ({origin[:100]}) is not allowed to send requests here. Add it to "
            "ALLOWED_ORIGINS, or set PUBLIC_URL to the address the service is reached at."
        )
    has_body = method in WRITE_METHODS and method != "DELETE"
    if has_body and req.mimetype != "application/json":
        raise UnsupportedMediaType()
    return None


def _preflight(origin: str | None) -> Response:
    if origin is None or not origin_allowed(origin):
        raise Forbidden("This site is not allowed to send requests here.")
    response = Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, PATCH, DELETE"
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response.headers["Access-Control-Max-Age"] = "600"
    return response


@bp.after_app_request
def _cors(response: Response) -> Response:
    if not request.path.startswith("/api/") or request.path.startswith("/api/moderation/"):
        return response
    headers = response.headers
    vary = headers.get("Vary")
    if not vary:
        headers["Vary"] = "Origin"  # the common case, without parsing a header set
    else:
        response.vary.add("Origin")
    for name, value in cors_headers(request.headers.get("Origin")):
        headers[name] = value
    return response


def _no_constants(value: str) -> Any:
    raise ValueError(f"{value} is not a number JSON allows")


def _finite_float(value: str) -> float:
    number = float(value)
    if number in (float("inf"), float("-inf")):
        raise ValueError("number out of range")
    return number


def read_json_object() -> dict[str, Any]:
    """The request body as a JSON object. Raises InvalidJson with a plain message."""
    raw = request.get_data(cache=True)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidJson("The request body is not valid UTF-8.") from None
    try:
        data = json.loads(text, parse_constant=_no_constants, parse_float=_finite_float)
    except (ValueError, RecursionError):
        raise InvalidJson() from None
    if not isinstance(data, dict):
        raise InvalidJson("The request body must be a JSON object ({...}).")
    return data


def json_response(value: Any, *, cache_control: str) -> Response:
    """`value` as a JSON answer that says how long it may be kept (`Cache-Control`)."""
    response = jsonify(value)
    response.headers["Cache-Control"] = cache_control
    return response
