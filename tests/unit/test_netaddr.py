"""Stored client addresses are truncated; rate limits count IPv6 clients by /64."""

import ipaddress

import pytest
from flask import Flask

from service.web.netaddr import _parse, anonymize, rate_limit_key


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


@pytest.mark.parametrize(
    "address",
    [
        "0.0.0.0",
        "255.255.255.255",
        "10.1.2.3",
        "256.1.1.1",
        "1.2.3",
        "01.2.3.4",
        "1.2.3.4 ",
        "1.2.3.4\n",
        "1.2.3.4%eth0",
        "١.٢.٣.٤",  # Arabic-Indic digits are not an address
        "::ffff:1.2.3.4",
    ],
)
def test_the_quick_ipv4_path_agrees_with_the_address_parser(address):
    # anonymize() truncates plain dotted IPv4 addresses without building address objects;
    # whatever it is given, the answer must be the one the standard library's parser gives.
    parsed = _parse(address)
    if parsed is None:
        expected = None
    else:
        prefix = 24 if parsed.version == 4 else 48
        expected = str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)
    assert anonymize(address) == expected


def test_ipv6_clients_share_a_rate_limit_per_64():
    app = Flask(__name__)
    keys = set()
    for address in ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9"):
        with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
            keys.add(rate_limit_key())
    assert keys == {"2001:db8:1:2::/64"}
