"""Encryption of health information at rest (AES-256-GCM under `DATA_KEY`).

A stored value reads `v1:<key id>:<base64 nonce+ciphertext>`. The key id lets `keys rotate`
find values still under an older key, which stays readable while it is listed in
`DATA_KEYS_PREVIOUS`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os

import sqlalchemy as sa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app
from sqlalchemy.types import TypeDecorator

PREFIX = "v1"


class DataKeyError(ValueError):
    """A data key is malformed, or a value was encrypted under a key we no longer have."""


def _decode_key(raw: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(raw.strip() + "=" * (-len(raw.strip()) % 4))
    except (binascii.Error, ValueError):
        raise DataKeyError("DATA_KEY must be 32 bytes in URL-safe base64.") from None
    if len(key) != 32:
        raise DataKeyError("DATA_KEY must be 32 bytes in URL-safe base64.")
    return key


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"clinic-desk key id" + key).hexdigest()[:8]


class Keyring:
    """The current data key and any previous ones still needed for reading."""

    def __init__(self, current: str, previous: list[str] | None = None) -> None:
        self.current = _decode_key(current)
        self.current_id = key_id(self.current)
        self.keys = {self.current_id: self.current}
        for raw in previous or []:
            key = _decode_key(raw)
            self.keys.setdefault(key_id(key), key)
        # One cipher per key, made once: an AESGCM object holds only its key, and each call
        # to it starts a context of its own, so threads may share it.
        self._ciphers = {kid: AESGCM(key) for kid, key in self.keys.items()}
        self._current_cipher = self._ciphers[self.current_id]

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        sealed = self._current_cipher.encrypt(nonce, plaintext.encode("utf-8"), None)
        blob = base64.b64encode(nonce + sealed).decode("ascii")
        return f"{PREFIX}:{self.current_id}:{blob}"

    def decrypt(self, stored: str) -> str:
        try:
            prefix, kid, blob = stored.split(":", 2)
        except ValueError:
            raise DataKeyError("not an encrypted value") from None
        if prefix != PREFIX or kid not in self.keys:
            raise DataKeyError(f"value encrypted under an unknown key ({kid})")
        raw = base64.b64decode(blob)
        return self._ciphers[kid].decrypt(raw[:12], raw[12:], None).decode("utf-8")

    def is_current(self, stored: str) -> bool:
        return stored.split(":", 2)[1:2] == [self.current_id]


def keyring() -> Keyring:
    return current_app.extensions["clinic_desk_keyring"]


class EncryptedText(TypeDecorator):
    """Text encrypted with the app's data key on the way in and decrypted on the way out."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        return keyring().encrypt(value)

    def process_result_value(self, value: str | None, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        return keyring().decrypt(value)
