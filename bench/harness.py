"""What the benchmark scripts share to run the app: its environment, gunicorn, another checkout.

Scripts import it as `harness` from their own folder (`bench/`), not through the checkout they
measure: `worker_memory.py --against` runs this checkout's script on another checkout's code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

# Not a secret: every benchmark database is thrown away.
BENCH_SECRET_KEY = "bench-secret-key-not-for-production-use-0123456789"
GUNICORN_ARGS = ("--config", "gunicorn.conf.py", "wsgi:app")


def app_environment(root: Path, **settings: str) -> dict[str, str]:
    """This process's environment plus what the app at `root` needs to start: a throwaway
    secret and data key, rate limits off, and `settings` on top."""
    sys.path.insert(0, str(root))
    from config import new_data_key

    return {
        **os.environ,
        "SECRET_KEY": BENCH_SECRET_KEY,
        "DATA_KEY": new_data_key(),
        "RATELIMIT_ENABLED": "0",
        **settings,
    }


def start_gunicorn(
    env: dict[str, str], cwd: Path, log: IO[Any], **options: Any
) -> subprocess.Popen:
    """Start the app under gunicorn as `make serve` does, with this virtualenv's gunicorn,
    its output (both streams) going to `log`."""
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), *GUNICORN_ARGS],
        env=env,
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        **options,
    )


def run_in_checkout(
    checkout: Path, script: Path, *args: str, env: dict[str, str] | None = None
) -> None:
    """Run `script` with another checkout's virtualenv, from that checkout (for `--against`)."""
    subprocess.run(
        [checkout / ".venv/bin/python", script, *args], check=True, cwd=checkout, env=env
    )
