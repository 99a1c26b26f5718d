"""Logistic regression over hashed features, character n-grams included, trained online with
FTRL-proximal: half of the learned model (see model.py).

Each lesson is one update. The update uses only additions, multiplications, divisions and
square roots (all exactly rounded in IEEE arithmetic) and a sigmoid built from them, so every
worker that applies the same lessons in the same order to the same base state, on any machine,
holds bit-for-bit the same model. The state is three dense arrays of 32-bit floats (the
weights and FTRL's two accumulators) over a table of 2**20 hashed slots, saved zlib-compressed
with a format and version header, never pickle.

Judging reads only the weights. A model loaded from a saved state keeps FTRL's accumulators
(8 MiB) compressed until its first lesson, so a worker that only judges holds 4 MiB of weights.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable

from service.spam.columns import (
    ModelFormatError,
    StaleModelState,
    pack_columns,
    unpack_header,
)
from service.spam.document_counts import DocumentCounts
from service.spam.featurize import (
    CONTACT_FEATURES,
    MEDICAL_FEATURE,
    NGRAM_BIT,
    NUMBER_FEATURES,
    bounded_weight,
    kind_marker,
)

__all__ = ["LogisticModel", "sigmoid"]

_MAGIC = b"CDLR"
_VERSION = 1
_HEADER = struct.Struct("<4sBBII")  # magic, version, table bits, spam docs, ham docs
TABLE_BITS = 20
_SIZE = 1 << TABLE_BITS
_MASK = _SIZE - 1

# FTRL-proximal's learning-rate schedule and regularisation, chosen by cross-validation on the
# development split (bench/spam_models.py).
ALPHA = 0.1
BETA = 1.0
L1 = 0.5
L2 = 1.0
# A character n-gram's value, where a word, a word pair or a link is 1: a word gives several
# n-grams, and each of them is weaker evidence than the word.
NGRAM_VALUE = 0.15


class LogisticModel(DocumentCounts):
    """Logistic-regression weights over hashed feature slots, with FTRL's accumulators."""

    def __init__(self) -> None:
        super().__init__()
        self._w = array("f", bytes(4 * _SIZE))
        self._z = array("f", bytes(4 * _SIZE))
        self._n = array("f", bytes(4 * _SIZE))
        # A loaded model's saved state, from which _z and _n are read on the first lesson; or,
        # instead of holding it, a way to read it again then, and its checksum.
        self._saved: bytes | None = None
        self._reload: Callable[[], bytes] | None = None
        self._saved_crc = 0

    def __len__(self) -> int:
        """How many slots have a weight other than zero."""
        return _SIZE - self._w.count(0.0)

    def learn(self, features: Iterable[int], is_spam: bool) -> None:
        """One FTRL-proximal step on one labelled document (each feature counted once)."""
        ngram = NGRAM_VALUE
        values = {feature & _MASK: ngram if feature & NGRAM_BIT else 1.0 for feature in features}
        if self._saved is not None or self._reload is not None:
            self._read_accumulators()
        w, z, n = self._w, self._z, self._n
        margin = 0.0
        for slot, value in values.items():
            margin += w[slot] * value
        error = sigmoid(margin) - (1.0 if is_spam else 0.0)
        for slot, value in values.items():
            gradient = error * value
            before = n[slot]
            after = before + gradient * gradient
            sigma = (math.sqrt(after) - math.sqrt(before)) / ALPHA
            zi = z[slot] + gradient - sigma * w[slot]
            z[slot] = zi
            n[slot] = after
            if -L1 <= zi <= L1:
                w[slot] = 0.0
            else:
                shrink = L1 if zi > 0 else -L1
                w[slot] = -(zi - shrink) / ((BETA + math.sqrt(after)) / ALPHA + L2)
        self._count_document(is_spam)

    def weight(self, feature: int, kind: str | None = None) -> float:
        """How much one feature pushes towards spam (positive) or ham (negative), in log-odds,
        for a submission of `kind` (None: whatever the kind): its own weight plus that of its
        copy learned from documents of this kind alone, times its value."""
        w = self._w
        weight = w[feature & _MASK]
        if kind is not None:
            weight += w[(feature ^ kind_marker(kind)) & _MASK]
        if feature & NGRAM_BIT:
            weight *= NGRAM_VALUE
        return bounded_weight(feature, kind, weight)

    def log_odds(self, features: Iterable[int], kind: str | None = None) -> float:
        """The model's log-odds that a document with these features (as `features()` gives
        them) is spam: every feature's weight times its value, plus the kind's own bias.

        Weights are bounded feature by feature where the kind of feature asks for it (medical
        words, contact facts, numbers); elsewhere L1 and L2 keep them well inside MAX_WEIGHT."""
        if not self.has_seen_both():
            return 0.0
        unique = set(features)
        if kind is None:
            return sum(self.weight(feature) for feature in unique)
        special = unique & _SPECIAL_FEATURES
        w, mask, marker = self._w, _MASK, kind_marker(kind)
        plain = unique - special
        words = [f for f in plain if not f & NGRAM_BIT]
        grams = [f for f in plain if f & NGRAM_BIT]
        total = w[marker & mask]
        total += sum([w[f & mask] + w[(f ^ marker) & mask] for f in words])
        total += NGRAM_VALUE * sum([w[f & mask] + w[(f ^ marker) & mask] for f in grams])
        for feature in special:
            total += self.weight(feature, kind)
        return total

    def spam_probability(self, features: Iterable[int], kind: str | None = None) -> float:
        """The model's probability that a document with these features is spam."""
        return sigmoid(self.log_odds(features, kind))

    def to_bytes(self) -> bytes:
        """The whole state as compressed bytes; `from_bytes` gives back an identical model."""
        if self._saved is not None:
            return self._saved
        if self._reload is not None:
            return self._reloaded()
        header = _HEADER.pack(_MAGIC, _VERSION, TABLE_BITS, self.spam_docs, self.ham_docs)
        return pack_columns(header, (self._w, self._z, self._n))

    @classmethod
    def from_bytes(cls, data: bytes, reload: Callable[[], bytes] | None = None) -> LogisticModel:
        """Rebuild a model saved by `to_bytes`. Raises ModelFormatError on anything else.

        Only the weights are kept; the accumulators are read from `data` on the first lesson.
        The rest of `data` is still decompressed here, piece by piece, to check it whole. With
        `reload` (which must return the same bytes), `data` is not kept either: the accumulators
        are read from what `reload` returns, on the first lesson; a worker that never learns
        then holds 4 MiB less. StaleModelState is raised if those bytes differ."""
        magic, version, bits, spam_docs, ham_docs = unpack_header(data, _HEADER)
        if magic != _MAGIC or version != _VERSION or bits != TABLE_BITS:
            raise ModelFormatError("The saved spam model is not in a format this version reads.")
        width = 4 * _SIZE
        reader = zlib.decompressobj()
        try:
            weights = reader.decompress(data[_HEADER.size :], width)
            rest = 0
            while reader.unconsumed_tail and rest <= 2 * width:
                rest += len(reader.decompress(reader.unconsumed_tail, 1 << 20))
            rest += len(reader.flush())
        except zlib.error:
            raise ModelFormatError("The saved spam model is corrupt.") from None
        if len(weights) != width or rest != 2 * width or not reader.eof:
            raise ModelFormatError("The saved spam model is truncated.")
        model = cls.__new__(cls)
        model.spam_docs = spam_docs
        model.ham_docs = ham_docs
        model._w = array("f")
        model._w.frombytes(weights)
        if sys.byteorder == "big":  # pragma: no cover - every host we run on is little-endian
            model._w.byteswap()
        model._z = model._n = array("f")
        model._saved = None if reload is not None else bytes(data)
        model._reload = reload
        model._saved_crc = zlib.crc32(data) if reload is not None else 0
        return model

    def _reloaded(self) -> bytes:
        """The saved state read again through `reload`, checked against the one loaded."""
        assert self._reload is not None
        data = self._reload()
        if zlib.crc32(data) != self._saved_crc:
            raise StaleModelState("The saved spam model changed since it was loaded.")
        return data

    def _read_accumulators(self) -> None:
        """FTRL's accumulators from the saved state, before the first lesson changes them.

        Decompressed a megabyte at a time into arrays made at their full size, so that the
        worker is left with 8 MiB more, not with the whole 12 MiB state's garbage besides."""
        saved = self._saved if self._saved is not None else self._reloaded()
        self._saved = self._reload = None
        width = 4 * _SIZE
        z, n = array("f", [0.0]) * _SIZE, array("f", [0.0]) * _SIZE
        targets = [(width, memoryview(z).cast("B")), (2 * width, memoryview(n).cast("B"))]
        reader = zlib.decompressobj()
        pending, at = saved[_HEADER.size :], 0
        while at < 3 * width:
            piece = reader.decompress(pending, 1 << 20)
            pending = reader.unconsumed_tail
            if not piece:  # pragma: no cover - from_bytes checked the whole state
                raise ModelFormatError("The saved spam model is truncated.")
            end = at + len(piece)
            for start, target in targets:
                low, high = max(at, start), min(end, start + width)
                if low < high:
                    target[low - start : high - start] = piece[low - at : high - at]
            at = end
        if sys.byteorder == "big":  # pragma: no cover - every host we run on is little-endian
            z.byteswap()
            n.byteswap()
        self._z, self._n = z, n


_SPECIAL_FEATURES = frozenset({MEDICAL_FEATURE}) | CONTACT_FEATURES | NUMBER_FEATURES


_LN2_HIGH = 6.93147180369123816490e-01  # ln 2 split in two, as fdlibm does, so that
_LN2_LOW = 1.90821492927058770002e-10  # k * ln 2 is subtracted without rounding error
_INV_LN2 = 1.44269504088896338700e00


def _exp(x: float) -> float:
    """e**x from additions, multiplications and one exact power of two, so that it rounds the
    same on every machine (libm's exp may differ in the last bit between platforms)."""
    k = math.floor(x * _INV_LN2 + 0.5)
    r = (x - k * _LN2_HIGH) - k * _LN2_LOW  # |r| <= ln 2 / 2
    term = total = 1.0
    for i in range(1, 14):
        term = term * r / i
        total += term
    return math.ldexp(total, k)


def sigmoid(x: float) -> float:
    """1 / (1 + e**-x), computed the same on every machine."""
    if x >= 0:
        return 1.0 / (1.0 + _exp(-min(x, 700.0)))
    e = _exp(max(x, -700.0))
    return e / (1.0 + e)
