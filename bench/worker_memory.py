"""Resident memory of one production worker, step by step, as it starts judging.

    .venv/bin/python bench/worker_memory.py [--judgements 40] [--against ../main]

Starts the server as `make serve` does (gunicorn with gunicorn.conf.py, APP_ENV=production,
one worker, SQLite in a temporary folder, rate limits off), then reads the worker's `VmRSS`
from /proc/<pid>/status after each step:

1. started: the worker has imported `wsgi`, built the app and answered `/healthz`;
2. after one English comment: the learned spam model is loaded (common English words settle
   the language, so the language identifier is not asked);
3. after one French comment: the language identifier is loaded (the text has common words of
   another language, so it is asked);
4. after N more judgements: comments and inquiries in English, Spanish and other languages.

`RssFile` (pages of mapped files, shared with other processes) is printed beside the total.
`--against DIR` then runs the same script of another checkout (its own virtualenv), so two
versions are measured side by side on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from harness import app_environment, run_in_checkout, start_gunicorn

# Another checkout to measure with this script (--against sets it for the second run).
ROOT = Path(os.environ.get("WORKER_MEMORY_ROOT") or Path(__file__).resolve().parent.parent)
VENV_BIN = Path(sys.executable).parent

ENGLISH = (
    "Thank you for the article on seasonal allergies, it was clear and my family found it "
    "useful. We will try the tips about pollen counts this spring."
)
FRENCH = (
    "Merci pour cet article sur les allergies, il est très clair et nous avons appris beaucoup "
    "de choses pour nos enfants."
)
TEXTS = [
    "Is it safe to take ibuprofen with the antibiotics my doctor gave me last week?",
    "Muchas gracias por la información, me ha servido mucho para entender el tratamiento de mi "
    "madre. Saludos desde Valencia.",
    "Hola, quisiera pedir una cita con la doctora para la próxima semana, por la tarde si es "
    "posible.",
    "Obrigado pelo artigo, muito útil para a minha família. Vou partilhar com os meus amigos.",
    "Vielen Dank für den Artikel, er war sehr hilfreich für meine Mutter und mich.",
    "Grazie per l'articolo, molto utile per capire la terapia di mio padre.",
    "Cheap pills online, buy now at https://pills.example.com and get 50% off today!!!",
    "Gana dinero desde casa, haz clic aquí https://dinero.example.com oferta exclusiva",
    "Bedankt voor het artikel, het was erg nuttig voor ons gezin en de kinderen.",
    "Bonjour, je voudrais prendre rendez-vous avec le médecin pour mon fils la semaine prochaine.",
]


def worker_status(pid: int) -> dict[str, float]:
    """VmRSS and RssFile of a process, in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = {}
    for name in ("VmRSS", "RssAnon", "RssFile"):
        match = re.search(rf"{name}:\s+(\d+)", status)
        found[name] = int(match.group(1)) / 1024 if match else float("nan")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url: str, data: dict) -> int:
    request = urllib.request.Request(
        url, json.dumps(data).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def comment(url: str, n: int, body: str) -> None:
    status = post(
        f"{url}/api/threads/articles/memory-{n % 3}/comments",
        {"author": f"Reader {n}", "email": f"reader{n}@example.org", "body": body},
    )
    if status >= 300:
        raise SystemExit(f"a comment was answered {status}")


def inquiry(url: str, n: int, body: str) -> None:
    status = post(
        f"{url}/api/inquiries",
        {
            "name": f"Visitor {n}",
            "email": f"visitor{n}@example.org",
            "topic": "other",
            "message": body,
            "consent": True,
        },
    )
    if status >= 300:
        raise SystemExit(f"an inquiry was answered {status}")


def environment(folder: Path, port: int) -> dict[str, str]:
    return app_environment(
        ROOT,
        APP_ENV="production",
        PUBLIC_URL="https://clinic.example.org",
        DATABASE_URL=f"sqlite:///{folder / 'memory.db'}",
        WEB_CONCURRENCY="1",
        HOST="127.0.0.1",
        PORT=str(port),
    )


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited before answering")
        try:
            urllib.request.urlopen(url + "/healthz", timeout=5).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 90 s")


def worker_pid(master: int) -> int:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True, check=False
    ).stdout.split()
    if len(out) != 1:
        raise SystemExit(f"expected one worker, found {out}")
    return int(out[0])


def measure(judgements: int) -> list[tuple[str, dict[str, float]]]:
    steps = []
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        env = environment(Path(folder), port)
        subprocess.run(
            [str(VENV_BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        log = open(Path(folder) / "gunicorn.log", "w")  # noqa: SIM115 - closed below
        server = start_gunicorn(env, ROOT, log)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(url, server)
            pid = worker_pid(server.pid)
            steps.append(("started (import wsgi, app built, /healthz)", worker_status(pid)))
            comment(url, 0, ENGLISH)
            steps.append(("after one English comment (model)", worker_status(pid)))
            comment(url, 1, FRENCH)
            steps.append(("after one French comment (language id)", worker_status(pid)))
            for n in range(judgements):
                body = TEXTS[n % len(TEXTS)] + f" ({n})"
                (comment if n % 2 else inquiry)(url, n + 2, body)
            steps.append((f"after {judgements} more judgements", worker_status(pid)))
        finally:
            server.terminate()
            server.wait(30)
            log.close()
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judgements", type=int, default=40)
    parser.add_argument("--against", type=Path, help="another checkout to measure after this one")
    args = parser.parse_args()
    steps = measure(args.judgements)
    print(f"{'one gunicorn worker (MiB)':<46}{'VmRSS':>8}{'anon':>8}{'file':>8}")
    for name, sizes in steps:
        print(f"{name:<46}{sizes['VmRSS']:>8.1f}{sizes['RssAnon']:>8.1f}{sizes['RssFile']:>8.1f}")
    if args.against:
        other = args.against.resolve()
        print(f"\n--- {other.name} ---", flush=True)
        run_in_checkout(
            other,
            ROOT / "bench/worker_memory.py",
            "--judgements",
            str(args.judgements),
            env=dict(os.environ, WORKER_MEMORY_ROOT=str(other)),
        )


if __name__ == "__main__":
    main()
