"""The Flask application class: Flask, minus work it would repeat on every request."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class SigningSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer built once per key set
    instead of once per request."""

    def __init__(self) -> None:
        self._serializers: dict[tuple, URLSafeTimedSerializer] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        serializer = self._serializers.get(keys)
        if serializer is None:
            serializer = super().get_signing_serializer(app)
            self._serializers = {keys: serializer}  # a key change replaces, never piles up
        return serializer


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, keys in the order they were written, with its encoders made once.

    `json.dumps` with any option builds a new encoder on every call; Flask always passes one."""

    sort_keys = False
    _COMPACT = {"separators": (",", ":")}

    def __init__(self, app: Flask) -> None:
        super().__init__(app)
        options = {"default": self.default, "ensure_ascii": self.ensure_ascii, "sort_keys": False}
        self._plain = json.JSONEncoder(**options)
        self._compact = json.JSONEncoder(**options, **self._COMPACT)

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if not kwargs:
            return self._plain.encode(obj)
        if kwargs == self._COMPACT:
            return self._compact.encode(obj)
        return super().dumps(obj, **kwargs)


class ClinicDeskFlask(Flask):
    """Flask, checking each view and hook for `async def` once rather than on every call, and
    with the JSON provider above."""

    json_provider_class = JSONProvider

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session_interface = SigningSessionInterface()
        self._sync: dict[Callable[..., Any], Callable[..., Any]] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        try:
            return self._sync[func]
        except KeyError:
            wrapped = super().ensure_sync(func)
            if len(self._sync) < 4096:  # views and hooks are few; anything else is not kept
                self._sync[func] = wrapped
            return wrapped
        except TypeError:  # an unhashable callable: checked every time, as Flask does
            return super().ensure_sync(func)
