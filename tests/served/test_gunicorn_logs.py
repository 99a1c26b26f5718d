"""What gunicorn as deployed writes to stderr: gunicorn's own error lines work in the workers,
and a request cannot forge or split the app's line about it."""

from __future__ import annotations

import re
import socket

import pytest

from tests.served.servers import Gunicorn, wait_for

pytestmark = pytest.mark.served


def send_raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        return sock.recv(64)


def test_a_malformed_request_gets_gunicorns_normal_error_line(tmp_path):
    server = Gunicorn(tmp_path, workers=2)
    try:
        answer = send_raw(server.port, b"GARBAGE\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 400 Bad Request")
        line = re.compile(
            r"^\[[^\]]+\] \[\d+\] \[WARNING\] Invalid request from ip=127\.0\.0\.1: "
            r"Invalid HTTP request line: 'GARBAGE'$",
            re.MULTILINE,
        )
        wait_for(
            lambda: line.search(server.output()) or "Logging error" in server.output(),
            10,
            "gunicorn's error line",
        )
    finally:
        server.stop()
    output = server.output()
    assert "--- Logging error ---" not in output
    assert line.search(output), output[-3000:]


def test_a_worker_timeout_gets_gunicorns_normal_lines(tmp_path):
    # The project's config with a 2-second timeout instead of 30, so a stalled worker is
    # stopped while the test waits.
    server = Gunicorn(tmp_path, workers=1, args=("--timeout", "2"))
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as stalled:
            stalled.sendall(b"GET /healthz HTTP/1.1\r\n")  # and nothing more
            wait_for(lambda: "WORKER TIMEOUT" in server.output(), 20, "the worker timeout")
            wait_for(lambda: "Error handling request" in server.output(), 10, "its line")
    finally:
        server.stop()
    output = server.output()
    # The worker's own line about the request it was stopped in, in gunicorn's format.
    assert re.search(
        r"^\[[^\]]+\] \[\d+\] \[ERROR\] Error handling request \(no URI read\)$", output, re.M
    ), output[-3000:]
    assert "--- Logging error ---" not in output


# The application's log lines: a time, the level and the request id, then the logger.
APPLICATION_LINE = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ INFO \[[0-9a-f]+\] service\.request: ")


def test_a_path_with_line_breaks_and_escapes_gives_one_escaped_line_on_stderr(tmp_path):
    server = Gunicorn(tmp_path, workers=1)
    try:
        answer = send_raw(
            server.port,
            b"GET /forged%0d%0a2026-12-06%20INFO%20service.request:%20GET%20/ok%1b%5b31m HTTP/1.1"
            b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        )
        assert answer.startswith(b"HTTP/1.1 404")
        wait_for(lambda: "GET /forged" in server.output(), 10, "the request's log line")
    finally:
        server.stop()
    output = server.output()
    # gunicorn may add its own line if the stop lands while the worker is still writing; it
    # quotes the path percent-encoded, so only the application's request lines are counted.
    lines = [
        line
        for line in output.splitlines()
        if APPLICATION_LINE.match(line) and ("/forged" in line or "/ok" in line)
    ]
    assert len(lines) == 1, output[-3000:]
    assert not any(
        line.startswith(" INFO service.request: GET /ok") for line in output.splitlines()
    )
    assert "GET /forged\\x0d\\x0a2026-12-06 INFO service.request: GET /ok\\x1b[31m 404 " in lines[0]
    assert "\x1b" not in output
