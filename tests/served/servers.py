"""gunicorn and nginx started as deployed, on 127.0.0.1, for the tests in this folder.

gunicorn runs `gunicorn --config gunicorn.conf.py wsgi:app` with `APP_ENV=production` on a
temporary SQLite database built by the migrations. nginx runs the site configuration that
docs/deploy.md shows (`deploy/nginx.conf`, the same text), changed only where a test must:
its ports, the certificate's paths and the upstream's port, in a throwaway prefix of its own
(`nginx -p DIR -c DIR/nginx.conf`, `daemon off`).
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from flask_migrate import upgrade

from config import new_data_key
from service import create_app
from service.data.extensions import db
from tests.conftest import REPO, settings_for

VENV_BIN = Path(sys.executable).parent
NGINX_SITE = REPO / "deploy" / "nginx.conf"
SERVER_NAME = "comments.clinic.example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def answers_http(port: int, context: ssl.SSLContext | None = None) -> bool:
    """Whether a GET /healthz on the port gets any HTTP answer within two seconds."""
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as raw:
            if context is None:
                raw.sendall(request)
                return raw.recv(12).startswith(b"HTTP/1.1 ")
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as sock:
                sock.sendall(request)
                return sock.recv(12).startswith(b"HTTP/1.1 ")
    except OSError:
        return False


def _stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


class Gunicorn:
    """gunicorn as `make serve` and the systemd unit start it, on a temporary SQLite database."""

    def __init__(
        self, directory: Path, *, workers: int = 4, args: tuple[str, ...] = (), **env: str
    ) -> None:
        self.dir = directory
        self.port = free_port()
        url = f"sqlite:///{directory / 'clinic-desk.sqlite3'}"
        secret_key, data_key = secrets.token_urlsafe(48), new_data_key()
        setup = create_app(settings_for(url, SECRET_KEY=secret_key, DATA_KEY=data_key))
        with setup.app_context():
            upgrade(directory=str(REPO / "migrations"))
            db.session.remove()
            db.engine.dispose()
        self.log_path = directory / "gunicorn.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py", *args, "wsgi:app"],
            cwd=REPO,
            env={
                **os.environ,
                "APP_ENV": "production",
                "SECRET_KEY": secret_key,
                "DATA_KEY": data_key,
                "PUBLIC_URL": f"https://{SERVER_NAME}",
                "DATABASE_URL": url,
                # Production refuses several workers on per-process counters; nothing these
                # tests send reaches a limit, so Redis is named, not needed.
                "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/7",
                "RATELIMIT_KEY_PREFIX": f"served-{self.port}",
                "WEB_CONCURRENCY": str(workers),
                "HOST": "127.0.0.1",
                "PORT": str(self.port),
                **env,
            },
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(self._is_serving, 60, "gunicorn to serve")
        except BaseException:
            self.stop()
            raise

    def _is_serving(self) -> bool:
        assert self.process.poll() is None, f"gunicorn exited:\n{self.output()}"
        return answers_http(self.port)

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        # Workers stuck on a slow client would keep a graceful stop waiting its full timeout.
        _stop(self.process, signal.SIGINT)
        self.log.close()


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
    )


def _self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for the documented server name and 127.0.0.1, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SERVER_NAME)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(SERVER_NAME), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "fullchain.pem", directory / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def adapt_site(
    text: str, *, https_port: int, http_port: int, upstream_port: int, cert: Path, key: Path
) -> str:
    """The documented site with a test's ports and certificate; every change must apply once,
    so a changed document fails here instead of being tested half-adapted."""
    live = f"/etc/letsencrypt/live/{SERVER_NAME}"
    changes = [
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        (f"{live}/fullchain.pem", str(cert)),
        (f"{live}/privkey.pem", str(key)),
        ("http://127.0.0.1:8000;", f"http://127.0.0.1:{upstream_port};"),
    ]
    for old, new in changes:
        count = text.count(old)
        expected = 2 if old.startswith("http://127.0.0.1:8000") else 1
        assert count == expected, f"{NGINX_SITE.name}: {old!r} found {count} times"
        text = text.replace(old, new)
    return text


class Nginx:
    """The documented nginx site in front of `upstream_port`, as a throwaway instance."""

    def __init__(self, binary: str, upstream_port: int) -> None:
        # Its own folder, readable by nginx's unprivileged workers when the test runs as root.
        self.dir = Path(tempfile.mkdtemp(prefix="clinic-desk-nginx-"))
        self.dir.chmod(0o755)
        self.https_port, self.http_port = free_port(), free_port()
        cert, key = _self_signed_certificate(self.dir)
        self.context = ssl.create_default_context(cafile=str(cert))
        site = adapt_site(
            NGINX_SITE.read_text(),
            https_port=self.https_port,
            http_port=self.http_port,
            upstream_port=upstream_port,
            cert=cert,
            key=key,
        )
        (self.dir / "clinic-desk.conf").write_text(site)
        # What Debian's /etc/nginx/nginx.conf sets around sites-enabled, with paths of our own.
        user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
        temp_paths = "".join(
            f"    {kind}_temp_path {self.dir / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.dir / "nginx.conf").write_text(
            f"{user}daemon off;\n"
            "worker_processes auto;\n"
            f"pid {self.dir / 'nginx.pid'};\n"
            f"error_log {self.dir / 'error.log'} warn;\n"
            "events { worker_connections 768; }\n"
            "http {\n"
            "    access_log off;\n"
            f"{temp_paths}"
            f"    include {self.dir / 'clinic-desk.conf'};\n"
            "}\n"
        )
        self.process = subprocess.Popen(
            [
                binary,
                "-p",
                str(self.dir),
                "-c",
                str(self.dir / "nginx.conf"),
                "-e",
                str(self.dir / "error.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(self._is_serving, 30, "nginx to serve")
        except BaseException:
            self.stop()
            raise

    def _is_serving(self) -> bool:
        assert self.process.poll() is None, f"nginx exited:\n{self.errors()}"
        return answers_http(self.https_port, self.context)

    def errors(self) -> str:
        path = self.dir / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        _stop(self.process, signal.SIGTERM)
        shutil.rmtree(self.dir, ignore_errors=True)
