"""What declaring the API's shapes costs per request, side by side in one run.

`POST /api/inquiries`'s body is validated three ways in three small Flask apps that differ
only there, each answering `202` without touching a database:

- `json only`: the body parsed as JSON, nothing checked (the floor);
- `pydantic + ours`: the app's own declaration of the endpoint (its `@operation`), with
  `BenchInquiry` for its body;
- `spectree`: the same pydantic shape through spectree's `@validate`, the maintained
  library we tried and did not choose.

Rounds are interleaved so that the machine's noise falls on all three alike; the table gives
the median time per request and the overhead over `json only`. Not part of `make test`:
`make bench-api` (or `.venv/bin/python bench/api_overhead.py --requests 2000 --rounds 7`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from flask import Flask, jsonify, request

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.api.blueprint import read_json_object
from service.api.inquiries import create_inquiry
from service.api.operations import declared_as, operation_of
from service.api.shapes import InquiryReceipt
from service.contact.validation import InquiryBody
from service.submissions.shapes import OneOf

TOPICS = ("appointment", "treatment", "billing", "other")
BODY = json.dumps(
    {
        "name": "Dana Example",
        "email": "dana@example.org",
        "phone": "+41 44 123 45 67",
        "topic": "appointment",
        "message": "I would like to book a follow-up visit after my knee injection. " * 4,
        "consent": True,
        "form_token": "x" * 120,
    }
)


# What all three answer: a receipt as `InquiryReceipt` declares it (spectree checks it).
def receipt(name: str) -> dict:
    return {"id": len(name), "status": "received", "urgent": False}


class BenchInquiry(InquiryBody):
    """The inquiry shape with its topics fixed, since spectree passes no validation context."""

    topic: Annotated[str, OneOf(TOPICS)]


def json_only_app() -> Flask:
    app = Flask("json_only")

    @app.post("/api/inquiries")
    def create():
        data = read_json_object()
        return jsonify(receipt(data["name"])), 202

    return app


def pydantic_app() -> Flask:
    app = Flask("pydantic_ours")
    # The topics are fixed in the shape, so the app's context (its configured topics) is not asked.
    declared = replace(operation_of(create_inquiry), body=BenchInquiry, context=None)

    @app.post("/api/inquiries")
    @declared_as(declared)
    def create(body: BenchInquiry):
        return jsonify(receipt(body.name)), 202

    return app


def spectree_app() -> Flask:
    from spectree import Response, SpecTree

    app = Flask("spectree")
    api = SpecTree("flask", annotations=False)

    @app.post("/api/inquiries")
    @api.validate(json=BenchInquiry, resp=Response(HTTP_202=InquiryReceipt))
    def create():
        body = request.context.json  # type: ignore[attr-defined]
        return jsonify(receipt(body.name)), 202

    api.register(app)
    return app


def time_requests(app: Flask, requests: int) -> float:
    """Seconds per request for `requests` valid posts through the test client."""
    client = app.test_client()
    headers = {"Content-Type": "application/json"}
    answer = client.post("/api/inquiries", data=BODY, headers=headers)
    assert answer.status_code == 202, (app.name, answer.status_code, answer.get_data(as_text=True))
    started = time.perf_counter()
    for _ in range(requests):
        client.post("/api/inquiries", data=BODY, headers=headers)
    return (time.perf_counter() - started) / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    apps: dict[str, Callable[[], Flask]] = {
        "json only": json_only_app,
        "pydantic + ours": pydantic_app,
        "spectree": spectree_app,
    }
    built = {name: make() for name, make in apps.items()}
    times: dict[str, list[float]] = {name: [] for name in built}
    for _ in range(args.rounds):
        for name, app in built.items():
            times[name].append(time_requests(app, args.requests))
    floor = statistics.median(times["json only"])
    print(f"POST /api/inquiries, {args.requests} requests x {args.rounds} rounds, median")
    print(f"{'validation':<18} {'µs/request':>11} {'overhead µs':>12} {'overhead %':>11}")
    for name, samples in times.items():
        median = statistics.median(samples)
        extra = median - floor
        print(f"{name:<18} {median * 1e6:>11.1f} {extra * 1e6:>12.1f} {extra / floor:>10.1%}")


if __name__ == "__main__":
    main()
