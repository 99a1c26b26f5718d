"""A body sent in chunks, without Content-Length, is held to the same 1 MB limit as any other:
over it the answer is `413` in the contract's shape, never a body cut short and answered as
invalid JSON. Checked by calling the WSGI app as a server does, and against gunicorn."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from werkzeug.test import EnvironBuilder, run_wsgi_app
from werkzeug.wrappers import Response

from tests.conftest import GUNICORN, REPO

MB = 1024 * 1024


class ChunkedInput:
    """A request body as a server that dechunks it hands it on: a stream of unknown length."""

    def __init__(self, parts: Iterable[bytes]) -> None:
        self._parts = iter(parts)
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            part = next(self._parts, None)
            if part is None:
                break
            self._buffer += part
        size = len(self._buffer) if size < 0 else size
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out


def json_in_chunks(payload: dict, padding: int = 0) -> Iterator[bytes]:
    """`payload` as JSON in 16 KB chunks, its message padded by `padding` bytes."""
    text = json.dumps({**payload, "message": payload["message"] + " " * padding}).encode()
    for start in range(0, len(text), 16 * 1024):
        yield text[start : start + 16 * 1024]


def send_chunked(app, path: str, parts: Iterable[bytes], content_type: str) -> Response:
    """Call the WSGI app as gunicorn does for `Transfer-Encoding: chunked`: no CONTENT_LENGTH,
    a dechunked stream and `wsgi.input_terminated`."""
    environ = EnvironBuilder(
        path=path,
        method="POST",
        content_type=content_type,
        headers={"Transfer-Encoding": "chunked", "Accept": "text/html"},
    ).get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["wsgi.input"] = ChunkedInput(parts)
    environ["wsgi.input_terminated"] = True
    return Response(*run_wsgi_app(app, environ, buffered=True))


def test_a_chunked_json_body_over_1_mb_is_413_not_invalid_json(app, inquiry_payload):
    response = send_chunked(
        app, "/api/inquiries", json_in_chunks(inquiry_payload, MB), "application/json"
    )
    assert response.status_code == 413
    assert response.json == {
        "error": "too_large",
        "message": "What you sent is too large. Please shorten it and try again.",
    }


def test_a_chunked_comment_over_1_mb_is_413(app):
    body = json.dumps({"author": "Maria", "body": "x" * (MB + 10)}).encode()
    response = send_chunked(
        app, "/api/threads/articles%2Fknee-pain/comments", [body], "application/json"
    )
    assert response.status_code == 413
    assert response.json["error"] == "too_large"


def test_a_chunked_form_over_1_mb_is_a_413_page(app):
    parts = [b"name=Ada&message="] + [b"x" * 64 * 1024] * 17
    response = send_chunked(app, "/contact", parts, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "What you sent is too large" in response.get_data(as_text=True)


def test_a_chunked_body_within_the_limit_is_read_whole(app, inquiry_payload):
    # Just under 1 MB with everything else: the whole body arrives and the inquiry is taken.
    response = send_chunked(
        app,
        "/api/inquiries",
        json_in_chunks(inquiry_payload, 2000),
        "application/json",
    )
    assert response.status_code == 202, response.get_data(as_text=True)
    assert response.json["status"] == "received"


# -- against gunicorn -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn_port(app, tmp_path: Path) -> Iterator[int]:
    """gunicorn serving the app (gunicorn.conf.py, one sync worker) on the test's database."""
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    env = {
        **os.environ,
        "APP_ENV": "testing",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "DATA_KEY": app.config["DATA_KEY"],
        "WEB_CONCURRENCY": "1",
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    process = subprocess.Popen(
        GUNICORN,
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()[-2000:]
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def post_chunked(port: int, parts: Iterable[bytes]) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # A generator body without Content-Length goes out as Transfer-Encoding: chunked.
        connection.request(
            "POST",
            "/api/inquiries",
            body=iter(parts),
            headers={"Content-Type": "application/json"},
            encode_chunked=True,
        )
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_gunicorn_answers_a_chunked_body_over_1_mb_with_413(gunicorn_port, inquiry_payload):
    status, body = post_chunked(gunicorn_port, json_in_chunks(inquiry_payload, MB))
    assert (status, body["error"]) == (413, "too_large")
    # Well past the limit the client, still sending, gets the answer too.
    status, body = post_chunked(gunicorn_port, json_in_chunks(inquiry_payload, 5 * MB))
    assert (status, body["error"]) == (413, "too_large")
    status, body = post_chunked(gunicorn_port, json_in_chunks(inquiry_payload))
    assert (status, body["status"]) == (202, "received")
