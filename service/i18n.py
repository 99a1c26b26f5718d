"""Languages: Flask-Babel, the reader's language and the messages shared with the JSON API.

The reader's language comes from the `lang` cookie set by the language switch, else from
`Accept-Language`, else English. Catalogs live in `service/translations/`; `make
translations` extracts, updates and compiles them.

Messages that the JSON API also returns (validation problems, HTTP error texts) are built with
`N_()`: the value is the English text, so API answers stay English and stable, and it remembers
its message id and parameters so that a page can show it in the reader's language with
`translate()`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, request
from flask_babel import Babel, get_locale, gettext

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGE = "en"
LANG_COOKIE = "lang"
LANG_COOKIE_AGE = 365 * 24 * 3600

babel = Babel()


class Message(str):
    """English text that remembers its message id and parameters for translation."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> Message:
        text = super().__new__(cls, msgid % params if params else msgid)
        text.msgid = msgid
        text.params = params
        return text


def N_(msgid: str, **params: Any) -> Message:
    """Mark a message for extraction without translating it now."""
    return Message(msgid, **params)


def translate(text: str) -> str:
    """`text` in the reader's language when the catalog has it, else as it is."""
    if isinstance(text, Message):
        return gettext(text.msgid, **text.params)
    return gettext(text) if text else text


# Staff screens are not translated yet: they stay English throughout, `<html lang>` included.
ENGLISH_ONLY_BLUEPRINTS = frozenset({"moderation"})


def select_locale() -> str:
    if request.blueprint in ENGLISH_ONLY_BLUEPRINTS:
        return DEFAULT_LANGUAGE
    chosen = request.cookies.get(LANG_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def safe_next(target: str | None) -> str:
    """A path on this site to return to; anything else (another host, a scheme) gives `/`."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target or any(ord(c) < 32 for c in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def init_babel(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, default_locale=DEFAULT_LANGUAGE)
    app.add_template_filter(translate, "translate_message")

    @app.context_processor
    def _language_globals() -> dict[str, object]:
        return {
            "page_lang": current_language(),
            "languages": LANGUAGES,
            "translate": translate,
            "current_path": _current_path(),
        }


def _current_path() -> str:
    return request.full_path if request.query_string else request.path


# The built-in texts of settings a clinic usually keeps (config.py); a clinic that changes them
# adds its own wording to the catalogs.
_CONFIG_DEFAULTS = (
    N_("Appointment"),
    N_("Question about a treatment"),
    N_("Billing and insurance"),
    N_("Something else"),
    N_(
        "I agree that the clinic stores my message and contact details to answer my inquiry, "
        "and deletes them when they are no longer needed."
    ),
    N_(
        "This form is not for emergencies. If you need urgent help, call your local emergency "
        "number or go to the nearest emergency department."
    ),
    N_("within two working days"),
)
