"""Markdown to safe HTML, once, when a comment is written.

markdown-it-py parses without raw HTML; nh3 then keeps only an allow-list of tags and
attributes, `http`, `https` and `mailto` links, and adds `rel="nofollow ugc noopener"`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
    "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .disable(["image", "heading", "lheading", "html_block", "html_inline"])
    .enable("strikethrough")
)


def _only_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    """Drop a link target without an allowed scheme.

    nh3 lets relative URLs through; in a comment they only serve to smuggle things like
    `java%09script:` past a reader's eye, so a link must name http, https or mailto.
    """
    if tag == "a" and attribute == "href":
        try:
            scheme = urlsplit(value).scheme.lower()
        except ValueError:
            return None
        return value if scheme in URL_SCHEMES else None
    return value


def render_markdown(source: str) -> str:
    """Render a comment's markdown to sanitised HTML."""
    return sanitise_html(_markdown.render(source))


def sanitise_html(html: str) -> str:
    """Keep only the allow-listed tags, attributes and link schemes of `html` (a rendered
    comment, or an imported one that arrived as HTML)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_only_absolute_links,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    ).strip()
