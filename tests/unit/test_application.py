"""The Flask class makes once what Flask would make per request, and behaves the same."""

from __future__ import annotations

import pytest
from itsdangerous import BadSignature

from service.web.application import ClinicDeskFlask


def app_with(secret: str) -> ClinicDeskFlask:
    app = ClinicDeskFlask(__name__)
    app.secret_key = secret
    return app


def test_json_answers_keep_the_written_key_order_and_are_compact():
    app = app_with("k" * 32)
    with app.test_request_context():
        response = app.json.response({"id": 7, "status": "received", "a": [1, 2]})
    assert response.get_data(as_text=True) == '{"id":7,"status":"received","a":[1,2]}\n'
    assert app.json.dumps({"b": 1, "a": 2}) == '{"b": 1, "a": 2}'
    assert app.json.dumps({"b": 1}, indent=1) == '{\n "b": 1\n}'  # other options still work


def test_the_session_signer_is_made_once_and_again_when_the_key_changes():
    app = app_with("first-key-" + "k" * 22)
    interface = app.session_interface
    signer = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is signer
    cookie = signer.dumps({"user": 1})

    app.secret_key = "second-key-" + "k" * 21
    rotated = interface.get_signing_serializer(app)
    assert rotated is not signer
    assert rotated.loads(rotated.dumps({"user": 2})) == {"user": 2}
    with pytest.raises(BadSignature):  # a cookie signed with the old key is refused
        rotated.loads(cookie)

    app.config["SECRET_KEY_FALLBACKS"] = ["first-key-" + "k" * 22]
    with_fallback = interface.get_signing_serializer(app)
    assert with_fallback.loads(cookie) == {"user": 1}  # unless the old key is a fallback


def test_a_view_is_checked_for_async_once():
    app = app_with("k" * 32)
    calls = []

    def view():
        calls.append(1)
        return "ok"

    assert app.ensure_sync(view) is view
    assert app.ensure_sync(view) is view
    assert list(app._sync) == [view]
