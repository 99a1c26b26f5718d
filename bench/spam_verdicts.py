"""Whether two versions of the filter judge alike: every dev row's assessment, printed exactly.

    .venv/bin/python bench/spam_verdicts.py --against ../main

For each development row of the bundled corpus (never the frozen test split, bench/splits.py)
and each text below, prints the verdict, the score, every reason (rule, points, detail) and the
learned model's two log-odds as exact float literals, one line each, with the starter model
loaded from its shipped bytes. `--against DIR` runs the same script with another checkout's code
and virtualenv and reports the first lines that differ; a change that should not alter any
judgement (a more compact model, a lighter language identifier) must report none.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
from pathlib import Path

# The checkout whose code is judged (--against sets it for the second run).
ROOT = Path(os.environ.get("SPAM_VERDICTS_ROOT") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT))

# Texts written for this check, in the languages the filter tells apart and others, so that the
# language identifier is asked too.
WRITTEN = [
    ("comment", "Merci pour cet article, très utile pour comprendre le traitement de ma mère."),
    ("comment", "Obrigado pelo artigo, muito útil para a minha família e para os meus filhos."),
    ("comment", "Vielen Dank für den Artikel, er war sehr hilfreich für uns und die Kinder."),
    ("comment", "Grazie per l'articolo, molto utile per capire la terapia di mio padre."),
    ("comment", "Bedankt voor het artikel, het was erg nuttig voor ons gezin."),
    ("comment", "Gràcies per l'article, m'ha servit molt per entendre el tractament."),
    ("inquiry", "Bonjour, je voudrais prendre rendez-vous avec le médecin mardi prochain."),
    ("inquiry", "Olá, gostaria de marcar uma consulta para a minha mãe na próxima semana."),
    ("inquiry", "Hola, the doctor said que tengo que volver next week, is that ok?"),
    ("comment", "Gana dinero desde casa, haz clic aquí https://dinero.example.com oferta"),
    ("comment", "Compre agora com desconto https://promo.example.com frete grátis hoje"),
    ("inquiry", "We offer SEO services for clinics, first page of Google guaranteed, reply now"),
]


def lines() -> list[str]:
    from bench.splits import split
    from service.spam.corpus import bundled_paths, load_many
    from service.spam.model import LearnedModel
    from service.spam.pipeline import DEFAULT_THRESHOLDS, assess
    from service.spam.starter import starter_bytes
    from service.spam.submission import Facts, Submission

    model = LearnedModel.from_bytes(starter_bytes())
    dev, _ = split(load_many(bundled_paths()))
    submissions = [row.submission for row in dev]
    submissions += [Submission(kind=kind, text=text) for kind, text in WRITTEN]
    out = []
    for n, submission in enumerate(submissions):
        judged = assess(submission, Facts(), model, DEFAULT_THRESHOLDS)
        parts = model.log_odds_parts(judged.features, submission.kind)
        reasons = "; ".join(f"{r.rule} {r.points!r} {r.detail}" for r in judged.reasons)
        out.append(
            f"{n} {judged.verdict.value} {judged.score!r} {parts[0]!r} {parts[1]!r} | {reasons}"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout to compare with")
    args = parser.parse_args()
    ours = lines()
    if not args.against:
        print("\n".join(ours))
        return
    other = args.against.resolve()
    theirs = subprocess.run(
        [other / ".venv/bin/python", Path(__file__).resolve()],
        check=True,
        cwd=other,
        capture_output=True,
        text=True,
        env=dict(os.environ, SPAM_VERDICTS_ROOT=str(other)),
    ).stdout.splitlines()
    differences = list(difflib.unified_diff(theirs, ours, str(other), str(ROOT), lineterm="", n=0))
    print(f"{len(ours)} assessments here, {len(theirs)} there; {len(differences)} diff lines")
    print("\n".join(differences[:40]))
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
