"""Clinic Desk's container image, built with buildah and run against the test PostgreSQL and
Redis: the default command migrates and serves on PORT, answers /healthz, stores an inquiry and
a comment; the worker command delivers the outbox; MIGRATE_ON_START=0 leaves the schema alone.

Run by `make check-container` (see conftest.py); under CI=true a missing buildah or mmdebstrap
fails the run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from config import new_data_key
from tests.conftest import (
    drop_postgres_schema,
    need,
    new_postgres_schema,
    postgres_available,
)
from tests.container import images
from tests.functional.conftest import SmtpSink
from tests.served.servers import free_port

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# A guard against the image growing by accident (a test tool, the repository's .venv...).
MAX_IMAGE_MB = 600


@pytest.fixture(scope="module")
def image() -> str:
    missing = images.tools_missing()
    need(not missing, f"not installed: {', '.join(missing)} (apt-get install buildah mmdebstrap)")
    need(postgres_available(), "PostgreSQL is not reachable")
    started = time.monotonic()
    base = images.base_image()
    base_seconds = time.monotonic() - started
    build_seconds = images.build_image(base)
    print(
        f"\nbase image {base}: ready in {base_seconds:.0f} s; "
        f"{images.IMAGE}: built in {build_seconds:.0f} s, "
        f"{images.image_megabytes(images.IMAGE):.0f} MB unpacked"
    )
    return images.IMAGE


@contextmanager
def own_database() -> Iterator[str]:
    """An empty PostgreSQL schema of our own on the test server (the URL selects it through
    `search_path`), dropped afterwards. A schema rather than a database: dropping a database
    waits for a checkpoint, which takes minutes on a busy machine."""
    url, schema = new_postgres_schema()
    try:
        yield url
    finally:
        drop_postgres_schema(schema)


def settings(database_url: str, port: int, **extra: str) -> dict[str, str]:
    return {
        "PORT": str(port),
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "SECRET_KEY": uuid.uuid4().hex + uuid.uuid4().hex,
        "DATA_KEY": new_data_key(),
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": "container-" + uuid.uuid4().hex[:8],
        "WEB_CONCURRENCY": "2",
        **extra,
    }


class Container:
    """One working container of the image; `start` runs a command in it in the background."""

    def __init__(self, image: str, env: dict[str, str], log_dir: Path) -> None:
        self.name = images.run("buildah", "from", image).stdout.strip()
        self.env = env
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []
        self.logs: list = []

    def command(self, *args: str) -> list[str]:
        env = [part for key, value in self.env.items() for part in ("--env", f"{key}={value}")]
        return ["buildah", "run", *images.ISOLATION, "--network", "host", *env, self.name, "--"]

    def start(self, *args: str, log: str) -> subprocess.Popen:
        out = (self.log_dir / log).open("w")
        self.logs.append(out)
        process = subprocess.Popen(
            [*self.command(), *args], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        return process

    def call(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.command(), *args], input=stdin, capture_output=True, text=True, timeout=120
        )

    def close(self) -> None:
        for process in self.processes:
            stop(process, signal.SIGTERM)
        for out in self.logs:
            out.close()
        subprocess.run(["buildah", "rm", self.name], capture_output=True)


def stop(process: subprocess.Popen, how: int, seconds: float = 30) -> int:
    """Signal `buildah run`, which passes the signal on to the command in the container; kill
    the whole process group if it lingers."""
    if process.poll() is None:
        process.send_signal(how)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode


def in_session(process: subprocess.Popen, text: str) -> int:
    """The process id of the command started by `buildah run` whose command line has `text`
    (chroot isolation shares the host's process ids)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getsid(int(entry.name)) != process.pid:
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ProcessLookupError):
            continue
        if text in command and "buildah" not in command:
            return int(entry.name)
    raise AssertionError(f"no process running {text!r} under buildah run")


def default_command(image: str) -> list[str]:
    config = images.image_config(image)
    return [*(config.get("Entrypoint") or []), *(config.get("Cmd") or [])]


def get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def post_json(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def wait_healthy(base_url: str, process: subprocess.Popen, log: Path, seconds: float = 180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the container exited ({process.returncode}):\n{log.read_text()}")
        try:
            status, body = get_json(base_url + "/healthz")
        except (OSError, ValueError):
            time.sleep(0.5)
            continue
        if status == 200:
            return body
        time.sleep(0.5)
    raise AssertionError(f"/healthz did not answer 200 within {seconds} s:\n{log.read_text()}")


def wait_for_line(log: Path, text: str, process: subprocess.Popen, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        content = log.read_text()
        if text in content:
            return content
        if process.poll() is not None:
            break
        time.sleep(0.5)
    raise AssertionError(f"{text!r} not in the output:\n{log.read_text()}")


def test_the_image_runs_as_a_user_with_a_healthcheck_and_serves_by_default(image):
    config = images.image_config(image)
    assert config["User"] == "clinicdesk"
    assert config["Healthcheck"]["Test"] == ["CMD", "/app/entrypoint.sh", "healthcheck"]
    assert default_command(image) == ["/app/entrypoint.sh", "serve"]
    assert "8000/tcp" in config["ExposedPorts"]
    env = dict(item.split("=", 1) for item in config["Env"])
    assert env["PORT"] == "8000"
    assert env["APP_ENV"] == "production"
    assert images.image_megabytes(image) < MAX_IMAGE_MB


def test_the_default_command_migrates_serves_and_stores_an_inquiry_and_a_comment(image, tmp_path):
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    mail = SmtpSink()
    mail.start()
    with own_database() as database_url:
        env = settings(database_url, port, SMTP_URL=mail.url, MAIL_FROM="desk@clinic.example")
        container = Container(image, env, tmp_path)
        try:
            server = container.start(*default_command(image), log="serve.log")
            health = wait_healthy(base_url, server, tmp_path / "serve.log")
            assert health["database"] == "ok"
            served = (tmp_path / "serve.log").read_text()
            assert "Running upgrade" in served  # migrated first
            assert f"Listening at: http://0.0.0.0:{port}" in served

            # What the image's HEALTHCHECK runs, run beside the server.
            check = container.call("/app/entrypoint.sh", "healthcheck")
            assert check.returncode == 0, check.stdout + check.stderr
            whoami = container.call("id", "-un")
            assert whoami.stdout.strip() == "clinicdesk"
            # Any CLI command through the same image: a moderator who is told of new inquiries.
            created = container.call(
                "/app/entrypoint.sh", "flask", "moderators", "create", "staff@clinic.example",
                "--role", "admin", "--password-stdin",
                stdin="correct horse battery staple 7\ncorrect horse battery staple 7\n",
            )  # fmt: skip
            assert created.returncode == 0, created.stdout + created.stderr

            message = f"Is the knee clinic open on Saturday mornings? {uuid.uuid4().hex}"
            status, inquiry = post_json(
                base_url + "/api/inquiries",
                {
                    "name": "Ada Example",
                    "email": "ada@example.org",
                    "topic": "appointment",
                    "message": message,
                    "consent": True,
                },
            )
            assert status == 202, inquiry
            assert inquiry["status"] == "received"
            status, comment = post_json(
                base_url + "/api/threads/blog%2Fknee-pain/comments",
                {"author": "Ben", "body": "Thank you, the stretching advice helped."},
            )
            assert status == 202, comment

            engine = sa.create_engine(database_url)
            try:
                with engine.connect() as connection:
                    stored = connection.execute(
                        sa.text("SELECT status, email, message FROM inquiries WHERE id = :id"),
                        {"id": inquiry["id"]},
                    ).one()
                    thread_key, body = connection.execute(
                        sa.text(
                            "SELECT threads.key, comments.body FROM comments "
                            "JOIN threads ON threads.id = comments.thread_id "
                            "WHERE comments.id = :id"
                        ),
                        {"id": comment["id"]},
                    ).one()
            finally:
                engine.dispose()
            assert stored.status == "received"
            assert stored.email == "ada@example.org"
            assert message not in stored.message  # encrypted at rest with DATA_KEY
            assert thread_key == "blog/knee-pain"
            assert body == "Thank you, the stretching advice helped."

            # The second command of the same image: the outbox worker sends the moderator's
            # notice (which names the inquiry's number, never what the visitor wrote).
            worker = container.start("/app/entrypoint.sh", "worker", log="worker.log")
            wait_for_line(tmp_path / "worker.log", "still queued", worker)
            assert f"New inquiry #{inquiry['id']}" in [m["Subject"] for m in mail.messages]
            for sent in mail.messages:
                assert sent["To"] == "staff@clinic.example"
                assert message not in sent.as_string()
            # Compose stops it with SIGINT; buildah would end it with SIGKILL, so the signal goes
            # straight to the worker's own process.
            os.kill(in_session(worker, "outbox deliver"), signal.SIGINT)
            wait_for_line(tmp_path / "worker.log", "Stopped.", worker, seconds=30)

            stats = container.call("/app/entrypoint.sh", "flask", "queue", "stats")
            assert stats.returncode == 0, stats.stderr
            counts = json.loads(stats.stdout.strip().splitlines()[-1])
            assert counts["inquiry"] == {"received": 1}
            assert sum(counts["comment"].values()) == 1
        finally:
            container.close()
            mail.stop()


def test_migrate_on_start_0_serves_without_touching_the_schema(image, tmp_path):
    port = free_port()
    with own_database() as database_url:
        env = settings(database_url, port, MIGRATE_ON_START="0", WEB_CONCURRENCY="1")
        container = Container(image, env, tmp_path)
        try:
            server = container.start(*default_command(image), log="serve.log")
            wait_for_line(tmp_path / "serve.log", "Booting worker", server)
            engine = sa.create_engine(database_url)
            try:
                assert sa.inspect(engine).get_table_names() == []
            finally:
                engine.dispose()
            migrated = container.call("/app/entrypoint.sh", "migrate")
            assert migrated.returncode == 0, migrated.stdout + migrated.stderr
            status, _ = get_json(f"http://127.0.0.1:{port}/healthz")
            assert status == 200
        finally:
            container.close()
