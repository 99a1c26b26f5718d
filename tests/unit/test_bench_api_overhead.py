"""The request-overhead benchmark (bench/api_overhead.py) compares three apps that must answer
a valid inquiry as the API does, and, where they validate, refuse a broken one."""

from __future__ import annotations

import importlib.util
import json

import pytest

from bench import api_overhead
from tests.conftest import need

APPS = {
    "json only": api_overhead.json_only_app,
    "pydantic + ours": api_overhead.pydantic_app,
    "spectree": api_overhead.spectree_app,
}
HEADERS = {"Content-Type": "application/json"}


@pytest.fixture(params=sorted(APPS))
def bench_app(request):
    if request.param == "spectree":
        need(importlib.util.find_spec("spectree") is not None, "spectree is not installed")
    return request.param, APPS[request.param]()


def test_each_app_answers_a_valid_inquiry_with_a_receipt(bench_app):
    _, app = bench_app
    answer = app.test_client().post("/api/inquiries", data=api_overhead.BODY, headers=HEADERS)
    assert answer.status_code == 202
    assert answer.get_json() == {"id": 12, "status": "received", "urgent": False}


def test_the_validating_apps_refuse_an_unknown_topic(bench_app):
    name, app = bench_app
    body = json.loads(api_overhead.BODY) | {"topic": "lottery"}
    answer = app.test_client().post("/api/inquiries", data=json.dumps(body), headers=HEADERS)
    assert (answer.status_code == 202) is (name == "json only")
