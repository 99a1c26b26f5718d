"""`make bench-fastpaths`: each device that bypasses the framework, on and off, in one run.

Starts our server several times from one seeded database (each on its own copy), as deployed
and with one device switched off by its setting, then measures each device on its own path
with wrk in short slices that take turns (the order reversed every round), so that on a shared,
noisy machine every variant meets the same load:

- FAST_THREAD_READS: GET a cached thread of 100 comments, -c16, 2 workers;
- FAST_DRIVER_STATEMENTS: POST an inquiry, -c1 (one writer) and -c16, 2 workers; and POST a
  comment, -c16 (its thread lookup and INSERT are driver statements too).

(The SQLite write gate was measured here too, POST an inquiry and a comment at -c16 against 4
workers, and removed: see docs/architecture.md.)

Reports requests/s and the workers' CPU time per request (read from /proc, less sensitive to
other work on the machine than throughput), the per-round ratio's median and spread, and for
submissions how many were acknowledged and how many stored. Writes bench/.work/fastpaths.json.

    .venv/bin/python bench/fastpaths.py [--rounds 6] [--slice 4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run_bench as rb

WORK = rb.WORK
THREAD_PATH = f"/api/threads/{rb.THREAD_KEY}/comments"
INQUIRY = {
    "name": "Visitor",
    "email": "visitor@example.org",
    "topic": "other",
    "message": "When are you open on Saturdays? @N@",
    "consent": True,
}
# name -> (port, workers, settings switched off)
VARIANTS: dict[str, tuple[int, int, dict[str, str]]] = {
    "deployed": (8621, 2, {}),
    "no-thread-reads": (8622, 2, {"FAST_THREAD_READS": "0"}),
    "no-driver": (8623, 2, {"FAST_DRIVER_STATEMENTS": "0"}),
}
# device, path, wrk connections, the variant with it on, the variant with it off
COMPARISONS = [
    ("FAST_THREAD_READS", "get", 16, "deployed", "no-thread-reads"),
    ("FAST_DRIVER_STATEMENTS", "inquiry", 1, "deployed", "no-driver"),
    ("FAST_DRIVER_STATEMENTS", "inquiry", 16, "deployed", "no-driver"),
    ("FAST_DRIVER_STATEMENTS", "comment", 16, "deployed", "no-driver"),
]
PATHS = {"get": "GET thread", "inquiry": "POST inquiry", "comment": "POST comment"}


def cpu_seconds(server: rb.Server) -> float:
    """User and system time of the server's workers so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in server.workers():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def start(name: str, template: Path) -> rb.Server:
    port, workers, off = VARIANTS[name]
    database = WORK / f"fastpaths-{name}.sqlite3"
    for suffix in ("", "-wal", "-shm", "-writelock"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, database)
    env = rb.ours_env(database)
    env.update({"PORT": str(port), "WEB_CONCURRENCY": str(workers), **off})
    rb.PORTS[name] = port
    return rb.Server(
        name,
        [str(rb.VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
        env,
        rb.ROOT,
    )


def stored(name: str) -> dict[str, int]:
    database = WORK / f"fastpaths-{name}.sqlite3"
    return {
        "inquiry": rb.count_rows(database, "SELECT count(*) FROM inquiries"),
        "comment": rb.count_rows(
            database,
            "SELECT count(*) FROM comments JOIN threads ON threads.id = comments.thread_id "
            "WHERE threads.key = ?",
            rb.POST_KEY,
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6, help="slices per variant")
    parser.add_argument("--slice", type=float, default=4, help="seconds per wrk slice")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    rb.ensure_wrk()
    template = WORK / "fastpaths-seed.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{template}{suffix}").unlink(missing_ok=True)
    rb.seed_ours(template)

    servers: dict[str, rb.Server] = {}
    load = os.getloadavg()
    results: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "load_before": [round(x, 1) for x in load],
        "rounds": args.rounds,
        "slice_s": args.slice,
        "comparisons": [],
    }
    try:
        for name in VARIANTS:  # one at a time: workers boot slowly on a loaded machine
            servers[name] = start(name, template)
            servers[name].wait(THREAD_PATH, seconds=300, timeout=30, any_status=False)
        scripts = {
            name: rb.post_script(f"fastpaths-{name}", "/api/inquiries", INQUIRY)
            for name in VARIANTS
        }
        comment_scripts = {
            name: rb.post_script(
                f"fastpaths-c-{name}", f"/api/threads/{rb.POST_KEY}/comments", rb.COMMENT
            )
            for name in VARIANTS
        }
        for name, server in servers.items():  # the spam model, the thread cache, the pool
            rb.wrk(server.url + THREAD_PATH, 2, 4)
            rb.wrk(server.url, 2, 4, scripts[name])
            rb.wrk(server.url, 2, 4, comment_scripts[name])
        stored_before = {name: stored(name) for name in VARIANTS}
        acked = {name: {"inquiry": 0, "comment": 0} for name in VARIANTS}
        errors = dict.fromkeys(VARIANTS, 0)

        samples: dict[int, dict[str, list[tuple[int, float]]]] = {
            i: {"on": [], "off": []} for i in range(len(COMPARISONS))
        }
        for round_no in range(args.rounds):
            for i, (device, path, connections, on, off) in enumerate(COMPARISONS):
                order = [("on", on), ("off", off)]
                if round_no % 2:
                    order.reverse()
                for side, name in order:
                    server = servers[name]
                    url = server.url + (THREAD_PATH if path == "get" else "")
                    script = {"get": None, "inquiry": scripts, "comment": comment_scripts}[path]
                    script = script[name] if script is not None else None
                    cpu = cpu_seconds(server)
                    measured = rb.wrk(url, args.slice, connections, script)
                    cpu = cpu_seconds(server) - cpu
                    good = measured["requests"] - measured["non2xx"]
                    if path != "get":
                        acked[name][path] += good
                    errors[name] += measured["non2xx"]
                    samples[i][side].append((good, cpu))
                    print(
                        f"round {round_no + 1} {device} {path} -c{connections} {side}: "
                        f"{good / args.slice:,.0f}/s, {1000 * cpu / max(good, 1):.2f} ms CPU",
                        file=sys.stderr,
                    )
        for i, (device, path, connections, on, off) in enumerate(COMPARISONS):
            results["comparisons"].append(
                summarise(device, path, connections, on, off, samples[i], args.slice)
            )
        results["non2xx"] = errors
        results["submissions"] = {}
        for name in VARIANTS:
            now = stored(name)
            results["submissions"][name] = {
                kind: {
                    "acknowledged": acked[name][kind],
                    "stored": now[kind] - stored_before[name][kind],
                }
                for kind in ("inquiry", "comment")
            }
    finally:
        for server in servers.values():
            server.stop()
    results["load_after"] = [round(x, 1) for x in os.getloadavg()]
    (WORK / "fastpaths.json").write_text(json.dumps(results, indent=2))
    print(render(results))
    return 0


def summarise(device, path, connections, on, off, sides, seconds) -> dict:
    def rate(side):
        return sum(good for good, _ in sides[side]) / (seconds * len(sides[side]))

    def cpu_ms(side):
        return 1000 * sum(cpu for _, cpu in sides[side]) / max(1, sum(g for g, _ in sides[side]))

    # Per round: how much more the device's side does than the plain side (rate), and how much
    # CPU per request the plain side needs beyond the device's.
    rate_gains = [a[0] / max(b[0], 1) - 1 for a, b in zip(sides["on"], sides["off"], strict=True)]
    cpu_gains = [
        (b[1] / max(b[0], 1)) / max(a[1] / max(a[0], 1), 1e-9) - 1
        for a, b in zip(sides["on"], sides["off"], strict=True)
    ]
    return {
        "device": device,
        "path": f"{PATHS[path]} -c{connections}",
        "on": on,
        "off": off,
        "rps_on": rate("on"),
        "rps_off": rate("off"),
        "cpu_ms_on": cpu_ms("on"),
        "cpu_ms_off": cpu_ms("off"),
        "rate_gain_median": statistics.median(rate_gains),
        "rate_gain_range": [min(rate_gains), max(rate_gains)],
        "cpu_gain_median": statistics.median(cpu_gains),
        "cpu_gain_range": [min(cpu_gains), max(cpu_gains)],
    }


def render(r: dict) -> str:
    rows = [
        f"Measured {r['date']} on {r['cores']} cores, load average {r['load_before'][0]} before "
        f"and {r['load_after'][0]} after; {r['rounds']} interleaved wrk slices of "
        f"{r['slice_s']:g} s per variant; sync gunicorn workers as gunicorn.conf.py sets.",
        "",
        "| device | path | req/s on | req/s off | gain, median (range) | CPU ms/req on | off | "
        "CPU saved, median (range) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in r["comparisons"]:
        low, high = c["rate_gain_range"]
        clow, chigh = c["cpu_gain_range"]
        rows.append(
            f"| `{c['device']}` | {c['path']} | {c['rps_on']:,.0f} | {c['rps_off']:,.0f} | "
            f"{c['rate_gain_median']:+.0%} ({low:+.0%} to {high:+.0%}) | "
            f"{c['cpu_ms_on']:.2f} | {c['cpu_ms_off']:.2f} | "
            f"{c['cpu_gain_median']:+.0%} ({clow:+.0%} to {chigh:+.0%}) |"
        )
    rows += ["", "Submissions acknowledged and stored per variant:", ""]
    for name, kinds in r["submissions"].items():
        counts = "; ".join(
            f"{kind}: {c['acknowledged']} acknowledged, {c['stored']} stored"
            for kind, c in kinds.items()
            if c["acknowledged"] or c["stored"]
        )
        rows.append(f"- {name}: {counts or 'none'}; {r['non2xx'][name]} answers not 2xx")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
