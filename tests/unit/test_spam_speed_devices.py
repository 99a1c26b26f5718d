"""The spam filter's speed devices answer exactly as the plain code they stand in for
(docs/architecture.md, speed): a long alternation searched as a family of phrases, tried only
when their triggers occur in the text, finds the same words as the whole pattern."""

import re
import zlib

import pytest

from service.spam.checks import (
    _AS_CUSTOMER,
    _DISGUISED_DOMAIN,
    _DISGUISED_DOTS,
    _PITCH_PARTS,
    _SALE_TERMS,
    _SALES_CLOSE,
    _SELLER,
    _search_family,
    check_spam_domains,
    present_triggers,
    split_alternatives,
)
from service.spam.corpus import bundled_paths, load_many
from service.spam.featurize import NGRAM_BIT, hash_feature, hash_features
from service.spam.links import find_email_domains
from service.spam.normalize import normalize_for_matching
from service.spam.submission import Facts, Submission


def test_a_pattern_is_split_at_its_own_alternatives_only():
    assert split_alternatives(r"a|\b(?:b|c(?:d|e))\b|[|]x|y\|z") == (
        "a",
        r"\b(?:b)\b",
        r"\b(?:c(?:d|e))\b",
        "[|]x",
        r"y\|z",
    )
    # A group that closes before the end is not the whole pattern's group.
    assert split_alternatives(r"\b(?:a|b) (?:c|d)\b") == (r"\b(?:a|b) (?:c|d)\b",)
    assert split_alternatives(r"[]|]a|b") == ("[]|]a", "b")


@pytest.fixture(scope="module")
def corpus_texts():
    rows = load_many(bundled_paths())
    return [normalize_for_matching(row.submission.text)[:5000] for row in rows]


@pytest.mark.parametrize(
    ("pattern", "family"),
    list(zip((_SELLER, _AS_CUSTOMER, _SALE_TERMS, _SALES_CLOSE), _PITCH_PARTS, strict=True)),
    ids=["seller", "customer", "sale terms", "sales close"],
)
def test_each_part_of_a_cold_pitch_finds_what_its_whole_pattern_finds(
    pattern, family, corpus_texts
):
    pattern = re.compile(pattern)
    texts = [
        *corpus_texts,
        normalize_for_matching("Our team helps practices like yours. Can we talk? 20% off."),
        normalize_for_matching("Ofrecemos software para su clínica, sin compromiso."),
    ]
    matched = 0
    for text in texts:
        whole = pattern.search(text)
        found = _search_family(family, text, present_triggers(text))
        assert (found and (found.span(), found.group(0))) == (
            whole and (whole.span(), whole.group(0))
        ), text
        matched += whole is not None
    assert matched > 50, "the corpus should hold many texts each part matches"


@pytest.mark.parametrize(
    "text",
    [
        "Order now at cheap-meds,com today",
        "pills [dot] net, best prices",
        "visit buyrx(.)info for more",
        "see bestpharma[.]io",
        "write to meds-shop (dot) com",
    ],
)
def test_a_domain_written_not_to_be_a_link_is_still_found_past_the_quick_scan(text):
    submission = Submission("comment", text)
    reasons = check_spam_domains(submission, Facts(), normalize_for_matching(text))
    assert reasons and "written not to be a link" in reasons[0].detail


def test_every_way_of_writing_a_dot_the_pattern_knows_passes_the_quick_scan():
    written = [f"cheap-meds,{tld}" for tld in ("com", "net", "org", "info", "biz")]
    for dot in ("[.]", "(.)", "[dot]", "(dot)", " [dot] ", " (dot) ", "[dot] ", " (dot)"):
        written += [f"cheap-meds{dot}{tld}" for tld in ("com", "org", "co", "in", "us", "io", "me")]
    for text in written:
        assert _DISGUISED_DOMAIN.search(text), text
        assert any(marker in text for marker in _DISGUISED_DOTS), text
        assert check_spam_domains(Submission("comment", text), Facts(), text), text


def test_an_address_is_found_past_the_quick_scan():
    text = normalize_for_matching("Write to sales@cheap-meds.biz for a quote")
    assert find_email_domains(text) == ["cheap-meds.biz"]
    assert find_email_domains("no address here") == []


def test_tokens_hash_to_the_same_ids_one_at_a_time_and_together():
    tokens = ["w:clinic", "c:<cli", "b:free consult", "d:example.com", "k:comment", "c:nic>"]
    assert hash_features(tokens) == [hash_feature(token) for token in tokens]
    assert hash_feature("c:<cli") & NGRAM_BIT and not hash_feature("w:clinic") & NGRAM_BIT
    assert hash_feature("w:clinic") == zlib.crc32(b"w:clinic") & (NGRAM_BIT - 1)
