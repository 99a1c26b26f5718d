"""How fast is one page of the moderation queue at a million items?

Fills a throw-away database (SQLite file by default, or DATABASE_URL) with comments and
inquiries spread over a year, then times the queue's first page, a deep page reached by
cursor, and the filtered views, and prints each query plan's first line.

Usage: .venv/bin/python bench/queue_bench.py [--items 1000000] [--sqlite-cache FILE]
       [--postgres URL --schema NAME] [--repeat 40] [--json]

With --sqlite-cache the filled SQLite file is kept and reused by the next run with the same
--items. With --postgres the rows go to a dedicated schema, dropped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from config import new_data_key  # noqa: E402


def fill(total: int) -> None:
    import sqlalchemy as sa

    from service.data.database import utcnow
    from service.data.extensions import db
    from service.data.models import Comment, Inquiry, Thread

    rng = random.Random(7)
    now = utcnow()
    db.session.add(Thread(key="bench", title="Bench"))
    db.session.commit()
    thread_id = db.session.scalar(sa.select(Thread.id))
    statuses = ["pending", "approved", "approved", "approved", "spam", "rejected"]
    verdicts = ["ham", "ham", "unsure", "spam"]
    batch = 20000

    def insert(model, count: int, fields: dict, statuses: list[str]) -> None:
        """`count` rows of `fields`, each with a random status, verdict and age in the last year."""
        for start in range(0, count, batch):
            rows = [
                {
                    **fields,
                    "status": rng.choice(statuses),
                    "verdict": rng.choice(verdicts),
                    "score": 0.0,
                    "reasons": [],
                    "created_at": now - dt.timedelta(seconds=rng.randrange(365 * 86400)),
                }
                for _ in range(min(batch, count - start))
            ]
            db.session.execute(sa.insert(model), rows)
            db.session.commit()

    comments = int(total * 0.6)
    comment = {
        "thread_id": thread_id,
        "author": "Reader",
        "body": "A comment body",
        "body_html": "<p>A comment body</p>",
    }
    insert(Comment, comments, comment, statuses)
    inquiry = {
        "name": "Visitor",
        "email": "v@example.org",
        "topic": "other",
        "message": "A message",
        "consent_at": now,
        "consent_version": "bench",
    }
    insert(Inquiry, total - comments, inquiry, ["received", "answered", "closed", "spam"])


RESULTS: dict[str, dict[str, float]] = {}
REPEAT = 5


def timed(label: str, call) -> object:
    """Run `call` REPEAT times; print and remember p50 and p95 in milliseconds."""
    samples = []
    result = call()  # one warm-up run, not counted
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p50 = samples[len(samples) // 2]
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    RESULTS[label] = {"p50_ms": p50, "p95_ms": p95}
    print(f"{label:<45} p50 {p50:8.2f} ms  p95 {p95:8.2f} ms", file=sys.stderr)
    return result


def cache_marker(items: int) -> str:
    """What a kept SQLite file must match to be reused: its item count and the models' tables,
    columns and indexes (a file filled before an index changed would measure the old plans)."""
    from service.data.models import Base

    schema = sorted(
        (table.name, [c.name for c in table.columns], sorted(i.name for i in table.indexes))
        for table in Base.metadata.tables.values()
    )
    return f"{items} {hashlib.sha256(repr(schema).encode()).hexdigest()[:16]}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--sqlite-cache", help="keep the filled SQLite file here and reuse it")
    parser.add_argument("--postgres", help="a PostgreSQL URL (rows go to --schema)")
    parser.add_argument("--schema", default="queue_bench")
    parser.add_argument("--depth", type=int, default=10_000, help="items deep for the deep page")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    global REPEAT
    REPEAT = args.repeat
    reuse = False
    if args.postgres:
        import sqlalchemy as sa

        admin = sa.create_engine(args.postgres)
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{args.schema}" CASCADE'))
            connection.execute(sa.text(f'CREATE SCHEMA "{args.schema}"'))
        separator = "&" if "?" in args.postgres else "?"
        os.environ["DATABASE_URL"] = (
            f"{args.postgres}{separator}options=-csearch_path%3D{args.schema}"
        )
    data_key = new_data_key()
    if args.sqlite_cache:
        path = Path(args.sqlite_cache)
        marker = path.with_suffix(".items")  # the item count and schema it holds
        key_file = path.with_suffix(".key")  # the data key its encrypted columns need
        reuse = (
            path.exists()
            and key_file.exists()
            and marker.exists()
            and marker.read_text() == cache_marker(args.items)
        )
        if reuse:
            data_key = key_file.read_text().strip()
        else:
            for stale in (path, marker, Path(f"{path}-wal"), Path(f"{path}-shm")):
                stale.unlink(missing_ok=True)
            key_file.write_text(data_key)
        os.environ["DATABASE_URL"] = f"sqlite:///{path.resolve()}"
    elif not args.postgres:
        workdir = Path(tempfile.mkdtemp(prefix="queue-bench-"))
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.update({"APP_ENV": "development", "SECRET_KEY": "bench-only", "DATA_KEY": data_key})
    os.environ["LOG_LEVEL"] = "WARNING"
    from service import create_app
    from service.data.extensions import db
    from service.moderation import queue

    app = create_app()
    try:
        with app.app_context():
            if not reuse:
                db.drop_all()
                db.create_all()
                started = time.perf_counter()
                fill(args.items)
                seconds = time.perf_counter() - started
                print(f"filled {args.items} items in {seconds:.0f} s", file=sys.stderr)
                if db.engine.dialect.name == "postgresql":
                    with db.engine.connect() as connection:
                        connection.exec_driver_sql("ANALYZE")
                if args.sqlite_cache:
                    with db.engine.connect() as connection:
                        connection.exec_driver_sql("ANALYZE")
                    marker.write_text(cache_marker(args.items))
            measure(queue, args.depth)
            db.session.remove()
            db.engine.dispose()
    finally:
        if args.postgres:
            with admin.begin() as connection:
                connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{args.schema}" CASCADE'))
    if args.json:
        print(json.dumps(RESULTS))
    return 0


def measure(queue, depth: int) -> None:
    everything = queue.Filters()
    first = timed("first page, no filter", lambda: queue.list_queue(everything))
    cursor = queue.parse_cursor(first.next)
    walked = len(first.items)
    while walked < depth:  # walk by cursor to the page `depth` items deep
        page = queue.list_queue(everything, cursor)
        cursor = queue.parse_cursor(page.next)
        walked += len(page.items)
    timed(f"page {depth:,} items deep, no filter", lambda: queue.list_queue(everything, cursor))
    waiting = queue.Filters(status="open")
    timed("first page, status=open", lambda: queue.list_queue(waiting))
    spam = queue.Filters(kind="comment", status="spam", verdict="spam")
    timed("first page, comment+spam+spam", lambda: queue.list_queue(spam))
    unsure = queue.Filters(verdict="unsure")
    timed("first page, verdict=unsure", lambda: queue.list_queue(unsure))
    from service.data.database import utcnow
    from service.moderation.filter_accuracy import measure_filter
    from service.submissions.spamfolder import filed_as_spam_since

    week_ago = utcnow() - dt.timedelta(days=7)
    timed("spam-folder count, last 7 days", lambda: filed_as_spam_since(week_ago))
    timed("spam-folder count, folder never opened", lambda: filed_as_spam_since(None))
    timed("filter precision and recall, last 30 days", measure_filter)


if __name__ == "__main__":
    raise SystemExit(main())
