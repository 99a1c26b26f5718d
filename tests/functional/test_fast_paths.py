"""Each device that bypasses the framework has a setting that switches it off (for measuring,
bench/fastpaths.py), and the plain framework code then does the same work: the same rows,
notices and answers."""

from __future__ import annotations

import sqlalchemy as sa

from service.comments.fastread import CachedThreadReads
from service.contact import services
from service.data import fastpaths
from service.data.extensions import db
from service.data.models import ActionLink, Inquiry, OutboxMessage
from service.web.errors import Conflict


def test_the_settings_switch_each_device_off(make_app, monkeypatch):
    monkeypatch.setitem(fastpaths._enabled, "driver_statements", True)  # put back afterwards
    assert isinstance(make_app().wsgi_app, CachedThreadReads)
    assert fastpaths.driver_statements_enabled()
    plain = make_app(FAST_DRIVER_STATEMENTS=False, FAST_THREAD_READS=False)
    assert not isinstance(plain.wsgi_app, CachedThreadReads)
    assert not fastpaths.driver_statements_enabled()


def test_without_driver_statements_an_inquiry_is_stored_in_the_session_with_its_notices(
    client, moderator, inquiry_payload, lenient_filter, monkeypatch
):
    monkeypatch.setitem(fastpaths._enabled, "driver_statements", False)
    headers = {"Idempotency-Key": "plain-path-1"}
    first = client.post("/api/inquiries", json=inquiry_payload, headers=headers)
    assert first.status_code == 202
    again = client.post("/api/inquiries", json=inquiry_payload, headers=headers)
    assert again.status_code == 202 and again.json == first.json
    [stored] = db.session.scalars(sa.select(Inquiry)).all()
    assert stored.id == first.json["id"]
    assert stored.message == inquiry_payload["message"]  # encrypted and read back
    notice = db.session.scalar(sa.select(OutboxMessage))
    assert notice.subject == f"New inquiry #{stored.id}"
    assert db.session.scalar(sa.select(sa.func.count(ActionLink.id))) == 2


def test_without_driver_statements_a_failed_last_step_keeps_nothing(
    client, moderator, inquiry_payload, lenient_filter, monkeypatch
):
    monkeypatch.setitem(fastpaths._enabled, "driver_statements", False)

    class ClaimTakenOver:
        def record(self, status, body, connection=None):
            raise Conflict("A retry with this Idempotency-Key has already been answered.")

    monkeypatch.setattr(services, "current_claim", ClaimTakenOver)
    assert client.post("/api/inquiries", json=inquiry_payload).status_code == 409
    for model in (Inquiry, OutboxMessage, ActionLink):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0, model
