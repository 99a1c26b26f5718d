"""gunicorn's own error log works in the workers once the app has configured its logging."""

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
