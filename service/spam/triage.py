"""Urgent triage: does an inquiry's text suggest a medical emergency happening now?

Pure functions over the folded text (`normalize_for_matching`): the text is cut into words and
clauses (at punctuation and at "but", "pero" ...), and each clause is searched for the signs
of an emergency, in English and Spanish: chest pain, difficulty breathing, suicidal thoughts
or self-harm, an overdose, severe bleeding, the signs of a stroke, anaphylaxis, loss of
consciousness. A sign does not count when, in its clause,

- a negation comes shortly before it ("no chest pain", "sin dolor en el pecho",
  "I don't have trouble breathing", "not suicidal");
- the clause places it in the past ("had a stroke in 2019", "el año pasado", "years ago")
  and says nothing of now ("right now", "since this morning", "ahora mismo");
- the clause is about something else than a person in need: a bill, a form, a course,
  a prescription refill, the signs of a condition in general.

Someone writing for another person ("my father can't breathe") is urgent like the person
themselves. The only regular expression is one linear scan that cuts words; the matching is a
dictionary lookup per word plus a few words of look-ahead, so the work grows with the text's
length and nothing else. Measured precision and recall are in docs/moderation.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.spam.normalize import normalize_for_matching

# A word (with one apostrophe: "can't", "don't") or a punctuation mark that ends a clause.
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.;!?,:]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})

CLAUSE_BREAKS = frozenset(
    [".", ";", "!", "?", ",", ":", "but", "however", "although", "though", "pero", "aunque"]
)
NEGATIONS = frozenset(
    [
        "no",
        "not",
        "never",
        "without",
        "denies",
        "deny",
        "none",
        "nor",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "haven't",
        "hasn't",
        "dont",
        "doesnt",
        "didnt",
        "sin",
        "ni",
        "nunca",
        "ningun",
        "ninguna",
        "tampoco",
        "niega",
    ]
)
NEGATION_WINDOW = 5  # words before a sign in which a negation cancels it

# A sign's phrase: words separated by spaces; "a|b" is either word, "word~" any word that
# begins so, "*" up to two words of any kind. The first word is never "*" nor "~".
SIGNS: dict[str, tuple[str, ...]] = {
    "chest_pain": (
        "chest pain|pains|pressure|tightness",
        "chest * pain|pains|pressure|tightness",
        "crushing chest",
        "pain|pressure|tightness in my|the|his|her chest",
        "my|his|her chest hurts",
        "my|his|her chest is tight",
        "heart attack",
        "dolor|dolores|opresion|presion * pecho",
        "dolor|dolores|opresion|presion * en el pecho",
        "duele * el pecho",
        "infarto",
        "ataque al corazon",
    ),
    "breathing": (
        "can't|cannot|cant breathe",
        "can not breathe",
        "trouble|difficulty|struggling breathing",
        "struggling to breathe",
        "hard to breathe",
        "short of breath",
        "shortness of breath",
        "catch my|his|her breath",
        "not breathing",
        "gasping",
        "no puedo|puede respirar",
        "no puedo|puede recuperar el aliento",
        "dificultad para respirar",
        "cuesta respirar",
        "falta el aire",
        "falta de aire",
        "me|se ahogo|ahoga",
        "no respira",
        "recuperar el aliento",
    ),
    "suicide_self_harm": (
        "suicidal",
        "suicide",
        "kill myself",
        "end|ending|take|taking my life",
        "end|ending|take|taking my own life",
        "want|wants|wanted to die",
        "don't|dont want to live",
        "hurt|harm|harming|hurting myself",
        "self harm",
        "cutting myself",
        "better off dead",
        "suicid~",
        "quitarme la vida",
        "acabar con mi vida",
        "matarme",
        "quiero|quiere morir|morirme|morirse",
        "no quiero vivir|seguir",
        "hacerme dano",
        "vuelto a cortar|cortarme",
        "cortarme",
        "autolesion~",
    ),
    "overdose": (
        "overdose",
        "overdosed",
        "too many pills|tablets",
        "whole bottle",
        "sobredosis",
        "muchas|demasiadas pastillas",
        "todo el frasco|bote",
    ),
    "severe_bleeding": (
        "won't|wont stop bleeding",
        "bleeding won't|wont stop",
        "heavy|severe|heavily bleeding",
        "bleeding heavily|badly|profusely",
        "vomiting|coughing blood",
        "coughing up blood",
        "spurting",
        "blood everywhere",
        "no para|deja de sangrar",
        "sangrado abundante|fuerte",
        "sangrando mucho",
        "vomitando|tosiendo sangre",
        "hemorragia fuerte|grave|abundante",
        "mucha sangre",
    ),
    "stroke": (
        "face * drooping|droops|droopy",
        "face is drooping",
        "drooping face",
        "slurred|slurring",
        "can't|cannot move * arm",
        "can't|cannot lift * arm",
        "weakness in my|his|her * arm",
        "sudden weakness",
        "having a stroke",
        "cae * de la cara",
        "cae un lado de la cara",
        "cara caida",
        "boca torcida",
        "arrastrando|arrastra las palabras",
        "traba la lengua",
        "no puede mover|levantar * brazo",
        "debilidad en el brazo",
        "derrame cerebral",
        "teniendo un ictus|derrame",
    ),
    "anaphylaxis": (
        "anaphylaxis",
        "anaphylactic",
        "throat is closing|swelling",
        "throat closing",
        "tongue is swelling",
        "anafilaxia",
        "anafilactica|anafilactico",
        "cerrando la garganta",
        "cierra la garganta",
        "hincha|hinchando la garganta|lengua",
    ),
    "unconscious": (
        "unconscious",
        "unresponsive",
        "passed out",
        "fainted",
        "collapsed",
        "lost consciousness",
        "can't|cannot wake",
        "won't|wont wake",
        "not waking",
        "inconsciente",
        "desmayo|desmaye|desmayado|desmayada",
        "perdio el conocimiento|sentido",
        "no despierta|responde",
    ),
}

# A clause that says when, in the past ("in 2019", "years ago"), unless it also says now.
PAST_WORDS = frozenset(
    [
        "yesterday",
        "ago",
        "history",
        "recovered",
        "recovering",
        "died",
        "once",
        "ayer",
        "pasado",
        "pasada",
        "antecedentes",
        "recupero",
        "recuperando",
        "murio",
        "fallecio",
        "tuve",
        "tuvo",
        "sufrio",
        "sufri",
        "anos",
        "meses",
    ]
)
PAST_PHRASES = (
    ("last", "year|month|week|spring|summer|autumn|fall|winter"),
    ("years|months|weeks", "ago"),
    ("turned", "out"),
    ("una", "vez"),
    ("resulto",),
)
YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
# "May" is left out: in English it is mostly a verb.
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
)
NOW_WORDS = frozenset(
    [
        "now",
        "currently",
        "today",
        "tonight",
        "still",
        "minutes",
        "hour",
        "hours",
        "suddenly",
        "ahora",
        "hoy",
        "anoche",
        "minutos",
        "hora",
        "horas",
        "todavia",
        "sigue",
        "sigo",
        "rato",
    ]
)
NOW_PHRASES = (
    ("this", "morning|afternoon|evening"),
    ("esta", "manana|tarde|noche"),
    ("right", "now"),
)
# Words that make a clause about paperwork or general knowledge, not a person in need.
ABOUT_OTHER_THINGS = frozenset(
    [
        "bill",
        "billing",
        "invoice",
        "insurance",
        "claim",
        "refill",
        "prescription",
        "form",
        "course",
        "courses",
        "training",
        "prevention",
        "project",
        "talk",
        "information",
        "factura",
        "seguro",
        "receta",
        "renovar",
        "formulario",
        "curso",
        "cursos",
        "charla",
        "prevencion",
        "informacion",
        "trabajo",
    ]
)
ABOUT_PHRASES = (
    ("signs", "of"),
    ("warning", "signs"),
    ("symptoms", "of"),
    ("side", "effect|effects"),
    ("first", "aid"),
    ("efecto|efectos", "secundario|secundarios"),
    ("primeros", "auxilios"),
    ("senales", "de"),
    ("sintomas", "de"),
)


@dataclass(frozen=True)
class Triage:
    """Whether a text suggests an emergency, and which signs did (their names, never text)."""

    urgent: bool
    signs: tuple[str, ...] = ()


def _slot(word: str) -> tuple[frozenset[str], bool]:
    """A phrase position: its words, and whether they are prefixes."""
    if word.endswith("~"):
        return frozenset(w.rstrip("~") for w in word.split("|")), True
    return frozenset(word.split("|")), False


def _compile(
    signs: dict[str, tuple[str, ...]],
) -> dict[str, list[tuple[str, tuple[tuple[frozenset[str], bool] | None, ...]]]]:
    """Phrases by each word they may begin with: one dictionary lookup per word of text."""
    index: dict[str, list[tuple[str, tuple[tuple[frozenset[str], bool] | None, ...]]]] = {}
    prefixed: list[tuple[str, tuple[tuple[frozenset[str], bool] | None, ...]]] = []
    for sign, phrases in signs.items():
        for phrase in phrases:
            slots = tuple(None if w == "*" else _slot(w) for w in phrase.split())
            first = slots[0]
            assert first is not None
            if first[1]:
                prefixed.append((sign, slots))
                continue
            for word in first[0]:
                index.setdefault(word, []).append((sign, slots))
    # Phrases that begin with a prefix are few; they are tried at every word.
    index[""] = prefixed
    return index


_INDEX = _compile(SIGNS)
# What the prefixed phrases begin with: one `startswith` per word decides whether to try them.
_PREFIXES = tuple(sorted({w for _sign, slots in _INDEX[""] if slots[0] for w in slots[0][0]}))


def _word_fits(word: str, slot: tuple[frozenset[str], bool]) -> bool:
    words, is_prefix = slot
    if is_prefix:
        return any(word.startswith(w) for w in words)
    return word in words


def _matches_at(words: list[str], start: int, slots: tuple) -> bool:
    """Whether the phrase's slots match `words` from `start` ("*" skips up to two words)."""
    positions = {start}
    for slot in slots:
        following: set[int] = set()
        for at in positions:
            if slot is None:
                following.update(range(at, min(at + 3, len(words) + 1)))
            elif at < len(words) and _word_fits(words[at], slot):
                following.add(at + 1)
        if not following:
            return False
        positions = following
    return True


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    for at in range(len(words)):
        for phrase in phrases:
            if at + len(phrase) <= len(words) and all(
                words[at + i] in part.split("|") for i, part in enumerate(phrase)
            ):
                return True
    return False


def _clauses(text: str) -> list[list[str]]:
    folded = normalize_for_matching(text.translate(_APOSTROPHES))
    clauses: list[list[str]] = [[]]
    for token in _TOKEN.findall(folded):
        if token in CLAUSE_BREAKS:
            if clauses[-1]:
                clauses.append([])
        else:
            clauses[-1].append(token)
    return [clause for clause in clauses if clause]


def _is_negated(words: list[str], start: int) -> bool:
    return any(word in NEGATIONS for word in words[max(0, start - NEGATION_WINDOW) : start])


def _is_in_the_past(words: list[str]) -> bool:
    if any(word in NOW_WORDS for word in words) or _has_phrase(words, NOW_PHRASES):
        return False
    if any(word in PAST_WORDS for word in words) or _has_phrase(words, PAST_PHRASES):
        return True
    for at, word in enumerate(words):
        if YEAR.match(word) or (word in MONTHS and at and words[at - 1] in ("in", "en")):
            return True
        # "had" on its own is past ("my mother had a stroke"); "have had" is not.
        if word == "had" and (at == 0 or words[at - 1] not in ("have", "has", "i've", "we've")):
            return True
    return False


def _is_about_other_things(words: list[str]) -> bool:
    return any(word in ABOUT_OTHER_THINGS for word in words) or _has_phrase(words, ABOUT_PHRASES)


def _signs_in(words: list[str]) -> set[str]:
    found: set[str] = set()
    for start, word in enumerate(words):
        candidates = _INDEX.get(word, [])
        if word.startswith(_PREFIXES):
            candidates = candidates + _INDEX[""]
        for sign, slots in candidates:
            if sign in found or not _matches_at(words, start, slots):
                continue
            if not _is_negated(words, start):
                found.add(sign)
    return found


def assess_urgency(text: str) -> Triage:
    """Whether `text` suggests an emergency now, and which signs did. Never raises."""
    signs: set[str] = set()
    for words in _clauses(text or ""):
        found = _signs_in(words)
        if found and not _is_in_the_past(words) and not _is_about_other_things(words):
            signs |= found
    return Triage(bool(signs), tuple(sorted(signs)))


def is_urgent(text: str) -> bool:
    """Whether an inquiry's text suggests a medical emergency now."""
    return assess_urgency(text).urgent
