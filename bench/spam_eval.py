"""Dev-split evaluation of the spam filter beside a plain TF-IDF + multinomial naive Bayes.

    python bench/spam_eval.py [--folds 5] [--seed 20261125] [--sweep]

Every set (clinic examples, YouTube, SMS, reader comments, DataCamp) is cut into folds with a
seeded RNG, identical normalized texts kept in one fold. Round k trains both filters on every
set's other folds and scores every set's fold k, so each row is scored once by a model that never
saw it.
DataCamp is reported three times: "datacamp" is scored by models trained without any DataCamp
rows (how a fresh install meets it), "datacamp-cv" with DataCamp's other folds added to the
training data, "datacamp-own" by models trained on DataCamp's other folds alone. DataCamp is read
from ../shared/data/spam/ and never copied into the repository.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.naive_bayes import MultinomialNB  # noqa: E402

from service.spam.corpus import DATA_DIR, LabelledRow, load_csv  # noqa: E402
from service.spam.evaluation import report, train_model  # noqa: E402
from service.spam.normalize import normalize_for_matching  # noqa: E402
from service.spam.pipeline import DEFAULT_THRESHOLDS, assess  # noqa: E402
from service.spam.submission import Facts, Thresholds, Verdict  # noqa: E402

DATACAMP = ROOT.parent / "shared" / "data" / "spam" / "datacamp.csv"
SETS = {
    "clinic": DATA_DIR / "clinic-examples.csv",
    "youtube": DATA_DIR / "youtube.csv",
    "sms": DATA_DIR / "sms.csv",
    "reader": DATA_DIR / "reader-comments.csv",
}


def assign_folds(rows: list[LabelledRow], folds: int, seed: int) -> list[int]:
    """Fold numbers, stratified by label, with every copy of a text in the same fold."""
    rng = random.Random(seed)
    groups: dict[tuple[bool, str], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[(row.is_spam, normalize_for_matching(row.submission.text))].append(index)
    assignment = [0] * len(rows)
    for label in (True, False):
        keys = [key for key in groups if key[0] is label]
        keys.sort(key=lambda key: key[1])
        rng.shuffle(keys)
        for position, key in enumerate(keys):
            for index in groups[key]:
                assignment[index] = position % folds
    return assignment


def baseline_predictions(train: list[LabelledRow], test: list[LabelledRow]) -> list[bool]:
    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform([row.submission.text for row in train])
    classifier = MultinomialNB().fit(matrix, [row.is_spam for row in train])
    return list(classifier.predict(vectorizer.transform([row.submission.text for row in test])))


def confusion(pairs: list[tuple[bool, bool]], unsure: int = 0) -> dict:
    tp = sum(1 for label, said in pairs if label and said)
    fp = sum(1 for label, said in pairs if not label and said)
    tn = sum(1 for label, said in pairs if not label and not said)
    fn = sum(1 for label, said in pairs if label and not said)
    return report(tp, fp, tn, fn, unsure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--sweep", action="store_true", help="print metrics per threshold")
    parser.add_argument(
        "--show-errors",
        action="store_true",
        help="print misjudged clinic, reader and DataCamp rows (cross-validated)",
    )
    args = parser.parse_args()

    data = {name: load_csv(path) for name, path in SETS.items()}
    if DATACAMP.exists():
        data["datacamp"] = load_csv(DATACAMP)
    else:
        print(f"(DataCamp skipped: {DATACAMP} not found)")
    folds = {name: assign_folds(rows, args.folds, args.seed) for name, rows in data.items()}

    # scores[set] = list of (row, score); baseline[set] = list of (label, predicted)
    scored: dict[str, list[tuple[LabelledRow, float, Verdict]]] = defaultdict(list)
    baseline: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    facts = Facts()
    # (suffix of the reported set, sets trained on, sets scored)
    rounds = [("", [n for n in data if n != "datacamp"], list(data))]
    if "datacamp" in data:
        rounds += [("-cv", list(data), ["datacamp"]), ("-own", ["datacamp"], ["datacamp"])]
    for k in range(args.folds):
        for suffix, trained_on, targets in rounds:
            train = [
                row
                for name in trained_on
                for row, fold in zip(data[name], folds[name], strict=True)
                if fold != k
            ]
            model = train_model(train)
            for name in targets:
                label = name + suffix
                test = [r for r, f in zip(data[name], folds[name], strict=True) if f == k]
                for row in test:
                    result = assess(row.submission, facts, model, DEFAULT_THRESHOLDS)
                    scored[label].append((row, result.score, result.verdict))
                predicted = baseline_predictions(train, test)
                baseline[label].extend(
                    (row.is_spam, bool(p)) for row, p in zip(test, predicted, strict=True)
                )

    print(f"{args.folds}-fold dev evaluation, seed {args.seed}; unsure counts as not spam\n")
    header = f"{'set':<14}{'filter':<10}{'n':>6}{'tp':>5}{'fp':>5}{'tn':>6}{'fn':>5}{'unsure':>7}"
    header += f"{'prec':>7}{'recall':>7}{'fpr':>8}{'acc':>7}"
    print(header)
    for name in scored:
        ours = confusion(
            [(row.is_spam, verdict is Verdict.SPAM) for row, _, verdict in scored[name]],
            sum(1 for *_, verdict in scored[name] if verdict is Verdict.UNSURE),
        )
        base = confusion(baseline[name])
        for filter_name, figures in (("ours", ours), ("tfidf+nb", base)):
            print(
                f"{name:<14}{filter_name:<10}{figures['n']:>6}{figures['tp']:>5}{figures['fp']:>5}"
                f"{figures['tn']:>6}{figures['fn']:>5}{figures['unsure']:>7}"
                f"{figures['precision']:>7.3f}{figures['recall']:>7.3f}"
                f"{figures['false_positive_rate']:>8.4f}{figures['accuracy']:>7.4f}"
            )
    if args.sweep:
        sweep(scored)
    if args.show_errors:
        for row, score, verdict in (
            scored["clinic"] + scored["reader"] + scored.get("datacamp-cv", [])
        ):
            if row.is_spam != (verdict is Verdict.SPAM):
                label = "spam" if row.is_spam else "ham"
                print(
                    f"{label:>5} {score:6.2f} {verdict:<7} {row.submission.kind:<8} "
                    f"{row.submission.text[:90]!r}"
                )


def sweep(scored: dict) -> None:
    """Accuracy, FPR and recall per kind and set for spam thresholds from 1 to 8."""
    print("\nspam threshold sweep (verdict spam when score >= t)")
    for name, items in scored.items():
        by_kind = defaultdict(list)
        for row, score, _ in items:
            by_kind[row.submission.kind].append((row.is_spam, score))
        for kind, pairs in by_kind.items():
            cells = []
            for tenths in range(10, 61, 2):
                t = tenths / 10
                figures = confusion([(label, score >= t) for label, score in pairs])
                cells.append(
                    f"{t:.1f}:{figures['accuracy']:.3f}/{figures['fp']}fp/{figures['fn']}fn"
                )
            print(f"{name:<14}{kind:<9}" + " ".join(cells))


if __name__ == "__main__":
    del Thresholds
    main()
