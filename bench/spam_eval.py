"""The spam filter beside TF-IDF + logistic regression and TF-IDF + naive Bayes, three ways.

    .venv/bin/python bench/spam_eval.py [--quick] [--json PATH] [--data DIR]

Three reports, each with the same three filters fit on the same training rows every time:

- dev: cross-validation inside the dev rows (bench/splits.py) of every set. Every set's dev rows
  are cut into folds with a seeded RNG, every copy of a text in one fold; round k trains on every
  set's other folds and scores every set's fold k. This is where tuning happens.
- test: trained on all dev rows of every set, scored on the frozen test rows, per set.
- fresh: trained on every row of the shared data folder, scored on
  bench/data/fresh_clinic_eval.csv, overall, by kind and by language; and "all, shared data
  only" trained on the shared folder alone, as `spam evaluate --train` with those files is.

Every round's training rows (every filter's, the baselines' too) also hold the bundled
clinic-domain corpus (service/spam/data/clinic-domain.csv), which is never scored; the starter
model is trained on it too. `--without-domain` leaves it out.

"ours" is the whole content pipeline as `spam evaluate` scores it: `assess()` with empty facts
(every check that needs no live request), a fresh model trained on the training rows, and the
default thresholds; `unsure` counts as not spam, and the share of ham held as unsure is given
apart. The baselines see the text only.

"datacamp, trained without it" (dev and test) is DataCamp scored by filters that never saw a
DataCamp row, as a fresh install meets such comments; `--quick` (2 folds) leaves it out.

YouTube, SMS, DataCamp and the clinic examples are read from the shared data folder beside the
repository (../shared/data/spam, or --data); it is not part of a clone, and the harness stops
with a message naming what is missing. The reader comments are the bundled ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.splits import split  # noqa: E402
from service.spam.corpus import (  # noqa: E402
    CLINIC_MESSAGES_FILE,
    DATA_DIR,
    DOMAIN_FILES,
    LabelledRow,
    load_csv,
)
from service.spam.evaluation import report, train_model  # noqa: E402
from service.spam.pipeline import DEFAULT_THRESHOLDS, assess  # noqa: E402
from service.spam.submission import Facts, Verdict  # noqa: E402

SHARED_DATA = ROOT.parent / "shared" / "data" / "spam"
SHARED_FILES = {
    "youtube": "youtube.csv",
    "sms": "sms.csv",
    "datacamp": "datacamp.csv",
    "clinic": "clinic-examples.csv",
}
READER = DATA_DIR / "reader-comments.csv"
# The bundled clinic-domain training corpus: added to the training rows of every round (of every
# filter, baselines included) and never scored.
DOMAIN = tuple(DATA_DIR / name for name in DOMAIN_FILES)
FRESH = ROOT / "bench" / "data" / "fresh_clinic_eval.csv"
# Clinic messages written for tuning after the fresh set was frozen (bench/data/README.md): the
# filter's rules were tuned on these, so their figures flatter it. The second fresh set was
# written after that tuning began, by writers who saw neither the filter nor any of the data, and
# is never tuned on.
CLINIC_DEV = DATA_DIR / CLINIC_MESSAGES_FILE
FRESH_2 = ROOT / "bench" / "data" / "fresh_clinic_eval_2.csv"
FRESH_3 = ROOT / "bench" / "data" / "fresh_clinic_eval_3.csv"
FRESH_4 = ROOT / "bench" / "data" / "fresh_clinic_eval_4.csv"
FRESH_5 = ROOT / "bench" / "data" / "fresh_clinic_eval_5.csv"
FRESH_6 = ROOT / "bench" / "data" / "fresh_clinic_eval_6.csv"
SETS = ("youtube", "sms", "datacamp", "clinic", "reader")
WITHOUT_DATACAMP = "datacamp, trained without it"
FILTERS = ("ours", "tfidf+logreg", "tfidf+nb")
FRESH_SLICES = ("all", "comment", "inquiry", "English", "Spanish")
# The fresh set also scored by filters trained on the shared folder alone, as
# `spam evaluate --train` with those files judges it.
SHARED_ONLY = "all, shared data only"
SEED = 20261125


class MissingData(Exception):
    """The labelled data the harness needs is not where it was looked for."""


# -- data --------------------------------------------------------------------------------------


def load_sets(shared: Path = SHARED_DATA) -> dict[str, list[LabelledRow]]:
    """Every labelled set by name. Raises MissingData naming the files that are absent."""
    missing = [name for name in SHARED_FILES.values() if not (shared / name).is_file()]
    if missing:
        raise MissingData(
            f"The labelled spam data is not in the repository: {', '.join(missing)} not found "
            f"in {shared}. Put the shared data folder beside the repository (../shared/data/spam) "
            "or name it with --data DIR."
        )
    data = {name: load_csv(shared / file) for name, file in SHARED_FILES.items()}
    data["reader"] = load_csv(READER)
    return {name: data[name] for name in SETS}


def load_fresh(path: Path = FRESH) -> list[LabelledRow]:
    """The fresh clinic evaluation set: only ever scored, never trained or tuned on."""
    return load_csv(path)


# The word-count rule from bench/data/README.md, with its word lists as written there; it agrees
# with the language every row of the fresh set was written in.
SPANISH_WORDS = frozenset(
    "el la los las de del que y en un una por para con es se me mi lo le su al muy pero como "  # noqa: SIM905
    "más qué ya hay yo tengo sin gracias buen hola".split()
)
ENGLISH_WORDS = frozenset(
    "the a an and of to in is it for my on with this that i you was have be are not your we "  # noqa: SIM905
    "our".split()
)
_WORD = re.compile(r"[a-záéíóúñü]{2,}")


def guess_language(text: str) -> str:
    """Spanish when more of the words are common Spanish words than common English ones."""
    words = _WORD.findall(text.lower())
    spanish = sum(word in SPANISH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    return "Spanish" if spanish > english else "English"


def copy_key(text: str) -> str:
    """What makes two texts copies of each other: the same words, whatever the case and spacing.

    Deliberately not the filter's own normalisation, so that changing the filter cannot move a
    row to another fold."""
    return " ".join(text.casefold().split())


def assign_folds(rows: Sequence[LabelledRow], folds: int, seed: int) -> list[int]:
    """Fold numbers, stratified by label, with every copy of a text in one fold."""
    rng = random.Random(seed)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[copy_key(row.submission.text)].append(index)
    assignment = [0] * len(rows)
    for label in (True, False):
        keys = sorted(key for key, members in groups.items() if rows[members[0]].is_spam is label)
        rng.shuffle(keys)
        for position, key in enumerate(keys):
            for index in groups[key]:
                assignment[index] = position % folds
    return assignment


# -- what is trained on what -------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    """One training set and the rows scored by the filters fit on it, per reported set."""

    train: list[LabelledRow]
    scored: dict[str, list[LabelledRow]]


def dev_rounds(
    data: dict[str, list[LabelledRow]],
    folds: int,
    seed: int,
    variants: bool,
    domain: Sequence[LabelledRow] = (),
) -> list[Round]:
    """Cross-validation inside the dev rows: round k trains on every set's other folds and
    scores every set's fold k (with `variants`, DataCamp's fold k also by filters trained
    without any DataCamp row)."""
    dev = {name: split(rows)[0] for name, rows in data.items()}
    assignment = {name: assign_folds(rows, folds, seed) for name, rows in dev.items()}

    def fold(name: str, k: int, inside: bool) -> list[LabelledRow]:
        return [
            row for row, f in zip(dev[name], assignment[name], strict=True) if (f == k) is inside
        ]

    rounds = []
    for k in range(folds):
        train = [row for name in dev for row in fold(name, k, inside=False)] + list(domain)
        rounds.append(Round(train, {name: fold(name, k, inside=True) for name in dev}))
        if variants and "datacamp" in dev:
            without = [row for name in dev if name != "datacamp" for row in fold(name, k, False)]
            without += domain
            rounds.append(Round(without, {WITHOUT_DATACAMP: fold("datacamp", k, inside=True)}))
    return rounds


def frozen_test_rounds(
    data: dict[str, list[LabelledRow]], variants: bool, domain: Sequence[LabelledRow] = ()
) -> list[Round]:
    """Trained on all dev rows of every set, scored on each set's frozen test rows (with
    `variants`, DataCamp's also by filters trained without any DataCamp row)."""
    halves = {name: split(rows) for name, rows in data.items()}
    train = [row for dev, _ in halves.values() for row in dev] + list(domain)
    rounds = [Round(train, {name: test for name, (_, test) in halves.items()})]
    if variants and "datacamp" in halves:
        without = [row for name, (dev, _) in halves.items() if name != "datacamp" for row in dev]
        without += domain
        rounds.append(Round(without, {WITHOUT_DATACAMP: halves["datacamp"][1]}))
    return rounds


def fresh_rounds(
    data: dict[str, list[LabelledRow]],
    fresh: list[LabelledRow],
    domain: Sequence[LabelledRow] = (),
) -> list[Round]:
    """Trained on every row of the shared folder's files (and the clinic-domain corpus), scored
    on the fresh set by slice; with a domain corpus, also trained on the shared files alone."""
    shared = [row for name in SHARED_FILES for row in data[name]]
    train = shared + list(domain)
    slices: dict[str, list[LabelledRow]] = {name: [] for name in FRESH_SLICES}
    for row in fresh:
        slices["all"].append(row)
        slices[row.submission.kind].append(row)
        slices[guess_language(row.submission.text)].append(row)
    rounds = [Round(train, slices)]
    if domain:
        rounds.append(Round(shared, {SHARED_ONLY: list(fresh)}))
    return rounds


def sliced(rows: Sequence[LabelledRow], prefix: str) -> dict[str, list[LabelledRow]]:
    """The rows as a whole, by kind and by language, each slice named after `prefix`."""
    slices: dict[str, list[LabelledRow]] = {f"{prefix} {name}": [] for name in FRESH_SLICES}
    for row in rows:
        slices[f"{prefix} all"].append(row)
        slices[f"{prefix} {row.submission.kind}"].append(row)
        slices[f"{prefix} {guess_language(row.submission.text)}"].append(row)
    return slices


def clinic_rounds(
    data: dict[str, list[LabelledRow]],
    dev_clinic: Sequence[LabelledRow],
    held_out: dict[str, list[LabelledRow]],
    domain: Sequence[LabelledRow] = (),
) -> list[Round]:
    """The clinic dev rows and the held-out clinic sets (by name: "fresh 2" to "fresh 6"),
    trained on the shared folder alone (as `spam evaluate --train` with its files); with a
    domain corpus, the held-out sets also by filters trained with it (as the starter model is).
    The clinic dev rows are part of that corpus, so they are scored only in the first round."""
    shared = [row for name in SHARED_FILES for row in data[name]]
    scored = sliced(dev_clinic, "dev clinic") if dev_clinic else {}
    for name, rows in held_out.items():
        scored.update(sliced(rows, name))
    rounds = [Round(shared, {name: rows for name, rows in scored.items() if rows})]
    if domain and held_out:
        with_domain: dict[str, list[LabelledRow]] = {}
        for name, rows in held_out.items():
            with_domain.update(sliced(rows, f"{name} +domain"))
        rounds.append(
            Round(shared + list(domain), {n: rows for n, rows in with_domain.items() if rows})
        )
    return rounds


def load_domain() -> list[LabelledRow]:
    """The bundled clinic corpora every round trains on (DOMAIN_FILES)."""
    return [row for path in DOMAIN for row in load_csv(path)]


def load_clinic_sets() -> tuple[list[LabelledRow], dict[str, list[LabelledRow]]]:
    """The clinic development rows and the held-out clinic sets by name."""
    paths = (
        ("fresh 2", FRESH_2),
        ("fresh 3", FRESH_3),
        ("fresh 4", FRESH_4),
        ("fresh 5", FRESH_5),
        ("fresh 6", FRESH_6),
    )
    held_out = {name: load_csv(path) for name, path in paths}
    return load_csv(CLINIC_DEV), held_out


# -- the filters -------------------------------------------------------------------------------

# Each filter is fit on the training rows and returns, per scored row, its verdict and a score
# (ours: the pipeline's points; the baselines: their spam probability).
Judged = list[tuple[Verdict, float]]


def judge_with_ours(train: list[LabelledRow], scored: list[LabelledRow]) -> Judged:
    """The whole content pipeline with a fresh model trained on `train`, default thresholds."""
    model = train_model(train)
    facts = Facts()
    judged = []
    for row in scored:
        assessment = assess(row.submission, facts, model, DEFAULT_THRESHOLDS)
        judged.append((assessment.verdict, assessment.score))
    return judged


def _judge_with_tfidf(
    classifier: Any, train: list[LabelledRow], scored: list[LabelledRow]
) -> Judged:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform([row.submission.text for row in train])
    classifier.fit(matrix, [row.is_spam for row in train])
    spam_column = list(classifier.classes_).index(True)
    probabilities = classifier.predict_proba(
        vectorizer.transform([row.submission.text for row in scored])
    )[:, spam_column]
    return [(Verdict.SPAM if p > 0.5 else Verdict.HAM, round(float(p), 4)) for p in probabilities]


def judge_with_logreg(train: list[LabelledRow], scored: list[LabelledRow]) -> Judged:
    """TF-IDF + logistic regression (scikit-learn's defaults; its solver is deterministic)."""
    from sklearn.linear_model import LogisticRegression

    return _judge_with_tfidf(LogisticRegression(max_iter=1000), train, scored)


def judge_with_naive_bayes(train: list[LabelledRow], scored: list[LabelledRow]) -> Judged:
    """TF-IDF + multinomial naive Bayes (scikit-learn's defaults)."""
    from sklearn.naive_bayes import MultinomialNB

    return _judge_with_tfidf(MultinomialNB(), train, scored)


JUDGES: dict[str, Callable[[list[LabelledRow], list[LabelledRow]], Judged]] = {
    "ours": judge_with_ours,
    "tfidf+logreg": judge_with_logreg,
    "tfidf+nb": judge_with_naive_bayes,
}


# -- scoring -----------------------------------------------------------------------------------

# What "ours" said about one scored row: (reported set, row, verdict, score).
Logged = tuple[str, LabelledRow, Verdict, float]


def figures(pairs: Iterable[tuple[bool, Verdict]]) -> dict[str, float | int]:
    """The contract's figures for (is spam, verdict) pairs, plus the ham held as unsure."""
    tp = fp = tn = fn = unsure = ham_unsure = 0
    for is_spam, verdict in pairs:
        said_spam = verdict is Verdict.SPAM
        unsure += verdict is Verdict.UNSURE
        if is_spam:
            tp += said_spam
            fn += not said_spam
        else:
            fp += said_spam
            tn += not said_spam
            ham_unsure += verdict is Verdict.UNSURE
    result = report(tp, fp, tn, fn, unsure)
    result["ham_unsure"] = ham_unsure
    result["ham_unsure_share"] = round(ham_unsure / (fp + tn), 4) if fp + tn else 0.0
    return result


def run_rounds(
    rounds: list[Round], log: list[Logged] | None = None
) -> dict[str, dict[str, dict[str, float | int]]]:
    """Figures by reported set and filter, pooled over the rounds. What "ours" said about each
    row is appended to `log` when it is given (pass one for dev rounds only)."""
    pairs: dict[str, dict[str, list[tuple[bool, Verdict]]]] = defaultdict(
        lambda: {name: [] for name in JUDGES}
    )
    for number, one in enumerate(rounds, 1):
        everything = [row for rows in one.scored.values() for row in rows]
        for filter_name, judge in JUDGES.items():
            started = time.perf_counter()
            judged = iter(judge(one.train, everything))
            for set_name, rows in one.scored.items():
                for row in rows:
                    verdict, score = next(judged)
                    pairs[set_name][filter_name].append((row.is_spam, verdict))
                    if log is not None and filter_name == "ours":
                        log.append((set_name, row, verdict, score))
            print(
                f"  round {number}/{len(rounds)} {filter_name:<13} trained on {len(one.train)}, "
                f"scored {len(everything)} ({time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
            )
    return {
        set_name: {name: figures(by_filter[name]) for name in JUDGES}
        for set_name, by_filter in pairs.items()
    }


def evaluate_all(
    data: dict[str, list[LabelledRow]],
    fresh: list[LabelledRow],
    folds: int = 5,
    seed: int = SEED,
    variants: bool = True,
    dev_log: list[Logged] | None = None,
    domain: Sequence[LabelledRow] = (),
    clinic: tuple[list[LabelledRow], dict[str, list[LabelledRow]]] | None = None,
) -> dict[str, dict[str, dict[str, dict[str, float | int]]]]:
    """The dev, test and fresh reports: figures by report, set (or slice) and filter. The
    `domain` rows are added to every round's training rows and never scored."""
    return {
        "dev": run_rounds(dev_rounds(data, folds, seed, variants, domain), dev_log),
        "test": run_rounds(frozen_test_rounds(data, variants, domain)),
        "fresh": run_rounds(fresh_rounds(data, fresh, domain)),
        **(
            {"clinic": run_rounds(clinic_rounds(data, clinic[0], clinic[1], domain))}
            if clinic is not None
            else {}
        ),
    }


def sweep(dev_log: list[Logged]) -> str:
    """Accuracy, false positives and misses per set and kind of the dev rows if the spam
    threshold were t (from 1.0 to 6.0), for tuning on dev rows only."""
    lines = ["", "dev rows, spam threshold sweep (spam when score >= t): accuracy/fp/fn"]
    by_set_kind: dict[tuple[str, str], list[tuple[bool, float]]] = defaultdict(list)
    for set_name, row, _, score in dev_log:
        by_set_kind[(set_name, row.submission.kind)].append((row.is_spam, score))
    for (set_name, kind), pairs in by_set_kind.items():
        cells = []
        for tenths in range(10, 61, 5):
            t = tenths / 10
            f = report(
                sum(1 for spam, s in pairs if spam and s >= t),
                sum(1 for spam, s in pairs if not spam and s >= t),
                sum(1 for spam, s in pairs if not spam and s < t),
                sum(1 for spam, s in pairs if spam and s < t),
            )
            cells.append(f"{t:.1f}:{f['accuracy']:.3f}/{f['fp']}/{f['fn']}")
        lines.append(f"{set_name:<30}{kind:<9}" + " ".join(cells))
    return "\n".join(lines)


# -- output ------------------------------------------------------------------------------------

REPORT_TITLES = {
    "dev": "dev: {folds}-fold cross-validation inside the dev rows (seed {seed})",
    "test": "test: trained on every set's dev rows, scored on the frozen test rows",
    "fresh": (
        "fresh: trained on every row of the shared folder and the clinic-domain corpus, scored "
        "on fresh_clinic_eval.csv"
    ),
    "clinic": (
        "clinic: the clinic dev rows (clinic-messages.csv, tuned on) and the held-out fresh sets 2 "
        "to 5 (never tuned on), trained on the shared folder alone; '+domain' also on the "
        "bundled clinic corpora, as the starter model"
    ),
}


def format_table(reports: dict, folds: int, seed: int) -> str:
    """One plain-text table of every report, set and filter."""
    lines = []
    header = (
        f"{'set':<30}{'filter':<14}{'n':>6}{'prec':>8}{'recall':>8}{'fpr':>8}{'acc':>8}"
        f"{'ham unsure':>12}"
    )
    for name, by_set in reports.items():
        lines += ["", REPORT_TITLES[name].format(folds=folds, seed=seed), header]
        for set_name, by_filter in by_set.items():
            for filter_name, f in by_filter.items():
                unsure = f"{f['ham_unsure_share']:.3f}" if filter_name == "ours" else ""
                lines.append(
                    f"{set_name if filter_name == 'ours' else '':<30}{filter_name:<14}{f['n']:>6}"
                    f"{f['precision']:>8.3f}{f['recall']:>8.3f}{f['false_positive_rate']:>8.3f}"
                    f"{f['accuracy']:>8.3f}{unsure:>12}"
                )
    lines.append("")
    lines.append("unsure counts as not spam; 'ham unsure': the share of ham held for a moderator.")
    return "\n".join(lines)


def current_commit() -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 folds, no DataCamp variant")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared spam data")
    parser.add_argument(
        "--without-domain",
        action="store_true",
        help=f"train without the bundled {' and '.join(DOMAIN_FILES)} (as before they existed)",
    )
    parser.add_argument(
        "--sweep", action="store_true", help="accuracy per spam threshold on the dev rows"
    )
    parser.add_argument(
        "--show-dev-errors",
        action="store_true",
        help="print the dev rows our filter misjudged in cross-validation (never test or fresh)",
    )
    args = parser.parse_args(argv)
    folds = 2 if args.quick else args.folds
    try:
        data = load_sets(args.data)
    except MissingData as error:
        print(error, file=sys.stderr)
        return 2
    dev_log: list[Logged] = []
    domain = [] if args.without_domain else load_domain()
    started = time.perf_counter()
    reports = evaluate_all(
        data, load_fresh(), folds, args.seed, not args.quick, dev_log, domain, load_clinic_sets()
    )
    seconds = round(time.perf_counter() - started, 1)
    print(format_table(reports, folds, args.seed))
    if args.sweep:
        print(sweep(dev_log))
    if args.show_dev_errors:
        print("\ndev rows our filter misjudged (cross-validated; unsure counts as not spam)")
        for set_name, row, verdict, score in dev_log:
            if row.is_spam != (verdict is Verdict.SPAM):
                label = "spam" if row.is_spam else "ham"
                print(
                    f"{set_name:<30}{label:>5} {score:6.2f} {verdict:<7} {row.submission.kind:<8} "
                    f"{row.submission.text[:100]!r}"
                )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "commit": current_commit(),
            "folds": folds,
            "seed": args.seed,
            "seconds": seconds,
            "thresholds": "DEFAULT_THRESHOLDS",
            "unsure": "counted as not spam",
            "clinic_domain_corpus": not args.without_domain,
            "reports": reports,
        }
        args.json.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
