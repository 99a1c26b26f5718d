"""Rate limits for submissions: per address range at several sizes, and a site-wide ceiling
that holds submissions for moderation instead of refusing them.

One actor must not be able to spend a limit that everybody shares. So the refusing limits
count per range of addresses: the visitor's own address (an IPv4 address, an IPv6 /64) and the
networks around it (IPv4 /24; IPv6 /56 and /48), each size with its own limit, a larger range
allowed more. Someone with a whole /48 of addresses is stopped at the /48 while every other
network keeps its allowance. The site-wide ceiling (`RATELIMIT_SUBMISSIONS_GLOBAL`) refuses
nobody: past it, submissions are still taken and stored, but judged `unsure` with the reason
`site_busy`, so a flood spread over many networks waits for a person instead of going live.

Counters live in the storage `RATELIMIT_STORAGE_URI` names (Redis with several workers or
hosts, so they all count together), through the `limits` library Flask-Limiter is built on,
with fixed windows as Flask-Limiter uses by default.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_request_context, request
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from service.web.errors import DomainError
from service.web.i18n import N_, Message
from service.web.netaddr import client_address

log = logging.getLogger(__name__)

LIMITED_METHODS = frozenset({"POST", "PATCH", "DELETE"})


@dataclass(frozen=True)
class AddressRange:
    """One size of address range that submissions are counted by."""

    version: int
    prefix: int
    setting: str
    is_network: bool  # False: the visitor's own address (IPv4 /32, IPv6 /64)


# Smallest first: a request refused at its own address does not count against its networks.
RANGES: tuple[AddressRange, ...] = (
    AddressRange(4, 32, "RATELIMIT_SUBMISSIONS", is_network=False),
    AddressRange(4, 24, "RATELIMIT_SUBMISSIONS_IPV4_24", is_network=True),
    AddressRange(6, 64, "RATELIMIT_SUBMISSIONS", is_network=False),
    AddressRange(6, 56, "RATELIMIT_SUBMISSIONS_IPV6_56", is_network=True),
    AddressRange(6, 48, "RATELIMIT_SUBMISSIONS_IPV6_48", is_network=True),
)
RANGE_SETTINGS = tuple(dict.fromkeys(r.setting for r in RANGES))
CEILING_SETTING = "RATELIMIT_SUBMISSIONS_GLOBAL"


class TooManySubmissions(DomainError, code="rate_limited", status=429):
    """A submission refused because the visitor's address or network sent too many."""

    def __init__(self, network: str | None, retry_after: int) -> None:
        wait = wait_text(retry_after)
        if network is None:
            message = N_(
                "Too many submissions from your address in a short time. Please try again in "
                "%(wait)s.",
                wait=wait,
            )
        else:
            message = N_(
                "Too many submissions from your network (%(network)s) in a short time, perhaps "
                "from other people who share it. Please try again in %(wait)s.",
                network=network,
                wait=wait,
            )
        super().__init__(message)
        self.network = network
        self.retry_after = retry_after
        self.wait = wait
        self.headers = {"Retry-After": str(retry_after)}


def wait_text(seconds: int) -> Message:
    """How long to wait, as a person says it, rounded up."""
    if seconds < 60:
        return N_("less than a minute")
    minutes = math.ceil(seconds / 60)
    if minutes == 1:
        return N_("a minute")
    if minutes <= 90:
        return N_("%(minutes)d minutes", minutes=minutes)
    return N_("%(hours)d hours", hours=math.ceil(minutes / 60))


@dataclass
class _Counters:
    limiter: FixedWindowRateLimiter
    prefix: str


def _counters() -> _Counters:
    """This app's handle on the limit storage (one per app, as the login throttle has)."""
    counters = current_app.extensions.get("clinic_desk_submission_limits")
    if counters is None:
        storage = storage_from_string(current_app.config["RATELIMIT_STORAGE_URI"])
        prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or ""
        counters = _Counters(FixedWindowRateLimiter(storage), f"{prefix}/" if prefix else "")
        current_app.extensions["clinic_desk_submission_limits"] = counters
    return counters


@functools.lru_cache(maxsize=32)
def _limits(value: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(value))


# Addresses repeat (a visitor sends more than once): parsing one and building its networks
# costs more than counting in memory.
@functools.lru_cache(maxsize=4096)
def _ranges_of(address: str) -> tuple[tuple[AddressRange, str | None, str], ...]:
    """The ranges an address is counted in: (range, its network as shown, its counter key)."""
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        # No usable address (a misconfigured proxy): counted as one address, by that name.
        return ((RANGES[0], None, f"address/{address[:60]}"),)
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
        parsed = parsed.ipv4_mapped
    found = []
    for size in RANGES:
        if size.version != parsed.version:
            continue
        network = ipaddress.ip_network(f"{parsed}/{size.prefix}", strict=False)
        shown = str(network) if size.is_network else None
        found.append((size, shown, f"range/{network}"))
    return tuple(found)


def check_submission_limits() -> None:
    """Count one submission from the current client in each of its address ranges.

    Raises TooManySubmissions naming the address or network that is over its limit. If the
    limit storage cannot be reached the submission is let through, with a warning."""
    config = current_app.config
    try:
        counters = _counters()
        for size, network, key in _ranges_of(client_address()):
            for item in _limits(config[size.setting]):
                if not counters.limiter.hit(item, f"{counters.prefix}submissions", key):
                    reset_at = counters.limiter.get_window_stats(
                        item, f"{counters.prefix}submissions", key
                    ).reset_time
                    raise TooManySubmissions(network, max(1, math.ceil(reset_at - time.time())))
    except TooManySubmissions:
        raise
    except Exception:
        # An outage of the limit storage must not lose a patient's inquiry.
        log.warning("rate-limit storage unavailable; submission not counted")


def site_is_busy() -> bool:
    """Count one judged submission against the site-wide ceiling; True once it is past it.

    False with `RATELIMIT_ENABLED=0`, outside a request (CLI, imports), or when the limit
    storage cannot be reached."""
    config = current_app.config
    if not config["RATELIMIT_ENABLED"] or not has_request_context():
        return False
    try:
        counters = _counters()
        busy = False
        for item in _limits(config[CEILING_SETTING]):
            if not counters.limiter.hit(item, f"{counters.prefix}submissions", "site"):
                busy = True
        return busy
    except Exception:
        log.warning("rate-limit storage unavailable; site-wide ceiling not counted")
        return False


def submission_limits(view: Callable) -> Callable:
    """Limit a submitting view per address range (`429` with `Retry-After` past a limit).

    Only writes count (`POST`, `PATCH`, `DELETE`); with `RATELIMIT_ENABLED=0` the view is
    called straight away."""

    @functools.wraps(view)
    def dispatch(*args: Any, **kwargs: Any) -> Any:
        if current_app.config["RATELIMIT_ENABLED"] and request.method in LIMITED_METHODS:
            check_submission_limits()
        return view(*args, **kwargs)

    return dispatch
