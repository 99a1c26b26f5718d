"""`GET /api/openapi.json`, written from the views' own declarations, and `GET /api/docs`.

Nothing here describes an endpoint by hand: each `/api/` route of the app's url map has an
`@operation` declaration (`service/api/operations.py`) whose request and answer shapes are the
pydantic models the view validates with. This module turns those into OpenAPI 3.1: paths
from the url map, parameters and bodies from the shapes' JSON Schema, and the refusals every
operation can answer from what it declares. Only what depends on settings is filled in per
request: `servers` (from PUBLIC_URL, never the request's Host) and the inquiry topics.
"""

from __future__ import annotations

import copy
import re
from importlib.metadata import version
from typing import Any

import pydantic
from flask import Flask, current_app, render_template
from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from service.api.blueprint import bp, json_response
from service.api.operations import JSON, Answer, Operation, Routes, operation_of
from service.api.shapes import Error
from service.comments.threadkeys import thread_key_schema
from service.submissions.idempotency import MAX_KEY_LENGTH as MAX_IDEMPOTENCY_KEY

METHODS = ("get", "post", "patch", "delete")
REF = "#/components/schemas/{model}"
_RULE_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")

DESCRIPTION = """\
The public JSON API (inquiries and comments, no login) and the moderation JSON API
(bearer tokens from `flask --app wsgi moderators token EMAIL`).

Every error is JSON: `{"error": "<code>", "message": "<sentence>", "fields": {...}}`, with
`fields` only for validation errors. Timestamps are ISO 8601 in UTC.

Text fields are kept as sent after NFC, with surrounding white space trimmed; a NUL character,
an unpaired surrogate or a control character (other than tab and line breaks) is `400`.
A length limit holds both for the text as sent and after NFC and trimming.

Public writes must be sent as `Content-Type: application/json` (`415` otherwise) and are refused
with `403` when their `Origin` is neither `PUBLIC_URL`'s nor in `ALLOWED_ORIGINS`; CORS answers
(and `OPTIONS` preflights) name the allowed origin, never `*`. A body over 1 MB is `413`.
The moderation API accepts `Authorization: Bearer <token>` only, never a cookie.
"""

REFUSALS: dict[int, str] = {
    400: "The request is invalid: a field (named in `fields`), a query parameter, a path "
    "parameter or malformed JSON.",
    401: "No bearer token, or one that is unknown, expired or revoked, or whose moderator is "
    "deactivated. A session cookie is never accepted here.",
    403: "Refused: the `Origin` is neither `PUBLIC_URL`'s nor in `ALLOWED_ORIGINS`.",
    409: "A request with this `Idempotency-Key` is still being processed; retry in a moment.",
    413: "The request body is over 1 MB.",
    415: "The body was not sent as `Content-Type: application/json`.",
    422: "This `Idempotency-Key` was already used with a different body.",
    429: "A rate limit was hit.",
    503: "The database cannot be reached; nothing was saved.",
}
# Said of every rate-limited operation, after its own description.
SUBMISSION_LIMITS = (
    "Submissions are rate-limited per client address (`RATELIMIT_SUBMISSIONS`) and per network "
    "around it (IPv4 /24, IPv6 /56 and /48); past a limit the answer is `429` with `Retry-After` "
    "and a message naming the address or network. Past the site-wide ceiling "
    "(`RATELIMIT_SUBMISSIONS_GLOBAL`) nothing is refused: submissions are held for a moderator."
)
REFUSAL_HEADERS = {401: ("WWW-Authenticate",), 429: ("Retry-After",), 503: ("Retry-After",)}

HEADERS: dict[str, dict[str, Any]] = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "required": True,
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "ETag": {
        "description": "The version of this page of the thread.",
        "required": True,
        "schema": {"type": "string"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request.",
        "schema": {"const": "true"},
    },
    "WWW-Authenticate": {"required": True, "schema": {"type": "string"}},
}

HEADER_PARAMETERS: dict[str, dict[str, Any]] = {
    "Idempotency-Key": {
        "description": (
            "Makes a retry safe: scoped to the endpoint and the client address and kept 24 "
            "hours. A repeat with the same body gets the first answer (with "
            "`Idempotent-Replayed: true`) and stores nothing; with a different body it is "
            "`422`; while the first is still in flight, `409`. Not 1 to "
            f"{MAX_IDEMPOTENCY_KEY} visible ASCII characters: `400`."
        ),
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_IDEMPOTENCY_KEY,
            "pattern": "^[\\x21-\\x7e]+$",
        },
    },
    "X-Edit-Token": {
        "description": "The `edit_token` of the answer that created the comment.",
        "schema": {"type": "string"},
    },
    "If-None-Match": {
        "description": "An `ETag` from an earlier answer.",
        "schema": {"type": "string"},
    },
}


class _Schemas(GenerateJsonSchema):
    """pydantic's JSON Schema without a `title` on every property."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def _models_in(spec: Operation) -> list[type[pydantic.BaseModel]]:
    found: list[type[pydantic.BaseModel]] = []
    for shape in [spec.body, *(answer.shape for answer in spec.answers)]:
        if isinstance(shape, type) and issubclass(shape, pydantic.BaseModel):
            found.append(shape)
        elif isinstance(shape, dict) and isinstance(shape.get("items"), type):
            found.append(shape["items"])
    return found


def _schema_of(shape: Any) -> dict[str, Any]:
    if isinstance(shape, type):
        return {"$ref": REF.format(model=shape.__name__)}
    if isinstance(shape, dict) and isinstance(shape.get("items"), type):
        return {**shape, "items": _schema_of(shape["items"])}
    return dict(shape)


def _refusals(spec: Operation, path_parameters: bool) -> dict[int, str]:
    """Every refusal an operation can answer, from what it declares."""
    found: dict[int, str] = {}
    if spec.body is not None or spec.query is not None or path_parameters or spec.idempotent:
        found[400] = REFUSALS[400]
    if spec.moderation:
        found[401] = REFUSALS[401]
    else:
        # Every public request with a foreign `Origin` is refused, reads included.
        found[403] = REFUSALS[403]
    if spec.body is not None:
        found[413] = REFUSALS[413]
        if not spec.moderation:
            found[415] = REFUSALS[415]
    if spec.idempotent:
        found[409] = REFUSALS[409]
        found[422] = REFUSALS[422]
    if spec.rate_limited:
        found[429] = REFUSALS[429]
    if spec.database:
        found[503] = REFUSALS[503]
    for status, meaning in spec.refusals.items():
        found[status] = (
            f"{found[status]} {meaning}" if status in found and status != 400 else meaning
        )
    return dict(sorted(found.items()))


def _parameters(spec: Operation, names: list[str], query: dict[str, Any]) -> list[dict]:
    parameters: list[dict[str, Any]] = []
    for name in names:
        declared = spec.path.get(name)
        parameter = {"name": name, "in": "path", "required": True}
        if declared is not None:
            parameter |= {"description": declared.description, "schema": declared.schema}
        else:
            parameter["schema"] = {"type": "string"}
        parameters.append(parameter)
    if spec.query is not None:
        required = set(query.get("required", ()))
        for name, schema in query["properties"].items():
            schema = dict(schema)
            parameter = {"name": name, "in": "query", "required": name in required}
            if "description" in schema:
                parameter["description"] = schema.pop("description")
            # A repeated parameter: `keys=a&keys=b`.
            if schema.get("type") == "array":
                parameter |= {"style": "form", "explode": True}
            parameter["schema"] = schema
            parameters.append(parameter)
    header_names = list(spec.headers)
    if spec.idempotent:
        header_names.insert(0, "Idempotency-Key")
    for name in header_names:
        parameters.append({"name": name, "in": "header", **HEADER_PARAMETERS[name]})
    return parameters


def _answer(answer: Answer, spec: Operation) -> dict[str, Any]:
    body: dict[str, Any] = {"description": answer.description}
    if answer.shape is not None:
        body["content"] = {answer.media_type: {"schema": _schema_of(answer.shape)}}
    headers = answer.headers
    if spec.idempotent:
        # Any answer of an idempotent operation may be the replay of a stored one.
        headers += ("Idempotent-Replayed",)
    if headers:
        body["headers"] = {name: HEADERS[name] for name in headers}
    return body


def _refusal(status: int, meaning: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "description": meaning,
        "content": {JSON: {"schema": {"$ref": REF.format(model="Error")}}},
    }
    if status in REFUSAL_HEADERS:
        body["headers"] = {name: HEADERS[name] for name in REFUSAL_HEADERS[status]}
    return body


def _operation(spec: Operation, names: list[str], query: dict[str, Any]) -> dict[str, Any]:
    written: dict[str, Any] = {
        "operationId": spec.operation_id,
        "tags": [spec.tag],
        "summary": spec.summary,
    }
    description = spec.description
    if spec.rate_limited:
        description = f"{description} {SUBMISSION_LIMITS}" if description else SUBMISSION_LIMITS
    if description:
        written["description"] = description
    parameters = _parameters(spec, names, query)
    if parameters:
        written["parameters"] = parameters
    if spec.body is not None:
        written["requestBody"] = {
            "required": spec.body_required,
            "content": {JSON: {"schema": _schema_of(spec.body)}},
        }
    responses = {str(answer.status): _answer(answer, spec) for answer in spec.answers}
    for status, meaning in _refusals(spec, bool(names)).items():
        responses.setdefault(str(status), _refusal(status, meaning))
    written["responses"] = responses
    if spec.moderation:
        written["security"] = [{"bearerAuth": []}]
    return written


def declared_operations(app: Flask) -> list[tuple[str, str, Operation]]:
    """(OpenAPI path, method, declaration) for every `/api/` route. Raises LookupError for a
    route without a declaration: every route of the API is in the document."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        spec = operation_of(app.view_functions[rule.endpoint])
        if spec is None:
            raise LookupError(f"{rule.rule} has no @operation declaration")
        path = _RULE_ARGUMENT.sub(r"{\1}", rule.rule)
        for method in sorted(rule.methods or ()):
            if method.lower() in METHODS:
                found.append((path, method.lower(), spec))
    return found


def build_document(app: Flask) -> dict[str, Any]:
    """The OpenAPI 3.1 document of `app`'s JSON API, settings aside."""
    operations = declared_operations(app)
    models = {Error}
    for _path, _method, spec in operations:
        models.update(_models_in(spec))
    queries = {spec.query for _p, _m, spec in operations if spec.query is not None}
    keyed, definitions = models_json_schema(
        [(model, "validation") for model in sorted(models | queries, key=lambda m: m.__name__)],
        ref_template=REF,
        schema_generator=_Schemas,
    )
    schemas = definitions.get("$defs", {})
    # Written out in views' path parameters and in `keys`, by reference.
    schemas["ThreadKey"] = thread_key_schema()
    query_schemas = {model: schemas.pop(model.__name__) for model in queries}
    paths: dict[str, dict[str, Any]] = {}
    for path, method, spec in operations:
        names = re.findall(r"{([^}]+)}", path)
        query = query_schemas.get(spec.query, {}) if spec.query is not None else {}
        paths.setdefault(path, {})[method] = _operation(spec, names, query)
    del keyed
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Clinic Desk JSON API",
            "version": version("clinic-desk"),
            "description": DESCRIPTION,
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        "tags": [
            {"name": "contact", "description": "Contact inquiries."},
            {"name": "comments", "description": "Readers' comments on articles."},
            {"name": "moderation", "description": "The moderation queue, for staff."},
            {"name": "meta", "description": "About the API itself."},
        ],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `flask --app wsgi moderators token EMAIL`.",
                }
            },
        },
    }


def _document_of(app: Flask) -> dict[str, Any]:
    """Built once per app: the declarations do not change while it runs."""
    if "openapi_document" not in app.extensions:
        app.extensions["openapi_document"] = build_document(app)
    return app.extensions["openapi_document"]


def openapi_document() -> dict[str, Any]:
    """The document for this app's settings: its own origin and its inquiry topics."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    document = copy.deepcopy(_document_of(app))
    document["servers"] = [{"url": current_app.config["PUBLIC_URL"].rstrip("/")}]
    topic = document["components"]["schemas"]["InquiryBody"]["properties"]["topic"]
    topic["enum"] = [key for key, _label in current_app.config["INQUIRY_TOPICS"]]
    return document


meta = Routes(bp, tag="meta")


@meta.get(
    "/openapi.json",
    operation_id="getOpenApi",
    summary="This document",
    answers=(Answer(200, "The OpenAPI 3.1 document.", {"type": "object"}),),
    database=False,
)
def openapi_json():
    return json_response(openapi_document(), cache_control="public, max-age=300")


@meta.get(
    "/docs",
    operation_id="getApiDocs",
    summary="This reference, as a web page",
    description="Swagger UI, served from this server (no third-party origin).",
    answers=(Answer(200, "The reference page.", {"type": "string"}, media_type="text/html"),),
    database=False,
)
def api_docs():
    return render_template("api/docs.html")
