"""`import isso`: a database that Isso itself wrote, through its own HTTP API.

Isso (pinned in the test extra) runs on 127.0.0.1; comments and replies are posted to it as its
own JavaScript client posts them, one is deleted while it has a reply (Isso keeps it as a
tombstone), and one waits for moderation. Then its SQLite file is imported."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Thread
from tests.conftest import need

ISSO = Path(sys.executable).with_name("isso")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Isso:
    def __init__(self, directory: Path, moderation: bool) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = directory / f"isso-{self.port}.cfg"
        config.write_text(
            f"[general]\ndbpath = {directory / 'comments.db'}\nhost = {self.url}/\n"
            f"[server]\nlisten = {self.url}/\n"
            f"[moderation]\nenabled = {'true' if moderation else 'false'}\n"
            "[guard]\nenabled = false\n",
            encoding="utf-8",
        )
        self.log = open(directory / f"isso-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(ISSO), "-c", str(config), "run"], stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Isso did not start: {(directory / self.log.name).read_text()}")

    def request(self, method: str, path: str, data: dict | None = None, cookie: str = ""):
        request = urllib.request.Request(
            self.url + path,
            json.dumps(data).encode() if data is not None else None,
            {"Content-Type": "application/json", "Cookie": cookie},
            method=method,
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            return json.loads(body) if body else None, response.headers.get("Set-Cookie", "")

    def post(self, uri: str, **fields) -> tuple[dict, str]:
        return self.request("POST", f"/new?uri={urllib.parse.quote(uri)}", fields)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def isso_database(tmp_path) -> Path:
    need(ISSO.exists(), "Isso is not installed (it is pinned in the test extra: make install)")
    server = Isso(tmp_path, moderation=False)
    try:
        first, _ = server.post(
            "/blog/knee-pain/",
            title="Knee pain & running",
            author="María José",
            email="maria@example.org",
            website="https://maria.example.org",
            text="Does **cycling** help? <script>alert(1)</script>",
        )
        answer, _ = server.post(
            "/blog/knee-pain/", author="Dr. Lee", text="Yes, gently.", parent=first["id"]
        )
        server.post("/blog/knee-pain/", author="Guest", text="Thanks!", parent=answer["id"])
        doomed, cookie = server.post("/blog/sleep", title="Schlaf", author="Jürgen", text="Bye")
        server.post("/blog/sleep", author="Ann", text="A reply keeps it", parent=doomed["id"])
        server.request("DELETE", f"/id/{doomed['id']}", cookie=cookie.split(";")[0])
    finally:
        server.stop()
    moderated = Isso(tmp_path, moderation=True)
    try:
        moderated.post("/blog/sleep", author="Late", text="Waiting for a moderator")
    finally:
        moderated.stop()
    return tmp_path / "comments.db"


def test_a_database_written_by_isso_is_imported(runner, isso_database):
    result = runner.invoke(args=["import", "isso", str(isso_database)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1]) == {
        "threads": 2,
        "comments": 6,
        "skipped": 0,
    }
    threads = {t.key: t for t in db.session.scalars(sa.select(Thread))}
    assert threads["blog/knee-pain"].title == "Knee pain & running"
    assert threads["blog/sleep"].title == "Schlaf"

    comments = {c.author: c for c in db.session.scalars(sa.select(Comment))}
    first = comments["María José"]
    assert first.email == "maria@example.org"
    assert first.website == "https://maria.example.org"
    assert first.status is CommentStatus.APPROVED
    assert "<strong>cycling</strong>" in first.body_html
    assert "<script" not in first.body_html
    # Isso nests replies to replies under the top comment; the import keeps Isso's parents.
    assert comments["Dr. Lee"].parent_id == first.id
    assert comments["Guest"].parent_id in (first.id, comments["Dr. Lee"].id)
    deleted = [c for c in comments.values() if c.status is CommentStatus.DELETED]
    assert len(deleted) == 1
    assert comments["Ann"].parent_id == deleted[0].id
    assert comments["Late"].status is CommentStatus.PENDING
    assert first.created_at.tzinfo is not None

    again = runner.invoke(args=["import", "isso", str(isso_database)])
    assert json.loads(again.output.strip().splitlines()[-1])["comments"] == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 6


def test_isso_dry_run_and_broken_databases_write_nothing(runner, isso_database, tmp_path):
    dry = runner.invoke(args=["import", "isso", str(isso_database), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "By status: approved 4, deleted 1, pending 1" in dry.output
    assert "3  blog/knee-pain" in dry.output and "3  blog/sleep" in dry.output
    assert "Dry run: nothing was written." in dry.output

    truncated = tmp_path / "truncated.db"
    data = isso_database.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    orphaned = tmp_path / "orphaned.db"
    orphaned.write_bytes(data)
    connection = sqlite3.connect(orphaned)
    with connection:  # the top comment goes; its replies still name it
        connection.execute("DELETE FROM comments WHERE parent IS NULL AND author = 'María José'")
    connection.close()
    for path, message in ((truncated, "not an Isso database"), (orphaned, "not in the file")):
        result = runner.invoke(args=["import", "isso", str(path)])
        assert result.exit_code == 1, result.output
        assert message in result.output and "Traceback" not in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == 0
