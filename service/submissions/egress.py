"""Requests to addresses an administrator typed in (webhooks, chat alerts), kept out of the
clinic's own network.

An endpoint must name a public address: loopback, private (RFC 1918), link-local, IPv6
unique-local and other non-public addresses are refused, whether written as an address or
reached through a DNS name, unless the host is listed in WEBHOOK_ALLOWED_HOSTS. The name is
resolved again at every delivery and the connection goes to the very address that was checked,
so a DNS answer that changes between the check and the request (DNS rebinding) cannot steer it
inside. Redirects are not followed: a 3xx counts as a failed delivery.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from service.web.errors import ValidationFailed
from service.web.i18n import N_, Message

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
URL_MAX = 2000
# Enough to see a status line and a short error; a receiver's body is never stored or logged.
RESPONSE_READ_LIMIT = 4096
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")


class EndpointRefused(ValidationFailed, code="endpoint_refused"):
    """The address is malformed, not https where https is required, or not public."""


def _refused(message: Message) -> EndpointRefused:
    return EndpointRefused(message, {"url": [message]})


@dataclass(frozen=True)
class Target:
    """A checked endpoint address, split the way a request needs it."""

    scheme: str
    host: str
    port: int
    path: str  # with its query string


def read_target(url: str, require_https: bool) -> Target:
    """Split an endpoint address. Raises EndpointRefused (not http(s), http where https is
    required, a user name or password in it, no host, too long)."""
    url = (url or "").strip()
    if not url:
        raise _refused(N_("Enter the endpoint's address."))
    if len(url) > URL_MAX or any(ord(c) < 33 for c in url):
        raise _refused(
            N_("The address must be one line of at most %(limit)d characters.", limit=URL_MAX)
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _refused(N_("This is not a web address; it should start with https://.")) from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise _refused(N_("This is not a web address; it should start with https://."))
    if require_https and parts.scheme != "https":
        raise _refused(N_("Webhooks are sent over https only; use an https:// address."))
    if parts.username is not None or parts.password is not None:
        raise _refused(N_("Leave the user name and password out of the address."))
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    default_port = 443 if parts.scheme == "https" else 80
    return Target(parts.scheme, parts.hostname.rstrip(".").lower(), port or default_port, path)


def refusal_reason(address: IPAddress) -> Message | None:
    """Why a request must not go to `address` (a plain-language phrase), or None if public."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv4 address wrapped in IPv6 reaches the IPv4 host; judge that one.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return refusal_reason(embedded)
        if address in _UNIQUE_LOCAL:
            return N_("an IPv6 unique-local address")
    if address.is_loopback:
        return N_("a loopback address")
    if address.is_link_local:
        return N_("a link-local address")
    if address.is_unspecified or address.is_multicast:
        return N_("not a host address")
    if address.is_private:
        return N_("a private address")
    if not address.is_global:
        return N_("not a public address")
    return None


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` has for TCP (an address literal gives itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in seen:
            seen.append(address)
    return seen


# Tests replace this to give a name the answers they need (a private address, a rebinding).
resolver: Callable[[str, int], list[str]] = resolve


def is_allowed_host(host: str, allowed_hosts: Iterable[str]) -> bool:
    return host.lower().rstrip(".") in {h.lower().rstrip(".") for h in allowed_hosts}


def checked_address(target: Target, allowed_hosts: Iterable[str]) -> str:
    """The address to connect to, after checking every address the host has. Raises
    EndpointRefused (the name does not resolve, or one of its addresses is not public)."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(target.host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = resolver(target.host, target.port)
        except (OSError, UnicodeError):
            addresses = []
        if not addresses:
            raise _refused(
                N_("The name %(host)s does not resolve to an address.", host=target.host)
            )
    if is_allowed_host(target.host, allowed_hosts):
        return addresses[0]
    for address in addresses:
        reason = refusal_reason(ipaddress.ip_address(address))
        if reason is not None:
            raise _refused(
                N_(
                    "%(host)s is %(reason)s (%(address)s), inside a private network; an "
                    "administrator must list the host in WEBHOOK_ALLOWED_HOSTS to allow it.",
                    host=target.host,
                    reason=reason,
                    address=address,
                )
            )
    return addresses[0]


def _pinned(connection: http.client.HTTPConnection, address: str) -> None:
    """Make `connection` open its socket to `address`, whatever its host name resolves to now;
    the Host header and (for https) the certificate check still use the name."""

    def connect_to_checked_address(
        destination: tuple[str, int],
        timeout: float | None = None,
        source_address: tuple[str, int] | None = None,
    ) -> socket.socket:
        return socket.create_connection((address, destination[1]), timeout, source_address)

    connection._create_connection = connect_to_checked_address  # type: ignore[attr-defined]


def post_json(
    target: Target, address: str, body: bytes, headers: dict[str, str], timeout: float
) -> int:
    """POST `body` to `target` over a connection to `address`; the response's status code.
    Raises OSError (connection, TLS, timeout) and http.client.HTTPException."""
    if target.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
    _pinned(connection, address)
    try:
        connection.request(
            "POST",
            target.path,
            body=body,
            headers={"Content-Type": "application/json", **headers},
        )
        response = connection.getresponse()
        response.read(RESPONSE_READ_LIMIT)
        return response.status
    finally:
        connection.close()
