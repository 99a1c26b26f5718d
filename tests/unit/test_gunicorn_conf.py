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


def test_each_worker_serves_with_one_request_thread_unless_told(monkeypatch):
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    conf = load_conf(monkeypatch)
    assert (conf["worker_class"], conf["threads"]) == ("gthread", 1)  # keep-alive still works
    assert load_conf(monkeypatch, GUNICORN_THREADS="4")["threads"] == 4


def test_the_control_socket_is_off_unless_an_instance_names_its_own(monkeypatch):
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    assert load_conf(monkeypatch)["control_socket_disable"] is True
    conf = load_conf(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/clinic-desk/a.ctl")
    assert conf["control_socket_disable"] is False
    assert conf["control_socket"] == "/run/clinic-desk/a.ctl"


def test_threads_switch_every_millisecond_in_a_worker(monkeypatch):
    import sys

    before = sys.getswitchinterval()
    try:
        load_conf(monkeypatch)["post_fork"](None, None)
        assert sys.getswitchinterval() == 0.001
    finally:
        sys.setswitchinterval(before)
