"""Reading labelled CSV files: `label` (spam or ham) and `content`, optionally `author`,
`email`, `website` and `kind`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from service.spam.submission import KINDS, Submission

LABELS = ("spam", "ham")
REQUIRED_COLUMNS = ("label", "content")
DATA_DIR = Path(__file__).parent / "data"
# Clinic comments and inquiries written for the project in English and Spanish, genuine and spam,
# of many kinds of clinic: the language of the sites the filter runs on, which the public sets
# lack. Every evaluation trains on it and none scores it (bench/spam_eval.py).
CLINIC_DOMAIN_FILE = "clinic-domain.csv"
# More of the same, written later by other hands in several sets (service/spam/data/README.md):
# the filter's rules were tuned on these messages with a model trained on the shared public sets
# alone, and every evaluation of the starter model's corpus trains on them and scores none.
CLINIC_MESSAGES_FILE = "clinic-messages.csv"
DOMAIN_FILES = (CLINIC_DOMAIN_FILE, CLINIC_MESSAGES_FILE)
BUNDLED_FILES = (
    "youtube.csv",
    "sms.csv",
    "clinic-examples.csv",
    "reader-comments.csv",
    *DOMAIN_FILES,
)


class CorpusError(ValueError):
    """A labelled CSV file that cannot be used; the message is one line naming the problem."""


@dataclass(frozen=True)
class LabelledRow:
    submission: Submission
    is_spam: bool


def parse_rows(text: str, source: str = "CSV") -> list[LabelledRow]:
    """Parse labelled CSV text. Raises CorpusError with a one-line message on any problem."""
    if "\x00" in text:
        raise CorpusError(f"{source}: not a text CSV file (it contains NUL bytes).")
    if not text.strip():
        raise CorpusError(f"{source}: the file is empty.")
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        columns = [name.strip().lower() for name in header]
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            raise CorpusError(
                f"{source}: missing column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} (the header must name label and content)."
            )
        reader.fieldnames = columns
        rows = []
        for record in reader:
            line = reader.line_num
            if None in record:
                raise CorpusError(f"{source}, line {line}: more cells than the header has columns.")
            label = (record.get("label") or "").strip().lower()
            if label not in LABELS:
                raise CorpusError(
                    f"{source}, line {line}: unknown label {label[:40]!r} (use spam or ham)."
                )
            kind = (record.get("kind") or "comment").strip().lower() or "comment"
            if kind not in KINDS:
                raise CorpusError(
                    f"{source}, line {line}: unknown kind {kind[:40]!r} (use {', '.join(KINDS)})."
                )
            submission = Submission(
                kind=kind,
                text=record.get("content") or "",
                author=record.get("author") or "",
                email=record.get("email") or "",
                website=record.get("website") or "",
            )
            rows.append(LabelledRow(submission, label == "spam"))
    except csv.Error as error:
        raise CorpusError(f"{source}, line {reader.line_num}: invalid CSV ({error}).") from None
    if not rows:
        raise CorpusError(f"{source}: no labelled rows after the header.")
    return rows


def load_csv(path: str | Path) -> list[LabelledRow]:
    """Read one labelled CSV file. Raises CorpusError when it is missing, not UTF-8 or invalid."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"{path.name}: cannot be read ({error.strerror}).") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorpusError(f"{path.name}: not UTF-8 text.") from None
    return parse_rows(text, path.name)


def load_many(paths: Iterable[str | Path]) -> list[LabelledRow]:
    """Rows of several files, in order. Raises CorpusError on the first bad file."""
    rows: list[LabelledRow] = []
    for path in paths:
        rows.extend(load_csv(path))
    return rows


def bundled_paths() -> list[Path]:
    """The starter corpus shipped with the package."""
    return [DATA_DIR / name for name in BUNDLED_FILES]
