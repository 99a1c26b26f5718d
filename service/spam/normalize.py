"""Text folding for matching only: the stored text stays as sent.

NFKC turns full-width and mathematical letters into plain ones; zero-width and bidi control
characters are dropped; within a word that mixes Latin with look-alike Cyrillic or Greek letters,
the look-alikes become Latin, so `viаgra` (Cyrillic а) and `vi\u200dagra` read as `viagra` while
a word written wholly in Cyrillic stays Cyrillic.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# Reading more than this much text cannot change a verdict, but it can make a request slow. The
# limit holds before folding and again after it: NFKC can turn one character into eighteen
# (U+FDFA), so a text within the limit when it arrives may not be once it is folded.
MAX_TEXT_CHARS = 20_000

_INVISIBLE = dict.fromkeys(
    [
        0x00AD,  # soft hyphen
        0x034F,  # combining grapheme joiner
        0x061C,  # Arabic letter mark
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        0x180E,
        *range(0x200B, 0x2010),  # zero-width space/joiners, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2060, 0x2070),  # word joiner, invisible operators, bidi isolates
        0x3164,
        0xFEFF,
        0xFFA0,
    ]
)

# Look-alikes of Latin letters (lower case; text is case-folded before this is applied).
_CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ї": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "һ": "h",
        "ӏ": "l",
        "ԛ": "q",
        "ԝ": "w",
        "ɡ": "g",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
        # Latin letters that pass for others
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "ß": "ss",
    }
)
_CONFUSABLE_CHARS = frozenset(ch for ch in "авеёкмнорстухіїјѕԁһӏԛԝɡαβεηικνορτυχω")
_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


_LATIN = re.compile(r"[a-z\u00c0-\u024f]")


def _fold_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if _LATIN.search(word) and not _CONFUSABLE_CHARS.isdisjoint(word):
        return word.translate(_CONFUSABLES)
    return word


def strip_accents(text: str) -> str:
    """Drop combining marks, so `inyección` and `inyeccion` are one word."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=32)
def normalize_for_matching(text: str) -> str:
    """Fold text to the form every check and feature reads: HTML entities decoded, NFKC,
    invisible characters removed,
    case-folded, look-alike letters folded in mixed-script words, accents dropped, one space
    between words. Reads at most MAX_TEXT_CHARS characters and returns at most as many, however
    much folding expands them; the last few results are cached, since every check and the model
    read the same text."""
    text = html.unescape(text[:MAX_TEXT_CHARS])
    text = unicodedata.normalize("NFKC", text)[: 2 * MAX_TEXT_CHARS]
    text = text.translate(_INVISIBLE).casefold()[: 2 * MAX_TEXT_CHARS]
    if not text.isascii():
        if not _CONFUSABLE_CHARS.isdisjoint(text):
            text = _WORD.sub(_fold_mixed_word, text)
        text = strip_accents(text)[: 2 * MAX_TEXT_CHARS]
    # Invisible characters and runs of spaces are still in the text before the last step, so
    # the steps before it keep twice the limit; what every check reads is the limit.
    return _SPACES.sub(" ", text).strip()[:MAX_TEXT_CHARS].rstrip()
