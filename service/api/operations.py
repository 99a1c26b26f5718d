"""Each JSON API view declares its operation once: `@operation(...)`, which a `Routes` group
applies as it routes the view (`@comments.post(rule, operation_id=..., ...)`).

The declaration names the shapes of the request (query string and JSON body, pydantic models
from `service.submissions.shapes` types) and of each answer. The decorator validates the
request with those shapes before the view runs and hands the view the validated values
(`query=`, `body=`); `service/api/openapi.py` reads the same declarations to write
`/api/openapi.json`. What a view may answer besides its own answers follows from what it
declares: a body can be `400` and `413`, a public write `415`, a rate limit `429`, an
`Idempotency-Key` `409` and `422`, a foreign `Origin` `403`, a moderation call `401`, a
database outage `503`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pydantic
from flask import Blueprint, Flask, request

from service.api.blueprint import read_json_object
from service.submissions.idempotency import idempotent
from service.submissions.ratelimits import submission_limits
from service.submissions.shapes import validate_shape

JSON = "application/json"


@dataclass(frozen=True)
class Answer:
    """One answer an operation gives: its status, what it means, and its body's shape (a
    model, a JSON Schema, or nothing)."""

    status: int
    description: str
    shape: type[pydantic.BaseModel] | dict[str, Any] | None = None
    headers: tuple[str, ...] = ()
    media_type: str = JSON


@dataclass(frozen=True)
class PathParameter:
    description: str
    schema: dict[str, Any]


@dataclass(frozen=True)
class Operation:
    operation_id: str
    summary: str
    tag: str
    answers: tuple[Answer, ...]
    description: str | None = None
    query: type[pydantic.BaseModel] | None = None
    body: type[pydantic.BaseModel] | None = None
    body_required: bool = True
    path: dict[str, PathParameter] = field(default_factory=dict)
    headers: tuple[str, ...] = ()
    # Refusals the view itself can answer, with what they mean here.
    refusals: dict[int, str] = field(default_factory=dict)
    moderation: bool = False
    database: bool = True
    rate_limited: bool = False
    idempotent: bool = False
    # What the body's rules need to know from the app (the configured topics, say).
    context: Callable[[], dict[str, Any]] | None = None


def query_values(shape: type[pydantic.BaseModel]) -> dict[str, Any]:
    """The query string as a shape reads it: a list for a list field, else the first value."""
    values: dict[str, Any] = {}
    for name, info in shape.model_fields.items():
        many = any(getattr(item, "many", False) for item in info.metadata)
        if many:
            values[name] = request.args.getlist(name)
        elif name in request.args:
            values[name] = request.args[name]
    return values


def operation(**declared: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a view's operation; the view gets `query=` and `body=` already validated.
    The wrapped view raises ValidationFailed (400) before the view runs when either fails."""
    return declared_as(Operation(**declared))


def declared_as(spec: Operation) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a view the declaration `spec`, as `operation` does from its keywords."""

    def wrap(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def validated(*args: Any, **kwargs: Any) -> Any:
            if spec.query is not None:
                kwargs["query"] = validate_shape(
                    spec.query, query_values(spec.query), context={"from_text": True}
                )
            if spec.body is not None:
                if spec.body_required or request.get_data(cache=True).strip():
                    data = read_json_object()
                else:
                    data = {}
                context = spec.context() if spec.context is not None else None
                kwargs["body"] = validate_shape(spec.body, data, context=context)
            return view(*args, **kwargs)

        validated.api_operation = spec  # type: ignore[attr-defined]
        return validated

    return wrap


@dataclass(frozen=True)
class Routes:
    """The operations of one part of the API, routed on one blueprint (or a bench's app) under
    one tag; `moderation` marks the bearer-token API.

    `@comments.post(rule, operation_id=..., ...)` routes the view and declares its operation.
    A rate-limited route goes through the submission limits, and one with an `idempotency`
    scope through `Idempotency-Key` handling: the flags the document is written from are the
    ones that put those guards in front of the view, so the two cannot disagree.
    """

    target: Blueprint | Flask
    tag: str
    moderation: bool = False

    def route(
        self,
        method: str,
        rule: str,
        *,
        merge_slashes: bool | None = None,
        rate_limited: bool = False,
        idempotency: str | None = None,
        **declared: Any,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Route `method` on `rule` to the view, declared as an operation (see `operation`);
        `idempotency` names the scope an `Idempotency-Key` is kept under."""
        declare = operation(
            tag=self.tag,
            moderation=self.moderation,
            rate_limited=rate_limited,
            idempotent=idempotency is not None,
            **declared,
        )
        # Only a thread key's rule asks for it; the others keep the url map's default.
        options = {} if merge_slashes is None else {"merge_slashes": merge_slashes}

        def wrap(view: Callable[..., Any]) -> Callable[..., Any]:
            handler = declare(view)
            if idempotency is not None:
                handler = idempotent(idempotency)(handler)
            if rate_limited:
                handler = submission_limits(handler)
            self.target.add_url_rule(rule, view_func=handler, methods=[method], **options)
            return handler

        return wrap

    # `@comments.get(rule, ...)` and so on: `route` with its method filled in.
    get = functools.partialmethod(route, "GET")
    post = functools.partialmethod(route, "POST")
    patch = functools.partialmethod(route, "PATCH")
    delete = functools.partialmethod(route, "DELETE")


def operation_of(view: Callable[..., Any]) -> Operation | None:
    """The declaration of a view, through any decorators wrapped around it."""
    while view is not None:
        found = getattr(view, "api_operation", None)
        if found is not None:
            return found
        view = getattr(view, "__wrapped__", None)
    return None
