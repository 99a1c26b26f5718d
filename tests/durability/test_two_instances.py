"""Two gunicorn instances on one PostgreSQL database and one Redis serve as one service.

Two separate gunicorn processes (each with two workers, on ports of their own, configured as
deployed: `gunicorn.conf.py`, `APP_ENV=production`, behind one trusted proxy) share a fresh
PostgreSQL schema built by the migrations and a Redis database for the rate limits. The test
plays the proxy: it sends every request with an `X-Forwarded-For` client address, changes a
thread through instance A (posting, and approving, rejecting and deleting through the moderation
API) and reads it from every worker of instance B, each of which holds the thread in its
in-process cache. gunicorn's access log (the worker's pid per request id) tells which worker
answered, so a worker that kept a stale page cannot hide behind its sibling.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from flask_migrate import upgrade

from config import new_data_key
from service import create_app
from service.data.extensions import db
from service.moderation.accounts import create_moderator, issue_api_token
from tests.conftest import (
    POSTGRES_SERVER,
    REPO,
    drop_postgres_schema,
    need,
    new_postgres_schema,
    postgres_available,
    settings_for,
)
from tests.durability.test_nothing_lost import free_port, wait_for

pytestmark = [pytest.mark.durability, pytest.mark.redis]

VENV_BIN = Path(sys.executable).parent
# Database 5 is used by no other test; keys are told apart by this run's client addresses.
REDIS_URL = "redis://127.0.0.1:6379/5"
THREAD = "articles/scaling-out"
RATE_THREAD = "articles/rate-limits"
READS_PER_ROUND = 8
MAX_ROUNDS = 25


def path_of(key: str) -> str:
    return "/api/threads/" + key.replace("/", "%2F") + "/comments"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body) if self.body else {}


def call(
    port: int,
    method: str,
    path: str,
    client: str,
    body: dict | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request as the proxy would forward it for `client`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request(
            method,
            path,
            body=json.dumps(body).encode() if body is not None else None,
            headers={
                "Content-Type": "application/json",
                "X-Forwarded-For": client,
                **(headers or {}),
            },
        )
        response = connection.getresponse()
        return Answer(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


class Instance:
    """One gunicorn of the deployment, with an access log naming the worker of each request."""

    def __init__(self, name: str, env: dict[str, str], directory: Path) -> None:
        self.name = name
        self.port = free_port()
        self.dir = directory / name
        self.dir.mkdir()
        self.access_log = self.dir / "access.log"
        self.log = open(self.dir / "gunicorn.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "--config",
                "gunicorn.conf.py",
                "--access-logfile",
                str(self.access_log),
                "--access-logformat",
                "%(p)s %({x-request-id}i)s",
                "wsgi:app",
            ],
            cwd=REPO,
            env={**env, "HOST": "127.0.0.1", "PORT": str(self.port)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def is_serving(self) -> bool:
        assert self.process.poll() is None, f"instance {self.name} exited:\n{self.output()}"
        try:
            return call(self.port, "GET", "/healthz", "127.0.0.1").status == 200
        except OSError:
            return False

    def workers(self) -> set[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return {int(pid) for pid in out.split()}

    def worker_of(self) -> dict[str, int]:
        """Request id -> pid of the worker that answered it, from the access log."""
        answered = {}
        for line in self.access_log.read_text().splitlines():
            match = re.fullmatch(r"<(\d+)> (\S+)", line.strip())
            if match:
                answered[match[2]] = int(match[1])
        return answered

    def output(self) -> str:
        self.log.flush()
        return (self.dir / "gunicorn.log").read_text()[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


def read_on_every_worker(
    instance: Instance, key: str, old_etag: str | None = None
) -> list[tuple[int, Answer]]:
    """Read a thread from the instance in concurrent rounds until each of its workers answered
    at least twice; every answer with the worker that gave it.

    With `old_etag`, every read is conditional on it, as a client holding the old page asks."""
    headers = {"If-None-Match": old_etag} if old_etag else {}
    workers = instance.workers()
    assert len(workers) == 2, workers
    answers: dict[str, Answer] = {}

    def read(_: int) -> tuple[str, Answer]:
        request_id = uuid.uuid4().hex
        headers_with_id = {**headers, "X-Request-ID": request_id}
        return request_id, call(
            instance.port, "GET", path_of(key), "203.0.113.7", headers=headers_with_id
        )

    by_worker: dict[int, int] = {}
    with ThreadPoolExecutor(READS_PER_ROUND) as pool:
        for _ in range(MAX_ROUNDS):
            answers.update(pool.map(read, range(READS_PER_ROUND)))
            wait_for(lambda: set(answers) <= set(instance.worker_of()), 10, "the access log lines")
            worker_of = instance.worker_of()
            by_worker = {pid: 0 for pid in workers}
            for request_id in answers:
                by_worker[worker_of[request_id]] += 1
            if min(by_worker.values()) >= 2:
                break
    assert min(by_worker.values()) >= 2, f"one worker never answered: {by_worker}"
    worker_of = instance.worker_of()
    return [(worker_of[request_id], answer) for request_id, answer in answers.items()]


def current_page(
    instance: Instance, key: str, old_etag: str | None, expected_ids: list[int]
) -> tuple[str, bytes]:
    """Assert every worker of the instance answers the thread with exactly these comments
    (and, given the old ETag, a 200 with a new one); the ETag and bytes they agree on."""
    pages = set()
    for pid, answer in read_on_every_worker(instance, key, old_etag):
        assert answer.status == 200, (pid, answer)
        shown = [comment["id"] for comment in answer.json()["comments"]]
        assert shown == expected_ids, f"worker {pid} of {instance.name} answered {shown}"
        assert answer.json()["thread"]["count"] == len(expected_ids)
        etag = answer.headers["ETag"].strip('"')
        assert etag != old_etag, f"worker {pid} kept the old ETag"
        pages.add((etag, answer.body))
    assert len(pages) == 1, "the workers disagree on the page's bytes or ETag"
    return pages.pop()


@dataclass
class Deployment:
    a: Instance
    b: Instance
    token: str
    clients: list[str] = field(default_factory=list)

    def new_client(self) -> str:
        """A client address of this run only (from the benchmarking range 198.18.0.0/15), so
        the per-client counters in Redis never collide with another run's."""
        number = secrets.randbelow(2**17)
        self.clients.append(f"198.{18 + (number >> 16)}.{(number >> 8) & 0xFF}.{number & 0xFF}")
        return self.clients[-1]

    def post_comment(self, key: str, client: str, body: str, instance: Instance) -> Answer:
        return call(
            instance.port, "POST", path_of(key), client, {"author": "A reader", "body": body}
        )

    def moderate(self, comment_id: int, action: str) -> None:
        answer = call(
            self.a.port,
            "POST",
            f"/api/moderation/comment/{comment_id}/{action}",
            "192.0.2.10",
            {},
            {"Authorization": f"Bearer {self.token}"},
        )
        assert answer.status == 200, (action, answer)


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[Deployment]:
    need(postgres_available(), f"PostgreSQL is not reachable at {POSTGRES_SERVER}")
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        need(False, f"Redis is not reachable at {REDIS_URL}")
    url, schema = new_postgres_schema()
    secret_key, data_key = secrets.token_urlsafe(48), new_data_key()
    instances: list[Instance] = []
    deployed = None
    try:
        setup = create_app(settings_for(url, SECRET_KEY=secret_key, DATA_KEY=data_key))
        with setup.app_context():
            upgrade(directory=str(REPO / "migrations"))
            create_moderator("scale@clinic.example", secrets.token_urlsafe(16), "moderator")
            token = issue_api_token("scale@clinic.example", 1, "two instances test")
            db.session.remove()
            db.engine.dispose()
        env = {
            **os.environ,
            "APP_ENV": "production",
            "SECRET_KEY": secret_key,
            "DATA_KEY": data_key,
            "PUBLIC_URL": "https://desk.clinic.example",
            "DATABASE_URL": url,
            "RATELIMIT_STORAGE_URI": REDIS_URL,
            "RATELIMIT_SUBMISSIONS": "3 per minute",
            "TRUSTED_PROXIES": "1",
            "MODERATION_MODE": "pre",
            "FORM_MIN_SECONDS": "0",
            "WEB_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
        }
        instances = [Instance("a", env, tmp_path), Instance("b", env, tmp_path)]
        for instance in instances:
            wait_for(instance.is_serving, 60, f"instance {instance.name} to serve")
        deployed = Deployment(instances[0], instances[1], token)
        yield deployed
    finally:
        for instance in instances:
            instance.stop()
        drop_postgres_schema(schema)
        if deployed is not None:
            store = redis.Redis.from_url(REDIS_URL)
            for client in deployed.clients:
                for key in store.scan_iter(f"*/{client}/*"):
                    store.delete(key)


def test_two_instances_share_data_cache_invalidation_and_rate_limits(deployment):
    a, b = deployment.a, deployment.b

    # A comment posted through A waits for a moderator; every worker of B caches the thread
    # without it.
    posted = deployment.post_comment(
        THREAD, deployment.new_client(), "Thank you, this helped me prepare for my visit.", a
    )
    assert posted.status == 202, posted
    assert posted.json()["status"] == "pending"
    first = posted.json()["id"]
    etag, page = current_page(b, THREAD, None, [])

    # Approved through A, it is in the thread B serves, on both workers, at once; a client
    # holding the old ETag gets the new page, not a 304.
    deployment.moderate(first, "approve")
    etag, page = current_page(b, THREAD, etag, [first])
    assert "prepare for my visit" in json.loads(page)["comments"][0]["html"]
    assert call(a.port, "GET", path_of(THREAD), "203.0.113.8").body == page

    # A second comment approved through A.
    posted = deployment.post_comment(
        THREAD, deployment.new_client(), "Could you also write about aftercare at home?", a
    )
    assert posted.status == 202, posted
    second = posted.json()["id"]
    deployment.moderate(second, "approve")
    etag, page = current_page(b, THREAD, etag, [first, second])

    # A moderator on A rejects the first and deletes the second.
    deployment.moderate(first, "reject")
    etag, page = current_page(b, THREAD, etag, [second])
    deployment.moderate(second, "delete")
    etag, page = current_page(b, THREAD, etag, [])

    # Both workers of B agree that the page a client holds is current.
    for pid, answer in read_on_every_worker(b, THREAD, etag):
        assert answer.status == 304, f"worker {pid} of b answered {answer.status}"

    # One client's submissions, alternated between the instances, share one allowance of 3.
    client = deployment.new_client()
    answers = [
        deployment.post_comment(
            RATE_THREAD, client, f"A short question about opening hours, number {n}.", instance
        )
        for n, instance in enumerate([a, b, a, b, a])
    ]
    assert [answer.status for answer in answers] == [202, 202, 202, 429, 429]
    for refusal in answers[3:]:
        assert 0 < int(refusal.headers["Retry-After"]) <= 60
        assert refusal.json()["error"] == "rate_limited"
        assert refusal.json()["message"]
    # The allowance is the client's own: another reader still gets through.
    other = deployment.post_comment(
        RATE_THREAD, deployment.new_client(), "Is the clinic open on Saturdays?", b
    )
    assert other.status == 202, other
