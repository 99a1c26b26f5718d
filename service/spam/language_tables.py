"""py3langid's language model, read without NumPy and kept compact, for the few languages the
filter tells apart.

py3langid scores a text by walking its UTF-8 bytes through a deterministic automaton whose
states may emit a feature (a byte n-gram), then adding, for each language, the log of one plus
each feature's count times the feature's weight for that language, plus the language's prior.
Loaded through py3langid, the model takes about 66 MiB of a worker: NumPy, the weights of all
97 languages while they are narrowed, and the transition table as 32-bit integers. Here the
same file is read member by member: only the candidate languages' weights are kept (float16 in
the file, exact as 32-bit floats), and each transition's target state, which needs 17 bits, is
kept as its low 16 bits plus a bitmap of the 17th, about 25 MiB in all.

The sums are made in 64-bit floats where py3langid makes them in 32-bit ones, so two languages
whose scores are within rounding of each other could be ranked the other way round; a unit test
checks that both pick the same language on every bundled text and on texts written for it.
"""

from __future__ import annotations

import ast
import importlib.util
import lzma
import math
import shutil
import struct
import sys
import tempfile
import unicodedata
import zipfile
from array import array
from itertools import chain
from pathlib import Path
from typing import IO

# Rows of the transition table read at a time: small pieces keep the loader's own garbage small.
_CHUNK_ENTRIES = 1 << 16


def model_path() -> Path:
    """Where the installed py3langid keeps its model (found without importing py3langid, which
    would import NumPy)."""
    spec = importlib.util.find_spec("py3langid")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("py3langid is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "model.npz.xz"


class LanguageTables:
    """The automaton and the candidate languages' weights; `classify(text)` names one."""

    def __init__(
        self,
        languages: list[str],
        priors: list[float],
        weights: array,
        low: array,
        high_bits: bytes,
        row_of_state: array,
        feature_of_state: array,
    ) -> None:
        self.languages = languages
        self._priors = priors
        self._weights = weights  # feature * len(languages) + language
        self._low = low  # transition (row * 256 + byte) -> target state, low 16 bits
        self._high = high_bits  # the target's 17th bit, one bit per transition
        self._row = row_of_state
        self._feature = feature_of_state  # -1 where a state emits nothing

    @classmethod
    def load(cls, candidates: list[str], path: Path | None = None) -> LanguageTables:
        """Read py3langid's model file, keeping `candidates` (in the file's order, as py3langid's
        `set_languages` does). Raises ValueError for a language the model lacks."""
        path = model_path() if path is None else path
        with tempfile.TemporaryFile(suffix=".npz") as unpacked:
            with lzma.open(path) as packed:
                shutil.copyfileobj(packed, unpacked, length=1 << 20)
            unpacked.seek(0)
            with zipfile.ZipFile(unpacked) as members:
                classes = _read_strings(members, "classes.npy")
                unknown = set(candidates) - set(classes)
                if unknown:
                    raise ValueError(f"Unknown language code(s): {sorted(unknown)}")
                columns = [i for i, name in enumerate(classes) if name in candidates]
                priors = _read_numbers(members, "pc.npy", "f")
                weights = _read_columns(members, "ptc.npy", columns)
                low, high = _read_targets(members, "nextmove.npy")
                rows = _read_numbers(members, "nextmove_row.npy", "H")
                features = _read_numbers(members, "out_feat.npy", "i")
        return cls(
            [classes[i] for i in columns],
            [float(priors[i]) for i in columns],
            weights,
            low,
            high,
            rows,
            features,
        )

    def feature_counts(self, data: bytes) -> dict[int, int]:
        """How often each feature's state is reached while reading `data`."""
        low, high, rows, emits = self._low, self._high, self._row, self._feature
        counts: dict[int, int] = {}
        state = 0
        for byte in data:
            slot = (rows[state] << 8) + byte
            state = low[slot] | ((high[slot >> 3] >> (slot & 7)) & 1) << 16
            feature = emits[state]
            if feature >= 0:
                counts[feature] = counts.get(feature, 0) + 1
        return counts

    def scores(self, text: str) -> list[float]:
        """Each candidate language's log-score for `text`, in `self.languages`' order."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        counts = self.feature_counts(data)
        width, weights = len(self.languages), self._weights
        totals = [0.0] * width
        if not counts:
            return totals  # py3langid gives every language the same floor: the first wins
        for feature, count in counts.items():
            scale, base = math.log1p(count), feature * width
            for language in range(width):
                totals[language] += scale * weights[base + language]
        return [total + prior for total, prior in zip(totals, self._priors, strict=True)]

    def classify(self, text: str) -> str:
        """The likeliest candidate language (the first listed on a tie, as py3langid does)."""
        scores = self.scores(text)
        best = 0
        for i in range(1, len(scores)):
            if scores[i] > scores[best]:
                best = i
        return self.languages[best]


def _open_array(members: zipfile.ZipFile, name: str) -> tuple[IO[bytes], str, tuple[int, ...]]:
    """A .npy member opened after its header, with its dtype and shape."""
    stream = members.open(name)
    if stream.read(6) != b"\x93NUMPY":
        raise ValueError(f"{name} is not a NumPy array")
    major = stream.read(2)[0]
    size = struct.unpack("<H" if major == 1 else "<I", stream.read(2 if major == 1 else 4))[0]
    header = ast.literal_eval(stream.read(size).decode("latin-1"))
    if header["fortran_order"]:
        raise ValueError(f"{name} is stored in Fortran order")
    return stream, header["descr"], tuple(header["shape"])


def _read_strings(members: zipfile.ZipFile, name: str) -> list[str]:
    stream, descr, shape = _open_array(members, name)
    if not descr.startswith("<U"):
        raise ValueError(f"{name}: unexpected type {descr}")
    width = int(descr[2:])
    with stream:
        data = stream.read(4 * width * shape[0])
    return [
        data[i * 4 * width : (i + 1) * 4 * width].decode("utf-32-le").rstrip("\0")
        for i in range(shape[0])
    ]


_CODES = {"<f4": "f", "<u2": "H", "<i4": "i"}


def _read_numbers(members: zipfile.ZipFile, name: str, code: str) -> array:
    stream, descr, shape = _open_array(members, name)
    if _CODES.get(descr) != code or len(shape) != 1:
        raise ValueError(f"{name}: unexpected type {descr} {shape}")
    numbers = array(code)
    with stream:
        numbers.frombytes(stream.read(numbers.itemsize * shape[0]))
    return numbers


def _read_columns(members: zipfile.ZipFile, name: str, columns: list[int]) -> array:
    """Some columns of a float16 matrix, row after row, as 32-bit floats (float16 values are
    exact in them)."""
    stream, descr, (height, width) = _open_array(members, name)
    if descr != "<f2":
        raise ValueError(f"{name}: unexpected type {descr}")
    layout, at = "<", 0
    for column in columns:
        layout += f"{2 * (column - at)}xe" if column > at else "e"
        at = column + 1
    layout += f"{2 * (width - at)}x" if width > at else ""
    row = struct.Struct(layout)
    # Filled in place, so the loader leaves no grown-and-copied buffers behind in the heap.
    values = array("f", [0.0]) * (height * len(columns))
    into = memoryview(values).cast("B")
    with stream:
        done = 0
        while done < height:
            rows = min(height - done, 4096)
            chunk = stream.read(row.size * rows)
            part = array("f", chain.from_iterable(row.iter_unpack(chunk))).tobytes()
            start = done * len(columns) * values.itemsize
            into[start : start + len(part)] = part
            done += rows
    return values


def _read_targets(members: zipfile.ZipFile, name: str) -> tuple[array, bytes]:
    """The transition table's 32-bit targets as their low 16 bits and a bitmap of bit 16.
    Raises ValueError if a target reaches 2**17."""
    stream, descr, (length,) = _open_array(members, name)
    if descr != "<u4":
        raise ValueError(f"{name}: unexpected type {descr}")
    low = array("H", [0]) * length
    high = bytearray((length + 7) // 8)
    into = memoryview(low).cast("B")
    with stream:
        done = 0
        while done < length:
            entries = min(length - done, _CHUNK_ENTRIES)  # a multiple of 8 but for the last
            chunk = stream.read(4 * entries)
            bit16 = chunk[2::4]
            if chunk[3::4].count(0) != entries or bit16.count(0) + bit16.count(1) != entries:
                raise ValueError(f"{name}: a target state beyond 2**17")
            into[2 * done : 2 * (done + entries)] = memoryview(chunk).cast("H")[0::2].tobytes()
            # Eight transitions' bits to a byte: the k-th of each eight, shifted k places.
            bit16 += bytes(-entries % 8)
            packed = 0
            for k in range(8):
                packed |= int.from_bytes(bit16[k::8], "little") << k
            size = len(bit16) // 8
            high[done // 8 : done // 8 + size] = packed.to_bytes(size, "little")
            done += entries
    if sys.byteorder == "big":
        low.byteswap()
    return low, bytes(high)
