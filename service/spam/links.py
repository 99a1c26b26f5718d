"""Finding links, email addresses and their domains in normalized text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

# The Public Suffix List as the package ships it (its bundled copy, never fetched at run time).
_SUFFIXES = PublicSuffixList()

# Top-level domains a bare `name.tld` is recognised with; a scheme or `www.` needs none.
_BARE_TLDS = (
    "com|net|org|info|biz|io|co|me|app|dev|xyz|top|shop|store|online|site|click|link|live|win|"
    "stream|pw|club|vip|icu|buzz|loan|work|today|pro|tk|ml|ga|cf|gq|ru|cn|in|mx|es|us|uk|de|fr|"
    "it|nl|br|ar|cl|pe|tv|cc|ly|gl|gd|ws|be|to|gg|ai|so|su|ua|pl|tr|vn|id|ph|pk|ng|ke|za|au|ca|"
    "eu|asia|news|blog|health|clinic|care|email|space|website|fun|life|world|tech|host|agency|"
    "marketing|media|digital|bet|casino|poker|cash|money|loans|finance|today|rest|bar|cyou|sbs"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\[\]()]+")
_BARE = re.compile(
    r"(?<![@\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:" + _BARE_TLDS + r"))"
    r"(?![\w@-])(?:/[^\s<>\"'\[\]()]*)?"
)
# An address's local part starts where a run of the characters it may hold starts: started
# anywhere inside a long run, `[\w.+-]{1,64}@` rescanned up to 64 characters from each one.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@((?:[a-z0-9-]{1,63}\.)+[a-z]{2,24})\b")
_HOST = re.compile(r"^(?:https?://)?([^/?#:\s]+)")


# A link to a moment of a YouTube video ("watch?v=...&t=3m40s", "youtu.be/...?t=80"): how a
# viewer says "the best part is at 3:40" under the video itself. It advertises nothing, so it is
# not counted as a link.
_TIMESTAMP_LINK = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?:youtube\.com/watch\?\S*|youtu\.be/\S*)[?&#]t=\d"
)


def is_timestamp_link(url: str) -> bool:
    """Whether a URL points at a moment of a YouTube video."""
    return _TIMESTAMP_LINK.match(url.strip().lower()) is not None


# Where a reader's link is a citation, not an advert: public bodies, universities and a few
# medical references that patients quote. A link to one of them counts as no link at all.
_REFERENCE_SUFFIXES = (
    ".gov",
    ".edu",
    ".int",
    ".mil",
    ".gov.uk",
    ".ac.uk",
    ".nhs.uk",
    ".gob.mx",
    ".gob.es",
    ".gc.ca",
    ".gov.au",
    ".europa.eu",
)
_REFERENCE_DOMAINS = frozenset(
    [
        "nhs.uk",
        "wikipedia.org",
        "mayoclinic.org",
        "clevelandclinic.org",
        "hopkinsmedicine.org",
        "cochrane.org",
        "cochranelibrary.com",
        "bmj.com",
        "nejm.org",
        "jamanetwork.com",
        "thelancet.com",
    ]
)


def is_reference_domain(domain: str) -> bool:
    """Whether a link's host is a public body, a university or a well-known medical reference."""
    domain = domain.lower().rstrip(".")
    return registrable_domain(domain) in _REFERENCE_DOMAINS or any(
        ("." + domain).endswith(suffix) for suffix in _REFERENCE_SUFFIXES
    )


@dataclass(frozen=True)
class Link:
    domain: str
    path: str = ""  # what follows the host, query included: "/news/story.html?id=4", or ""


# Query parameters that pay whoever posted a link for the visits it brings.
_REFERRAL = re.compile(r"[?&#](?:ref|ref_?id|refer\w*+|aff\w*+|partner)=")
_QUERY_OR_FRAGMENT = re.compile(r"[?#]")


def has_referral_code(link: Link) -> bool:
    """Whether a link carries a code that pays whoever posted it for the visits it brings."""
    return _REFERRAL.search(link.path) is not None


def is_page_link(link: Link) -> bool:
    """Whether a link leads to one page inside a site (an article, a video, a repository)
    rather than to the site's front page, and carries no referral code."""
    page = _QUERY_OR_FRAGMENT.split(link.path, maxsplit=1)[0].strip("/")
    return bool(page) and not has_referral_code(link)


def domain_of(url: str) -> str:
    """The host of a URL or bare domain in lower case, without `www.` or a port."""
    match = _HOST.match(url.strip().lower())
    if not match:
        return ""
    host = match.group(1).rstrip(".")
    return host.removeprefix("www.")


@lru_cache(maxsize=4096)
def registrable_domain(domain: str) -> str:
    """The name a registrant owns, by the Public Suffix List: `shop.example.co.uk` ->
    `example.co.uk`, `someone.blogspot.com` -> itself. A public suffix alone, or a name the list
    does not know, keeps its last two labels."""
    domain = domain.lower().rstrip(".")
    found = _SUFFIXES.privatesuffix(domain) if domain.isascii() else None
    return found or ".".join(domain.split(".")[-2:])


def is_trusted_domain(domain: str, trusted: frozenset[str]) -> bool:
    """Whether a host is one of the clinic's own (PUBLIC_URL's host, CLINIC_DOMAINS) or below."""
    domain = domain.lower().rstrip(".").removeprefix("www.")
    return any(domain == host or domain.endswith("." + host) for host in trusted)


@lru_cache(maxsize=32)
def find_links(text: str) -> tuple[Link, ...]:
    """Every URL and bare domain in normalized text (lower case), in order."""
    links: list[Link] = []
    taken: list[tuple[int, int]] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        if is_timestamp_link(url):
            taken.append(match.span())
            continue
        domain = domain_of(url)
        if "." in domain:
            links.append(Link(domain, url.split(domain, 1)[-1]))
            taken.append(match.span())
    for match in _BARE.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in taken):
            continue
        domain = match.group(1)
        links.append(Link(domain.removeprefix("www."), match.group(0)[len(domain) :]))
    return tuple(links)


def without_urls(text: str) -> str:
    """Normalized text with every URL and bare domain replaced by a space."""
    return without_links(_URL.sub(" ", text))


def find_email_domains(text: str) -> list[str]:
    """Domains of the email addresses written in normalized text."""
    if "@" not in text:
        return []  # most texts: a scan for the sign is cheaper than the pattern's
    return [m.group(1) for m in _EMAIL.finditer(text)]


def email_domain(email: str) -> str:
    """The domain of an email address, or "" when there is none."""
    _, at, domain = email.strip().lower().rpartition("@")
    return domain.rstrip(".") if at else ""


def without_links(text: str) -> str:
    """Normalized text with every bare domain replaced by a space: a link is read as its domain,
    not as the words "com" or "net"."""
    return _BARE.sub(" ", text)
