"""embed.js shows only words the server serves from the catalogs, and the server serves none
that embed.js no longer shows."""

from __future__ import annotations

import re

from service.comments.embed_strings import TEXTS
from tests.conftest import REPO

EMBED_JS = REPO / "service" / "static" / "embed.js"
# t("Some text") and t("Reply to %(author)s", {...}): the texts embed.js translates.
TRANSLATED = re.compile(r'\bt\("((?:[^"\\]|\\.)*)"')


def shown_by_embed_js() -> set[str]:
    return set(TRANSLATED.findall(EMBED_JS.read_text(encoding="utf-8")))


def test_every_text_embed_js_shows_is_served_from_the_catalogs():
    served = {text.msgid for text in TEXTS}
    missing = shown_by_embed_js() - served
    assert not missing, f"add these to service/comments/embed_strings.py TEXTS: {missing}"


def test_the_server_serves_no_text_embed_js_no_longer_shows():
    shown = shown_by_embed_js()
    assert len(shown) > 30
    stale = {text.msgid for text in TEXTS} - shown
    assert not stale, f"embed.js no longer shows these: {stale}"


def test_embed_js_writes_no_visible_english_outside_t():
    # Texts go through t(); a literal that reaches the page by another way would stay English.
    source = EMBED_JS.read_text(encoding="utf-8")
    for pattern in (r'textContent = "[A-Za-z]', r'el\("[a-z0-9]+", "[^"]*", "[A-Z]'):
        assert not re.search(pattern, source), pattern
