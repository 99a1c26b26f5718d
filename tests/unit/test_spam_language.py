"""Language-aware features: stems in the text's language, Spanish advert words read as English
ones, and character n-grams."""

import base64
import re

import pytest

from service.spam import language
from service.spam.featurize import (
    FEATURES_VERSION,
    MEDICAL_TOKEN,
    pack_features,
    token_features,
    unpack_features,
)
from service.spam.language import detect_language, stem_words
from service.spam.normalize import normalize_for_matching
from service.spam.pipeline import DEFAULT_THRESHOLDS, assess
from service.spam.submission import Facts, Submission, Verdict


def tokens(text: str, kind: str = "comment") -> list[str]:
    return token_features(Submission(kind, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks for the article, it helped my back", "en"),
        ("Gracias por el artículo, me ayudó con la espalda", "es"),
        ("Muito obrigado pelo artigo, ajudou bastante minha coluna", "other"),
        ("Vielen Dank für den Artikel über Rückenschmerzen", "other"),
    ],
)
def test_the_language_of_a_text_is_english_spanish_or_other(text, expected):
    words = re.findall(r"[^\W_]+", normalize_for_matching(text))
    assert detect_language(words, text) == expected


def test_an_english_text_is_settled_without_the_language_model(monkeypatch):
    def refuse(text):
        raise AssertionError("py3langid was asked about a plainly English text")

    monkeypatch.setattr(language, "_classify", refuse)
    assert detect_language(["thanks", "for", "the", "article"], "Thanks for the article") == "en"
    assert detect_language(["done"], "Done") == "en"


def test_english_words_are_read_by_their_stems():
    found = tokens("Subscribing helps; I subscribed to your channels")
    assert "w:subscrib" in found
    assert "w:channel" in found
    assert "w:subscribing" not in found


def test_spanish_words_are_read_by_their_spanish_stems():
    assert stem_words(["inyecciones", "rodillas"], "es") == ["inyeccion", "rodill"]


def test_spanish_advert_words_are_read_as_their_english_equivalents():
    found = tokens("Gana dinero gratis desde casa, suscríbete a mi canal")
    for english in ("w:earn", "w:money", "w:free", "w:home", "w:subscrib", "w:my", "w:channel"):
        assert english in found
    assert "b:my channel" in found


def test_words_are_also_read_as_character_ngrams():
    found = tokens("subscribeme")
    assert {"c:<sub", "c:subs", "c:crib", "c:beme", "c:eme>"} <= set(found)


def test_medical_words_give_no_ngrams_and_stay_one_neutral_token():
    found = tokens("My oxycodone injections")
    assert MEDICAL_TOKEN in found
    assert not [t for t in found if t.startswith("c:") and "oxy" in t]
    assert not [t for t in found if t.startswith("c:") and "inject" in t]


def test_features_stored_by_the_previous_featurizer_are_read_again_from_the_text():
    assert FEATURES_VERSION == 2
    current = pack_features([1, 2, 3])
    assert unpack_features(current) == [1, 2, 3]
    previous = base64.b64encode(bytes([1]) + base64.b64decode(current)[1:]).decode()
    assert unpack_features(previous) is None


@pytest.fixture(scope="module")
def starter_model():
    from service.spam.model import LearnedModel
    from service.spam.starter import starter_bytes

    return LearnedModel.from_bytes(starter_bytes())


TWINS = [
    (
        "Subscribe to my channel and earn money fast from home, click here for free gifts",
        "Suscríbete a mi canal y gana dinero rápido desde casa, haz clic aquí para regalos gratis",
    ),
    # No rule fires on the Spanish text: the model alone must know "ganaste un premio".
    ("Congratulations, you won a prize, call now", "Felicidades, ganaste un premio, llama ahora"),
]


@pytest.mark.parametrize("kind", ["comment", "message"])
@pytest.mark.parametrize(("english", "spanish"), TWINS)
def test_a_spanish_advert_is_caught_like_its_english_twin(starter_model, english, spanish, kind):
    def judged(text):
        return assess(Submission(kind, text), Facts(), starter_model)

    assert judged(english).verdict is Verdict.SPAM
    assert judged(spanish).verdict is Verdict.SPAM


def test_the_model_alone_does_not_send_a_thankful_reader_to_spam(starter_model):
    text = "Great article, thanks for sharing. I will share it with my mother."
    result = assess(Submission("comment", text), Facts(), starter_model)
    learned = {reason.rule: reason for reason in result.reasons}["learned_model"]
    assert learned.points < DEFAULT_THRESHOLDS.for_kind("comment")[1]
    assert result.verdict is not Verdict.SPAM


def test_chat_shorthand_and_mixed_words_are_settled_without_the_language_model(monkeypatch):
    def refuse(text):
        raise AssertionError("py3langid was asked about a text its common words settle")

    monkeypatch.setattr(language, "_classify", refuse)
    # No common word of any language: read as English.
    assert detect_language(["dun", "wear", "jeans", "lor"], "Then dun wear jeans lor") == "en"
    # "yo" is Spanish, but three English words outnumber it twice over.
    words = ["yo", "carlos", "are", "you", "working", "at", "all", "this", "weekend"]
    assert detect_language(words, " ".join(words)) == "en"
    words = ["me", "duele", "la", "rodilla", "y", "no", "puedo", "subir", "escaleras"]
    assert detect_language(words, " ".join(words)) == "es"
