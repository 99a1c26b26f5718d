"""The OpenAPI document at /api/openapi.json: valid, complete, and true to what the app answers.

Schemathesis generates requests from the document for every operation (valid and invalid data,
a bounded number of examples each, derandomized) and checks every answer against it: no server
error, only documented status codes, content types, headers and bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import hypothesis
import pytest
import schemathesis
import sqlalchemy as sa
from flask import Flask
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from schemathesis import GenerationMode

from service.api.openapi import build_document
from service.data.extensions import db
from service.data.models import CommentStatus, IdempotencyRecord, InquiryStatus, Verdict
from service.moderation.accounts import issue_api_token
from tests.conftest import empty_all_tables
from tests.factories import CommentFactory, InquiryFactory, ModeratorFactory, ThreadFactory

MAX_EXAMPLES = 25
UNDOCUMENTED_METHODS = {"HEAD", "OPTIONS"}  # answered by Flask and the CORS preflight
# Every check that judges one answer: besides "no server error" and "only what the document
# says", the two that hold the document and the rules to each other: data valid for the
# document is accepted, data invalid for it is refused.
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
    schemathesis.checks.positive_data_acceptance,
    schemathesis.checks.negative_data_rejection,
    schemathesis.checks.missing_required_header,
]


@pytest.fixture
def api_app(make_app) -> Iterator[Flask]:
    """An app with rate limits off and no minimum form time, so every request is judged on
    what it sends."""
    app = make_app(RATELIMIT_ENABLED=False, FORM_MIN_SECONDS=0)
    with app.app_context():
        yield app
        db.session.rollback()
        empty_all_tables()
        db.session.remove()


def document(app: Flask) -> dict:
    response = app.test_client().get("/api/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.json


def test_the_document_is_valid_openapi_3_1(api_app):
    spec = document(api_app)
    assert spec["openapi"].startswith("3.1.")
    validate(spec, cls=OpenAPIV31SpecValidator)
    schemathesis.openapi.from_dict(spec).validate()


def test_servers_and_topics_come_from_the_settings(make_app):
    app = make_app(
        PUBLIC_URL="https://desk.clinic.example/",
        INQUIRY_TOPICS=[("visit", "A visit"), ("bill", "A bill")],
    )
    with app.app_context():
        spec = document(app)
    assert spec["servers"] == [{"url": "https://desk.clinic.example"}]
    topic = spec["components"]["schemas"]["InquiryBody"]["properties"]["topic"]
    assert topic["enum"] == ["visit", "bill"]


def _documented_form(rule: str) -> str:
    """`/api/comments/<int:comment_id>` as OpenAPI writes it: `/api/comments/{comment_id}`."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def test_every_api_route_is_documented_and_every_documented_path_exists(api_app):
    routed = {
        (_documented_form(rule.rule), method.lower())
        for rule in api_app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods - UNDOCUMENTED_METHODS
    }
    spec = document(api_app)
    documented = {
        (path, method)
        for path, item in spec["paths"].items()
        for method in item
        if method in {"get", "put", "post", "patch", "delete", "options", "head", "trace"}
    }
    assert routed - documented == set(), "routes missing from the document"
    assert documented - routed == set(), "documented operations with no route"


def test_a_route_without_a_declaration_stops_the_document(make_app):
    app = make_app()
    app.add_url_rule("/api/undeclared", "undeclared", lambda: "")
    with app.app_context(), pytest.raises(LookupError, match="/api/undeclared"):
        build_document(app)


def test_every_operation_names_each_refusal_it_can_answer(api_app):
    spec = document(api_app)
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            statuses = set(operation["responses"])
            parameters = [resolve(spec, p) for p in operation.get("parameters", [])]
            expected = {"401"} if path.startswith("/api/moderation/") else {"403"}
            if "requestBody" in operation:
                expected |= {"400", "413"}
                if not path.startswith("/api/moderation/"):
                    expected.add("415")
            if any(p["in"] in ("path", "query") for p in parameters):
                expected.add("400")
            if any(p["name"] == "Idempotency-Key" for p in parameters):
                expected |= {"400", "409", "422"}
            if operation["operationId"] not in (
                "getOpenApi",
                "getApiDocs",
                "listTopics",
                "getFormToken",
                "previewComment",
                "checkComment",
            ):
                expected.add("503")  # every other operation reads the database
            assert expected <= statuses, (method, path, expected - statuses)
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, (method, path)


def test_the_error_shape_is_ours(api_app):
    error = document(api_app)["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"error", "message", "fields"}
    assert set(error["required"]) == {"error", "message"}
    assert error["additionalProperties"] is False


def test_the_limits_are_in_the_document(api_app):
    schemas = document(api_app)["components"]["schemas"]
    inquiry, comment = schemas["InquiryBody"]["properties"], schemas["CommentBody"]["properties"]
    assert inquiry["name"]["maxLength"] == 100
    assert inquiry["email"]["maxLength"] == 254
    assert inquiry["phone"]["anyOf"][0]["maxLength"] == 32
    assert inquiry["message"]["maxLength"] == 5000
    assert inquiry["consent"]["const"] is True
    assert comment["author"]["maxLength"] == 100
    assert comment["website"]["anyOf"][0]["maxLength"] == 500
    assert comment["title"]["anyOf"][0]["maxLength"] == 200
    assert comment["body"]["maxLength"] == 5000
    assert comment["parent_id"]["anyOf"][0]["maximum"] == 2**31 - 1
    assert schemas["ThreadKey"]["maxLength"] == 200


def test_every_path_parameter_is_declared(api_app):
    spec = document(api_app)
    for path, item in spec["paths"].items():
        for method in ("get", "post", "patch", "delete"):
            if method not in item:
                continue
            declared = {
                resolve(spec, p)["name"]
                for p in item.get("parameters", []) + item[method].get("parameters", [])
                if resolve(spec, p)["in"] == "path"
            }
            assert declared == set(re.findall(r"{([^}]+)}", path)), (path, method)


def test_moderation_operations_need_the_bearer_token_and_public_ones_do_not(api_app):
    spec = document(api_app)
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            if path.startswith("/api/moderation/"):
                assert operation["security"] == [{"bearerAuth": []}], (path, method)
                assert "401" in operation["responses"]
            else:
                assert "security" not in operation, (path, method)


def resolve(spec: dict, node: dict) -> dict:
    while "$ref" in node:
        target: object = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]  # type: ignore[index]
        node = target  # type: ignore[assignment]
    return node


def seed() -> dict[str, set[int]]:
    """A little of everything; returns ids of stored items for the path parameters."""
    thread = ThreadFactory(key="articles/knee-injections", title="Knee injections")
    root = CommentFactory(
        thread=thread, status=CommentStatus.APPROVED, verdict=Verdict.HAM, title="Question"
    )
    removed = CommentFactory(thread=thread, parent_id=root.id, status=CommentStatus.DELETED)
    CommentFactory(thread=thread, parent_id=removed.id, status=CommentStatus.APPROVED)
    CommentFactory(thread=thread, status=CommentStatus.PENDING, flagged=True, flag_reason="rude")
    CommentFactory(status=CommentStatus.SPAM, verdict=Verdict.SPAM, website="https://spam.example")
    inquiry = InquiryFactory()
    InquiryFactory(status=InquiryStatus.ANSWERED, verdict=Verdict.UNSURE)
    InquiryFactory(status=InquiryStatus.SPAM, verdict=Verdict.SPAM, phone=None)
    db.session.commit()
    return {"comment_id": {root.id}, "item_id": {root.id, inquiry.id}}


def exercise(
    operation, mode: GenerationMode, headers: dict[str, str], path_parameters: dict | None = None
) -> None:
    """Run a bounded, derandomized number of generated requests against one operation."""

    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(
        case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
    )
    def exchange(case):
        # Each example stands for a new client: a key generated again for another body is
        # not the retry the idempotency rule is about.
        db.session.execute(sa.delete(IdempotencyRecord))
        db.session.commit()
        # In the case itself, so that the checks see the token as sent.
        case.headers = {**(case.headers or {}), **headers}
        case.call_and_validate(checks=CHECKS)

    exchange()


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_document(api_app):
    stored = seed()
    moderator = ModeratorFactory()
    db.session.commit()
    bearer = {"Authorization": f"Bearer {issue_api_token(moderator.email)}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", api_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    documented = {
        f"{method.upper()} {path}"
        for path, item in document(api_app)["paths"].items()
        for method in item
        if method != "parameters"
    }
    # Schemathesis leaves out the operation that serves the document it was loaded from.
    assert {operation.label for operation in operations} == documented - {"GET /api/openapi.json"}
    failures: list[str] = []
    for operation in operations:
        headers = bearer if operation.path.startswith("/api/moderation/") else {}
        has_inputs = bool(list(operation.iter_parameters()) or list(operation.body))
        runs = [(GenerationMode.POSITIVE, None)]
        if has_inputs:
            runs.append((GenerationMode.NEGATIVE, None))
        # Generated ids rarely hit a stored item: more runs on items that exist.
        for parameter in operation.path_parameters:
            for item_id in sorted(stored.get(parameter.name, ())):
                runs.append((GenerationMode.POSITIVE, {parameter.name: item_id}))
        for mode, path_parameters in runs:
            try:
                exercise(operation, mode, headers, path_parameters)
            # Collect every operation's failures (schemathesis raises a BaseExceptionGroup).
            except (Exception, BaseExceptionGroup) as error:
                failures.append(f"{operation.label} ({mode.value}, {path_parameters}):\n{error}")
            finally:
                db.session.rollback()
    assert not failures, "\n\n".join(failures)
