"""Login throttling: failures slow down the address they come from, never the account itself.

Failed sign-ins are counted per (account, client address) and per client address, in the rate
limiter's storage (`RATELIMIT_STORAGE_URI`: Redis when configured, so every worker sees the same
counts), under `RATELIMIT_KEY_PREFIX` like the submission limits, so deployments sharing one
Redis keep their counts and locks apart. Past a threshold each further failure locks that
address out for a growing time. The account is never locked as a whole, so an attacker cannot
keep the real moderator out: the right password from another address still works.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

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

    def retry_after(self) -> int:
        """Seconds until this address may try this account again; 0 when it may now."""
        try:
            storage = throttle_storage()
            waits = [0]
            for rule, scope in self.scopes:
                _, lock_key = self._keys(rule, scope)
                if storage.get(lock_key) > 0:
                    waits.append(max(1, math.ceil(storage.get_expiry(lock_key) - time.time())))
            return max(waits)
        except Exception:
            # A storage outage must not keep every moderator out; it is logged instead.
            log.warning("login throttle storage unavailable; not throttling this attempt")
            return 0

    def record_failure(self) -> int:
        """Count a failure; returns the lock it started in seconds (0 when none started)."""
        try:
            storage = throttle_storage()
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
        except Exception:
            log.warning("login throttle storage unavailable; failure not counted")
            return 0

    def record_success(self) -> None:
        """Forget this account's failures from this address (the address count stays)."""
        try:
            storage = throttle_storage()
            rule, scope = self.scopes[0]
            for key in self._keys(rule, scope):
                storage.clear(key)
        except Exception:
            log.warning("login throttle storage unavailable; success not recorded")
