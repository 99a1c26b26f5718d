"""Scoring labelled rows with the whole content pipeline, as `spam evaluate` reports it."""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from service.spam.corpus import LabelledRow, bundled_paths, load_many
from service.spam.featurize import features_for_lesson
from service.spam.model import LearnedModel
from service.spam.pipeline import DEFAULT_THRESHOLDS, assess
from service.spam.submission import KINDS, Facts, Thresholds, Verdict

# Passes of the logistic model over the training rows: online learning sees each row once per
# pass, and a second and third pass let rare sets (clinic examples, reader comments) weigh as
# much as they should.
TRAINING_PASSES = 3


def training_order(rows: list[LabelledRow]) -> list[LabelledRow]:
    """The rows interleaved in an order fixed by their texts and positions (so the same rows
    always train the same model): an online learner fed one whole set after another forgets
    the first."""
    keyed = [
        (zlib.crc32(f"{index}\x1f{row.submission.text}".encode()), index)
        for index, row in enumerate(rows)
    ]
    return [rows[index] for _, index in sorted(keyed)]


def train_model(
    rows: Iterable[LabelledRow],
    model: LearnedModel | None = None,
    passes: int = TRAINING_PASSES,
) -> LearnedModel:
    """Teach a model (a new one unless given) the rows in `training_order` (the logistic half
    `passes` times)."""
    model = LearnedModel.empty() if model is None else model
    ordered = training_order(list(rows))
    model.learn_all([(features_for_lesson(row.submission), row.is_spam) for row in ordered], passes)
    return model


def train_starter_model() -> LearnedModel:
    """The model a fresh install starts with: trained on the bundled corpus, without the naive
    Bayes features that can never weigh in a judgement (NaiveBayesModel.forget_rare)."""
    model = train_model(load_many(bundled_paths()))
    model.bayes.forget_rare(KINDS)
    return model


def evaluate(
    rows: Iterable[LabelledRow],
    model: LearnedModel | None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    trusted_domains: frozenset[str] = frozenset(),
) -> dict[str, float | int]:
    """Counts and rates of the pipeline's verdicts against the labels; spam is the positive
    class and `unsure` counts as not spam. `trusted_domains` are the clinic's own hosts, as the
    web path passes them (PUBLIC_URL's and CLINIC_DOMAINS)."""
    tp = fp = tn = fn = unsure = 0
    facts = Facts(trusted_domains=trusted_domains)
    for row in rows:
        verdict = assess(row.submission, facts, model, thresholds).verdict
        unsure += verdict is Verdict.UNSURE
        said_spam = verdict is Verdict.SPAM
        if row.is_spam:
            tp += said_spam
            fn += not said_spam
        else:
            fp += said_spam
            tn += not said_spam
    return report(tp, fp, tn, fn, unsure)


def report(tp: int, fp: int, tn: int, fn: int, unsure: int = 0) -> dict[str, float | int]:
    """The contract's figures from confusion counts (a rate with no cases is 0.0)."""
    n = tp + fp + tn + fn
    return {
        "n": n,
        "tp": tp,
        "fp": fp,
        "tn": tn,
        "fn": fn,
        "unsure": unsure,
        "precision": _ratio(tp, tp + fp),
        "recall": _ratio(tp, tp + fn),
        "false_positive_rate": _ratio(fp, fp + tn),
        "accuracy": _ratio(tp + tn, n),
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
