"""Client addresses: the key rate limits count by, and the truncated form we store."""

from __future__ import annotations

import ipaddress
import re

from flask import request

# A plain dotted IPv4 address (no leading zeros, each part 0-255), its first three parts kept.
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"({_OCTET}\.{_OCTET}\.{_OCTET})\.{_OCTET}", re.ASCII)  # ASCII digits only


def client_address() -> str:
    """The client's address as ProxyFix left it (only trusted proxies count)."""
    return request.remote_addr or "0.0.0.0"  # noqa: S104 - a placeholder, never bound


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
        return parsed.ipv4_mapped
    return parsed


def rate_limit_key() -> str:
    """Count an IPv4 client by its address and an IPv6 client by its /64."""
    parsed = _parse(client_address())
    if parsed is None:
        return "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def anonymize(address: str | None) -> str | None:
    """Keep the /24 of an IPv4 and the /48 of an IPv6 address; that is all we store."""
    if not address:
        return None
    dotted = _IPV4.fullmatch(address)
    if dotted is not None:  # the common case, without building address objects
        return f"{dotted.group(1)}.0"
    parsed = _parse(address)
    if parsed is None:
        return None
    prefix = 24 if parsed.version == 4 else 48
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)
