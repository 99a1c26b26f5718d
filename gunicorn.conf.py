"""gunicorn settings for `make serve` and production: workers from the core count."""

import logging
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
# Sync workers: one request at a time per worker process, as gunicorn recommends for a
# CPU-bound application behind a buffering proxy (nginx, docs/deploy.md). A request is mostly
# work for the interpreter, so threads in one worker only queue for its lock, and a writer
# holding SQLite's write lock then waits for the interpreter too. Measured side by side, sync
# workers served 8-11 % more inquiries than gthread workers with one thread (no hand-over from
# the poller thread to the request thread), and one thread had beaten two and four. There is no
# keep-alive; nginx opens a connection per request anyway. GUNICORN_THREADS above 1 makes
# gunicorn use its gthread worker instead.
worker_class = "sync"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A sync worker is silent while it serves a request: a response streamed for longer than
# `timeout` calls service.web.heartbeat.beat() (installed in post_fork below).
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


MEMORY_STORAGE_REFUSED = (
    "Refusing to start: APP_ENV=production with %(workers)d workers and rate limits in memory:// "
    "storage. Each worker would count failed sign-ins and rate limits on its own, so a client "
    "would get %(workers)d times the limit. Set RATELIMIT_STORAGE_URI=redis://HOST:6379/0 (the "
    "Redis every worker shares), or run one worker (WEB_CONCURRENCY=1)."
)


def _on_memory_storage() -> bool:
    return os.environ.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory://")


def on_starting(server):
    # The login throttle counts failures in this storage whatever RATELIMIT_ENABLED says, so
    # production never runs several workers on per-process counters. RuntimeError is what
    # gunicorn prints as a one-line "Error: ..." before exiting with status 1.
    count = server.cfg.workers
    production = os.environ.get("APP_ENV", "development").lower() == "production"
    if production and count > 1 and _on_memory_storage():
        raise RuntimeError(MEMORY_STORAGE_REFUSED % {"workers": count})


def when_ready(server):
    warn_unless_behind_a_proxy()
    count = server.cfg.workers
    if count > 1 and _on_memory_storage():
        logging.getLogger("gunicorn.error").warning(
            "Rate limits use memory:// storage with %s workers: each worker counts on its own, "
            "so a client gets %s times the limit. Set RATELIMIT_STORAGE_URI to a Redis URL.",
            count,
            count,
        )


def post_fork(server, worker):
    # With threads: a request that holds SQLite's write lock must get the interpreter back
    # quickly from threads doing CPU work (the spam filter, rendering): switch every 1 ms, not 5.
    import sys

    from service.web import heartbeat

    sys.setswitchinterval(0.001)
    heartbeat.install(worker.notify)


NOT_BEHIND_A_PROXY = (
    "TRUSTED_PROXIES=0: this server must not face the internet directly. Each worker waits for "
    "a client's whole request, so a handful of clients sending their headers slowly hold every "
    "worker (30 s each, until gunicorn restarts it) and nobody else is answered. Put nginx in "
    "front as docs/deploy.md shows (it reads requests whole first) and set TRUSTED_PROXIES=1."
)


def warn_unless_behind_a_proxy():
    # Measured (docs/performance.md, "Slow clients"): gthread workers are held the same way,
    # without even the restart, so the remedy is the proxy, not another worker type.
    if int(os.environ.get("TRUSTED_PROXIES", "0") or 0) == 0:
        logging.getLogger("gunicorn.error").warning(NOT_BEHIND_A_PROXY)
