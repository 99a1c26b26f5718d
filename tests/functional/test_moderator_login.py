"""Signing in and out: messages, fresh sessions, idle timeout, two-factor, throttling."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import uuid
from collections.abc import Iterator

import pyotp
import pytest
import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import AuditEvent, Moderator, Role
from service.moderation.twofactor import claim_totp_step
from tests.conftest import sign_in
from tests.factories import KNOWN_PASSWORD, ModeratorFactory
from tests.pages import hidden_inputs

WRONG = "The email address or the password is not right."
ELSEWHERE = {"environ_base": {"REMOTE_ADDR": "198.51.100.7"}}
ATTACKER = {"environ_base": {"REMOTE_ADDR": "203.0.113.66"}}


def events(action: str) -> list[AuditEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


def post_form(client, page_url: str, url: str, data: dict, **options):
    """Post a form the way a browser would: with the hidden fields of the page it is on."""
    page = client.get(page_url, **options)
    return client.post(url, data={**hidden_inputs(page.get_data(as_text=True)), **data}, **options)


def enrolled(moderator: Moderator) -> pyotp.TOTP:
    secret = pyotp.random_base32()
    moderator.totp_secret = secret
    db.session.commit()
    return pyotp.TOTP(secret)


def test_login_page_has_labelled_fields_and_a_csrf_token(client):
    page = client.get("/moderation/login")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<label for="email">Email address</label>' in html
    assert '<label for="password">Password</label>' in html
    assert hidden_inputs(html)["csrf_token"]


def test_right_password_signs_in_and_lands_on_the_queue(client, moderator):
    response = sign_in(client, moderator.email, KNOWN_PASSWORD)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/moderation/")
    assert client.get("/moderation/account").status_code == 200
    login = events("login")
    assert [e.actor for e in login] == [moderator.email]
    db.session.refresh(moderator)
    assert moderator.last_login_at is not None


def test_login_without_csrf_token_is_refused(client, moderator):
    response = client.post(
        "/moderation/login", data={"email": moderator.email, "password": KNOWN_PASSWORD}
    )
    assert response.status_code == 400
    assert client.get("/moderation/account").status_code == 302


def test_wrong_password_and_unknown_account_get_the_same_answer(client, moderator):
    wrong_password = sign_in(client, moderator.email, "not-the-password-at-all")
    no_account = sign_in(client, "nobody@clinic.example", KNOWN_PASSWORD)
    assert wrong_password.status_code == no_account.status_code == 401
    assert WRONG in wrong_password.get_data(as_text=True)
    assert WRONG in no_account.get_data(as_text=True)
    # The typed password never reaches the page or the audit log.
    assert "not-the-password-at-all" not in wrong_password.get_data(as_text=True)
    failed = events("login.failed")
    assert [e.detail["reason"] for e in failed] == ["password", "unknown_account"]
    assert all("not-the-password" not in str(e.detail) for e in failed)


def test_unknown_account_costs_a_password_check_like_a_real_one(client, moderator, monkeypatch):
    from argon2 import PasswordHasher

    checks = []
    original = PasswordHasher.verify

    def counting(self, hashed, password):
        checks.append(hashed)
        return original(self, hashed, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    sign_in(client, "nobody@clinic.example", "whatever-password")
    sign_in(client, moderator.email, "whatever-password")
    assert len(checks) == 2
    assert checks[0].startswith("$argon2id$") and checks[0] != moderator.password_hash


def test_login_gives_a_fresh_session(client, moderator):
    client.get("/moderation/login")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
        before = dict(session)
    sign_in(client, moderator.email, KNOWN_PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == moderator.get_id()
        # A new CSRF token too: one seen before the login is no use afterwards.
        assert session.get("csrf_token") != before.get("csrf_token")


def test_deactivated_account_cannot_sign_in(client, moderator):
    moderator.active = False
    db.session.commit()
    response = sign_in(client, moderator.email, KNOWN_PASSWORD)
    assert response.status_code == 403
    assert "switched off" in response.get_data(as_text=True)


def test_idle_session_is_signed_out_with_a_message(moderator_client, app):
    assert moderator_client.get("/moderation/account").status_code == 200
    minutes = app.config["MODERATOR_IDLE_MINUTES"]
    with moderator_client.session_transaction() as session:
        session["seen"] = int(time.time()) - minutes * 60 - 5
    response = moderator_client.get("/moderation/account")
    assert response.status_code == 302
    assert "/moderation/login" in response.headers["Location"]
    page = moderator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"signed out after {minutes} minutes of inactivity" in page
    assert len(events("logout.idle")) == 1


def test_activity_within_the_idle_time_keeps_the_session(moderator_client, app):
    minutes = app.config["MODERATOR_IDLE_MINUTES"]
    with moderator_client.session_transaction() as session:
        session["seen"] = int(time.time()) - minutes * 60 + 30
    assert moderator_client.get("/moderation/account").status_code == 200
    with moderator_client.session_transaction() as session:
        assert session["seen"] >= int(time.time()) - 2


def test_logout_on_this_device_leaves_the_other_session_signed_in(app, moderator):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, moderator.email, KNOWN_PASSWORD)
    sign_in(phone, moderator.email, KNOWN_PASSWORD)
    with laptop.session_transaction() as session:
        copied_cookie = dict(session)
    response = post_form(laptop, "/moderation/account", "/moderation/logout", {})
    assert response.status_code == 303
    assert "You are signed out on this device." in laptop.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    assert laptop.get("/moderation/account").status_code == 302
    assert phone.get("/moderation/account").status_code == 200
    # A copy of the old cookie is refused: that session's id is listed as ended.
    replay = app.test_client()
    with replay.session_transaction() as session:
        session.update(copied_cookie)
    assert replay.get("/moderation/account").status_code == 302
    assert len(events("logout")) == 1


def test_logout_on_every_device_ends_both_sessions(app, moderator):
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, moderator.email, KNOWN_PASSWORD)
    sign_in(phone, moderator.email, KNOWN_PASSWORD)
    response = post_form(
        laptop, "/moderation/account", "/moderation/logout", {"scope": "everywhere"}
    )
    assert response.status_code == 303
    assert "You are signed out on every device." in laptop.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    assert laptop.get("/moderation/account").status_code == 302
    assert phone.get("/moderation/account").status_code == 302
    assert len(events("logout.all_devices")) == 1


def test_a_session_older_than_the_session_lifetime_ends(app, moderator_client):
    lifetime = int(app.permanent_session_lifetime.total_seconds())
    with moderator_client.session_transaction() as session:
        session["since"] = int(time.time()) - lifetime - 1
    assert moderator_client.get("/moderation/account").status_code == 302


def test_every_staff_page_offers_both_ways_to_log_out(moderator_client):
    page = moderator_client.get("/moderation/account").get_data(as_text=True)
    assert 'name="scope" value="device"' in page
    assert 'name="scope" value="everywhere"' in page


def test_logout_needs_a_post_with_csrf(moderator_client):
    assert moderator_client.get("/moderation/logout").status_code == 405
    assert moderator_client.post("/moderation/logout").status_code == 400
    assert moderator_client.get("/moderation/account").status_code == 200


def test_next_returns_only_to_moderation_pages(client, moderator):
    page = client.get("/moderation/login?next=https://evil.example/moderation/")
    assert hidden_inputs(page.get_data(as_text=True))["next"] == ""
    page = client.get("/moderation/login?next=/moderation/audit?action=login")
    form = hidden_inputs(page.get_data(as_text=True))
    assert form["next"] == "/moderation/audit?action=login"
    response = client.post(
        "/moderation/login", data={**form, "email": moderator.email, "password": KNOWN_PASSWORD}
    )
    assert response.headers["Location"] == "/moderation/audit?action=login"


def test_unauthenticated_page_sends_to_login_with_next(client):
    response = client.get("/moderation/audit")
    assert response.status_code == 302
    assert "/moderation/login?next=" in response.headers["Location"]


# Two-factor


def test_moderator_with_totp_needs_the_code_after_the_password(client, moderator):
    totp = enrolled(moderator)
    response = sign_in(client, moderator.email, KNOWN_PASSWORD)
    assert response.headers["Location"].endswith("/moderation/login/code")
    assert client.get("/moderation/account").status_code == 302  # not signed in yet
    wrong = post_form(
        client, "/moderation/login/code", "/moderation/login/code", {"code": "000000"}
    )
    if totp.now() != "000000":
        assert wrong.status_code == 401
        assert "That code is not right" in wrong.get_data(as_text=True)
        assert events("login.failed")[-1].detail["reason"] == "code"
    right = post_form(
        client, "/moderation/login/code", "/moderation/login/code", {"code": totp.now()}
    )
    assert right.status_code == 303
    assert client.get("/moderation/account").status_code == 200
    assert events("login")[-1].detail["method"] == "totp"


def same_code_on_both(first, second, moderator: Moderator, code: str):
    """Sign in with the password on two clients, then enter `code` on the first and then on
    the second: the two answers."""
    sign_in(first, moderator.email, KNOWN_PASSWORD)
    sign_in(second, moderator.email, KNOWN_PASSWORD)
    ok = post_form(first, "/moderation/login/code", "/moderation/login/code", {"code": code})
    replay = post_form(second, "/moderation/login/code", "/moderation/login/code", {"code": code})
    return ok, replay


def test_a_totp_code_works_only_once(app, moderator):
    totp = enrolled(moderator)
    code = totp.now()
    first, second = app.test_client(), app.test_client()
    ok, replay = same_code_on_both(first, second, moderator, code)
    assert ok.status_code == 303
    assert replay.status_code == 401


def test_a_totp_code_accepted_by_one_instance_is_refused_by_another(app, make_app, moderator):
    # Two workers (or hosts) with rate limits in memory: only the database is shared.
    totp = enrolled(moderator)
    code = totp.now()
    other_instance = make_app(SECRET_KEY=app.config["SECRET_KEY"], DATA_KEY=app.config["DATA_KEY"])
    first, second = app.test_client(), other_instance.test_client()
    ok, replay = same_code_on_both(first, second, moderator, code)
    assert ok.status_code == 303
    assert replay.status_code == 401
    assert "That code is not right" in replay.get_data(as_text=True)
    assert second.get("/moderation/account").status_code == 302


def test_after_a_code_is_accepted_the_previous_steps_code_is_refused(app, moderator):
    totp = enrolled(moderator)
    now = dt.datetime.now(dt.UTC)
    current, previous = totp.at(now), totp.at(now - dt.timedelta(seconds=30))
    first, second = app.test_client(), app.test_client()
    sign_in(first, moderator.email, KNOWN_PASSWORD)
    sign_in(second, moderator.email, KNOWN_PASSWORD)
    ok = post_form(first, "/moderation/login/code", "/moderation/login/code", {"code": current})
    assert ok.status_code == 303
    if previous != current:
        older = post_form(
            second, "/moderation/login/code", "/moderation/login/code", {"code": previous}
        )
        assert older.status_code == 401
    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).totp_last_step == totp.timecode(now)


def test_of_two_instances_claiming_one_time_step_at_once_exactly_one_wins(app, make_app, moderator):
    other_instance = make_app()
    moderator_id = moderator.id
    outcomes: dict[int, list[bool]] = {}

    def claim(instance, step: int, barrier: threading.Barrier) -> None:
        with instance.app_context():
            barrier.wait()
            outcomes.setdefault(step, []).append(claim_totp_step(moderator_id, step))
            db.session.remove()

    for step in range(1000, 1012):
        barrier = threading.Barrier(2)
        racers = [
            threading.Thread(target=claim, args=(instance, step, barrier))
            for instance in (app, other_instance)
        ]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join(timeout=30)
    assert {step: sorted(won) for step, won in outcomes.items()} == {
        step: [False, True] for step in range(1000, 1012)
    }
    assert claim_totp_step(moderator_id, 1011) is False
    assert claim_totp_step(moderator_id, 1005) is False


def test_code_step_without_a_password_first_goes_back_to_login(client):
    response = client.get("/moderation/login/code")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/moderation/login")


def test_admin_without_totp_enrols_before_anything_else(client, app):
    admin = ModeratorFactory(role=Role.ADMIN)
    db.session.commit()
    response = sign_in(client, admin.email, KNOWN_PASSWORD)
    assert response.headers["Location"].endswith("/moderation/two-factor/setup")
    # Not signed in: every other page still sends to the login.
    for path in ("/moderation/", "/moderation/account", "/moderation/moderators"):
        assert client.get(path).status_code == 302
    page = client.get("/moderation/two-factor/setup")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "otpauth://totp/" in html
    assert '<svg role="img"' in html
    assert page.headers["Cache-Control"] == "no-store"
    secret = html.split("secret=")[1].split("&")[0]
    wrong = post_form(
        client, "/moderation/two-factor/setup", "/moderation/two-factor/setup", {"code": "12345"}
    )
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.get_data(as_text=True)
    done = post_form(
        client,
        "/moderation/two-factor/setup",
        "/moderation/two-factor/setup",
        {"code": pyotp.TOTP(secret).now()},
    )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", done.get_data(as_text=True))
    assert len(codes) == 10
    assert client.get("/moderation/moderators").status_code == 200
    db.session.refresh(admin)
    assert admin.totp_secret == secret
    assert len(admin.recovery_codes) == 10 and codes[0] not in admin.recovery_codes
    # Stored encrypted: the column's raw value is not the secret.
    raw = db.session.execute(
        sa.text("select totp_secret from moderators where id = :id"), {"id": admin.id}
    ).scalar()
    assert secret not in raw
    assert events("two_factor.enable")[0].moderator_id == admin.id


def test_promoted_admin_without_totp_is_sent_to_enrol(moderator_client, moderator):
    moderator.role = Role.ADMIN
    db.session.commit()
    response = moderator_client.get("/moderation/audit")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/moderation/two-factor/setup")


def test_a_recovery_code_signs_in_once(app, moderator):
    enrolled(moderator)
    from service.moderation.twofactor import regenerate_recovery_codes

    codes = regenerate_recovery_codes(moderator)
    first, second = app.test_client(), app.test_client()
    sign_in(first, moderator.email, KNOWN_PASSWORD)
    used = post_form(first, "/moderation/login/code", "/moderation/login/code", {"code": codes[3]})
    assert used.status_code == 303
    page = first.get(used.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "9 are left" in page
    sign_in(second, moderator.email, KNOWN_PASSWORD)
    again = post_form(
        second, "/moderation/login/code", "/moderation/login/code", {"code": codes[3].upper()}
    )
    assert again.status_code == 401
    db.session.refresh(moderator)
    assert len(moderator.recovery_codes) == 9
    assert len(events("two_factor.recovery_code_used")) == 1


# Brute force


def test_many_wrong_passwords_are_slowed_logged_and_the_owner_still_gets_in(client, moderator):
    answers = [
        sign_in(client, moderator.email, f"guess-number-{n:04d}", **ATTACKER).status_code
        for n in range(8)
    ]
    assert answers[:5] == [401] * 5
    assert answers[5:] == [429] * 3
    refused = sign_in(client, moderator.email, KNOWN_PASSWORD, **ATTACKER)
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.get_data(as_text=True)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # Every checked password is in the audit log, and so is the lock.
    failed = events("login.failed")
    assert len(failed) == 5
    assert {e.detail["address"] for e in failed} == {"203.0.113.0"}
    throttled = events("login.throttled")
    assert [e.detail["seconds"] for e in throttled] == [60]
    # The real moderator, elsewhere, is not locked out.
    owner = sign_in(client.application.test_client(), moderator.email, KNOWN_PASSWORD, **ELSEWHERE)
    assert owner.status_code == 303


def test_the_lock_grows_with_each_failure_after_it(app, moderator, monkeypatch):
    from service.moderation import throttle

    client = app.test_client()
    for n in range(5):
        sign_in(client, moderator.email, f"guess-{n}-wrong", **ATTACKER)
    # Let the lock expire by moving the clock the storage uses.
    storage = throttle.throttle_storage()
    for key in list(storage.expirations):
        if key.endswith("/lock"):
            storage.expirations[key] = time.time() - 1
    sign_in(client, moderator.email, "guess-6-wrong", **ATTACKER)
    assert [e.detail["seconds"] for e in events("login.throttled")] == [60, 120]
    assert throttle.PER_ACCOUNT_AND_ADDRESS.lock_seconds(20) == 3600


def test_an_address_trying_many_accounts_is_locked(client, moderator):
    for n in range(20):
        sign_in(client, f"someone{n}@clinic.example", "a-wrong-password", **ATTACKER)
    response = sign_in(client, moderator.email, KNOWN_PASSWORD, **ATTACKER)
    assert response.status_code == 429
    assert 240 < int(response.headers["Retry-After"]) <= 300
    assert sign_in(client, moderator.email, KNOWN_PASSWORD, **ELSEWHERE).status_code == 303


def test_a_success_forgets_that_address_failures_for_the_account(client, moderator):
    for n in range(4):
        sign_in(client, moderator.email, f"typo-{n}-password", **ELSEWHERE)
    assert sign_in(client, moderator.email, KNOWN_PASSWORD, **ELSEWHERE).status_code == 303
    post_form(client, "/moderation/account", "/moderation/logout", {}, **ELSEWHERE)
    for n in range(4):
        assert sign_in(client, moderator.email, f"typo-{n}-again", **ELSEWHERE).status_code == 401


def test_wrong_two_factor_codes_are_throttled_too(client, moderator):
    enrolled(moderator)
    sign_in(client, moderator.email, KNOWN_PASSWORD, **ATTACKER)
    answers = [
        post_form(
            client,
            "/moderation/login/code",
            "/moderation/login/code",
            {"code": "99999x"},
            **ATTACKER,
        ).status_code
        for _ in range(6)
    ]
    assert answers == [401] * 5 + [429]


SHARED_REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_run(make_app) -> Iterator[str]:
    """A tag of this test's own for key prefixes and addresses on the shared Redis. Afterwards
    the keys carrying it are deleted (only those: a parallel run's locks must stay), and so are
    the sign-in attempts' audit events."""
    import redis

    from tests.conftest import need

    try:
        redis.Redis.from_url(SHARED_REDIS).ping()
    except redis.exceptions.ConnectionError:
        need(False, "Redis is not reachable at 127.0.0.1:6379")
    run = uuid.uuid4().hex[:8]
    yield run
    with make_app().app_context():
        db.session.execute(sa.delete(AuditEvent))
        db.session.commit()
    client = redis.Redis.from_url(SHARED_REDIS)
    for key in client.scan_iter(f"*{run}*"):
        client.delete(key)


def an_address_of_its_own() -> dict:
    """Request options from an address no other test signs in from."""
    return {
        "environ_base": {"REMOTE_ADDR": f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.9"}
    }


def five_wrong_passwords(worker, email: str, address: dict) -> None:
    with worker.app_context():
        for n in range(5):
            assert (
                sign_in(worker.test_client(), email, f"wrong-{n}-pw", **address).status_code == 401
            )


@pytest.mark.redis
def test_throttling_is_shared_by_workers_through_redis(make_app, redis_run):
    worker_a = make_app(
        RATELIMIT_STORAGE_URI=SHARED_REDIS, RATELIMIT_KEY_PREFIX=f"shared-{redis_run}"
    )
    worker_b = make_app(
        RATELIMIT_STORAGE_URI=SHARED_REDIS, RATELIMIT_KEY_PREFIX=f"shared-{redis_run}"
    )
    address = an_address_of_its_own()
    email = f"nobody-{redis_run}@clinic.example"
    five_wrong_passwords(worker_a, email, address)
    with worker_b.app_context():
        assert (
            sign_in(worker_b.test_client(), email, "wrong-again-pw", **address).status_code == 429
        )


@pytest.mark.redis
def test_deployments_with_different_key_prefixes_on_one_redis_do_not_share_a_lockout(
    make_app, redis_run
):
    import redis

    run = redis_run
    clinic_a = make_app(RATELIMIT_STORAGE_URI=SHARED_REDIS, RATELIMIT_KEY_PREFIX=f"clinic-a-{run}")
    clinic_a_other_worker = make_app(
        RATELIMIT_STORAGE_URI=SHARED_REDIS, RATELIMIT_KEY_PREFIX=f"clinic-a-{run}"
    )
    clinic_b = make_app(RATELIMIT_STORAGE_URI=SHARED_REDIS, RATELIMIT_KEY_PREFIX=f"clinic-b-{run}")
    address = an_address_of_its_own()
    email = f"nobody-{run}@clinic.example"
    five_wrong_passwords(clinic_a, email, address)
    with clinic_b.app_context():
        other_deployment = sign_in(clinic_b.test_client(), email, "wrong-pw", **address)
    with clinic_a_other_worker.app_context():
        same_deployment = sign_in(clinic_a_other_worker.test_client(), email, "wrong-pw", **address)
    assert other_deployment.status_code == 401
    assert same_deployment.status_code == 429
    throttle_keys = [
        key.decode()
        for key in redis.Redis.from_url(SHARED_REDIS).scan_iter("*clinic-desk/login/*")
        if run in key.decode()
    ]
    assert {key.split("/clinic-desk/")[0].rsplit(":", 1)[-1] for key in throttle_keys} == {
        f"clinic-a-{run}",
        f"clinic-b-{run}",
    }


def test_last_login_time_is_recorded(client, moderator):
    before = utcnow()
    sign_in(client, moderator.email, KNOWN_PASSWORD)
    db.session.refresh(moderator)
    assert moderator.last_login_at >= before.replace(microsecond=0)
