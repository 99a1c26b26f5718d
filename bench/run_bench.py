"""`make bench`: Clinic Desk side by side with Isso and with bare Flask apps, in one run.

Sets up what it needs under bench/.work/ (Isso in its own virtualenv, wrk from Debian's
packages if missing), starts four gunicorn servers with 2 workers each (ours as deployed,
Isso, a bare Flask app serving our thread bytes from memory, a bare Flask app doing one
durable SQLite insert per request), measures them one after the other with wrk, then the
moderation queue at 1,000,000 items (SQLite and PostgreSQL), the spam filter on one core and
the workers' resident memory, and then each device that bypasses the framework switched on
and off (bench/fastpaths.py, a few minutes; `--no-fastpaths` skips it). Prints one table and
writes bench/.work/results.json, bench/.work/results.md and the chart docs/bench-throughput.svg.

    .venv/bin/python bench/run_bench.py [--seconds 10] [--sweep-seconds 5] [--no-queue]
        [--no-fastpaths]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import runpy
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
VENV_BIN = Path(sys.executable).parent
ISSO_VERSION = "0.14.0"
ISSO_VENV = WORK / "isso-venv"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ITEMS = 1_000_000
THREAD_KEY = "articles/bench-thread"
POST_KEY = "articles/bench-post"
PORTS = {"ours": 8601, "isso": 8602, "limit": 8603, "insert": 8604}
# Isso and the bare apps: 2 workers of 4 threads (BENCH_PEER_THREADS changes the threads, to check
# that the peers are not slowed by a setting of ours).
PEER_THREADS = int(os.environ.get("BENCH_PEER_THREADS", "4"))
GUNICORN_WORKERS = ["--workers", "2", "--worker-class", "gthread", "--threads", str(PEER_THREADS)]

BODY = (
    "Thank you for the clear write-up on *seasonal allergies*. My daughter has had a runny "
    "nose every spring since she was four, and we never knew whether to try **antihistamines** "
    "or wait it out. The section on pollen counts was useful; we now check the forecast before "
    "walks. One question: is it safe to combine a nasal spray with eye drops? "
    "See also [the pollen calendar](https://example.org/pollen) for our region. Comment {n}."
)
COMMENT = {"author": "Reader", "email": "reader@example.org", "body": "A question @N@ on dosage"}
ISSO_COMMENT = {"author": "Reader", "email": "reader@example.org", "title": "Post", "text": "@N@"}


# -- setting up --------------------------------------------------------------------------------


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, **kwargs)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("installing wrk from Debian's packages", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    run([*sudo, "apt-get", "install", "-y", "wrk"], stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or "wrk"


def ensure_isso() -> Path:
    python = ISSO_VENV / "bin" / "python"
    stamp = ISSO_VENV / f".isso-{ISSO_VERSION}"
    if not stamp.exists():
        print(f"installing isso=={ISSO_VERSION} into {ISSO_VENV}", file=sys.stderr)
        if not python.exists():
            run([sys.executable, "-m", "venv", str(ISSO_VENV)])
        run(
            [str(python), "-m", "pip", "install", "--quiet", f"isso=={ISSO_VERSION}", "gunicorn"],
        )
        stamp.touch()
    return ISSO_VENV / "bin"


def comment_body(n: int) -> str:
    return BODY.format(n=n)


def seed_ours(database: Path) -> None:
    """A fresh database at the latest migration, with 100 approved comments in one thread."""
    env = ours_env(database)
    run(
        [str(VENV_BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from service import create_app
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Thread, Verdict
from service.web.rendering import render_markdown
body = {BODY!r}
app = create_app()
with app.app_context():
    thread = Thread(key={THREAD_KEY!r}, title="Seasonal allergies")
    db.session.add(thread)
    db.session.flush()
    previous = None
    for n in range(1, 101):
        text = body.format(n=n)
        comment = Comment(thread_id=thread.id, author=f"Reader {{n}}", body=text,
            body_html=render_markdown(text), status=CommentStatus.APPROVED,
            verdict=Verdict.HAM, score=0.0, reasons=[],
            parent_id=previous.id if previous is not None and n % 5 == 0 else None)
        db.session.add(comment)
        db.session.flush()
        previous = comment
    db.session.commit()
"""
    run([sys.executable, "-c", code], env=env, cwd=ROOT)


def ours_env(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "APP_ENV": "production",
            "SECRET_KEY": "bench-secret-key-not-for-production-use-0123456789",
            "DATA_KEY": data_key(),
            "PUBLIC_URL": "https://clinic.example.org",
            "DATABASE_URL": f"sqlite:///{database}",
            "RATELIMIT_ENABLED": "0",
            "LOG_LEVEL": "INFO",
            "WEB_CONCURRENCY": "2",
            # Production refuses several workers on memory:// storage; nothing here signs in,
            # so Redis is named but never used.
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/8",
            "HOST": "127.0.0.1",
            "PORT": str(PORTS["ours"]),
        }
    )
    return env


def ours_worker() -> str:
    """How gunicorn.conf.py runs our workers, as gunicorn reads it."""
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    if conf["worker_class"] == "sync" and conf["threads"] <= 1:
        return "sync"
    kind = "gthread" if conf["worker_class"] == "sync" else conf["worker_class"]
    return f"{kind}, {conf['threads']} threads"


_DATA_KEY: list[str] = []


def data_key() -> str:
    if not _DATA_KEY:
        sys.path.insert(0, str(ROOT))
        from config import new_data_key

        _DATA_KEY.append(new_data_key())
    return _DATA_KEY[0]


def isso_config(database: Path) -> Path:
    path = WORK / "isso.cfg"
    path.write_text(
        f"""[general]
dbpath = {database}
host = http://127.0.0.1:{PORTS["isso"]}/
[server]
listen = http://127.0.0.1:{PORTS["isso"]}/
[moderation]
enabled = false
[guard]
enabled = false
"""
    )
    return path


# -- servers -----------------------------------------------------------------------------------


class Server:
    def __init__(self, name: str, command: list[str], env: dict[str, str], cwd: Path) -> None:
        self.name = name
        self.log = open(WORK / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT
        )
        self.url = f"http://127.0.0.1:{PORTS[name]}"

    def wait(
        self, path: str, seconds: float = 60, timeout: float = 5, any_status: bool = True
    ) -> None:
        """Wait until `path` answers: with any status, or (any_status=False) a success."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {WORK / (self.name + '.log')}")
            try:
                urllib.request.urlopen(self.url + path, timeout=timeout).read()
                return
            except urllib.error.HTTPError:
                if any_status:
                    return
                time.sleep(0.3)
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"{self.name} did not start")

    def workers(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(pid) for pid in out.split()]

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            kib = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            sizes.append(kib / 1024)
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def post_json(url: str, data: dict) -> int:
    request = urllib.request.Request(
        url, json.dumps(data).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def seed_isso(server: Server) -> None:
    previous = None
    for n in range(1, 101):
        data = {"author": f"Reader {n}", "text": comment_body(n), "title": "Seasonal allergies"}
        if previous is not None and n % 5 == 0:
            data["parent"] = previous
        request = urllib.request.Request(
            f"{server.url}/new?uri=/{THREAD_KEY}",
            json.dumps(data).encode(),
            {"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            previous = json.loads(response.read())["id"]


# -- wrk ---------------------------------------------------------------------------------------

POST_SCRIPT = """
local counter = 0
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
request = function()
  counter = counter + 1
  local body = string.format([[{template}]], tid, counter)
  return wrk.format("POST", "{path}", {{["Content-Type"] = "application/json"}}, body)
end
"""


def post_script(name: str, path: str, template: dict) -> Path:
    text = json.dumps(template).replace("%", "%%").replace("@N@", "%d-%d")
    script = WORK / f"{name}.lua"
    script.write_text(POST_SCRIPT.format(template=text, path=path))
    return script


def wrk(url: str, seconds: float, connections: int, script: Path | None = None) -> dict:
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
    ]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {
        "rps": rate,
        "requests": total,
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def alternating(runs: dict[str, tuple[str, Path]], seconds: float, slices: int = 5) -> dict:
    """wrk -c16 on each server in turn, `slices` times, so that all meet the same machine: on a
    shared machine the load changes from one ten-second run to the next. Adds the slices up."""
    totals = {name: {"rps": 0.0, "requests": 0, "non2xx": 0, "socket_errors": ""} for name in runs}
    part = max(1.0, seconds / slices)
    for _ in range(slices):
        for name, (url, script) in runs.items():
            measured = wrk(url, part, 16, script)
            totals[name]["requests"] += measured["requests"]
            totals[name]["non2xx"] += measured["non2xx"]
            if measured["socket_errors"]:
                totals[name]["socket_errors"] = measured["socket_errors"]
    for total in totals.values():
        total["rps"] = total["requests"] / (part * slices)
    return totals


# -- the parts ---------------------------------------------------------------------------------


def count_rows(database: Path, sql: str, *args) -> int:
    with sqlite3.connect(database) as db:
        return db.execute(sql, args).fetchone()[0]


def queue_part(results: dict) -> None:
    script = ROOT / "bench" / "queue_bench.py"
    common = ["--items", str(ITEMS), "--repeat", "40", "--json"]
    for name, extra in (
        ("sqlite", ["--sqlite-cache", str(WORK / "queue-1m.sqlite3")]),
        ("postgresql", ["--postgres", POSTGRES, "--schema", "clinic_desk_bench_queue"]),
    ):
        print(f"queue at {ITEMS:,} items on {name}", file=sys.stderr)
        done = subprocess.run(
            [sys.executable, str(script), *common, *extra],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            results["queue"][name] = {"failed": {"p50_ms": float("nan"), "p95_ms": float("nan")}}
            continue
        results["queue"][name] = json.loads(done.stdout.strip().splitlines()[-1])


def spam_part(results: dict) -> None:
    command = [sys.executable, str(ROOT / "bench" / "spam_bench.py"), "--seconds", "3"]
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    line = next(line for line in out.splitlines() if line.startswith("ours: assess()"))
    wall, cpu = (float(n.replace(",", "")) for n in line.split()[-2:])
    results["spam"] = {"wall_per_s": wall, "cpu_per_s": cpu}


def fastpaths_part() -> str:
    """bench/fastpaths.py: each device that bypasses the framework, on and off (its table)."""
    print("fast paths on and off, in interleaved slices", file=sys.stderr)
    command = [sys.executable, str(ROOT / "bench" / "fastpaths.py"), "--rounds", "4"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        return "Fast paths: the comparison failed; see the output above.\n"
    return "Fast paths, each switched on and off by its setting:\n\n" + done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="each wrk run at -c16")
    parser.add_argument("--sweep-seconds", type=float, default=5, help="each run at -c1, -c4")
    parser.add_argument("--no-queue", action="store_true", help="skip the 1M-item queue part")
    parser.add_argument(
        "--no-fastpaths", action="store_true", help="skip the fast paths on and off"
    )
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_wrk()
    isso_bin = ensure_isso()

    ours_db = WORK / "ours.sqlite3"
    isso_db = WORK / "isso.sqlite3"
    insert_db = WORK / "insert.sqlite3"
    for path in (ours_db, isso_db, insert_db):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    seed_ours(ours_db)

    servers: dict[str, Server] = {}
    results: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "isso": ISSO_VERSION,
        # As deployed: gunicorn.conf.py's worker (GUNICORN_THREADS above 1 makes it gthread).
        "ours_worker": ours_worker(),
        "peer_threads": PEER_THREADS,
        "get": {},
        "sweep": {},
        "post_comment": {},
        "post_inquiry": {},
        "queue": {},
        "memory_mb": {},
    }
    try:
        servers["ours"] = Server(
            "ours",
            [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
            ours_env(ours_db),
            ROOT,
        )
        env = dict(os.environ, ISSO_SETTINGS=str(isso_config(isso_db)))
        servers["isso"] = Server(
            "isso",
            [
                str(isso_bin / "gunicorn"),
                *GUNICORN_WORKERS,
                "--bind",
                f"127.0.0.1:{PORTS['isso']}",
                "isso.run:application",
            ],
            env,
            WORK,
        )
        get_path = f"/api/threads/{THREAD_KEY}/comments"
        servers["ours"].wait(get_path)
        servers["isso"].wait(f"/?uri=/{THREAD_KEY}")
        seed_isso(servers["isso"])
        body_file = WORK / "thread.json"
        with urllib.request.urlopen(servers["ours"].url + get_path) as response:
            body_file.write_bytes(response.read())
        results["thread_bytes"] = body_file.stat().st_size
        bench_dir = ROOT / "bench"
        bare = [str(VENV_BIN / "gunicorn"), *GUNICORN_WORKERS, "--chdir", str(bench_dir)]
        servers["limit"] = Server(
            "limit",
            [*bare, "--bind", f"127.0.0.1:{PORTS['limit']}", "bare_apps:limit"],
            dict(os.environ, BARE_BODY_FILE=str(body_file)),
            bench_dir,
        )
        servers["insert"] = Server(
            "insert",
            [*bare, "--bind", f"127.0.0.1:{PORTS['insert']}", "bare_apps:insert"],
            dict(os.environ, BARE_DB_FILE=str(insert_db)),
            bench_dir,
        )
        servers["limit"].wait(get_path)
        servers["insert"].wait("/")

        urls = {
            "ours": servers["ours"].url + get_path,
            "isso": servers["isso"].url + f"/?uri=/{THREAD_KEY}",
            "limit": servers["limit"].url + get_path,
        }
        # 1. GET a thread: interleaved per concurrency so all three meet the same machine.
        for connections in (1, 4, 16):
            seconds = args.seconds if connections == 16 else args.sweep_seconds
            for name, url in urls.items():
                print(f"GET {name} -c{connections}", file=sys.stderr)
                wrk(url, 1, connections)  # warm-up
                measured = wrk(url, seconds, connections)
                results["sweep"].setdefault(name, {})[connections] = measured["rps"]
                if connections == 16:
                    results["get"][name] = measured

        # 2. POST a comment through the whole pipeline; then count what was stored.
        ours_post = post_script("ours-post", f"/api/threads/{POST_KEY}/comments", COMMENT)
        isso_post = post_script("isso-post", f"/new?uri=/{POST_KEY}", ISSO_COMMENT)
        # The first submissions load the spam model in each worker: warm up on other threads.
        for name, script in (
            ("ours", post_script("ours-warm", f"/api/threads/{POST_KEY}-warm/comments", COMMENT)),
            ("isso", post_script("isso-warm", f"/new?uri=/{POST_KEY}-warm", ISSO_COMMENT)),
        ):
            wrk(servers[name].url, 3, 4, script)
        print("POST comment, ours and isso in turn", file=sys.stderr)
        posted = alternating(
            {"ours": (servers["ours"].url, ours_post), "isso": (servers["isso"].url, isso_post)},
            args.seconds,
        )
        ours, isso = posted["ours"], posted["isso"]
        ours["stored"] = count_rows(
            ours_db,
            "SELECT count(*) FROM comments JOIN threads ON threads.id = comments.thread_id "
            "WHERE threads.key = ?",
            POST_KEY,
        )
        isso["stored"] = count_rows(
            isso_db,
            "SELECT count(*) FROM comments JOIN threads ON threads.id = comments.tid "
            "WHERE threads.uri = ?",
            f"/{POST_KEY}",
        )
        results["post_comment"] = {"ours": ours, "isso": isso}

        # 3. POST an inquiry; then count what was stored.
        inquiry = {
            "name": "Visitor",
            "email": "visitor@example.org",
            "topic": "other",
            "message": "When are you open on Saturdays? @N@",
            "consent": True,
        }
        wrk(servers["ours"].url, 2, 4, post_script("ours-inq-warm", "/api/inquiries", inquiry))
        wrk(servers["insert"].url, 2, 4, post_script("bare-inq-warm", "/api/inquiries", inquiry))
        before_ours = count_rows(ours_db, "SELECT count(*) FROM inquiries")
        before_bare = count_rows(insert_db, "SELECT count(*) FROM rows")
        print("POST inquiry, ours and the bare insert in turn", file=sys.stderr)
        posted = alternating(
            {
                "ours": (servers["ours"].url, post_script("ours-inq", "/api/inquiries", inquiry)),
                "bare": (servers["insert"].url, post_script("bare-inq", "/api/inquiries", inquiry)),
            },
            args.seconds,
        )
        ours, bare_insert = posted["ours"], posted["bare"]
        ours["stored"] = count_rows(ours_db, "SELECT count(*) FROM inquiries") - before_ours
        bare_insert["stored"] = count_rows(insert_db, "SELECT count(*) FROM rows") - before_bare
        results["post_inquiry"] = {"ours": ours, "bare": bare_insert}

        # 6. Resident memory per worker, after the runs.
        for name, server in servers.items():
            results["memory_mb"][name] = server.worker_rss_mb()
    finally:
        for server in servers.values():
            server.stop()

    # 4. and 5. with the servers stopped.
    if not args.no_queue:
        queue_part(results)
    spam_part(results)
    fastpaths = "" if args.no_fastpaths else "\n" + fastpaths_part()

    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    table = render_table(results) + fastpaths
    (WORK / "results.md").write_text(table)
    svg = ROOT / "docs" / "bench-throughput.svg"
    svg.write_text(render_chart(results))
    print(table)
    print(f"\nchart: {svg.relative_to(ROOT)}; raw: {(WORK / 'results.json').relative_to(ROOT)}")
    return 0


# -- report ------------------------------------------------------------------------------------


def acknowledged(run: dict) -> int:
    return run["requests"] - run["non2xx"]


def render_table(r: dict) -> str:
    get = r["get"]
    pc, pi = r["post_comment"], r["post_inquiry"]
    ours = r.get("ours_worker") or f"gthread, {r.get('ours_threads', 2)} threads"
    rows = [
        f"Measured {r['date']} on {r['cores']} cores, {r['memory_gb']} GB; gunicorn 2 workers "
        f"each (ours {ours}, as `gunicorn.conf.py` sets; Isso and the bare apps gthread, "
        f"{r.get('peer_threads', 4)} threads); "
        f"wrk -t2 -c16; Isso {r['isso']}; thread "
        f"{r['thread_bytes']:,} bytes.",
        "",
        "| measure | ours | compared with | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]

    def row(measure, ours, other, ratio, target, met) -> None:
        rows.append(f"| {measure} | {ours} | {other} | {ratio} | {target} | {met} |")

    def yes(flag: bool) -> str:
        return "yes" if flag else "**no**"

    to_limit = get["ours"]["rps"] / get["limit"]["rps"]
    to_isso = get["ours"]["rps"] / max(get["isso"]["rps"], 0.01)
    row(
        "GET thread of 100 (req/s)",
        f"{get['ours']['rps']:,.0f}",
        f"limit {get['limit']['rps']:,.0f}",
        f"{to_limit:.2f}",
        "≥ 0.5",
        yes(to_limit >= 0.5),
    )
    row(
        "GET thread of 100 (req/s)",
        f"{get['ours']['rps']:,.0f}",
        f"Isso {get['isso']['rps']:,.1f}",
        f"{to_isso:,.0f}×",
        "≥ 60×",
        yes(to_isso >= 60),
    )
    ratio = pc["ours"]["rps"] / max(pc["isso"]["rps"], 0.01)
    lost_ours = acknowledged(pc["ours"]) - pc["ours"]["stored"]
    row(
        "POST comment, durable (req/s)",
        f"{pc['ours']['rps']:,.0f}; {acknowledged(pc['ours'])} acked, "
        f"{pc['ours']['stored']} stored",
        f"Isso {pc['isso']['rps']:,.0f}; {acknowledged(pc['isso'])} acked, "
        f"{pc['isso']['stored']} stored",
        f"{ratio:.2f}×",
        "≥ 2×, none lost",
        yes(ratio >= 2 and lost_ours <= 0),
    )
    ratio = pi["ours"]["rps"] / pi["bare"]["rps"]
    lost = acknowledged(pi["ours"]) - pi["ours"]["stored"]
    row(
        "POST inquiry, durable (req/s)",
        f"{pi['ours']['rps']:,.0f}; {acknowledged(pi['ours'])} acked, "
        f"{pi['ours']['stored']} stored",
        f"bare insert {pi['bare']['rps']:,.0f}",
        f"{ratio:.2f}",
        "≥ 0.5, none lost",
        yes(ratio >= 0.5 and lost <= 0),
    )
    for engine, cases in r["queue"].items():
        for label, timing in cases.items():
            if not (label.startswith(("first page, no filter", "failed")) or "deep" in label):
                continue
            row(
                f"queue at {ITEMS:,}, {engine}: {label}",
                f"p50 {timing['p50_ms']:.1f} ms, p95 {timing['p95_ms']:.1f} ms",
                "",
                "",
                "p95 ≤ 50 ms",
                yes(timing["p95_ms"] <= 50),
            )
    spam = r["spam"]
    row(
        "spam classification, one core (/s)",
        f"{spam['wall_per_s']:,.0f} wall, {spam['cpu_per_s']:,.0f} per CPU-s",
        "",
        "",
        "≥ 2,000",
        yes(spam["wall_per_s"] >= 2000),
    )
    ours_rss = r["memory_mb"].get("ours", [])
    row(
        "resident memory per worker (MB)",
        ", ".join(f"{size:.0f}" for size in ours_rss),
        "Isso "
        + ", ".join(f"{size:.0f}" for size in r["memory_mb"].get("isso", []))
        + "; limit "
        + ", ".join(f"{size:.0f}" for size in r["memory_mb"].get("limit", [])),
        "",
        "≤ 150",
        yes(bool(ours_rss) and max(ours_rss) <= 150),
    )
    sweep = r["sweep"]
    rows += ["", "GET a thread, requests/s by wrk connections:", ""]
    rows += ["| connections | ours | Isso | limit |", "| --- | --- | --- | --- |"]
    for connections in sorted({int(c) for c in sweep.get("ours", {})}):
        cells = [f"{sweep[name][connections]:,.1f}" for name in ("ours", "isso", "limit")]
        rows.append(f"| {connections} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def render_chart(r: dict) -> str:
    """Requests/s against connections, log scale, one line per server (a hand-built SVG)."""
    import math

    sweep = r["sweep"]
    width, height, left, right, top, bottom = 560, 320, 70, 120, 30, 50
    levels = sorted({int(c) for c in sweep["ours"]})
    values = [v for name in sweep for v in sweep[name].values() if v > 0]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))

    def x(index: int) -> float:
        return left + index * (width - left - right) / max(1, len(levels) - 1)

    def y(value: float) -> float:
        span = math.log10(high) - math.log10(low)
        return top + (height - top - bottom) * (
            1 - (math.log10(max(value, low)) - math.log10(low)) / span
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="18">GET a thread of 100 comments: requests/s (log scale), '
        f"{r['date']}</text>",
    ]
    decade = low
    while decade <= high:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(decade):.1f}" y2="{y(decade):.1f}" '
            f'stroke="#ddd"/><text x="{left - 8}" y="{y(decade) + 4:.1f}" '
            f'text-anchor="end">{decade:,.0f}</text>'
        )
        decade *= 10
    for index, level in enumerate(levels):
        parts.append(
            f'<text x="{x(index):.1f}" y="{height - bottom + 18}" text-anchor="middle">'
            f"{level}</text>"
        )
    parts.append(
        f'<text x="{(left + width - right) / 2:.0f}" y="{height - 10}" text-anchor="middle">'
        "wrk connections</text>"
    )
    colours = {"limit": "#888888", "ours": "#1f6fb2", "isso": "#c2410c"}
    labels = {"limit": "bare Flask limit", "ours": "Clinic Desk", "isso": f"Isso {r['isso']}"}
    for name in ("limit", "ours", "isso"):
        points = " ".join(
            f"{x(i):.1f},{y(sweep[name][level]):.1f}" for i, level in enumerate(levels)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colours[name]}" stroke-width="2"/>'
        )
        last = sweep[name][levels[-1]]
        parts.append(
            f'<text x="{x(len(levels) - 1) + 8:.1f}" y="{y(last) + 4:.1f}" '
            f'fill="{colours[name]}">{labels[name]}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
