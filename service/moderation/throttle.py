"""Login throttling: failures slow down the address they come from, never the account itself.

Failed sign-ins are counted per (account, client address) and per client address, in the rate
limiter's storage (`RATELIMIT_STORAGE_URI`: Redis when configured, so every worker sees the same
counts), under `RATELIMIT_KEY_PREFIX` like the submission limits, so deployments sharing one
Redis keep their counts and locks apart. Past a threshold each further failure locks that
address out for a growing time. The account is never locked as a whole, so an attacker cannot
keep the real moderator out: the right password from another address still works.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import current_app
from limits.storage import Storage, storage_from_string

log = logging.getLogger(__name__)

DAY = 24 * 3600


@dataclass(frozen=True)
class ThrottleRule:
    """After `threshold` failures within `memory` seconds, lock for a doubling time."""

    name: str
    threshold: int
    first_lock: int
    max_lock: int
    memory: int = DAY

    def lock_seconds(self, failures: int) -> int:
        """How long the address is locked out after its `failures`-th failure (0: not yet)."""
        if failures < self.threshold:
            return 0
        return min(self.first_lock * 2 ** (failures - self.threshold), self.max_lock)


# One account from one address: the fifth failure locks for 1 minute, then 2, 4 … up to 1 hour.
PER_ACCOUNT_AND_ADDRESS = ThrottleRule("account-address", threshold=5, first_lock=60, max_lock=3600)
# One address whatever the accounts: the twentieth failure locks for 5 minutes, then 10 … 1 hour.
PER_ADDRESS = ThrottleRule("address", threshold=20, first_lock=300, max_lock=3600)


def throttle_storage() -> Storage:
    """The throttle's own handle on the limiter storage, one per app (independent of
    `RATELIMIT_ENABLED`, which turns off submission limits but never login throttling)."""
    storage = current_app.extensions.get("clinic_desk_login_throttle")
    if storage is None:
        storage = storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
        current_app.extensions["clinic_desk_login_throttle"] = storage
    return storage


def _digest(value: str) -> str:
    # Keys hold a digest, so the storage never lists the addresses people typed.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


_Result = TypeVar("_Result")


def _unless_storage_fails(
    consequence: str, fallback: _Result
) -> Callable[[Callable[[LoginThrottle, Storage], _Result]], Callable[[LoginThrottle], _Result]]:
    """Hand a LoginThrottle method the storage; if the storage fails, log and answer `fallback`.

    A storage outage must not keep every moderator out, so it is logged instead of raised.
    """

    def decorate(
        method: Callable[[LoginThrottle, Storage], _Result],
    ) -> Callable[[LoginThrottle], _Result]:
        @functools.wraps(method)
        def wrapper(self: LoginThrottle) -> _Result:
            try:
                return method(self, throttle_storage())
            except Exception:
                log.warning("login throttle storage unavailable; %s", consequence)
                return fallback

        return wrapper

    return decorate


class LoginThrottle:
    """The failure counts and locks that apply to one sign-in attempt."""

    def __init__(self, email: str, address_key: str) -> None:
        self.prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or ""
        self.scopes = [
            (PER_ACCOUNT_AND_ADDRESS, _digest(f"{email.strip().lower()}|{address_key}")),
            (PER_ADDRESS, _digest(address_key)),
        ]

    def _keys(self, rule: ThrottleRule, scope: str) -> tuple[str, str]:
        base = f"clinic-desk/login/{rule.name}/{scope}"
        if self.prefix:
            base = f"{self.prefix}/{base}"
        return base + "/failures", base + "/lock"

    @_unless_storage_fails("not throttling this attempt", fallback=0)
    def retry_after(self, storage: Storage) -> int:
        """Seconds until this address may try this account again; 0 when it may now."""
        waits = [0]
        for rule, scope in self.scopes:
            _, lock_key = self._keys(rule, scope)
            if storage.get(lock_key) > 0:
                waits.append(max(1, math.ceil(storage.get_expiry(lock_key) - time.time())))
        return max(waits)

    @_unless_storage_fails("failure not counted", fallback=0)
    def record_failure(self, storage: Storage) -> int:
        """Count a failure; returns the lock it started in seconds (0 when none started)."""
        started = 0
        for rule, scope in self.scopes:
            failures_key, lock_key = self._keys(rule, scope)
            failures = storage.incr(failures_key, rule.memory)
            seconds = rule.lock_seconds(failures)
            if seconds:
                storage.clear(lock_key)
                storage.incr(lock_key, seconds)
                started = max(started, seconds)
        return started

    @_unless_storage_fails("success not recorded", fallback=None)
    def record_success(self, storage: Storage) -> None:
        """Forget this account's failures from this address (the address count stays)."""
        rule, scope = self.scopes[0]
        for key in self._keys(rule, scope):
            storage.clear(key)
