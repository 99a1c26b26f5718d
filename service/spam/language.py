"""Which language a text is in (English, Spanish or other) and the stems of its words.

Spam is written in English and Spanish alike, but the starter corpus is mostly English. Words
are reduced to their stems in their own language ("subscribing" and "subscribe" are one
feature, and so are "ofertas" and "oferta"), and the commonest words of Spanish adverts are read
as their English equivalents ("gratis" is "free"), so a Spanish advert meets what the model
learned from English ones.

The language is guessed from common function words; py3langid's model is asked only when they
do not settle it, and is loaded on the first such text (read compactly by language_tables.py:
about 25 MiB, where py3langid itself takes 66).
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Literal

import Stemmer

from service.spam.memory import release_freed_memory

if TYPE_CHECKING:
    from service.spam.language_tables import LanguageTables

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
        "we",
        "our",
        "they",
        "he",
        "she",
        "in",
        "if",
        "so",
        "all",
        "just",
        "from",
        "out",
        "about",
        "im",
        "u",
        "ur",
        "ok",
        "get",
        "got",
        "who",
        "hi",
        "hey",
        "good",
        "great",
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
_identifier: LanguageTables | None = None
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
                from service.spam.language_tables import LanguageTables

                _identifier = LanguageTables.load(_CANDIDATES)
                release_freed_memory()
    return _identifier.classify(text)


# Common words of the other languages py3langid is asked to tell apart; a text with none of
# these and none of the English or Spanish ones (chat shorthand, a name, a song title) is read
# as English without asking it.
_OTHER_WORDS = frozenset(
    "nao voce muito obrigado obrigada pelo pela minha meu uma com isso esse essa tambem "  # noqa: SIM905
    "le les des du est et une pour avec dans sur pas merci tres je vous nous "
    "der die das und ist nicht ein eine mit fur den dem danke ich sie "
    "il di che non sono grazie della per molto het een niet ik ook".split()
)
# Ratio by which one language's common words must outnumber the other's to settle a text that
# has both ("yo" and "mi" are English chat words too).
_SETTLED_RATIO = 2


def detect_language(words: list[str], text: str) -> Language:
    """English, Spanish or other, for words already case-folded and stripped of accents.

    A text whose common English words outnumber its common Spanish ones twice over (or the other
    way round, with at least two) is settled by them; so is a text with none of them and no
    common word of another language (read as English: stemming it either way does no harm), and
    a text of one or two words. py3langid, loaded on first use, decides the rest from the
    original text."""
    english = spanish = other = 0
    for word in words[:200]:
        if word in _ENGLISH_WORDS:
            english += 1
        elif word in _SPANISH_WORDS:
            spanish += 1
        elif word in _OTHER_WORDS:
            other += 1
    if english > _SETTLED_RATIO * spanish and english > other:
        return "en"
    if spanish >= 2 and spanish > _SETTLED_RATIO * english and spanish > other:
        return "es"
    if len(words) < 3 or not (english or spanish or other):
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
