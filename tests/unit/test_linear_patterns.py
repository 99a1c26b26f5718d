"""Every regular expression the service runs on what visitors send does linear work.

Each pattern is run over adversarial texts at the longest length the spam filter reads (runs of
one class of character followed by a mismatch, repeated separators, and what characters that
expand under NFKC become), and the work is counted in steps of a backtracking engine
(tests/redos/stepcount.py), never timed. The budget is a fixed number of steps per character:
a pattern that rescans a run from each of its characters needs thousands per character at this
length, and fails.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import service
from service.spam.checks import find_anchor_list, run_checks
from service.spam.featurize import token_features
from service.spam.normalize import MAX_TEXT_CHARS, normalize_for_matching
from service.spam.submission import Facts, Submission
from tests.conftest import need
from tests.redos import stepcount

STEPS_PER_CHAR = 120
LENGTH = MAX_TEXT_CHARS

# Characters NFKC turns into many: a parenthesised Hangul syllable pair (7), the Arabic ligature
# for "sallallahou alayhe wasallam" (18), a squared katakana word (5), a Roman numeral (4).
EXPANDING = "\u321d\ufdfa\u3300\u217b\u2474\u33af"


def _patterns_of(value: object, found: dict[str, re.Pattern[str]], name: str) -> None:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        found[name] = value
    elif isinstance(value, dict):
        for key, item in value.items():
            _patterns_of(item, found, f"{name}[{key!r}]")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            _patterns_of(item, found, f"{name}[{index}]")


def every_pattern() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern held at module level anywhere in `service`, by dotted name."""
    found: dict[str, re.Pattern[str]] = {}
    for module_info in pkgutil.walk_packages(service.__path__, "service."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            _patterns_of(value, found, f"{module_info.name}.{name}")
    return found


PATTERNS = every_pattern()

# Patterns that are only ever matched from the start of a string (`match`, `fullmatch`): one
# attempt, not one per character, so they are counted that way.
ANCHORED = {
    name
    for name in PATTERNS
    # The sentences the filter stores as reasons, read back to translate them for staff.
    if name.startswith("service.moderation.labels._REASON_DETAILS[")
} | {
    "service.web.requestlog.REQUEST_ID_PATTERN",
    "service.moderation.queue._CURSOR",
    "service.spam.links._HOST",
    "service.spam.links._TIMESTAMP_LINK",
    # A reply's opening, matched at the start of its first 80 characters.
    "service.spam.pipeline._REPLY_OPENING",
    "service.spam.pipeline._NAME_FIRST",
}
# Patterns PCRE2 cannot run as written: lone surrogates are not characters in UTF-8. Each is a
# single character class, which cannot backtrack (checked below).
ONE_CHARACTER_CLASS = {"service.submissions.textfields._SURROGATE"}

UNITS = [
    *"a1 \n_é.-@<|/:",
    "a.",
    "a-",
    "a@",
    "@a",
    "a/",
    "a,",
    "1 ",
    "1-",
    "1.",
    "a ",
    "ab",
    "a | ",
    "a.b",
    "<a ",
    "[url",
    "http://",
    "www.",
    "buy ",
    "check ",
    "1 % ",
]
TAILS = ["!", "|@.-<>/= href 1"]


def adversarial_texts(length: int) -> dict[str, str]:
    texts = {}
    for unit in UNITS:
        for tail in TAILS:
            body = unit * (length // len(unit) + 1)
            texts[f"{unit!r} repeated, then {tail!r}"] = body[: length - len(tail)] + tail
    for char in EXPANDING:
        texts[f"{char!r} folded"] = normalize_for_matching(char * length)
    texts["expanding characters folded"] = normalize_for_matching(EXPANDING * length)
    return texts


TEXTS = adversarial_texts(LENGTH)


@pytest.fixture(scope="module")
def step_counter() -> None:
    missing = stepcount.available()
    need(missing is None, f"cannot count regular-expression steps here: {missing}")


def test_the_patterns_of_the_spam_filter_and_the_request_path_are_all_checked():
    names = set(PATTERNS)
    for expected in (
        "service.spam.links._BARE",
        "service.spam.links._EMAIL",
        "service.spam.featurize._URLISH",
        "service.spam.checks._CALL_TO_ACTION",
        "service.spam.normalize._SPACES",
        "service.web.requestlog.REQUEST_ID_PATTERN",
    ):
        assert expected in names
    phrase_families = [n for n in names if n.startswith("service.spam.checks._PHRASE_PATTERNS[")]
    assert len(phrase_families) >= 8


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_pattern_does_linear_work_on_adversarial_text_at_the_longest_length(step_counter, name):
    pattern = PATTERNS[name]
    if name in ONE_CHARACTER_CLASS:
        (item,) = re._parser.parse(pattern.pattern, pattern.flags)
        assert item[0] is re._constants.IN
        return
    worst = (0, "")
    for label, text in TEXTS.items():
        budget = STEPS_PER_CHAR * max(len(text), 1) + 1_000
        try:
            steps = stepcount.count_steps(pattern, text, budget, anchored=name in ANCHORED)
        except stepcount.BudgetExceeded:
            pytest.fail(f"{name} took over {budget:,} steps on {label} ({len(text):,} chars)")
        worst = max(worst, (steps, label))
    assert worst[0] <= STEPS_PER_CHAR * LENGTH


def test_the_step_counter_catches_a_quadratic_pattern(step_counter):
    """The check above could fail: the e-mail pattern this release replaced is caught."""
    quadratic = re.compile(r"\S+@\S+")
    with pytest.raises(stepcount.BudgetExceeded):
        stepcount.count_steps(quadratic, "a" * LENGTH, STEPS_PER_CHAR * LENGTH)
    linear = re.compile(r"(?<!\S)\S+@\S+")
    assert stepcount.count_steps(linear, "a" * LENGTH, STEPS_PER_CHAR * LENGTH) < 5 * LENGTH


def test_folding_cannot_make_the_text_longer_than_the_filter_reads():
    for char in EXPANDING:
        arriving = char * (MAX_TEXT_CHARS // 2)
        assert len(normalize_for_matching(arriving)) <= MAX_TEXT_CHARS
    # U+FDFA alone folds to eighteen characters.
    assert len(normalize_for_matching("\ufdfa")) == 18


def test_a_comment_of_expanding_characters_is_read_only_up_to_the_limit():
    submission = Submission(kind="comment", text="\u321d" * 5_000 + " buy viagra online")
    text = normalize_for_matching(submission.text)
    assert len(text) == MAX_TEXT_CHARS
    # The rules and the model read the same bounded text, and still give an answer.
    assert isinstance(run_checks(submission, Facts()), list)
    assert len(token_features(submission)) > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "nice blog. wedding photos | party decoration | catering services",
            "wedding photos | party decoration | catering services",
        ),
        ("seo|backlinks|traffic", "seo | backlinks | traffic"),
        ("a | b | c | d", "a | b | c | d"),
        ("one | two", None),
        ("hay que separar los ejercicios | estiramientos en dos dias, ¿verdad?", None),
        ("x || y || z", None),
        ("123 | 456 | 789", None),
        ("a | " * 5_000 + "1", None),
    ],
)
def test_an_anchor_list_is_three_or_more_short_items_between_bars(text, expected):
    assert find_anchor_list(text) == expected
