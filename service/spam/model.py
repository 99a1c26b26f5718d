"""The learned part of the filter: naive Bayes and logistic regression over the same hashed
features, their log-odds added.

Naive Bayes (naive_bayes.py) reads words, word pairs, links and contact facts; it judges the
commonest kinds of spam best and learns exactly from a handful of lessons. Logistic regression
(logistic.py, FTRL-proximal) also reads character n-grams, weighs correlated features against
each other, and keeps ordinary comments out of spam better. Measured on cross-validated
development splits (bench/spam_models.py), their sum judged better than either alone.

Every lesson teaches both. Naive Bayes keeps counts (order does not matter); FTRL's update is
deterministic given the order, so every worker that applies the lessons in id order on top of
the same base state holds the same model. The state is both models' compressed arrays behind a
format and version header, never pickle.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable

from service.spam.featurize import features, features_for_lesson, kind_marker
from service.spam.logistic import LogisticModel, sigmoid
from service.spam.naive_bayes import ModelFormatError, NaiveBayesModel

__all__ = ["LearnedModel", "ModelFormatError", "features", "features_for_lesson"]

_MAGIC = b"CDSM"
_VERSION = 2
_HEADER = struct.Struct("<4sBII")  # magic, version, naive Bayes bytes, logistic bytes
# How much the logistic model's log-odds count beside naive Bayes' (bench/spam_models.py).
LOGISTIC_SHARE = 0.5
# The most a contact fact (or a plain number in a comment or an inquiry) can weigh: each half
# bounds it to 1 in log-odds.
MAX_CONTACT_WEIGHT = 1.0 + LOGISTIC_SHARE * 1.0


class LearnedModel:
    """Naive Bayes and logistic regression, taught the same lessons, judging together."""

    def __init__(
        self, bayes: NaiveBayesModel | None = None, logistic: LogisticModel | None = None
    ) -> None:
        self.bayes = bayes if bayes is not None else NaiveBayesModel()
        self.logistic = logistic if logistic is not None else LogisticModel()

    @classmethod
    def empty(cls) -> LearnedModel:
        return cls()

    @property
    def spam_docs(self) -> int:
        return self.bayes.spam_docs

    @property
    def ham_docs(self) -> int:
        return self.bayes.ham_docs

    def documents_of_kind(self, kind: str) -> int:
        """How many texts of this kind (comment, inquiry, message) the model has learned from."""
        return sum(self.bayes.counts(kind_marker(kind)) or (0, 0))

    def __len__(self) -> int:
        """How many features naive Bayes counts and slots the logistic model weighs."""
        return len(self.bayes) + len(self.logistic)

    def learn(self, features: Iterable[int], is_spam: bool) -> None:
        """Teach both models one labelled document."""
        found = list(features)
        self.bayes.learn(found, is_spam)
        self.logistic.learn(found, is_spam)

    def learn_all(self, lessons: list[tuple[list[int], bool]], passes: int = 1) -> None:
        """Teach a batch of lessons in order: naive Bayes counts each once, the logistic model
        goes over them `passes` times (online learning sees a row once per pass)."""
        for found, is_spam in lessons:
            self.learn(found, is_spam)
        for _ in range(passes - 1):
            for found, is_spam in lessons:
                self.logistic.learn(found, is_spam)

    def weight(self, feature: int, kind: str | None = None) -> float:
        """How much one feature pushes towards spam (positive) or ham (negative), in log-odds."""
        return self.bayes.weight(feature, kind) + LOGISTIC_SHARE * self.logistic.weight(
            feature, kind
        )

    def log_odds(self, features: Iterable[int], kind: str | None = None) -> float:
        """Both models' log-odds that a document with these features is spam, added."""
        return sum(self.log_odds_parts(features, kind))

    def log_odds_parts(
        self, features: Iterable[int], kind: str | None = None
    ) -> tuple[float, float]:
        """Naive Bayes' log-odds and the logistic model's (times its share), apart."""
        if not self.spam_docs or not self.ham_docs:
            return 0.0, 0.0
        found = set(features)
        return (
            self.bayes.log_odds(found, kind),
            LOGISTIC_SHARE * self.logistic.log_odds(found, kind),
        )

    def spam_probability(self, features: Iterable[int], kind: str | None = None) -> float:
        """The model's probability that a document with these features is spam."""
        return sigmoid(self.log_odds(features, kind))

    def to_bytes(self) -> bytes:
        """The whole state as bytes; `from_bytes` gives back an identical model."""
        bayes, logistic = self.bayes.to_bytes(), self.logistic.to_bytes()
        return _HEADER.pack(_MAGIC, _VERSION, len(bayes), len(logistic)) + bayes + logistic

    @classmethod
    def from_bytes(cls, data: bytes, reload: Callable[[], bytes] | None = None) -> LearnedModel:
        """Rebuild a model saved by `to_bytes`. Raises ModelFormatError on anything else.

        `reload`, if given, returns `data` again when it is needed (the logistic half's first
        lesson), so that it need not be held until then (LogisticModel.from_bytes)."""
        if len(data) < _HEADER.size:
            raise ModelFormatError("The saved spam model is truncated.")
        magic, version, bayes_size, logistic_size = _HEADER.unpack_from(data)
        if magic != _MAGIC or version != _VERSION:
            raise ModelFormatError("The saved spam model is not in a format this version reads.")
        if len(data) != _HEADER.size + bayes_size + logistic_size:
            raise ModelFormatError("The saved spam model is truncated.")
        start = _HEADER.size
        bayes = NaiveBayesModel.from_bytes(data[start : start + bayes_size])
        offset = start + bayes_size
        again = None if reload is None else (lambda: reload()[offset:])
        logistic = LogisticModel.from_bytes(data[offset:], again)
        return cls(bayes, logistic)
