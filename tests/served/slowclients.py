"""Slow clients and a normal client, for measuring what the first do to the second.

A slow client opens a connection, sends a request line and then one header line every few
seconds, never finishing its request (the "slowloris" pattern); when the server closes the
connection it opens another. The normal client sends `GET /healthz` on a fresh connection
and times the answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import random
import ssl
import threading
import time
from dataclasses import dataclass, field


class SlowClients:
    """`count` slow clients against 127.0.0.1:`port` while the `with` block runs."""

    def __init__(
        self, port: int, count: int, interval: float, context: ssl.SSLContext | None = None
    ) -> None:
        self.port, self.count, self.interval, self.context = port, count, interval, context
        self.connected = 0  # connections open right now
        self.opened = 0  # connections opened in all
        self.closed_by_server = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._main: asyncio.Task | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> SlowClients:
        self._thread.start()
        deadline = time.monotonic() + 60
        while self.connected < self.count:
            assert time.monotonic() < deadline, f"only {self.connected} slow clients connected"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._loop is not None and self._main is not None:
            self._loop.call_soon_threadsafe(self._main.cancel)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        asyncio.run(self._all())

    async def _all(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._main = asyncio.current_task()
        clients = [asyncio.create_task(self._client(number)) for number in range(self.count)]
        try:
            await asyncio.gather(*clients)
        except asyncio.CancelledError:
            for client in clients:
                client.cancel()
            await asyncio.gather(*clients, return_exceptions=True)

    async def _client(self, number: int) -> None:
        while True:
            try:
                reader, writer = await asyncio.open_connection(
                    "127.0.0.1", self.port, ssl=self.context
                )
            except (OSError, ssl.SSLError):
                await asyncio.sleep(0.2)
                continue
            self.opened += 1
            self.connected += 1
            try:
                writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                await writer.drain()
                # Spread the header lines over the interval, as independent clients would.
                wait = random.uniform(0, self.interval)
                line = 0
                while True:
                    try:
                        if await asyncio.wait_for(reader.read(4096), wait):
                            pass  # an answer (408, 400): the server is done with us
                        break
                    except TimeoutError:
                        pass
                    line += 1
                    writer.write(f"X-Slow-{line}: client {number}\r\n".encode())
                    await writer.drain()
                    wait = self.interval
                self.closed_by_server += 1
            except (OSError, ssl.SSLError):
                self.closed_by_server += 1
            finally:
                self.connected -= 1
                writer.close()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(writer.wait_closed(), 1)


@dataclass
class Probe:
    """Normal requests, one at a time; the seconds each took, or None for no answer in time."""

    port: int
    context: ssl.SSLContext | None = None
    timeout: float = 10.0
    waits: list[float | None] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    def once(self) -> float | None:
        if self.context is not None:
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=self.timeout, context=self.context
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        started = time.perf_counter()
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            self.statuses.append(response.status)
            wait: float | None = time.perf_counter() - started
        except TimeoutError:
            wait = None
        finally:
            connection.close()
        self.waits.append(wait)
        return wait

    def run(self, seconds: float, pause: float = 0.2) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.once()
            time.sleep(pause)

    def answered(self) -> list[float]:
        return sorted(wait for wait in self.waits if wait is not None)

    def percentile(self, share: float) -> float:
        """The wait that `share` of the requests did not exceed (no answer counts as endless)."""
        ordered = sorted(wait if wait is not None else float("inf") for wait in self.waits)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(self) -> str:
        if not self.waits:
            return "no requests"
        unanswered = sum(wait is None for wait in self.waits)
        answered = self.answered()
        if not answered:
            return f"{len(self.waits)} requests, none answered within {self.timeout:.0f} s"
        return (
            f"{len(self.waits)} requests: median {self.percentile(0.5) * 1000:.0f} ms, "
            f"p95 {self.percentile(0.95) * 1000:.0f} ms, max {answered[-1] * 1000:.0f} ms"
            + (f", {unanswered} not answered within {self.timeout:.0f} s" if unanswered else "")
        )
