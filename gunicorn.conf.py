"""gunicorn settings for `make serve` and production: workers from the core count."""

import logging
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
# One request thread per worker. A request is mostly work for the interpreter, so a second
# thread only queues for its lock, and a writer holding SQLite's write gate then waits for the
# interpreter too. Measured side by side: 1 thread served 5-20 % more inquiries, about 30 % more
# comments and 15 % more cached reads than 2 (and 2 beat 4). Idle keep-alive connections wait in
# the worker's main thread, not in a request thread; the reverse proxy buffers slow clients.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 20
accesslog = None  # the app logs one line per request itself
errorlog = "-"
# Workers open their own database connections after the fork (the app is built per worker).
preload_app = False
# gunicorn's control socket (for `gunicornc`) is one path per user by default, so a second
# instance on the same host would take it over. Off unless given a path of this instance's own.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
forwarded_allow_ips = "*" if int(os.environ.get("TRUSTED_PROXIES", "0") or 0) > 0 else "127.0.0.1"


def when_ready(server):
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if workers > 1 and storage.startswith("memory://"):
        logging.getLogger("gunicorn.error").warning(
            "Rate limits use memory:// storage with %s workers: each worker counts on its own, "
            "so a client gets %s times the limit. Set RATELIMIT_STORAGE_URI to a Redis URL.",
            workers,
            workers,
        )


def post_fork(server, worker):
    # A request that holds SQLite's write gate must get the interpreter back quickly from
    # threads doing CPU work (the spam filter, rendering): switch threads every 1 ms, not 5.
    import sys

    sys.setswitchinterval(0.001)
