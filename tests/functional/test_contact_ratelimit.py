"""Rate limits on inquiries: per client address, answered with 429 and Retry-After, and shared
by every instance of the service through Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
import redis

from tests.conftest import REPO, need

REDIS_URL = "redis://127.0.0.1:6379/3"

# One instance of the service in a process of its own (its own Limiter, its own memory),
# configured like a production worker: the test's database, Redis for the rate limits.
INSTANCE = """
import os, sys
from werkzeug.serving import make_server
from config import TestingConfig
from service import create_app

settings = TestingConfig()
settings.SQLALCHEMY_DATABASE_URI = os.environ["TEST_DATABASE_URL"]
settings.RATELIMIT_STORAGE_URI = os.environ["TEST_RATELIMIT_STORAGE_URI"]
settings.RATELIMIT_KEY_PREFIX = os.environ["TEST_RATELIMIT_KEY_PREFIX"]
settings.RATELIMIT_SUBMISSIONS = "3 per minute"
server = make_server("127.0.0.1", 0, create_app(settings))
print(server.server_port, flush=True)
server.serve_forever()
"""


def redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@contextmanager
def service_instance(app, prefix: str) -> Iterator[str]:
    env = {
        **os.environ,
        "TEST_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "TEST_RATELIMIT_STORAGE_URI": REDIS_URL,
        "TEST_RATELIMIT_KEY_PREFIX": prefix,
        # Every instance of one deployment shares its keys.
        "SECRET_KEY": app.config["SECRET_KEY"],
        "DATA_KEY": app.config["DATA_KEY"],
    }
    process = subprocess.Popen(
        [sys.executable, "-c", INSTANCE], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        port = process.stdout.readline().strip()
        assert port, "the instance did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def post_inquiry(base: str, payload: dict) -> tuple[int, dict, dict]:
    request = urllib.request.Request(
        base + "/api/inquiries",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.load(error)


@pytest.mark.redis
def test_rate_limit_holds_across_two_instances_sharing_redis(app, inquiry_payload):
    need(redis_available(), f"Redis is not reachable at {REDIS_URL}")
    prefix = f"clinic-desk-test-{uuid.uuid4().hex[:12]}"
    try:
        with ExitStack() as stack:
            first = stack.enter_context(service_instance(app, prefix))
            second = stack.enter_context(service_instance(app, prefix))
            answers = [
                post_inquiry(base, {**inquiry_payload, "message": f"Question number {n}"})
                for n, base in enumerate([first, second, first, second])
            ]
    finally:
        store = redis.Redis.from_url(REDIS_URL)
        for key in store.scan_iter(f"*{prefix}*"):
            store.delete(key)
    assert [status for status, _headers, _body in answers] == [202, 202, 202, 429]
    _status, headers, body = answers[3]
    assert 0 < int(headers["Retry-After"]) <= 60
    assert body["error"] == "rate_limited"
    assert body["message"]


def test_api_answers_429_with_retry_after_past_the_limit(make_app, app, inquiry_payload):
    limited = make_app(RATELIMIT_SUBMISSIONS="2 per minute")
    client = limited.test_client()
    statuses = [
        client.post("/api/inquiries", json={**inquiry_payload, "message": f"Question {n}"})
        for n in range(3)
    ]
    assert [r.status_code for r in statuses] == [202, 202, 429]
    assert statuses[2].json["error"] == "rate_limited"
    assert int(statuses[2].headers["Retry-After"]) > 0


def test_each_client_address_has_its_own_allowance(make_app, app, inquiry_payload):
    limited = make_app(RATELIMIT_SUBMISSIONS="1 per minute")
    first = limited.test_client()
    other = limited.test_client()
    other.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert first.post("/api/inquiries", json=inquiry_payload).status_code == 202
    assert first.post("/api/inquiries", json=inquiry_payload).status_code == 429
    assert other.post("/api/inquiries", json=inquiry_payload).status_code == 202
