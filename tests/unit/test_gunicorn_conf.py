"""The production server refuses, and development warns, when several workers would each count
rate limits and failed sign-ins alone."""

import logging
import os
import runpy
import subprocess
import sys
from types import SimpleNamespace

import pytest

from tests.conftest import GUNICORN, REPO

REFUSAL = "Set RATELIMIT_STORAGE_URI=redis://HOST:6379/0"


def load_conf(monkeypatch, **env):
    for name in ("WEB_CONCURRENCY", "RATELIMIT_STORAGE_URI", "APP_ENV", "TRUSTED_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(REPO / "gunicorn.conf.py"))


def arbiter(conf) -> SimpleNamespace:
    """What the hooks read of gunicorn's arbiter: the worker count it settled on."""
    return SimpleNamespace(cfg=SimpleNamespace(workers=conf["workers"]))


def test_several_workers_on_memory_storage_log_a_warning(monkeypatch, caplog):
    conf = load_conf(monkeypatch, WEB_CONCURRENCY="3")
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        conf["when_ready"](arbiter(conf))
    assert "memory:// storage with 3 workers" in caplog.text


def test_redis_storage_or_one_worker_is_quiet(monkeypatch, caplog):
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        conf = load_conf(
            monkeypatch, WEB_CONCURRENCY="3", RATELIMIT_STORAGE_URI="redis://x", TRUSTED_PROXIES="1"
        )
        conf["when_ready"](arbiter(conf))
        conf = load_conf(monkeypatch, WEB_CONCURRENCY="1", TRUSTED_PROXIES="1")
        conf["when_ready"](arbiter(conf))
    assert caplog.text == ""


def test_without_a_proxy_the_log_says_not_to_face_the_internet_directly(monkeypatch, caplog):
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        conf = load_conf(monkeypatch, WEB_CONCURRENCY="1")
        conf["when_ready"](arbiter(conf))
    assert "must not face the internet directly" in caplog.text
    assert "docs/deploy.md" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        conf = load_conf(monkeypatch, WEB_CONCURRENCY="1", TRUSTED_PROXIES="1")
        conf["when_ready"](arbiter(conf))
    assert caplog.text == ""


def test_production_with_two_workers_on_memory_storage_refuses_to_start(monkeypatch):
    conf = load_conf(monkeypatch, APP_ENV="production", WEB_CONCURRENCY="2")
    with pytest.raises(RuntimeError) as refused:
        conf["on_starting"](arbiter(conf))
    assert "APP_ENV=production with 2 workers" in str(refused.value)
    assert REFUSAL in str(refused.value)


@pytest.mark.parametrize(
    "env",
    [
        {"APP_ENV": "production", "WEB_CONCURRENCY": "2", "RATELIMIT_STORAGE_URI": "redis://x"},
        {"APP_ENV": "production", "WEB_CONCURRENCY": "1"},
        {"APP_ENV": "development", "WEB_CONCURRENCY": "2"},
    ],
)
def test_production_starts_with_redis_or_one_worker_and_development_only_warns(monkeypatch, env):
    conf = load_conf(monkeypatch, **env)
    conf["on_starting"](arbiter(conf))


def test_gunicorn_itself_exits_with_the_message_in_production_on_memory_storage(tmp_path):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("RATELIMIT_STORAGE_URI", "WEB_CONCURRENCY")
    }
    env.update(APP_ENV="production", WEB_CONCURRENCY="2", HOST="127.0.0.1", PORT="0")
    started = subprocess.run(
        GUNICORN,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    assert REFUSAL in started.stderr
    assert "Listening at" not in started.stderr


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

    from service.web import heartbeat

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
