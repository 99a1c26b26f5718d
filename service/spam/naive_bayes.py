"""Naive Bayes over hashed word, word-pair, link and contact features, with per-kind counts and
shrunk weights: half of the learned model (see model.py).

Naive Bayes keeps only counts, so teaching it is exact and order-free: every worker that applies
the same lessons on top of the same base state holds the same model. The state is saved as
zlib-compressed arrays of unsigned integers, never pickle.
"""

from __future__ import annotations

import math
import struct
from array import array
from collections.abc import Iterable

from service.spam.columns import ModelFormatError, pack_columns, unpack_columns, unpack_header
from service.spam.featurize import DAMPED_KINDS, NGRAM_BIT, bounded_weight, kind_marker

__all__ = ["ModelFormatError", "NaiveBayesModel"]

_MAGIC = b"CDNB"
_VERSION = 1
_HEADER = struct.Struct("<4sBIII")  # magic, version, spam docs, ham docs, feature count
# Features seen fewer times than this in both classes together say more about one writer than
# about spam, so they are left out of the score.
_MIN_SEEN = 2
_ALPHA = 0.5
_STRENGTH = 1.0
_KIND_STRENGTH = 30.0
_TYPICAL_FEATURES = 20
_LONG_TEXT_EXPONENT = 0.7


class NaiveBayesModel:
    """Counts of how many spam and ham documents contained each hashed feature."""

    def __init__(self) -> None:
        self.spam_docs = 0
        self.ham_docs = 0
        self._counts: dict[int, list[int]] = {}
        # Weights already worked out, by kind then feature (features seen in training only).
        self._weights: dict[str | None, dict[int, float]] = {}

    @classmethod
    def empty(cls) -> NaiveBayesModel:
        return cls()

    def __len__(self) -> int:
        return len(self._counts)

    def learn(self, features: Iterable[int], is_spam: bool) -> None:
        """Count one labelled document's features (each feature once)."""
        column = 0 if is_spam else 1
        counts = self._counts
        for feature in set(features):
            if feature & NGRAM_BIT:
                continue  # left to the logistic model (see log_odds)
            pair = counts.get(feature)
            if pair is None:
                pair = counts[feature] = [0, 0]
            pair[column] += 1
        if is_spam:
            self.spam_docs += 1
        else:
            self.ham_docs += 1
        self._weights.clear()

    def weight(self, feature: int, kind: str | None = None) -> float:
        """How much one feature pushes towards spam (positive) or ham (negative), in log-odds,
        for a submission of `kind` (None: whatever the kind)."""
        known = self._weights.get(kind)
        if known is None:
            known = self._weights[kind] = {}
        cached = known.get(feature)
        if cached is None:
            if feature not in self._counts:
                return 0.0  # not cached: unknown features would grow the cache without end
            cached = known[feature] = self._weigh(feature, kind)
        return cached

    def _weigh(self, feature: int, kind: str | None) -> float:
        pair = self._counts.get(feature)
        if pair is None or pair[0] + pair[1] < _MIN_SEEN:
            return 0.0
        share = _shrunk_share(pair, self.spam_docs, self.ham_docs, 0.5, _STRENGTH)
        totals = self._counts.get(kind_marker(kind)) if kind else None
        if totals is not None and totals[0] and totals[1]:
            # The same feature counted only in documents of this kind, trusted in proportion to
            # how often it was seen there and otherwise leaning on the all-kinds estimate: "thank
            # you" in an SMS says nothing about "thank you" in a comment.
            own = self._counts.get(feature ^ kind_marker(kind))
            if own is not None:
                share = _shrunk_share(own, totals[0], totals[1], share, _KIND_STRENGTH)
        return bounded_weight(feature, kind, math.log(share / (1.0 - share)))

    def log_odds(self, features: Iterable[int], kind: str | None = None) -> float:
        """The features' summed weights divided by the square root of their number, with equal
        prior odds for spam and ham.

        Plain naive Bayes adds up every weak hint, so a long, formal message looks ever more
        like spam to a model that learned its ham from short texts; the square root keeps a long
        text's many small weights from outvoting a short text's few strong ones. For comments and
        inquiries the divisor grows faster beyond a typical comment's length (see `_damping`)."""
        if not self.spam_docs or not self.ham_docs:
            return 0.0
        # Character n-grams are left to the logistic model: naive Bayes would count each word's
        # dozen n-grams as a dozen independent pieces of evidence.
        unique = {feature for feature in features if not feature & NGRAM_BIT}
        if not unique:
            return 0.0
        size = len(unique)
        damping = _damping(size) if kind in DAMPED_KINDS else math.sqrt(size)
        known = self._weights.get(kind)
        if known is None:
            known = self._weights[kind] = {}
        counts, total = self._counts, 0.0
        for feature in unique:
            weight = known.get(feature)
            if weight is None:
                if feature not in counts:
                    continue
                weight = known[feature] = self._weigh(feature, kind)
            total += weight
        return total / damping

    def spam_probability(self, features: Iterable[int]) -> float:
        """The model's probability that a document with these features is spam."""
        odds = self.log_odds(features)
        if odds >= 0:
            return 1.0 / (1.0 + math.exp(-min(odds, 700.0)))
        exp = math.exp(max(odds, -700.0))
        return exp / (1.0 + exp)

    def to_bytes(self) -> bytes:
        """The whole state as compressed bytes; `from_bytes` gives back an identical model."""
        keys = array("I", sorted(self._counts))
        spam = array("I", (self._counts[k][0] for k in keys))
        ham = array("I", (self._counts[k][1] for k in keys))
        header = _HEADER.pack(_MAGIC, _VERSION, self.spam_docs, self.ham_docs, len(keys))
        return pack_columns(header, (keys, spam, ham))

    @classmethod
    def from_bytes(cls, data: bytes) -> NaiveBayesModel:
        """Rebuild a model saved by `to_bytes`. Raises ModelFormatError on anything else."""
        magic, version, spam_docs, ham_docs, size = unpack_header(data, _HEADER)
        if magic != _MAGIC or version != _VERSION:
            raise ModelFormatError("The saved spam model is not in a format this version reads.")
        columns = unpack_columns(data, _HEADER, "I", size)
        model = cls()
        model.spam_docs = spam_docs
        model.ham_docs = ham_docs
        model._counts = {k: [s, h] for k, s, h in zip(*columns, strict=True)}
        return model


def _damping(size: int) -> float:
    """What a text's summed weights are divided by: the square root of its feature count up to
    a typical comment's length, growing faster beyond it."""
    if size <= _TYPICAL_FEATURES:
        return math.sqrt(size)
    return math.sqrt(_TYPICAL_FEATURES) * (size / _TYPICAL_FEATURES) ** _LONG_TEXT_EXPONENT


def _shrunk_share(
    pair: list[int], spam_docs: int, ham_docs: int, prior: float, strength: float
) -> float:
    """The share of spam among a feature's documents, as if the classes were equally common,
    pulled towards `prior` the less often the feature was seen (a feature met twice in spam and
    never in ham is a hint, not proof)."""
    spam_rate = (pair[0] + _ALPHA) / (spam_docs + 2 * _ALPHA)
    ham_rate = (pair[1] + _ALPHA) / (ham_docs + 2 * _ALPHA)
    seen = pair[0] + pair[1]
    share = spam_rate / (spam_rate + ham_rate)
    return (strength * prior + seen * share) / (strength + seen)
