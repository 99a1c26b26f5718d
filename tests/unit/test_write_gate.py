"""SQLite submissions queue at a write gate: one writer at a time, across threads and worker
processes, each let in the moment the previous one leaves."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa

from service.data.database import _gate_for, _WriteGate, durable_write

HOLD_IN_ANOTHER_PROCESS = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1] + "-writelock", os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
fcntl.flock(fd, fcntl.LOCK_UN)
"""


def test_a_writer_waits_while_another_process_holds_the_gate(tmp_path):
    database = str(tmp_path / "clinic.sqlite3")
    gate = _WriteGate(database)
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_IN_ANOTHER_PROCESS, database, "0.6"],
        stdout=subprocess.PIPE,
        text=True,
    ) as other:
        assert other.stdout.readline().strip() == "held"
        started = time.monotonic()
        with gate.held():
            waited = time.monotonic() - started
    assert waited >= 0.4


def test_threads_of_one_process_pass_the_gate_one_at_a_time(tmp_path):
    gate = _WriteGate(str(tmp_path / "clinic.sqlite3"))
    inside = 0
    most_inside = 0
    guard = threading.Lock()

    def writer() -> None:
        nonlocal inside, most_inside
        for _ in range(20):
            with gate.held():
                with guard:
                    inside += 1
                    most_inside = max(most_inside, inside)
                time.sleep(0.001)
                with guard:
                    inside -= 1

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most_inside == 1


def test_only_sqlite_files_have_a_gate(tmp_path):
    assert _gate_for(sa.create_engine(f"sqlite:///{tmp_path}/a.sqlite3")) is not None
    assert _gate_for(sa.create_engine("sqlite://")) is None  # in memory: one connection
    postgres = sa.create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test")
    assert _gate_for(postgres) is None  # PostgreSQL queues writers itself, row by row


def test_a_durable_write_holds_the_gate_until_its_commit_returns_and_no_longer(tmp_path):
    path = tmp_path / "clinic.sqlite3"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        connection.execute(sa.text("CREATE TABLE notes (body TEXT)"))
        connection.commit()
        another_process = os.open(f"{path}-writelock", os.O_RDWR | os.O_CREAT, 0o600)
        with durable_write(connection):
            connection.execute(sa.text("INSERT INTO notes VALUES ('kept')"))
            with pytest.raises(BlockingIOError):
                fcntl.flock(another_process, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # Free again, though the connection is still open: other writers need not wait for it.
        fcntl.flock(another_process, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(another_process, fcntl.LOCK_UN)
        os.close(another_process)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT body FROM notes")).scalars().all() == ["kept"]
    engine.dispose()
