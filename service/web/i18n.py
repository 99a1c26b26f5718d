"""Languages: Flask-Babel, the reader's language and the messages shared with the JSON API.

The reader's language comes from the `lang` cookie set by the language switch, else from
`Accept-Language`, else the clinic's `DEFAULT_LANGUAGE`. The embed frame may also be told its
language by `embed.js` (a `lang` query parameter). Mail is written in `DEFAULT_LANGUAGE`,
whoever's request wrote it (`mail_language()`). Dates and times are shown in the clinic's
`TIMEZONE`. Catalogs live in `service/translations/`; `make translations` extracts, updates and
compiles them.

Messages that the JSON API also returns (validation problems, HTTP and domain error texts) are
built with `N_()`: the value is the English text, so API answers stay English and stable, and it
remembers its message id and parameters so that a page can show it in the reader's language
with `translate()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import pytz
from flask import Flask, current_app, has_app_context, has_request_context, request
from flask_babel import Babel, force_locale, get_locale, gettext

from config import ConfigError

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
# The language the texts are written in, and the default of the DEFAULT_LANGUAGE setting.
SOURCE_LANGUAGE = "en"
LANG_COOKIE = "lang"
LANG_COOKIE_AGE = 365 * 24 * 3600
# The page embed.js puts in its iframe: it follows the language of the page it sits on.
EMBED_FRAME_ENDPOINT = "comments.embed_frame"
MAX_LANGUAGE_CANDIDATES = 10

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

    def with_params(self, **params: Any) -> Message:
        """The same message id filled in with these parameters."""
        return Message(self.msgid, **params)


def N_(msgid: str, **params: Any) -> Message:
    """Mark a message for extraction without translating it now."""
    return Message(msgid, **params)


def translate(text: str) -> str:
    """`text` in the reader's language when the catalog has it, else as it is.

    Parameters that are messages themselves (a status word, say) are translated too."""
    if isinstance(text, Message):
        params = {
            name: translate(value) if isinstance(value, Message) else value
            for name, value in text.params.items()
        }
        return gettext(text.msgid, **params)
    return gettext(text) if text else text


def default_language() -> str:
    """The clinic's language (`DEFAULT_LANGUAGE`): mail, and readers whose browser names none
    of ours."""
    if has_app_context():
        return current_app.config.get("DEFAULT_LANGUAGE") or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def pick_language(tags: Iterable[str]) -> str | None:
    """The first of these language tags (`es-MX`, `en`, `es_ES`) that has a catalog."""
    for tag in list(tags)[:MAX_LANGUAGE_CANDIDATES]:
        code = tag.strip().replace("_", "-").partition("-")[0].lower()
        if code in LANGUAGES:
            return code
    return None


def select_locale() -> str:
    if not has_request_context():
        return default_language()
    if request.endpoint == EMBED_FRAME_ENDPOINT:
        # embed.js names the host page's language: data-lang, <html lang>, the browser's.
        asked = pick_language(request.args.get("lang", "").split(","))
        if asked:
            return asked
    chosen = request.cookies.get(LANG_COOKIE, "")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or default_language()


def select_timezone() -> Any:
    """The clinic's TIMEZONE, as the pytz zone Flask-Babel converts with (UTC if unknown)."""
    from service.web.templating import clinic_zone

    try:
        return pytz.timezone(clinic_zone().key)
    except pytz.UnknownTimeZoneError:
        return pytz.UTC


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else default_language()


@contextmanager
def mail_language() -> Iterator[None]:
    """Write mail in the clinic's DEFAULT_LANGUAGE, whatever language the request is in."""
    with force_locale(default_language()):
        yield


@contextmanager
def language(code: str) -> Iterator[None]:
    """Translate in this language for a while (a catalog language; others give English)."""
    with force_locale(code if code in LANGUAGES else SOURCE_LANGUAGE):
        yield


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


def check_default_language(app: Flask) -> None:
    """Raises ConfigError when DEFAULT_LANGUAGE has no catalog."""
    chosen = app.config.get("DEFAULT_LANGUAGE") or SOURCE_LANGUAGE
    if chosen not in LANGUAGES:
        raise ConfigError(
            f"DEFAULT_LANGUAGE must be one of {', '.join(LANGUAGES)}, not {chosen!r}."
        )


def init_babel(app: Flask) -> None:
    check_default_language(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        timezone_selector=select_timezone,
        default_locale=app.config.get("DEFAULT_LANGUAGE") or SOURCE_LANGUAGE,
    )
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
    if not has_request_context():
        return "/"
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
        "This form is not for emergencies. If this is an emergency, call 112 or your local "
        "emergency number now, or go to the nearest emergency department."
    ),
    N_("within two working days"),
)
