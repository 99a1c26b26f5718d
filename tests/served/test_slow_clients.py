"""Behind the documented nginx, slow clients cannot stall gunicorn's sync workers.

gunicorn runs as deployed (`gunicorn.conf.py`, four sync workers, production settings, a
temporary SQLite database) with the nginx site of docs/deploy.md in front, over TLS. 200 slow
clients each hold a connection open and send one header line every two seconds without ever
finishing their request, while a normal client sends `GET /healthz` five times a second. nginx
reads requests whole before it passes them on, so the normal client's requests are answered
at once. The same slow clients sent to gunicorn directly take every worker, and the same
normal request then gets no answer for as long as the test waits: the reason nginx is there.
"""

from __future__ import annotations

import pytest

from tests.conftest import need
from tests.served.servers import Gunicorn, Nginx, nginx_binary
from tests.served.slowclients import Probe, SlowClients

pytestmark = pytest.mark.served

SLOW_CLIENTS = 200
HEADER_EVERY_SECONDS = 2.0
BEHIND_NGINX_SECONDS = 15
BOUND_SECONDS = 1.0
DIRECT_WAIT_SECONDS = 8.0


@pytest.fixture
def nginx_path() -> str:
    binary = nginx_binary()
    need(binary is not None, "nginx is not installed (Debian: apt-get install nginx)")
    assert binary is not None
    return binary


def test_slow_clients_behind_nginx_do_not_delay_a_normal_request(tmp_path, nginx_path):
    server = Gunicorn(tmp_path, workers=4, TRUSTED_PROXIES="1")
    try:
        nginx = Nginx(nginx_path, server.port)
        try:
            calm = Probe(nginx.https_port, nginx.context)
            calm.run(2)
            behind_nginx = Probe(nginx.https_port, nginx.context, timeout=10)
            with SlowClients(
                nginx.https_port, SLOW_CLIENTS, HEADER_EVERY_SECONDS, nginx.context
            ) as slow:
                behind_nginx.run(BEHIND_NGINX_SECONDS)
                still_connected = slow.connected
        finally:
            nginx.stop()

        # The same clients and the same request, straight to gunicorn.
        direct = Probe(server.port, timeout=DIRECT_WAIT_SECONDS)
        with SlowClients(server.port, SLOW_CLIENTS, HEADER_EVERY_SECONDS):
            direct.once()
    finally:
        server.stop()

    print(f"\nbehind nginx, no slow clients: {calm.summary()}")
    print(f"behind nginx, {SLOW_CLIENTS} slow clients: {behind_nginx.summary()}")
    print(f"gunicorn directly, {SLOW_CLIENTS} slow clients: {direct.summary()}")
    assert still_connected == SLOW_CLIENTS, "the slow clients were not kept connected"
    assert set(behind_nginx.statuses) == {200}
    assert len(behind_nginx.waits) >= BEHIND_NGINX_SECONDS * 2
    assert behind_nginx.percentile(0.95) < BOUND_SECONDS, behind_nginx.summary()
    assert direct.waits == [None], "gunicorn answered directly despite the slow clients"
