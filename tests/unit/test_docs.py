"""The README stays a short front door whose links all lead somewhere, and the documentation
site (docs/, mkdocs.yml) keeps every page and every setting. `make test` also builds the site
with `mkdocs build --strict`, which fails on a broken link or anchor inside docs/."""

import ast
import itertools
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt

from tests.conftest import REPO

README = REPO / "README.md"
DOCS = REPO / "docs"
README_MAX_LINES = 260
# A script, stylesheet or image that a page would fetch from another site.
FROM_ANOTHER_SITE = re.compile(r"<(?:script|link|img)\b[^>]*(?:src|href)=\"(?:https?:)?//")

# The pages issue 19 asks of the site, by file name.
PAGES = [
    "index.md",
    "getting-started.md",
    "configuration.md",
    "embedding.md",
    "spam-filter.md",
    "moderation.md",
    "api.md",
    "operations.md",
    "deploy.md",
    "security-privacy.md",
    "accessibility.md",
    "performance.md",
    "architecture.md",
    "changelog.md",
]


def _tokens(text: str):
    """Every token of a Markdown text, inline children included (GitHub's tables too)."""
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        yield token
        yield from token.children or ()


def _targets(text: str) -> list[str]:
    """The href of every link and the src of every image."""
    found = []
    for token in _tokens(text):
        if token.type == "link_open":
            found.append(token.attrs["href"])
        elif token.type == "image":
            found.append(token.attrs["src"])
    return found


def _slug(heading: str) -> str:
    """A heading's anchor as MkDocs writes it (Python-Markdown's toc extension)."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _anchors(page: Path) -> set[str]:
    anchors = set()
    tokens = list(MarkdownIt("commonmark").enable("table").parse(page.read_text()))
    for opening, inline in itertools.pairwise(tokens):
        if opening.type == "heading_open":
            text = "".join(child.content for child in inline.children or ())
            anchors.add(_slug(text))
    return anchors


def _broken(source: Path, target: str) -> str | None:
    """Why a relative link from `source` leads nowhere, or None when it resolves."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None  # a web address: not checked offline
    path = source if not parts.path else (source.parent / unquote(parts.path)).resolve()
    if not path.is_relative_to(REPO):
        return f"{target}: outside the repository"
    if not path.exists():
        return f"{target}: no such file"
    if parts.fragment and path.suffix == ".md" and parts.fragment not in _anchors(path):
        return f"{target}: {path.relative_to(REPO)} has no heading #{parts.fragment}"
    return None


def test_the_readme_stays_a_front_door_of_at_most_260_lines():
    lines = README.read_text().count("\n")
    assert lines <= README_MAX_LINES, (
        f"README.md has {lines} lines; move details into a page under docs/ and link it"
    )


def test_every_relative_link_and_image_in_the_readme_leads_to_a_file_in_the_repository():
    targets = _targets(README.read_text())
    assert any(t.startswith("docs/") and t.endswith(".png") for t in targets), "no screenshot"
    assert sum(t.startswith("docs/") and t.endswith(".md") for t in targets) >= 10
    broken = [reason for t in targets if (reason := _broken(README, t))]
    assert broken == []


def test_the_link_check_notices_a_missing_file_and_a_missing_anchor(tmp_path):
    assert _broken(README, "docs/no-such-page.md") == "docs/no-such-page.md: no such file"
    assert _broken(README, "docs/moderation.md#keyboard-shortcuts") is None
    assert "no heading #nope" in _broken(README, "docs/moderation.md#nope")
    assert _broken(README, "../outside.md") == "../outside.md: outside the repository"
    assert _broken(README, "https://isso-comments.de/") is None


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Moderator accounts and security", "moderator-accounts-and-security"),
        ("What each reason means", "what-each-reason-means"),
        ("`make bench`: the figures", "make-bench-the-figures"),
    ],
)
def test_anchors_are_made_the_way_mkdocs_makes_them(heading, anchor):
    assert _slug(heading) == anchor


def test_the_site_has_every_page_in_its_navigation():
    config = (REPO / "mkdocs.yml").read_text()
    for page in PAGES:
        assert (DOCS / page).is_file(), page
        assert re.search(rf":\s+{re.escape(page)}$", config, re.MULTILINE), f"{page} not in nav"
    assert re.search(r"^\s+font: false$", config, re.MULTILINE), "web fonts would load from a CDN"


def test_the_site_builds_strictly_and_loads_nothing_from_another_site(tmp_path):
    site = tmp_path / "site"
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    pages = sorted(site.glob("*.html"))
    assert {page.name for page in pages} >= {p.replace(".md", ".html") for p in PAGES}
    for page in pages:
        html = page.read_text()
        assert FROM_ANOTHER_SITE.findall(html) == [], page
    assert "[Unreleased]" in (site / "changelog.html").read_text()


def test_the_changelog_page_includes_the_changelog_itself():
    assert '--8<-- "CHANGELOG.md"' in (DOCS / "changelog.md").read_text()


def _settings_read() -> set[str]:
    """Every environment variable config.py and gunicorn.conf.py read."""
    names = set()
    for path in (REPO / "config.py", REPO / "gunicorn.conf.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            environ_get = (
                name == "get"
                and isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Attribute)
                and func.value.attr == "environ"
            )
            if (name in {"_env", "_int", "_float", "_bool"} or environ_get) and isinstance(
                first, ast.Constant
            ):
                names.add(first.value)
    return names


def _settings_documented() -> set[str]:
    """The names in the first column of the configuration page's tables."""
    names = set()
    for line in (DOCS / "configuration.md").read_text().splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_every_setting_the_code_reads_is_in_the_configuration_tables():
    read = _settings_read()
    assert {"DATABASE_URL", "SECRET_KEY", "TRUSTED_PROXIES", "WEB_CONCURRENCY"} <= read
    assert read - _settings_documented() == set()


def test_the_configuration_tables_name_no_setting_the_code_does_not_read():
    assert _settings_documented() - _settings_read() == set()
