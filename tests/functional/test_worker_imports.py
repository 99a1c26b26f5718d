"""A web worker does not load what only some paths need (measured in bench/worker_memory.py)."""

import os
import subprocess
import sys
from pathlib import Path

from config import new_data_key

REPO = Path(__file__).resolve().parent.parent.parent
# Imported by the paths that use them: migrations (`flask db`), single sign-on, feeds, and the
# language identifier's tables, which are read without NumPy.
ON_DEMAND = ["alembic", "flask_migrate", "mako", "authlib", "requests", "feedgen", "lxml", "numpy"]


def test_a_production_worker_starts_without_the_modules_only_some_paths_need(tmp_path):
    env = dict(
        os.environ,
        APP_ENV="production",
        SECRET_KEY="worker-imports-test-secret-key-0123456789abcdef",
        DATA_KEY=new_data_key(),
        PUBLIC_URL="https://clinic.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'worker.db'}",
    )
    code = (
        "import sys, wsgi\n"
        f"loaded = [name for name in {ON_DEMAND!r} if name in sys.modules]\n"
        "assert wsgi.app.cli.get_command(None, 'db') is not None, 'flask db is missing'\n"
        "print(' '.join(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
