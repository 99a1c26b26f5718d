"""The catalogs are complete: every text marked in the code has a current Spanish translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from tests.conftest import REPO

CATALOGS = REPO / "service" / "translations"
LANGUAGES = ["es"]


def extract(target: Path) -> dict:
    """What `make translations` extracts, into a temporary template."""
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "N_",
            "-o",
            target,
            ".",
        ],
        cwd=REPO,
        check=True,
    )
    with target.open("rb") as handle:
        return {m.id: m for m in read_po(handle) if m.id}


def load(language: str):
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def test_every_marked_text_has_a_current_translation(tmp_path):
    wanted = extract(tmp_path / "messages.pot")
    assert len(wanted) > 100
    for language in LANGUAGES:
        catalog = load(language)
        present = {m.id: m for m in catalog if m.id}
        missing = [mid for mid in wanted if mid not in present]
        stale = [mid for mid in present if mid not in wanted]
        assert not missing, f"{language}: not in the catalog, run `make translations`: {missing}"
        assert not stale, f"{language}: no longer in the code, run `make translations`: {stale}"
        for mid, message in present.items():
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(s.strip() for s in strings), f"{language}: untranslated: {mid!r}"
            assert not message.fuzzy, f"{language}: fuzzy, check and confirm: {mid!r}"


def test_translations_keep_their_placeholders():
    for language in LANGUAGES:
        errors = [(m.id, problems) for m, problems in load(language).check() if problems]
        assert not errors, errors
