"""Speed of the spam filter on one core, beside a plain TF-IDF + naive Bayes baseline.

    python bench/spam_bench.py [--seconds 3] [--against ../main]

Prints the starter model's training time, its size saved, the time to load it from those bytes
(what a worker does at start), classifications per second of the whole `assess()` pipeline and
of the baseline's predict on single texts, and the process's resident memory with the model and
the language identifier loaded. `--against DIR` then runs the same script of another checkout
(its own virtualenv) on the same machine, so two versions are measured side by side.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from harness import run_in_checkout

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.spam.corpus import bundled_paths, load_many  # noqa: E402
from service.spam.evaluation import train_model  # noqa: E402
from service.spam.model import LearnedModel  # noqa: E402
from service.spam.pipeline import DEFAULT_THRESHOLDS, assess  # noqa: E402
from service.spam.submission import Facts  # noqa: E402


def rate(function, items, seconds: float) -> tuple[float, float]:
    """Calls per second of wall-clock time and per second of this process's CPU time (the
    second is the fairer figure on a machine busy with other work)."""
    done = 0
    start = time.perf_counter()
    cpu = time.process_time()
    while time.perf_counter() - start < seconds:
        for item in items:
            function(item)
        done += len(items)
    return done / (time.perf_counter() - start), done / (time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--against", type=Path, help="another checkout to measure after this one")
    args = parser.parse_args()

    rows = load_many(bundled_paths())
    start = time.perf_counter()
    model = train_model(rows)
    trained = time.perf_counter() - start
    saved = model.to_bytes()
    start = time.perf_counter()
    cpu = time.process_time()
    model = LearnedModel.from_bytes(saved)
    loaded = time.perf_counter() - start
    loaded_cpu = time.process_time() - cpu
    print(f"starter model: {len(rows)} rows trained in {trained:.2f} s, {len(model)} features")
    print(
        f"saved state: {len(saved) / 1024:.0f} KiB; loaded from bytes in {loaded * 1000:.0f} ms "
        f"({loaded_cpu * 1000:.0f} ms CPU)"
    )

    submissions = [row.submission for row in rows[::7]]
    facts = Facts()
    ours = rate(lambda s: assess(s, facts, model, DEFAULT_THRESHOLDS), submissions, args.seconds)
    rss_ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_now = resident_mib()

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.naive_bayes import MultinomialNB

    vectorizer = TfidfVectorizer()
    classifier = MultinomialNB().fit(
        vectorizer.fit_transform([r.submission.text for r in rows]), [r.is_spam for r in rows]
    )
    baseline = rate(
        lambda s: classifier.predict(vectorizer.transform([s.text])), submissions, args.seconds
    )
    print(f"\n{'filter':<28}{'classifications/s: wall':>24}{'cpu':>10}")
    print(f"{'ours: assess(), all rules':<28}{ours[0]:>24,.0f}{ours[1]:>10,.0f}")
    print(f"{'tfidf+nb: predict one text':<28}{baseline[0]:>24,.0f}{baseline[1]:>10,.0f}")
    print(f"\nresident memory before loading scikit-learn: {rss_now:.0f} MiB (peak {rss_ours:.0f})")
    if args.against:
        print(f"\n--- {args.against} ---", flush=True)
        other = args.against.resolve()
        run_in_checkout(other, other / "bench/spam_bench.py", "--seconds", str(args.seconds))


def resident_mib() -> float:
    """This process's resident memory now, in MiB (Linux)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:  # pragma: no cover - not Linux
        return float("nan")


if __name__ == "__main__":
    main()
