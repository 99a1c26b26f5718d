"""The production server warns when several workers would each count rate limits alone."""

import logging
import runpy

from tests.conftest import REPO


def load_conf(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "RATELIMIT_STORAGE_URI", "TRUSTED_PROXIES"):
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
        load_conf(
            monkeypatch, WEB_CONCURRENCY="3", RATELIMIT_STORAGE_URI="redis://x", TRUSTED_PROXIES="1"
        )["when_ready"](None)
        load_conf(monkeypatch, WEB_CONCURRENCY="1", TRUSTED_PROXIES="1")["when_ready"](None)
    assert caplog.text == ""


def test_without_a_proxy_the_log_says_not_to_face_the_internet_directly(monkeypatch, caplog):
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        load_conf(monkeypatch, WEB_CONCURRENCY="1")["when_ready"](None)
    assert "must not face the internet directly" in caplog.text
    assert "docs/deploy.md" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        load_conf(monkeypatch, WEB_CONCURRENCY="1", TRUSTED_PROXIES="1")["when_ready"](None)
    assert caplog.text == ""


def test_workers_default_to_two_per_core(monkeypatch):
    import multiprocessing

    assert load_conf(monkeypatch)["workers"] == multiprocessing.cpu_count() * 2


def test_workers_are_sync_unless_threads_are_asked_for(monkeypatch):
    from gunicorn.config import Config

    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    for threads, expected in ((None, "sync"), ("4", "gthread")):
        env = {} if threads is None else {"GUNICORN_THREADS": threads}
        conf = load_conf(monkeypatch, **env)
        config = Config()
        config.set("worker_class", conf["worker_class"])
        config.set("threads", conf["threads"])
        assert config.worker_class_str == expected


def test_the_control_socket_is_off_unless_an_instance_names_its_own(monkeypatch):
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    assert load_conf(monkeypatch)["control_socket_disable"] is True
    conf = load_conf(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/clinic-desk/a.ctl")
    assert conf["control_socket_disable"] is False
    assert conf["control_socket"] == "/run/clinic-desk/a.ctl"


def test_a_forked_worker_switches_threads_every_millisecond_and_gets_a_heartbeat(monkeypatch):
    import sys

    from service import heartbeat

    class Worker:
        beats = 0

        def notify(self):
            self.beats += 1

    worker = Worker()
    before = sys.getswitchinterval()
    try:
        load_conf(monkeypatch)["post_fork"](None, worker)
        assert sys.getswitchinterval() == 0.001
        heartbeat.beat()
        assert worker.beats == 1
    finally:
        sys.setswitchinterval(before)
        heartbeat.install(None)
