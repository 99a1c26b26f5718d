"""Slow clients against gunicorn's worker types, and behind nginx (`make bench-slow-clients`).

For each worker type gunicorn.conf.py can run (sync, the default; gthread with
GUNICORN_THREADS=4) it starts gunicorn as deployed (four workers, production settings, a
temporary SQLite database) and measures, side by side:

- throughput: `wrk -t2 -c16 -d10s` on a thread's comments (`GET /api/threads/<key>/comments`);
- a normal request (`GET /healthz`) while 4 and then 200 slow clients (one header line every
  two seconds, never finishing) hold connections to gunicorn directly;
- the same behind the nginx site of docs/deploy.md (sync workers only, as deployed).

Prints one table. Needs wrk and nginx (Debian packages).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.served.servers import Gunicorn, Nginx, nginx_binary  # noqa: E402
from tests.served.slowclients import Probe, SlowClients  # noqa: E402

THREAD = "/api/threads/articles%2Fknee-pain/comments"
WORKER_TYPES = {"sync": {}, "gthread, 4 threads": {"GUNICORN_THREADS": "4"}}


def throughput(port: int) -> str:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", "-d10s", f"http://127.0.0.1:{port}{THREAD}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return f"{float(match[1]):.0f} req/s" if match else "?"


def direct(port: int, slow: int, wait: float) -> str:
    probe = Probe(port, timeout=wait)
    with SlowClients(port, slow, 2.0):
        probe.once()
    answered = probe.answered()
    return f"{answered[0]:.2f} s" if answered else f"no answer in {wait:.0f} s"


def main() -> None:
    rows = []
    for name, env in WORKER_TYPES.items():
        with tempfile.TemporaryDirectory() as folder:
            server = Gunicorn(Path(folder), workers=4, **env)
            try:
                row = [name, throughput(server.port)]
                row.append(direct(server.port, 4, 45))
            finally:
                server.stop()
        with tempfile.TemporaryDirectory() as folder:
            server = Gunicorn(Path(folder), workers=4, **env)
            try:
                row.append(direct(server.port, 200, 60))
            finally:
                server.stop()
        rows.append(row)
        print(" | ".join(row), flush=True)
    binary = nginx_binary()
    if binary and shutil.which("wrk"):
        with tempfile.TemporaryDirectory() as folder:
            server = Gunicorn(Path(folder), workers=4, TRUSTED_PROXIES="1")
            try:
                nginx = Nginx(binary, server.port)
                try:
                    calm = Probe(nginx.https_port, nginx.context)
                    calm.run(5)
                    busy = Probe(nginx.https_port, nginx.context)
                    with SlowClients(nginx.https_port, 200, 2.0, nginx.context):
                        busy.run(30)
                finally:
                    nginx.stop()
            finally:
                server.stop()
        print(f"behind nginx (sync), no slow clients: {calm.summary()}")
        print(f"behind nginx (sync), 200 slow clients: {busy.summary()}")
    print()
    print("| gunicorn worker | thread read, wrk -c16 | /healthz with 4 slow clients | with 200 |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
