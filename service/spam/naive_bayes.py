"""Naive Bayes over hashed word, word-pair, link and contact features, with per-kind counts and
shrunk weights: half of the learned model (see model.py).

Naive Bayes keeps only counts, so teaching it is exact and order-free: every worker that applies
the same lessons on top of the same base state holds the same model. The state is saved as
zlib-compressed arrays of unsigned integers, never pickle.

In memory the counts loaded from a saved state stay in three arrays (sorted features, spam
counts, ham counts; 8 bytes a feature when every count fits in 16 bits, else 12, looked up by
bisection), where a dictionary of lists took about 150. Features first met
after loading (lessons) go to a small dictionary beside them.

A feature's weight for a kind is worked out the first time a text of that kind has it and kept
in a column of 16-bit whole numbers beside the counts (a weight in 1/8,000ths: 2 bytes a
feature, for each kind met). A dictionary of weights bounded at 20,000 features a kind was
emptied several times a pass over a few thousand varied texts, so that four lookups in ten
worked a weight out again; the column never forgets and costs less than a full dictionary
(docs/architecture.md, speed). Weights of features added since loading stay in a dictionary
bounded per kind. Every weight is kept in those steps, wherever it is kept, and a text's steps
are added up as whole numbers, so a loaded model and one trained in this process agree exactly.
"""

from __future__ import annotations

import math
import struct
from array import array
from bisect import bisect_left
from collections.abc import Iterable

from service.spam.columns import ModelFormatError, pack_columns, unpack_columns, unpack_header
from service.spam.document_counts import DocumentCounts
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
# Weights of features added since loading, cached per kind before that kind's cache is emptied
# and filled again: lessons bring few new features, and each cached weight costs about 100 bytes.
CACHE_LIMIT = 20_000
# Weights are kept in steps of 1/_STEPS: a weight is at most MAX_WEIGHT (4) either way, so
# every weight fits 16 bits, and the lowest 16-bit number marks one not worked out yet.
_STEPS = 8000
_UNWORKED = -32768


class NaiveBayesModel(DocumentCounts):
    """Counts of how many spam and ham documents contained each hashed feature."""

    def __init__(self) -> None:
        super().__init__()
        # Counts loaded from a saved state: features in ascending order, their counts alongside.
        self._keys = array("I")
        self._spam = array("I")
        self._ham = array("I")
        # Features met since (lessons, or every feature of a model trained in this process).
        self._added: dict[int, list[int]] = {}
        # Weights of the loaded features in steps, by kind: a column beside `_keys`, _UNWORKED
        # until worked out.
        self._weights: dict[str | None, array] = {}
        # Weights (in steps) of the features added since, by kind then feature, at most
        # CACHE_LIMIT a kind.
        self._added_weights: dict[str | None, dict[int, int]] = {}

    def __len__(self) -> int:
        return len(self._keys) + len(self._added)

    def counts(self, feature: int) -> tuple[int, int] | None:
        """How many spam and ham documents contained `feature`, or None if none did."""
        keys = self._keys
        index = bisect_left(keys, feature)
        if index < len(keys) and keys[index] == feature:
            return self._spam[index], self._ham[index]
        pair = self._added.get(feature)
        return None if pair is None else (pair[0], pair[1])

    def learn(self, features: Iterable[int], is_spam: bool) -> None:
        """Count one labelled document's features (each feature once)."""
        keys, added = self._keys, self._added
        size = len(keys)
        for feature in set(features):
            if feature & NGRAM_BIT:
                continue  # left to the logistic model (see log_odds)
            index = bisect_left(keys, feature)
            if index < size and keys[index] == feature:
                self._count_loaded(index, is_spam)
                continue
            pair = added.get(feature)
            if pair is None:
                pair = added[feature] = [0, 0]
            pair[0 if is_spam else 1] += 1
        self._count_document(is_spam)
        self._weights.clear()
        self._added_weights.clear()

    def forget_rare(self, kinds: Iterable[str]) -> int:
        """Drop the features that can never weigh in a judgement: those seen in fewer than
        _MIN_SEEN documents (their weight is 0) that are not either the copy, for one of `kinds`,
        of a feature that does weigh (that copy's own counts refine its weight). Every judgement
        is the same afterwards; a later lesson counts such a feature from 1 again.

        For the starter model only: six in ten of its features were seen once in the bundled
        corpus, and each costs a worker about ten bytes. Returns how many were dropped."""
        keys, spam, ham = self._merged()
        counts = {key: s + h for key, s, h in zip(keys, spam, ham, strict=True)}
        markers = [kind_marker(kind) for kind in kinds]
        kept = [
            at
            for at, key in enumerate(keys)
            if counts[key] >= _MIN_SEEN
            or any(counts.get(key ^ marker, 0) >= _MIN_SEEN for marker in markers)
        ]
        dropped = len(keys) - len(kept)
        self._keys = array("I", (keys[at] for at in kept))
        self._spam = _narrow(array("I", (spam[at] for at in kept)))
        self._ham = _narrow(array("I", (ham[at] for at in kept)))
        self._added = {}
        self._weights.clear()
        self._added_weights.clear()
        return dropped

    def _count_loaded(self, index: int, is_spam: bool) -> None:
        column = self._spam if is_spam else self._ham
        try:
            column[index] += 1
        except OverflowError:
            # A 16-bit column (see `_narrow`) is widened on its first count past 65,535.
            column = array("I", column)
            column[index] += 1
            if is_spam:
                self._spam = column
            else:
                self._ham = column

    def _column(self, kind: str | None) -> array:
        """The loaded features' weights in steps for `kind`, _UNWORKED where not worked out."""
        column = self._weights.get(kind)
        if column is None:
            column = self._weights[kind] = array("h", [_UNWORKED]) * len(self._keys)
        return column

    def _added_cache(self, kind: str | None) -> dict[int, int]:
        known = self._added_weights.get(kind)
        if known is None or len(known) >= CACHE_LIMIT:
            known = self._added_weights[kind] = {}
        return known

    def weight(self, feature: int, kind: str | None = None) -> float:
        """How much one feature pushes towards spam (positive) or ham (negative), in log-odds,
        for a submission of `kind` (None: whatever the kind)."""
        return self._steps(feature, kind) / _STEPS

    def _steps(self, feature: int, kind: str | None) -> int:
        keys = self._keys
        index = bisect_left(keys, feature)
        if index < len(keys) and keys[index] == feature:
            column = self._column(kind)
            steps = column[index]
            if steps == _UNWORKED:
                pair = self._spam[index], self._ham[index]
                steps = column[index] = self._weigh(feature, kind, pair)
            return steps
        pair = self._added.get(feature)
        if pair is None:
            return 0  # not cached: unknown features would fill the cache for nothing
        known = self._added_cache(kind)
        steps = known.get(feature)
        if steps is None:
            steps = known[feature] = self._weigh(feature, kind, (pair[0], pair[1]))
        return steps

    def _weigh(self, feature: int, kind: str | None, pair: tuple[int, int]) -> int:
        """The feature's weight in steps of 1/_STEPS (see the module's docstring)."""
        if pair[0] + pair[1] < _MIN_SEEN:
            return 0
        share = _shrunk_share(pair, self.spam_docs, self.ham_docs, 0.5, _STRENGTH)
        totals = self.counts(kind_marker(kind)) if kind else None
        if totals is not None and totals[0] and totals[1]:
            # The same feature counted only in documents of this kind, trusted in proportion to
            # how often it was seen there and otherwise leaning on the all-kinds estimate: "thank
            # you" in an SMS says nothing about "thank you" in a comment.
            own = self.counts(feature ^ kind_marker(kind))
            if own is not None:
                share = _shrunk_share(own, totals[0], totals[1], share, _KIND_STRENGTH)
        return round(bounded_weight(feature, kind, math.log(share / (1.0 - share))) * _STEPS)

    def log_odds(self, features: Iterable[int], kind: str | None = None) -> float:
        """The features' summed weights divided by the square root of their number, with equal
        prior odds for spam and ham.

        Plain naive Bayes adds up every weak hint, so a long, formal message looks ever more
        like spam to a model that learned its ham from short texts; the square root keeps a long
        text's many small weights from outvoting a short text's few strong ones. For comments and
        inquiries the divisor grows faster beyond a typical comment's length (see `_damping`)."""
        if not self.has_seen_both():
            return 0.0
        # Character n-grams are left to the logistic model: naive Bayes would count each word's
        # dozen n-grams as a dozen independent pieces of evidence.
        unique = {feature for feature in features if not feature & NGRAM_BIT}
        if not unique:
            return 0.0
        size = len(unique)
        damping = _damping(size) if kind in DAMPED_KINDS else math.sqrt(size)
        keys, column, added = self._keys, self._column(kind), self._added
        loaded = len(keys)
        total = 0
        for feature in unique:
            index = bisect_left(keys, feature)
            if index < loaded and keys[index] == feature:
                steps = column[index]
                if steps == _UNWORKED:
                    pair = self._spam[index], self._ham[index]
                    steps = column[index] = self._weigh(feature, kind, pair)
                total += steps
            elif feature in added:
                total += self._steps(feature, kind)
        return total / _STEPS / damping

    def spam_probability(self, features: Iterable[int]) -> float:
        """The model's probability that a document with these features is spam."""
        odds = self.log_odds(features)
        if odds >= 0:
            return 1.0 / (1.0 + math.exp(-min(odds, 700.0)))
        exp = math.exp(max(odds, -700.0))
        return exp / (1.0 + exp)

    def to_bytes(self) -> bytes:
        """The whole state as compressed bytes; `from_bytes` gives back an identical model."""
        keys, spam, ham = self._merged()
        header = _HEADER.pack(_MAGIC, _VERSION, self.spam_docs, self.ham_docs, len(keys))
        return pack_columns(header, (keys, spam, ham))

    def _merged(self) -> tuple[array, array, array]:
        """Every feature's counts, the loaded ones and those added since, in feature order."""
        if not self._added:
            return self._keys, array("I", self._spam), array("I", self._ham)
        counts = {k: (s, h) for k, s, h in zip(self._keys, self._spam, self._ham, strict=True)}
        counts.update((k, (pair[0], pair[1])) for k, pair in self._added.items())
        keys = array("I", sorted(counts))
        spam = array("I", (counts[k][0] for k in keys))
        ham = array("I", (counts[k][1] for k in keys))
        return keys, spam, ham

    @classmethod
    def from_bytes(cls, data: bytes) -> NaiveBayesModel:
        """Rebuild a model saved by `to_bytes`. Raises ModelFormatError on anything else."""
        magic, version, spam_docs, ham_docs, size = unpack_header(data, _HEADER)
        if magic != _MAGIC or version != _VERSION:
            raise ModelFormatError("The saved spam model is not in a format this version reads.")
        keys, spam, ham = unpack_columns(data, _HEADER, "I", size)
        if any(keys[i] >= keys[i + 1] for i in range(len(keys) - 1)):
            raise ModelFormatError("The saved spam model's features are out of order.")
        model = cls()
        model.spam_docs = spam_docs
        model.ham_docs = ham_docs
        model._keys, model._spam, model._ham = keys, _narrow(spam), _narrow(ham)
        return model


def _narrow(column: array) -> array:
    """A column of counts in 16 bits when every count fits, as in any model trained on fewer
    than 65,536 documents: half the memory of 32 bits, which pays for the weights' column."""
    if max(column, default=0) <= 0xFFFF:
        return array("H", column)
    return column


def _damping(size: int) -> float:
    """What a text's summed weights are divided by: the square root of its feature count up to
    a typical comment's length, growing faster beyond it."""
    if size <= _TYPICAL_FEATURES:
        return math.sqrt(size)
    return math.sqrt(_TYPICAL_FEATURES) * (size / _TYPICAL_FEATURES) ** _LONG_TEXT_EXPONENT


def _shrunk_share(
    pair: tuple[int, int], spam_docs: int, ham_docs: int, prior: float, strength: float
) -> float:
    """The share of spam among a feature's documents, as if the classes were equally common,
    pulled towards `prior` the less often the feature was seen (a feature met twice in spam and
    never in ham is a hint, not proof)."""
    spam_rate = (pair[0] + _ALPHA) / (spam_docs + 2 * _ALPHA)
    ham_rate = (pair[1] + _ALPHA) / (ham_docs + 2 * _ALPHA)
    seen = pair[0] + pair[1]
    share = spam_rate / (spam_rate + ham_rate)
    return (strength * prior + seen * share) / (strength + seen)
