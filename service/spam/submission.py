"""The values that go into the spam filter and the verdict that comes out.

Everything here is a frozen dataclass or an enum, so a submission can be judged, logged by rule
name and judged again without any part of it changing on the way.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

KINDS = ("comment", "inquiry", "message")


class FormTokenState(StrEnum):
    VALID = "valid"
    MISSING = "missing"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    REPLAYED = "replayed"
    INVALID = "invalid"


class Verdict(StrEnum):
    HAM = "ham"
    UNSURE = "unsure"
    SPAM = "spam"


class BlocklistKind(StrEnum):
    WORD = "word"
    EMAIL = "email"
    DOMAIN = "domain"
    NETWORK = "network"


@dataclass(frozen=True)
class Submission:
    """One comment, inquiry or message as the filter sees it.

    `client_address` is already anonymized by the service layer (last IPv4 octet zeroed, IPv6
    cut to its /48); the filter never needs the full address.
    """

    kind: str
    text: str
    author: str = ""
    email: str = ""
    website: str = ""
    client_address: str | None = None
    honeypot: str = ""
    form_token: FormTokenState = FormTokenState.VALID
    form_token_age: float | None = None
    user_agent: str = ""


@dataclass(frozen=True)
class Blocklist:
    """Words, emails, domains and address ranges a moderator has blocked."""

    words: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def empty(cls) -> Blocklist:
        return cls()

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str]]) -> Blocklist:
        """Build a blocklist from (kind, value) pairs. Raises ValueError on a bad entry."""
        words: set[str] = set()
        emails: set[str] = set()
        domains: set[str] = set()
        networks: list[IPNetwork] = []
        for kind, value in entries:
            cleaned = value.strip()
            if not cleaned:
                raise ValueError(f"A blocklist {kind} entry is empty.")
            try:
                entry_kind = BlocklistKind(kind)
            except ValueError:
                allowed = ", ".join(k.value for k in BlocklistKind)
                raise ValueError(
                    f"Unknown blocklist kind {kind!r}; use one of {allowed}."
                ) from None
            if entry_kind is BlocklistKind.WORD:
                words.add(validate_blocked_word(cleaned))
            elif entry_kind is BlocklistKind.EMAIL:
                emails.add(validate_blocked_email(cleaned))
            elif entry_kind is BlocklistKind.DOMAIN:
                domains.add(validate_blocked_domain(cleaned))
            else:
                networks.append(validate_blocked_network(cleaned))
        return cls(
            words=frozenset(words),
            emails=frozenset(emails),
            domains=frozenset(domains),
            networks=tuple(networks),
        )


def validate_blocked_word(value: str) -> str:
    """Return the word as it will be matched. Raises ValueError if it cannot match anything."""
    # Imported here because normalize imports nothing from this module and must stay that way.
    from service.spam.normalize import normalize_for_matching

    word = normalize_for_matching(value)
    if not any(ch.isalnum() for ch in word):
        raise ValueError(f"The blocked word {value!r} has no letters or digits.")
    return word


def validate_blocked_email(value: str) -> str:
    """Return the email in lower case. Raises ValueError when it is not an address."""
    email = value.strip().lower()
    local, at, domain = email.rpartition("@")
    if not at or not local or "." not in domain or " " in email:
        raise ValueError(f"The blocked email {value!r} is not an email address.")
    return email


def validate_blocked_domain(value: str) -> str:
    """Return the domain in lower case without a scheme. Raises ValueError when it is not one."""
    domain = value.strip().lower()
    for prefix in ("http://", "https://"):
        domain = domain.removeprefix(prefix)
    domain = domain.split("/", 1)[0].removeprefix("www.").rstrip(".")
    labels = domain.split(".")
    if len(labels) < 2 or not all(
        label and all(ch.isalnum() or ch == "-" for ch in label) for label in labels
    ):
        raise ValueError(f"The blocked domain {value!r} is not a domain name like example.com.")
    return domain


def validate_blocked_network(value: str) -> IPNetwork:
    """Parse an address or CIDR range. Raises ValueError with a plain message when it is neither."""
    try:
        return ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise ValueError(
            f"The blocked address range {value!r} is not an IP address or a CIDR range "
            "like 203.0.113.0/24."
        ) from None


@dataclass(frozen=True)
class Facts:
    """What the service layer looked up in the database about this submission."""

    blocklist: Blocklist = field(default_factory=Blocklist.empty)
    recent_duplicates: int = 0
    recent_from_address: int = 0
    author_approved: int = 0
    author_spam: int = 0
    # The clinic's own hosts (PUBLIC_URL's and CLINIC_DOMAINS): links to them are no evidence.
    trusted_domains: frozenset[str] = frozenset()
    # More submissions site-wide than the ceiling allows (RATELIMIT_SUBMISSIONS_GLOBAL).
    site_busy: bool = False


@dataclass(frozen=True)
class Reason:
    """One rule's contribution: its name, its points and the evidence (never the message)."""

    rule: str
    points: float
    detail: str


@dataclass(frozen=True)
class Assessment:
    score: float
    verdict: Verdict
    reasons: tuple[Reason, ...]
    # The hashed features the model read (featurize.features), kept with the stored item so a
    # moderator's decision teaches the model without reading the text again.
    features: tuple[int, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    """Score limits: at `unsure_at` a submission is held as unsure, at `spam_at` it is spam.

    `per_kind` overrides the default pair for one kind, e.g. {"inquiry": (2.0, 4.0)}.
    """

    unsure_at: float
    spam_at: float
    per_kind: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        pairs = {"default": (self.unsure_at, self.spam_at), **dict(self.per_kind)}
        for kind, (unsure_at, spam_at) in pairs.items():
            if unsure_at > spam_at:
                raise ValueError(
                    f"The {kind} unsure threshold ({unsure_at}) is above its spam threshold "
                    f"({spam_at})."
                )

    def for_kind(self, kind: str) -> tuple[float, float]:
        return self.per_kind.get(kind, (self.unsure_at, self.spam_at))

    def verdict(self, kind: str, score: float) -> Verdict:
        unsure_at, spam_at = self.for_kind(kind)
        if score >= spam_at:
            return Verdict.SPAM
        if score >= unsure_at:
            return Verdict.UNSURE
        return Verdict.HAM
