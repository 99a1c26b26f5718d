"""The production server warns when several workers would each count rate limits alone."""

import logging
import runpy

from tests.conftest import REPO


def load_conf(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "RATELIMIT_STORAGE_URI"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO / "gunicorn.conf.py"))


def test_several_workers_on_memory_storage_log_a_warning(monkeypatch, caplog):
    conf = load_conf(monkeypatch, WEB_CONCURRENCY="3")
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        conf["when_ready"](None)
    assert "memory:// storage with 3 workers" in caplog.text


def test_redis_storage_or_one_worker_is_quiet(monkeypatch, caplog):
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        load_conf(monkeypatch, WEB_CONCURRENCY="3", RATELIMIT_STORAGE_URI="redis://x")[
            "when_ready"
        ](None)
        load_conf(monkeypatch, WEB_CONCURRENCY="1")["when_ready"](None)
    assert caplog.text == ""


def test_workers_default_to_two_per_core(monkeypatch):
    import multiprocessing

    assert load_conf(monkeypatch)["workers"] == multiprocessing.cpu_count() * 2
