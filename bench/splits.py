"""The frozen test split of the labelled spam data: one row in five, chosen by its text alone.

A row belongs to the test split when the SHA-256 of its text (trimmed, case-folded) falls in
the first fifth of the hash space. The rule depends on nothing that tuning could change (not the
filter's normalisation, not the order or number of rows), so copies of a text fall on one side,
and a row never moves between sides. Nothing may be tuned on the test split or on the fresh
evaluation set (bench/data/fresh_clinic_eval.csv): tune on dev (every other row), report all three.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from service.spam.corpus import LabelledRow

SALT = b"clinic-desk frozen test split 2026-12\x1f"
TEST_SHARE = 5  # one row in TEST_SHARE


def is_test(row: LabelledRow) -> bool:
    """Whether a labelled row is in the frozen test split."""
    key = row.submission.text.strip().casefold().encode("utf-8")
    digest = hashlib.sha256(SALT + key).digest()
    return int.from_bytes(digest[:8], "big") % TEST_SHARE == 0


def split(rows: Iterable[LabelledRow]) -> tuple[list[LabelledRow], list[LabelledRow]]:
    """(dev, test) of the rows, in their order."""
    dev: list[LabelledRow] = []
    test: list[LabelledRow] = []
    for row in rows:
        (test if is_test(row) else dev).append(row)
    return dev, test
