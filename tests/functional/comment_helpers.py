"""What the comment tests share: posting like a reader, and judging HTML the way a browser would."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote

CLEAN_BODY = "Thank you, the stretches from this article helped my shoulder a lot."
SPAM_BODY = (
    "Cheap viagra and cialis online, no prescription needed: https://pharma-deals.example/buy"
)


def thread_url(key: str) -> str:
    return f"/api/threads/{quote(key, safe='')}/comments"


def post(client, key: str = "articles/knee-pain", headers: dict | None = None, **fields):
    body = {"author": "Maria", "body": CLEAN_BODY} | fields
    return client.post(thread_url(key), json=body, headers=headers or {})


def comment_form_data(hidden: dict[str, str]) -> dict[str, str]:
    """What a reader's browser posts from the thread page's comment form, given the page's
    hidden fields: the tokens, the trap field left empty and a clean comment by Tom."""
    return {
        "csrf_token": hidden["csrf_token"],
        "form_token": hidden["form_token"],
        "homepage": "",
        "author": "Tom",
        "body": CLEAN_BODY,
    }


def listed_ids(doc: dict) -> list[int]:
    """Every comment id of a thread JSON, replies included, in reading order."""
    found: list[int] = []

    def walk(items: list[dict]) -> None:
        for item in items:
            found.append(item["id"])
            walk(item["replies"])

    walk(doc["comments"])
    return found


def filter_verdict(app, verdict: str) -> None:
    """Make the spam filter's verdict predictable for tests about something else."""
    thresholds = {"ham": (1000.0, 1001.0), "unsure": (-1000.0, 1000.0), "spam": (-1001.0, -1000.0)}
    app.config["SPAM_UNSURE_AT"], app.config["SPAM_AT"] = thresholds[verdict]


SCRIPT_URL = re.compile(r"^(javascript|vbscript|livescript|data):", re.I)
EMBEDS = {"script", "style", "iframe", "frame", "object", "embed", "applet", "base"}


class _Executable(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EMBEDS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            squeezed = "".join(ch for ch in (value or "") if ch > " ")
            if name.startswith("on") or name in ("srcdoc", "style"):
                self.found.append(f"{tag} {name}")
            elif name in ("href", "src", "action", "formaction") and SCRIPT_URL.match(squeezed):
                self.found.append(f"{tag} {name}={value}")


def executable_parts(markup: str) -> list[str]:
    """Script elements, embeds, event handlers and script URLs a browser would act on."""
    parser = _Executable()
    parser.feed(markup)
    parser.close()
    return parser.found
