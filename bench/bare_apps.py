"""The two bare Flask apps the benchmark measures Clinic Desk against (run under gunicorn).

`limit:app` answers GET with the bytes in BARE_BODY_FILE from memory: no database, no
middleware, the most a Flask worker can serve. `insert:app` stores each POST body with one
durable SQLite insert (WAL, synchronous=FULL) into BARE_DB_FILE: the floor for a write.
"""

from __future__ import annotations

import os
import sqlite3
import threading

from flask import Flask, Response, request


def limit_app() -> Flask:
    app = Flask("bare_limit")
    with open(os.environ["BARE_BODY_FILE"], "rb") as handle:
        body = handle.read()

    @app.get("/api/threads/<path:key>/comments")
    def thread(key: str) -> Response:
        response = Response(body, mimetype="application/json")
        response.headers["Cache-Control"] = "no-cache"
        return response

    return app


def insert_app() -> Flask:
    app = Flask("bare_insert")
    path = os.environ["BARE_DB_FILE"]
    local = threading.local()

    def connection() -> sqlite3.Connection:
        if not hasattr(local, "db"):
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT)")
            local.db = db
        return local.db

    @app.post("/api/inquiries")
    def store() -> tuple[dict, int]:
        data = request.get_json()
        db = connection()
        cursor = db.execute("INSERT INTO rows (body) VALUES (?)", (str(data),))
        return {"id": cursor.lastrowid}, 202

    return app


limit = limit_app() if os.environ.get("BARE_BODY_FILE") else None
insert = insert_app() if os.environ.get("BARE_DB_FILE") else None
