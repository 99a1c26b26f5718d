"""`backup create` / `backup restore` for SQLite, through SQLite's online backup API.

The copy is consistent even while the service writes (the backup API copies a snapshot page
by page and restarts if the source changes). PostgreSQL is backed up with `pg_dump`
(docs/deploy.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from service.data.extensions import db


class BackupError(RuntimeError):
    """The backup or restore cannot be done; the message says why."""


def sqlite_path() -> Path:
    url = make_url(str(db.engine.url))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(
            "backup works on a SQLite file database; for PostgreSQL use pg_dump "
            "(see docs/deploy.md)."
        )
    return Path(url.database)


def _copy(
    source: sqlite3.Connection,
    target: sqlite3.Connection,
    progress: Callable[[int, int], None] | None,
) -> None:
    def report(_status: int, remaining: int, total: int) -> None:
        if progress:
            progress(total - remaining, total)

    source.backup(target, pages=256, progress=report)


def create_backup(path: str, progress: Callable[[int, int], None] | None = None) -> Path:
    """Write a consistent copy of the live database to PATH (refuses to overwrite)."""
    source_path = sqlite_path()
    target_path = Path(path)
    if target_path.exists():
        raise BackupError(f"{target_path} already exists; choose a new file name.")
    if not target_path.parent.exists():
        raise BackupError(f"The folder {target_path.parent} does not exist.")
    source = sqlite3.connect(source_path)
    target = sqlite3.connect(target_path)
    try:
        _copy(source, target, progress)
        check = target.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The copy failed its integrity check: {check}.")
    finally:
        target.close()
        source.close()
    return target_path


def restore_backup(path: str, progress: Callable[[int, int], None] | None = None) -> Path:
    """Replace the database's contents with the backup at PATH (stop the service first)."""
    target_path = sqlite_path()
    source_path = Path(path)
    if not source_path.is_file():
        raise BackupError(f"There is no backup file at {source_path}.")
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError:
        source.close()
        raise BackupError(f"{source_path} is not a SQLite database.") from None
    if check != "ok":
        source.close()
        raise BackupError(f"{source_path} failed its integrity check: {check}.")
    db.engine.dispose()
    target = sqlite3.connect(target_path)
    try:
        _copy(source, target, progress)
    finally:
        target.close()
        source.close()
    return target_path
