"""py3langid's model read compactly picks the same language as py3langid itself."""

import subprocess
import sys

import pytest

from bench.splits import split
from service.spam.corpus import bundled_paths, load_many
from service.spam.language import _CANDIDATES
from service.spam.language_tables import LanguageTables

WRITTEN = [
    "Merci pour cet article, très utile pour comprendre le traitement de ma mère.",
    "Obrigado pelo artigo, muito útil para a minha família e para os meus filhos.",
    "Vielen Dank für den Artikel, er war sehr hilfreich für uns und die Kinder.",
    "Grazie per l'articolo, molto utile per capire la terapia di mio padre.",
    "Bedankt voor het artikel, het was erg nuttig voor ons gezin.",
    "Gràcies per l'article, m'ha servit molt per entendre el tractament.",
    "Moitas grazas polo artigo, foi moi útil para a miña familia.",
    "Hola, the doctor said que tengo que volver next week, is that ok?",
    "GRACIAS POR TODO, MUY AMABLES",
    "",
    "12345 !!! ???",
    "日本語のテキストです",
]


@pytest.fixture(scope="module")
def both():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    reference = LanguageIdentifier.from_model_file(MODEL_FILE)
    reference.set_languages(_CANDIDATES)
    return reference, LanguageTables.load(_CANDIDATES)


def test_the_compact_tables_pick_py3langids_language_on_every_dev_text(both):
    reference, tables = both
    dev, _ = split(load_many(bundled_paths()))
    texts = [row.submission.text[:2_000] for row in dev] + WRITTEN
    differing = [t for t in texts if tables.classify(t) != reference.classify(t)[0]]
    assert len(texts) > 4_000
    assert differing == []


def test_the_compact_tables_score_like_py3langid(both):
    reference, tables = both
    for text in WRITTEN[:8]:
        ranked = dict(reference.rank(text))
        for language, score in zip(tables.languages, tables.scores(text), strict=True):
            assert score == pytest.approx(ranked[language], rel=1e-4, abs=1e-2)


def test_loading_the_tables_does_not_import_numpy():
    code = (
        "import sys\n"
        "from service.spam.language_tables import LanguageTables\n"
        "LanguageTables.load(['en', 'es', 'fr'])\n"
        "assert 'numpy' not in sys.modules, 'numpy was imported'\n"
        "assert 'py3langid.langid' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_language_the_model_lacks_is_refused():
    with pytest.raises(ValueError, match="xx"):
        LanguageTables.load(["en", "xx"])
