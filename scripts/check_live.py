"""Run the hostile-input sweep against the real server under gunicorn.

For each database (SQLite, PostgreSQL) and moderation mode (pre, auto): a fresh database,
`db upgrade`, a moderator and an API token, gunicorn with rate limits off, then
`../shared/tools/sweep.py --token ...`. Prints each sweep's last line and, last, the total as
`N passed, N failed`. Exit status 1 when a case failed or a run could not start.

Usage: .venv/bin/python scripts/check_live.py [--only sqlite-pre,...]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.harness import start_gunicorn  # noqa: E402
from config import new_data_key  # noqa: E402
from tests.postgres_schemas import create_schema, drop_schema  # noqa: E402

SHARED = REPO.parent / "shared"
VENV_BIN = Path(sys.executable).parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed: {result.stderr.strip()[-500:]}")
    return result.stdout


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited while starting")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not become healthy in time")


def run_one(database: str, mode: str, workdir: Path) -> tuple[int, int, str]:
    schema = None
    if database == "sqlite":
        url = f"sqlite:///{workdir / f'{database}-{mode}.sqlite3'}"
    else:
        url, schema = create_schema("live_")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "DATA_KEY": new_data_key(),
        "PUBLIC_URL": base,
        "DATABASE_URL": url,
        "RATELIMIT_ENABLED": "0",
        "MODERATION_MODE": mode,
        "FORM_MIN_SECONDS": "0",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        # Production refuses several workers on memory:// storage; nothing here signs in,
        # so Redis is named but never used.
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/6",
    }
    log_path = workdir / f"gunicorn-{database}-{mode}.log"
    try:
        flask(env, "db", "upgrade")
        flask(
            env,
            "moderators",
            "create",
            "sweep@clinic.example",
            "--role",
            "moderator",
            "--password-stdin",
            stdin="sweep-moderator-password\n",
        )
        token = flask(env, "moderators", "token", "sweep@clinic.example").strip()
        with open(log_path, "w") as log:
            server = start_gunicorn(env, REPO, log, start_new_session=True)
        try:
            wait_healthy(base, server)
            sweep = subprocess.run(
                [
                    sys.executable,
                    str(SHARED / "tools" / "sweep.py"),
                    "--base",
                    base,
                    "--token",
                    token,
                ],
                capture_output=True,
                text=True,
                timeout=900,
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        output = sweep.stdout.strip().splitlines()
        last = output[-1] if output else sweep.stderr.strip()[-300:]
        match = re.fullmatch(r"(\d+) passed, (\d+) failed", last)
        if not match:
            return 0, 1, f"sweep could not run: {last}"
        failures = [line for line in output if " FAIL" in line]
        detail = "\n".join(failures[:40])
        return int(match[1]), int(match[2]), detail
    finally:
        if schema:
            drop_schema(schema)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated runs, e.g. sqlite-pre")
    args = parser.parse_args()
    if not (SHARED / "tools" / "sweep.py").exists():
        message = f"{SHARED / 'tools' / 'sweep.py'} is missing"
        if IN_CI:
            print(f"check-live: {message}", file=sys.stderr)
            return 1
        print(f"check-live: skipped, {message}")
        return 0
    runs = [(db, mode) for db in ("sqlite", "postgresql") for mode in ("pre", "auto")]
    if args.only:
        wanted = set(args.only.split(","))
        runs = [run for run in runs if f"{run[0]}-{run[1]}" in wanted]
    passed = failed = 0
    workdir = Path(tempfile.mkdtemp(prefix="clinic-desk-live-"))
    try:
        for database, mode in runs:
            try:
                ok, bad, detail = run_one(database, mode, workdir)
            except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
                ok, bad, detail = 0, 1, f"could not run: {error}"
            print(f"sweep {database}/{mode}: {ok} passed, {bad} failed")
            if detail:
                print("  " + detail.replace("\n", "\n  "))
            passed += ok
            failed += bad
    finally:
        if failed == 0:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"server logs kept in {workdir}")
    print(f"check-live: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
