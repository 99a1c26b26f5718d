"""gunicorn settings for `make serve` and production: workers from the core count."""

import logging
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
# Sync workers: one request at a time per worker process, as gunicorn recommends for a
# CPU-bound application behind a buffering proxy (nginx, docs/deploy.md). A request is mostly
# work for the interpreter, so threads in one worker only queue for its lock, and a writer
# holding SQLite's write gate then waits for the interpreter too. Measured side by side, sync
# workers served 8-11 % more inquiries than gthread workers with one thread (no hand-over from
# the poller thread to the request thread), and one thread had beaten two and four. There is no
# keep-alive; nginx opens a connection per request anyway. GUNICORN_THREADS above 1 makes
# gunicorn use its gthread worker instead.
worker_class = "sync"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A sync worker is silent while it serves a request: a response streamed for longer than
# `timeout` calls service.heartbeat.beat() (installed in post_fork below).
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
    warn_unless_behind_a_proxy()
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if workers > 1 and storage.startswith("memory://"):
        logging.getLogger("gunicorn.error").warning(
            "Rate limits use memory:// storage with %s workers: each worker counts on its own, "
            "so a client gets %s times the limit. Set RATELIMIT_STORAGE_URI to a Redis URL.",
            workers,
            workers,
        )


def post_fork(server, worker):
    # With threads: a request that holds SQLite's write gate must get the interpreter back
    # quickly from threads doing CPU work (the spam filter, rendering): switch every 1 ms, not 5.
    import sys

    from service import heartbeat

    sys.setswitchinterval(0.001)
    heartbeat.install(worker.notify)


NOT_BEHIND_A_PROXY = (
    "TRUSTED_PROXIES=0: this server must not face the internet directly. Each worker waits for "
    "a client's whole request, so a handful of clients sending their headers slowly hold every "
    "worker (30 s each, until gunicorn restarts it) and nobody else is answered. Put nginx in "
    "front as docs/deploy.md shows (it reads requests whole first) and set TRUSTED_PROXIES=1."
)


def warn_unless_behind_a_proxy():
    # Measured (README, "Slow clients"): gthread workers are held the same way, without even
    # the restart, so the remedy is the proxy, not another worker type.
    if int(os.environ.get("TRUSTED_PROXIES", "0") or 0) == 0:
        logging.getLogger("gunicorn.error").warning(NOT_BEHIND_A_PROXY)
