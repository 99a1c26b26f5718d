"""Nothing acknowledged is lost, and no retry duplicates, while a worker is killed and the
database restarts.

The test runs gunicorn (two workers) against a throwaway PostgreSQL cluster of its own
(`initdb` and `pg_ctl` as the `postgres` user through `runuser`, on a free port), fires
concurrent inquiry and comment POSTs whose clients retry with the same `Idempotency-Key`, kills
one worker with SIGKILL, then stops and restarts PostgreSQL. Afterwards every acknowledged id is
stored exactly once with its own text.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from config import new_data_key
from service import create_app
from service.data.extensions import db
from service.data.models import Comment, Inquiry
from tests.conftest import REPO, need, settings_for

pytestmark = pytest.mark.durability

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
VENV_BIN = Path(sys.executable).parent
CLIENTS = 6
SUBMISSIONS_PER_CLIENT = 25


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="clinic-desk-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        shutil.chown(self.dir, "postgres", "postgres")

    def _as_postgres(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=120,
        )

    def init(self) -> None:
        self._as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        )
        self.start()
        self._as_postgres(
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "clinic",
        )

    def start(self) -> None:
        self._as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1",
            "start",
        )

    def stop(self) -> None:
        self._as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False
        )

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/clinic"

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def throwaway_postgres():
    need(PG_BIN is not None, "PostgreSQL's server binaries are not installed")
    need(
        shutil.which("runuser") is not None and os.geteuid() == 0,
        "starting a throwaway PostgreSQL cluster needs root (runuser -u postgres)",
    )
    cluster = ThrowawayPostgres()
    try:
        cluster.init()
        yield cluster
    finally:
        cluster.destroy()


class Server:
    def __init__(self, env: dict[str, str], port: int) -> None:
        self.port = port
        log_path = Path(tempfile.gettempdir()) / f"clinic-desk-gunicorn-{port}.log"
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def workers(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def request(
    port: int, method: str, path: str, body: dict | None = None, headers: dict | None = None
) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        connection.request(
            method,
            path,
            body=payload,
            headers={"Content-Type": "application/json", **(headers or {})},
        )
        response = connection.getresponse()
        data = response.read()
        try:
            parsed = json.loads(data) if data else {}
        except ValueError:
            parsed = {}
        return response.status, parsed
    finally:
        connection.close()


def wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def health(port: int) -> int:
    try:
        return request(port, "GET", "/healthz")[0]
    except OSError:
        return 0


def test_acknowledged_submissions_survive_a_killed_worker_and_a_database_restart(
    throwaway_postgres,
):
    port = free_port()
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DATA_KEY": new_data_key(),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": throwaway_postgres.url,
        "RATELIMIT_ENABLED": "0",
        "FORM_MIN_SECONDS": "0",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        # Production refuses several workers on memory:// storage; nothing here signs in,
        # so Redis is named but never used.
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/7",
        "MODERATION_MODE": "pre",
    }
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    server = Server(env, port)
    acknowledged: dict[str, tuple[str, int]] = {}
    lock = threading.Lock()
    progress = threading.Event()

    def client(number: int) -> None:
        for index in range(SUBMISSIONS_PER_CLIENT):
            key = f"k-{number}-{index}-{uuid.uuid4().hex[:8]}"
            if index % 2:
                kind, path = "comment", "/api/threads/articles%2Fdurability/comments"
                body = {"author": "Reader", "body": f"Thanks for the article ({key})."}
            else:
                kind, path = "inquiry", "/api/inquiries"
                body = {
                    "name": "Ada Patient",
                    "email": "ada@example.org",
                    "topic": "appointment",
                    "consent": True,
                    "message": f"Please call me about an appointment ({key}).",
                }
            deadline = time.monotonic() + 150
            while time.monotonic() < deadline:
                try:
                    status, answer = request(port, "POST", path, body, {"Idempotency-Key": key})
                except OSError:
                    status, answer = 0, {}
                if status == 202:
                    with lock:
                        acknowledged[key] = (kind, answer["id"])
                        if len(acknowledged) >= 20:
                            progress.set()
                    break
                assert status in (0, 409, 500, 502, 503), (status, answer)
                time.sleep(0.3)
            else:
                raise AssertionError(f"{key} was never acknowledged")

    try:
        wait_for(lambda: health(port) == 200, 60, "gunicorn to serve")
        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        assert progress.wait(60), "no submission was acknowledged"
        os.kill(server.workers()[0], signal.SIGKILL)  # (a) a worker dies mid-traffic
        time.sleep(1.0)
        throwaway_postgres.stop()  # (b) the database goes away ...
        wait_for(lambda: health(port) == 503, 30, "/healthz to report the database down")
        time.sleep(1.0)
        throwaway_postgres.start()  # ... and comes back
        wait_for(lambda: health(port) == 200, 60, "/healthz to recover")
        for thread in threads:
            thread.join(timeout=240)
        assert not any(thread.is_alive() for thread in threads)
    finally:
        server.stop()

    assert len(acknowledged) == CLIENTS * SUBMISSIONS_PER_CLIENT
    app = create_app(settings_for(throwaway_postgres.url, DATA_KEY=env["DATA_KEY"]))
    from service.data.crypto import Keyring

    app.extensions["clinic_desk_keyring"] = Keyring(env["DATA_KEY"])
    with app.app_context():
        inquiries = {i.id: i.message for i in db.session.scalars(sa.select(Inquiry))}
        comments = {c.id: c.body for c in db.session.scalars(sa.select(Comment))}
        for key, (kind, item_id) in acknowledged.items():
            stored = inquiries if kind == "inquiry" else comments
            assert item_id in stored, f"acknowledged {kind} {item_id} is missing"
            assert key in stored[item_id]
        expected_inquiries = sum(1 for kind, _ in acknowledged.values() if kind == "inquiry")
        assert len(inquiries) == expected_inquiries, "a retry stored an inquiry twice"
        assert len(comments) == len(acknowledged) - expected_inquiries, "a comment was doubled"
        db.session.remove()
        db.engine.dispose()
