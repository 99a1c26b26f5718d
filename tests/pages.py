"""Reading rendered pages the way a browser would post them back."""

from __future__ import annotations

from html.parser import HTMLParser


class _HiddenInputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.values[found["name"]] = found.get("value") or ""


def hidden_inputs(html: str) -> dict[str, str]:
    """The hidden fields of the page's forms (CSRF token, form token), by name."""
    parser = _HiddenInputs()
    parser.feed(html)
    return parser.values


def post_form(client, page_url: str, url: str, data: dict | None = None, **options):
    """Post a form the way a browser would: with the hidden fields of the page it is on."""
    page = client.get(page_url, **options)
    assert page.status_code == 200, page.status_code
    return client.post(
        url, data={**hidden_inputs(page.get_data(as_text=True)), **(data or {})}, **options
    )
