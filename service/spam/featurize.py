"""What the learned model reads from a submission: tokens, and the same tokens hashed.

Features are strings while they are being made (so `spam explain` can show them) and 32-bit
integers once hashed. Only the integers are kept in the database, never the text they came from.
"""

from __future__ import annotations

import base64
import functools
import itertools
import re
import zlib
from array import array
from collections.abc import Iterable

from service.spam.language import detect_language, stem_words
from service.spam.links import (
    email_domain,
    find_links,
    is_reference_domain,
    registrable_domain,
    without_links,
)
from service.spam.normalize import normalize_for_matching
from service.spam.submission import Submission

# Words a clinic's patients use every day. They are read as one neutral token whose weight the
# model may only ever push towards ham, so "injection" or "oxycodone" is never spam evidence by
# itself; the words around it ("buy", "no prescription", a link) decide.
MEDICAL_WORDS = frozenset(
    [
        "injection",
        "injections",
        "inject",
        "injected",
        "inyeccion",
        "inyecciones",
        "injeccion",
        "steroid",
        "steroids",
        "esteroide",
        "esteroides",
        "cortisone",
        "cortisona",
        "corticosteroid",
        "corticosteroids",
        "lidocaine",
        "lidocaina",
        "anesthetic",
        "anaesthetic",
        "anestesia",
        "anestesico",
        "numbing",
        "prescription",
        "prescriptions",
        "prescribed",
        "prescribe",
        "prescribes",
        "receta",
        "recetas",
        "rx",
        "refill",
        "refills",
        "opioid",
        "opioids",
        "opiate",
        "opiates",
        "opioide",
        "opioides",
        "oxycodone",
        "oxycontin",
        "hydrocodone",
        "vicodin",
        "percocet",
        "tramadol",
        "morphine",
        "fentanyl",
        "codeine",
        "methadone",
        "buprenorphine",
        "suboxone",
        "naloxone",
        "gabapentin",
        "pregabalin",
        "lyrica",
        "tizanidine",
        "cyclobenzaprine",
        "baclofen",
        "methocarbamol",
        "ibuprofen",
        "naproxen",
        "acetaminophen",
        "tylenol",
        "paracetamol",
        "meloxicam",
        "celecoxib",
        "diclofenac",
        "sertraline",
        "duloxetine",
        "amitriptyline",
        "nortriptyline",
        "xanax",
        "alprazolam",
        "valium",
        "diazepam",
        "ambien",
        "adderall",
        "soma",
        "carisoprodol",
        "prednisone",
        "methylprednisolone",
        "dexamethasone",
        "botox",
        "epidural",
        "nerve",
        "block",
        "ablation",
        "dosage",
        "dosis",
        "dose",
        "doses",
        "mg",
        "milligram",
        "milligrams",
        "medication",
        "medications",
        "medicine",
        "medicines",
        "medicamento",
        "medicamentos",
        "pill",
        "pills",
        "pharmacy",
        "pharmacist",
        "farmacia",
    ]
)
MEDICAL_TOKEN = "w:__medical__"  # noqa: S105 - a feature name, not a secret

# Free mail providers: an inquiry from one of these is how patients write; a business domain
# on a contact form is more often a vendor.
FREE_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.es",
        "yahoo.com.mx",
        "ymail.com",
        "hotmail.com",
        "hotmail.es",
        "outlook.com",
        "outlook.es",
        "live.com",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "comcast.net",
        "verizon.net",
        "sbcglobal.net",
        "att.net",
        "bellsouth.net",
        "charter.net",
        "cox.net",
        "earthlink.net",
        "protonmail.com",
        "proton.me",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "web.de",
        "mail.com",
        "zoho.com",
        "yandex.ru",
        "mail.ru",
    ]
)

MAX_WORDS = 2_000
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Addresses and tags are read as nothing. Each alternative can start only where a scan from an
# earlier start could not have reached: an address at the start of its run of non-space
# characters, a tag at its own "<" (a tag never holds another "<"). Started anywhere, `\S+@`
# rescanned the rest of the run from every character of it, quadratic in the run's length.
_URLISH = re.compile(r"(?:https?://|www\.)\S++|(?<!\S)\S+@\S+|<[^<>]{0,500}+>")
_LONG_RUN = re.compile(r"(\w)\1{2,}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")


def _word_token(word: str, stem: str) -> str:
    if word in MEDICAL_WORDS:
        return MEDICAL_TOKEN
    if word.isalpha():
        return "w:" + stem
    if _YEAR.fullmatch(word):
        return "w:<year>"
    if any(ch.isdigit() for ch in word):
        # Numbers read by their shape: a phone number or price is evidence, its digits are not.
        return "w:" + _DIGIT.sub("0", word[:16])
    return "w:" + word


# Character n-grams of a word's letters (with "<" and ">" marking its ends) let the model meet
# a word it never saw through its parts: "subscribeme", "suscripcion", a misspelled brand.
NGRAM_SIZES = (4,)
NGRAM_MIN_LETTERS = 3
NGRAM_MAX_WORDS = 300


def _char_ngrams(words: list[str], found: dict[str, None]) -> None:
    for word in dict.fromkeys(words[:NGRAM_MAX_WORDS]):
        if len(word) < NGRAM_MIN_LETTERS or word in MEDICAL_WORDS or not word.isalpha():
            continue
        marked = "<" + word + ">"
        end = len(marked)
        for size in NGRAM_SIZES:
            for start in range(end - size + 1):
                found["c:" + marked[start : start + size]] = None


def token_features(submission: Submission) -> list[str]:
    """The model's features of a submission as readable strings, without repeats."""
    text = normalize_for_matching(submission.text)
    found: dict[str, None] = {}
    for link in find_links(text):
        found["d:" + registrable_domain(link.domain)] = None
        if not is_reference_domain(link.domain):
            found["x:link"] = None
    # "subscribeeeee" and "subscribe" are one word; runs of three or more letters become one.
    bare = _LONG_RUN.sub(r"\1", without_links(_URLISH.sub(" ", text)))
    raw = _WORD.findall(bare)[:MAX_WORDS]
    stems = stem_words(raw, detect_language(raw, submission.text))
    words = [_word_token(word, stem) for word, stem in zip(raw, stems, strict=True)]
    for word in words:
        found[word] = None
    for first, second in itertools.pairwise(words):
        # Two medical words in a row are still only medical words.
        if first != MEDICAL_TOKEN or second != MEDICAL_TOKEN:
            found["b:" + first[2:] + " " + second[2:]] = None
    _char_ngrams(raw, found)
    domain = email_domain(submission.email)
    if domain:
        found["e:free" if domain in FREE_MAIL_DOMAINS else "e:own"] = None
    if submission.website.strip():
        found["s:website"] = None
    return list(found)


# Character n-grams' ids have the top bit set and every other feature's id has it clear, so the
# model can give the many weak n-grams a smaller value than a whole word without the text.
NGRAM_BIT = 1 << 31
_LOW_BITS = NGRAM_BIT - 1


def hash_feature(token: str) -> int:
    """A token's stable 32-bit id (CRC-32: the same in every process and on every machine),
    with the top bit saying whether it is a character n-gram ("c:...")."""
    crc = zlib.crc32(token.encode("utf-8"))
    return crc | NGRAM_BIT if token[0] == "c" else crc & _LOW_BITS


def hash_features(tokens: Iterable[str]) -> list[int]:
    """`hash_feature` of every token, in order. Hashed each time: a dictionary of 65,536 ids
    kept per worker was emptied several times a pass over a few thousand texts and made hashing
    half as slow again (docs/architecture.md, speed)."""
    crc, ngram, low = zlib.crc32, NGRAM_BIT, _LOW_BITS
    return [
        crc(token.encode("utf-8")) | ngram if token[0] == "c" else crc(token.encode("utf-8")) & low
        for token in tokens
    ]


def is_ngram_feature(feature: int) -> bool:
    """Whether a hashed feature is a character n-gram (see NGRAM_BIT)."""
    return bool(feature & NGRAM_BIT)


def features(submission: Submission) -> list[int]:
    """The hashed features the model reads: a pure function of the submission's content."""
    return hash_features(token_features(submission))


@functools.lru_cache(maxsize=16)
def kind_marker(kind: str) -> int:
    """The feature every lesson of one kind carries (the model's bias for that kind); a feature
    XORed with it is that feature as learned from this kind's documents alone."""
    return hash_feature("k:" + kind)


def features_for_lesson(submission: Submission) -> list[int]:
    """What a moderator's decision stores to teach the model: hashed features, never the text."""
    return lesson_features(features(submission), submission.kind)


def lesson_features(found: Iterable[int], kind: str) -> list[int]:
    """A lesson made from a submission's hashed features (`features()`), without its text.

    Each feature is stored twice, once for every kind and once (XORed with the kind's marker)
    for the submission's kind alone, with the kind's marker itself, so the model learns what is
    ordinary in a comment apart from what is ordinary in an SMS. The marker has the n-gram bit
    clear, so a feature's copy keeps it."""
    found = set(found)
    marker = kind_marker(kind)
    return sorted(found | {feature ^ marker for feature in found} | {marker})


# Stored features name the featurizer that made them; a change to what `features()` reads
# bumps this, and items stored before it are read again from their text when decided.
FEATURES_VERSION = 2


def pack_features(found: Iterable[int]) -> str:
    """Hashed features as stored with an item: the version byte, then sorted 32-bit integers
    (little-endian), in base64."""
    numbers = array("I", sorted(set(found)))
    if numbers.itemsize != 4:
        numbers = array("L", numbers)  # pragma: no cover - every platform we run on has 32-bit I
    payload = bytes([FEATURES_VERSION]) + numbers.tobytes()
    return base64.b64encode(payload).decode("ascii")


def unpack_features(stored: str | None) -> list[int] | None:
    """The features `pack_features` stored, or None when there are none or another featurizer
    made them."""
    if not stored:
        return None
    try:
        payload = base64.b64decode(stored, validate=True)
    except ValueError:
        return None
    if not payload or payload[0] != FEATURES_VERSION or (len(payload) - 1) % 4:
        return None
    numbers = array("I")
    numbers.frombytes(payload[1:])
    return list(numbers)


MEDICAL_FEATURE = hash_feature(MEDICAL_TOKEN)
# How the writer can be reached rather than what they wrote. The starter corpus has email and
# website only on its clinic rows, where every vendor wrote from its own domain, so the model
# would learn "an email at a non-free domain" as near-certain spam and hold every patient with a
# family or work address. Their weights are kept small either way.
# "Has a link" is the same: the link rules already count links, and YouTube spam taught the model
# that any link in a comment is spam, including a patient's link to MedlinePlus.
CONTACT_FEATURES = frozenset(hash_feature(t) for t in ("e:free", "e:own", "s:website", "x:link"))
# Plain numbers, read by their length ("w:0000" for 1006): in a text message a short code or a
# phone number is an advert's call to act, in a comment or an inquiry it is a measurement, a date
# or a dose. The model keeps their weight small in comments and inquiries.
NUMBER_FEATURES = frozenset(hash_feature("w:" + "0" * length) for length in range(1, 17))
# A long comment or inquiry is a patient explaining themselves; a long text message is an advert.
DAMPED_KINDS = frozenset({"comment", "inquiry"})
# In either half of the model, a single feature cannot move the log-odds further than this
# either way.
MAX_WEIGHT = 4.0
MAX_CONTACT_WEIGHT = 1.0


def bounded_weight(feature: int, kind: str | None, weight: float) -> float:
    """A feature's weight within what that kind of feature may say: a medical word never counts
    towards spam, contact facts (and plain numbers in comments and inquiries) only a little."""
    if feature == MEDICAL_FEATURE and weight > 0:
        return 0.0
    if feature in CONTACT_FEATURES or (feature in NUMBER_FEATURES and kind in DAMPED_KINDS):
        return max(-MAX_CONTACT_WEIGHT, min(MAX_CONTACT_WEIGHT, weight))
    return max(-MAX_WEIGHT, min(MAX_WEIGHT, weight))
