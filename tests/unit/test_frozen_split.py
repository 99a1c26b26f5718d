"""The spam data's frozen test split does not move: the same rows, whatever the code does."""

from __future__ import annotations

import pytest

from bench.splits import is_test, split
from service.spam.corpus import DATA_DIR, load_csv
from tests.conftest import SHARED, need

# (file, rows in the test split, spam rows among them), counted when the split was frozen.
FROZEN = [
    (SHARED / "data" / "spam" / "youtube.csv", 273, 116),
    (SHARED / "data" / "spam" / "sms.csv", 850, 98),
    (SHARED / "data" / "spam" / "datacamp.csv", 101, 22),
    (SHARED / "data" / "spam" / "clinic-examples.csv", 29, 17),
    (DATA_DIR / "reader-comments.csv", 30, 12),
]


@pytest.mark.parametrize(("path", "rows", "spam"), FROZEN, ids=lambda v: getattr(v, "name", v))
def test_the_frozen_test_split_holds_the_same_rows(path, rows, spam):
    need(path.exists(), f"{path} is not here (the shared data sits beside the repository)")
    dev, test = split(load_csv(path))
    assert (len(test), sum(r.is_spam for r in test)) == (rows, spam)
    assert not {r.submission.text.strip().casefold() for r in test} & {
        r.submission.text.strip().casefold() for r in dev
    }
    assert all(is_test(r) for r in test)
