"""The spam evaluation harness (bench/spam_eval.py) reports every set beside both baselines, and
never trains on a row it scores: not on the frozen test split, not on the fresh set."""

from __future__ import annotations

import importlib.util

import pytest

from bench import spam_eval
from bench.splits import is_test
from service.spam.evaluation import evaluate, train_model
from tests.conftest import need


def _key(row) -> str:
    return row.submission.text.strip().casefold()


@pytest.fixture(scope="module")
def data():
    need(
        all((spam_eval.SHARED_DATA / name).is_file() for name in spam_eval.SHARED_FILES.values()),
        f"{spam_eval.SHARED_DATA} is not here (the shared data sits beside the repository)",
    )
    return spam_eval.load_sets()


@pytest.fixture(scope="module")
def small_slice(data):
    """The first 40 rows of every set's dev and test halves: enough for 2 folds, in a second."""
    sliced = {}
    for name, rows in data.items():
        dev, test = spam_eval.split(rows)
        sliced[name] = dev[:40] + test[:10]
    return sliced


def test_the_report_has_every_set_and_both_baselines_beside_our_filter(small_slice):
    need(importlib.util.find_spec("sklearn") is not None, "scikit-learn is not installed")
    fresh = spam_eval.load_fresh()[:60]
    dev_log: list[spam_eval.Logged] = []

    reports = spam_eval.evaluate_all(small_slice, fresh, folds=2, variants=True, dev_log=dev_log)

    assert list(reports) == ["dev", "test", "fresh"]
    every_set = {"youtube", "sms", "datacamp", "clinic", "reader"}
    assert set(reports["dev"]) == every_set | {spam_eval.WITHOUT_DATACAMP}
    assert set(reports["test"]) == every_set | {spam_eval.WITHOUT_DATACAMP}
    assert set(reports["fresh"]) == {"all", "comment", "inquiry", "English", "Spanish"}
    for by_set in reports.values():
        for by_filter in by_set.values():
            assert list(by_filter) == ["ours", "tfidf+logreg", "tfidf+nb"]
            for f in by_filter.values():
                for name in ("n", "precision", "recall", "false_positive_rate", "accuracy"):
                    assert name in f
                assert 0.0 <= f["ham_unsure_share"] <= 1.0
    assert reports["dev"]["sms"]["tfidf+nb"]["n"] == 40
    assert reports["test"]["sms"]["ours"]["n"] == 10
    assert reports["fresh"]["all"]["ours"]["n"] == 60
    assert reports["fresh"]["English"]["ours"]["n"] + reports["fresh"]["Spanish"]["ours"]["n"] == 60
    # Only dev rows are logged for looking at errors or sweeping thresholds.
    assert dev_log
    assert not any(is_test(row) for _, row, _, _ in dev_log)


def test_our_filter_is_scored_as_spam_evaluate_scores_it(small_slice):
    train = [row for rows in small_slice.values() for row in rows]
    fresh = spam_eval.load_fresh()[:80]

    judged = spam_eval.judge_with_ours(train, fresh)
    ours = spam_eval.figures(
        (row.is_spam, verdict) for row, (verdict, _) in zip(fresh, judged, strict=True)
    )

    expected = evaluate(fresh, train_model(train))
    assert {name: ours[name] for name in expected} == expected


def test_no_test_split_row_is_ever_trained_on_in_the_dev_and_test_reports(data):
    rounds = spam_eval.dev_rounds(data, folds=2, seed=spam_eval.SEED, variants=True)
    rounds += spam_eval.frozen_test_rounds(data, variants=True)

    for one in rounds:
        assert not any(is_test(row) for row in one.train)
        trained_on = {_key(row) for row in one.train}
        for rows in one.scored.values():
            assert rows
            assert not any(_key(row) in trained_on for row in rows)


def test_the_test_report_scores_exactly_the_frozen_test_rows_of_every_set(data):
    scored = spam_eval.frozen_test_rounds(data, variants=False)[0].scored

    for name, rows in data.items():
        assert scored[name] == spam_eval.split(rows)[1]


def test_cross_validation_scores_every_dev_row_once_and_keeps_copies_in_one_fold(data):
    rounds = spam_eval.dev_rounds(data, folds=2, seed=spam_eval.SEED, variants=False)

    for name, rows in data.items():
        dev = spam_eval.split(rows)[0]
        scored = [row for one in rounds for row in one.scored[name]]
        assert sorted(map(id, scored)) == sorted(map(id, dev))
    for one in rounds:
        trained_on = {spam_eval.copy_key(row.submission.text) for row in one.train}
        for rows in one.scored.values():
            assert not any(spam_eval.copy_key(row.submission.text) in trained_on for row in rows)


def test_the_fresh_set_is_scored_by_slice_and_never_trained_on(data):
    fresh = spam_eval.load_fresh()
    (one,) = spam_eval.fresh_rounds(data, fresh)

    assert not {_key(row) for row in fresh} & {_key(row) for row in one.train}
    assert len(one.train) == sum(len(data[name]) for name in spam_eval.SHARED_FILES)
    assert len(one.scored["all"]) == 392
    assert len(one.scored["comment"]) == len(one.scored["inquiry"]) == 196
    # bench/data/README.md: 250 rows in English, 142 in Spanish.
    assert (len(one.scored["English"]), len(one.scored["Spanish"])) == (250, 142)


def test_without_the_shared_data_the_harness_says_where_it_looked(tmp_path, capsys):
    with pytest.raises(spam_eval.MissingData, match=str(tmp_path)):
        spam_eval.load_sets(tmp_path)

    assert spam_eval.main(["--quick", "--data", str(tmp_path)]) == 2
    assert "datacamp.csv" in capsys.readouterr().err


def test_the_clinic_domain_corpus_is_trained_on_in_every_round_and_never_scored(data):
    domain = spam_eval.load_domain()
    fresh = spam_eval.load_fresh()
    rounds = [
        *spam_eval.dev_rounds(data, folds=2, seed=spam_eval.SEED, variants=True, domain=domain),
        *spam_eval.frozen_test_rounds(data, variants=True, domain=domain),
        *spam_eval.fresh_rounds(data, fresh, domain),
    ]
    domain_keys = {_key(row) for row in domain}
    for one in rounds[:-1]:
        assert one.train[-len(domain) :] == domain
        for rows in one.scored.values():
            assert not domain_keys & {_key(row) for row in rows}
    # The last fresh round is `spam evaluate --train` with the shared files alone.
    shared_only = rounds[-1]
    assert list(shared_only.scored) == [spam_eval.SHARED_ONLY]
    assert len(shared_only.train) == sum(len(data[name]) for name in spam_eval.SHARED_FILES)
    assert not domain_keys & {_key(row) for row in shared_only.train}


def test_the_clinic_sets_are_scored_only_by_filters_that_never_trained_on_them(data):
    dev, held_out = spam_eval.load_clinic_sets()
    rounds = spam_eval.clinic_rounds(data, dev, held_out, spam_eval.load_domain())

    shared_only, with_domain = rounds
    assert len(shared_only.train) == sum(len(data[name]) for name in spam_eval.SHARED_FILES)
    assert len(shared_only.scored["dev clinic all"]) == len(dev) == 16660
    for name in ("fresh 2 all", "fresh 3 all", "fresh 4 all", "fresh 5 all", "fresh 6 all"):
        assert len(shared_only.scored[name]) == 300
    # The clinic dev rows are part of the bundled corpus: with it, only held-out sets are scored.
    assert all(
        name.startswith(tuple(f"fresh {n} +domain" for n in (2, 3, 4, 5, 6)))
        for name in with_domain.scored
    )
    for one in rounds:
        trained_on = {_key(row) for row in one.train}
        for rows in one.scored.values():
            assert not trained_on & {_key(row) for row in rows}
