import math

import pytest

from service.spam import (
    DEFAULT_THRESHOLDS,
    Facts,
    LearnedModel,
    ModelFormatError,
    Submission,
    Verdict,
    assess,
    features,
    features_for_lesson,
)
from service.spam.featurize import hash_feature, token_features
from service.spam.logistic import sigmoid
from service.spam.model import MAX_CONTACT_WEIGHT

HAM = [
    "Is the clinic open on Saturday morning for a follow-up visit?",
    "Thanks for the article, the stretches helped my shoulder.",
    "Can I move my appointment to next week? My daughter is sick.",
    "Does the injection hurt? I am nervous about needles.",
    "My physical therapist recommended heat before exercise.",
    "Do you take my insurance for the knee appointment?",
]
SPAM = [
    "Win a free cruise now, claim your prize today",
    "Cheap watches best price free shipping order today",
    "Make money fast from home, free signup today",
    "Hot singles waiting, free chat today",
]
SIMILAR = "Get cheap replica handbags with free shipping, order today"


def model_of(ham=HAM, spam=SPAM):
    model = LearnedModel.empty()
    for text in ham:
        model.learn(features(Submission("comment", text)), is_spam=False)
    for text in spam:
        model.learn(features(Submission("comment", text)), is_spam=True)
    return model


def verdict(model, text):
    return assess(Submission("comment", text), Facts(), model, DEFAULT_THRESHOLDS).verdict


def test_a_spam_lesson_changes_the_next_verdict_for_a_similar_text():
    """The lesson's text has call-to-action words ("order", "cheap"), so the model may hold it."""
    model = model_of()
    assert verdict(model, SIMILAR) is not Verdict.SPAM
    lesson = features_for_lesson(
        Submission("comment", "Replica handbags cheap, free shipping on every order")
    )
    for _ in range(2):
        model.learn(lesson, is_spam=True)
    assert verdict(model, SIMILAR) is Verdict.SPAM


def test_a_ham_lesson_lowers_the_spam_probability_of_a_similar_text():
    model = model_of()
    text = features(Submission("comment", "Free shipping on the knee brace you recommend?"))
    before = model.spam_probability(text)
    model.learn(
        features_for_lesson(Submission("comment", "Is there free shipping on braces?")), False
    )
    model.learn(features_for_lesson(Submission("comment", "Free shipping for the brace?")), False)
    assert model.spam_probability(text) < before


def test_round_trip_through_bytes_gives_identical_probabilities():
    model = model_of()
    copy = LearnedModel.from_bytes(model.to_bytes())
    for text in HAM + SPAM + [SIMILAR, ""]:
        found = features(Submission("comment", text))
        assert copy.spam_probability(found) == model.spam_probability(found)
    assert copy.to_bytes() == model.to_bytes()


def test_replaying_the_same_lessons_in_the_same_order_gives_the_same_state():
    """Every worker applies the lessons in id order on top of the same base state."""
    base = model_of().to_bytes()
    lessons = [
        (features_for_lesson(Submission("comment", t)), i % 2 == 0)
        for i, t in enumerate(HAM + SPAM + [SIMILAR])
    ]
    first = LearnedModel.from_bytes(base)
    second = LearnedModel.from_bytes(base)
    for found, is_spam in lessons:
        first.learn(found, is_spam)
    for found, is_spam in lessons:
        second.learn(found, is_spam)
    assert first.to_bytes() == second.to_bytes()
    assert first.to_bytes() != base


def test_the_sigmoid_is_built_from_exactly_rounded_operations():
    """libm's exp may differ in its last bit between machines; the model's own does not, and
    agrees with it to within a few units in the last place."""
    for x in [-700.0, -30.5, -2.0, -1e-9, 0.0, 1e-9, 0.3, 1.0, 7.25, 40.0, 700.0]:
        expected = 1.0 / (1.0 + math.exp(-x))
        assert sigmoid(x) == pytest.approx(expected, rel=1e-14, abs=1e-300)


def test_lessons_are_hashed_32_bit_features_without_the_text():
    lesson = features_for_lesson(Submission("inquiry", "My oxycodone makes me dizzy"))
    assert lesson == sorted(set(lesson))
    assert all(isinstance(f, int) and 0 <= f < 2**32 for f in lesson)
    assert hash_feature("w:dizzi") in lesson  # "dizzy", by its stem


def test_features_are_stable_across_processes():
    assert hash_feature("w:viagra") == 1866678629


def test_empty_model_has_no_opinion():
    assert LearnedModel.empty().spam_probability([1, 2, 3]) == 0.5
    assert LearnedModel.from_bytes(LearnedModel.empty().to_bytes()).spam_docs == 0


@pytest.mark.parametrize("data", [b"", b"garbage", b"CDNB\x01" + b"\x00" * 12 + b"not zlib"])
def test_unreadable_model_bytes_raise_model_format_error(data):
    with pytest.raises(ModelFormatError):
        LearnedModel.from_bytes(data)


def test_medical_words_are_never_spam_evidence_by_themselves():
    spammy_pharmacy = [f"buy oxycodone injection steroid online cheap offer {i}" for i in range(20)]
    model = model_of(spam=SPAM + spammy_pharmacy)
    medical = Submission("inquiry", "oxycodone injection steroid")
    assert model.spam_probability(features(medical)) <= 0.5
    assert "w:__medical__" in token_features(medical)
    assert "w:oxycodone" not in token_features(medical)


def test_contact_features_weigh_little_however_one_sided_the_corpus():
    model = LearnedModel.empty()
    for i in range(40):
        vendor = Submission("inquiry", f"offer {i}", email=f"sales{i}@vendor{i}.example")
        patient = Submission("inquiry", f"question {i}", email=f"p{i}@gmail.com")
        model.learn(features_for_lesson(vendor), True)
        model.learn(features_for_lesson(patient), False)
    assert 0 < model.weight(hash_feature("e:own"), "inquiry") <= MAX_CONTACT_WEIGHT
    assert -MAX_CONTACT_WEIGHT <= model.weight(hash_feature("e:free"), "inquiry") < 0
    assert MAX_CONTACT_WEIGHT <= 1.5


def test_a_word_is_weighed_by_what_it_means_in_its_own_kind():
    """SMS ham that never says "article" must not make "article" spam in a comment."""
    model = LearnedModel.empty()
    for i in range(200):
        model.learn(features_for_lesson(Submission("message", f"see you at {i} ok")), False)
    for i in range(40):
        text = "great article check my site" if i % 2 else "great article thanks"
        model.learn(features_for_lesson(Submission("comment", text)), i % 2 == 1)
    article = hash_feature("w:articl")
    assert abs(model.weight(article, "comment")) < model.weight(article)
    thanks = features(Submission("comment", "great article thanks"))
    assert model.spam_probability(thanks, "comment") < 0.5


def test_rare_features_are_shrunk_towards_no_opinion():
    """A word met in two spam documents and no ham is a hint, not proof (plain smoothing would
    give it log 5 = 1.6)."""
    model = LearnedModel.empty()
    for i in range(100):
        model.learn([i, 1000], is_spam=True)
        model.learn([i + 500, 1000], is_spam=False)
    model.learn([7777], is_spam=True)
    model.learn([7777], is_spam=False)
    model.learn([4242], is_spam=True)
    model.learn([4242], is_spam=True)
    assert 0 < model.weight(4242) < 1.2
    assert model.weight(7777) == 0.0 or abs(model.weight(7777)) < 0.05


def test_numbers_weigh_little_in_comments_and_inquiries_but_fully_in_text_messages():
    """A five-digit short code sells in an SMS; "10062 rows" or "(1006090, 79)" in a comment is a
    measurement."""
    model = LearnedModel.empty()
    for _ in range(60):
        model.learn(features_for_lesson(Submission("message", "see you at home 87121")), True)
        model.learn(features_for_lesson(Submission("message", "see you at home")), False)
        model.learn(features_for_lesson(Submission("comment", "nice article 10062")), True)
        model.learn(features_for_lesson(Submission("comment", "nice article")), False)
    five_digits = hash_feature("w:00000")
    assert model.weight(five_digits, "message") > MAX_CONTACT_WEIGHT
    assert 0 < model.weight(five_digits, "comment") <= MAX_CONTACT_WEIGHT
    assert 0 < model.weight(five_digits, "inquiry") <= MAX_CONTACT_WEIGHT


def test_a_bare_domain_is_read_as_its_domain_not_as_words():
    tokens = token_features(Submission("comment", "try seektable.com for pivot tables"))
    assert "d:seektable.com" in tokens
    assert "x:link" in tokens
    assert "w:com" not in tokens
    assert "w:seektable" not in tokens
    assert "w:pivot" in tokens


def test_a_link_to_a_public_reference_is_no_link_feature():
    tokens = token_features(
        Submission("comment", "see https://medlineplus.gov/backpain.html for more")
    )
    assert "d:medlineplus.gov" in tokens
    assert "x:link" not in tokens
