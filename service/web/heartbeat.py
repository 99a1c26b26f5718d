"""Telling the server that a long response is still being made.

gunicorn restarts a worker it has not heard from for `timeout` seconds. A sync worker says
nothing while it serves a request, so a response streamed for longer than that (the moderation
queue's CSV export of a large queue) calls `beat()` as it goes. `gunicorn.conf.py` points it at
the worker's own heartbeat; elsewhere (the development server, tests) it does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

_beat: Callable[[], None] | None = None


def install(callback: Callable[[], None] | None) -> None:
    """Call `callback` on every `beat()` from now on (None: stop)."""
    global _beat
    _beat = callback


def beat() -> None:
    """Tell the server this worker is alive and working."""
    if _beat is not None:
        _beat()
