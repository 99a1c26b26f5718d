"""Stored client addresses are truncated; rate limits count IPv6 clients by /64."""

import pytest
from flask import Flask

from service.netaddr import anonymize, rate_limit_key


@pytest.mark.parametrize(
    ("address", "stored"),
    [
        ("203.0.113.77", "203.0.113.0"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::"),
        ("::ffff:198.51.100.9", "198.51.100.0"),
        ("not an address", None),
        (None, None),
    ],
)
def test_addresses_are_truncated_before_storage(address, stored):
    assert anonymize(address) == stored


def test_ipv6_clients_share_a_rate_limit_per_64():
    app = Flask(__name__)
    keys = set()
    for address in ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9"):
        with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
            keys.add(rate_limit_key())
    assert keys == {"2001:db8:1:2::/64"}
