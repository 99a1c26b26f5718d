"""Import benchmark (not part of `make test`): a Disqus export of N comments, imported into a
fresh SQLite (and, if reachable, PostgreSQL) database by the real CLI in a child process.

Prints rows per second and the child's peak resident memory for each size, so that memory
staying flat from 10,000 to 100,000 comments shows the import streams.

    .venv/bin/python bench/import_bench.py            # 10,000 and 100,000 comments
    .venv/bin/python bench/import_bench.py --sizes 1000 --no-postgres
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

from harness import app_environment

REPO = Path(__file__).resolve().parent.parent
FLASK = str(Path(sys.executable).with_name("flask"))
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
THREADS = 500
TEXT = (
    "knee back pain physiotherapy appointment exercise stretch sleep posture running cycling "
    "swimming doctor nurse clinic treatment recovery week morning evening better worse"
)
WORDS = TEXT.split(" ")


def write_disqus(path: Path, comments: int) -> None:
    """Threads first, then posts; every fifth post replies to the one before it."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<disqus xmlns="http://disqus.com" '
            'xmlns:dsq="http://disqus.com/disqus-internals">\n'
        )
        for t in range(THREADS):
            out.write(
                f'<thread dsq:id="t{t}"><link>https://clinic.example/articles/a-{t}/</link>'
                f"<title>Article {t} &amp; more</title></thread>\n"
            )
        for n in range(comments):
            words = " ".join(WORDS[(n + k * 7) % len(WORDS)] for k in range(30))
            parent = f'<parent dsq:id="p{n - 1}"/>' if n % 5 == 4 else ""
            out.write(
                f'<post dsq:id="p{n}"><message><![CDATA[<p>Comment {n}: {escape(words)}.</p>'
                f'<p>Second paragraph with a <a href="https://example.org/{n}">link</a>.'
                f"</p>]]></message><createdAt>2020-01-01T00:00:00Z</createdAt>"
                f"<isDeleted>false</isDeleted><isSpam>{'true' if n % 50 == 0 else 'false'}"
                f"</isSpam><author><email>reader{n % 977}@example.org</email>"
                f"<name>Reader {n % 977}</name></author><ipAddress>198.51.100.{n % 250}"
                f'</ipAddress><thread dsq:id="t{(n - (n % 5 == 4)) % THREADS}"/>{parent}</post>\n'
            )
        out.write("</disqus>\n")


def env_for(url: str) -> dict[str, str]:
    return app_environment(REPO, APP_ENV="development", DATABASE_URL=url, LOG_LEVEL="WARNING")


def flask(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [FLASK, "--app", "wsgi", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def measure(env: dict[str, str], export: Path) -> dict:
    """Run the import in a child that measures itself: wall time and peak RSS (kB)."""
    child = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "elapsed = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(done.returncode, elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
        "print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", child, FLASK, "--app", "wsgi", "import", "disqus", str(export)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    first, last = result.stdout.strip().splitlines()[:2]
    code, elapsed, peak, cpu = first.split()
    if code != "0":
        raise SystemExit(f"import failed: {last}")
    return {
        "seconds": float(elapsed),
        "cpu_seconds": float(cpu),
        "peak_rss_mb": int(peak) / 1024,
        "summary": json.loads(last),
    }


def postgres_url() -> str | None:
    try:
        import sqlalchemy as sa

        schema = "bench_" + uuid.uuid4().hex[:8]
        engine = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        return f"{POSTGRES}?options=-csearch_path%3D{schema}"
    except Exception:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            export = Path(work) / f"disqus-{size}.xml"
            write_disqus(export, size)
            megabytes = export.stat().st_size / 1e6
            targets = [("sqlite", f"sqlite:///{work}/bench-{size}.sqlite3")]
            if not args.no_postgres and (url := postgres_url()):
                targets.append(("postgresql", url))
            for backend, url in targets:
                env = env_for(url)
                flask(env, "db", "upgrade")
                figures = measure(env, export)
                assert figures["summary"]["comments"] == size, figures
                again = measure(env, export)
                assert again["summary"]["comments"] == 0, again
                rows.append((backend, size, megabytes, figures, again))
    # Wall time depends on what else the machine runs; CPU seconds (the import process's own,
    # start-up included) are the steadier figure.
    print(
        f"{'backend':<11} {'comments':>9} {'file MB':>8} {'wall s':>7} {'CPU s':>7} "
        f"{'rows/CPU s':>10} {'peak RSS MB':>11} {'rerun CPU s':>11}"
    )
    for backend, size, megabytes, figures, again in rows:
        print(
            f"{backend:<11} {size:>9} {megabytes:>8.1f} {figures['seconds']:>7.1f} "
            f"{figures['cpu_seconds']:>7.1f} {size / figures['cpu_seconds']:>10.0f} "
            f"{figures['peak_rss_mb']:>11.0f} {again['cpu_seconds']:>11.1f}"
        )


if __name__ == "__main__":
    main()
