"""Choosing the learned model: cross-validation on the development split only.

    python bench/spam_models.py [--folds 5] [--seed 20261125] [--models ftrl,nb] [--sweep]

Every set is first cut by bench/splits.py; only its dev rows are read here (the frozen test
rows and the fresh clinic set are never looked at). The dev rows are cut into folds
(stratified by label, copies of a text in one fold); round k trains on every set's other folds
(DataCamp excepted: a fresh install never saw it, so it is scored by models that did not
either) and scores fold k through the whole pipeline (rules, model, thresholds). Beside the
candidates: TF-IDF with logistic regression and with multinomial naive Bayes, on the same folds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import service.spam.logistic as logistic_module  # noqa: E402
import service.spam.model as model_module  # noqa: E402
import service.spam.pipeline as pipeline_module  # noqa: E402
from bench.splits import split  # noqa: E402
from service.spam.corpus import DATA_DIR, LabelledRow, load_csv  # noqa: E402
from service.spam.evaluation import TRAINING_PASSES, report, training_order  # noqa: E402
from service.spam.featurize import features_for_lesson  # noqa: E402
from service.spam.logistic import LogisticModel  # noqa: E402
from service.spam.model import LearnedModel  # noqa: E402
from service.spam.naive_bayes import NaiveBayesModel  # noqa: E402
from service.spam.normalize import normalize_for_matching  # noqa: E402
from service.spam.pipeline import DEFAULT_THRESHOLDS, assess  # noqa: E402
from service.spam.submission import Facts, Verdict  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "spam"
SETS = {
    "youtube": SHARED / "youtube.csv",
    "sms": SHARED / "sms.csv",
    "datacamp": SHARED / "datacamp.csv",
    "clinic": SHARED / "clinic-examples.csv",
    "reader": DATA_DIR / "reader-comments.csv",
}
NEVER_TRAINED = {"datacamp"}
TARGETS = {
    "youtube": "acc >= 0.96",
    "sms": "acc >= 0.985, fpr <= 0.005",
    "datacamp": "acc >= 0.93",
    "clinic": "fpr <= 0.01, recall >= 0.90",
    "reader": "",
}


def assign_folds(rows: list[LabelledRow], folds: int, seed: int) -> list[int]:
    """Fold numbers, stratified by label, with every copy of a text in the same fold."""
    rng = random.Random(seed)
    groups: dict[tuple[bool, str], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[(row.is_spam, normalize_for_matching(row.submission.text))].append(index)
    assignment = [0] * len(rows)
    for label in (True, False):
        keys = sorted(key for key in groups if key[0] is label)
        rng.shuffle(keys)
        for position, key in enumerate(keys):
            for index in groups[key]:
                assignment[index] = position % folds
    return assignment


def confusion(pairs: list[tuple[bool, bool]], unsure: int = 0) -> dict:
    tp = sum(1 for label, said in pairs if label and said)
    fp = sum(1 for label, said in pairs if not label and said)
    tn = sum(1 for label, said in pairs if not label and not said)
    fn = sum(1 for label, said in pairs if label and not said)
    return report(tp, fp, tn, fn, unsure)


class Alone:
    """One half of the learned model judging by itself, as `model_reason` reads a model."""

    def __init__(self, model: NaiveBayesModel | LogisticModel) -> None:
        self.model = model
        self.spam_docs, self.ham_docs = model.spam_docs, model.ham_docs

    def log_odds_parts(self, features, kind=None) -> tuple[float, float]:
        odds = self.model.log_odds(features, kind)
        return (odds, 0.0) if isinstance(self.model, NaiveBayesModel) else (0.0, odds)


def train(kind: str, lessons: list[tuple[list[int], bool]], passes: int):
    """A candidate trained on the lessons: "nb", "ftrl" or "both" (the two added)."""
    if kind == "nb":
        model = NaiveBayesModel.empty()
        for found, is_spam in lessons:
            model.learn(found, is_spam)
        return Alone(model)
    if kind == "ftrl":
        model = LogisticModel.empty()
        for _ in range(passes):
            for found, is_spam in lessons:
                model.learn(found, is_spam)
        return Alone(model)
    model = LearnedModel.empty()
    model.learn_all(lessons, passes)
    return model


def baselines(train_rows: list[LabelledRow], test_rows: list[LabelledRow]) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import MultinomialNB

    vectorizer = TfidfVectorizer(sublinear_tf=True)
    matrix = vectorizer.fit_transform([r.submission.text for r in train_rows])
    labels = [r.is_spam for r in train_rows]
    test = vectorizer.transform([r.submission.text for r in test_rows])
    return {
        "tfidf+lr": LogisticRegression(max_iter=1000, C=10.0).fit(matrix, labels).predict(test),
        "tfidf+nb": MultinomialNB().fit(matrix, labels).predict(test),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--models", default="both,nb,ftrl")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="accuracy per spam threshold")
    parser.add_argument("--passes", type=int, default=TRAINING_PASSES)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="another value for a constant of service.spam.logistic, .model or .pipeline",
    )
    args = parser.parse_args()
    for assignment in args.set:
        name, value = assignment.split("=")
        modules = [m for m in (logistic_module, model_module, pipeline_module) if hasattr(m, name)]
        if not modules:
            parser.error(f"no constant {name}")
        setattr(modules[0], name, float(value))
    candidates = args.models.split(",")

    data = {name: split(load_csv(path))[0] for name, path in SETS.items() if path.exists()}
    folds = {name: assign_folds(rows, args.folds, args.seed) for name, rows in data.items()}
    lesson_of = {
        id(row): features_for_lesson(row.submission) for rows in data.values() for row in rows
    }
    facts = Facts()
    scored: dict[tuple[str, str], list[tuple[LabelledRow, float, Verdict]]] = defaultdict(list)
    base: dict[tuple[str, str], list[tuple[bool, bool]]] = defaultdict(list)
    started = time.perf_counter()
    for k in range(args.folds):
        train_rows = training_order(
            [
                row
                for name, rows in data.items()
                if name not in NEVER_TRAINED
                for row, fold in zip(rows, folds[name], strict=True)
                if fold != k
            ]
        )
        lessons = [(lesson_of[id(row)], row.is_spam) for row in train_rows]
        for candidate in candidates:
            model = train(candidate, lessons, args.passes)
            for name, rows in data.items():
                for row, fold in zip(rows, folds[name], strict=True):
                    if fold == k:
                        result = assess(row.submission, facts, model, DEFAULT_THRESHOLDS)
                        scored[(name, candidate)].append((row, result.score, result.verdict))
        if not args.no_baselines:
            for name, rows in data.items():
                test = [row for row, fold in zip(rows, folds[name], strict=True) if fold == k]
                for label, predicted in baselines(train_rows, test).items():
                    base[(name, label)].extend(
                        (row.is_spam, bool(p)) for row, p in zip(test, predicted, strict=True)
                    )
        print(f"fold {k + 1}/{args.folds} done ({time.perf_counter() - started:.0f} s)")

    print(f"\n{args.folds}-fold CV on dev rows, seed {args.seed}; unsure counts as not spam")
    print(
        f"{'set':<10}{'filter':<10}{'n':>6}{'tp':>5}{'fp':>5}{'tn':>6}{'fn':>5}{'unsure':>7}"
        f"{'prec':>7}{'recall':>7}{'fpr':>8}{'acc':>7}  target"
    )
    for name in data:
        rows = []
        for candidate in candidates:
            items = scored[(name, candidate)]
            figures = confusion(
                [(row.is_spam, verdict is Verdict.SPAM) for row, _, verdict in items],
                sum(1 for *_, verdict in items if verdict is Verdict.UNSURE),
            )
            rows.append((candidate, figures))
        for label in ("tfidf+lr", "tfidf+nb"):
            if base[(name, label)]:
                rows.append((label, confusion(base[(name, label)])))
        for label, f in rows:
            print(
                f"{name:<10}{label:<10}{f['n']:>6}{f['tp']:>5}{f['fp']:>5}{f['tn']:>6}{f['fn']:>5}"
                f"{f['unsure']:>7}{f['precision']:>7.3f}{f['recall']:>7.3f}"
                f"{f['false_positive_rate']:>8.4f}{f['accuracy']:>7.4f}  {TARGETS[name]}"
            )
    if args.sweep:
        print("\nspam threshold sweep per set and kind: threshold:accuracy/fp/fn")
        for (name, candidate), items in scored.items():
            by_kind = defaultdict(list)
            for row, score, _ in items:
                by_kind[row.submission.kind].append((row.is_spam, score))
            for kind, pairs in by_kind.items():
                cells = []
                for tenths in range(6, 41, 2):
                    figures = confusion([(label, score >= tenths / 10) for label, score in pairs])
                    accuracy, fp, fn = figures["accuracy"], figures["fp"], figures["fn"]
                    cells.append(f"{tenths / 10:.1f}:{accuracy:.3f}/{fp}/{fn}")
                print(f"{name:<9}{candidate:<5}{kind:<8}" + " ".join(cells))


if __name__ == "__main__":
    main()
