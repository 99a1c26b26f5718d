"""The rules. Each check reads the submission (and the looked-up facts) and returns its reasons.

A reason's detail names the evidence (a domain, a count, the matched word) and never quotes the
message beyond that: details are stored and shown to staff, and inquiry text is health
information.
"""

from __future__ import annotations

import html
import ipaddress
import re
from collections.abc import Callable

import ahocorasick
from disposable_email_domains import blocklist as _disposable_domains

from service.spam.links import (
    Link,
    domain_of,
    email_domain,
    find_email_domains,
    find_links,
    has_referral_code,
    is_page_link,
    is_reference_domain,
    is_timestamp_link,
    is_trusted_domain,
    registrable_domain,
    without_urls,
)
from service.spam.normalize import MAX_TEXT_CHARS, normalize_for_matching
from service.spam.submission import Facts, FormTokenState, Reason, Submission

Check = Callable[[Submission, Facts, str], list[Reason]]

HONEYPOT_POINTS = 10.0
FORM_TOKEN_POINTS = {
    FormTokenState.MISSING: 0.5,
    FormTokenState.TOO_FAST: 5.0,
    FormTokenState.EXPIRED: 4.0,
    FormTokenState.REPLAYED: 6.0,
    FormTokenState.INVALID: 6.0,
}
LINK_MARKUP_POINTS = 3.0
SHORTENER_POINTS = 3.0
SPAM_DOMAIN_POINTS = 2.5
BLOCKED_WORD_POINTS = 6.0
BLOCKED_EMAIL_POINTS = 10.0
BLOCKED_DOMAIN_POINTS = 8.0
BLOCKED_NETWORK_POINTS = 8.0

LINK_SHORTENERS = frozenset(
    [
        "bit.ly",
        "bitly.com",
        "tinyurl.com",
        "cutt.ly",
        "t.co",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "rebrand.ly",
        "t.ly",
        "shorturl.at",
        "tiny.cc",
        "rb.gy",
        "s.id",
        "v.gd",
        "shorte.st",
        "adf.ly",
        "bl.ink",
        "lnkd.in",
        "clck.ru",
        "qr.net",
    ]
)

# Top-level domains that cost next to nothing and carry far more spam than anything else.
SPAM_TLDS = frozenset(
    [
        "xyz",
        "top",
        "shop",
        "click",
        "pw",
        "win",
        "stream",
        "loan",
        "work",
        "icu",
        "buzz",
        "rest",
        "bar",
        "cyou",
        "sbs",
        "tk",
        "ml",
        "ga",
        "cf",
        "gq",
        "bet",
        "casino",
        "poker",
        "cash",
        "loans",
        "racing",
        "download",
        "review",
        "party",
        "trade",
        "date",
        "faith",
        "men",
    ]
)
# Words that, inside a domain name, almost only ever advertise something.
SPAM_DOMAIN_WORDS = (
    "casino",
    "slots",
    "poker",
    "betting",
    "viagra",
    "cialis",
    "pharma",
    "pills",
    "meds",
    "-rx",
    "rx-",
    "essay",
    "backlink",
    "seo",
    "forex",
    "crypto",
    "airdrop",
    "giveaway",
    "loan",
    "payday",
    "escort",
    "porn",
    "replica",
    "followers",
)
# Email addresses of a role rather than a person: fine for a newsletter, odd on a contact form.
ROLE_MAILBOXES = frozenset(
    [
        "sales",
        "info",
        "support",
        "billing",
        "noreply",
        "no-reply",
        "team",
        "marketing",
        "seo",
        "hello",
        "contact",
        "orders",
        "admin",
        "office",
        "alerts",
        "notify",
        "report",
        "license",
        "approvals",
        "purchasing",
        "awards",
        "grants",
        "features",
    ]
)
# Throwaway mail providers, from the maintained `disposable-email-domains` list.
DISPOSABLE_MAIL_DOMAINS = frozenset(_disposable_domains)

_BBCODE_LINK = re.compile(r"\[url[=\]]|\[link[=\]]", re.IGNORECASE)
# A tag's attributes are read up to the next "<" at most, so "<a <a <a ..." is read once, not
# 500 characters from every "<a"; the link and the rest of the tag give nothing back.
_HTML_LINK = re.compile(r"<a\s[^<>]{0,500}?href", re.IGNORECASE)
_HTML_ANCHOR = re.compile(
    r"""<a\s[^<>]{0,500}?href\s*+=\s*+["']?([^"'\s>]++)[^>]{0,500}+>""", re.IGNORECASE
)
_WORDS = re.compile(r"[^\W_]+")


def check_honeypot(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    if submission.honeypot.strip():
        return [Reason("honeypot", HONEYPOT_POINTS, "the hidden form field was filled in")]
    return []


def check_form_token(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    state = submission.form_token
    points = FORM_TOKEN_POINTS.get(state)
    if points is None:
        return []
    detail = {
        FormTokenState.MISSING: "no form token was sent",
        FormTokenState.TOO_FAST: "the form was sent too soon after it was shown",
        FormTokenState.EXPIRED: "the form token had expired",
        FormTokenState.REPLAYED: "the form token had already been used",
        FormTokenState.INVALID: "the form token was not one this site issued",
    }[state]
    if state is FormTokenState.TOO_FAST and submission.form_token_age is not None:
        detail += f" ({submission.form_token_age:.1f} s)"
    return [Reason(f"form_token_{state.value}", points, detail)]


# A reader who cites a page writes a sentence around its link; an advert is mostly its link.
CITED_LINK_MIN_WORDS = 8
REFERRAL_LINK_POINTS = 1.5


def counted_links(text: str, trusted: frozenset[str] = frozenset()) -> list[Link]:
    """The links of normalized text that count as links: every one but references and the
    clinic's own hosts (`trusted`)."""
    return [
        link
        for link in find_links(text)
        if not is_reference_domain(link.domain) and not is_trusted_domain(link.domain, trusted)
    ]


def is_cited_link(text: str, trusted: frozenset[str] = frozenset()) -> bool:
    """Whether normalized text is a reader's sentence around one link to a page: exactly one
    counted link, to a page rather than a front page and without a referral code, at least
    CITED_LINK_MIN_WORDS words besides it, and no call-to-action word."""
    links = counted_links(text, trusted)
    if len(links) != 1 or not is_page_link(links[0]):
        return False
    prose = without_urls(text)
    return (
        len(_WORDS.findall(prose)) >= CITED_LINK_MIN_WORDS and _CALL_TO_ACTION.search(prose) is None
    )


def check_links(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    links = counted_links(text, facts.trusted_domains)
    if not links:
        return []
    count = len(links)
    domains = sorted({registrable_domain(link.domain) for link in links})
    # An inquiry asks the clinic something; a link in it is rarer than in a comment.
    per_link = 1.5 if submission.kind != "comment" else 1.0
    # A referral code pays the poster for every visit: nobody citing a source adds one.
    referral = sum(1 for link in links if has_referral_code(link))
    detail = f"{count} link{'s' if count > 1 else ''} ({', '.join(domains[:5])})"
    if referral:
        detail += f", {referral} with a referral code"
    points = min(per_link * count + REFERRAL_LINK_POINTS * referral, 6.0)
    reasons = [Reason("links", points, detail)]
    words = len(_WORDS.findall(text))
    if words <= 4 * count:
        reasons.append(Reason("link_density", 2.0, f"{count} link(s) in {words} word(s)"))
    return reasons


def check_shorteners(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    domains = {link.domain for link in find_links(text)}
    website = domain_of(submission.website)
    if website:
        domains.add(website)
    found = sorted(domains & LINK_SHORTENERS)
    if not found:
        return []
    return [Reason("link_shortener", SHORTENER_POINTS, f"shortened link via {', '.join(found)}")]


def check_link_markup(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    sample = submission.text[:MAX_TEXT_CHARS]
    if "<" in sample:
        # Markup around a link to a moment of the video is a viewer's timestamp, not an advert.
        sample = _HTML_ANCHOR.sub(
            lambda m: "" if is_timestamp_link(html.unescape(m.group(1))) else m.group(0), sample
        )
    kinds = []
    if _BBCODE_LINK.search(sample):
        kinds.append("BBCode [url]")
    if _HTML_LINK.search(sample):
        kinds.append("HTML <a href>")
    if not kinds:
        return []
    return [Reason("link_markup", LINK_MARKUP_POINTS, f"link markup: {', '.join(kinds)}")]


# A domain written so that it is not a link: "example,com", "example[.]com", "example (dot) com".
# Nobody disguises a reference they want readers to trust; it is how adverts slip past filters.
_DISGUISED_DOMAIN = re.compile(
    r"(?<![\w@.-])[a-z0-9][a-z0-9-]{1,62}"
    r"(?:,(?:com|net|org|info|biz)|(?:\[\.\]|\(\.\)| ?\[dot\] ?| ?\(dot\) ?)"
    r"(?:com|net|org|info|biz|co|in|us|io|me))\b"
)
# Every match of _DISGUISED_DOMAIN holds one of these; a text without any is not searched.
_DISGUISED_DOTS = (",com", ",net", ",org", ",info", ",biz", "[.]", "(.)", "[dot]", "(dot)")


def is_spam_domain(domain: str) -> str | None:
    """Why a domain looks like a spam domain (its TLD or a word in its name), or None."""
    tld = domain.rsplit(".", 1)[-1]
    if tld in SPAM_TLDS:
        return f".{tld}"
    name = registrable_domain(domain)
    for word in SPAM_DOMAIN_WORDS:
        at = name.find(word)
        if at < 0:
            continue
        rest = name[at + len(word) :]
        # "pharma" sells pills; "pharmacy" and "pharmacist" are a partner's own trade, and so is
        # a medical supplier ("valleymedsupply") or a medical spa ("lumieremedspa").
        # "cialis" hides in "specialists" ("lakesidecancer-specialists").
        if (
            (word == "pharma" and rest.startswith("c"))
            or (word == "meds" and rest.startswith(("upply", "pa", "tudent", "chool")))
            or (word.strip("-") == "cialis" and name[max(0, at - 3) : at] == "spe")
        ):
            continue
        return word.strip("-")
    return None


def _submission_domains(submission: Submission, text: str) -> dict[str, str]:
    """Every domain the submission names, with where it was found."""
    found: dict[str, str] = {}
    for link in find_links(text):
        found.setdefault(link.domain, "link")
    for domain in find_email_domains(text):
        found.setdefault(domain, "email in text")
    website = domain_of(submission.website)
    if website:
        found.setdefault(website, "website")
    sender = email_domain(submission.email)
    if sender:
        found.setdefault(sender, "email")
    return found


_PHARMACY_NAME = re.compile(r"\b(?:pharmacy|pharmacist|drugstore|farmacia|chemist)\b")


def check_spam_domains(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    flagged = {}
    for domain in _submission_domains(submission, text):
        if is_trusted_domain(domain, facts.trusted_domains):
            continue
        why = is_spam_domain(domain)
        if why == "rx" and _PHARMACY_NAME.search(normalize_for_matching(submission.author[:200])):
            # "Maple Street Pharmacy" at maplestreetrx.com: a partner pharmacy's own name.
            continue
        if why:
            flagged[registrable_domain(domain)] = why
    if any(marker in text for marker in _DISGUISED_DOTS):
        for match in _DISGUISED_DOMAIN.finditer(text):
            flagged[match.group(0)] = "written not to be a link"
    if not flagged:
        return []
    shown = ", ".join(f"{d} ({why})" for d, why in sorted(flagged.items())[:3])
    points = min(SPAM_DOMAIN_POINTS * len(flagged), 2 * SPAM_DOMAIN_POINTS)
    return [Reason("spam_domain", points, f"known spam domain pattern: {shown}")]


def clinic_address(submission: Submission, trusted: frozenset[str]) -> str | None:
    """The clinic's own host the submission was sent with (its website's, else its email
    address's, when that is a trusted host or below one), or None."""
    if not trusted:
        return None
    for host in (domain_of(submission.website[:500]), email_domain(submission.email[:320])):
        if host and is_trusted_domain(host, trusted):
            return host
    return None


def check_sender(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    """Contact details that look like a vendor's or a throwaway's rather than a person's."""
    reasons = []
    email = submission.email.strip().lower()
    domain = email_domain(email)
    if domain in DISPOSABLE_MAIL_DOMAINS:
        reasons.append(Reason("disposable_email", 2.0, f"throwaway mail provider {domain}"))
    if domain and submission.kind != "comment":
        local = email.rpartition("@")[0]
        if local in ROLE_MAILBOXES and not is_trusted_domain(domain, facts.trusted_domains):
            reasons.append(Reason("role_mailbox", 1.0, f"sent from a role address ({local}@)"))
    website = domain_of(submission.website[:500])
    if (
        submission.kind != "comment"
        and submission.website.strip()
        and not is_trusted_domain(website, facts.trusted_domains)
    ):
        reasons.append(
            Reason(
                "website_on_inquiry",
                1.0,
                f"an inquiry naming a website ({website})",
            )
        )
    return reasons


# Seers, healers, raffles, paperwork agents, collectors, domain and listing sellers and follower
# boosts: trade words alike in a stuffed name and in a website under generic praise.
_SEERS_AND_SELLERS = frozenset(
    [
        "boost",
        "likes",
        "vidente",
        "amarre",
        "amarres",
        "chaman",
        "brujo",
        "psychic",
        "curandero",
        "curandera",
        "sorteo",
        "sorteos",
        "gestoria",
        "cobranza",
        "dominios",
        "listings",
        "rewards",
        "remedies",
        "naturista",
        "cleanse",
        "trader",
    ]
)


# Words a person's name does not hold and a business's keyword-stuffed "name" does: what it
# sells, how cheaply, and where. One of them alone can be a partner's honest name ("Central
# Pharmacy"); two, or one in a long name, is an advert in the name field.
_NAME_TRADE_WORDS = frozenset(
    [
        "best",
        "cheap",
        "cheapest",
        "buy",
        "sale",
        "sales",
        "discount",
        "discounts",
        "online",
        "service",
        "services",
        "agency",
        "company",
        "seo",
        "marketing",
        "loan",
        "loans",
        "casino",
        "pills",
        "pharmacy",
        "dentist",
        "dentists",
        "dental",
        "implants",
        "clinic",
        "lawyer",
        "attorney",
        "plumber",
        "plumbing",
        "repair",
        "movers",
        "cleaning",
        "insurance",
        "affordable",
        "top",
        "escort",
        "essay",
        "crypto",
        "forex",
        "replica",
        "deals",
        "shop",
        "store",
        "reviews",
        "near",
        "cosmetic",
        "whitening",
        "botox",
        "rehab",
        "detox",
        "treatment",
        "supplements",
        "cbd",
        "vape",
        "mejor",
        "mejores",
        "barato",
        "baratos",
        "barata",
        "economico",
        "comprar",
        "venta",
        "servicios",
        "agencia",
        "empresa",
        "prestamos",
        "tienda",
        "ofertas",
        "oferta",
        "cerca",
        "implantes",
        "dentista",
        "clinica",
        "abogado",
        "seguros",
        # Round seven.
        "abogados",
        "precio",
        "precios",
        "mayoreo",
        "wholesale",
        "outlet",
        "outsourcing",
        "tramites",
        "multiservicios",
        "notario",
        "envios",
        "lipo",
        "renta",
        # Round eight.
        "seguidores",
        "followers",
        "tarot",
    ]
).union(_SEERS_AND_SELLERS)
# Words that name a health provider or its partner: the clinic's own staff and a pharmacy or a
# laboratory next door write under such names.
_PROVIDER_NAME_WORDS = frozenset(
    ["pharmacy", "dentist", "dentists", "dental", "clinic", "clinica", "dentista", "treatment"]
)
_PROVIDER_NAME_WORDS |= {"service", "services", "servicios", "farmacia"}
# An insurer's name, which is a partner's on an inquiry (not on a public comment).
_INSURER_NAME_WORDS = frozenset({"insurance", "seguros"})
# Inside a domain name without separators, only words that are never part of an ordinary one.
_DOMAIN_TRADE_FRAGMENTS = (
    "cheap",
    "casino",
    "discount",
    "replica",
    "essay",
    "forex",
    "crypto",
    "escort",
    "implants",
    "whitening",
    "seoagency",
    "bestdentist",
    "nearme",
    "barato",
)
_NAME_WORDS = re.compile(r"[^\W\d_]+")
# A mail address in the name field; "Jess @ BraceFace Diaries" is an at sign between words.
_NAME_MAIL = re.compile(r"[\w.+-]@[\w-]+\.[a-z]")
# Words that join the parts of a name in English and Spanish ("Farmacia de la Plaza").
_NAME_JOINING_WORDS = frozenset(
    {"of", "the", "and", "de", "del", "la", "las", "el", "los", "y", "e", "en", "at"}
)
_DOMAIN_LABEL_WORDS = re.compile(r"[a-z]+")


def check_author(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    """The author's name, which people write and adverts stuff with keywords."""
    name = normalize_for_matching(submission.author[:200])
    if not name:
        return []
    if clinic_address(submission, facts.trusted_domains):
        # The clinic signs with its own name ("Clear Skin Dermatology"); another host's address
        # in the name still advertises that host.
        hosts = [link.domain for link in find_links(name)] + find_email_domains(name)
        if all(is_trusted_domain(host, facts.trusted_domains) for host in hosts):
            return []
    if find_links(name) or _NAME_MAIL.search(name):
        return [Reason("author_name_advert", 2.0, "the name holds a web or mail address")]
    # "Equipo de la Clínica" is three words of a name, not four keywords.
    words = [w for w in _NAME_WORDS.findall(name) if w not in _NAME_JOINING_WORDS]
    trade = sorted({w for w in words if w in _NAME_TRADE_WORDS})
    if trade and set(trade) <= _PROVIDER_NAME_WORDS:
        # "Clínica Dental Bright Smile", "Riverbend Pharmacy", "Quest Lab Services": the clinic
        # and its partners are named for what they do; only a seller's word beside it
        # ("Best Dentist Miami Cheap Implants") makes the name an advert.
        trade = []
    if submission.kind == "inquiry" and set(trade) <= _INSURER_NAME_WORDS:
        # An insurer writes to the clinic in its own name about a patient's claim ("Allstar
        # Health Insurance - Prior Auth Dept", "Seguros Alianza Médica - Siniestros").
        return []
    if len(trade) >= 2 or (trade and len(words) >= 4):
        return [
            Reason(
                "author_name_advert",
                2.0 if len(trade) >= 2 else 1.0,
                f"trade words in the name: {', '.join(trade[:4])}",
            )
        ]
    return []


# Trades that advertise through a comment's name field and have no business in a clinic's comment
# section. Unlike a pharmacy or a dentist next door, none of them is a partner who might thank
# the clinic in its own name.
_ADVERT_TRADE_WORDS = frozenset(
    [
        "seguidores",
        "removal",
        "remodel",
        "remodeling",
        "weddings",
        "alquiler",
        "junk",
        "hauling",
        "landscaping",
        "pest",
        "rentals",
        "detailing",
        "towing",
        "flooring",
        "hvac",
        "singles",
        "dating",
        "followers",
        "tarot",
        "apuestas",
        "inflables",
        "plumber",
        "plumbers",
        "plumbing",
        "roofing",
        "roofers",
        "contractor",
        "contractors",
        "lawyer",
        "lawyers",
        "attorney",
        "attorneys",
        "locksmith",
        "locksmiths",
        "movers",
        "cleaning",
        "repair",
        "casino",
        "loan",
        "loans",
        "cbd",
        "gummies",
        "vape",
        "essay",
        "crypto",
        "forex",
        "escort",
        "replica",
        "cheap",
        "cheapest",
        "seo",
        "marketing",
        "keto",
        "slimming",
        "cerrajero",
        "cerrajeros",
        "abogado",
        "abogados",
        "fontanero",
        "fontaneros",
        "pastillas",
        "adelgazar",
        "reformas",
        "mudanzas",
        "prestamos",
        "barato",
        "baratos",
        "barata",
        "baratas",
        "urgente",
        "unlock",
        "unlocking",
        "restoration",
        "agency",
        "coach",
        "coaching",
        "artistry",
        "lashes",
        "studio",
        "luxury",
        "salon",
        "boutique",
        "consulting",
        "flights",
        "vuelos",
        "quotes",
        "deals",
        "bestprice",
        # Round seven.
        "multiservicios",
        "notario",
        "notary",
        "tramites",
        "envios",
        "brincolines",
        "colchones",
        "purificadores",
        "mayoreo",
        "wholesale",
        "outlet",
        "finance",
        "financing",
        "suministros",
        "taxes",
        "immigration",
        "inmigracion",
        "shop",
        "tienda",
    ]
).union(_SEERS_AND_SELLERS)
# Praise that fits any article: what a comment says when its point is the name it is posted under.
_GENERIC_PRAISE = re.compile(
    r"\b(?:(?:great|nice|good|excellent|useful|helpful|informative|wonderful|awesome|amazing"
    r"|fantastic|interesting|lovely|brilliant) (?:article|post|blog|information|info|read|work"
    r"|content|site|page|write ?up)|thanks? (?:you )?for (?:sharing|posting|this post"
    r"|the (?:info|information|article|post))|keep (?:up the (?:good|great) work|it up|posting"
    r"|writing)|bookmark\w*|(?:like|liked|enjoyed|love) (?:this|your|the) (?:post|article|blog)"
    r"|(?:really|very|so) (?:useful|helpful|informative)"
    r"|(?:useful|helpful|great|excellent|valuable) (?:resource|guide|explanation|summary|tips)"
    r"|thanks? (?:you )?for (?:putting (?:this|it) together|writing (?:this|it)|explaining"
    r"|the (?:tips|guide|explanation))|(?:very |so |nicely |clearly )?well (?:written|explained)"
    r"|(?:completely |totally )?agree with (?:everything|every word|all of)"
    r"|appreciate the (?:time|effort|work)|clear and easy to (?:follow|understand|read)"
    r"|me encanto (?:leer )?(?:esto|este articulo|el articulo)|greetings from|saludos desde"
    r"|(?:muy )?buena (?:informacion|explicacion|nota|publicacion)|me (?:sirvio|ayudo) (?:mucho"
    r"|bastante)|(?:muy )?bien explicado"
    r"|(?:gran|buen|excelente|interesante|magnifico) (?:articulo|post|blog|trabajo|contenido"
    r"|informacion)|gracias por (?:la informacion|compartir|el articulo)|sigan? publicando"
    r"|guardare|(?:muy|tan) (?:util|interesante)"
    r"|me ha encantado (?:el|este|tu|vuestro|su) (?:post|articulo|blog)"
    r"|seguire leyendo (?:vuestro|tu|su) blog|muy buena (?:pagina|info)"
    r"|(?:truly |really )?appreciate (?:this|your|the) (?:post|article|blog|info\w*)"
    r"|(?:you(?:'ve| have) )?made my day|looking all over for this|thank goodness i found"
    r"|this (?:article|post|blog) is (?:pleasant|nice|good|great|helpful|useful))\b"
)
# Past this many words a comment has something of its own to say.
_PRAISE_MAX_WORDS = 30


def is_generic_praise(text: str) -> bool:
    """Whether a (normalised) text is short and praises the article without saying anything."""
    return len(text.split(None, _PRAISE_MAX_WORDS)) <= _PRAISE_MAX_WORDS and bool(
        _GENERIC_PRAISE.search(text)
    )


def _is_public_source(domain: str) -> bool:
    return is_reference_domain(domain) or domain.rstrip(".").endswith((".org", ".gov", ".edu"))


def check_praise_from_trade_name(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    """Praise for any article, posted under a tradesman's or a seller's name: the comment is the
    carrier and the name is the advert ("Great post, thanks!" from "Plumber Houston TX")."""
    if submission.kind != "comment":
        return []
    words = _NAME_WORDS.findall(normalize_for_matching(submission.author[:200]))
    trades = sorted({w for w in words if w in _ADVERT_TRADE_WORDS})
    if len(words) < 2:
        trades = []
    where = "name"
    if not trades:
        # The same praise with the advert in the website field: "Thanks, well explained!" from
        # https://roofrepairaustin.co.
        trades, where = _website_trades(submission.website), "website"
    if not trades or not is_generic_praise(text):
        return []
    if any(_is_public_source(link.domain) for link in find_links(text)):
        # "The AAP has good info on healthychildren.org too", from "Coach Rick": a reader
        # pointing others to a public health source is not praising the article for a link.
        return []
    return [
        Reason("praise_from_trade_name", 2.0, f"generic praise under a trade {where}: {trades[0]}")
    ]


# Praise that fits any blog, as comment robots write it: the time spent surfing, the piece of
# writing, the bookmark, the layout like the robot's own old blog, "ya os tengo en favoritos".
_ROBOT_PRAISE = re.compile(
    r"\b(?:surfing (?:online|the (?:web|net|internet))|this piece of (?:writing|content)"
    r"|(?:looks|is) exactly like my old one|going to convey|pretty worth enough"
    r"|(?:i(?:'ve| have) )?bookmarked (?:your|this) (?:site|blog|page)|keep up the (?:excellent"
    r"|awesome|fantastic) (?:work|job)|(?:reading|following) your blog for a while"
    r"|(?:guardar?|tengo|guardo) (?:tu|su|vuestr[oa]) (?:pagina|blog|sitio) en favoritos"
    r"|(?:os|te|les) tengo en favoritos|da gusto encontrar (?:blogs|paginas|sitios)"
    r"|volvere (?:seguido|pronto|a (?:leer|visitar))|couldn'?t be written any better"
    r"|reminds me of my (?:old|previous) room ?mate|forward this (?:write-up|post|article) to"
    r"|i will definitely bookmark|searching for this kind of information"
    r"|looking forward to your next post|appreciate the way you explained everything"
    r"|rarely do i (?:encounter|come across) a blog|i'?m impressed,? i must say"
    r"|both educative and entertaining|stumbled upon (?:it|this|your)"
    r"|i will (?:return|come back) once again|since i book-?marked it"
    r"|the right (?:webpage|web site|website|blog) for (?:anybody|anyone)|hard to argue with you"
    r"|put a new spin on|provides valuable insights into|as someone who works in the (?:\w+ ){0,2}"
    r"industry|(?:it was|it'?s) a pleasure to read|wonderful information)\b"
)
# A comment robot's praise weighs as much as a pitch rule (pipeline: the model may not lower it).
ROBOT_PRAISE_POINTS = 2.0
# A comment of praise this short says nothing of its own: its point is the website it carries.
_EMPTY_PRAISE_MAX_WORDS = 25
_OWN_WRITING = re.compile(
    r"\b(?:my (?:\w+ )?(?:blog|site|post|page)|mi (?:blog|web|pagina)|i blog about"
    r"|(?:escribo|tengo) un blog)\b"
)


def check_empty_praise(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    """A comment robot's praise for any blog; or a short comment of generic praise whose only
    other content is the commenter's website (not the clinic's own)."""
    if submission.kind != "comment":
        return []
    if _ROBOT_PRAISE.search(text[:5000]):
        return [
            Reason(
                "empty_praise",
                ROBOT_PRAISE_POINTS,
                "praise that fits any blog, as comment robots write it",
            )
        ]
    website = submission.website.strip()
    if not website or len(text.split(None, _EMPTY_PRAISE_MAX_WORDS)) > _EMPTY_PRAISE_MAX_WORDS:
        return []
    host = domain_of(website[:300])
    if not host or is_trusted_domain(host, facts.trusted_domains):
        return []
    if "?" in text or _ASKS_TO_LINK_HERE.search(text) or _OWN_WRITING.search(text):
        return []
    if not is_generic_praise(text):
        return []
    return [Reason("empty_praise", 1.3, f"generic praise carrying a website ({host})")]


# Inside a domain label without separators only the longer trade words are looked for: "loan"
# hides in "sloane", "roofrepairaustin" holds "repair" and nothing else.
_WEBSITE_TRADE_MIN_LENGTH = 5


def _website_trades(website: str) -> list[str]:
    """Advert trade words in the registrable name of a commenter's website, if any."""
    host = domain_of(website.strip()[:300]) if website.strip() else ""
    if not host:
        return []
    label = registrable_domain(host).split(".")[0]
    parts = set(label.split("-"))
    return sorted(
        word
        for word in _ADVERT_TRADE_WORDS
        if word in parts or (len(word) >= _WEBSITE_TRADE_MIN_LENGTH and word in label)
    )


# A cure story that ends by sending the reader to buy: a recovery claim and a shopping directive
# in the same text. A patient's own story has the first ("the pain was gone after six sessions")
# and sends readers to the clinic or to a method, not to an order form, so neither counts alone.
_RECOVERY_CLAIM = re.compile(
    r"\b(?:(?:was|were|is|are) (?:completely |totally |finally )?gone|disappeared|went away"
    r"|(?:dropped|went back|returned|came back|is back) to normal|changed my life"
    r"|cured (?:my|his|her|it|me)|no more (?:insulin|pills|medication|pain|injections)"
    r"|(?:got rid of|reversed) (?:my|his|her)"
    r"|desaparecio|se (?:me |le )?(?:fue|quito) el dolor|volvio a (?:la normalidad|lo normal)"
    r"|(?:bajo|volvio) a (?:lo )?normal|me cambio la vida|(?:curo|cure) (?:mi|su|la|el)"
    r"|ya no (?:necesito|necesita|tomo|toma) (?:insulina|pastillas|medicacion)"
    r"|sin (?:insulina|pastillas) (?:desde|en)|(?:burning|ringing|pain|itching) stopped"
    r"|reversed (?:all )?(?:her|his|my|the) symptoms|(?:me|le|les) quit(?:o|aron) el dolor"
    r"|ya (?:escucha|camina|ve) (?:perfecto|bien|normal)"
    # Round seven: readings back to normal.
    r"|(?:numbers|levels|sugar|pressure|a1c|glucose|readings) (?:were|are|went|came) (?:back )?"
    r"(?:down )?(?:to )?normal|(?:me|le) bajo (?:la|el) (?:presion|azucar|glucosa|colesterol)"
    r"|no (?:ha vuelto|volvio) a (?:enfermar|tener (?:brotes|dolor|crisis)))\b"
)
_SHOPPING_DIRECTIVE = re.compile(
    r"\b(?:order (?:yours|yours today|it today|now|today)|get yours|grab yours|buy (?:it|them) "
    r"(?:here|now|online|today)|visit their (?:official )?(?:site|website|page|store)"
    r"|(?:ask|message|dm|text|email) me (?:for|how to get) (?:the|a|it)"
    r"|available (?:on amazon|online only|in their store)|link in my (?:profile|bio)"
    r"|(?:pidan|pide|pida)(?:lo|la|los|las)? (?:el suyo|la suya|los suyos|las suyas|hoy|ya)"
    r"|pidel[ao]s?\b|busquen?l[ao]s? en (?:internet|google|amazon)"
    r"|(?:escribeme|escribame|preguntame) (?:para|y te) (?:conseguir|pasar|dar) "
    r"|disponible (?:en amazon|solo en (?:internet|linea))|enlace en mi perfil"
    r"|(?:order|buy) (?:them|it) (?:at|from|on)|(?:their|his|her) (?:email|whatsapp) is"
    r"|grab (?:a|your) (?:bottle|pack|box)|before (?:they|it|stock) sells? out"
    r"|busca(?:lo|la|los|las)? en internet|con el codigo \w+)"
)


# What a product sold through a story comes as: drops, gummies, a serum, capsules, a tea.
_PRODUCT_FORM = re.compile(
    r"\b(?:drops|gummies|serum|capsules|pills|oil|tea|cream|supplement|shampoo|patch(?:es)?|spray"
    r"|sleeve|band|powder|tonic|gotas|gominolas|capsulas|aceite|crema|infusion|suplemento|pomada"
    r"|gel|parche|polvo|jarabe|(?:el|un|este|ese) te)\b"
)
# The part of a website's name that a product's name is made of: "verdantscalp" in
# verdantscalp.com, "nervarestore" in nervarestore-naturals.com.
_PRODUCT_NAME_MIN = 7
_PRODUCT_NAME_SHARE = 0.6
_DOTTED = re.compile(r"\w\.\w").search


def product_of_website(submission: Submission, facts: Facts, text: str) -> str | None:
    """The commenter's website, or a site the comment links to, named as a product in the
    comment itself ("I started using Verdant Scalp CBD serum", from https://verdantscalp.com),
    beside a recovery claim or the product's form (drops, gummies, gotas): the story is the
    advert and the website its shop. A reader's own blog is named as a blog, and is not this."""
    website = domain_of(submission.website.strip()[:300]) if submission.website.strip() else ""
    # The shop may also be a link in the text: "Korvella drops ... order at korvella-natural.com".
    hosts = [
        host
        for host in dict.fromkeys([website, *(link.domain for link in find_links(text))])
        if host
        and not is_trusted_domain(host, facts.trusted_domains)
        and not _is_public_source(host)
    ]
    if not hosts or _OWN_WRITING.search(text):
        return None
    if not (_RECOVERY_CLAIM.search(text) or _PRODUCT_FORM.search(text)):
        return None
    # Only the words of the text: the shop named in an address ("info@fisioribera.es") is the
    # clinic giving its own address, not a product in a story.
    words = [
        "".join(_DOMAIN_LABEL_WORDS.findall(word))
        for word in text[:5000].split()
        if not ("@" in word or "/" in word or _DOTTED(word))
    ]
    parts = [part for host in hosts for part in registrable_domain(host).split(".")[0].split("-")]
    for part in parts:
        part = "".join(_DOMAIN_LABEL_WORDS.findall(part))
        if len(part) < _PRODUCT_NAME_MIN:
            continue
        # The product named in one to three words ("MenoCalm", "Kneevio cold sleeve") that
        # spell the website's name, or most of it ("menocalmplus").
        for at, word in enumerate(words):
            if len(word) < 3 or not part.startswith(word):
                continue
            name = word
            for following in words[at + 1 : at + 3]:
                if not part.startswith(name + following):
                    break
                name += following
            if len(name) >= _PRODUCT_NAME_MIN and len(name) >= _PRODUCT_NAME_SHARE * len(part):
                return part
    return None


def check_cure_story(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    """A recovery claim and an order to buy: a product sold as a patient's experience."""
    if submission.kind == "message":
        return []
    if submission.kind == "comment":
        product = product_of_website(submission, facts, text)
        if product is not None:
            return [
                Reason("cure_story", 2.5, f"a story that names its website's product ({product!r})")
            ]
    claim = _RECOVERY_CLAIM.search(text)
    directive = _SHOPPING_DIRECTIVE.search(text) if claim else None
    if directive is None:
        return []
    return [
        Reason(
            "cure_story",
            2.5,
            f"a recovery claim ({claim.group(0)!r}) and an order to buy ({directive.group(0)!r})",
        )
    ]


# Segments of a text: what lies between commas, full stops, bars and line ends.
_SEGMENT_BREAKS = re.compile(r"[,.;:|!?\n\u00b7/]+")
_STUFFED_SEGMENT_WORDS = 6
_STUFFED_MIN_REPEATS = 3
# Keywords are noun phrases; a segment with a pronoun or a verb of being is a sentence
# ("Living is very simple, loving is also simple").
_SENTENCE_WORDS = frozenset(
    {"i", "my", "me", "you", "your", "we", "our", "it", "is", "are", "was", "were", "be", "am"}
    | {"es", "son", "soy", "era", "mi", "yo", "tu", "su", "nos"}
)


def find_stuffed_keyword(text: str) -> str | None:
    """The word that ends three or more short segments ("dentist Brooklyn, implants Brooklyn,
    whitening Brooklyn"): a local business's keywords, each with its town. A person's list ends
    each item with a different word, and code or a sentence is no list of keywords. One pass
    over the segments."""
    counts: dict[str, int] = {}
    for segment in _SEGMENT_BREAKS.split(text):
        words = segment.split()
        if not 2 <= len(words) <= _STUFFED_SEGMENT_WORDS:
            continue
        if not all(word.isalpha() and word not in _SENTENCE_WORDS for word in words):
            continue
        # "best dentist Brooklyn NY": a state's or country's short code after the town.
        last = words[-1] if len(words[-1]) > 2 else words[-2]
        if len(last) < 4 or not last.isalpha():
            continue
        counts[last] = counts.get(last, 0) + 1
        if counts[last] >= _STUFFED_MIN_REPEATS:
            return last
    return None


# Keywords written without commas ("knee replacement phoenix az best orthopedic surgeon phoenix
# sports medicine doctor near me phoenix"): a run of words with almost none of the small words a
# sentence needs, one word (the town) repeated, and the words of a search for a seller.
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "to",
        "of",
        "i",
        "my",
        "is",
        "it",
        "in",
        "for",
        "with",
        "was",
        "are",
        "be",
        "this",
        "that",
        "you",
        "your",
        "me",
        "we",
        "our",
        "on",
        "at",
        "as",
        "but",
        "so",
        "not",
        "have",
        "has",
        "had",
        "he",
        "she",
        "they",
        "his",
        "her",
        "its",
        "or",
        "if",
        "from",
        "by",
        "do",
        "can",
        "will",
        "what",
        "how",
        "when",
        "que",
        "de",
        "la",
        "el",
        "y",
        "en",
        "me",
        "mi",
        "es",
        "por",
        "con",
        "los",
        "las",
        "un",
        "una",
        "lo",
        "le",
        "se",
        "su",
        "al",
        "del",
        "para",
        "pero",
        "como",
        "muy",
        "ya",
        "mas",
        "sin",
        "si",
        "tu",
        "te",
        "yo",
    ]
)
_SEARCH_WORDS = re.compile(
    r"\b(?:best|cheap|cheapest|near me|prices?|affordable|top|open 24|24 hours|precios?"
    r"|barat[oa]s?|mejor(?:es)?|cerca de mi|economic[oa]s?)\b"
)
_UNPUNCTUATED_WORDS = re.compile(r"[^\W\d_]+")
_UNPUNCTUATED_MIN_WORDS, _UNPUNCTUATED_MAX_WORDS = 8, 60
_UNPUNCTUATED_FUNCTION_SHARE = 0.25


def find_unpunctuated_keywords(text: str) -> str | None:
    """The town (or trade) repeated three times in a run of search keywords, or None."""
    words = _UNPUNCTUATED_WORDS.findall(text[:2000])
    if not _UNPUNCTUATED_MIN_WORDS <= len(words) <= _UNPUNCTUATED_MAX_WORDS:
        return None
    small = sum(word in _FUNCTION_WORDS for word in words)
    if small >= _UNPUNCTUATED_FUNCTION_SHARE * len(words) or not _SEARCH_WORDS.search(text):
        return None
    counts: dict[str, int] = {}
    for word in words:
        if len(word) >= 4 and word not in _FUNCTION_WORDS:
            counts[word] = counts.get(word, 0) + 1
            if counts[word] >= _STUFFED_MIN_REPEATS:
                return word
    return None


def check_keyword_stuffing(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    word = find_stuffed_keyword(text)
    if word is None and submission.kind != "message":
        word = find_unpunctuated_keywords(text)
    if word is None and submission.kind != "message":
        listed = find_search_terms(text)
        if listed is not None:
            return [Reason("keyword_stuffing", 2.5, f"a list of search terms: {listed!r}")]
    if word is None:
        return []
    return [Reason("keyword_stuffing", 2.5, f"short phrases all ending in {word!r}")]


# A list of what people type into a search engine, comma after comma, to rank a business:
# "botox precio cdmx, acido hialuronico labios, rinomodelacion precio, ...". A patient listing
# symptoms writes the same commas, but no prices, bargains or "near me".
_SEARCH_TERM_COMMERCE = re.compile(
    r"\b(?:precios?|barat[oa]s?|promocion|ofertas?|cerca de mi|near me|cheap|cost|prices?|best"
    r"|mejor(?:es)?|24 ?(?:horas|hours|hrs)|a domicilio|costo|econ[oó]mic[oa]s?|affordable)\b"
)
_SEARCH_TERMS_MIN = 5
_SEARCH_TERM_MAX_WORDS = 6


def find_search_terms(text: str) -> str | None:
    """The first two items of a comma-separated list of search terms, or None: at least five
    short items, no sentence, and at least two items naming a price, a bargain or "near me"."""
    text = text[:2000]
    if "," not in text or _SENTENCE_END.search(text):
        return None
    items = [item.strip() for item in text.split(",")]
    if len(items) < _SEARCH_TERMS_MIN or not all(
        0 < len(item.split()) <= _SEARCH_TERM_MAX_WORDS for item in items
    ):
        return None
    if sum(1 for item in items if _SEARCH_TERM_COMMERCE.search(item)) < 2:
        return None
    return ", ".join(items[:2])


_SENTENCE_END = re.compile(r"[?!]|\.(?:\s|$)")


def check_website(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    """The website a commenter gives: a reader's own page, or a business's advert."""
    host = domain_of(submission.website[:500])
    if not host or is_trusted_domain(host, facts.trusted_domains) or is_reference_domain(host):
        return []
    name = registrable_domain(host).split(".", 1)[0]
    words = _DOMAIN_LABEL_WORDS.findall(name)
    trade = sorted({w for w in words if w in _NAME_TRADE_WORDS})
    fragments = sorted({f for f in _DOMAIN_TRADE_FRAGMENTS if f in name})
    if len(trade) >= 2 or fragments or (trade and len(words) >= 3):
        found = ", ".join((trade + fragments)[:4])
        return [Reason("website_advert", 1.5, f"a commercial website ({host}: {found})")]
    return []


# What a self-promoter asks readers to check out. "Please check my code" or "please share the
# link" is a reader asking for help, not an advert, so "check" and "share" count only with these.
_PROMOTED = (
    r"(?:new |first )?(?:channel|music|videos?|vids|youtube|page|site|website|blog|songs?"
    r"|covers?|profile)\b"
)

# Brands whose customers tech-support adverts hunt for: printers, routers, antivirus, mail,
# accounting software.
_SUPPORTED_BRANDS = (
    r"hp|epson|canon|brother|lexmark|xerox|kyocera|netgear|linksys|belkin|tp-?link|arlo|roku"
    r"|kindle|norton|mcafee|avast|avg|kaspersky|bitdefender|webroot|malwarebytes|eset|quickbooks"
    r"|sage|gmail|yahoo mail|aol mail|aol|sbcglobal|att mail|roadrunner|hotmail|itunes|garmin"
)
# Cities and countries whose local-business campaigns fill comment sections with anchor text.
_SEO_PLACES = (
    r"chennai|bangalore|bengaluru|hyderabad|pune|noida|delhi|gurgaon|gurugram|mumbai|kolkata"
    r"|marathahalli|ahmedabad|jaipur|chandigarh|dubai|abu dhabi|sharjah|uae|india|lahore|karachi"
)

# Phrases of the trades that spam comment sections and contact forms. Each family is one rule;
# a family counts once however many of its phrases appear, so ordinary text that happens to use
# one of them is not pushed over a threshold by it alone.
PHRASE_FAMILIES: dict[str, tuple[float, tuple[str, ...]]] = {
    "self_promotion": (
        2.0,
        (
            r"check out my",
            rf"check my {_PROMOTED}",
            # "A flight to visit my sister" is a family visit.
            r"visit my(?! (?:sister|brother|mother|mom|mum|father|dad|parents|family|daughter|son"
            r"|grand\w+|aunt|uncle|friends?|cousins?|kids|children|husband|wife|partner|doctor|gp"
            r"|in-laws)\b)",
            # "Please unsubscribe me from the newsletter" is a patient's request.
            r"(?<!un)subscribe (?:to )?my",
            r"my (?:youtube )?channel",
            r"follow me",
            # "I wrote about it on my blog" tells where a reader wrote, and asks nothing.
            r"(?<!\bon )(?<!\bin )my (?:new )?(?:blog|site|website)",
            # ...unless it sends the reader there.
            r"(?:on|in) my (?:new )?(?:blog|site|website)\b(?:\W++\w++){0,12}?\W++(?:check (?:it"
            r" )?out|link in my (?:profile|bio)|(?:please )?visit|leave a comment|(?:your|some)"
            r" feedback|for more)\b",
            r"my (?:new )?(?:page|video|song|music)",
            # "Please visit urgent care" is a clinic's advice; a pitch names what to visit.
            r"(?:please|pls|plz) (?:subscribe|check (?:out|it out|this out)|like)",
            r"(?:please|pls|plz) visit (?:my|our|this|\S+\.[a-z]{2,})",
            # "Please share this" is how a grieving reader asks others to pass a warning on.
            r"(?:please|pls|plz) share (?:my|our)\b",
            r"(?<!un)subscrib\w* (?:to )?(?:me|my)\b",
            r"(?:come|please|pls|plz) sub(?!mit)",
            r"sub ?4 ?sub",
            r"subscribe (?:u |you )?back",
            r"i(?:'ll| will) subscribe",
            r"visita mi",
            r"suscribete",
            r"suscribanse",
            r"(?:mira|checa|chequea|revisa|echale un vistazo a) mi (?:nuevo )?"
            r"(?:canal|video|pagina|blog|web|perfil|musica)",
            r"(?:sigueme|siguenos) en",
            r"mi canal(?: de youtube)?\b",
            r"(?:dale|denle|regalame un) like",
            # Asking for subscribers without a link: "don't forget to subscribe", "like watch
            # subscribe", "if I get 100 subscribers", "take 1 second and watch it", misspelt or not.
            # "I subscribed to your newsletter" is a reader's, not an ask.
            r"(?:forget|forgot) to (?:like (?:and |& )?)?subscribe",
            # One phrase per ending, each with a literal to be found by ("ribe", "ribing", "ri "):
            # as one pattern it had none and was searched in every text.
            r"\bsu[bcs]{1,3}ribed? (?:to )?(?:me|my)\b|\bsu[bcs]{1,3}ribing (?:to )?(?:me|my)\b"
            r"|\bsu[bcs]{1,3}ri (?:to )?(?:me|my)\b",
            r"\b(?:like|watch|comment|rate)[,!]? (?:and |& |n )?subscribe\b",
            r"(?:get|got|gain|reach|hit) (?:\w+ ){0,2}(?:subs|subscribers)\b",
            r"take (?:a|one|1|\d+|just (?:a|one|1|\d+)) (?:second|sec|minute|min|moment)s? "
            r"(?:and|to) (?:check|watch (?:it|my|our|this)|listen|subscribe|like|visit)",
            # A new release pointed at elsewhere. "Check out the video at the end of the article"
            # points at the page being read, so "the" counts only before a song or an album.
            r"check out (?:this|our) new (?:song|track|video|single|album|cover|music)",
            r"check out the new (?:song|track|single|album|cover)|check out this (?:video|song) on",
            r"no (?:olvides|olviden) (?:de )?suscribir\w*",
            r"(?:conseguir|llegar a|llego a|tener|ganar) (?:\d+ |mas |algunos )?suscriptores",
            r"(?:escucha|escuchen|escuchad) mi (?:nueva |nuevo )?(?:cancion|musica|tema|disco)",
            r"listen to my (?:new )?(?:single|song|track|album|mixtape|podcast)|escucha mi"
            r"|(?:tiktok|instagram|insta|ig) @[a-z]|follow for more",
            r"link in (?:my )?(?:profile|bio)|(?:enlace|link) (?:en|de) (?:mi )?(?:perfil|bio)",
            r"(?:buy|cheap|get|comprar|compra) (?:\w+ ){0,2}(?:followers|seguidores)\b",
            r"en mi perfil (?:teneis|tienen|esta|encontrareis) el (?:enlace|link)|(?:los"
            r"|las) mejores precios en",
            r"dm me for (?:a )?(?:discount|code|price)"
            r"|i sell (?:\w+ ){1,3}(?:dm|message) me",
            r"si necesitan (?:un |una )?(?:seguro|abogad[oa]|agente)|(?:llamenme"
            r"|llameme),? soy agente|soy agente autorizad[oa]",
            r"primera consulta gratis\b(?! en (?:nuestra|la) clinica)",
            r"(?:os|les) dejo nuestro (?:enlace|link|blog|web)"
            r"|nosotros en (?:nuestra )?clinica (?:\w+ ){0,3}tambien escribimos",
            # Round six.
            r"(?:vuestra|tu|su) clinica de (?:\w+ ){1,4}en [a-z]+|your (?:number one|no\.? ?1|#1"
            r"|trusted|go-to|leading) (?:\w+ ){0,2}(?:centre|center|clinic|provider|specialist)",
            # Round six.
            r"your readers (?:might|may|would) (?:find|like|enjoy)|(?:i(?:'ve"
            r"| have) )?(?:also )?written an? (?:\w+ ){0,3}guide on this",
            r"ahi vendo|(?:pasen|pasa|pasate|pasad) a (?:verlo|visitarme|verme)|vendo mis",
            r"the best (?:[\w-]+ ){0,4}in (?:town|the city|the area|the region)",
            # Round six.
            r"visitanos en (?:https?|www|[a-z0-9-]+\.[a-z])|visit us (?:at|on) (?:https?|www"
            r"|[a-z0-9-]+\.[a-z])",
            # Round six.
            r"(?:saludos|bendiciones|un saludo) (?:\w+ ){0,3}(?:desde"
            r"|de parte de) [a-z0-9 /&]{3,40}, (?:servicio|expertos|especialistas|tu|su|la mejor"
            r"|el mejor)",
            r"compramos (?:oro|plata)|we buy (?:gold|silver|jewelry)|al mejor precio del dia"
            r"|pasense por",
            r"read the full (?:story|article|post) (?:at|on|here)|lee (?:la nota"
            r"|el articulo) completo en",
            # Round six.
            r"watch (?:new |latest )?movies (?:online )?free|peliculas gratis|free full hd",
            # Round seven.
            r"pasate por la mia|pasen por la mia|visit mine|check mine out",
            # Round eight.
            r"(?:sigan|siganme|siguenme|sigue|visiten|pasen por|pasate por|pasense por"
            r"|pasaos por) (?:a )?mi (?:cuenta|perfil|pagina|ig|instagram|tiktok)|(?:follow"
            r"|check out) my (?:account|profile|ig|insta|tiktok)\b",
            r"(?:link|enlace) (?:esta|lo tienes|lo tienen|lo teneis) en mi (?:perfil|bio)"
            r"|(?:link|enlace) (?:de|en) nuestro perfil|(?:it'?s|its|link is"
            r"|link'?s) in my bio|check (?:my )?bio\b|check my highlights|(?:mira|revisa"
            r"|revisen) (?:mis )?(?:historias )?destacadas",
            r"(?:necesitas|quieres|want|need) (?:mas )?(?:likes|seguidores|followers)\?"
            r"|(?:do you|you guys|ustedes) (?:\w+ )?want more (?:followers|likes)|(?:i can"
            r"|puedo) (?:get|conseguir|conseguirte|conseguirles|darte|darles) (?:you |te "
            r"|les )?(?<!\d)\d++ ?k\b|(?<!\d)\d++ ?k (?:seguidores|followers|likes) (?:a|por|for"
            r"|\$)",
            r"(?:paquetes|packs?|planes) (?:de (?:likes|seguidores|followers|views"
            r"|vistas) )?desde \$|impulsa tu (?:perfil|cuenta|pagina|negocio)"
            r"|boost your (?:reach|profile|account|page|followers)|your reach is\b"
            r"|tu alcance (?:es|esta)\b|(?:likes|seguidores"
            r"|followers) (?:\w+ ){0,4}sin (?:contrasena|clave)|no password (?:needed"
            r"|required)",
            r"(?:i'?m|soy) (?:a )?(?:brand rep|brand ambassador|embajador\w* de (?:la )?marca)"
            r"|(?:just|only) (?:cover|pay for|pay) (?:the )?(?:shipping|postage)"
            r"|solo (?:cubres|cubre|pagas|paga|pagues|pague) (?:el|los) (?:envio"
            r"|gastos de envio)",
            r"(?:yo )?vendo productos (?:naturales|de|para)|i sell (?:natural|organic"
            r"|skin ?care|beauty) products|(?:el|mi"
            r"|nuestro) catalogo (?:\S+ ){0,4}(?:me escrib|escribeme|escribanme)|(?:ask|dm"
            r"|message) me for (?:my|the) catalog",
            r"pregunten sin compromiso|(?:pregunta|pregunten|preguntame|preguntenme|ask me"
            r"|ask) (?:\w+ )?(?:por|by|via|in) (?:dm|inbox|interno|privado)",
            r"\b(?:the )?first (?:one|track|session|chapter"
            r"|episode) (?:is )?free on my (?:site|website|page|channel)"
            r"|\bel primer(?:o)? (?:audio|capitulo|episodio) (?:es )?gratis en mi (?:web"
            r"|pagina|canal)|\btengo (?:grabado un audio"
            r"|un audio grabado) (?:\S+ ){0,6}(?:explica|cuento|proceso)|\bi (?:have|made"
            r"|recorded) (?:a|an) (?:\S+ ){0,2}(?:audio|recording) (?:that )?explain(?:s"
            r"|ing) (?:the whole|the entire|my|everything)",
            r"(?:los|les|te|las|os) invito a (?:visitar |conocer |seguir )?mi (?:pagina|blog"
            r"|canal|sitio|web)|invite you (?:all )?to (?:visit |check out "
            r"|follow )?my (?:page|blog|channel|site|website)",
            r"\bwould love (?:it )?if you (?:checked|visited|read|followed|subscribed"
            r"|stopped by)\b",
            r"\b(?:checked|check|checking) (?:it|them|my \w+) out and (?:left"
            r"|leave) a comment\b",
            r"\b(?:pasate|pasense|pasen|date una vuelta|denle una vuelta) por mi (?:blog|canal"
            r"|pagina|web|perfil)\b",
            r"\bmy (?:discount|promo|coupon|referral) codes (?:for|on|at)\b"
            r"|\bmis codigos de descuento (?:para|de|en)\b|\buse my (?:discount|promo|coupon"
            r"|referral) code\b|\busen mi codigo\b",
        ),
    ),
    "seo_offer": (
        2.5,
        (
            r"\bseo\b",
            r"back ?links?",
            r"dofollow",
            r"guest post",
            r"link (?:insertion|building|exchange)",
            r"(?:first|top|1st) (?:page|place|position|spot)s? (?:of|on|in) google",
            r"(?:rank|ranking|rankings) (?:on|in) google",
            r"google (?:maps )?ranking",
            r"(?:website|web|site) traffic",
            r"generate (?:more |free |targeted )?(?:sales )?leads\b|free leads\b",
            r"(?:digital )?marketing (?:agency|company|services)",
            r"(?:web ?site|web) design(?:er|ers)?\b",
            r"redesign (?:your|of your)",
            r"posicionar",
            r"primer lugar de google",
            r"agencia de marketing",
            r"posicionamiento (?:web|seo|en google|organico)",
            r"enlaces? (?:de calidad|dofollow|entrantes|patrocinados)",
            r"articulos? patrocinados?",
            r"(?:trafico|visitas) (?:web|organico|a (?:su|tu) (?:sitio|pagina|web))",
            r"diseno (?:web|de paginas web)",
            r"(?:primera pagina|primeros lugares|primeras posiciones) (?:de|en) google",
            r"marketing digital para (?:clinicas|medicos|consultorios|dentistas)",
            r"search (?:engine )?optimi[sz]ation",
            r"online directories",
            r"(?<!\d)\d++ (?:online |health |local |business )?directories",
            r"directorios (?:online|en linea|de salud|medicos)",
            r"citation sites?",
            # Anchor text of a local business's campaign, left when the link was stripped: a
            # service and the city or country it is sold in.
            r"\b(?:training|institute|course|classes|coaching|company|companies|services?"
            rf"|agency|agencies|movers|cleaning|gateway)(?: in| at)? (?:{_SEO_PLACES})\b",
            r"(?:posicionamos|posicionar su|posicionar tu)|top \d+ (?:en|de|in|on) (?:google|\d+)"
            r"|auditoria (?:\w+ )?gratis|free (?:seo |website )?audit",
            r"rank for (?:\w+ ){0,2}keywords|local rankings|(?:link|links) (?:to us )?in return"
            r"|enlace de vuelta|a cambio de un enlace",
            r"(?:resource|guide|article) (?:that|which) (?:could|would|might) replace|(?:adding"
            r"|add)"
            r" a link to (?:it|our|my) (?:\w+ )?(?:from|on|in) your",
            r"que podria (?:reemplazar|sustituir)|enlazarla desde su|enlace desde (?:su"
            r"|tu) articulo",
            r"map pack|google business profiles?|outrank\w* you|near me (?:and|searches)",
            r"exchange links|intercambiar enlaces",
            r"(?:add|adding|insert|inserting|place|placing) (?:a |one )?(?:\w+ )?link (?:to|in|on"
            r"|for)"
            r" (?:one of |your |our )",
            r"(?:editorial|publication|insertion|posting) fee|pay (?:you )?\$ ?\d+ to (?:add"
            r"|publish)",
            r"articulo invitado|enlace a mi (?:sitio|web|pagina)|pagar por (?:la"
            r"|el) (?:publicacion|enlace)",
            r"(?:local|google) (?:ads|search results)|busquedas locales"
            r"|no aparece\w* en (?:los )?prim",
            r"(?:isn'?t|not) (?:running any|showing up (?:on|in))|(?:top|primeros) (?:3"
            r"|tres) (?:del|de|in)",
            r"o no (?:pagais|pagas|paga)\b|or you don'?t pay|ficha (?:\w+ ){0,3}incompleta",
            r"(?:anadir|agregar|incluir) un enlace|(?:suggest )?adding a link|our partner'?s site",
            r"broken links|slow loading|mobile optimi[sz]ation|isn'?t ranking",
            r"no aparec\w* (?:para|en) (?:busquedas|google)|primera pagina en \d+ meses",
            r"(?:reputation|reputacion) management|negative reviews sitting",
            # Round four: link networks.
            r"autoridad de dominio|red de (?:\d+ )?blogs|publicar enlaces|(?:€|\$) ?\d+ (?:el"
            r"|por) enlace|(?<!\d)\d++ ?(?:€|euros|dolares) (?:el|por) enlace",
            r"network of (?:(?<!\d)\d++ )?(?:\w+ )?blogs|\$ ?\d+ (?:per|a) link\b|(?:boost"
            r"|increase) in domain authority",
            # Round four: a guest piece for the resources section.
            r"(?:add|include) (?:it|my (?:article|piece|post|guide)) (?:to|in) (?:the"
            r"|your) resources? (?:section|page)|your readers would (?:love|enjoy|benefit from)",
            # Round four: reviews removed for a fee, pages on an encyclopedia.
            r"(?:legally )?remov\w+ (?:\w+ ){0,3}(?:negative|fake|bad|1-star) reviews"
            r"|pay only if removed|\$ ?\d+ per review|eliminar (?:resenas|opiniones"
            r"|comentarios) negativ[oa]s",
            r"(?:create|publish|build) (?:\w+ ){0,3}wikipedia page|wikipedia page (?:for|builds)"
            r"|pagina (?:en|de) wikipedia para",
            # Round four, second batch.
            r"with a link back to you|shared? a portion of this article"
            r"|generative engine optimi[sz]ation|cited (?:and recommended )?in ai answers",
            r"bad (?:google )?reviews? can cost|(?:happy|satisfied) patients (?:get )?(?:sent"
            r"|routed) (?:straight )?to google",
            r"(?:one|a|1) contextual (?:back)?link|contextual link to",
            r"(?:write|contribute) (?:a |one )?(?:unique|free|high-quality"
            r"|well-researched) (?:\w+ ){0,2}(?:article|post) for your (?:blog|site|website)",
            r"accept (?:sponsored|guest) posts|sponsored posts? from (?:\w+ )?brands",
            r"(?:exchang\w+|swap\w*) links|intercambi\w+ (?:de )?enlaces|vendo enlaces",
            r"\(da \d+ ?- ?\d+\)|domain authority|alta autoridad|high authority (?:sites|blogs"
            r"|links)",
            r"thanks? (?:to )?(?:the )?admin of this|present here at this web ?site"
            r"|what a (?:material|stuff)\b",
            # Round six.
            r"(?<!\d)\d++\+? (?:genuine |real |verified |authentic )?(?:5"
            r"|five)[- ]star (?:google )?reviews|(?:genuine|real|verified) (?:5"
            r"|five)[- ]star (?:google )?reviews|(?:5"
            r"|five)[- ]star (?:google )?reviews in \d+ days",
            r"resenas (?:de )?(?:5|cinco) estrellas (?:reales|garantizadas|en google)"
            r"|resenas (?:reales|verificadas|positivas) (?:en|de) google",
            # Round six.
            r"press release to \d+\+? (?:news )?sites|distribute your press release"
            r"|guaranteed (?:to be )?publi(?:shed|cation)|nota de prensa en \d+ (?:medios|sitios)",
            # Round seven.
            r"vendemos enlaces|venta de enlaces|enlaces en (?:periodicos|blogs|medios)|(?:les"
            r"|te) pago (?:usd|us\$|\$|\d)(?:\W+\w+){0,4}? por (?:publicacion|nota|articulo|post)"
            r"|publicar una nota (?:\w+ ){0,6}con un (?:link|enlace)",
            # Round seven.
            r"(?:would |will |can )?pay (?:you )?(?:usd ?|\$)?\d+ (?:for|per) (?:each |every |a "
            r"|one )?(?:post|article|guest post)",
            # Round eight.
            r"(?:add|insert|place|include) (?:one |a |an )?(?:relevant |dofollow |do-follow "
            r"|contextual )?link (?:to|in|into|within) (?:that |your |the |an "
            r"|this )?(?:existing )?(?:article|post|blog|page)|(?:offer"
            r"|pay) (?:you )?\$?(?<!\d)\d++ (?:\w+ ){0,2}(?:to add|for adding|to insert"
            r"|to place) (?:a |one )?(?:\w+ )?link|(?:agregar|anadir|insertar|colocar"
            r"|incluir) (?:un )?enlace (?:\w+ ){0,2}en (?:su|tu|ese|el|este) (?:articulo|post"
            r"|blog)",
            r"\b(?:gestiono|gestionamos|manejo|manejamos|llevo|llevamos|administro"
            r"|administramos) (?:las )?redes sociales\b",
            r"\bcampanas segmentadas\b|\btargeted (?:ad )?campaigns\b",
            r"\bmis planes (?:empiezan|comienzan|arrancan) (?:en|desde)\b|\bmy (?:plans"
            r"|packages) start (?:at|from)\b",
        ),
    ),
    "off_platform_contact": (
        2.0,
        (
            r"(?<!grupo de )whats ?app(?! group)",
            r"telegram",
            r"wechat",
            r"\bweixin\b",
            r"\bdial\b",
            r"toll[ -]?free",
            r"(?:customer|tech|technical) (?:service|support|care) (?:phone )?(?:number|line)",
            r"support (?:phone )?number",
            r"numero de (?:atencion|soporte|servicio al cliente)",
            # Round four: 'text me' in a public comment.
            r"llamame o (?:mandame|enviame) (?:un )?(?:texto|mensaje|whatsapp)"
            r"|mandame (?:un )?texto al|call or text me",
            # Round seven.
            r"(?:y )?les cotizo|te cotizo sin compromiso|y (?:les|te) (?:explico|paso (?:info"
            r"|precios))"
            r"|escribeme y te (?:explico|cuento|paso|digo)|(?:dejanos|dejame|dejenme|deja"
            r"|dejen) (?:tu|su) (?:numero|telefono|whatsapp|celular) y (?:te|le|les) (?:llamamos"
            r"|llamo|contactamos|escribimos)",
            # Round eight.
            r"(?:dm|pm|message|msg|inbox|text|email) me (?:if you want|if you'?re interested"
            r"|if interested|to know|for (?:more|details|info|the (?:link|name|brand"
            r"|details)))|(?:escribeme|escribime|mandame (?:un )?mensaje"
            r"|mandame dm) (?:si (?:quieres|te interesa|quieren) saber)",
            r"(?:use|usa|usen|use my|with|con) (?:the |mi |el )?(?:code|codigo|cupon|coupon"
            r"|promo code|codigo promocional) [a-z]+(?<!\d)\d++ (?:at|on|en) [a-z0-9-]+\.[a-z]",
            r"\bhappy to send it to anyone who (?:emails|messages|writes to) me"
            r"|\bemails? me at the address (?:on|in) my profile|\bme (?:puede"
            r"|pueden) escribir al correo y (?:se lo|se la|les) (?:paso|mando|envio)",
            r"\b(?:solo )?dej(?:e|en|a) (?:su|tu) correo aqui abajo|\bleave your (?:email"
            r"|number) (?:below|here) and i(?:'ll| will)|\bme dejan su numero aqui abajo"
            r"|\bdejen su (?:numero|whatsapp) (?:aqui|abajo)",
            r"\b(?:escribirme|escribeme|escribanme|me podeis escribir"
            r"|me pueden escribir) por (?:mensaje )?privado|\bpor privado y (?:os|les"
            r"|te) (?:doy|paso|cuento)|\bpasar? el contacto por privado",
            r"\bsend me a message and i(?:'ll| will) tell you about my (?:packages|programs?"
            r"|rates|services)|\bjust reply and i(?:'ll| will) reach out"
            r"|\breply here and i(?:'ll| will) share (?:it|the|their|her|his)",
            r"\bdm me for the (?:\S+ )?(?:name|link|contact|details)|\bif you(?:'re"
            r"| are) (?:\S+ ){0,2}struggling,? (?:just )?(?:message|dm|text|pm) me"
            r"|\bsi (?:estas|estan) (?:\S+ ){0,2}(?:batallando|luchando"
            r"|sufriendo),? (?:escribeme|mandame mensaje)|\b(?:message"
            r"|write to) me if you (?:feel|hear) (?:the|this) (?:call|calling)|\b(?:escribanme"
            r"|escribeme) si (?:sienten|sientes) el llamado",
            r"\b(?:if anyone|anyone who) (?:\S+ ){0,3}(?:wants|needs) (?:\S+ ){0,3}(?:contact"
            r"|number) (?:\S+ ){0,3}(?:reply|ask me|message me|dm me)|\bask me and i(?:'ll"
            r"| will) give you (?:their|her|his|the) (?:contact|number)|\b(?:al que|a quien"
            r"|si alguien) (?:\S+ ){0,3}(?:interese|quiere|necesita) (?:\S+ ){0,4}(?:le|les|te"
            r"|se lo|se la) paso (?:el dato|el contacto|su numero|su contacto)",
        ),
    ),
    # Tech-support, printer and airline "helpline" adverts: a brand, a service and a number to
    # call, posted under any article.
    "support_line_advert": (
        2.5,
        (
            r"(?:support|service|helpline|help line|toll[ -]?free|customer care|reservations?)"
            r" (?:phone |telephone |contact )?(?:number|no)\b",
            r"\b(?:tech|technical|printer|antivirus|router|email|quickbooks) (?:support|help)\b",
            r"airlines? (?:reservations?|customer|phone|number|tickets?|flights?|deals?|official)",
            r"(?:book|cheap(?:est)?) (?:cheap )?(?:flights?|flight tickets|air tickets)",
            # "We were told someone was available 24/7": a reader reporting a promise, not an
            # advert.
            r"(?<!was )(?<!were )(?<!be )(?:available|active|open|support|service|help|experts?)"
            r" 24 ?[/x\\] ?7",
            r"printer (?:setup|offline|error|support|driver)",
            # The same trade without a number: a consumer brand beside the trouble its "experts"
            # fix. "My printer is offline" is how a patient says it, so offline is not here.
            rf"\b(?:{_SUPPORTED_BRANDS}) (?:\w+ ){{0,2}}(?:support|helpline|help line|drivers?"
            r"|activation|customer (?:service|care)|error (?:code )?[a-z]?\d)",
            r"\bmywifiext\b|\brouterlogin\b|\bextender setup\b",
            r"soporte tecnico (?:de|para) (?:impresoras?|hp|epson|canon|gmail|outlook|routers?)",
            r"(?:servicio|atencion) al cliente (?:de|para) (?:impresoras?|aerolineas?|hp|epson)",
            r"(?:numero|telefono) de (?:soporte|servicio al cliente|atencion al cliente)",
            r"(?:reservas? de|reservar) (?:vuelos|boletos de avion)|vuelos baratos",
            r"(?:disponibles?|atencion|soporte|expertos) 24 ?[/x] ?7",
            r"numero gratuito (?:de )?(?:soporte|atencion|asistencia)",
            r"problemas con (?:tu|su) (?:impresora|router)",
            r"how to (?:connect|install|set ?up|fix|reset|update|activate|cancel) (?:\w+ ){0,3}"
            r"(?:printer|router|extender|antivirus|scanner)\b",
        ),
    ),
    # Sellers writing to a clinic as a customer: equipment makers, payment processors, writers
    # offering "free" articles, bulk buyers asking for an invoice; and those that sell to any
    # reader: essay writers, cracked software, key generators and game cheats.
    "vendor_offer": (
        2.0,
        (
            r"credit card processing",
            r"merchant (?:services|fees|account)",
            r"\boem\b",
            r"(?:professional|leading) (?:manufacturer|supplier)",
            # "Out of stock with our wholesaler": a pharmacy partner, not a seller.
            r"wholesale(?!r)",
            r"proforma invoice",
            r"contribute (?:a|an) (?:free )?(?:article|post|guest post)",
            r"free (?:article|guest post|content) (?:to|for) your",
            r"(?:save|saving) (?:up to )?\d+ ?%",
            r"(?:do|write) my (?:essay|homework|assignment|paper|dissertation)",
            r"essay (?:writing|writer|writers|help|service)",
            r"(?:assignment|homework|dissertation|thesis) (?:help|writing|writers?)\b",
            r"\b(?:hack|cheat) (?:tool|apk|generator)",
            r"\bapk\b",
            r"(?:product|license|serial|activation) key generator|\bkeygen\b",
            r"(?:windows|office) (?:\d+ )?activator",
            r"(?:unlimited|free) (?:coins|gems|diamonds|robux|v-?bucks|credits)\b",
            r"crack(?:ed)? (?:version|download|full)",
            r"al por mayor",
            r"(?:fabricante|proveedor|distribuidor) (?:lider|profesional|oficial|mayorista)",
            r"ahorr\w+ (?:hasta )?(?:un )?\d+ ?%",
            r"(?:hacemos|escribimos|redactamos) (?:tu|su|tus|sus) (?:ensayos?|tesis|tareas?"
            r"|trabajos?)",
            r"(?:redaccion|ayuda) (?:de|con) (?:tesis|ensayos|tareas)",
            r"(?:procesamiento de|terminales? de) (?:pagos|tarjetas|cobro)",
            r"(?:activador|generador de claves?) (?:de |para )?(?:windows|office)",
            r"take (?:your|my) (?:online )?(?:class|classes|exam|exams|course|courses|test)"
            r"|guarantee (?:you )?an a\b",
            r"(?:lo|la|los|las) redactamos|redactamos (?:tfg|tesis|trabajos|casos|tu|su)",
            r"(?:i|we) write (?:\w+ ){0,2}essays|plagiarism[- ]free|sin plagio|hacemos tesis",
            # Round four: courses and offers with a clock.
            r"seats are filling (?:up )?fast|for the next (?<!\d)\d++ hours only"
            r"|plazas limitadas para la convocatoria",
            # Round eight.
            r"(?:i'?m|i am) (?:a |an )?licensed (?:insurance )?agent"
            r"|licensed (?:insurance )?(?:advis[eo]rs?|agents?) (?:provide|offer|can)|(?:soy"
            r"|como) (?:un |una )?agente (?:de seguros )?con licencia|(?:no-obligation"
            r"|no obligation|no-pressure|no pressure) (?:\w+ ){0,2}(?:plan review|quote"
            r"|consultations?)|free,? no-(?:obligation|pressure)|overpaying for (?:their"
            r"|your) medicare|(?:cambiar\w*|switch\w*) (?:\w+ ){0,3}(?:planes?"
            r"|plans?) (?:de )?medicare|(?:tarjeta|card) (?:para|for) (?:despensa|groceries)",
            r"(?:that'?s|that is|which is) (?:actually |exactly )?why i (?:built|created|made"
            r"|started|founded|developed)|(?:por eso|fue por eso que) (?:hoy |ahora )?(?:cree"
            r"|hice|desarrolle|funde|trabajo en|trabajo con)|it'?s free for the first"
            r"|i (?:built|created|developed) (?:an? |the )?(?:app|tool|platform) (?:where|that"
            r"|for)",
        ),
    ),
    # Sellers of what a clinic's marketing buys: reviews, address lists of doctors, promotional
    # videos, billing services. They write to the contact form, usually without a link.
    "clinic_vendor": (
        2.0,
        (
            r"(?:buy|purchase|get|sell|write|post|publish)(?: and (?:post|publish|sell))? (?:\d+ )?"
            r"(?:(?:google|positive|real|verified|5[- ]?star|five[- ]star) ){1,3}reviews",
            r"reviews? for sale",
            r"(?:email|mailing|contact) (?:list|database)s? of (?:doctors|physicians|dentists"
            r"|healthcare|medical)",
            r"(?:doctors|physicians|dentists|healthcare)'? (?:email|mailing|contact) "
            r"(?:list|database)",
            r"(?:promotional|explainer|animated|marketing) videos? for (?:your|clinics|practices"
            r"|businesses)",
            r"medical billing (?:services|company|outsourcing|solutions)",
            r"outsourc\w* (?:your )?(?:medical )?billing",
            r"(?:comprar|venta de|vendemos) resenas",
            r"resenas (?:positivas|de 5 estrellas|en google) para (?:su|tu)",
            r"(?:base de datos|lista|listado) de (?:correos|emails) (?:de )?(?:medicos|doctores"
            r"|clinicas|dentistas)",
            r"videos? (?:promocionales?|animados?|corporativos?) para (?:su|tu|clinicas|negocios)",
            r"facturacion medica (?:externa|para su|para tu)|externaliz\w+ (?:su|la) facturacion",
            # The same trades in other words: reviews bought or removed by the dozen, address
            # lists counted in thousands, patients promised by the month, staff rented by the hour.
            r"(?:remove|delete) (?:\w+ )?(?:bad|negative|fake) reviews",
            r"(?<!\d)\d++ (?:google |verified |positive |5[- ]?star )?reviews for \$? ?\d",
            r"(?:email|mailing|contact) list (?:of|with) [\d,.]+",
            r"(?:mailing|email) list (?:of|for) (?:\w+ )?(?:pharmacists|pharmacies|doctors"
            r"|physicians|dentists|clinics|practices|hospitals)",
            r"(?:double|triple|boost|increase) (?:your|their) (?:bookings|appointments"
            r"|new patients|patient numbers|revenue)",
            r"(?:revenue|income|money) (?:on|to|from) (?:denied|rejected) (?:insurance )?claims",
            r"virtual (?:receptionists?|scribes?|medical assistants?)",
            r"(?:factory|wholesale) price",
            r"(?:below|under) (?:the )?market prices?",
            r"por debajo del precio de mercado",
            r"(?:send|request) (?:your |us (?:your |an |a )?)?(?:inquiry for )?quotation",
            r"book a (?:free )?demo",
            r"web (?:development|design) (?:company|agency|services|team)",
            r"(?:opiniones|resenas|valoraciones) (?:de )?(?:cinco|5) estrellas",
            r"(?:listado|lista|base de datos) (?:\w+ ){0,2}de [\d.,]+ (?:medicos|doctores|dentistas"
            r"|clinicas|farmacias|fisioterapeutas|contactos)",
            r"base de datos (?:actualizada )?(?:\d+ )?de (?:clinicas|farmacias|medicos|hospitales)",
            r"(?:citas|pacientes) (?:de pacientes )?nuev\w+ (?:cada|al|por) mes",
            r"ingresos por reclamaciones rechazadas",
            r"(?:recepcionistas?|asistentes?)(?: medicos)? virtuales",
            r"precio de fabrica",
            r"(?:aplicaciones|apps?) (?:de citas )?para clinicas",
            r"(?:reserve|solicite|pida) una (?:demo|demostracion)",
            r"(?:videos?|anuncios?) (?:\w+ ){0,3}para clinicas",
            r"liquidamos|con un \d+ ?% de descuento",
            # Round two, written from new development examples: the same trades in new words.
            r"(?:email|mailing|contact) (?:list|database)s? of (?:\w+ ){0,3}(?:doctors|physicians"
            r"|surgeons|dentists|specialists|cardiologists|nurses|pharmacists|practice managers"
            r"|clinics|hospitals)",
            r"opt-?in (?:email |mailing )?(?:list|database)|deliverability",
            r"(?:live |medical |virtual |24/7 |after[- ]hours )answering service",
            r"first month (?:free|at half price|half off)",
            r"redesign (?:\w+ ){0,2}websites?|(?:free|website|homepage|design|site) mockups?"
            r"|mockups? (?:of|for) (?:your|a new)",
            r"(?:website|site) (?:\w+ ){0,2}(?:looks|is|seems) (?:a bit |a little |very |quite )?"
            r"(?:outdated|old[- ]fashioned|dated)",
            r"(?:remove|delete) (?:\w+ ){0,2}(?:bad|negative|fake) (?:\w+ )?reviews",
            r"(?:remote|virtual|offshore|bilingual) (?:medical )?(?:staff|assistants?"
            r"|receptionists?"
            r"|scribes?|billers?)(?: \w+){0,4} (?:from )?\$ ?\d",
            r"(?:directory|listing) (?:renewal|fee|invoice)|registration (?:renewal|invoice)"
            r"|(?:overdue"
            r"|past due) invoice",
            r"primer mes gratis|servicio de (?:contestadora|contestador|atencion telefonica)",
            r"(?:recepcionistas?|asistentes?)(?: medic[oa]s?)? virtual(?:es)?(?: bilingues?)?",
            r"(?:le|te) (?:hago|hacemos|disenamos|creamos) (?:un|una|su|tu) (?:\w+ ){0,3}"
            r"(?:sitio|pagina|web)",
            r"(?:pagina|sitio) web (?:\w+ ){0,3}anticuad[oa]",
            r"(?:eliminar|borrar|quitar|eliminamos|borramos) (?:\w+ ){0,2}(?:resenas|opiniones"
            r"|comentarios) negativ",
            r"(?:base de datos|lista"
            r"|listado) (?:\w+ ){0,4}de (?:mas de )?[\d.,]+ (?:\w+ )?(?:medicos"
            r"|doctores|dentistas|clinicas|farmacias|especialistas)",
            r"(?:hacemos|hago|producimos) (?:\w+ )?videos?|videos? (?:\w+ )?para (?:su |tu )?"
            r"(?:consultorios?|clinicas?|doctores|medicos|dentistas)",
            r"(?:equipo|servicios?|empresa) (?:\w+ )?de facturacion medica|reclamaciones"
            r" (?:negadas|rechazadas|denegadas)|denied (?:insurance )?claims",
            r"personal (?:\w+ )?(?:remoto|virtual)|\$ ?\d+ (?:la|por) hora",
            r"directorio medico|inscripcion anual|aviso de factura|factura vencida (?:n|no|num)",
            r"travel (?:rns|nurses)|no placement fee|sin coste de seleccion|cubrimos turnos",
            r"refurbished (?:\w+ ){0,2}(?:machines|equipment|tables|units)"
            r"|(?<!\d)\d++ ?% below retail"
            r"|revenue cycle management|credentialing (?:services|support|specialists?|company"
            r"|experts?)|(?:we|i) (?:handle|do|take care of|manage) (?:all )?(?:of )?(?:your )?"
            r"(?:provider )?credentialing"
            r"|credentialing (?:and|&) (?:billing|enrollment|contracting)",
            r"renovacion anual|aviso de cobro|sera dad[oa] de baja|directorio nacional"
            r"|patient acquisition|send you \d+ (?:new )?patients|locum tenens|staffing needs"
            r"|(?:available|disponibles?) (?:immediately|de inmediato)|send (?:you )?cvs"
            r"|(?:le )?mandamos curriculums",
            r"(?:we buy|compramos) (?:\w+ ){0,3}(?:equipment|equipo)|pagamos en efectivo"
            r"|promocionar su clinica|(?:exclusive )?resellers in your",
            # Round three: predatory journals and congresses, paid awards and directories, lists of
            # people for sale, patients sold by the appointment, suppliers and their catalogues.
            r"article processing (?:charge|fee)|tarifa de (?:procesamiento|publicacion)",
            r"tasa de publicacion|(?:submit|send) (?:your |a |us )?manuscript|revista indexada",
            r"(?:invite|inviting) you (?:as|to be) (?:an? )?(?:\w+ )?(?:speaker|keynote|chair"
            r"|editor)",
            r"(?:invitarle|invitarla|invitarlo|invitamos) (?:\w+ ){0,3}(?:ponente|a publicar"
            r"|a escribir)",
            r"(?:cuota|tasa) de (?:inscripcion|registro)|peer review (?:\w+ ){0,3}\d+ days",
            r"revision por pares en \d+|organi[sz]ing committee|comite (?:cientifico|organizador)",
            r"comite editorial|honou?rable speaker|greetings of the day|esteemed (?:researcher"
            r"|author)",
            r"dear (?:author|researcher|esteemed)|distinguido investigador",
            r"shortlisted|preseleccionad[oa]|placa conmemorativa|certificado de calidad",
            r"gastos de gestion|(?<!no )sponsorship fee|guia de las mejores"
            r"|top (?:\w+ ){1,2}in the state",
            r"(?:verified|targeted|opt-?in) (?:\w+ ){0,3}(?:list|contacts|records|database)",
            r"(?:attendees?|patient|patients|expectant mothers) (?:email )?list\b|direct dials",
            r"counts and pricing|target (?:geography|audience|market)|campanas de captacion",
            r"(?:listado|lista|base de datos) (?:\w+ ){0,2}actualizad[oa] de",
            r"(?<![\d.,])[\d.,]++ (?:registros|contactos|personas interesadas)",
            r"pre-?qualified (?:\w+ )?(?:patients|leads)|per (?:booked )?appointment\b",
            r"pacientes (?:potenciales|nuevos cada)|perdiendo (?:muchos )?pacientes",
            r"patient (?:retention|acquisition)|drop-?off by",
            r"somos (?:distribuidores|fabricantes|importadores|agente digitalizador)|kit digital",
            r"(?:distributor|manufacturer|factory|facilitator|wholesaler) of\b"
            r"|from (?:\w+ )?factory",
            r"precio de lanzamiento|lista de precios|pedido minimo|minimum order|monthly quantity",
            r"compra mayorista|big stock|(?:send|offer|ship)\w* (?:you )?free samples",
            r"(?:enviamos|ofrecemos|mandamos|enviarle|enviarles) muestras? gratis",
            r"(?:send|enviar|envie|enviarle|mandar) (?:\w+ ){0,2}(?:catalogo|catalog"
            r"|una muestra)\b",
            r"(?:estudio|diagnostico|auditoria|propuesta) (?:gratuit[oa]|gratis|sin compromiso)",
            r"i work with (?:a handful of|several|many|\d+) (?:\w+ ){0,3}(?:practices|clinics)",
            r"trabajamos con (?:mas de )?\d+ (?:consultorios|clinicas|centros)|review my proposal",
            r"factura de (?:la )?(?:luz|electricidad)|codigo cups|uniformes? (?:sanitarios"
            r"|medicos)",
            r"desinsectacion|desratizacion|legionela|(?:office|medical) cleaning and disinfection",
            r"(?:no cumple|incumple) (?:el |la |con )?(?:reglamento|rgpd|lopd|ley de proteccion)",
            r"medical tourism|turismo medico|(?:referral )?commission (?:for"
            r"|per) (?:each )?patient",
            r"\$ ?\d+ commission|comision por (?:paciente|referido)|all-inclusive package",
            r"paquete todo incluido|(?<![\d.,])\d++(?:[.,]\d++)? happy patients"
            r"|pacientes satisfechos",
            r"service that writes (?:\w+ ){0,2}(?:papers|essays|assignments)|writes nursing papers",
            r"(?:ranking|guide|directory) (?:\w+ ){0,4}(?:clinics|providers|therapists) (?:by"
            r"|nationwide)",
            r"clearing (?:out )?(?:our )?warehouse|clearance sheet|warehouse (?:stock|inventory)",
            r"free sample pack|below (?:the )?(?:big )?distributors|liquidacion de (?:stock"
            r"|inventario)",
            r"(?:somos|soy) (?:una |un )?(?:temporal|call center|desarrollador web)"
            r"|hojas de vida en \d+",
            r"manejamos sus (?:perfiles|redes)|publicaciones al mes|(?:le|les) mandamos ejemplos",
            r"contestamos sus llamadas|(?:ai|virtual|24/7) receptionist|picks up every call",
            r"medical interpreters|certified (?:medical )?(?:interpreters|translation)",
            r"traduccion certificada|tarifa desde|billed per minute|locum|provider gaps",
            r"recordatorios automaticos|reduc\w* (?:las )?ausencias|we only charge a percentage",
            r"cobrar mas rapido|reducir glosas|under-coded|paper intake forms"
            r"|save \d+ hours a week",
            r"le invita a enviar|proceso de revision rapido|cordially invite|oral or poster",
            r"speaker slot|limited slots left|i work with a few (?:\w+ ){0,2}(?:clinics|practices)",
            r"(?:patient|patient-facing|doctor intro|testimonial|welcome) videos?\b|video studio",
            r"videographer|(?<!\d)\d++-second (?:patient |explainer )?(?:videos?|explainers)",
            r"consultora de reclutamiento|empresa (?:de trabajo temporal|dedicada a la gestion)",
            r"les presentamos candidatos|os lo cubrimos|candidatos evaluados",
            r"pre-?screened (?:\w+ ){0,2}(?:staff|candidates|temps)"
            r"|struggling to cover (?:\w+ ){0,3}shifts",
            r"manejamos redes sociales|redes sociales para (?:centros|clinicas)|armo sitios",
            r"disenamos paginas web|paginas web para (?:hospitales|consultorios|clinicas)",
            r"below new price|medical office cleaning|cleaning company|no-show rate|cut no-shows",
            r"two-way text reminders|virtual intake team|referral growth|physician liaison",
            r"fill (?:their|your) panels|campaigns for (?:blood centers|clinics|practices)",
            r"conseguir familias nuevas|anuncios en redes sociales|sponsor a post",
            r"we write it,? you (?:just )?publish|\$ ?\d+ per post"
            r"|replacing one of the (?:\w+ )?links",
            r"translate patient forms|translation agency|certified (?:medical )?translators",
            r"contact database of|ai-assisted notes|(?:all-in-one|cloud) (?:ehr|emr)|quick wins",
            r"missing structured data|missing from the map|testimonial films|small video team",
            # Round four: domain brokers.
            r"premium domain|exact[- ]match (?:\.com|domain)|dominio premium"
            r"|before it goes to (?:public )?auction|antes de que salga a subasta",
            # Round four: directory listings signed away.
            r"by signing you agree|al firmar (?:usted )?acepta|(?:(?<!\d)\d++|two"
            r"|three)-year listing"
            r"|listing at \$",
            # Round four: essay writing for nursing students.
            r"100 ?% original|any deadline|(?:us|uk)-based writers",
            # Round four: followers and ads sold in a comment, goods sold by a reader, practices
            # bought, directories.
            r"vendo (?:\w+ ){0,4}(?:nuevos?|nuevas?|en caja|seguidores|likes|originales)"
            r"|(?:quieren|quiere) ser distribuidor\w*|les ofrezco mi (?:negocio|producto)"
            r"|seguidores (?:reales|argentinos|mexicanos|latinos)|(?:1000|mil) seguidores",
            r"campanas de (?:meta|facebook|google) ads|meta ads|te ayudamos a crecer"
            r"|mandanos mensaje",
            r"all-cash offer|acquiring (?:\w+ ){0,2}practices|(?<!\d)\d++-\d++x ebitda"
            r"|p&l and bank statements",
            r"su clinica aparece en nuestra guia|firme y devuelva el formulario"
            r"|mantener su ficha activa",
            # Round four, second batch: social video, transplant packages, coding audits, patients
            # by the month, kickbacks, theses for students.
            r"(?:grow|gain) (?:\d+k\+?|thousands of) followers|we script,? film and edit"
            r"|turning these articles into (?:tiktok|reels|videos)",
            r"packages? starting at|(?<!con )todo incluido(?! ?\?)|(?:cupos"
            r"|spots) de \w+ casi llenos"
            r"|aparta (?:tu lugar )?con \$",
            r"coding audit|under-?cod\w+|claim one of (?:this|our) month'?s spots",
            r"llenar su agenda con|si no le traemos pacientes|(?:fill|filling) your (?:schedule"
            r"|calendar) with",
            r"le pago \0 ?\d+ por cada (?:poliza|paciente|referido)|i(?:'ll"
            r"| will) pay you \0 ?\d+ (?:for|per) (?:each|every) (?:referral|patient|policy)",
            r"hacemos tfg|tfg y tfm|pasan el antiplagio|trabajos? de fin de grado",
            # Round four, second batch: pay-to-play podcasts, recruiters and debt collectors,
            # equipment for sale, robot receptionists, courses, donations for a name on a wall.
            r"(?:featured|expert) guest on (?:an upcoming|our)|production fee"
            r"|(?<![\d,])\d[\d,]*+ (?:monthly )?listeners",
            r"reclutamos (?:enfermeras|medicos|personal|terapeutas)|le cuesta encontrar personal"
            r"|su cartera medica|tiene pacientes que le deben|porcentaje de lo recuperado",
            r"asking \$ ?\d|less than half (?:of|the price of) new"
            r"|refurbished (?:(?<!\d)\d++ )?\w+ (?:\w+ )?(?:unit|machine)s? available",
            r"calls your (?:clinic|practice|office) missed|(?:agente"
            r"|asistente) de (?:inteligencia artificial|ia) que (?:contesta|responde)"
            r"|implementamos un (?:agente|chatbot|asistente)",
            r"matricula abierta|titulo propio|curso online de (?:\w+ ){1,6}con titulo",
            r"a gift of \$ ?\d+|put your (?:clinic|practice|business)'?s name on",
            r"ayudas (?:\w+ ){0,3}a fondo perdido|kit digital|usted no adelanta nada"
            r"|quedan pocas plazas en esta convocatoria",
            r"(?:automated|automatic|virtual|ai|smart) (?:\w+ )?(?:receptionist|front desk"
            r"|phone assistant)s?",
            r"(?:recepcionista|asistente(?: de chat| virtual)?) (?:automatic[oa]|inteligente)",
            r"our chat ?(?:assistant|bot)|chat ?(?:assistant|bot) (?:that |which )?(?:answers"
            r"|handles|books)",
            r"(?:2|two|5|five|10|15|20|30|quick|short)[- ]minute (?:demo|walkthrough|video demo)",
            r"(?:send|show) you a (?:\w+ ){0,3}demo|(?:book"
            r"|schedule) (?:you in for )?a (?:\w+ ){0,2}demo\b",
            r"(?:le|te|les) (?:agendo|enseno|muestro|hago|ensenamos|mostramos) una (?:demo"
            r"|demostracion)",
            r"(?:demo|demostracion) (?:gratuita|gratis) de \d+ minutos|free pilot\b",
            r"(?<!\d)\d++ dias de prueba gratis|pruebel[ao] gratis|prueba gratuita de \d+ dias",
            r"(?:overpaying|save \W?\d[\d,]*\+?) (?:\w+ ){0,4}(?:card fees|card processing)"
            r"|card terminals",
            r"practice management (?:software|system|platform)|software de gestion (?:para"
            r"|de) clinicas",
            r"(?<!\d)\d++ posts? (?:\+|and|y) \d+ reels|(?:publicaciones|posts) y reels"
            r"|community manager\b",
            r"sample posts for free|(?:site|website|web) (?:loads|takes) (?:in )?\d+ (?:seconds"
            r"|segundos)",
            r"core web vitals|(?:he|hemos) (?:detectado|encontrado) \d+ errores"
            r"|errores tecnicos que",
            r"(?:found|detected) \d+ (?:\w+ )?(?:errors|issues) (?:on|in|with) your",
            r"(?:su|tu) ficha de google|google (?:maps|business) (?:listing|profile) has \d+",
            r"real-looking (?:\w+ )?reviews|reviews from local accounts|drip-fed",
            r"valoraciones positivas (?:cada mes|de forma automatica)|decenas de (?:valoraciones"
            r"|resenas)",
            r"placement fee|send (?:over )?(?:some )?(?:candidate )?profiles\b",
            r"cobramos (?:un|1) mes de (?:sueldo|salario)|enviarme su cv|envienme su cv",
            r"(?:fisioterapeutas|enfermeras|enfermeros|higienistas"
            r"|auxiliares) (?:\w+ ){0,4}disponibles para trabajar",
            r"(?:end-of-financial-year|end of (?:the )?financial year|clearance) sale"
            r"|with a demo unit",
            r"(?:reacondicionad[oa]s|refurbished) (?:\w+ ){0,2}(?:con garantia"
            r"|with (?:a )?warranty)",
            r"ultimas unidades|margen del \d+ ?%|(?<!\d)\d++ ?% margin for (?:clinics|practices)"
            r"|delegado de (?:su|tu) zona",
            r"offshore (?:virtual )?(?:assistants|staff|team)"
            r"|virtual assistants? (?:\w+ ){0,6}\$\d+ ?/ ?(?:hour|hr)",
            r"(?:not|isn'?t) ada[- ]complian|free (?:ada |accessibility )?compliance scan",
            r"who handles (?:the )?(?:marketing|social media|advertising)"
            r"|who handles (?:\w+ ){1,3}marketing",
            r"person in charge of (?:partnerships|marketing|collaborations|advertising)",
            r"(?<!\d)\d++(?:-\d+)? (?:more |new )?patients (?:per|a|each) month (?:without|with)",
            r"especialista en (?:publicidad|marketing) (?:online|digital)|captando el doble",
            r"(?:somos|soy) (?:una )?(?:agencia"
            r"|especialista) (?:especializada )?en el sector (?:salud|sanitario)",
            r"non-drop|aged (?:local )?accounts|genuine-looking (?:\w+ )?reviews",
            r"(?<!\d)\d++k? (?:real|targeted|real,? targeted) followers"
            r"|grow your (?:\w+ ){0,2}(?:accounts?|following) to",
            r"(?:noticed|found) a broken link|(?:would make|as) a (?:great |perfect )?replacement",
            r"(?:hacemos|hago) diseno(?: web)? para (?:farmacias|clinicas|consultorios)"
            r"|sin permanencia|soy disenador web",
            r"presupuesto sin (?:cargo|compromiso|coste)|nuestro asistente (?:de chat|virtual"
            r"|automatico)",
            r"(?:demo|demostracion) de \d+ minutos|(?:website|site) translated into"
            r"|\$0\.\d+ per word",
            r"(?:gestionamos|llevamos) (?:vuestro |su )?(?:instagram|tiktok|redes)"
            r"|tercerizacion de personal",
            r"(?:place|placing) (?:experienced )?(?:rns|nurses|carers|hcas)|zero upfront cost"
            r"|sin cargas sociales",
            r"(?:solicite|pida) (?:su |el |nuestro )?catalogo|financiamiento directo a \d+ meses",
            # Round six.
            r"(?:wcag|ada) (?:\d\.\d )?(?:violations|compliance (?:audit|scan)|website lawsuits?)"
            r"|accessibility (?:scan|audit) (?:on|of) your|ada (?:website )?lawsuits?",
            r"we buy (?:used|surplus|old|unwanted)|(?:compramos|compro) (?:equipos?"
            r"|equipo medico) (?:usados?|en desuso)|make (?:you )?an offer within",
            r"a fondo perdido|puede ser beneficiari[oa]|nos encargamos de (?:toda )?la tramitacion"
            r"|subvencion de hasta",
            r"creadora? de contenido|content creator with"
            r"|hacer (?:un )?canje|colaboracion con (?:su|tu) (?:clinica|consultorio|marca)"
            r"|collab(?:oration)? with your (?:clinic|practice|brand)",
            # Round six.
            r"certificado a nombre de (?:la )?universidad|valor curricular",
            # Round seven.
            r"(?:le|les) consigo (?:mas )?pacientes|(?:le|les) garantizo (?:minimo|al menos) \d"
            r"|o no me paga|solo (?:cobramos|cobro) (?:por resultados|si (?:gana|ganamos"
            r"|funciona))|(?:recuperamos|recuperar) (?:hasta )?(?:el )?\d+ ?% de (?:su )?cartera"
            r"|cartera vencida",
            r"(?:ayudamos|ayudo) a (?:clinicas|consultorios|medicos|doctores|hospitales|dentistas"
            r"|centros|psicologos)|(?:nosotros )?(?:lo|la|los) solucionamos en \d|(?:me"
            r"|nos) (?:pasan?|da|dan|facilita) un (?:celular|telefono|numero) de contacto para"
            r" (?:charlar|conversar|hablar|explicar|presentar)\w*",
            r"ofrezca a sus pacientes|(?:financiamos|arriendo de|arrendamos|leasing de) (?:su "
            r"|sus )?(?:equipo|equipos|equipamiento)|(?:le|les) escribo para ofrecer(?:le|les)"
            r"|(?:hago|hacemos|disenamos|creamos) (?:sitios|paginas) web para|(?:nos encargamos"
            r"|me encargo) de toda su (?:facturacion|cobranza|publicidad)",
            r"(?:le|les) interesa aparecer en|(?:pagina|espacio) disponible a (?:mitad de precio"
            r"|precio especial)|seleccionad[oa] para (?:una entrevista|aparecer|el premio"
            r"|formar parte de (?:nuestra|la) (?:guia|revista|edicion))",
            r"(?:would you be|are you) interested in (?:getting|adding) (?:\d+|more)"
            r"|just reply ['\"]?yes|reply ['\"]?yes['\"]? (?:for|to get|and i'?ll)|(?:portfolio"
            r"|samples) (?:available )?on request|we buy and sell|(?:we'?ll |we )?pay top dollar"
            r"|interested in (?:buying|purchasing) your (?:website|domain)",
            r"(?:a|my) proposal to (?:cut|reduce|lower|save)|(?:right|best) (?:email|person"
            r"|contact) for the (?:practice|office) manager|\bapcs? (?:of|is|only|fee)"
            r"|article processing (?:charge|fee)"
            r"|(?<!\d)\d++k followers (?:for|por) (?:only |solo )?(?:\$|\d)"
            r"|(?:buy|get|compra) \d++k followers",
            r"(?:we|i) (?:buy|purchase) (?:aged|old|used|pre-owned|decommissioned|unused)"
            r"|(?:refurbished|pre-owned) (?:\w+ ){0,4}(?:in stock|below new|for sale)",
            r"bad reviews\? we remove|(?:eliminacion|remocion|borrado) de resenas"
            r"|resenas negativas(?:\W+\w+){0,8} (?:quitamos|eliminamos|borramos)|we remove (?:bad"
            r"|negative|fake|unfair) reviews|nosotros las (?:quitamos|eliminamos)",
            # Round seven.
            r"(?:keynote|speaker) slots?|(?:session chair|keynote speaker) (?:and|at|for)"
            r"|invite you to serve as|curating speakers|official housing (?:provider|bureau)"
            r"|(?:short )?commentary or (?:a )?mini[- ]review|capitulo en (?:el"
            r"|un) libro colectivo",
            r"plazo de envio de comunicaciones|certificarte como|(?:curso"
            r"|programa) 100 ?% (?:virtual|online)|(?:cme|ce) credits? before"
            r"|accredited credit hours|peer review(?:er)? (?:excellence|certification)"
            r"|quality seal|qualifies for the 20\d\d",
            r"(?:su|tu) perfil (?:\w+ ){0,6}no ha sido verificado"
            r"|perfiles? (?:\w+ ){0,4}seran? dad[oa]s? de baja|(?:su"
            r"|tu) ficha en la guia|inscripcion de (?:su|tu) (?:consultorio|clinica"
            r"|centro) en el registro|(?:su|tu) cedula profesional presenta"
            r"|programa de visitas de verificacion",
            r"(?:listing|listed) (?:only )?takes \d+ minutes|add your (?:clinic|practice) (?:to"
            r"|on) (?:our|the) (?:directory|site|list)",
            # Round seven.
            r"(?:manufacturer|factory|exporter|supplier)s? and (?:exporter|supplier|distributor"
            r"|manufacturer)s?|somos (?:fabricantes|distribuidores|importadores) (?:y"
            r" (?:exportadores|distribuidores|fabricantes)|directos|mayoristas)"
            r"|somos una productora\b",
            r"equipment financing|soft credit (?:pull|check)|100 ?% financing"
            r"|notice of non-?compliance|(?:our|my) client, a visually impaired|(?:obligatoriedad"
            r"|deben cumplir) (?:\w+ ){0,4}(?:canal de denuncias|proteccion de datos|norma)",
            r"no fee unless you hire|candidates who are actively looking|free \d+-day trial",
            r"(?<!\d)\d++k followers (?:\w+ ){0,5}(?:for|por) (?:only |solo )?\$",
            # Round eight.
            r"(?<!pay )(?<!take )(?<!accept )(?<!no )(?<!any )referral (?:fee|commission"
            r"|bonus)|(?:generous|attractive) (?:referral )?fee|(?:fee|commission"
            r"|bonus) (?:for|on) (?:each|every) (?:patient|booking|referral|client)"
            r"|(?<!\d)\d++ ?% (?:referral )?commission|comision (?:del? )?(?<!\d)\d++ ?%"
            r"|comision por (?:cada )?(?:paciente|referido|reserva|venta)",
            r"medical tourism|turismo (?:medico|de salud)|(?:coordinate|coordinator"
            r"|coordino) (?:\w+ )?international patient|partner hospitals (?:abroad|in|offer)"
            r"|hospitales (?:asociados|aliados) (?:en|ofrecen)",
            r"(?:diplomado|maestria|curso|certificacion|posgrado"
            r"|programa) (?:\w+ ){0,6}(?:100 ?% online|con aval (?:universitario|academico))"
            r"|(?:diploma|course|certification|program) (?:\w+ ){0,6}(?:100 ?% online"
            r"|university[- ]accredited)|(?:plazas|cupos) limitad[oa]s con|limited (?:spots"
            r"|seats|places) (?:with|at) (?<!\d)\d++|(?:recibir|solicitar) el temario|(?:receive"
            r"|request) the (?:full )?(?:syllabus|curriculum)",
            r"(?:send|ship|offer) (?:\w+ ){0,3}(?:free|complimentary) samples|(?:enviar"
            r"|enviarle|enviarles|mandarle|mandarles|ofrecerle"
            r"|ofrecerles) (?:\w+ ){0,3}muestras (?:gratis|gratuitas|sin costo)|(?:special"
            r"|exclusive) discount (?:for|to) your (?:patients|clients)"
            r"|offer your patients (?<!\d)\d++|descuento (?:especial|exclusivo) (?:para|a) (?:sus"
            r"|tus"
            r"|vuestros) pacientes|ofrecer a (?:sus|tus|vuestros) pacientes un (?<!\d)\d++",
            r"(?:probarla|probarlo|pruebela|pruebala|pruebelo) gratis (?:durante"
            r"|por) (?<!\d)\d++ (?:meses|dias|semanas)|try (?:it|us) (?:free"
            r"|for free) for (?<!\d)\d++ (?:months|days|weeks)|(?:agency|agencia) (?:that"
            r"|que) (?:places|coloca|gestiona) (?:sponsored|patrocinad)"
            r"|sponsored posts? (?:for|on) your|publicaciones patrocinadas (?:en|para) (?:tu"
            r"|su)",
            r"(?:distribucion|distribuir|distributor|distribute|distribuidor\w*) (?:de "
            r"|of )?(?:un |una |a |our )?(?:suplemento|supplement|producto|product|crema"
            r"|cream)|(?:colegas|colleagues|dermatologos|dermatologists|doctors"
            r"|medicos) (?:ya )?(?:lo )?(?:recetan|prescribe|recommend|recomiendan) y (?:ganan"
            r"|earn)",
            r"\b(?:send|share|forward) (?:you )?(?:a few |some |several )?(?:anonymi[sz]ed"
            r"|blind) (?:candidate )?(?:profiles|resumes|cvs)",
            r"on a contingency basis|(?:our|the|a) (?:placement |recruiting "
            r"|search )?fee is \d++ ?% of (?:the )?first.year",
            r"we only charge (?:when|if) you (?:hire|make a hire)|solo cobramos (?:cuando"
            r"|si) (?:usted )?contrat\w+",
            r"\b(?:dedicad[ao]s?"
            r"|especializad[ao]s?) (?:\w+ ){0,3}(?:busqueda y )?seleccion de personal (?:sanitario"
            r"|asistencial|medico|de salud|de enfermeria)"
            r"|consultora de recursos humanos (?:\w+ ){0,8}(?:sector salud|sanitario|clinicas)",
            r"conocer sus necesidades (?:actuales )?de personal|(?:learn"
            r"|hear) (?:more )?about your (?:current )?(?:staffing|hiring) needs",
            r"\b(?:comision|compensacion|pago|reconocimiento economico|incentivo"
            r"|porcentaje) por cada (?:ingreso|paciente|joven|internamiento|referido|admision"
            r"|estudiante aceptado)",
            r"\b(?:\d++ ?% )?(?:affiliate|referral) commission (?:on|for) (?:every"
            r"|each) (?:enrollment|sale|client|purchase|referral|patient)",
            r"\b(?:your (?:practice|clinic)|partners?|clinics?) (?:would |will "
            r"|also )*(?:receive|earn|get)s? \d++ ?% (?:of|on) (?:every|each|all)\b",
            r"\b(?:nuestro programa|our program) (?:coloca"
            r"|places) (?:\w+ ){0,4}(?:en rotaciones|in (?:observerships|rotations))"
            r"|buscamos clinicas aliadas|(?:we are )?looking for partner clinics to host",
            r"\bcall cent(?:er|re) (?:\S+ ){0,6}(?:handles|receives|takes) (?:over "
            r"|more than )?[\d,.]++ (?:\S+ ){0,3}(?:inquiries|calls)|\bcentral de (?:atencion"
            r"|llamadas) (?:\S+ ){0,4}recibe (?:mas de )?[\d.,]++ (?:llamadas|consultas)",
            r"denied (?:and underpaid )?claims|(?:aging )?a/r on contingency|on contingency"
            r"|you pay nothing unless|leaving on the table|no (?:pagas|paga) nada (?:si no"
            r"|hasta que|a menos que)|(?:reclamaciones|reclamos) (?:\w+ )?(?:denegad"
            r"|rechazad)\w+",
            r"fundraiser (?:\w+ ){0,8}(?:keep|earn) (?<!\d)\d++ ?%|(?<!\d)\d++ ?% profit on every"
            r"|donor acquisition|triple their giving|(?<!\d)\d++(?:,\d++)? new recurring donors"
            r"|your (?:charity|organization|nonprofit) earns a share|earns a share of every"
            r"|(?:recaudacion|recaudar fondos) (?:\w+ ){0,6}(?<!\d)\d++ ?% de (?:ganancia"
            r"|beneficio)",
            r"\b(?:a|our|standard|the|(?<!\d)\d++ ?%) (?:facilitation|coordination|referral"
            r"|finder['’]?s?|introduction) fee",
            r"\b(?:manejamos|cobramos|trabajamos (?:con|sobre)|work on|charge) (?:un |a "
            r"|el )?(?<!\d)\d++ ?% (?:por|per|of|del|de)\b",
            r"\b(?:we |i )?(?:translate|localize) (?:and localize )?(?:\w+ ){0,2}(?:websites?"
            r"|web sites?|sites) (?:into|to|in) ",
            r"\b(?:invite|invitar\w*|pleased to invite) (?:your |su |a su )?(?:hospital|clinic"
            r"|clinica|practice|centro|consultorio) to (?:exhibit|apply|participate|join)",
            r"\b(?:speaker|faculty) registration\b|\bfaculty fee\b|\b(?:cuota"
            r"|inscripcion) de (?:ponente|conferencista)\b",
            r"\b(?:no|without) (?:an? )?(?:on-?site |site )(?:visit|survey"
            r"|inspection)(?: required)?\b|\bsin (?:visita|auditoria|inspeccion) (?:presencial"
            r"|in situ)\b",
            r"\b(?:fast-?track|expedited|express) (?:\w+ ){0,2}(?:accreditation|certification"
            r"|acreditacion|certificacion|evaluation)\b",
            r"\b(?:certificacion|formacion|curso|cursos"
            r"|acreditacion)(?: \S+){0,8} a coste cero\b|\b(?:100 ?%|totalmente"
            r"|integramente) bonificad[ao]s?\b|\bse bonifica\b|\bcreditos? de formacion\b",
            r"\b(?:acquire|acquires|acquiring|buy|buys|buying|purchase"
            r"|purchases) (?:\w+ ){0,2}(?:practices|clinics|urgent cares|medical offices)\b",
            r"\b(?:ever thought about|ever considered) (?:selling|retiring)\b"
            r"|\bconversation about valuation\b",
            r"\b(?:visto|detectado|encontrado|identificado|found|detected|noticed"
            r"|identified) (?:al menos |at least |hasta )?(?:(?<!\d)\d++|dos|tres|varias"
            r"|multiples|two"
            r"|three|several|multiple|critical|criticas|graves) (?:\w+ )?(?:vulnerabilidad\w*"
            r"|vulnerabilit\w+|brechas? de seguridad|fallos? de seguridad|security (?:holes"
            r"|flaws|gaps|issues))\b",
            r"\b(?:casilla de consentimiento|informacion de primera capa)\b",
            r"\bfactura proforma(?: \S+){0,12} (?:publicacion|inclusion|edicion|guia"
            r"|directorio|boletin)",
            # Round eight.
            r"tired of (?:chasing )?(?:\w+ ){0,2}credentialing|credentialing (?:delays"
            r"|headaches) (?:are|cost)|(?:we'?ve|we have) credentialed"
            r"|we handle (?:the )?(?:whole|entire|full) (?:process|credentialing)"
            r"|mockups? free of charge|(?:share|send) (?:you )?(?:a few |some "
            r"|several )?(?:free )?mockups?",
            # Round eight.
            r"(?:ceu|cme|ce) (?:bundle|package)s? for \$|lapsed (?:credits|credentials"
            r"|licenses) (?:may|will)|(?:creditos|colegiaturas?) vencid[oa]s (?:podrian|pueden"
            r"|no podran)",
        ),
    ),
    # A product or a healer sold inside a patient's story: the cure that doctors could not
    # believe, the official website to search for, the name to click. A reader telling their own
    # story names a doctor or a treatment, not where to buy it.
    "product_testimonial": (
        2.0,
        (
            r"only (?:available )?(?:from |on |at )?(?:the |their |its )?official (?:web ?)?site",
            r"search (?:for )?(?:\w+ ){1,4}official (?:web ?)?site",
            r"thank me later",
            r"(?:click|tap) (?:on )?my (?:name|profile)",
            r"free bottles?\b",
            r"before (?:the )?(?:stock|supplies) run",
            r"(?:he|she) (?:also )?cures\b",
            r"herbal (?:doctor|cure)|\bdr\.? \w+ herbal",
            r"spell ?caster",
            r"(?:email|whatsapp) (?:him|her) (?:at|via)\b",
            r"busque\w* (?:la |el |su )?(?:web|pagina|sitio) oficial",
            r"solo (?:en|desde) (?:la |el |su )?(?:web|pagina|sitio) oficial",
            r"me lo (?:agradeceran|agradeceras|agradecera)",
            r"(?:haz|haga|hagan|hace) clic en mi (?:nombre|perfil)",
            r"(?:bote|frasco) gratis",
            r"tambien cura (?:el |la )?(?:vih|herpes|cancer|diabetes)",
            r"escribele a|hasta agotar (?:existencias|stock)",
            # Where the story's product is bought.
            r"search (?:for )?(?:it|them) online|(?:only )?available only online|only available"
            r" online",
            r"(?:they|it|we) ships? (?:worldwide|to any country|everywhere)|(?:on sale|discounted)"
            r" this week",
            r"look (?:up|for) (?:\w+ ){0,3}(?:pills|tea|drops|formula|capsules|gummies|oil|patch)",
            r"(?:testify|testimony) (?:about|of|to) (?:the )?(?:great )?(?:work|power)|(?:he"
            r"|she) is real\b",
            r"contact (?:him|her|them) (?:at|on|via|through) (?:his|her|their)",
            r"(?:las|los|la|lo) vendo|vendo (?:por|en) catalogo|hago envios|envios a todo"
            r"|envios a toda",
            r"(?:pidan|pide|pida) (?:el|la|los|las|su) (?:\w+ ){0,2}por (?:inbox|interno|mensaje)"
            r"|por inbox",
            r"(?:les|te) paso (?:la )?info",
            # The miracle cure's clichés: what doctors hide, the video before it is taken down.
            r"(?:doctors|they) (?:don'?t|do not) want you to know|(?:doctors|they) hate (?:this|him"
            r"|her)|big pharma|one (?:weird|simple) trick",
            r"before (?:it gets|they take it|it is) (?:taken )?down|(?:not|never) paid to say this",
            r"(?:can be |is )?reversed in \d+ days|i have the cure for|100 ?% herbal"
            r"|(?:natural|herbal|organic)(?: \w+){0,3},? (?:and |with )?no side effects",
            r"(?:link|links) in (?:my|the) next comment|on sale (?:today|now) only|today only",
            r"(?:medicos|doctores|cardiologos|dermatologos|oncologos|urologos"
            r"|farmaceuticas) no quieren que (?:sepas|sepan|se sepa)"
            r"|(?:farmaceuticas|laboratorios) lo (?:ocultan|esconden)",
            r"antes de que lo (?:borren|eliminen|quiten|censuren)|(?:se|lo) revierte en \d+ dias",
            r"(?:link|enlace) en el (?:siguiente|proximo) comentario"
            r"|(?:en oferta )?solo (?:por )?hoy"
            r"|tengo la cura (?:para|del|de la)",
            r"(?:medicos|doctores) (?:lo )?odian|truco (?:sencillo|secreto|casero)"
            r"|farmaceutic\w* (?:lo )?ocult\w*|industria farmaceutica (?:lo )?(?:oculta|esconde)",
            r"\bdot com\b|punto com\b|(?:dar|doy|quiero dar) testimonio|\bbrujo|amarres?\b"
            r"|trabaja a distancia|gestor\w* de inversiones|(?:busquenla|busquenlo) en instagram",
            # A seller in a reader's story, and the product sold in it.
            r"\b(?:i|we) (?:re)?sell (?:it|them) (?:online|in bulk|by catalog)|i now (?:re)?sell"
            r"|which i (?:now )?(?:re)?sell"
            r"|i now resell|i can sell (?:them|it)|(?:estoy vendiendo|que vendo|que vendemos)",
            r"(?:traditional|native|herbal) healer|cur(?:es?|a) (?:el |la )?(?:herpes|hiv|vih"
            r"|hepatitis(?: b)?|cancer|diabetes)(?:,| and| y)",
            r"(?:spiritual|prayer) (?:mother|father|healer)|curander[oa]|hizo una limpia"
            r"|blessed oil|aceite bendito|si quieren el contacto|(?:dm|message|text) me for"
            r" (?:the )?contact|i can send you (?:his|her) number|mandenme (?:un )?mensaje privado"
            r"|(?:que )?preparo y vendo|(?:website|link|pagina|web) (?:in|en) mi? (?:my )?(?:name"
            r"|nombre)|not allowed to (?:say|share|name)",
            r"until (?:i|we) (?:\w+ ){0,4}(?:cream|serum|oil|soak|drops|supplement|device|patch"
            r"|belt|tea|formula|capsules|gummies|spray|balm|powder|pills)|hasta que (?:\w+ ){0,4}"
            r"(?:crema|aceite|gotas|suplemento|faja|pomada|capsulas|parche|serum)",
            r"(?:que )?ahora (?:vendo|distribuyo)|i now distribute|se vende solo por catalogo"
            r"|busquen?la en facebook|pidela con envio|pago contra entrega|cash on delivery",
            # Round three: the doctor who could not believe it, where the product is got, the seller
            # who answers in private, in English and Spanish.
            r"(?:medico|doctor|dermatologa?|ginecologa?|cardiologo|doctora) no (?:se )?lo (?:podia"
            r" creer|podian creer|explica|explicaba|explicaban)|(?:los )?medicos no se lo explica",
            r"(?:doctor|dermatologist|cardiologist|oncologist|gynecologist) was (?:shocked|amazed"
            r"|speechless)",
            r"(?:dermatologists|doctors|clinics) (?:are furious|won'?t tell you)",
            r"lo que no te (?:cuenta|dice|dicen)|no te lo (?:dicen|cuentan) porque",
            r"(?:quien|el que|la que|si alguien) quiera (?:el|la|los|las) \w+ (?:que )?me escrib",
            r"(?:escribidme|escribanme|escribeme|mandenme mensaje"
            r"|mandame (?:un )?privado) (?:\w+ ){0,6}"
            r"(?:precio|contacto|info)",
            r"(?:os|les|te) paso (?:el |su )?(?:precio|contacto)|precio de distribuidor",
            r"envio a (?:toda|todo)\b|envios? a toda la republica|(?:he|she) ships worldwide",
            r"(?:dar|doy) (?:mi )?testimonio|(?:share|sharing) my testimony",
            r"escrib(?:anle|idle|ele|anles) (?:a|al) |contactenlo|contactenla|contact him:",
            r"(?:se compran|se consiguen|la consiguen|lo consiguen) en(?! cualquier| (?:la |una )?"
            r"(?:farmacia|ortopedia|supermercado))"
            r"|(?<!cuanto )(?<!cuanto me )(?<!que )sale (?:el|la) primer[oa]",
            r"herbal medicine from|hierbas (?:naturales|peruanas|mexicanas|africanas)",
            r"gotas que prepara|libro electronico gratuito|free e-?book|yo se las compro",
            r"not sure if i can post links|(?:it'?s|esta) (?:all )?on their (?:web)?site",
            r"(?:hacker etico|ethical hacker)",
            r"stopped taking my (?:meds|medication|pills|insulin)|stopped my (?:\w+ ){0,3}pills",
            r"ya no (?:uso|tomo|necesita) (?:pastillas|medicamentos|insulina|medicina)",
            r"no se dejen operar|no dejen que les vendan|lo natural cura"
            r"|la naturaleza (?:lo )?cura",
            r"link in name|(?:dejo|deje) en mi nombre",
            r"(?:my|mi) (?:therapist|doctor|dermatologist|endocrinologist|medico|doctora?) (?:was"
            r"|quedo)"
            r" (?:amazed|shocked|sorprendid[oa]|impresionad[oa])",
            r"free trial bottle|just pay (?:for )?shipping|solo pagas? el envio|herbalist",
            r"for curing (?:my|me)|por curar(?:me| mi)|contact (?:him|her|them):? \S+@",
            r"escr[ií]b(?:ale|anle) a \S+@|(?:las|los|lo|la) venden en (?:la )?(?:pagina|web)",
            r"pidan?lo en (?:la|su)|en la pagina lo venden",
            r"los medicos (?:solo )?quieren cobrar|me dio la receta|medicina tradicional africana",
            r"(?:lo|la|los|las) (?:\w+ )?(?:envian|mandan|manda|envia) por mensajeria|ionizador"
            r"|agua alcalina|did a lot of research before trying",
            r"since starting \w+ (?:\w+ ){0,2}(?:powder|drops|gummies|pills|serum|tea)",
            r"(?:empece|empezo|empezamos) a tomar (?:el |la |los |las |unas? )?\w+ (?:max|plus"
            r"|pro|forte)",
            r"without a script|pharmacy overseas|farmacia del extranjero",
            # Round four: cures that amazed the doctors, and a clinic's referral.
            r"(?:my|mi|mis) (?:\w+ )?(?:nurse|oncologist|pulmonologist|cardiologist|enfermera"
            r"|oncologo|doctors?|medicos?) (?:was|were|quedo|quedaron) (?:amazed|shocked"
            r"|speechless|sorprendid[oa]s?|impresionad[oa]s?)",
            r"(?:los |mis |the )?(?:doctores|medicos|doctors) no (?:lo )?(?:podian|podia"
            r"|pudieron) creer|doctors (?:couldn'?t|could not) believe",
            r"(?:we(?:'ve| have)|hemos) (?:cured|healed|helped|sacado"
            r"|curado) (?:\w+ ){0,2}(?:hundreds|thousands|cientos|miles) (?:of|de)",
            r"tell (?:him|her|them) (?:\w+ ){1,3}(?:sent|referred) you|dile que (?:vas"
            r"|vienes) de parte de",
            # Round four: cures the doctors would ban, cash on delivery, 'not an ad'.
            r"(?:los medicos|big pharma|doctors) (?:lo |la )?(?:quieren|want to) (?:prohibir|ban"
            r"|hide)|contra ?entrega|cash on delivery",
            r"solo se (?:vende|consigue) en (?:la |el |su )?(?:web|pagina|sitio)"
            r"|todavia no esta en farmacias|not (?:yet )?(?:sold )?in (?:pharmacies|stores) yet"
            r"|se (?:pueden|puede) pedir en su (?:web|pagina)",
            r"not an ad\b|no es publicidad|no es propaganda|before (?:it|this) (?:gets"
            r"|is) (?:removed|taken down|deleted|banned)|antes de que lo (?:borren|eliminen"
            r"|quiten)",
            r"reach (?:him|her) (?:via|on|at|through) (?:email|whatsapp|telegram|instagram)",
            # Round four: spell doctors, a rival praised 'than here', secret rituals and shop codes.
            r"(?:email|contact|write to) (?:him|her) for (?:help|any)|bringing my (?:husband|wife"
            r"|ex|lover|partner) back|traer de vuelta a mi (?:esposo|pareja|ex)",
            r"(?:way|much|mucho|muy) (?:better|cheaper|mejor|mas barato) (?:than|que) (?:here|aqui"
            r"|aca)",
            r"look up '?\w+ (?:\w+ ){0,2}(?:ritual|trick|method|tonic)|(?:japanese|tibetan|ancient"
            r"|kitchen) (?:\w+ ){0,2}(?:ritual|trick|tonic)|ingredientes de (?:la )?cocina",
            r"use (?:the )?code \w+ (?:on|at) their",
            # Round four: 'search it yourself', a coach's free guide, shop codes.
            r"(?<!are )(?<!were )not sponsored(?! or )|no es patrocinado"
            r"|won'?t post the link here|no pongo (?:el )?(?:link"
            r"|enlace) (?:aqui|aca)|don'?t waste your money on",
            r"coach (?:other )?(?:moms|mums|women|parents|people) through|(?:email|message|dm"
            r"|escribe|escribeme|escribime) (?:me )?(?:\S+ )?for my free (?:guide|ebook|plan)",
            r"use (?:my |the )?code [a-z]+\d+ (?:at|on) (?:checkout|their)|first (?:week"
            r"|month) free,? use code",
            r"les dejo el dato de|precios economicos y financiacion",
            # Round four, second batch: promotions, what 'they' hide, a seller's number in a cure
            # story.
            r"buy \d+ get \d+ free|(?:compra|lleva) \d+ (?:y )?(?:lleva|paga) \d+",
            r"(?:doctors|surgeons|dentists|pharma|they) (?:really )?(?:don'?t|do not"
            r"|will never) (?:want you to know|tell you)|los (?:doctores"
            r"|medicos) no (?:lo quieren reconocer|les van a decir)",
            r"message me (?:if you want|for) the (?:name|link|brand)|(?:escribanme|escribeme"
            r"|escribime) (?:\S+ ){0,4}y (?:les|te) (?:digo|paso)",
            r"despacho a todo|envios? a todo (?:el pais|mexico|chile|colombia|argentina)"
            r"|tengo disponible en frascos",
            r"dioxido de cloro|colloidal silver|plata coloidal",
            # Round four, second batch.
            r"(?:lo|la|los|las) venden en su (?:pagina|web)|envio gratis en su (?:web|pagina)"
            r"|(?:las|los|lo|la) compre por internet y|sin probarl[oa]s? antes",
            r"(?:doctors|medicos) (?:\w+ )?(?:hate|odian) (?:it|this|that|este|esto)"
            r"|trick (?:that )?doctors hate",
            r"lost \d+ ?(?:lbs|pounds|kg|kilos) in \d+ (?:days|weeks)|(?:baje|perdi"
            r"|bajo) \d+ ?(?:kilos|kg) en (?:un|una|\d+) (?:mes|semanas?|dias)",
            r"sin dieta ni (?:gimnasio|ejercicio)|no diet,? no (?:gym|exercise)"
            r"|eat whatever i want",
            r"(?:reversed|revirtio) (?:his |her |my |su |mi )?(?:type 2 )?diabet",
            r"(?:quit|dej\w+) (?:my |mis |las |sus )?(?:inhalers|inhaladores) (?:thanks|gracias)",
            r"look up the \w+ protocol|(?:se consigue|consiguelo|lo consiguen) en \S+\.(?:com"
            r"|net|es|online)",
            r"(?:aussie|uk|us|usa) stock available|(?:cleans|limpia) (?:your |tus |los "
            r"|sus )?(?:lungs|arterias|pulmones)",
            r"(?:miles|thousands) (?:de|of) \w+ (?:ya )?(?:dejaron|quit|stopped) (?:las"
            r"|their) (?:pastillas|pills|medication)",
            r"don'?t let them cut you|(?:con el|with the|use the) (?:cupon|coupon|code) [a-z]+\d+",
            r"(?:las|los) (?:pedi|compre) por la web oficial|i'?m not affiliated,? just sharing",
            r"(?:doctors|medicos) (?:are|estan|quedaron) (?:shocked|sorprendidos|impactados)"
            r"|regrows? nerve",
            r"limited stock left|quedan pocas unidades|(?:the )?link is (?:on|in) my profile",
            r"(?:lo|la|los|las) (?:mando|envia|envio|manda) a todo el pais|(?:el"
            r"|ella) envia a todo el pais",
            r"mucho mejor que ir al (?:fisio|medico)",
            # Round six.
            r"lo (?:pedi|compre|consegui|encargue) (?:aqui|en esta (?:web|pagina))|ordered (?:it"
            r"|mine|them) (?:here|from this (?:site|link|website|page))|bought (?:it|mine"
            r"|them) from this (?:site|link|website|page)",
            # Round six.
            r"buy 1 take 1|(?:pm|dm|message|msg|inbox)\w* (?:\w+ ){0,4}for (?:orders?|pedidos?)"
            r"|cod (?:available|nationwide)|cash on delivery"
            r"|message (?:lang )?(?:po )?(?:kayo )?sa page",
            r"lo pido (?:por )?(?:aqui|aca)|(?:pongan|usen|usa|pon|introduce|introduzcan) (?:mi"
            r"|el) codigo",
            # Round six.
            r"(?:los )?(?:laboratorios|farmaceuticas|medicos) no quieren que (?:lo )?(?:sepas"
            r"|sepan)|antes (?:de )?que lo borren",
            r"solo (?:lo|la|los|las) venden en|only sold (?:at|on|through)|se pide en"
            r"|pagas al recibir|pago contra entrega|(?:pay|pagas?) (?:on|al) (?:delivery|recibir)",
            # Round six.
            r"they also (?:treat|cure) (?:\w+,? ){2,5}(?:and|y) \w+|tambien (?:tratan"
            r"|curan) (?:\w+,? ){2,5}(?:and|y) \w+|look them up|stem cell (?:treatment"
            r"|therapy) in (?:mexico|cancun|tijuana|panama)|en oferta 2x1|2x1 en su",
            # Round six.
            r"(?:lo|la|los|las) venden en (?:https?|www|[a-z0-9-]+\.[a-z])|(?:with|use"
            r"|using) my referral (?:link|code)|mi (?:link|enlace|codigo) de (?:referido"
            r"|referencia)",
            r"(?:scientists|doctors|big pharma) don'?t want you to know"
            r"|(?:los )?cientificos no quieren que",
            # Round six.
            r"te lo llevamos a domicilio",
            # Round six.
            r"(?:infusions?|injections?) of (?:umbilical |mesenchymal )?stem cells"
            r"|stem cell (?:center|clinic|centre) (?:abroad|in (?:mexico|panama|colombia))",
            r"biodescodificacion|no es una enfermedad,? es un conflicto emocional"
            r"|descodificar el origen|curso online certificado",
            r"get yours (?:with|today|now|at|here)|consigue el tuyo|descuento con el codigo"
            r"|discount with (?:the )?code",
            r"2x1 con envio|envio gratis a todo|pulsera magnetica de|turmalina y germanio"
            r"|yo vendo (?:el|los|las|un|una|mi|mis)\b|kit de hierbas",
            # Round six.
            r"link is here if|here'?s the link if (?:anyone|you) (?:wants?|needs?|is interested"
            r"|are interested)|(?:surgeons|doctors|dentists"
            r"|pharmacists) hate (?:this|him|her|me)|mention my name for|los medicos odian",
            r"magnetica con turmalina|regalan con el 2x1|detox (?:foot )?pads"
            r"|pulled (?:\w+ ){0,3}toxins"
            r"|parches desintoxicantes|everyone should try this",
            r"soy sobadora|sobadora con \d+ anos|acomodo la matriz|te de la fertilidad"
            r"|mando el te a",
            # Round seven.
            r"(?:busquen|busquenlo|busquenla|buscalo|buscala) (?:\w+ ){0,3}(?:antes de que|ahorita"
            r"|original)|(?:search|look up) (?:\w+ ){0,3}before (?:they|it) (?:raise|go|sell|run)"
            r"|ahorita (?:esta|tienen|hay) (?:con )?(?:descuento|precio especial"
            r"|promocion)",
            r"(?:pueden|puedes|puede) pedirl[oa]s? al \d|(?:pidanlo|pidanla|pidelo|pidela"
            r"|pidanlos)s? (?:al \d|por (?:mensaje|whatsapp|inbox|dm))|(?:order|buy) (?:it "
            r"|them )?only from|fakes are everywhere",
            r"(?:yo )?(?:se los|se las|te lo|te la|te los) (?:consigo|vendo|distribuyo)|yo (?:los"
            r"|las|lo|la) distribuyo|tengo entrega inmediata|contacto de la distribuidora"
            r"|lo venden por internet",
            # Round seven.
            # Cured in the past tense: "¿se cura el herpes?" is a patient's question.
            r"(?:cured|curo) (?:\w+ ){0,4}(?:of )?(?:herpes|hiv|vih|hepatitis b|hpv|vph)\b",
            r"(?:herbal|natural) (?:medicine|remedy|remedies|treatment|cure"
            r"|mixture)s? (?:\w+ ){0,8}(?:reversed|cured"
            r"|eliminated) (?:\w+ ){0,3}(?:diabetes|herpes|hiv|hepatitis|hpv|cancer)"
            r"|(?:tratamiento|remedio|medicina) natural (?:\w+ ){0,10}(?:curo|quito"
            r"|elimino) (?:\w+ ){0,3}(?:diabetes|herpes|vih|cancer)",
            r"(?:only|solo) (?:asks? for|charges?|cobra|pide) (?:\w+ ){0,3}(?:herbs|hierbas"
            r"|the cost of the herbs|lo de las hierbas)|raices africanas|natural roots and herbs",
            # Round eight.
            r"(?:happy|glad|willing) to (?:pass|give|send|share) (?:\w+ ){0,3}(?:her|his"
            r"|their) (?:details|info|information|number|contact|name|website|site)|(?:ask"
            r"|message) me (?:privately )?for (?:his|her|their) (?:number|contact|details|info"
            r"|name)",
            r"(?:happy|glad|willing|i'?ll|i can|i will|i'?d) (?:to )?(?:pass|give|send|share"
            r"|point) (?:\S+ ){0,4}(?:to |along to |with )?anyone (?:who|that) (?:replies"
            r"|messages|asks|dms|emails|writes|is curious|wants (?:in|one|it|them|to try))",
            r"(?:si alguien|si alguna|si alguno|a quien|el que|la que"
            r"|quien) (?:\S+ ){0,3}(?:quiere|quiera|le interesa)\b(?: \S+){0,8} (?:se (?:lo|la"
            r"|las|los) (?:paso|consigo|mando|puedo conseguir)|(?:os|les|te) (?:lo|la|las"
            r"|los) paso|(?:le|les|os|te) paso (?:el|su) (?:contacto|telefono|numero))"
            r"|(?:si alguien|si alguna|si alguno|quien|el que|la que) (?:quiere|quiera) (?:el"
            r"|la|los|las|su|mi) (?:\S+ ){0,3}me escrib",
            r"(?:le|les|os|te) paso el contacto|(?:os|les|te|se) (?:lo|la|los"
            r"|las) paso por (?:privado|interno|inbox|dm|mensaje)|(?:les|te|le"
            r"|os) hago (?:buen )?precio|precio por (?:docena|mayoreo)",
            r"(?:makes?|made|brews?|mixes|blends|bottles) (?:\w+ ){0,3}in (?:small"
            r"|tiny) batches|(?:hace|prepara|elabora) (?:\w+ ){0,3}en (?:pequenos lotes"
            r"|pequenas cantidades)",
            r"(?:she|he|they) ships? (?:\w+ ){0,3}(?:anywhere|all over the (?:country|us"
            r"|world)|nationwide|out of state)|ships? (?:them|it) all over the (?:country|us"
            r"|world)|(?:envio|mando|enviamos|mandamos) (?:los|las|el|la|mis|nuestros"
            r"|nuestras) \w+ a (?:todo el pais|toda la republica|lima y|provincias)|(?:las"
            r"|los) mando a \w+ y a provincias",
            r"(?:doesn'?t|does not|don'?t|do not) (?:sell|advertise) (?:on (?:the big sites"
            r"|amazon)|at all)|only sells? (?:it |them )?to (?:people|those|patients"
            r"|customers) who|no (?:lo |la |los |las )?(?:vende|venden) en (?:tiendas"
            r"|farmacias|amazon)|solo (?:lo |la |los |las )?vende a (?:gente"
            r"|personas) (?:recomendad|referid)",
            r"(?:energy|reiki|distance|remote|pranic) healing (?:over|by|via|through) (?:video"
            r"|phone|zoom)|sanacion (?:energetica|a distancia|con energia) (?:por"
            r"|via) (?:videollamada|zoom|telefono)|homeopathic nosodes?|nosode kit"
            r"|nosodes? (?:instead|en lugar) ",
            r"detox specialist|especialista en (?:detox|desintoxicacion)|(?:clay|heavy metal"
            r"|metal) detox program|chelation (?:infusions|therapy for|at our)"
            r"|(?:terapia de )?quelacion con edta|edta chelation",
            r"what (?:\w+ )?(?:doctors|cardiologists|dermatologists|endocrinologists"
            r"|your doctor|pharma|they) (?:will not|won'?t|will never) tell you|lo que (?:los "
            r"|tu |su )?(?:medicos?|doctor(?:es)?|cardiologos?|endocrinologos?) no (?:te "
            r"|le )?(?:va|van) a (?:decir|contar)|(?:won'?t|will not|don'?t) hear (?:on"
            r"|from) the (?:news|media)|no (?:vas a |van a )?(?:escuchar"
            r"|oir) en (?:las noticias|los medios)",
            r"(?:thousands|hundreds|miles|cientos) (?:of |de )?(?:\w+ ){0,2}(?:have "
            r"|han )?(?:come off|came off|got off|gotten off|reduced or stopped|stopped|quit"
            r"|dejado|dejaron|abandonado|abandonaron) (?:\w+ ){0,2}(?:medication|meds|pills"
            r"|insulin|pastillas|medicamentos|insulina|medicacion)|(?:many|muchos"
            r"|muchas) (?:\w+ )?(?:reduce or stop|come off|han dejado (?:la insulina"
            r"|las pastillas|los medicamentos) y) (?:\w+ ){0,2}(?:medication|meds|pills"
            r"|insulin|pastillas|medicamentos|insulina|medicacion)",
            r"(?:te|les|os) (?:mando|envio|regalo) (?:el |un |mi )?(?:capitulo|ebook|libro"
            r"|guia|reto) gratis|(?:download|get|grab|claim) (?:\w+ ){0,2}free (?:guide|ebook"
            r"|e-book|chapter|report|workbook|masterclass) (?:at|on|from|here)|(?:descarga"
            r"|descargue|descargar) (?:\w+ ){0,2}(?:guia|ebook|libro) gratis",
            r"(?:bought|got|ordered|get) (?:mine|them|it) (?:at|from) [a-z0-9-]+\.(?:com|net"
            r"|co|store|shop|us)\b|the one i (?:bought|use|got|ordered) is (?:at|from|on)"
            r"|(?:compre|consegui|pedi|compro) (?:el mio|la mia|los mios"
            r"|las mias) en [a-z0-9-]+\.",
            r"(?:clinics|doctors|dentists|dermatologists|physios|therapists|las clinicas"
            r"|los medicos|los dermatologos) (?:charge|cobran) (?:\$"
            r"|€)?(?<!\d)\d++ (?:\w+ ){0,4}(?:for the same|por lo mismo|por (?:las|la|el) mism)",
            r"(?:crema|aceite|suplemento|serum|capsulas|gotas|producto|jabon|batidos?"
            r"|extracto) (?:\w+ ){0,5}que (?:vende|prepara|hace|me prepara|le prepara) (?:ella"
            r"|el|una amiga|mi amiga|una senora|un herbolario|mi (?:compadre|comadre|tia"
            r"|vecina|prima|cunada))|(?:cream|oil|supplement|serum|tea|capsules|drops|blend"
            r"|tonic) (?:\w+ ){0,3}(?:that |which )?(?:a|my) (?:friend|neighbor|neighbour"
            r"|cousin|aunt|lady|naturopath|chiropractor|herbalist) (?:\w+ ){0,3}(?:sells|makes"
            r"|puts together)",
            r"(?:que )?ahora (?:los |las |lo |la )?(?:vendemos|distribuyo|distribuimos"
            r"|comercializo|comercializamos)\b|(?:i|we) now (?:sell|distribute|carry"
            r"|represent) (?:them|it|this|these)|(?:i|we) sell (?:it|them) in (?:my"
            r"|our) (?:shop|store|office)",
            r"(?:recomendar|recomiende|ofrecer|ofrezca)(?:lo|la|los|las|selo|sela)? (?:a"
            r"|entre) sus pacientes|recommend (?:it|them|our \w+) to your patients",
            r"\b(?:sali|salio|salir|cure|curo|libre) de (?:la|mi|su) (?:depresion|ansiedad"
            r"|adiccion) (?:\S+ ){0,6}sin (?:\S+ ){0,2}(?:pastillas|medicamentos|terapia)"
            r"|\bsin terapia ni (?:medicamentos|pastillas)|\bsin (?:pastillas"
            r"|medicamentos) ni (?:anos de )?terapia",
            r"\bdoctors (?:will not|won't|wont|don't"
            r"|do not) (?:\S+ ){0,2}tell you (?:about )?(?:this|because)"
            r"|\blo que (?:los medicos|tu medico|los psiquiatras) no (?:te )?(?:dicen"
            r"|quieren que sepas)|\bwhat nobody tells you is|\bpills only numb\b"
            r"|\blas pastillas solo (?:adormecen|tapan)",
            r"\bget (?:\S+ ){0,3}off (?:their |your |of )?antidepressants (?:for good|forever)"
            r"|\bstop (?:taking )?their (?:anxiety |depression )?medication entirely"
            r"|\b(?:dejar|dejaron|dejen) (?:\S+ ){0,2}(?:antidepresivos"
            r"|ansioliticos) (?:para siempre|por completo)",
            r"\b(?:distance|remote) (?:reiki|healing|energy healing)|\b(?:reiki|sanacion"
            r"|oracion|curacion|limpieza energetica) a distancia|\bsanacion cuantica"
            r"|\bquantum healing|\bchakras?\b|\bblockage (?:placed|put) on|\bbirth charts?\b"
            r"|\bcarta astral|\bfrequency heal\w+|\b\d++ ?hz (?:protocol|frequency|healing)"
            r"|\bdon de sanar|\bgift of healing|\bofrenda voluntaria|\bvoluntary (?:offering"
            r"|donation) for (?:the )?(?:prayer|healing)",
            r"\bsubliminal (?:audio|tracks?|recordings?)|\brewires? your subconscious"
            r"|\breprogramacion (?:emocional|del subconsciente|mental)|\bmente subconsciente"
            r"|\bprogramacion neurolinguistica (?:\S+ ){0,8}(?:imparto|mi curso|en un mes)",
            r"\bayahuasca|\b(?:retiros?|retreats?) (?:\S+ ){0,6}(?:en la selva|in the desert"
            r"|en el desierto|of ayahuasca|de ayahuasca)|\bbreakthrough retreats?"
            r"|\bmedicina ancestral (?:\S+ ){0,6}(?:sana|sano|ha sanado|cura)",
            r"\blo (?:unico|que) (?:que )?(?:me|le"
            r"|nos) (?:ha )?funciono fue (?:\S+ ){0,4}(?:que se llama|llamad[ao]|de la marca)"
            r"|\bmucho mejor que cualquier (?:quimica|pastilla|medicamento)"
            r"|\bbetter than anything (?:they|doctors|your doctor) prescribe",
            r"\b(?:magnetic bracelet|pulsera magnetica|iman(?:es)? en puntos de acupuntura"
            r"|magnets on acupuncture points)",
            r"\bfirst (?:bottle|jar|box) (?:is )?free|\bprimer (?:frasco|bote) gratis",
            r"\b(?:agency|consultant|coordinator|agent|program) (?:\S+ ){0,30}(?:if anyone"
            r"|anyone who|whoever) (?:\S+ ){0,4}(?:wants|needs"
            r"|is interested)\S* (?:\S+ ){0,6}(?:contact|number|details)|\b(?:agencia|asesora"
            r"|asesor|coordinador\w*|programa|licenciada|gestor\w*) (?:\S+ ){0,30}(?:le|les|te"
            r"|se lo|se la) paso (?:el dato|el contacto|su numero|su contacto|por aqui"
            r"|por privado)",
            r"(?:ahora |ya |tambien )?soy distribuidora?\b|i(?:'m| am) (?:now )?(?:a "
            r"|an )?(?:independent )?distributor (?:of|for|and)|(?:le|les|te) (?:hago"
            r"|doy) (?:un )?precio especial",
            r"(?:diganle|digale|dile|diganme|digame) que (?:van|vienen|viene|vas"
            r"|vengo) de (?:parte|su parte|esta pagina|este blog)|say (?:that )?you (?:read"
            r"|saw) (?:about )?(?:it|this|us) (?:on|at|here)|(?:tell|mention) (?:her|him"
            r"|them) (?:that )?\w+ (?:sent|referred) you",
            r"(?:found|discovered) a (?:small )?(?:family )?(?:company|shop|business|store"
            r"|farm) that (?:still )?(?:makes|sells|produces)|(?:here'?s|here is) where (?:i"
            r"|we) (?:got|get|bought|buy|order) (?:mine|them|it|ours)"
            r"|found the same (?:quality |kind of |exact )?\w+ (?:here|at)|you can find (?:her"
            r"|him|them) at \w+\.\w|the same (?:formula|recipe|way|kind) (?:my|her|his|she"
            r"|he) (?:grand\w+|mother|abuela)",
            r"(?:una|un) (?:senora|senor|tienda|empresa|muchacha) (?:\w+ ){0,4}que (?:las|los"
            r"|la|lo) (?:prepara|hace|vende|manda)\b|(?:la|lo|las|los) mandan a (?:casa"
            r"|domicilio)|si quieren el numero de (?:ella|el|la senora)",
            r"(?:metodo|protocolo|tratamiento) (?:\w+ ){0,2}de (?<!\d)\d++ dias (?:\w+ ){0,4}(?:so"
            r"lo"
            r"|con el que|alimentos|jugos|pacientes)|(?<!\d)\d++-day (?:protocol|method|cure"
            r"|reset) (?:\w+ ){0,4}(?:reverse|cure|off)",
            r"por una (?:pequena|minima) (?:colaboracion|cooperacion|aportacion)|(?:medicos"
            r"|doctores) no (?:lo |te |les )?(?:dicen|digan|quieren decir)|doctors (?:won'?t"
            r"|don'?t|will never) tell you",
            r"(?:pidan|pida|pide) su (?:consulta|cita) al \d|atiende (?:tambien )?a distancia"
            r"|cura con (?:plantas|hierbas|yerbas)|(?:tratamiento|remedio) de (?:plantas"
            r"|hierbas) y desintoxicacion|(?:maestro|curandero|curandera|hermana"
            r"|hermano) \w+,? (?:\w+ ){0,4}(?:que cura|prepara un te)|te bendecido",
            r"gave me \$?[\d,]+ off|lifetime of free batteries"
            r"|free (?<!\d)\d++-day (?:in-home )?trial"
            r"|prueba gratis de (?<!\d)\d++ dias|(?:from|on) a tv (?:ad|commercial)|(?:ordered"
            r"|bought"
            r"|order) (?:\w+ ){0,2}directly from the (?:manufacturer|maker)"
            r"|sold at most health food stores|(?:de un|en un) anuncio de (?:la )?(?:tele"
            r"|television)",
            r"\b(?:digan|diganle|diganles|decile|decirle|diles) que (?:van|vienen|vas"
            r"|vienes) de parte de\b",
            r"\btell (?:him|her|them) (?:\w+ ){0,2}(?:sent you|referred you)\b",
            r"\b(?:email|message|dm|text|write|contact) me (?:and|&) i['’]?(?:ll"
            r"| will) (?:give|send|pass|share)(?: \S+){0,3} (?:his|her|their"
            r"|the) (?:direct )?(?:number|whatsapp|contact|info|details)",
            r"\bque (?:prepara|hace|vende) (?:una senora|un senor|dona \w+|don \w+"
            r"|una curandera|un curandero)\b",
            r"\b(?:una|un|la|el) (?:senora|senor|curandera?|sobador|huesero|yerbater[oa]"
            r"|chaman|maestro) (?:\w+ ){0,3}(?:que )?(?:prepara|atiende|cura|trabaja con"
            r"|vende)\b",
            r"\b(?:doctors|medicos|los medicos|doctores|farmaceuticas"
            r"|pharma\w*)(?: \w+){0,3} (?:(?:just )?want to keep you"
            r"|don['’]?t want you to know|quieren (?:borrar|ocultar|esconder)"
            r"|no (?:lo )?(?:explican|querian creer|pueden explicar))\b",
            r"\bofrenda (?:voluntaria|de amor)\b|\baceite (?:ungido|bendecido)\b|\b(?:anointed"
            r"|blessed) oil\b|\blove offering\b|\bbanos de plantas\b",
            r"\b(?:buy one,? get one|bogo|dos por uno|2x1)(?: free)? (?:deal|offer|promo"
            r"|right now|this week|esta semana|oferta)\b",
            r"\b(?:isn['’]?t|not) (?:in|available in) stores\b|\bno (?:se vende|esta|estan"
            r"|lo venden) en (?:tiendas|farmacias)\b",
            r"\bcobra (?:muy )?(?:poco|barato)\b|\b(?:charges?|charged) (?:very )?(?:little"
            r"|next to nothing)\b",
            r"\b(?:look up|search for|google|busquen|buscar) [a-z]+ (?:[a-z]+ )?(?:reset|pro"
            r"|plus|max|program|formula)\b",
            r"\b(?:search|busquen(?:la|lo|los|las)?) (?:for )?(?:\w+ ){0,2}(?:en redes"
            r"|on instagram|on social media|en instagram|como @)\b",
            r"\b(?:manda|mando|envia|envio|enviamos|mandamos|envian) (?:\w+ ){0,3}a (?:toda"
            r"|todo) (?:espana|costa rica|centroamerica|mexico|colombia|latinoamerica"
            r"|estados unidos)\b",
            r"\b(?:ships?|send|sends|mail) (?:it |them )?(?:anywhere|nationwide"
            r"|to all 50 states)\b",
        ),
    ),
    # Asking readers for likes, thumbs up or shares, which a channel's comments then ride on:
    # "like this comment if...", "thumbs up if you...", "if this gets 500 likes". Anchored to the
    # ask: "like the previous commenter said" and "I will share this video with my mother" are not.
    "engagement_bait": (
        2.0,
        (
            r"(?<!\bi )like (?:this|my) comment",
            r"thumbs? ?up (?:if|of you|so (?:more|others|every))\b",
            r"how many (?:thumbs|likes)\b",
            r"(?:give|leave|drop|hit) (?:it|this|me|this comment|this video|my comment) an? "
            r"(?:like|thumbs)\b",
            r"(?:^|[.!?>] ?)like (?:please|pls|plz)\b",
            r"(?:^|[.!?>] ?)(?:like|thumbs up|upvote) if (?:you|u|ur|your|you're)\b",
            r"if (?:this|my) (?:comment |post )?gets? (?:\d+|a (?:hundred|thousand)) likes",
            r"(?:^|[.!?>] ?)(?:please |pls |plz )?share this (?:video|song|comment)\b",
            r"(?:dale |den |denle )?like si (?:te|estas|eres|lo|tu|tambien|ves|viste|escuchas)\b",
            r"pulgar(?:es)? (?:arriba|para arriba|hacia arriba) si\b",
            r"cuantos (?:likes|me gusta|pulgares)\b",
            r"(?:like|me gusta) a este comentario|(?:likea|likeen|likead) (?:este|mi) comentario",
            r"si (?:este|mi) comentario (?:llega a|tiene|consigue|alcanza) \d+",
            r"(?:^|[.!?>] ?)(?:por favor )?(?:comparte|compartan|compartid) (?:este|el|mi) video",
            # Round three: chain letters and bait for comments ("type AMEN", "share with 10 people",
            # "tag a friend", giveaways won by commenting), in English and Spanish.
            r"(?:type|write|comment) [\"'“]?(?:amen|yes|yes!|heart|i do|me)[\"'”]? (?:if|below"
            r"|and)\b",
            r"(?:escribe|escriban|escribid|comenta|comenten|pon|pongan) [\"'“]?(?:amen|si|quiero"
            r"|yo)"
            r"[\"'”]? (?:si|y (?:comparte|compartelo|compartan))\b",
            r"(?:comment|drop) (?:it )?(?:down )?below|tag (?:a|your) (?:friend|bestie|mom|buddy)",
            r"etiqueta a (?:un|una|tu|alguien)|menciona a (?:un|una|tu) amig",
            r"share (?:this )?with \d+ (?:people|friends|persons)|(?:years?|anos) of bad luck",
            r"compart\w* con \d+ (?:personas|amigos|contactos)|anos de mala suerte",
            r"drop a (?:like|heart)|follow (?:us|me) for (?:more|daily)|siguenos para mas",
            r"only \d+ ?% (?:of (?:people|you) )?(?:can|will)|solo (?:el )?\d+ ?% (?:de \w+ )?pued",
            r"who(?:'s| is)? (?:else )?(?:here|reading this|watching this) in 20\d\d",
            r"quien (?:mas )?(?:lee|esta leyendo|ve) esto en 20\d\d",
            r"giveaway|to enter:? like|(?:first|primeros) \d+ (?:people )?(?:to|en) comment",
            r"sorteamos|no lo (?:pases de largo|ignores)|(?:don'?t|do not) (?:scroll|ignore this)",
            r"(?:deseale|desearle|le deseas) (?:un )?feliz cumpleanos",
            r"(?:comenten|comente) con un|escribe tu nombre|el que (?:ignore|no comparta) (?:esto"
            r"|este)",
            r"comparte antes (?:de )?que lo borren|(?:every|each) (?:share|like) (?:helps|counts)",
            r"cada (?:like|compartida) (?:cuenta|ayuda)|no vas a creer|you won'?t believe",
            r"mira el video (?:completo )?antes",
            r"comparte si conoces|dale me gusta y sigue|escribe quiero|comment [\"'‘“]?info\b",
            r"escribi amen|el que no comparte|si leiste hasta (?:aca|aqui)|they tried to ban",
            r"(?:estamos regalando|we are giving away|we're giving away) \d+|se sortea (?:el|este)",
            r"(?:deja|dejen|dejar|leave) (?:tu|su|your) (?:numero|number|dni|celular|phone)",
            r"cashapp \$\w+|cash app \$\w+|any amount helps,? even \$",
            # Round six.
            r"who else is (?:here|reading this|watching this) in 20\d\d",
            r"drop an? (?:❤|♥|👍|💙|💜|heart|corazon|like)\S* (?:if|si)\b",
            # Round six.
            r"follow ?back(?! up| with| to)|follow ?for ?follow|\bf4f\b|sub ?4 ?sub|support (?:a "
            r"|this )?small creator",
            # Round six.
            r"comment your (?:age|name|country|city|zodiac)|(?:comenta|comenten|escribe"
            r"|escriban) (?:tu|su) (?:edad|pais|ciudad|nombre)",
            # Round six.
            r"gran sorteo|para participar (?:solo )?tienes que|estamos regalando|(?:escribe"
            r"|comenta|escriban) \W?(?:listo|quiero|yo)\W? en los comentarios|we are giving away",
            # Round six.
            r"regalamos un|dejen un comentario con la palabra|(?:comment"
            r"|leave a comment) with the word|registrate para participar",
            # Round six.
            r"share this comment|donate and share|comparte este comentario",
            # Round eight.
            r"sigueme y te sigo|te sigo y me sigues|(?:seguir|sigas|sigues|siguen|sigueme"
            r"|siguenme|seguirme) de vuelta|(?:yo )?(?:los|las|te|les) sigo (?:tambien"
            r"|de vuelta)|(?:me regalas|regalame|regalenme|me das|me dan) un follow"
            r"|follow (?:me )?back\b",
            r"(?:nos|te|les) (?:ayudamos|apoyamos) entre (?:cuentas|emprendimientos"
            r"|emprendedoras|creadoras)|(?:support"
            r"|help) each other(?:'s)? (?:small )?(?:accounts|pages|businesses)",
            r"(?:a|para) los primeros (?<!\d)\d++ (?:seguidores|followers|en seguir)|(?:first"
            r"|1st) (?<!\d)\d++ (?:followers|to follow)|(?:estoy por llegar|ayudame a llegar"
            r"|help me (?:reach|hit|get to)) (?:a )?(?:los )?(?<!\d)\d++ ?k\b",
            r"reenvia\w* (?:\w+ ){0,3}a (?<!\d)\d++ (?:personas|amigos|contactos|grupos)|(?:forward"
            r"|send|share|pass) (?:this|it) (?:\w+ ){0,2}to (?<!\d)\d++ (?:people|friends|contacts"
            r"|groups)|compart\w* (?:\w+ ){0,3}en (?<!\d)\d++ grupos|share (?:\w+ ){0,3}(?:in|on"
            r"|to) (?<!\d)\d++ groups|before midnight (?:\w+ ){0,4}(?:receive|good news|miracle)"
            r"|antes de (?:la )?medianoche (?:\w+ ){0,4}recibiras",
            r"no (?:la |lo )?rompas|rompas la cadena|(?:if you|whoever"
            r"|anyone who) breaks? (?:this|the) chain|rompe (?:esta|la) cadena"
            r"|esta es la cadena|cadena de (?:la )?(?:oracion|bendicion)|chain (?:letter"
            r"|prayer) of",
            r"(?:won'?t|will not|will|please|just) copy and paste this"
            r"|copy and paste \(?(?:don'?t|do not) share|copia y pega (?:esto|este mensaje"
            r"|esta oracion) (?:en|y)|copia (?:esta|este) (?:oracion|mensaje|publicacion"
            r"|estado)|ponla en tu muro|(?:put|post|paste) (?:this|it) on your (?:wall|status"
            r"|timeline)|(?:my )?true friends will|mis verdaderos amigos|veamos cuantos"
            r"|let'?s see how many|(?<!\d)\d++ ?% of people (?:won'?t|will not|don'?t)"
            r"|(?<!\d)\d++ ?% no lo",
            r"(?:escribe|escriban|escribi|write|type) \W?(?:amen|recibo|acepto|declaro"
            r"|recibido|receive|received)\b\W? (?:abajo|below|y comparte|and share"
            r"|en los comentarios)",
            r"recibiras (?:\w+ ){0,3}(?:gran noticia|buena noticia|dinero|milagro|bendicion)"
            r"|dinero inesperado|unexpected money|(?:will"
            r"|you'll) receive (?:\w+ ){0,2}(?:good news|a miracle|blessing) (?:in"
            r"|within) (?<!\d)\d++ days",
            r"(?:no la|no lo) (?:compartio|reenvio|paso) y (?:perdio|murio|se quedo)"
            r"|(?:didn'?t|did not) (?:share|forward) (?:it|this) and (?:lost|died)"
            r"|se avergonzara de ti|(?:ashamed|deny) (?:of )?you before (?:the|my) father",
            r"\b(?:doctors|medicos|farmaceuticas|pharma\w*) (?:\w+ ){0,3}(?:hate (?:this|him"
            r"|her)|odian (?:esto|este)|no quieren que (?:sepas|lo sepas|veas))\b",
        ),
    ),
    # Bait for adult chat and dating sites, posted under any article.
    "adult_bait": (
        2.5,
        (
            r"(?:my|mis) (?:private|hot|sexy|intimate) (?:photos|pics|pictures|videos)",
            r"lonely (?:tonight|girls?|women|ladies|wives)",
            r"hot singles",
            r"fotos (?:privadas|intimas|calientes)",
            r"(?:estoy|me siento) sola esta noche|esta noche estoy sola",
            r"chicas solteras",
            r"(?:i am|i'm) \d+ (?:years? )?(?:old )?(?:girl|woman|lady)|serious relationship"
            r" with|(?:send|show) you my (?:photos|pics)",
            r"soy (?:una )?(?:chica|mujer) de \d+|relacion seria con|te (?:envio|mando) mis fotos",
            r"lonely (?:woman|man|lady|girl)|(?:serious|kind|mature) (?:man|relationship)"
            r"|looking for a (?:\w+ ){0,2}(?:man|husband|boyfriend)|write (?:to )?my private email"
            r"|te sientes sol[oa]|quieren conocerte|mujeres de tu ciudad|handsome doctor",
            r"(?:saw|read) your comment|yours was the most kind|seem like a (?:caring|kind|sweet)"
            r" man|me pareciste muy|me gustaria conocerte|would like to be friends|write me here"
            r"|(?:write|escribime|escribeme) (?:to |al )?(?:my )?(?:private )?(?:mail|email)"
            r"|looking for someone to talk",
            r"soy una mujer sola|amistad sincera|mira mis fotos|vi tu perfil|me gustaste"
            r"|te mando fotos|hola guapo|get to know each other|single nurse|chat with me"
            r" privately|dating site",
            r"mujeres casadas|married (?:women|ladies|woman)|aventuras? discretas?"
            r"|discreet affairs?",
            r"(?:my )?cam site|keep me company|hacerme compania|(?:sexy|hot) (?:moms|wives|chat)",
            r"discreet connection|married but lonely|busco alguien para (?:conocer"
            r"|salir)",
            r"no tengo muchos amigos|tienda (?:online|erotica) (?:\w+ ){0,3}(?:sexual"
            r"|envios discretos)",
            r"vida sexual mas placentera|pastillas potenciadoras|(?:u|you) look lonely",
            r"mature women (?:\w+ ){0,3}(?:fun|dating)|looking for fun in your|register free",
            # Round four.
            r"looking for a (?:\w+,? ){0,4}(?:woman|wife|lady|companion)(?! (?:doctor|physician|gp"
            r"|provider|therapist|dentist|nurse))",
            r"busco (?:a )?alguien (?:\w+ )?para (?:conocer|salir|platicar)|entren a mi perfil"
            r"|ahi tengo mis fotos",
            # Round four.
            r"busco conocer gente|conocer gente seria|maybe we can (?:talk|chat) and be friends",
            r"singles (?:over|near) \d+|faith-centered singles|meet someone special"
            r"|verified profiles,? no games",
            r"me encantaria conocerte|entra a mi perfil|para que veas mis fotos|se nota que (?:sos"
            r"|eres) (?:una persona|un hombre)",
            r"(?:busco|buscando) (?:hombres|un hombre) (?:maduros?|mayores?|serio)"
            r"|mi perfil esta aqui|no seas timido",
            r"oil rig|you are very beautiful|eres (?:muy )?(?:guapa|hermosa|bonita)",
            r"chicas (?:webcam|de (?:tu|vuestra) zona)|quedar esta noche|entrad en mi perfil"
            r"|sin registro,? entra",
            # Round six.
            r"sugar (?:daddy|baby|mommy|momma)|weekly allowance|mesada semanal|papi de azucar",
            r"(?:lonely|sola|solo|my pics|my page|my profile|mi perfil"
            r"|mis fotos)\b.{0,80}come say hi|come say hi (?:to me|on my|in my)",
            # Round six.
            r"(?:i'?m|im) live on cam|live on cam (?:right )?now|cam (?:girls?|shows?) (?:live"
            r"|tonight|now)",
            # Round six.
            r"conocer a un hombre (?:serio|sincero|educado)|(?:te )?(?:envio|mando"
            r"|enviare) mis fotos",
            # Round seven.
            r"me aburro (?:mucho|muchisimo|tanto)|(?:mis |mas )?fotos en mi perfil"
            r"|en mi perfil tengo (?:mas )?fotos|(?:hola|holi|holaa) (?:amor|lindo|guapo|bebe"
            r"|cari)\b|(?:quiera|quieres?|quieren) conocerme",
            r"come see my (?:photos|pics|pictures|profile)|lonely (?:tonight|and bored)|(?:i'?m"
            r"|so) bored (?:tonight|at home)(?:\W+\w+){0,8} (?:chat|talk|profile|pics)",
            # Round eight.
            r"(?:kind|beautiful|lovely|nice|pretty|sweet|cute) smile in your (?:profile|pic"
            r"|photo|picture)|(?:linda|hermosa|bonita|preciosa) sonrisa (?:en|de) tu (?:foto"
            r"|perfil)|offshore (?:rig|platform)|plataforma (?:petrolera|offshore)"
            r"|lonely out here|(?:me siento|estoy) (?:muy )?sol[oa] aqui",
            r"(?:grab|get) (?:a )?(?:coffee|drink|drinks) (?:sometime|with me)|(?:tomar"
            r"|tomarnos) (?:un )?cafe (?:algun dia|conmigo|un dia de estos)|(?:i'?m"
            r"|im) on (?:most|all) (?:the )?(?:dating )?apps as|(?:you )?seem like a (?:cool"
            r"|nice|sweet|fun|cute) (?:person|guy|girl)|you seem (?:super |so "
            r"|really )?(?:sweet|cute)\b|(?:pareces"
            r"|se ve que eres) (?:una persona )?(?:muy )?(?:linda|lindo|dulce|buena onda)",
            r"contenido exclusivo|exclusive content|\bonlyfans|\bfansly|(?:bored|lonely"
            r"|horny) tonight|(?:aburrid[oa]|sol[oa]) esta noche|my profile is (?:🔥|hot)"
            r"|(?:hola|hey|hi) bb\b|not trying to be weird",
            r"\b(?:posted|uploaded|put) (?:some |a few |my )?(?:pics|photos"
            r"|pictures)(?: \S+){0,3} (?:on |to )?my profile\b",
        ),
    ),
    "pharmacy_offer": (
        2.5,
        (
            # "Can I get it without a prescription?" is a patient's question, not an offer.
            r"(?:without|no|sin) (?:a |any )?(?:prescription|rx|receta)\b(?![^.!?\n]{0,80}+\?)",
            r"(?:buy|order|comprar|purchase) (?!it |them |one |some |these |those |frames |glasses "
            r"|lenses |contacts |supplies |strips |refills |tickets |books )\w+"
            r" (?:\d+ ?mg )?online",
            r"overnight (?:delivery|shipping)",
            r"discreet (?:packaging|shipping|delivery)",
            r"online pharmacy",
            r"(?:comprar|compra|compre|pide|ordena) \w+ (?:\d+ ?mg )?(?:en linea|online)",
            r"farmacia (?:en linea|online)",
            r"(?:envio|entrega) (?:discret[oa]|en 24 ?h(?:oras)?)",
            r"no (?:doctor(?:'s)?|prescription) (?:visit |appointment )?(?:needed|required)"
            r"|cheaper than (?:wegovy|ozempic|mounjaro|viagra)",
            r"(?:semaglutide|tirzepatide) (?:drops|online)|sin (?:necesidad de )?(?:receta|ir al"
            r" medico)\b(?![^.!?\n]{0,80}+\?)",
            r"receta (?:digital|medica|electronica) de cualquier|receta (?:\w+ ){0,3}sin consulta",
            r"without (?:an )?office visit|online consultations? for (?:only )?\$",
            r"no doctor visit|sin (?:visita|consulta) (?:al|con el) (?:medico|doctor)",
            r"(?:los|las|lo|la) (?:pido|compro) por internet sin receta"
            r"|sin receta y (?:me )?salen (?:mucho )?mas baratos",
            r"os paso la web por privado|(?:buy|order) (?:them"
            r"|it) online without (?:a )?prescription",
            r"(?:tadalafilo|sildenafilo|viagra|cialis|tadalafil|sildenafil) sin receta",
            # Round six.
            r"vendo (?:\w+,? ){0,3}(?:medicamentos|insulina|tiras reactivas|eritropoyetina"
            r"|pastillas|ampolletas|ampollas)|medicamentos de alto costo a (?:muy )?buen precio"
            r"|(?:i|we) sell (?:\w+,? ){0,3}(?:insulin|test strips|medications|meds|pills)",
            # Round eight.
            r"\b(?:tramadol|pregabalina|pregabalin|clonazepam|alprazolam|diazepam|lorazepam"
            r"|zolpidem|xanax|rivotril|valium|ambien|adderall|oxycodone"
            r"|oxicodona) (?:\S+ ){0,10}(?:sin receta|sin recipe|sin prescripcion"
            r"|without (?:a )?(?:prescription|script|rx)|no (?:prescription|rx"
            r"|script) (?:needed|required))",
            r"\bit is over the counter so you (?:do not|don't|dont) need|\b(?:no necesita"
            r"|no hace falta|sin necesidad de) receta y (?:\S+ ){0,3}(?:funciona|no te deja)",
        ),
    ),
    "account_phishing": (
        2.5,
        (
            r"verify your (?:account|email|identity|mailbox)",
            r"confirm (?:your (?:account|ownership|identity)|account(?! (?:name|number|holder))"
            r"|ownership|identity)",
            r"(?:username|user name) and password",
            r"(?:account|listing|profile|website) (?:will be |has been )?"
            r"(?:suspended|disabled|deactivated|flagged)",
            r"exceeded (?:its|your) (?:storage|quota)",
            r"(?:routing|bank) details",
            r"connect(?:ing)? your wallet",
            r"verifi\w+ (?:su|tu) (?:cuenta|correo|identidad)",
            r"confirm\w+ (?:su|tu) (?:cuenta|identidad|titularidad)",
            r"(?:usuario|nombre de usuario) y contrasena",
            r"(?:su|tu) (?:cuenta|perfil|sitio) (?:sera|ha sido|esta) "
            r"(?:suspendid[oa]|bloquead[oa]|desactivad[oa])",
            r"datos bancarios",
            r"(?:numero|datos) de (?:su |tu )?(?:cuenta|tarjeta) bancari\w+",
            r"(?:send|give|enter) (?:us |me )?your (?:credit card|card|bank) (?:number|details)",
            r"verify your password",
            r"(?:numero|datos) de (?:su |tu )?tarjeta(?! sanitaria| de (?:salud|paciente|seguro))",
            r"verifi\w+ (?:su|tu) contrasena",
            r"(?:cuenta|correo|perfil|buzon) (?:\w+ ){0,3}de (?:su|tu) \w+ (?:sera|ha sido)"
            r" (?:suspendid|bloquead|desactivad|cerrad)\w*",
            r"(?:sera|seran) (?:suspendid|bloquead|desactivad|cerrad)\w* en \d+ horas",
            r"unusual (?:login|sign[- ]?in|account) activity|actividad (?:inusual|sospechosa) en"
            r" (?:su|tu)",
            r"(?:account|access|portal) will be (?:locked|closed|terminated|suspended|deleted)",
            r"(?:username|user name),? (?:your )?password",
            r"(?:confirm|verify|update) your (?:username|password|login|credentials|date of birth)",
            r"(?:confirme|verifique|actualice) (?:su|tu) (?:usuario|contrasena"
            r"|fecha de nacimiento)",
            r"(?:(?:su|tu|your) (?:buzon|mailbox|inbox)|(?:buzon|mailbox|inbox) (?:has"
            r"|ha)) (?:\w+ ){0,2}(?:limite"
            r"|storage|full|lleno|quota)"
            r"|(?:responda|reply) (?:con|with) (?:su|your) (?:contrasena|password)"
            r"|(?:su|your) (?:contrasena|password) actual|your current password",
            r"(?:su|tu) numero de cuenta para|copia de (?:su|tu) dni"
            r"|dominio (?:\w+ ){0,3}caduca|domain (?:\w+ ){0,3}expires",
            r"multa pendiente|evitar la clausura|regularizar el pago|cobranza judicial"
            r"|paquete (?:\w+ )?retenido|liberar el envio|mailbox is \d+ ?% full|sign in to restore"
            r"|acceso remoto|fallo de seguridad|envie el rut|renovar la afiliacion",
            # Round four: a 'file' behind a login.
            r"log ?in with your email to (?:view|see|open|access)"
            r"|inicie sesion con su correo para (?:ver|abrir)|(?:pueden"
            r"|puede) (?:ver y )?descargar la factura en (?:el siguiente )?enlace"
            r"|view (?:and download )?the invoice (?:at|via|here)",
            # Round four: a bank's 'blocked access' in Spanish.
            r"(?:su|tu) (?:clave|cuenta|usuario|banca (?:online|en linea)"
            r"|acceso) (?:\w+ ){0,4}(?:ha sido"
            r"|fue) (?:desactivad[oa]|bloquead[oa]|suspendid[oa])|verifique sus datos"
            r"|actualice sus datos (?:respondiendo|en el)|numero de cuenta y clave",
            # Round four: parcels held for a fee.
            r"(?:paquete|envio) (?:\w+ ){0,6}no ha podido ser entregado|tasas de aduana"
            r"|reprogramar la entrega|your package (?:could not|couldn'?t) be delivered"
            r"|redelivery fee",
            r"(?:su|tu) tarjeta ha sido bloqueada|confirme sus datos|confirma tus datos",
            r"recibo (?:impagado|pendiente de pago)|(?:cobertura|poliza) quedara suspendida"
            r"|regularice? la situacion",
            # Round six.
            r"(?:abra|abrir|revise) el documento en el enlace|enlace seguro para (?:revisar|ver"
            r"|descargar|confirmar)|confirmar el pago antes del|open the (?:document"
            r"|invoice) (?:in|at|via) the secure link|secure link to (?:review|view|confirm)",
            # Round six.
            r"(?:sitio web|dominio|cuentas? de correo)\b(?:\W+\w+){0,6} seran? suspendid[oa]s?"
            r"|actualice su (?:informacion|metodo de pago|datos de pago) aqui"
            r"|problema con el metodo de pago",
            r"descargar factura \(?pdf|rogamos procedan (?:a su )?(?:abono|pago)"
            r"|abono en la cuenta indicada",
            # Round six.
            r"valid(?:ar|e) sus datos|restablecer su acceso",
            # Round seven.
            r"(?:confirm|verify) your (?:social security|ssn|medicare|medicaid) (?:number|card)"
            r"|(?:send|give) (?:us |me )?your (?:social security|ssn|medicare) number|(?:confirm"
            r"|verify|provide|have ready|need) your (?:social security"
            r"|ssn)(?: number)?(?: or itin)? and (?:\w+ ){0,3}(?:bank|date of birth|debit|credit)",
            r"(?:su|tu|el) (?:numero de )?seguro social y (?:\w+ ){0,3}(?:tarjeta de (?:debito"
            r"|credito)|cuenta bancaria|banco)|solo necesitamos (?:su"
            r"|el) (?:numero de )?seguro social|confirme (?:su|tu) curp|(?:clave"
            r"|contrasena) de (?:home banking|banca)|tarjeta de coordenadas"
            r"|numero completo de (?:su|tu|la) tarjeta",
            r"(?:indiquenos|envienos|envie|enviar|mandenos|confirme|facilitenos|necesitamos"
            r"|remitanos|proporcione) (?:\w+ ){0,4}(?:iban|cbu|clabe|cuenta bancaria)"
            r"|numero de cuenta y (?:el )?nombre del titular",
            r"(?:call|phone|reply|write|contact) (?:\w+ ){0,5}with your (?:bank"
            r"|banking) (?:account )?(?:details|number|information|info)|(?:bank"
            r"|banking) (?:account )?information (?:ready|handy)|(?:send|provide|confirm) (?:us "
            r"|me )?(?:\w+ ){0,2}bank account (?:details|number|information)",
            r"(?:hemos cambiado|cambiamos|ha cambiado"
            r"|han cambiado) (?:\w+ ){0,3}(?:cuenta bancaria|datos bancarios|numero de cuenta"
            r"|entidad bancaria)|(?:new|updated|changed) (?:our )?(?:bank|banking) (?:account"
            r"|details)",
            r"(?:using|used|use|uses) my (?:photo|image|picture|photograph"
            r"|illustration)s? (?:\w+ ){0,4}without (?:my )?permission|(?:la|esta|una) (?:foto"
            r"|imagen|fotografia) que (?:usais|usan|usa|utilizan|utilizais) (?:\w+ ){0,4}es mia"
            r"|pruebas de (?:autoria|propiedad)|(?:or|o) (?:pay|paguen"
            r"|pague) (?:the )?(?:licen[cs]e|licencia)",
            r"(?:pruebas|evidence|proof) (?:are )?(?:here|aqui): ?(?:https?|www)",
            # Round seven.
            r"(?:has|have) changed (?:our )?banks?|payments should now be made to|(?:remit|send"
            r"|make) (?:all )?(?:future |outstanding )?payments to (?:our|the) new"
            r"|(?:transferencia|deposito|abone) (?:\w+ ){0,2}(?:al|a la cuenta) (?:cbu|iban|clabe)",
            r"actualice (?:su|tu) tarjeta|pago rechazado en (?:su|tu) cuenta"
            r"|no pudimos verificar (?:su|tu) (?:metodo de pago|pago|tarjeta)"
            r"|could not verify your (?:payment|card)|costo de reenvio"
            r"|numero de cuenta, tipo de cuenta|foto de (?:la|su|tu) cedula por ambos lados",
            r"dominio (?:\w+ ){0,12}caduca\w*|(?:certificado de seguridad"
            r"|ssl certificate) (?:\w+ ){0,6}(?:caduca|expira|expires)\w*",
            # Round eight.
            r"(?:fuiste|has sido|ha sido) (?:elegid[oa@]|seleccionad[oa@]|ganador[a]?)"
            r"|you(?:'ve| have)? been (?:selected|chosen) (?:for|to receive) (?:a )?free"
            r"|you (?:were|are) (?:selected|chosen) (?:for|to receive) (?:a )?free|(?:registra"
            r"|ingresa|confirma|registre) tus datos antes|(?:register|confirm"
            r"|enter) your (?:details|data|info) before",
            r"\b(?:requires?|with|using|enter) your (?:work |office |clinic "
            r"|institutional )?email (?:login|password|and password|credentials)"
            r"|\bsign in with your (?:office|work|clinic|institutional|practice) email"
            r"|\blog ?in with your (?:office|work|clinic|institutional) (?:email"
            r"|account) (?:\S+ ){0,4}(?:open|view|complete|sign)",
            r"\b(?:entrar|ingresar|acceder|acceda|ingrese|entre|entren) con (?:el "
            r"|su )?(?:usuario y (?:la )?contrasena|correo y (?:la )?contrasena)|\b(?:usuario"
            r"|correo) y (?:la )?contrasena de su correo (?:institucional|corporativo"
            r"|del centro|de la clinica)|\bcorreo y contrasena del (?:centro|consultorio"
            r"|hospital)",
            r"\b(?:direct )?(?:email address|phone number"
            r"|full name) (?:\S+ ){0,4}of your (?:hr|human resources) (?:manager|director"
            r"|department)|\b(?:correo|telefono|nombre) (?:directo )?de su (?:gerente|director"
            r"|jefe|responsable) de (?:rrhh|recursos humanos)",
            r"\bresponda a este correo (?:\S+ ){0,3}(?:con|indicando) (?:el|su) (?:cif|nif|rfc"
            r"|ruc|numero de colegiado)|\breply (?:to this email )?with (?:your"
            r"|the) (?:practice's |clinic's )?(?:tax id|ein|npi|license number)",
            r"(?:ingrese|ingresa|ingresando|ingresar|llena\w*|registre|introduzca|envie"
            r"|enviando) (?:\S+ ){0,8}(?:numero de (?:seguridad social|seguro social|cedula"
            r"|identidad|dni|curp)|datos de (?:tu|su) cuenta|(?:su|tu) cuenta bancaria)"
            r"|(?:enter|submit|provide|fill in) (?:\w+ ){0,5}(?:social security|ssn|medicare"
            r"|bank account|routing) (?:number|card|details)",
            r"(?:pago|pension|bono|beneficio)s? (?:\w+ ){0,3}(?:quedara|sera"
            r"|quedaran) (?:suspendid|cancelad|bloquead)|(?:payment|pension"
            r"|benefits?) will be (?:suspended|cancelled|canceled|stopped) (?:unless|if you)",
            r"\b(?:indicando|indique|envienos|enviarnos|proporcione|confirme|responda\w*"
            r"|provide|confirm|reply with|verify|verifique|comparta"
            r"|share)(?: \S+){0,6} (?:usuario|user ?name|login|user id) (?:y|and|e) (?:la |el "
            r"|su |your )?(?:contrasena|password|clave)\b",
            r"\b(?:indicando|indique|envienos|enviarnos|proporcione|proporcionar|confirme"
            r"|confirmar|provide|confirm|reply with|verify"
            r"|verifique)(?: \S+){0,5} (?:contrasena|password|clave de acceso)\b",
            r"\bactualice (?:la |su |sus )?(?:informacion"
            r"|datos)(?: \S+){0,4} (?:en el siguiente enlace|en el enlace|en: http|en http)",
            r"\b(?:transferencias|pagos|cuentas?|cobros|payments|transfers"
            r"|funds)(?: \w+){0,3} (?:quedaran|han sido|will be|have been) (?:retenid\w+"
            r"|congelad\w+|held|frozen|(?:suspendid\w+|bloquead\w+) temporalmente"
            r"|temporarily (?:suspended|blocked|held|frozen))\b",
            r"\bingrese al siguiente enlace con (?:el|su) (?:correo|usuario|email)\b|\b(?:sign"
            r"|log) in (?:with|using) your (?:company|business|work|corporate) email\b",
            r"\bhemos (?:modificado|cambiado|actualizado) (?:nuestra|la) cuenta (?:de cobro"
            r"|bancaria)\b|\bnuev[oa] (?:cbu|clabe|iban|cuenta de cobro)\b",
            # Round eight.
            r"(?:confirm|update|verify) your (?:banking|bank|payment) (?:and (?:tax"
            r"|billing) )?(?:information|details|info)(?! by (?:phone|telephone))|(?:confirme"
            r"|actualice|verifique) (?:sus|los|tus) datos bancarios(?! por telefono)",
        ),
    ),
    # Scams that pose as someone the clinic knows: its own doctor or director asking a
    # receptionist for gift cards or an urgent transfer ("are you at your desk?"), a tax office,
    # a health inspector, a registrar or an insurer wanting bank or tax details within hours;
    # and the shady services sold to anyone: spying on a partner's phone, fortune-telling,
    # licences without an exam.
    "scam": (
        2.5,
        (
            r"are you (?:at|in) (?:your desk|the office|the clinic)\b",
            r"(?:estas|esta usted|estas tu) en (?:la oficina|la clinica|el despacho"
            r"|el consultorio)",
            r"(?:meeting|meetings|surgery|conference|procedure)s? (?:\w+ ){0,3}(?:and |so )?(?:i )?"
            r"can'?t (?:talk|call|take calls)",
            r"(?:quirofano|reunion|junta|cirugia|congreso) y no puedo hablar",
            r"(?:keep|let'?s keep) (?:this|it) (?:between us|confidential|quiet)",
            r"no lo comentes con nadie|que quede entre nosotr[oa]s",
            r"(?:buy|purchase|get|pick up) (?:\w+ ){0,2}gift ?cards|scratch (?:off )?the back",
            r"photos? of the codes|fotos? de los codigos"
            r"|compra (?:\w+ ){0,2}tarjetas? (?:de )?regalo",
            r"(?:handle|make|process|send) (?:a |an )?(?:quick |urgent )?(?:payment|wire|transfer)"
            r" (?:for|to) (?:a |our |the )?(?:vendor|supplier)",
            r"transferencia urgente|reply with your (?:cell|mobile|personal) (?:phone )?number",
            r"(?:update|change) (?:my|the) direct deposit|changed (?:my )?banks?\b",
            r"(?:cambie|he cambiado|cambiado) de (?:banco|cuenta)",
            r"failure to respond (?:within|in) \d+|(?:suspension|withholding) of (?:\w+ )?payments",
            r"(?:pagos|payments) (?:\w+ ){0,2}(?:quedaran|will be) (?:retenid|suspend|withheld)",
            r"(?:reply|respond) (?:\w+ ){0,4}with (?:your|the) (?:npi|tax id|ssn|social security"
            r"|date of birth|bank)",
            r"(?:responda|respondiendo|envie|enviar) (?:\w+ ){0,4}con (?:su"
            r"|sus) (?:datos (?:completos"
            r"|fiscales|bancarios)|rut|cif|dni|nombre completo)",
            r"expediente sancionador|adeudo fiscal|regularice su situacion|embargo",
            r"bloqueo de (?:sus|tus) cuentas|datos (?:\w+ )?y bancarios"
            r"|datos de la cuenta corriente",
            r"registro sanitario obligatorio|(?:sanciones|multas) (?:pueden|de hasta)",
            r"/[\w-]{1,80}+\.(?:zip|exe|rar|scr|apk)\b|betting tips",
            r"(?:tu|su) pareja te (?:es fiel|engana)|recuperamos conversaciones|spy on (?:your"
            r"|any)",
            r"accedemos a cualquier (?:movil|celular)|(?:spouse|partner) is cheating",
            r"\btarot|\bvidencia|\bvidente|psychic reading|\bconjuros?\b",
            r"(?:carnet|licencia|permiso) de conducir sin|sin examen|diploma without",
            r"(?:confirm|re-?register|update) (?:your )?(?:\w+ ){0,4}(?:bank|banking|payment)"
            r" (?:information|info|details|account)|(?:bank )?routing (?:and account )?number",
            r"(?:actualizar|actualice) su iban|certified (?:check|cheque)|cheque certificado",
            r"(?:listing|ficha) (?:\w+ ){0,4}(?:flagged|unverified|will be removed)",
            r"verification department|certificado de sello digital|comprobante de adeudo",
            r"declaraciones fiscales|licencia sanitaria (?:\w+ ){0,3}irregularidad"
            r"|multa administrativa",
            r"evitar (?:la )?suspension de su credito|wire transfer within \d+",
            r"reunion spell|love spell|oracle temple|(?:un|el|le|te|su) mal puesto\b|hago limpias"
            r"|trabajos espirituales",
            r"curaciones a distancia|mal de ojo|recupero parejas",
            r"urgent wire\b|wire to a new (?:\w+ )?vendor|tied up with patients"
            r"|part of an acquisition",
            r"(?:don'?t|do not) discuss it with anyone|estimado contribuyente|declaracion de renta",
            r"bloqueo de su timbraje|omision en la presentacion|cierre de su establecimiento",
            r"habilitacion sanitaria (?:\w+ ){0,3}vencida|evitar (?:la )?clausura"
            r"|cobranza extrajudicial",
            r"se procedera legalmente|referral to our legal|(?:matter"
            r"|account) will be (?:referred|sent) to",
            r"updated bank (?:account|details)|nueva cuenta bancaria|overdue balance"
            r"|past due by \d+",
            r"outstanding balance of \$|acceso inusual|usuario fue bloqueado|clave token",
            r"hace trabajos a distancia|oracion de sanacion|aceite bendecido",
            # Round four: copyright and voicemail pretexts, and a supplier's 'new bank account'.
            r"copyright infringement|copyrighted (?:images?|photos?|pictures?)"
            r"|retroactive licen[cs]e fee|infraccion de derechos de autor"
            r"|imagen(?:es)? protegidas? por derechos",
            r"new voicemail message|voicemail retrieval|mailbox (?:size|storage) limit"
            r"|mailbox number and pin|nuevo mensaje de voz|buzon de voz (?:lleno|excede)",
            r"(?:updated|changed) (?:our|its) (?:bank(?:ing)?|payment|remittance) (?:information"
            r"|details)|paid to our new account|(?:cambiamos|actualizamos) (?:nuestros"
            r"|nuestra) (?:datos bancarios|cuenta bancaria)|nueva cuenta bancaria",
            # Round four: a supplier's new bank, a payment to dispute, a review held to ransom,
            # money sent by mistake.
            r"(?:cambiado|cambiamos) de (?:entidad bancaria|banco)|(?:pagos"
            r"|facturas) (?:\w+ ){0,3}a la nueva cuenta|moved our bank(?:ing)? to"
            r"|update our (?:remittance|banking|bank) (?:details|information)|new (?:remittance"
            r"|banking|bank) details",
            r"if you did not authori[sz]e this (?:transaction|payment|purchase|charge)"
            r"|si (?:usted )?no (?:autorizo|reconoce) (?:esta|este) (?:transaccion|compra|cargo)",
            r"willing not to post|not (?:to )?post (?:it|the review) if you|(?:1"
            r"|one)[- ]star reviews? (?:\w+ ){0,6}unless you|(?:resena"
            r"|opinion) negativa (?:\w+ ){0,6}a menos que",
            r"(?:transferi|deposite|envie|le pase) (?:\w+ ){0,3}por error|(?:sent"
            r"|transferred) you (?:\S+ ){0,3}by mistake|devolver (?:el dinero|la plata) a (?:esta"
            r"|otra) (?:otra )?cuenta",
            # Round four: security 'researchers', toner pretexts, fees to an account 'we will give
            # you', card payments by phone.
            r"(?:found|detected) (?:\w+ ){0,2}vulnerabilit(?:y|ies) (?:on|in) your"
            r"|hipaa fines? start|vulnerabilidades criticas en su",
            r"(?:model|brand) (?:number )?of your (?:office )?(?:printer|copier)|toner order"
            r"|modelo de su (?:impresora|fotocopiadora)",
            r"(?:por transferencia|transfiera) al (?:cbu|clabe|iban"
            r"|numero de cuenta) que le (?:indicaremos|enviaremos)"
            r"|account (?:number )?we will (?:send|provide)",
            r"process your card over the phone|window decal|(?<!\d)\d++ sponsorship gets",
            # Round four: prize draws, tax notices, legacies and job fees in Spanish; collections
            # pressure.
            r"(?:fue|ha sido) seleccionad[oa] en (?:nuestro|el) sorteo|gano un bono de|(?:cancele"
            r"|abonar|pague) el (?:valor|costo) del envio|para (?:reclamarlo|retirar su premio)",
            r"aviso del sat|sello digital|inconsistencias en (?:sus|las) declaraciones"
            r"|descargue el requerimiento",
            r"dejo una herencia|sin beneficiarios|de su mismo apellido"
            r"|presentarlo como (?:familiar|beneficiario)",
            r"para postular (?:debe|tiene que) pagar|comprobante de transferencia"
            r"|curso de induccion y examen",
            r"final notice before legal action|assigned to (?:our|a) collections? (?:department"
            r"|agency)|report to (?:the )?business credit",
            # Round four, second batch: more bank changes, domain 'registration centres', sick notes
            # for sale, overpaid checks, widows' legacies, donations by wire, survey prizes,
            # psychics.
            r"(?:banking|bank|payment) details have changed|(?:entidad bancaria|cuenta bancaria"
            r"|datos bancarios) (?:\w+ ){0,2}(?:ha|han) cambiado|cambio de (?:entidad bancaria"
            r"|banco|cuenta bancaria)|nuevo iban|new iban|(?:sent|paid|made) to our new account"
            r"|(?:abonarse|pagarse|transferirse) en la nueva cuenta",
            r"domain name registration cent(?:er|re)|internet keyword|registration cent(?:er"
            r"|re) in (?:shanghai|china|hong kong)",
            r"pagamos (?:muy )?bien por cada licencia|licencias medicas por \d+"
            r"|doctor'?s notes? for (?:work|school)|real clinic letterheads"
            r"|realistic (?:doctor'?s )?notes",
            r"(?:payment|pago) (?:will be made )?by (?:company )?(?:check|cheque) in advance"
            r"|travel agent (?:will need to be|must be) paid|pagar (?:a )?(?:nuestro"
            r"|el) agente de viajes",
            r"quiero donar la suma|donate the sum of|queridos en cristo"
            r"|dear (?:beloved )?in christ|enviar su donacion por giro"
            r"|a nombre de nuestra tesorera|send (?:your )?donation (?:via|by"
            r"|through) (?:western union|moneygram|wire)",
            r"(?:me )?gane un (?:iphone|premio|celular) (?:\w+ ){0,2}por contestar"
            r"|won an? (?:iphone|gift card|prize) (?:just )?(?:for|by) (?:answering|completing"
            r"|taking) a survey|todavia quedan premios",
            r"first reading is free|primera lectura (?:es )?gratis|psychic (?:reading"
            r"|madame|advisor)|le escribo de manera discreta",
            # Round four, second batch: official-looking notices (compliance, revalidation, domains,
            # licences, inspections, page takedowns), prize draws, a wrong number that wants to
            # chat.
            r"mandatory (?:\d+ )?hipaa|hipaa (?:compliance )?registration"
            r"|security risk assessment (?:\w+ ){0,4}(?:fines|penalt\w+)"
            r"|notice of pending compliance",
            r"revalidation required|billing privileges (?:\w+ ){0,2}deactivated",
            r"domain (?:expiration|listing)|search engine registration"
            r"|domain registration for your (?:clinic|practice|website)",
            r"placed under (?:temporary )?review|notice of investigation"
            r"|to avoid immediate suspension",
            r"pago de regularizacion|verificacion sanitaria pendiente",
            r"(?:su|tu) pagina ha sido reportada|sera eliminada permanentemente"
            r"|formulario de verificacion con los datos",
            r"won the sum of|claims agent|online draw|con tu cbu|tu cbu para",
            r"if it'?s not you,? nice to meet you|sorry if (?:i have|this is) the wrong (?:person"
            r"|number)",
            r"directory listing|(?:listing|inscripcion) (?:anual|annual)|(?:inscripcion"
            r"|registro) en la guia",
            r"avoid suspension of your listing|reclamacion judicial|sort code \d\d-\d\d-\d\d",
            r"(?:selected|chosen) to receive (?:a |an )?(?:\W?\d|gift|free|prize|reward)",
            r"(?:has sido|ha sido|fue) (?:seleccionad[oa]|elegid[oa]) para recibir",
            r"gift card (?:\w+ ){0,4}(?:claim|survey)|pay the \W?\d+(?:\.\d\d)? shipping|(?:30"
            r"|60)-second survey",
            r"terminally ill (?:\w+ ){0,2}(?:widow|woman|man|patient)|wish(?:es)? to donate \W?\d",
            r"desea donar (?:\w+ ){0,3}(?:valorados|\d)|gastos de aduana|customs (?:fees"
            r"|charges) of \W?\d|my lawyer (?:can|will) proceed",
            r"act as (?:an |our )?intermediary|you will receive \d+ ?% commission"
            r"|quedandose (?:con )?un \d+ ?%",
            r"(?:agente|gestor) de pagos|recibir transferencias en su cuenta"
            r"|receive (?:transfers|payments) (?:in|into) your (?:own )?account",
            r"(?:qualifies|qualify|califica) (?:for|para) (?:a |an |un "
            r"|una )?(?:\w+ ){0,4}(?:grant|subvencion|apoyo|seguro medico)",
            r"seleccionad[oa] para recibir un apoyo|no reembolsables|pago de gestion"
            r"|liberar el (?:recurso|apoyo|dinero)",
            r"prima de \$0|\$0 (?:premium|a month|al mes)|tarjeta de \$\d+ para"
            r"|las lineas se cierran|lines (?:are )?closing soon",
            r"(?:borrar|eliminar|remove|delete) (?:\w+ ){0,2}(?:colecciones|collections) (?:de"
            r"|from) (?:su|your)",
            r"(?:subir|raise|boost) (?:su|your) (?:puntaje|credit score)",
            r"prestamos? (?:personal(?:es)? )?(?:de|entre) (?:\d|particulares)|(?:al"
            r"|del) \d+ ?% de interes",
            r"sin (?:comprobaciones|verificacion|revision) de credito|(?:no"
            r"|without) credit checks?",
            r"rendimientos? garantizados?|guaranteed (?:returns|\d+ ?% (?:returns|a year"
            r"|annual))|oportunidad de inversion",
            r"invierta en (?:lotes|terrenos|bienes raices|propiedades)"
            r"|financiamiento directo,? sin bancos",
            r"(?:negative|1-star|one-star|bad) reviews? (?:\w+ ){0,4}(?:ready|set) to (?:go live"
            r"|be posted|post)",
            r"(?:resenas|opiniones|valoraciones) (?:negativas|de 1 estrella"
            r"|de una estrella) (?:sobre|en|para|preparadas)",
            r"(?:protection|proteccion de reputacion) fee|one-time protection"
            r"|tarifa de proteccion|perfiles listos para",
            r"they go live on|antes de que se publiquen|si no quieren que esto pase",
            r"(?:retenid[oa]|held) (?:\w+ ){0,3}(?:aduanas?|customs|nuestra oficina)"
            r"|(?:falta de pago|unpaid) (?:de )?(?:aranceles|tasas|customs|duties)",
            r"(?:reschedule|reprogram\w*) (?:your |su )?(?:delivery|la entrega)"
            r"|attempted to deliver your|intentamos entregar",
            r"sera devuelto|will be returned to (?:the )?sender",
            r"(?:transferencia|pago|ingreso|abono)s? (?:\w+ ){0,5}a la nueva cuenta|(?:payment"
            r"|transfer) to (?:the"
            r"|our) new account",
            r"herencia de un (?:cliente|familiar|pariente) fallecido|comparte su apellido"
            r"|shares your (?:sur|last )?name",
            r"(?:listing|inscripcion|registro) (?:in|en) (?:the "
            r"|la )?(?:\d{4} )?(?:\w+ ){0,4}(?:directory|guia)\b",
            r"renewal will be processed automatically|se renovara automaticamente"
            r"|directory advertising",
            r"referral to (?:our )?collections|(?<!\d)\d++ days overdue|para evitar recargos",
            r"(?:reservar (?:la )?plaza|iniciar la tramitacion) (?:\w+ ){0,3}(?:abonar|pagar)"
            r"|abonar \d+ ?€ de (?:matricula|gastos)",
            r"(?:has not been|hasn'?t been|no ha sido) verifi\w+ (?:\w+ ){0,6}(?:removed"
            r"|eliminad[oa])|verification team",
            r"(?:found|detected|encontrado|detectado) malicious code|blacklist your (?:domain"
            r"|site|website)|one-time fee of \$\d+",
            r"(?:selling|sell) your (?:practice|clinic)|confidential valuation",
            r"(?:small|modest) (?:production|booking|feature) (?:contribution|fee)"
            r"|production contribution",
            r"(?:kind|beautiful) face touched my heart|army (?:surgeon|doctor"
            r"|general) (?:currently )?deployed|widower with (?:one|a) (?:daughter|son)",
            r"(?:if you did not|if you didn'?t) (?:place|make|authori[sz]e) this order"
            r"|charged to the card on file",
            r"about to publish them|(?:willing|happy) to discuss an arrangement",
            r"constitutes a violation of the ada|(?:avoid"
            r"|prevent) litigation,? (?:please )?contact",
            r"hola (?:mama|papa),? (?:este|this) es mi (?:numero|number) nuevo"
            r"|my new number,? (?:the|my) old one",
            r"(?:inconsistencia|discrepancy) en (?:su|tu) declaracion|descargue la notificacion"
            r"|to avoid (?:penalties|sanctions) download",
            r"(?:to reserve|to secure|to hold) (?:your|a) (?:place|spot"
            r"|position) (?:\w+ ){0,3}(?:pay|fee)",
            # Round six.
            r"(?:catch|spy on|track) (?:a |your )?cheating (?:spouse|partner|husband|wife"
            r"|boyfriend|girlfriend)|recover (?:a |your )?hacked (?:account|wallet|facebook"
            r"|instagram|whatsapp)|hire a hacker|ethical hacker|(?:hackear|espiar|rastrear) (?:el "
            r"|su |tu )?(?:whatsapp|celular|telefono|movil|cuenta)",
            r"(?:registro|registration|register\w*) (?:de |of )?(?:dominios?"
            r"|domains?) (?:\w+ ){0,3}(?:asia|china|hong kong)|dominios? \.(?:asia|cn)\b"
            r"|domains? (?:names? )?\.(?:asia|cn)\b",
            r"(?:acquiring|acquire|buy|purchase|comprar|adquirir) (?:your|su) (?:domain|dominio)"
            r"|interested in (?:buying |acquiring )?your domain",
            # Round six.
            r"trabajo desde casa|(?:work|working) from home (?:jobs?|opportunit\w+)|dar likes"
            r"|(?:ganancias|ganar|gana|ganas) de \d+ a \d+ (?:usd |dolares |pesos )?(?:diarios"
            r"|al dia|por dia)|(?:earn|make) \$? ?\d+ (?:to \$? ?\d+ )?(?:daily|per day|a day)",
            r"(?:add|include) (?:his|her|their|the) (?:fee|commission|charges?) (?:to|in) (?:the"
            r"|my) payment|(?:refund|send|pay) (?:the )?(?:balance|excess|difference) to (?:my|the"
            r"|his|her) (?:travel )?agent",
            r"visa sponsorship (?:\d+ ?% )?guaranteed|(?:pay"
            r"|paid) (?:only )?for (?:the )?processing (?:of )?(?:documents|fees?)"
            r"|processing fee (?:\w+ ){0,4}refundable|refundable (?:after|upon) arrival"
            r"|free (?:flight|air) ticket",
            r"sell(?:ing)? (?:your|a|my) kidney|kidney donors? (?:\w+ ){0,6}(?:for the sum|usd)"
            r"|vender (?:su|tu|un) rinon|for the sum of",
            r"remedios? (?:de hierbas )?ancestrales|oraciones y remedios|(?:curandera?|chaman"
            r"|santero|brujo|bruja|vidente) (?:\w+ ){0,2}(?:te|le|les) (?:ayuda|ayudo|cura)"
            r"|spell ?caster|spiritual (?:healer|herbalist)|(?:traditional|herbal"
            r"|native) (?:doctor|healer) (?:who|that) (?:cured|helped)",
            # Round six.
            r"(?:nuestro|mi) agente de (?:transporte|envios|carga)|pagar el flete"
            r"|se lo reembolsamos|(?:our|my) (?:shipping|freight|moving) agent|pay (?:the"
            r"|our) (?:shipper|freight)",
            # Round six.
            r"(?:abonar|pagar) (?:la|una) tasa de (?:homologacion|tramitacion|gestion)"
            r"|tasa de homologacion",
            r"(?:residencia|visa|green card|asilo) garantizad[oa]|(?:guaranteed|100 ?%) (?:visa"
            r"|green card|residency|asylum)|arreglar papeles",
            # Round six.
            r"spiritual cleansing|limpia espiritual|testimony of (?:priest|dr|doctor|prophet|baba"
            r"|pastor)|(?:priest|prophet|baba|pastor) \w+ (?:helped|cured|healed)",
            r"peacekeeping mission|widowed (?:us )?(?:army|navy|marine) (?:general|officer"
            r"|sergeant|colonel)|god fearing woman",
            # Round six.
            r"raices (?:naturales|medicinales) de africa|(?:african|africa) (?:herbal"
            r"|roots?) (?:medicine|remedy|cure)|(?:found|contacted|met) (?:a |the )?(?:dr|doctor"
            r"|priest|prophet)\.? \w+ (?:online|on the internet)|prepared (?:a "
            r"|some )?herbal (?:tea|medicine|cream|mixture)",
            r"awarded \$?\d+ in (?:free )?(?:advertising|ad) credits?|(?:activate"
            r"|claim) your (?:ad |advertising )?credit|credito (?:publicitario"
            r"|de publicidad) (?:gratis|gratuito)",
            r"(?:gestionamos|tramitamos) (?:la|su) visa|trabajar legalmente en (?:canada|espana"
            r"|estados unidos|usa)|plazas para (?:enfermeras|auxiliares)",
            # Round six.
            r"secret shoppers?|mystery shoppers?|evaluate a money transfer|cliente (?:oculto"
            r"|misterioso)",
            r"hermano en cristo|depositados en un banco|viuda del difunto"
            r"|late husband'?s (?:fortune|funds)|deposited in a (?:foreign |security )?bank",
            r"entidad bancaria (?:\w+ ){0,2}ha sido sustituida|a la nueva cuenta"
            r"|nueva cuenta bancaria|new bank (?:account|details)",
            # Round seven.
            r"(?:avoid|prevent) (?:further|legal) (?:action|proceedings)|forwarded to (?:our"
            r"|the) legal department|warrant (?:is )?(?:pending|has been issued|for your arrest)"
            r"|without a court appearance",
            r"settle(?:\W+\w+){0,12} (?:if|when) paid today|(?:paid|pay|payment"
            r"|accepted) (?:\w+ ){0,3}(?:by|with|in|via) (?:prepaid|gift) cards?"
            r"|pago (?:\w+ ){0,3}con tarjetas? (?:de regalo"
            r"|prepagadas?)|(?:pago|paga|pague) unico de (?:\$|\d)(?:\W+\w+){0,6} (?:hoy|today)",
            r"ficheros? de morosos|(?:orden|riesgo) de deportacion|evitar (?:su inclusion"
            r"|acciones legales|una demanda|el embargo)|departamento de (?:recobro"
            r"|cobranza judicial)|(?:dar|damos) por saldada",
            r"(?:send|wire|transfer|forward) (?:part|the (?:rest|difference|balance|excess"
            r"|remaining)) (?:of (?:it|the money) )?(?:to|back)|(?:monto|cantidad"
            r"|importe) mayor y (?:usted )?(?:me )?devuelv\w+|(?:me|nos) devuelv\w+ la diferencia"
            r"|transport(?:ation)? agent|agente de (?:transporte|envios)",
            r"agilizar (?:\w+ ){0,2}casos|(?:puedo|podemos) mover (?:su|tu) caso"
            r"|trabajo directamente con (?:oficiales|agentes)|sin necesidad de papeles"
            r"|licencia de manejo (?:\w+ ){0,4}sin|sin ir al consulado",
            r"(?:prestamos?|creditos?) (?:de dinero )?(?:a|para) (?:cualquier persona|toda persona"
            r"|personas serias)|soy (?:una|un) particular que (?:ofrece|presta)|(?:no pido"
            r"|sin) aval ni",
            # Round seven.
            r"remit payment (?:\w+ ){0,3}by wire|wire (?:transfer )?instructions"
            r"|to avoid (?:the )?suspension of your|(?:call|speak (?:to"
            r"|with)) a licensed (?:benefits )?(?:advisor|agent)|limited enrollment (?:slots"
            r"|spots)",
            r"(?<!no )curamos (?:\w+ ){0,3}(?:diabetes|cancer|vih|herpes)"
            r"|we cure (?:\w+ ){0,3}(?:diabetes"
            r"|cancer|hiv|herpes)",
            # Round eight.
            r"\b(?:job|jobs|work|working|placed|placement|contract|position|agency"
            r"|program)s? (?:\S+ ){0,10}(?:abroad|overseas|in (?:canada|germany|ireland"
            r"|new zealand|australia|japan|italy|switzerland|the uk|dubai|the us"
            r"|the usa)\b)\S* (?:\S+ ){0,20}(?:(?:only|just) (?:paid|pay|paying|covered"
            r"|cover) (?:only )?|paid only |pay only )(?:for )?(?:the )?(?:document|visa"
            r"|processing|registration|fee|course|training|paperwork)",
            r"\b(?:trabajo|empleo|contratos?|trabajar|trabaja|practicas|pasantias|agencia"
            r"|programa) (?:\S+ ){0,10}(?:extranjero|canada|alemania|japon|italia|suiza"
            r"|irlanda|australia|cruceros|europa|estados unidos|eeuu"
            r"|dubai)\b\S* (?:\S+ ){0,16}(?:solo|unicamente) (?:pagas|pagar|pague|pago"
            r"|tuve que pagar|tienes que pagar|hay que pagar|cubri|cubres|abonas"
            r"|abonar) (?:el |la |los |las )?(?:tramite|gestion|registro|curso|visa|documentos"
            r"|matricula|cuota|inscripcion|papeleo)",
            r"\bvisa de trabajo garantizada|\bguaranteed (?:work |working )?visa"
            r"|\bwork visa (?:is )?guaranteed|\b(?:garantiza(?:mos)?|guarantee[sd]?) (?:la "
            r"|the )?(?:aprobacion|approval) de (?:la |tu |su )?residencia"
            r"|\bguarantee[sd]? (?:your )?(?:permanent )?(?:residency|residence"
            r"|pr) (?:approval|in)",
            r"\b(?:cuota|tarifa) de colocacion|\bplacement fee of \$?\d"
            r"|\bcuota (?:unica )?de \d[\d.,]*+ (?:pesos|dolares|euros) (?:por"
            r"|para) (?:credencial|registro|inscripcion)|\b(?:one-time|one time"
            r"|registration) fee of \$?\d[\d.,]*+ (?:for (?:your )?(?:badge|credential"
            r"|registration)|to (?:join|register))",
            r"\b(?:contact|email|details) of your (?:finance|accounts|accounting"
            r"|payroll) (?:department|office|team)|\bcontacto de su (?:area"
            r"|departamento) (?:financier[ao]|de finanzas|de contabilidad)",
            r"\b(?:invitation|offer) letter on your (?:hospital |company )?letterhead"
            r"|\bcopy of your (?:hospital |company )?letterhead|\bcompany registration number"
            r"|\bcarta (?:de invitacion|de oferta) (?:\S+ ){0,3}(?:membrete"
            r"|firmada) (?:\S+ ){0,6}(?:visa|tramitar)|\bcopia (?:de )?(?:su"
            r"|del) (?:hoja )?membrete",
            r"\b(?:actual|real|leaked) (?:exam |test )?question(?: pool|s) before (?:the"
            r"|your) (?:exam|test)|\bguarantees? (?:you )?(?:a |to )?pass(?:ing)? (?:the "
            r"|your )?(?:nclex|exam|boards?|test)?|\b(?:pasa|pasan|consigue|vende"
            r"|tiene) (?:\S+ ){0,2}(?:las )?preguntas del examen (?:antes|por adelantado)"
            r"|\bpreguntas del examen antes|\bsin que (?:tengas|tenga) que (?:presentar|hacer"
            r"|rendir) (?:el |ningun )?examen|\bwithout (?:you )?(?:having|needing) to (?:take"
            r"|sit|pass) (?:the |any )?exam",
            r"\b(?:certificates?|certification|certified|diplomas?|degree|cards?"
            r"|licen[cs]es?) (?:\S+ ){0,8}(?:without|no) (?:any )?(?:clinical hours|oral exam"
            r"|exams?|classes|class|skills test|rotation)(?: needed| required)?\b",
            r"\b(?:certificados?|certificaciones|diplomas?|titulos?|cedulas?|licencias?"
            r"|credencial(?:es)?) (?:\S+ ){0,14}sin (?:necesidad de )?(?:presentar |hacer "
            r"|rendir )?(?:examen|practica presencial|practicas|horas clinicas|clases"
            r"|servicio social)",
            r"\b(?:we )?(?:arrange|sell|provide"
            r"|write) letters of recommendation from (?:\S+ ){0,2}(?:physicians|doctors)"
            r"|\b(?:vendemos|conseguimos|ofrecemos) cartas de recomendacion (?:firmadas"
            r"|de medicos)",
            r"\b(?:homologacion|convalidacion|apostilla|cedula profesional"
            r"|titulo) (?:\S+ ){0,8}(?:en \d++ dias|garantizada|sin (?:presentar )?examen"
            r"|ya tenia todo aprobado)|\b(?:la|las|lo|los) (?:obtenemos|tramitamos"
            r"|gestionamos) en \d++ dias\b",
            r"\b(?:practicas|pasantias|rotaciones|plazas|empleo|trabajo) (?:clinicas |medicas "
            r"|remuneradas )?garantizad[ao]s\b|\bguaranteed (?:clinical |paid "
            r"|us )?(?:placements?|rotations?|internships?|externships?|jobs? (?:abroad"
            r"|overseas|in))",
            r"(?:send|wire|transfer|remit|enviar?|send it) (?:\w+ ){0,5}(?:to|in"
            r"|under) my (?:own |personal )?name|remittance (?:center|centre) to my name|(?:my"
            r"|our) personal bank account\b|mobile payment handle|(?:payment|cash) app (?:info"
            r"|details|handle|tag)",
            r"(?:giro|envio de dinero|transferencia|deposito|remesa)s? (?:\w+ ){0,5}a (?:mi"
            r"|su) (?:propio )?nombre|a nombre de mi (?:asistente|coordinador|coordinadora"
            r"|secretari[ao]|tesorer[oa])|numero de mi cuenta|mi cuenta personal|(?:les|te|le"
            r"|os) (?:paso|mando|envio|doy|indico) (?:el numero de |los datos de )(?:la "
            r"|mi )?cuenta",
            r"(?:en|a) la cuenta (?:de (?:nuestr[oa]|mi) (?:coordinador|coordinadora"
            r"|tesorer[oa]|asistente|director|directora|hermana|esposa)|que (?:les|te|le"
            r"|os) (?:paso|pasamos|mando|mandamos|facilitaremos|facilitamos|daremos"
            r"|indicaremos|enviaremos))",
            r"(?:send|share|give) you (?:my|the|our) (?:personal |private |bank "
            r"|mobile )?(?:account|payment app|bank|banking) (?:details|info|information"
            r"|number|handle)|(?:account|bank) (?:details|info|number) (?:personally"
            r"|privately)",
            r"sow (?:a |your )?(?:\w+ )?seed\b|seed (?:offering|of faith)|love offering"
            r"|prayer cloths?|anointed (?:oil|cloth|handkerchief)"
            r"|siembr\w+ (?:\w+ ){0,3}(?:en (?:fe|este ministerio)|semilla|ofrenda)"
            r"|ofrenda (?:voluntaria|de amor)|aceite ungido|panuelos? ungidos?|hacer (?:su"
            r"|tu) ofrenda",
            r"oraciones? (?:\w+ ){0,2}de sanacion|limpias? (?:\w+ ){0,2}a distancia|(?:healing"
            r"|powerful) prayers? (?:\w+ ){0,3}(?:from a distance|remotely)|distance healing"
            r"|(?:ofrenda|pago) (?:\w+ ){0,3}(?:para )?la veladora",
            r"(?:to|para) (?:release|liberar|acreditar|claim|reclamar) (?:the |your |el |la "
            r"|su |this )?(?:award|grant|funds|pago|premio|fondos|herencia|legado|compensacion"
            r"|donation|donacion)|(?:filing|compliance|activation|release|clearance) fee of \$"
            r"|costo de activacion|(?:certificado|certificate) (?:antiterrorista"
            r"|anti-?terrorism)|anti-?terrorism certificate|(?:caja|box) de consignacion"
            r"|consignment box|diplomatic (?:agent|courier)|agente diplomatico"
            r"|honorarios de gestion|aceptacion del legado|legado de [\d.,]+"
            r"|tiene derecho a una compensacion|entitled to (?:a )?compensation of"
            r"|fondos? de compensacion|compensation (?:fund|unit) for victims",
            r"(?:buy|purchase|compre|comprar|compra) (?:\S+ ){0,4}(?:gift ?cards|store cards"
            r"|tarjetas? (?:de regalo|prepago))|(?:photos?|pictures?|fotos?) (?:of|de) (?:the "
            r"|el |la )?(?:back|reverso|parte trasera) (?:of|de) (?:the |las |los )?(?:cards?"
            r"|tarjetas?)",
            r"papeletas (?:solidarias|de (?:la )?rifa)|talonario de (?:(?<!\d)\d++ )?papeletas"
            r"|(?:rifa"
            r"|rifando|sorteo|raffle) (?:\w+ ){0,20}(?:depositen|deposita|depositar"
            r"|ingresar el importe|por adelantado|pay by|send payment)|(?:solo"
            r"|only) (?:hay que|tienes que|need to"
            r"|have to) donar? (?:\S+ ){0,2}para participar|donate \$?(?<!\d)\d++ to (?:enter"
            r"|participate|play)|sorteo solidario|charity (?:raffle|draw) (?:\w+ ){0,4}(?:won"
            r"|gane)",
            r"medicare (?:may |will |can )?(?:now )?(?:cover|pay for) (?:\w+ ){0,4}at no cost"
            r"|have your medicare (?:card|number) ready|(?:tenga|tener) (?:su"
            r"|tu) tarjeta de (?:medicare|medicaid) (?:a la mano|lista)|boton de (?:emergencia"
            r"|panico) (?:\w+ ){0,4}(?:gratis|gratuito)|(?:medical )?alert (?:button|pendant"
            r"|device) (?:\w+ ){0,4}(?:free|at no cost)|(?:medicaid"
            r"|medicare) (?:\w+ ){0,3}puede calificar para",
            r"\b(?:descargue|descargar|consulte|revise) (?:el |la )?(?:expediente|citacion"
            r"|notificacion judicial|demanda)(?: \w+){0,5} (?:en el siguiente|en el enlace"
            r"|aqui|en: http|en http)",
            r"\b(?:abonar|abonando|cubrir|pagar|pagando|depositar"
            r"|transferir) (?:\w+ ){0,2}(?:el |la )?(?:arancel|cuota|tasa) de (?:renovacion"
            r"|inscripcion|auditoria|fiscalizacion|registro|alta)\b",
            r"\bvisas?(?: \S+){0,14} (?:100 ?% aprobad\w*|aprobad\w* (?:al )?100 ?%"
            r"|garantizad\w+|100 ?% (?:approved|guaranteed)|guaranteed)",
            r"\b(?:hosting|dominio|mantencion|mantenimiento web"
            r"|alojamiento)(?: \S+){0,12} (?:para no|evitar|antes de) (?:suspender"
            r"|la suspension|cortar|dar de baja)",
            r"\b(?:hosting|domain|website maintenance)(?: \S+){0,12} (?:avoid"
            r"|prevent) (?:service )?(?:suspension|interruption|deactivation)",
            r"\b(?:unpaid|outstanding|overdue) (?:invoice|balance)(?: \S+){0,14} (?:hosting"
            r"|domain|website|web site)\b",
            # Round eight.
            r"to avoid (?:a |the )?(?:penalty|penalties|fine|fines) of (?:up to )?\$"
            r"|para evitar (?:una |la )?(?:multa|sancion|penalizacion) de (?:hasta )?(?:\$"
            r"|€)? ?\d",
        ),
    ),
    "money_offer": (
        2.0,
        (
            r"(?<!\d)\d++ ?% off",
            r"(?:earn|make|made) \$ ?\d",
            # Not a study's pay for each visit ("participants receive $20 per session").
            r"(?:claim|(?<!participants )(?<!participant )(?<!volunteers )receive)"
            r" (?:your|the)? ?(?:prize|reward|funds|bonus|\$(?! ?\d[\d.,]*+ (?:per|for each"
            r"|for every|each|a) (?:\w+ )?(?:visit|session|evaluation|survey|interview"
            r"|appointment)s?\b))",
            # "Selected for an audit", "the jobs I'd be eligible for" are no prize.
            r"(?:won|winner|selected) (?:a |as )|winner for "
            r"|eligible for (?:a |an |the )?(?:\w+ )?(?:\$|grant|cash|loan|prize|reward"
            r"|compensation|payout|bonus|settlement)|selected for (?:a |an |the )?(?:\w+ )?(?:\$"
            r"|grant|cash|prize|reward|refund|compensation|payout|bonus|free|gift|trip|draw"
            r"|sweepstakes?|giveaway)",
            r"western union",
            r"cashier(?:'s)? che(?:que|ck)",
            r"\b(?:bitcoins?|btc|eth|usdt)\b",
            r"no deposit",
            r"bonus codes?",
            # "$500 per month", "3k/mo"; not "2 inhalers per month".
            # Not what a patient can pay or was quoted ("I can pay $250/month", "rent is $750/mo").
            r"(?:[$€£](?<!pay .)(?<!paying .)(?<!afford .)(?<!is .)(?<!around .)(?<!about .)"
            r"(?<!do .)(?<!them for .) ?\d[\d.,]*+"
            r"|(?<![\d.,])\d(?<!pay .)(?<!paying .)(?<!afford .)(?<!is .)(?<!around .)(?<!about .)"
            r"(?<!do .)(?<!them for .)[\d.,]*+ ?(?:k|usd|dollars|euros|pesos|bucks)\b)"
            r" ?(?:per month|per mo\b|/month|/mo\b|/ month|/ mo\b)",
            r"(?:instant|payday) (?:cash )?loans?\b",
            r"no credit check",
            r"prestamos? (?:rapidos?|urgentes?|inmediatos?|sin (?:buro|aval))",
            r"dinero (?:urgente|rapido|facil)",
            r"(?:make|earn) (?:a lot of |lots of |some |extra |easy |real )?money "
            r"(?:fast|online|from home|quickly|easily|easy)\b",
            # Advance-fee and prize scams.
            r"next of kin",
            r"(?:unclaimed|dormant) (?:funds|account|inheritance)",
            r"(?:transfer|release) (?:of )?(?:the )?(?:funds|sum of)",
            r"(?:lottery|sweepstakes?) (?:winner|prize|draw)",
            r"(?:usted |tu )?(?:ha|has) (?:sido seleccionad[oa]|ganado (?:un|una|el|\$|\d))",
            r"(?:reclam|cobr)\w+ (?:su|tu) (?:premio|recompensa|bono|dinero)",
            r"sin deposito",
            r"fondos (?:sin reclamar|inactivos)",
            r"transferencia de (?:los )?fondos",
            r"gan(?:a|ar|e) dinero (?:desde casa|facil|rapido|extra)",
            r"(?:ganador|premio) de (?:la )?loteria",
            r"gan(?:o|as|a|ar) (?:mas de )?\$? ?\d+ ?(?:dolares|usd|\$)",
            r"gan(?:a|ar|e|as) (?:hasta )?\d+ (?:euros|dolares) (?:al|por|a la)"
            r" (?:dia|semana|hora)",
            r"(?:al|por) dia (?:trabajando )?desde casa",
            r"earn (?:up to )?\$? ?\d+ (?:a day|per day|daily|a week|per week)",
            r"loans? at \d+ ?% interest|without (?:a )?credit check",
            r"prestamos? (?:al \d|personales? (?:rapidos?|sin))",
            r"sin consultar (?:su|tu) historial",
            r"recover (?:your )?(?:lost|stolen|scammed) (?:funds|money|crypto)",
            r"recupera\w* (?:sus|tus) fondos",
            r"(?:eres|es usted) (?:el |la )?ganador",
            r"(?:\$|us ?\$|usd) ?[\d.,]++ ?(?:million|billion)\b",
            r"(?<![\d.,])[\d.,]++ (?:million|billion) (?:dollars|usd|euros|pounds)",
            r"(?<![\d.,])[\d.,]++ millones de (?:dolares|euros)",
            r"dear beneficiary|\bbarrister\b|same (?:sur|last ?)name",
            r"deposit(?:ed)? (?:of|sum of|worth) (?:us)?\$? ?[\d,.]+ ?(?:million|usd|dollars)",
            r"online (?:slots|casino|betting)|(?:tragamonedas|apuestas) (?:en linea|online)",
            r"(?:dm|message|inbox) me (?:for|and i'?ll send) (?:the )?(?:link|details|info)",
            r"\bpresale\b|(?<![\d\w])\d++x (?:coin|token|gains?|returns?)|\bbinance\b|bonus tokens",
            r"forex (?:signals|trading (?:account|platform|signals)|broker|investment)"
            r"|con (?:el )?forex"
            r"|grupo de senales|signals group",
            r"(?:gano|gane|ganamos|ganando) \$? ?[\d.,]+ (?:\w+ )?(?:a|por|al|cada) (?:la )?"
            r"(?:semana|dia|mes)",
            r"(?:le|te|les) prestamos|sin (?:revisar )?(?:buro|historial crediticio)",
            r"work from home (?:and )?(?:earn|make|jobs?|opportunit)|(?:earn"
            r"|make) \$? ?[\d,]+ (?:\w+ ){0,3}"
            r"from home|data entry (?:\w+ ){0,3}(?:from home|remote)|no experience (?:needed"
            r"|required|necessary)",
            r"desde (?:tu |su )?casa (?:\w+ ){0,4}\$? ?\d+"
            r"|(?<!aceptan )(?<!aceptan ma )sin experiencia(?! ?\?)"
            r"|capturistas?",
            r"(?:send|envia|envie|enviar|mande|manda) (?:\w+ ){0,8}(?:social security number"
            r"|numero de seguro social|\bssn\b)",
            r"(?:forex|trading|crypto) (?:bot|robot)|robot de trading|(?<!\d)\d++ ?% (?:weekly"
            r"|daily"
            r"|semanal|diario|a la semana)|minimum deposit|inversion minima|deposito minimo",
            r"bad credit (?:ok|okay|welcome)|approv(?:al|ed) in \d+ (?:minutes|hours)"
            r"|aprobad[oa]s? en \d+ minutos|sin codeudor|reportado en datacredito",
            r"preseleccionad[oa] para el puesto|descargue telegram|(?<!\d)\d++ ?% (?:margins?"
            r"|de ganancia"
            r"|de margen)",
            r"resulto ganador|sorteo electronico|liberar (?:el|su) premio|copia de su (?:cedula"
            r"|pasaporte|identificacion)|(?:late|deceased) husband'?s? (?:fund|money|estate)"
            r"|donate (?:my|the|his|her) (?:\w+ ){0,2}(?:fund|inheritance|estate)",
            r"(?<!\d)\d++ ?(?:%|percent) (?:monthly|mensual|weekly|semanal)|arbitrage|mining"
            r" platform|daily profits|fondo de criptomonedas|presta a un|sin papeleo"
            r"|recovery expert|every cent back|(?:a|per) month from home|ask me (?:for the"
            r" details|how)|preguntame como|rellenando encuestas",
            r"(?:su|your) (?:dominio|domain) (?:\w+ ){0,3}(?:caduca|expir\w+|vence)"
            r"|(?:demanda|lawsuit|legal action) (?:por|for|within|en)|infring\w+ (?:la ley|the law)"
            r"|elegid[oa] ganador|premio a la excelencia|gastos de envio y gestion",
            r"pay by (?:cheque|check)|ship (?:it )?to nigeria"
            r"|(?<!\bi )(?<!\bi still )want (?:to )?buy \d+"
            r"|(?:late|difunto) (?:father|husband|padre|esposo) (?:left|dejo)"
            r"|receive the (?:amount|funds)|in confidence|donar (?:mis|sus) ahorros"
            r"|nombre completo y (?:su )?cuenta|no repayment|federal (?:\w+ ){0,2}(?:grant"
            r"|recovery program)",
            r"(?:nfl|betting|sports) odds|odds this week|apuestas deportivas"
            r"|with my (?:referral )?link, ask me|ask me for (?:it|the link)"
            r"|(?:tengo|vendo) esteroides|esteroides originales|winstrol",
            # Round three: funds and platforms that return a percentage, recovery agents,
            # loans without questions, work for a phone, betting tips, buying gold.
            r"(?:returned|returns of|return of) \d+ ?%|rentabilidad (?:fija )?(?:del? )?\d+",
            r"(?:minimum|minima) (?:investment|participation|inversion|participacion)"
            r"|investor deck",
            r"(?:high-income|high income) professionals?|(?:private )?(?:digital asset"
            r"|crypto-backed) fund",
            r"wealth advisor",
            r"robot de inversion|(?:inteligencia artificial|\bai\b) (?:en el |for )?trading",
            r"van de mi parte|experto en (?:criptomonedas|inversiones|trading|cripto)",
            r"(?:te|les) paso el contacto del? (?:asesor|experto)|invirtiendo en cripto",
            r"(?:sacando|ganando|making|earning) (?:\$|€)? ?[\d.,]+ (?:\w+ )?(?:por|a la|per|a) "
            r"(?:semana|week|dia|day|mes|month)",
            r"(?:recovery|recuperacion) (?:agents?|experts?|specialists?|solutions)",
            r"(?:got|get|gets) (?:all of it|it all|every cent|my money) back|recupere todo",
            r"lost (?:\$|€)? ?[\d.,]+ to (?:a )?(?:fake|scam)|perdi (?:\$|€)? ?[\d.,]+ (?:\w+ )?en",
            r"preaprobad[oa]|pre-?approved for|sin garantias|sin (?:revision|revisar) de buro",
            r"deposito en 24|cobras? en 24|aunque (?:tengas|tenga) deudas|estes en rojo",
            r"prestamos? (?:personales )?para (?:jubilados|pensionados)|copia de (?:su|tu) (?:ine"
            r"|dni)",
            r"(?:recibir|reenviar) (?:y reenviar )?(?:\w+ ){0,2}pagos|receive and forward",
            r"trabajar (?:conmigo )?desde casa|dando (?:likes|me gusta)|grupo de tareas",
            r"(?:solo|only) (?:necesitas?|need) (?:un |una |a )?(?:celular|movil|phone|cuenta)",
            r"(?:solo|only|just) \d+ (?:horas|hours) (?:al|a|per) (?:dia|day)",
            r"clientes? misteriosos?|mystery shoppers?|pronosticos (?:de futbol|deportivos)",
            r"(?<!\d)\d++ ?% de acierto|aciertos (?:garantizados|diarios)|grupo vip|vip group",
            r"lucky numbers|numeros de la suerte|compro (?:oro|plata|relojes)|we buy gold",
            # Round three, second look: brags of money made, recovery hackers, loan firms, legacies.
            r"(?:turned|(?<!copay )(?<!cost )(?<!price )(?<!bill )(?<!premium )went from|converti"
            r"|pase de) (?:\$|€) ?[\d.,]+k? (?:into|to|en|a) (?:\$|€)",
            r"crypto (?:trading )?(?:program|broker|expert|platform|investment)|(?:licensed|legit)"
            r" (?:crypto )?broker|inversion en cripto|plataforma de inversion|withdraw profits",
            r"ganancias diarias garantizadas|(?:saque|gane|ganamos) \d+ mil (?:pesos|dolares"
            r"|euros)",
            r"(?<!\d)\d++ ?% annual returns|tax write-?offs|real estate fund|fondo inmobiliario",
            r"(?:hack|hacker|hackers) recovery|recovery (?:pro|hackers?)|lost (?:money"
            r"|funds) to (?:a )?",
            r"(?:got|recovered) all my (?:funds|money) back|loan firm|qualifies for up to",
            r"gave me \$ ?[\d,]+ at \d+ ?%|ha resultado ganador|loteria (?:europea|internacional)",
            r"sorteo internacional|(?:donar|donate) (?:mi|my|su|his|her) (?:fortuna|fortune"
            r"|herencia)",
            r"(?:figura|figure) como beneficiario|fallecid[oa] sin herederos"
            r"|died without (?:heirs|kin)",
            r"viuda (?:\w+ ){0,4}(?:cancer|enferma)|widow (?:\w+ ){0,4}cancer|handling fee",
            r"complimentary \$ ?\d+ (?:prepaid )?gift card",
            # Round three, last look: trading platforms, debts paid by an adviser, loans on an
            # ID card, draws won, jobs that start with a payment or a cheque, middlemen, blood.
            r"(?:metodo|programa|plataforma) de (?:inversion|trading)|trading automatico"
            r"|forex program",
            r"inversion inicial de|empece con (?:\$|€)? ?\d+|veces lo invertido"
            r"|invert\w* en cripto",
            r"embajadora de una marca|gano un sueldo extra|busco \d+ (?:mujeres|personas|mamas)",
            r"sin clearing|aprobacion en (?:el dia|\d+ minutos)|sin fiador|sin avales"
            r"|le concedemos",
            r"prestamos (?:de|para) (?:funcionarios|jubilados)|con solo (?:tu|su) (?:dpi|ine|dni"
            r"|cedula)",
            r"sin cambiar de banco|salio sorteado|ganadores de un kit|appreciation draw"
            r"|randomly selected(?! for (?:an? |the )?(?:\w+ )?audit)",
            r"dear applicant|apartar su lugar|material de capacitacion|applicants only pay",
            r"visa and accommodation sponsored|(?:receive|send you) a check to (?:buy|purchase)",
            r"act as a middleman|como intermediario|se compra sangre|por unidad,? discrecion",
            r"tarjeta de beneficios|benefits card|califica para una tarjeta",
            # Round four: debt relief sold to patients, and a 'trader' who multiplies savings.
            r"debt relief|reduce (?:your )?medical debt|alivio de deudas|reducir (?:su"
            r"|tu) deuda (?:medica|hospitalaria)",
            r"(?:manages|managed) (?:\w+ ){0,2}(?:crypto|forex|bitcoin) (?:portfolios?|accounts?)"
            r"|licensed (?:crypto |forex )?trader|maneja (?:\w+ ){0,2}(?:cripto|portafolios?"
            r"|inversiones)",
            # Round four: casinos and betting in a reader's voice, passive income from a coach.
            r"ruleta online|free spins|giros gratis|(?:bono|bonus|(?<!\d)\d++ ?%) (?:en|on) (?:tu"
            r"|your) (?:primer |first )?(?:deposito|deposit)|de regalo al registrarte"
            r"|playing slots|tragamonedas",
            r"passive income|ingresos pasivos|inversion en inteligencia artificial"
            r"|invest in ai stocks|(?:financial|investment) coach (?:\w+ ){0,3}(?:taught|helped)"
            r"|el que quiera (?:info|informacion) que me escriba",
            # Round four: grants never repaid, trading classes, crypto yields.
            r"never have to (?:repay|pay back)|no (?:tiene|tienes|hay) que devolver(?:lo)?"
            r"|subvencion a fondo perdido",
            r"operar en forex|ensen\w+ a (?:operar|invertir|tradear)"
            r"|teach (?:you )?(?:how )?to trade|trading (?:class|course|masterclass)",
            r"(?<!\d)\d++ ?% apy|yield vault|accept crypto payments|bonos? de bienvenida"
            r"|welcome bonus|(?<!\d)\d++ ?% en el primer deposito",
            # Round four, second batch: loans, paid studies, relief grants, casino apps.
            r"(?:medical|personal) loan of up to|even with bad credit|get approved (?:for"
            r"|in) (?:\w+ ){0,3}minutes",
            r"get paid \0 ?\d[\d,]*+\+? to (?:take part|participate)"
            r"|paid (?:clinical )?studies (?:site|from home)",
            r"relief grant|never pay it back|say you saw it here|benefits hotline"
            r"|attention seniors",
            r"app de casino|casino que paga",
            # Round four, second batch.
            r"rentabilidad garantizada|oportunidad exclusiva para (?:profesionales|medicos)"
            r"|guaranteed (?:annual )?returns?",
            r"respondiendo encuestas|answering (?:paid )?surveys|(?:escriban|comenten) quiero"
            r"|bot de trading|si alguien quiere el (?:enlace|link) que me escriba",
            r"bono de \d+ ?(?:€|euros|\$|dolares)|(?:trading|forex) signals|signals \d+ months ago",
            r"make (?:over )?\$[\d,]+ (?:every|a|per) (?:week|day)"
            r"|me devuelve [\d.,]+ ?€ a la semana",
            r"metodo secreto|(?:won|gane|gano) .{0,20}(?:loteria|lottery) (?:online|en linea)",
            # Round six.
            r"guaranteed (?:\d+ ?% )?(?:rental )?(?:returns?|yield|roi)|rental (?:return|yield)"
            r"|golden visa|(?:rentabilidad|retorno|rendimiento) garantizad[oa]",
            # Round six.
            r"gano (?:un extra|dinero|en dolares) (?:desde|con)|unirte a mi (?:team|equipo)"
            r"|join my team|(?:mandame|enviame|send me a) dm|escribeme \W?quiero|(?:escribeme"
            r"|escribime|mandame) (?:\w+ ){0,2}por dm|yo te enseno paso a paso|grupo de mentoria"
            r"|earn (?:extra )?(?:money|income) from home",
            # Round six.
            r"(?:gane|gano|earned|made) (?:\w+ ){0,3}[\d.,]+ ?(?:euros|dolares|usd|€"
            r"|\$)? con una inversion de|opera sola|(?:trading"
            r"|inversion) (?:\w+ ){0,3}(?:inteligencia artificial|con ia)|ai trading (?:bot"
            r"|platform)",
            r"pre-?ipo|minimum (?:allocation|investment) (?:is |of )?\$|returns of \d+[-–]\d+x",
            r"(?:may|might|could) be entitled to (?:significant |substantial )?compensation"
            r"|no fee unless we win|free case (?:review|evaluation)|(?:puede"
            r"|podria) tener derecho a (?:una )?indemnizacion",
            # Round six.
            r"mi propio negocio desde casa|ser distribuid(?:or|ora)|gano en dolares|(?:become"
            r"|be) a distributor",
            # Round six.
            r"nutricion celular|oportunidad de negocio|business opportunity|ingreso (?:extra"
            r"|adicional|residual)|residual income",
            # Round seven.
            r"(?:gano|ganar|ganas|ganando|genera|generar) (?:dinero|plata|ingresos|extra|\$"
            r"|\d)\S* (?:\w+ ){0,3}desde (?:casa|el celular|mi casa|el telefono|tu casa)"
            r"|desde (?:el celular|casa)(?:\W+\w+){0,8} (?:escribeme|escribanme) y te explico"
            r"|(?:empleo|trabajo) desde casa(?:\W+\w+){0,8}?\W+(?:pago|ganancias|ingresos) de"
            r"|kit de inicio",
            r"(?:make|earn|making|earning) (?:\$++|money|cash|(?<![\d,])\d[\d,]*+)\S*+"
            r" (?:\w+ ){0,3}from home|before it pumps"
            r"|(?<!\d)\d++x (?:this week|in a week|on a coin)|(?:about|going) to (?:\d++x"
            r"|moon)\b|coin (?:nobody|no one) knows",
            # Round seven.
            r"te financiamos|financiamos hasta|aprobacion inmediata|desembolso en \d+ horas"
            r"|sin garantia y (?:con|sin)",
            # Round seven.
            r"instant approval",
            # Round eight.
            r"(?:copying|copy|copiando|copiar) (?:\w+ )?(?:trades|operaciones)|(?:signal"
            r"|signals|trading|forex) group (?:a|that|my)|(?:learning|aprendiendo|learned"
            r"|aprendi) (?:\w+ )?(?:forex|trading de divisas|crypto trading)"
            r"|forex trading (?:for|has|changed)",
            r"(?:paid off|pague|liquide) (?:my |all my |mi |mis "
            r"|toda mi )?(?:student )?(?:loans|debts?|deudas?|credit cards?"
            r"|tarjetas?) (?:\w+ ){0,2}(?:doing|with|working|haciendo|con"
            r"|trabajando) (?:simple|easy|online|sencill|tareas|small)|(?:simple|easy"
            r"|small) online tasks|tareas (?:sencillas|simples|faciles) (?:en linea|online"
            r"|desde casa)",
            r"ganar en dolares|(?:earn|make) (?:in )?(?:dollars|usd) from home"
            r"|solo necesitas (?:ganas|un (?:telefono|celular|movil))"
            r"|all you need is (?:a phone|your phone|motivation)",
            r"libertad financiera|financial freedom|(?:buscamos|busco"
            r"|estamos buscando) (?<!\d)\d++ personas (?:comprometidas|serias|motivadas|con ganas)"
            r"|(?:looking for|seeking) (?<!\d)\d++ (?:motivated|serious|committed|driven) (?:people"
            r"|moms|women|individuals)",
            r"oportunidad de ingresos (?:adicionales|extra|pasivos)|(?:extra|additional|side"
            r"|passive) income opportunit|ingresos (?:adicionales"
            r"|extra) (?:\w+ ){0,3}(?:distribu|comision)",
            r"(?:paid|pagado|pagan) (?:brand deals|colaboraciones)|brand deals|(?:post"
            r"|publicas?) (?:and|y) (?:get paid|te pagan|cobras) (?:weekly|semanal)|(?:pay"
            r"|pagar|pagarle|pagarte) (?:your|tu|su) (?:page|pagina|cuenta|account) \$?(?<!\d)\d++",
            r"circulo (?:solidario|de (?:la )?abundancia)|(?:tu|la|su) flor se completa"
            r"|telar (?:de (?:los )?suenos|de la abundancia)|(?:gifting|blessing) (?:circle"
            r"|loom)|invitas a (?:dos|2|tres|3) amig|invite (?:two|2|three|3) (?:friends"
            r"|people) and (?:\w+ ){0,2}(?:get|receive)|no es (?:una )?piramide|(?:it'?s"
            r"|this is) not a pyramid",
            r"(?:start|work|working) from home (?:\w+ ){0,3}(?:with )?no experience"
            r"|stay-at-home moms?!? (?:\w+ ){0,8}(?:earn|from home|hiring)"
            r"|desde casa (?:\w+ ){0,3}sin experiencia|sin experiencia (?:\w+ ){0,3}desde casa",
            r"(?:final expense|prepaid funeral|pre-?need funeral|burial) (?:plans?|insurance"
            r"|polic\w+)|(?:plan|planes|seguro) (?:de )?(?:prevision )?(?:funerari[oa]"
            r"|exequial)|prevision (?:funeraria|exequial)",
            r"no medical exam|sin examen medico|no questions about (?:your |their )?health"
            r"|(?:rate|premium) (?:is )?locked (?:in )?for life|guaranteed (?:lifetime income"
            r"|acceptance)|lifetime income|ingreso (?:vitalicio|garantizado de por vida)"
            r"|renta vitalicia",
            r"reverse mortgage|hipoteca inversa|liquidez con su vivienda|(?:obtener"
            r"|sacar) liquidez (?:\w+ ){0,3}vivienda|(?:gold|precious metals) ira\b"
            r"|ira into (?:physical )?gold|physical gold|oro fisico",
            r"\b(?:les?|te|os) (?:entrego|entregamos|doy|damos|llevo"
            r"|llevamos) (?:\w+ ){0,2}(?:los |sus |tus )?(?:euros|dolares|pesos|colones|soles"
            r"|billetes|efectivo)\b(?: \w+){0,3} en (?:mano|efectivo|la puerta)",
            r"\b(?:sin|no|zero|without|free of) (?:comision|comisiones|fees?"
            r"|commission)(?: \w+){0,4} (?:y |and )?(?:al|at the|a) (?:mejor|best"
            r"|better) (?:cambio|tipo de cambio|tasa|exchange rate|rate)\b",
            r"\b(?:mi|my) (?:codigo de (?:referido|invitacion|referencia)|(?:referral"
            r"|invite) code)\b",
            r"\b(?:accept|accepting|aceptar|aceptan|acepte|acepten) (?:payments? "
            r"|pagos? )?(?:in |en |con )?(?:digital coins|digital currenc\w+|crypto\w*"
            r"|criptomonedas?|monedas digitales|bitcoin)",
        ),
    ),
}
# Each phrase is compiled on its own with the literal beginnings any match of it must start with
# (its "triggers", read from the parsed pattern: "buy ", "purch", "remove "). A phrase is tried
# only when one of its triggers occurs in the text, a substring test in C; phrases whose matches
# may begin otherwise (a digit, a currency sign, a lookbehind's context) are always tried. With
# hundreds of phrases this keeps the filter fast (docs/spam-filter.md, speed): most texts contain
# the beginnings of a few.
_MIN_TRIGGER = 3
_TRIGGER_LENGTH = 8
_MAX_TRIGGERS = 64


def _items(parsed) -> list:
    return list(getattr(parsed, "data", parsed))


def _literal_beginnings(items: list, prefix: str = "") -> set[str]:
    """The literal strings every match of the parsed items begins with, one per way of
    beginning (each followed by something that is not a literal, or by nothing)."""
    if len(prefix) >= _TRIGGER_LENGTH:
        return {prefix}
    if not items:
        return {prefix}
    (op, value), rest = items[0], items[1:]
    name = str(op)
    if name == "LITERAL":
        return _literal_beginnings(rest, prefix + chr(value))
    if name in ("AT", "ASSERT_NOT", "ASSERT"):
        return _literal_beginnings(rest, prefix)  # boundaries and lookarounds consume nothing
    if name == "SUBPATTERN":
        return _literal_beginnings(_items(value[3]) + rest, prefix)
    if name == "BRANCH":
        found: set[str] = set()
        for branch in value[1]:
            found |= _literal_beginnings(_items(branch) + rest, prefix)
        return found
    if name.endswith("REPEAT") and value[0] == 0 and value[1] == 1:
        return _literal_beginnings(rest, prefix) | _literal_beginnings(
            _items(value[2]) + rest, prefix
        )
    if not prefix and (name in ("IN", "ANY", "NOT_LITERAL") or name.endswith("REPEAT")):
        # "(?<!\\d)\\d++ ?% off", "[$€£] ?\\d": a match begins with a class of characters,
        # but the literal that follows is in every match all the same.
        return _literal_beginnings(rest, prefix)
    return {prefix}


def _contained_literals(items: list) -> set[str] | None:
    """Literal strings (of _MIN_TRIGGER to _TRIGGER_LENGTH characters) of which every match of
    the parsed items contains at least one, or None when none can be named: "$ ?\\d+ per post"
    begins with a sign and a number, but " per pos" is in every match."""
    best: set[str] | None = None
    run = ""
    for op, value in [*items, (None, None)]:
        name = str(op)
        if name == "LITERAL":
            run += chr(value)
            continue
        candidate = {run[:_TRIGGER_LENGTH]} if len(run) >= _MIN_TRIGGER else None
        run = ""
        if candidate is None and name == "SUBPATTERN":
            candidate = _contained_literals(_items(value[3]))
        if candidate is None and name == "BRANCH":
            found: set[str] | None = set()
            for branch in value[1]:
                inner = _contained_literals(_items(branch))
                if inner is None:
                    found = None
                    break
                found |= inner
            candidate = found
        if candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate
    return best


def _triggers(pattern: str) -> tuple[str, ...]:
    """The literal beginnings of a phrase's matches (up to _TRIGGER_LENGTH characters); when
    some match may begin with fewer than _MIN_TRIGGER literal characters, literals of which every
    match holds one; or () when neither can be named."""
    items = _items(re._parser.parse(pattern))  # type: ignore[attr-defined]
    heads = _literal_beginnings(items)
    if len(heads) > _MAX_TRIGGERS or any(len(head) < _MIN_TRIGGER for head in heads):
        heads = _contained_literals(items) or set()
        if len(heads) > _MAX_TRIGGERS:
            return ()
    return tuple(sorted(heads))


def _top_level(pattern: str) -> list[str]:
    """A pattern cut at each "|" outside any group or character class."""
    parts: list[str] = []
    depth, start, at, in_class = 0, 0, 0, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # "]" first in a class ("[]a]", "[^]a]") is one of its characters.
            if pattern.startswith("^]", at + 1):
                at += 2
            elif pattern.startswith("]", at + 1):
                at += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return [pattern]
        elif char == "|" and depth == 0:
            parts.append(pattern[start:at])
            start = at + 1
        at += 1
    parts.append(pattern[start:])
    return parts if depth == 0 else [pattern]


def split_alternatives(pattern: str) -> tuple[str, ...]:
    """A pattern's alternatives as patterns of their own, in order: `A|\\b(?:B|C)\\b` gives `A`,
    `\\b(?:B)\\b` and `\\b(?:C)\\b`. The earliest match of any of them (the first one's, when
    two begin at the same place: `_search_family`) is the pattern's own match."""
    phrases: list[str] = []
    for part in _top_level(pattern):
        inner = part[len("\\b(?:") : -len(")\\b")]
        if (
            part.startswith("\\b(?:")
            and part.endswith(")\\b")
            and len(_top_level("(" + inner + ")")) == 1
        ):
            phrases.extend("\\b(?:" + alternative + ")\\b" for alternative in _top_level(inner))
        else:
            phrases.append(part)
    return tuple(phrases)


Phrase = tuple[re.Pattern[str], tuple[str, ...]]


def _compiled_family(patterns: tuple[str, ...]) -> tuple[Phrase, ...]:
    """Each phrase compiled, with its triggers."""
    return tuple((re.compile(pattern), _triggers(pattern)) for pattern in patterns)


_PHRASE_PATTERNS = {
    rule: (points, _compiled_family(patterns))
    for rule, (points, patterns) in PHRASE_FAMILIES.items()
}


# Per family: its triggers, the phrases each of them may start, and the phrases with no trigger.
# One set intersection with a text's triggers then names the phrases worth trying.
FamilyIndex = tuple[frozenset[str], dict[str, tuple[int, ...]], tuple[int, ...]]


class _TriggerFinder:
    """Every phrase trigger of every family in one Aho-Corasick automaton (pyahocorasick): one
    pass over a text in C names the triggers it contains, where testing each family's triggers
    in turn cost a Python step per phrase (docs/spam-filter.md, speed). Families are indexed by
    the identity of their phrase tuple; one the finder has not met yet (a test's own phrases)
    adds its triggers on first use."""

    def __init__(self) -> None:
        self._known: set[str] = set()
        self._automaton = ahocorasick.Automaton()
        self._families: dict[int, tuple[tuple[Phrase, ...], FamilyIndex]] = {}

    def family(self, phrases: tuple[Phrase, ...]) -> FamilyIndex:
        cached = self._families.get(id(phrases))
        if cached is not None and cached[0] is phrases:
            return cached[1]
        by_trigger: dict[str, list[int]] = {}
        for at, (_, triggers) in enumerate(phrases):
            for trigger in triggers:
                by_trigger.setdefault(trigger, []).append(at)
        always = tuple(at for at, (_, triggers) in enumerate(phrases) if not triggers)
        index = (
            frozenset(by_trigger),
            {trigger: tuple(ats) for trigger, ats in by_trigger.items()},
            always,
        )
        new = index[0] - self._known
        if new:
            for trigger in new:
                self._automaton.add_word(trigger, trigger)
            self._known |= new
            self._automaton.make_automaton()
        self._families[id(phrases)] = (phrases, index)
        return index

    def present(self, text: str) -> frozenset[str]:
        if not self._known:
            return frozenset()
        return frozenset([trigger for _, trigger in self._automaton.iter(text)])


_TRIGGERS = _TriggerFinder()
for _points, _phrases in _PHRASE_PATTERNS.values():
    _TRIGGERS.family(_phrases)
del _points, _phrases


def present_triggers(text: str) -> frozenset[str]:
    """The phrase triggers that occur in a (normalised) text: a phrase is tried only when one of
    its own is among them."""
    return _TRIGGERS.present(text)


def _search_family(
    phrases: tuple[Phrase, ...], text: str, present: frozenset[str] | None = None
) -> re.Match[str] | None:
    """The earliest match in the text of any of a family's phrases (the first phrase's, when two
    begin at the same place), trying only the phrases whose triggers occur in it (`present`:
    `present_triggers(text)`, if already worked out)."""
    triggers, by_trigger, always = _TRIGGERS.family(phrases)
    if present is None:
        present = present_triggers(text)
    candidates = set(always)
    for trigger in present & triggers:
        candidates.update(by_trigger[trigger])
    best = None
    for index in sorted(candidates):
        match = phrases[index][0].search(text)
        if match is not None and (best is None or match.start() < best.start()):
            best = match
    return best


# Several products or services in a row, separated by bars: the anchor texts of a link list whose
# links were stripped. Counted as search-engine spam. Found by walking the bars once rather than
# by one pattern: a pattern may start at any word, and a long list that ends badly was read again
# from each of its words, quadratic in its length.
_LIST_WORD = re.compile(r"[a-z][a-z'&-]*+")
_LIST_ITEM_WORDS = 5


def _list_item(segment: str) -> str | None:
    """A whole segment between two bars as a list item (one to five words), or None."""
    body = segment.removeprefix(" ").removesuffix(" ")
    words = body.split(" ", _LIST_ITEM_WORDS)
    if len(words) > _LIST_ITEM_WORDS or not all(_LIST_WORD.fullmatch(w) for w in words):
        return None
    return body


def _first_list_item(segment: str) -> str | None:
    """The words that end the segment before a list's first bar (up to five), or None."""
    words = segment.removesuffix(" ").rsplit(" ", _LIST_ITEM_WORDS)[-_LIST_ITEM_WORDS:]
    kept: list[str] = []
    for word in reversed(words):
        if not _LIST_WORD.fullmatch(word):
            break
        kept.append(word)
    return " ".join(reversed(kept)) or None


def _last_list_item(segment: str) -> str | None:
    """The words that start the segment after a list's last bar (up to five), or None."""
    kept: list[str] = []
    for word in segment.removeprefix(" ").split(" ", _LIST_ITEM_WORDS)[:_LIST_ITEM_WORDS]:
        match = _LIST_WORD.match(word)
        if match is None:
            break
        rest = word[match.end() :]
        if rest and (rest[0].isalnum() or rest[0] == "_"):
            break  # the word runs on into digits or letters of another script
        kept.append(match.group(0).rstrip("'&-"))
        if rest:
            break  # punctuation ends the list
    return " ".join(kept) or None


def find_anchor_list(text: str) -> str | None:
    """Three or more items of one to five words separated by bars ("wedding photos | party
    decoration | catering services"), as written in the text, or None. One pass over the bars."""
    if text.count("|") < 2:
        return None
    segments = text.split("|")
    start = 0
    while start < len(segments) - 2:
        first = _first_list_item(segments[start])
        if first is None:
            start += 1
            continue
        end = start + 1
        items = []
        while end < len(segments) - 1 and (item := _list_item(segments[end])) is not None:
            items.append(item)
            end += 1
        last = _last_list_item(segments[end]) if end - start >= 2 else None
        if last is not None:
            return " | ".join([first, *items, last])
        # Every later start inside this run of items ends at the same place and fails alike.
        start = max(end, start + 1)
    return None


_ANCHOR_LIST_RULE = "seo_offer"
_COLD_PITCH_RULE = "clinic_vendor"
_PHONE = re.compile(r"(?<!\d)(?:\+?\d[\s.()–-]{0,2}){9,14}\d(?!\d)")


# The trades whose adverts name what they sell in the link itself ("/sage-50-support/",
# "/buy-tramadol-online"): their phrases are also looked for in the words of a link's path.
# Contact phrases are not: a news article's address may well say "whatsapp" or "helpline".
SLUG_RULES = frozenset(
    {"seo_offer", "support_line_advert", "vendor_offer", "clinic_vendor", "pharmacy_offer"}
)
_SLUG_SEPARATORS = re.compile(r"[-_/.+=?&#%]+")


def _link_slugs(text: str) -> str:
    """The words of the links' paths, one link per line: "sage-50-support/" -> "sage 50 support"."""
    return "\n".join(
        _SLUG_SEPARATORS.sub(" ", link.path).strip() for link in find_links(text) if link.path
    ).strip()


# A cold sales pitch to the practice, in whatever trade: a seller speaking for its firm, the
# clinic addressed as a business customer, the terms of a sale, and its close. A patient asks
# "can I send you my results?" and "is the first visit free?", a pharmacy writes "our team"; a
# vendor's letter has the seller or the customer in it and one more part, the trade it sells
# aside (find_cold_pitch).
_SELLER = (
    r"\b(?:(?:we|i)(?:'ll| will| can| would| also)? (?:help|place|build|offer|provide|supply"
    r"|specialize|specialise|install|make|create|design|fix|handle|run(?<!\bi run)|manage"
    r"|generate|deliver"
    r"|transcribe|optimi[sz]e|redesign|develop|recover|credential|work with (?:clinics"
    r"|practices|doctors))|we(?:'ve| have) (?:built|developed|created|helped)"
    r"|we have (?:a |an )?(?:verified |updated |exclusive )?(?:database|list|team|system"
    r"|software|solution|candidates)|we already (?:clean|serve|work with|help)"
    r"|(?:our|my) (?:[\w-]+ )?(?:team|company|agency|firm|platform|software|solution|bot|app"
    r"|system|call center|campaigns?|consultants?)\b|i'?m reaching out to offer"
    r"|i(?:'d| would) be happy to (?:create|make|help|design)|i'?m a (?:virtual assistant"
    r"|freelancer|consultant|marketer|developer|designer)"
    r"|ofrecemos|ofrezco|tramitamos|generamos|optimizamos|redisenamos|disenamos|creamos"
    r"|desarrollamos|instalamos|contamos con|le present(?:o|amos)|hacemos|atendemos|manejamos"
    r"|gestionamos|migramos|le mejoramos|le regalamos|cubrimos|hicimos (?:\w+ ){0,2}(?:webs?"
    r"|paginas?|sitios?|campanas?|apps?)|venta al mayoreo"
    r"|somos (?:una |un )?(?:empresa|agencia|equipo|estudio|distribuidora)"
    r"|nuestro (?:equipo|robot|software|sistema|servicio|call center|expediente)"
    r"|nuestra (?:empresa|agencia|plataforma)|ya (?:atendemos|trabajamos con)"
    r"|we are a (?:\w+ ){0,3}(?:company|agency|firm|studio|provider|distributor)"
    r"|i(?:'m| am) a (?:freelance |private |certified )?(?:\w+ )?(?:producer|writer|agent"
    r"|specialist|broker)|i manage a|we (?:have|stock) (?:\w+ ){0,3}in stock|ready to ship"
    r"|i would love to (?:stop by|contribute|show|offer)|i make (?:\w+ ){0,3}(?:films|videos"
    r"|websites|apps)|we only get paid|we work with (?:\w+ ){0,2}(?:offices|practices|clinics)"
    r"|(?:our|my) (?:\w+ ){0,2}(?:app|fund|products?|scribes|catalogue|catalog)"
    r"|redactamos|somos una empresa|nuestro fondo|le ofrecemos"
    r"|(?:we|i) (?:manufacture|refurbish|fumigate|reupholster|lease)\b|(?:we|i) (?:do|run|paint"
    r"|pick up|install|buy|translate|write|wash|print|repair|rent|produce|photograph|film)"
    r" (?:\w+ ){0,4}for (?:\w+ ){0,2}(?:clinics|practices|offices|doctors|hospitals|labs"
    r"|waiting rooms)|fabricamos|alquilamos|reparamos|pintamos|imprimimos|le hago"
    r"|trabajo con influencers|somos una empresa de"
    r"|we (?:grow|distribute)|we do (?:\w+ ){0,3}(?:cleaning|disinfection|removal|printing"
    r"|translation|marketing|videos|billing|resurfacing|striping|paving|landscaping|signage"
    r"|roofing)|our (?:\w+ ){0,2}(?:crews|machines)|nuestra consultoria"
    r"|distribuimos|reformamos|le escribo de una empresa|una empresa (?:\w+ )?de software"
    r"|(?:tengo|tenemos) a la venta|(?:i|we) have (?:\w+ ){0,3}for sale|le escribo de parte de"
    r"|soy (?:ejecutiv[oa]|asesora?|representante) (?:comercial|de ventas)"
    r"|(?:sales|account) (?:executive|representative|rep) (?:at|with|for)"
    r"|i run a (?:\w+ ){0,2}(?:agency|company|business|firm|studio|service)"
    r"|(?:is|es) an? (?:\w+ ){0,3}(?:built|designed|made|disenad[oa]|hech[oa]) (?:for|para)"
    r"|(?:medical |virtual |remote )+(?:assistant|receptionist|biller)s? with \d+ years"
    r"|we(?:'re| are) an? (?:\w+ ){0,5}(?:company|agency|firm|provider)|our (?:\w+ ){0,2}(?:coders"
    r"|gateway|agents?|editors|writers)|i help (?:doctors|practices|clinics|clinic owners)"
    r"|especializad[oa]s? en (?:clinicas|consultorios|centros medicos|el sector (?:salud"
    r"|sanitario))"
    r"|speciali[sz]\w* in (?:\w+ )?(?:clinics|practices|healthcare)|(?:os|les) escribimos de"
    r"|ofrecer(?:os|les|le) (?:nuestr\w+|un|una)|we can get your (?:clinic|practice|office)"
    r"|we(?:'ll| will) (?:cut|reduce|lower|save)|(?:we|i) (?:lead|handle) acquisitions"
    r"|acquiring (?:\w+ ){0,5}practices|nos especializamos en|recuperamos|solo cobramos si"
    r"|captacion de pacientes|una agencia (?:de|especializada)|agencia especializada en"
    r"|helps (?:\w+ ){0,4}practices"
    r"|we are an? (?:\w+ ){0,3}(?:laboratory|lab|manufacturer|supplier|wholesaler)"
    r"|empresa con (?:mas de )?\d+ anos|brindando servicios de|ayudamos a (?:clinicas|consultorios"
    r"|medicos|doctores|dentistas)|(?:as an?|i'?m an?) (?:independent )?(?:energy|insurance"
    r"|mortgage|business|utility) broker|i compare \d+\+? (?:suppliers|providers|carriers)"
    r"|recruitment agency (?:supplying|providing|placing)|(?:we|our agency) (?:supply|place"
    r"|deploy) (?:\w+ ){0,3}(?:nurses|caregivers|doctors)"
    r"|we'?re switching (?:clinics|practices|offices))\b"
)
_AS_CUSTOMER = (
    r"\b(?:(?:practices|clinics|offices|centers|doctors) like (?:yours|you)"
    r"|your (?:practice|office|clinic|center|centre|med spa)(?:'s)? (?:revenue|rankings?"
    r"|website|reviews|billing|bookings|staff|marketing|growth|equipment|listing|profile)"
    r"|your (?:competitors|bottom line|rankings|revenue|bookings|billing|marketing|providers"
    r"|front desk|electric bill|google (?:business )?(?:profile|listing))"
    r"|(?:most|many) (?:\w+ )?(?:clinics|practices|doctors) (?:lose|miss|struggle|don'?t"
    r"|already)|(?:clinics|practices) (?:see|get|report) \d+|small practices|open positions"
    r"|for (?:\w+ ){1,2}(?:practices|offices)"
    r"|(?:hello|hi|dear) (?:practice manager|office manager|director|owner|practice administrator"
    r"|clinic director|clinic manager)|for the owner"
    r"|(?:para|a) (?:su|tu) clinica de|(?:les|le) falta personal|vacantes|su dinero"
    r"|(?:su|tu) (?:pagina web|sitio web|perfil|registro|zona|expediente electronico|tasa)"
    r"|(?:sus|tus) (?:pacientes|medicos|doctores|cuentas|empleados|competidores)"
    r"|(?:clinicas|consultorios) (?:de su zona|como el suyo|como la suya)"
    r"|(?:estimad[oa]|hola) (?:director|gerente|administrador)|muchos medicos ya"
    r"|for (?:\w+ ){1,2}(?:buyers|professionals|members)|(?:medical|dental|healthcare)"
    r" (?:offices|practices|buyers|professionals)|new practices|your (?:building|readers"
    r"|blog)|right person to (?:speak|talk) (?:with|to)|clinicas privadas|su blog"
    r"|for (?:\w+ ){0,4}(?:clinics|practices|consultorios|clinicas|hospitals|labs)"
    r"|how many patients (?:leave|miss|never|don'?t)|are you overpaying|many clinics are (?:locked"
    r"|overpaying|paying)|most (?:\w+ ){0,2}practices (?:we review|are paying)"
    r"|revisamos (?:sus|su) (?:redes|web|sitio|perfil)|sus redes sociales|senores ips"
    r"|is your (?:team|staff|front desk) (?:drowning|overwhelmed|swamped)|i drove (?:past|by) your"
    r"|pase por (?:su|tu) (?:clinica|consultorio)"
    r"|your (?:homepage|phones)|waiting rooms"
    r"|(?:su|tu) (?:consultorio|clinica (?:de|capilar|dental))|salas de espera"
    r"|clinics your size|your zip code|your (?:tiktok|instagram) (?:account|has)"
    r"|(?:many|lots of) (?:\w+ ){0,2}(?:centers|clinics|practices|consultants|doctors) (?:use"
    r"|are)|for (?:\w+ ){0,2}(?:surgeons|dentists|physicians)|for your (?:clinic|practice)"
    r" right now|short on (?:\w+ ){0,2}staff|consultas y clinicas|consultas medicas"
    r"|para (?:\w+ ){0,3}(?:consultorios|clinicas|centros medicos|hospitales)"
    r"|(?:buildings|facilities|businesses) like (?:yours|(?:medical )?clinics)"
    r"|your (?:current )?staffing (?:gaps|needs)|(?:your|of) (?:\w+ ){0,3}electric bills"
    r"|help your (?:\w+ ){0,3}(?:practice|clinic|office) (?:reduce|grow|save|get|increase)"
    r"|for (?:\w+ ){0,2}(?:therapists|chiropractors|consultants|midwives|doulas|audiologists"
    r"|podiatrists)|(?:dear|hello|hi) (?:clinic|practice) owners?|clinic owners"
    r"|offer your patients|your patients (?:expect|want|deserve)|lets your patients"
    r"|(?:are|do) (?:your )?patients (?:\w+ ){0,3}(?:turning down|delay\w*|skip\w*|cancel\w*)"
    r"|are you still (?:using|handling|doing|typing|paying)|(?:handling"
    r"|doing) (?:\w+ ){0,6}in-house"
    r"|your (?:\w+ )?(?:revenue|collections|cash flow|no-shows)|(?:para )?vuestro personal"
    r"|(?:clinics|practices|offices) in your (?:area|city|region|town)|your (?:current|monthly"
    r"|last) (?:bill|invoice|statement)|your practice'?s (?:future|valuation|value)"
    r"|(?:practices|clinics|offices) that use|is your team still|(?:dear|hello|hi) hiring manager"
    r"|(?:most|many) (?:\w+ ){0,2}(?:businesses|clinics|practices) are (?:overpaying|paying too)"
    r"|independent (?:\w+ ){0,4}practices|patients in your system|is your (?:practice|clinic"
    r"|office) still (?:using|paying|doing)|most practices (?:book|see|get|recover)"
    r"|(?:clinics|practices|offices) (?:see|get|report"
    r"|average) (?:an average of |up to )?[$€£]?\d[\d,.]*+k?)\b"
)
_SALE_TERMS = (
    r"\b(?:free (?:trial|month|quote|audit|demo|sample|assessment|roof|script)|\$ ?0 down"
    r"|no (?:long )?contracts?|no (?:setup|set-up|installation) fee|(?:special|discounted|fixed)"
    r" (?:pricing|rate|price)|(?:only )?pay (?:only )?per (?:booked )?(?:appointment|lead"
    r"|result|consultation)|per (?:hour|lead)|(?<!\d)\d++ an hour|this month only|case stud\w*"
    r"|percent (?:more|less|off|cheaper)|gratis|sin costo|sin cuota|precio fijo|primer mes"
    r"|free (?:\w+ )?(?:estimate|quote|audit|assessment|analysis)|se factura|descuentos"
    r"|free (?:\d+[- ]day )?trial|\$ ?\d+ ?(?:/ ?hr|/ ?hour|per hour)"
    r"|(?:cut|reduce|increase|boost|grow)\w* (?:\w+ ){0,4}by (?:up to )?(?<!\d)\d++ ?%"
    r"|(?<!\d)\d++ ?% of collections|clean claim rate|(?<!\d)\d++ ?% financing|instant approvals?"
    r"|no cost to (?:the|your) (?:practice|clinic)|no cost to (?:enroll|join|sign up)|paid upfront"
    r"|one-time fee|cursos bonificados"
    r"|100 ?% gratuit[oa]s?|descuento de lanzamiento|sin ningun compromiso"
    r"|meses gratis|descuento|comision|pedido minimo|al mayoreo|solo paga|por cita|la hora"
    r"|por (?:un )?porcentaje|zero down|first payment deferred|approvals? in minutes"
    r"|free (?:delivery|walkthrough|estimate|trial bottle|guest)|percent off|bulk pricing"
    r"|(?:start|starts|starting) at|one-week trial|sin coste alguno|a cambio|in return"
    r"|do-?follow|rentabilidad|lock in (?:this|the|your) (?:\w+ )?rate"
    r"|margins? (?:above|over|of)|\$ ?\d+ flat|flat (?:fee|rate)|trial week|precio de"
    r" (?:oportunidad|mayoreo)|precios? (?:muy )?competitivos|reasonable price|very cheap"
    r"|cheaper than your|top cash|bonificad[oa]|no upfront cost|free for \d+ months"
    r"|sin costo inicial|no collateral|(?:a|at a) \d+ ?% discount|first one is free"
    r"|free with a|(?:you )?only pay if|cents a word|sin compromiso|lista de precios"
    r"|free (?:setup|set-up|installation|onboarding)|packages? (?:from|start at|starting at)"
    r" \$ ?\d+|tarifas (?:de este ano|especiales|competitivas)|bonificables?|ebitda"
    r"|flat-rate|zero[- ]fee (?:program|processing)|from only \$ ?\d+|(?:first"
    r"|primeros?) \d+ (?:cases|orders|units|pedidos) (?:are |son )?free"
    r"|(?<!\d)\d++ ?% off your first|free (?:design )?mock-?ups?|orders over \d+|free shipping)\b"
    r"|\b\d+ ?% (?:more|less|below|cheaper|abajo|mas|menos)|\bby at least (?<!\d)\d++ ?%"
    # A sign starts no word, so these stand outside the word boundary above.
    r"|\$ ?\d+ ?(?:/ ?hr|/ ?hour|per hour|an hour|flat)\b|\$ ?0 down"
)
_SALES_CLOSE = (
    r"\b(?:shall i (?:share|send)|can (?:i|we|our \w+) (?:show|send (?:you )?(?:some|a|our|over)"
    r"|share (?:some|our)|come by|stop by|give you)|want me to send|(?:free |quick )demo"
    r"|let me know (?:how many|your target|and i'?ll)|would you (?:be interested|consider)"
    r"|want (?:me )?to (?:see|connect)|(?:reply|respond) and i'?ll|hit reply|reply yes"
    r"|let'?s chat|can we talk|reply with your"
    r"|who handles (?:\w+ ){0,2}(?:decisions|purchasing|marketing)"
    r"|pricing and case studies|do you have any (?:doctors|providers|staff)"
    r"|(?:le|les) (?:muestro|mando|envio|comparto)|podemos presentarle|agendamos una llamada"
    r"|se lo mandamos|indiquenos|mandenos|le interesa|(?:le|les) gustaria (?:ver|recibir"
    r"|conocer)|cuando podemos|tiene \d+ minutos|pida su|agende una|pruebe"
    r"|shall i (?:email|add)|(?:worth|open to) a (?:chat|call|trial|free)|are you open to"
    r"|please advise (?:the |your )?(?:quantity|quantities|order)"
    r"|can i share|(?:podemos|puedo) agendar|le explico|download it today"
    r"|(?:send|envie|mande) (?:\w+ ){0,2}(?:photos|fotos|details|datos) (?:for|para) (?:a )?"
    r"(?:quote|cotizacion|presupuesto)|for a quote|interested in a demo|call now|llame ya"
    r"|llameme hoy|quedo a su disposicion|quedamos atentos|con quien (?:puedo|podria) hablar"
    r"|whatsapp me|send (?:you )?our portfolio|se lo mando"
    r"|interested\?|can (?:i )?swing by|le puedo enviar|don'?t miss out"
    r"|point me (?:in )?the right direction|(?:i'?d|i would) love to learn (?:more )?about your"
    r"|(?:nos|me) gustaria (?:mostrarle|presentarle|ofrecerle|agendar)"
    r"|consulte?n? (?:disponibilidad|precios|tarifas)"
    r"|who would be the (?:best|right) (?:person|contact)|can i set you up"
    r"|(?:open|worth) to a quick (?:chat|call)|may i send (?:you )?(?:my|our) (?:portfolio|rates"
    r"|cv)|open to a (?:\S+ ){0,2}(?:chat|call|conversation|demo)|(?:(?<!\d)\d++|ten|fifteen"
    r"|twenty)[- ]minute (?:call|chat|demo|conversation)|llamada de (?<!\d)\d++ minutos"
    r"|let'?s schedule a call|can we schedule|schedule a (?:free )?(?:call|consultation|demo)"
    r"|can i send (?:you |over )?(?:some |a )?(?:quick )?(?:info|information|details|overview)"
    r"|(?:os|le|te) envio el temario|pid(?:edmelo|emelo|amelo)|podriamos agendar"
    r"|presentarle (?:nuestr\w+|las|los)|(?:prepare|send you) a (?:free )?quote"
    r"|copy of your (?:last|latest|current) (?:invoice|bill|statement)"
    r"|agende (?:aqui )?su (?:llamada|cita|demo|reunion)|(?:are you|is this) the right person"
    r"|(?:le|les) enviamos|hacerles llegar una cotizacion|(?:le|les) (?:podemos )?(?:enviar|hacer"
    r" llegar) (?:una )?cotizacion|can i give you a (?:quick )?call|all i need is a copy of"
    r"|(?:tenes|tienes) \d+ minutos|would you like (?:me|us) to send)\b"
)


# A patients' association, a support group or a volunteer offering something free to the
# clinic's patients ("¿La clínica podría compartirlo con sus pacientes? Es gratis") writes like a
# vendor's letter and sells nothing.
_COMMUNITY_WORDS = (
    r"support group|grupo de apoyo|no selling|not selling|nothing to sell|not monetized"
    r"|non-?profit|sin (?:fines|animo) de lucro|asociacion de (?:familias|pacientes)"
    r"|volunteers?|voluntari[oa]s?|grupo de pacientes|no vendemos nada|ayuntamiento|concejalia"
    r"|town council|city council|county health department|ethics (?:board|committee)"
    r"|comite de etica|research (?:study|group|project)|(?:estudio|proyecto) de investigacion"
)
COMMUNITY_OFFER = re.compile(rf"\b(?:{_COMMUNITY_WORDS}|no strings attached)\b")
# What spares a vendor's letter: a community's words, but not "no strings attached", which
# vendors write of their free audits as often.
_OFFERS_FOR_NOTHING = re.compile(rf"\b(?:{_COMMUNITY_WORDS})\b")
# A business asking what the clinic offers is a customer: "nos interesa saber si ofrecen
# charlas para empresas y cuál sería el costo", "do you offer group rates?".
_ASKS_WHAT_YOU_OFFER = re.compile(
    r"\b(?:si ofrecen|ofrecen ustedes|do you (?:offer|provide|run|do)|cual seria el costo"
    r"|how much would (?:it|that|you)"
    # A colleague referring a patient: "what's the referral process for dentists?".
    r"|referral process|(?:refer|referring) (?:a |my |our )?patients?|(?:remitir|derivar) (?:a )?"
    r"(?:un|una|mi|nuestr[oa]) paciente"
    # A partner asking for the clinic's leaflets: "¿tenéis algún folleto?", "no buscamos comisión".
    r"|(?:teneis|tienen|do you have) (?:algun|any) (?:folleto|leaflet|brochure)s?"
    r"|no buscamos comision|not looking for (?:a )?commission"
    # A care home or a partner writing about one resident: "tenemos a nuestro cargo a la Sra.
    # Fuentes, que fue dada de alta tras un ACV".
    r"|tenemos a nuestro cargo|(?:fue|ha sido) dad[oa] de alta|was discharged"
    # A club or an employer asking a rate for its members, or a provider subcontracting work.
    r"|(?:discounted|group|corporate) rates? for our|looking to subcontract|subcontratar)\b"
)


# Each part as a family of phrases, one an alternative of its pattern, so that only those whose
# triggers occur in a text are tried: searched whole, the four long alternations cost a text
# about 40 microseconds, a fifth of every check's time (docs/architecture.md, speed). The parts
# are kept as pattern text and only their alternatives compiled; each of those is one phrase of
# the linear-time test.
_PITCH_PARTS = tuple(
    _compiled_family(split_alternatives(part))
    for part in (_SELLER, _AS_CUSTOMER, _SALE_TERMS, _SALES_CLOSE)
)
for _phrases in _PITCH_PARTS:
    _TRIGGERS.family(_phrases)
del _phrases


# A letter that gives to the clinic or studies with it sells it nothing, however much it reads
# like a pitch ("we'd like to raise money for something your team needs; who would be the right
# person to talk to?", "a small grant to study transportation barriers ... open to a short
# call?").
_GIVES_OR_STUDIES = re.compile(
    r"\b(?:irb|institutional review board|comite de bioetica|raise money for|recaudar fondos para"
    r"|proceeds (?:will )?go to|in memory of|en memoria de|(?:donate|donar|donation to)"
    r" (?:\w+ ){0,3}(?:the )?(?:clinic|clinica)|(?:university|universidad) (?:\S+ ){0,30}"
    r"(?:study|studies|estudio|survey|encuesta))\b"
)


def find_cold_pitch(text: str, present: frozenset[str] | None = None) -> str | None:
    """What a vendor's letter matched (see _SELLER), or None: two of its four parts, one of
    them the seller or the clinic addressed as a customer. `present`: `present_triggers(text)`,
    if already worked out."""
    text = text[:5000]
    if present is None:
        present = present_triggers(text)
    seller_phrases, customer_phrases, terms_phrases, close_phrases = _PITCH_PARTS
    # The seller or the customer first: without either there is no pitch, and the other two
    # parts (and the exceptions) need not be read.
    seller = _search_family(seller_phrases, text, present)
    customer = _search_family(customer_phrases, text, present)
    if not (seller or customer):
        return None
    terms = _search_family(terms_phrases, text, present)
    close = _search_family(close_phrases, text, present)
    found = [m.group(0) for m in (seller, customer, terms, close) if m]
    if len(found) < 2 or _OFFERS_FOR_NOTHING.search(text) or _ASKS_WHAT_YOU_OFFER.search(text):
        return None
    if _GIVES_OR_STUDIES.search(text):
        return None
    return " ... ".join(found)


# A product sold in a reader's story is named like a brand ("SonusCalm", "los parches DolorCero",
# "a balm called SkinRevive"), credited with a cure and sold somewhere. A patient names a drug or
# a device too ("my CPAP ResMed AirSense"), but neither with a cure nor with a shop.
_BRAND = re.compile(
    r"\b(?:[A-Z][a-z]+[A-Z][A-Za-z]+|(?:called|named|llamad[oa]|se llama) [A-Z][\w-]+)"
)
_PLATFORM_NAMES = frozenset(
    {
        "EpiPen",
        "MyChart",
        "PubMed",
        "YouTube",
        "WhatsApp",
        "FaceTime",
        "GoFundMe",
        "LinkedIn",
        "TikTok",
        "PayPal",
        "WebMD",
        "MedlinePlus",
        "HealthCare",
        "DataCamp",
        "JavaScript",
        "GitHub",
        "PowerPoint",
        "OneDrive",
        "FreeStyle",
        "DexCom",
        "CareCredit",
        "MyFitnessPal",
        "SoundCloud",
        "McDonald",
        "MacBook",
        "PlayStation",
        "DataFrame",
        "WeChat",
        "HealthKit",
    }
)
_SOLD_SOMEWHERE = re.compile(
    r"\b(?:online|shop|store|sells?|sold|order|bottle|trial|discount|ships?|shipping|frasco"
    r"|venden|vende|tienda|pide|pedir|envio|web|website|amazon|buy|price|precio|codigo|code"
    r"|search|busca\w*|busquen|oferta|2x1|pagina)\b"
)
_CURE_CREDITED = re.compile(
    r"\b(?:cured?|curo|gone|stopped|back to normal|reversed?|revierte|cleared|melted|improved"
    r"|no longer|perfect\w*|desaparec\w+|quit\w+ el dolor|healed|normal|bajo (?:un )?\d+ ?%"
    r"|duermo como|no se (?:me )?notan?\w*|turned (?:it|things|my life) around|me salvo"
    r"|me cambio la vida|changed my life)\b"
)
_NAMED_PRODUCT_RULE = "product_testimonial"


def find_named_product(raw: str, text: str) -> str | None:
    """The brand of a product credited with a cure and sold somewhere, or None. `raw` is the
    text as written (brands are told by their capitals), `text` the same normalised."""
    if not (_SOLD_SOMEWHERE.search(text) and _CURE_CREDITED.search(text)):
        return None
    for match in _BRAND.finditer(raw[:5000]):
        if match.group(0).split()[-1] not in _PLATFORM_NAMES:
            return match.group(0)
    return None


# A reader who asks whether she may link to the clinic's article from her own blog promotes the
# clinic, not herself.
_ASKS_TO_LINK_HERE = re.compile(
    r"\b(?:link|linking|share|quote|enlazar|enlace|enlazo|compartir|citar)(?:lo|la)? (?:to |a )?"
    r"(?:your|this|su|este|esta|tu|el|la) (?:\w+ )?(?:article|post|page|guide|articulo|pagina"
    r"|guia|nota|publicacion)\b"
)


_PAYMENT_PLAN = re.compile(
    r"\b(?:payment plan|monthly payments?|pay (?:it )?(?:off|in installments)|plan de pagos"
    r"|pagos mensuales|en cuotas|(?:my|the|remaining) balance|mi saldo|el saldo|payment plans"
    r"|pagar (?:a|en) plazos|financiar el tratamiento)\b"
)
# A patient comparing prices: "do you price match?", "what would I be looking at per month?".
_PRICE_QUESTION = re.compile(
    r"\b(?:price match|would i be looking at|how much (?:would|do|does|is|will)|what do you charge"
    r"|cuanto (?:cuesta|cobran|sale|saldria|me saldria)|que precio tiene)\b"
)
_EARNINGS = re.compile(
    r"\b(?:earn\w*|make|making|income|ganar?|ganas|ganancias|ingresos|profits?|salary|sueldo"
    r"|commission|comision)\b"
)
_MONTHLY_AMOUNT = re.compile(r"[$€£] ?\d[\d.,]*+ ?(?:per|/|a|al) ?(?:month|mo|mes)\b")
_PERCENT_OFF = re.compile(r"(?<!\d)\d++ ?% (?:off|de descuento)\b")
_DISCOUNT_CLAIMED = re.compile(
    r"\b(?:codes?|codigo|coupon|cupon|orders?|ordena|pedidos?|shipping|envios?|link|enlace)\b"
)
# Public crisis and information lines, which readers pass on to each other.
_PUBLIC_HOTLINE = re.compile(
    r"\b(?:national (?:\w+ )?(?:helpline|hotline|lifeline)|crisis (?:line|text line|lifeline)"
    r"|suicide|samhsa|988|poison control|linea de la vida|linea nacional|linea de crisis)\b"
)
_HOTLINE_RULES = frozenset({"support_line_advert", "off_platform_contact"})
# A reader or the clinic writing about the adverts under an article ("why are there so many
# comments selling herbal cures?", "we removed a comment that asked readers to write on
# WhatsApp") names what the advert said without selling it.
_ABOUT_ADVERTS = re.compile(
    r"\b(?:removed (?:a|the|this|that|some) (?:\w+ )?comments?|(?:comments?|posts?) (?:\w+ ){0,3}"
    r"(?:selling|promoting|advertising|pushing)|(?:eliminamos|borramos|quitamos) (?:un|el|los)"
    r" comentarios?|comentarios? (?:\w+ ){0,3}(?:vendiendo|promocionando|ofreciendo))\b"
    # "I saw an ad on social media for 50% off with your logo. Is that actually you?"
    r"|\b(?:saw|seen|vi|he visto) (?:an? |un )?(?:ad|advert|anuncio)\b[^?\n]{0,240}+\?"
)
_ADVERT_RULES = frozenset({"product_testimonial", "off_platform_contact", "money_offer"})
# A patient's complaint about reaching the clinic: "called three times and nobody answered",
# "the earliest they could give me was 3 weeks out", "llamé tres veces y por WhatsApp me
# contestaron a los 4 días". It names the clinic's own channels; it sends nobody anywhere.
COMPLAINT = re.compile(
    r"\b(?:(?:called|tried) (?:\w+ ){0,2}(?:times|twice)|(?:get|reach) someone on the phone"
    r"|(?:nobody|no one) (?:answered|called (?:me )?back"
    r"|picked up)|the earliest (?:they|you) could|llame (?:\w+ )?veces|nunca me (?:atendieron"
    r"|contestaron|devolvieron)|nadie (?:me )?(?:contesto|atendio)|me contestaron a los)\b"
)
# "You can get it at CVS without a prescription": a medicine sold over the counter, named by a
# reader with no link, is advice; the same words beside a link sell pills.
_OVER_THE_COUNTER = re.compile(
    r"\b(?:cvs|walgreens|walmart|rite aid|boots|costco|kroger|target|(?:any|your|the|local)"
    r" (?:pharmacy|drugstore|drug store|chemist)|over the counter|otc|de venta libre"
    r"|(?:cualquier|la|tu|su) farmacia)\b"
)
_NO_PRESCRIPTION = re.compile(r"\b(?:without|no|sin) (?:a |any )?(?:prescription|rx|receta)\b")


def check_phrases(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    reasons = []
    slugs = _link_slugs(text)
    present = present_triggers(text)
    for rule, (points, patterns) in _PHRASE_PATTERNS.items():
        if rule == "money_offer" and (
            submission.kind == "inquiry"
            or (
                submission.kind == "comment"
                and not find_links(text)
                and not _DISCOUNT_CLAIMED.search(text)
            )
        ):
            # "Is the 20% off still on?": a patient quoting the clinic's own promotion. A
            # comment's discount sells something with a link, a code or an order to place.
            text_read = _PERCENT_OFF.sub(" ", text)
            if submission.kind == "inquiry" and (
                _PAYMENT_PLAN.search(text)
                or (_PRICE_QUESTION.search(text) and not _EARNINGS.search(text))
            ):
                # "Could I pay $200 per month?": a patient proposing a payment plan.
                text_read = _MONTHLY_AMOUNT.sub(" ", text_read)
            match = _search_family(patterns, text_read, present if text_read == text else None)
            if match is not None and not _excused(rule, text):
                reasons.append(Reason(rule, points, f"matched {match.group(0)!r}"))
            continue
        if rule == "off_platform_contact" and submission.kind == "inquiry":
            # A patient asks the clinic to answer on WhatsApp; only a public comment sends its
            # readers off the platform.
            continue
        match = _search_family(patterns, text, present)
        if (
            rule == "pharmacy_offer"
            and match is not None
            and _NO_PRESCRIPTION.fullmatch(match.group(0))
            and _OVER_THE_COUNTER.search(text)
            and not find_links(text)
        ):
            match = _search_family(patterns, _NO_PRESCRIPTION.sub(" ", text))
        if match is None and slugs and rule in SLUG_RULES:
            match = _search_family(patterns, slugs)
        found = match.group(0) if match else None
        if found is None and rule == _ANCHOR_LIST_RULE:
            found = find_anchor_list(text)
        if found is None and rule == _COLD_PITCH_RULE:
            found = find_cold_pitch(text, present)
        if found is None and rule == _NAMED_PRODUCT_RULE and submission.kind != "message":
            found = find_named_product(submission.text, text)
        if found is not None and not _excused(rule, text):
            reasons.append(Reason(rule, points, f"matched {found!r}"))
    return reasons


_SENTENCE = re.compile(r"[^.!?\n]*+[.!?\n]?")
_CHANNELS = ("whatsapp", "telegram", "signal")
_QUESTION_OPENER = re.compile(
    r"(?:se puede|puedo|podemos|puede|pueden|can|could|may|is it possible|do you|does|tienen"
    r"|tienes|usan|hay|is there|are you|contestan|atienden|responden|is (?:the|your|this)"
    r"|es (?:el|su|este))\b"
)


_FOR_A_GROUP = re.compile(
    r"\b(?:for (?:our|all (?:our |the )?) ?(?:staff|employees|workers|candidates|team|students"
    r"|freshers)|para (?:nuestros|nuestras|los|todo el|todos (?:los|nuestros)) (?:empleados"
    r"|trabajadores|colaboradores|personal|alumnos)|corporate (?:groups?|rate|clients?|package)"
    r"|pre-?employment)\b"
)
_GROUP_CARE = re.compile(
    r"\b(?:vaccin\w*|immuni[sz]\w*|screening|check-?ups?|medicals?|x-?rays?|exams?|vacun\w*"
    r"|chequeos?|examen\w*|pruebas?|analisis|revision\w* medica)\b"
)


_NON_PROFIT = re.compile(
    r"\b(?:non-?profit|sin (?:fines|animo) de lucro|volunteers?|voluntari[oa]s?|support group"
    r"|grupo de apoyo|asociacion de (?:familias|pacientes)|registered (?:charity|ngo)"
    r"|public library|librarian|biblioteca (?:publica|municipal))\b"
)


def _asks_for_group_care(text: str) -> bool:
    return bool(_FOR_A_GROUP.search(text) and _GROUP_CARE.search(text))


def asks_about_channel(text: str) -> bool:
    """Whether a (normalised) text asks the clinic about a messaging channel ("¿Se puede pedir
    cita por WhatsApp?", "Do you answer on WhatsApp?"): a question, not an advert sending the
    readers there."""
    for match in _SENTENCE.finditer(text[:5000]):
        sentence = match.group(0)
        if (
            sentence.endswith("?")
            and any(channel in sentence for channel in _CHANNELS)
            and _QUESTION_OPENER.search(sentence)
        ):
            return True
    return False


# A warning about a scam, or a question whether a message is one ("we will never ask for your
# card number by text", "el hospital nunca solicita datos bancarios", "I got an email saying I
# overpaid and need to send my bank details. Sounds fake?"): it names the scam's words to warn.
_SCAM_WARNING = re.compile(
    r"\b(?:(?:we|the (?:clinic|hospital|practice|office)|our (?:staff|office|clinic))"
    r" (?:will )?never (?:ask|request|call|text|email|charge)"
    r"|(?:nunca|jamas) (?:le |les |te )?(?:solicita\w*|pide\w*|pedimos|llama\w*|cobra\w*)"
    r"|(?:is not|isn'?t|was not|wasn'?t|not) (?:from )?us\b|no (?:es|era|son) de nosotros"
    r"|is (?:this|that|it) (?:real|legit\w*|a scam|genuine|from you)"
    r"|sounds? (?:fake|like a scam|suspicious)|(?:es|sera) (?:real|verdad|legitimo|una estafa)\?"
    r"|parece (?:una )?estafa|scam alert|alerta de estafa|(?:this|that|it) is a scam"
    r"|es una estafa|(?:don'?t|do not|never) (?:send|give|click) "
    r"|no (?:envien|den|pulses|pulse|hagan clic|envies)\b)"
)
_SCAM_RULES = frozenset({"account_phishing", "scam"})
# A reader asking whether a message that reached them is genuine ("got a text saying I won a free
# whitening from your clinic, is this legit?", "¿es de ustedes?"): the prize, the fee or the link
# it quotes is the scam's, not the reader's. Narrower than _SCAM_WARNING, whose "don't give" a
# testimonial can say ("don't give up").
SCAM_QUESTION = re.compile(
    r"\b(?:is (?:this|that|it) (?:really |actually )?(?:real|legit\w*|a scam|genuine"
    r"|from (?:you|the clinic|your (?:clinic|office|practice)))"
    r"|(?:was|did) (?:this|that|it) (?:really |actually )?(?:come )?from you"
    r"|sounds? (?:fake|like a scam|suspicious)|(?:es|sera) (?:real|verdad|legitimo|una estafa)\?"
    r"|(?:es|son|era) (?:de )?ustedes\?|parece (?:una )?estafa|(?:this|that|it) is a scam"
    r"|es una estafa)"
)
# A non-profit's free class, talk or awareness day ("every share helps") sells nothing.
_NON_PROFIT_RULES = frozenset({"clinic_vendor", "support_line_advert", "engagement_bait"})


def _excused(rule: str, text: str) -> bool:
    """Whether what a family found is spoken of rather than sold (asked only once it found
    something: most texts match no family, and these searches would cost every text)."""
    if rule == "self_promotion" and _ASKS_TO_LINK_HERE.search(text):
        return True
    if rule in _SCAM_RULES and _SCAM_WARNING.search(text):
        return True
    if rule == "money_offer" and SCAM_QUESTION.search(text):
        return True
    if rule in _ADVERT_RULES and _ABOUT_ADVERTS.search(text):
        return True
    if rule == "off_platform_contact" and (COMPLAINT.search(text) or asks_about_channel(text)):
        return True
    if rule == "clinic_vendor" and _asks_for_group_care(text):
        # An employer asking a quotation for its staff's vaccinations or check-ups is a customer.
        return True
    if rule in _NON_PROFIT_RULES and _NON_PROFIT.search(text):
        # A volunteer of a non-profit offering a free class or a talk ("a free 30-minute demo
        # class, no cost and nothing to sign") writes like a vendor and sells nothing. (Vendors
        # write "no strings attached" too, so COMMUNITY_OFFER as a whole is not enough here.)
        return True
    # A reader passing on a national crisis line ("the SAMHSA National Helpline is free and open
    # 24/7") sells nothing.
    return rule in _HOTLINE_RULES and bool(_PUBLIC_HOTLINE.search(text))


# Words with which an advert asks the reader to do something: follow a link, call, reply, buy.
# They are no evidence by themselves; without any of them (and without a link, an address, a
# number or a spam phrase) a text has nothing to sell, and the learned model alone may not hold
# it (see pipeline.model_reason). "Please share the link" asks for something, it offers nothing.
_ASKED_FOR = r"(?:the (?:link|code|data\w*|file|notebook|slides|pdf|source)|your|that)\b"
# "Please share this with the men in your life": a reader passing a warning on.
_PASSED_ON = (
    r"(?:this(?: (?:article|post|page|information|info|message|warning)\b|[.!,]| ?$)"
    # "Please share with mothers in your area", "share with anyone who needs it".
    r"|with (?:anyone|everyone|others|(?:\w+ ){0,2}(?:mothers|parents|families|neighbou?rs"
    r"|friends and family|people) (?:in your|who|you know)))"
)
_CALL_TO_ACTION = re.compile(
    # "Check out the video at the end of the article" points at the page being read; "check out
    # my channel", "check out this site" and "check out our offer" point away from it.
    rf"\b(?:subscrib\w*|subs|channel|check (?:out(?! the\b)|it out|this out|me|our)"
    rf"|check my {_PROMOTED}"
    r"|like this comment|thumbs up|vote|follow (?:me|us|my)|visit (?:my|our|us)|call|txt"
    # "Thanks for your reply" answers someone; "reply now" is the advert's.
    r"|text (?:me|us)|(?<!your )(?<!the )reply|win|won|winner|prize|claim|earn|cash|buy|cheap"
    r"|(?<!senior )(?<!student )(?<!military )discount(?! cards?\b)|order now"
    rf"|ringtone|hot singles|dating|donate|(?:and|&|please|pls|plz|just) share(?! {_ASKED_FOR}"
    rf"| {_PASSED_ON})"
    # "Share this article with your parents" passes the page's own warning on.
    rf"|share (?!{_PASSED_ON})(?:this|it|our|my|on)(?! (?:article|post|page|information|info"
    r"|with)\b)"
    r"|likes|a like|like please|thumbs|instagram|facebook"
    r"|youtubers?|(?<!the )(?<!worth )money|income|bonus|gift cards?|search on google"
    # "Please make the text bigger on this website": the clinic's own site, not an advert's.
    r"|(?<!on this )(?<!in this )web ?site"
    r"|check 'em"
    r"|free (?:gift|video|money|cards?|trial|download|iphone|samples?)"
    # The same asks in Spanish, none of them everyday words: "me llamo" (my name is), "ganas"
    # (wish), "canal" (the spinal canal) and "gratis" alone are not here, as "free" is not.
    r"|suscrib\w*|mi canal|visita (?:mi|mis|nuestr\w+)|sigueme|siguenos|llamanos"
    r"|llam[ae] (?:ya|ahora|al)|comprar|compren|descuentos?|gana dinero|ganar?"
    r"|(?:regalo|muestras?|prueba) gratis)\b"
)
# A sales pitch written to a clinic without a link still asks for something: it offers a
# service, names a price, asks whether the reader is interested, or asks for bank details. None
# of these is evidence by itself (a patient asks about prices too); they only let the learned
# model's opinion count in full (see pipeline.model_reason).
_PITCH = re.compile(
    r"\b(?:(?:we|i) (?:offer|provide|build|create|sell|supply|specialize|specialise|deliver)"
    r"|(?:our|my) (?:company|agency|services|price list|prices|packages?|portfolio|catalog(?:ue)?)"
    r"|(?:are you|would you be|if you are|be) interested|price list|pricing|quotation|proposal"
    r"|free (?:audit|analysis|consultation|quote|demo|mockup|report|sample|catalog(?:ue)?)"
    r"|(?:contact|message|email|dm) (?:me|us|him|her)|(?:bank|card|account|routing) (?:number"
    r"|details|information|name)|processing fee|shipping fee"
    r"|ofrecemos|ofrezco|vendemos|creamos|gestionamos|disponemos|liquidamos|le consigo"
    r"|podemos conseguir\w*|(?:lista de|nuestros|mis) precios|tarifas|presupuesto|catalogo"
    r"|portafolio|le interesa|te interesa|contacte\w*|contacta(?:me|nos|la|lo)"
    r"|escriba(?:me|nos)|escribe(?:me|le)|responda\w*|datos bancarios"
    r"|numero de (?:su |tu )?(?:cuenta|tarjeta)|gastos de envio"
    r"|tasa de gestion)\b"
    r"|[$€£] ?\d|\d ?(?:usd|dollars|dolares|euros?)\b"
)
# Text messages sell with fewer words: "free", "text", "offer" and a price are calls to act there,
# while in a comment or an inquiry they are everyday words ("feel free", "do you offer").
_MESSAGE_CALL_TO_ACTION = re.compile(
    r"\b(?:free|text|offer|money|order|deal|download|app|click|website|site|link|contact|sms"
    r"|mobile|tone|tones|urgent|msg|stop|chat|[£$€]\d*)\b|[£$€]"
)
_DIGIT_RUN = re.compile(r"\d[\d\s.()/-]{3,}\d")


def has_call_to_action(
    submission: Submission, text: str, reasons: list[Reason] | None = None
) -> bool:
    """Whether the submission gives the reader a way to act on it: a link, an email address,
    a website, a number, a spam phrase or a call-to-action word. `reasons`, when given, are the
    rules' reasons already found for it, so links and phrases are not searched for twice."""
    if reasons is None:
        found = bool(
            find_links(text)
            or any(
                _search_family(patterns, text, present)
                for present in (present_triggers(text),)
                for _, patterns in _PHRASE_PATTERNS.values()
            )
            or find_anchor_list(text)
        )
    else:
        found = any(reason.rule in CARRIER_RULES for reason in reasons)
    return bool(
        found
        or submission.website.strip()
        or find_email_domains(text)
        or _DIGIT_RUN.search(text)
        or _CALL_TO_ACTION.search(text)
        or _PITCH.search(text)
        or (submission.kind == "message" and _MESSAGE_CALL_TO_ACTION.search(text))
    )


# Rules whose reasons mean the submission carries a link or a spam phrase.
CARRIER_RULES = frozenset(
    {"links", "link_shortener", "link_markup", "spam_domain", *PHRASE_FAMILIES}
)


# A crisis or support line that one reader passes on to another ("the county crisis line is
# (614) 555-0110, you can also text", "la línea de apoyo emocional gratuita es el 800..."). Not
# "helpline", which benefit and injury-claim adverts call themselves.
# Nor a bare "support line", which fake customer service for apps and banks calls itself.
_SHARED_SUPPORT_LINE = re.compile(
    r"\b(?:crisis|youth|warm|peer support|emotional support|family support) (?:text )?line"
    r"|crisis text line|(?:linea|telefono)"
    r" (?:\w+ )?(?:de )?(?:apoyo|ayuda|atencion|escucha|prevencion) (?:emocional|psicologica"
    r"|juvenil|al suicidio|en crisis|gratuita)|linea juvenil"
)


def check_phone_in_comment(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    """A phone number in a public comment; patients give theirs in inquiries, so those pass."""
    if submission.kind != "comment" or clinic_address(submission, facts.trusted_domains):
        # The clinic gives its own number.
        return []
    count = len(_PHONE.findall(text))
    if not count:
        return []
    if _PUBLIC_HOTLINE.search(text) or _SHARED_SUPPORT_LINE.search(text):
        # A reader passing on a crisis or support line: still counted, never alone enough to
        # hold the comment.
        return [Reason("phone_number", 0.5, f"{count} phone number(s) of a support line")]
    return [Reason("phone_number", 2.0, f"{count} phone number(s) in a public comment")]


def check_blocklist(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    blocklist = facts.blocklist
    reasons = []
    if blocklist.words:
        padded = f" {' '.join(_WORDS.findall(text))} "
        for word in sorted(blocklist.words):
            if f" {' '.join(_WORDS.findall(word))} " in padded:
                reasons.append(
                    Reason("blocked_word", BLOCKED_WORD_POINTS, f"blocked word {word!r}")
                )
    email = submission.email.strip().lower()
    if email and email in blocklist.emails:
        reasons.append(Reason("blocked_email", BLOCKED_EMAIL_POINTS, f"blocked email {email}"))
    if blocklist.domains:
        for domain, where in sorted(_submission_domains(submission, text).items()):
            blocked = _blocked_parent(domain, blocklist.domains)
            if blocked:
                reasons.append(
                    Reason(
                        "blocked_domain",
                        BLOCKED_DOMAIN_POINTS,
                        f"blocked domain {blocked} ({where})",
                    )
                )
    if blocklist.networks and submission.client_address:
        try:
            address = ipaddress.ip_address(submission.client_address)
        except ValueError:
            address = None
        for network in blocklist.networks:
            if address is not None and address.version == network.version and address in network:
                reasons.append(
                    Reason(
                        "blocked_address",
                        BLOCKED_NETWORK_POINTS,
                        f"address in blocked range {network}",
                    )
                )
                break
    return reasons


def _blocked_parent(domain: str, blocked: frozenset[str]) -> str | None:
    labels = domain.split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        if candidate in blocked:
            return candidate
    return None


def check_recent_activity(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    reasons = []
    if facts.recent_duplicates > 0:
        count = facts.recent_duplicates
        reasons.append(
            Reason(
                "duplicate_text",
                min(3.0 + count - 1, 6.0),
                f"the same text was sent {count} time{'s' if count > 1 else ''} recently",
            )
        )
    if facts.recent_from_address >= 3:
        count = facts.recent_from_address
        reasons.append(
            Reason(
                "address_flood",
                2.0 if count < 10 else 4.0,
                f"{count} recent submissions from the same address range",
            )
        )
    if facts.site_busy:
        # No points: the content is no worse for it. `assess` holds it as unsure at least.
        reasons.append(
            Reason(
                "site_busy",
                0.0,
                "more submissions site-wide than the ceiling allows; held for a moderator",
            )
        )
    return reasons


def check_reputation(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    reasons = []
    if facts.author_spam > 0:
        count = facts.author_spam
        reasons.append(
            Reason(
                "author_spam_before", min(3.0 * count, 9.0), f"{count} earlier item(s) marked spam"
            )
        )
    if facts.author_approved > 0:
        count = facts.author_approved
        reasons.append(
            Reason(
                "author_approved_before",
                -min(1.5 * count, 4.5),
                f"{count} earlier item(s) approved",
            )
        )
    return reasons


# The rule that holds a submission as unsure whatever its score (see pipeline.assess).
SITE_BUSY = "site_busy"


def check_clinic_voice(submission: Submission, facts: Facts, text: str) -> list[Reason]:
    """The clinic's staff writing as the clinic, without signing in. No points: anyone can type
    the clinic's address into a form, so it is no evidence that the text is genuine. What it
    explains does not count (the clinic's number, name, role mailbox and website, in the checks
    above) and the model may not file the text as spam by itself (pipeline._cap_clinic_voice)."""
    host = clinic_address(submission, facts.trusted_domains)
    if host is None:
        return []
    return [Reason("clinic_voice", 0.0, f"sent with the clinic's own address ({host})")]


REQUEST_CHECKS: tuple[Check, ...] = (check_honeypot, check_form_token)
CONTENT_CHECKS: tuple[Check, ...] = (
    check_links,
    check_shorteners,
    check_link_markup,
    check_spam_domains,
    check_sender,
    check_author,
    check_praise_from_trade_name,
    check_empty_praise,
    check_website,
    check_keyword_stuffing,
    check_cure_story,
    check_phrases,
    check_phone_in_comment,
    check_blocklist,
    check_recent_activity,
    check_reputation,
    check_clinic_voice,
)


def run_checks(submission: Submission, facts: Facts) -> list[Reason]:
    """Every rule's reasons for one submission, request checks first."""
    text = normalize_for_matching(submission.text)
    reasons: list[Reason] = []
    for check in REQUEST_CHECKS + CONTENT_CHECKS:
        reasons.extend(check(submission, facts, text))
    return reasons
