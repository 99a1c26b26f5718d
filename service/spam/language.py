"""Which language a text is in (English, Spanish or other) and the stems of its words.

Spam is written in English and Spanish alike, but the starter corpus is mostly English. Words
are reduced to their stems in their own language ("subscribing" and "subscribe" are one
feature, and so are "ofertas" and "oferta"), and the commonest words of Spanish adverts are read
as their English equivalents ("gratis" is "free"), so a Spanish advert meets what the model
learned from English ones.

The language is guessed from common function words; py3langid is asked only when they do not
settle it, and its model (tens of megabytes) is loaded on the first such text.
"""

from __future__ import annotations

import functools
import threading
from typing import Literal

import Stemmer

Language = Literal["en", "es", "other"]

# Languages py3langid chooses among: English, Spanish, and the languages they are most often
# confused with in short texts, so that Portuguese is "other" rather than Spanish.
_CANDIDATES = ["en", "es", "pt", "fr", "it", "de", "nl", "ca", "gl"]
# Words that appear in nearly every English or Spanish sentence and rarely in the other.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "was",
        "to",
        "of",
        "you",
        "your",
        "for",
        "with",
        "this",
        "that",
        "it",
        "my",
        "have",
        "not",
        "on",
        "at",
        "be",
        "i",
        "thanks",
        "thank",
        "please",
        "can",
        "will",
        "would",
        "could",
        "should",
        "what",
        "how",
        "when",
        "does",
        "do",
    ]
)
_SPANISH_WORDS = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "y",
        "es",
        "son",
        "de",
        "del",
        "que",
        "en",
        "por",
        "para",
        "con",
        "mi",
        "su",
        "sus",
        "una",
        "un",
        "yo",
        "se",
        "no",
        "al",
        "muy",
        "gracias",
        "hola",
        "como",
        "esta",
        "este",
        "cuando",
        "donde",
        "tengo",
        "quiero",
        "puede",
        "usted",
    ]
)

# The commonest words of Spanish adverts and phishing, read as the English word an English
# advert uses, so what the model learned from English spam counts for Spanish spam too.
SPANISH_CONCEPTS = {
    "gratis": "free",
    "gratuito": "free",
    "gratuita": "free",
    "gratuitos": "free",
    "dinero": "money",
    "ganar": "earn",
    "gana": "earn",
    "gane": "earn",
    "ganancias": "earnings",
    "ingresos": "income",
    "oferta": "offer",
    "ofertas": "offers",
    "descuento": "discount",
    "descuentos": "discounts",
    "barato": "cheap",
    "barata": "cheap",
    "baratos": "cheap",
    "comprar": "buy",
    "compra": "buy",
    "compre": "buy",
    "premio": "prize",
    "premios": "prizes",
    "ganador": "winner",
    "ganaste": "won",
    "ganado": "won",
    "felicidades": "congratulations",
    "felicitaciones": "congratulations",
    "clic": "click",
    "click": "click",
    "suscribete": "subscribe",
    "suscribirte": "subscribe",
    "suscribanse": "subscribe",
    "suscribase": "subscribe",
    "canal": "channel",
    "visita": "visit",
    "visite": "visit",
    "visitar": "visit",
    "mira": "check",
    "revisa": "check",
    "sitio": "site",
    "pagina": "page",
    "enlace": "link",
    "prestamo": "loan",
    "prestamos": "loans",
    "credito": "credit",
    "apuestas": "betting",
    "seguidores": "followers",
    "urgente": "urgent",
    "llame": "call",
    "llama": "call",
    "llamar": "call",
    "ahora": "now",
    "hoy": "today",
    "aqui": "here",
    "inversion": "investment",
    "invertir": "invest",
    "criptomonedas": "crypto",
    "casa": "home",
    "rapido": "fast",
    "facil": "easy",
    "millones": "millions",
    "regalo": "gift",
    "tarjeta": "card",
    "cuenta": "account",
    "contrasena": "password",
    "verificar": "verify",
    "verifique": "verify",
    "promocion": "promotion",
    "exclusivo": "exclusive",
    "exclusiva": "exclusive",
    "limitado": "limited",
    "garantizado": "guaranteed",
    "garantizada": "guaranteed",
    "posicionamiento": "ranking",
    "posicionar": "rank",
    "agencia": "agency",
    "servicios": "services",
    "clientes": "customers",
    "mensaje": "message",
    "envia": "text",
    "nuevo": "new",
    "videos": "videos",
    "mi": "my",
    "mis": "my",
}

# A PyStemmer stemmer may not be shared between threads: each thread makes its own.
_local = threading.local()
_identifier = None
_identifier_lock = threading.Lock()


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    stemmer = stemmers.get(language)
    if stemmer is None:
        stemmer = stemmers[language] = Stemmer.Stemmer(language, 20_000)
    return stemmer


def _classify(text: str) -> str:
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
                identifier.set_languages(_CANDIDATES)
                identifier._full_model = None  # the other ninety languages' tables, unused
                _identifier = identifier
    return _identifier.classify(text)[0]


def detect_language(words: list[str], text: str) -> Language:
    """English, Spanish or other, for words already case-folded and stripped of accents.

    A text with common English words and no common Spanish ones (or the other way round) is
    settled by them; a text of one or two words is read as English (stemming a word either way
    does no harm); py3langid decides the rest from the original text."""
    english = spanish = 0
    for word in words[:200]:
        english += word in _ENGLISH_WORDS
        spanish += word in _SPANISH_WORDS
    if english and not spanish:
        return "en"
    if spanish and not english and spanish >= 2:
        return "es"
    if len(words) < 3:
        return "en"
    found = _classify(text[:2_000])
    return found if found in ("en", "es") else "other"


@functools.lru_cache(maxsize=4096)
def _concept(word: str) -> str:
    return _stemmer("english").stemWord(SPANISH_CONCEPTS[word])


def stem_words(words: list[str], language: Language) -> list[str]:
    """Each word's stem in its language; Spanish advert words become their English stems."""
    if language == "en":
        return _stemmer("english").stemWords(words)
    if language == "es":
        stems = _stemmer("spanish").stemWords(words)
        return [
            _concept(word) if word in SPANISH_CONCEPTS else stem
            for word, stem in zip(words, stems, strict=True)
        ]
    return words
