"""Validation of submitted text fields, shared by forms and the JSON API.

Text is kept as sent after NFC (surrounding white space trimmed); a NUL character or an
unpaired surrogate is refused; lengths count characters after NFC. Every problem is collected
so the answer names all fields at once.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from service.web.i18n import N_

MAX_EMAIL = 254
MAX_URL = 500
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHOLE_NUMBER_TEXT = re.compile(r"[0-9]{1,30}(?:\.0*)?")
# What a field's problem is called; `FIELD_MESSAGES` lets embed.js translate them too.
REQUIRED = N_("This field is required.")
NOT_TEXT = N_("This field must be text.")
BROKEN_CHARACTER = N_("This text contains a broken character; please retype it.")
NUL_CHARACTER = N_("This text contains a NUL character, which is not allowed.")
CONTROL_CHARACTERS = N_("This text contains control characters; please retype it.")
TOO_LONG = N_("Please keep this under %(max)d characters (it has %(count)d).")
EMAIL_SPACES = N_("An email address cannot contain spaces or line breaks.")
NOT_AN_EMAIL = N_("This does not look like an email address (name@example.org).")
URL_SPACES = N_("A web address cannot contain spaces.")
NOT_A_URL = N_("Please give a web address starting with http:// or https://.")
NOT_A_NUMBER = N_("This must be a whole number.")
OUT_OF_RANGE = N_("This must be a number from %(min)d to %(max)d.")
NOT_A_CHOICE = N_("Please choose one of: %(choices)s.")
FIELD_MESSAGES = (
    REQUIRED,
    NOT_TEXT,
    BROKEN_CHARACTER,
    NUL_CHARACTER,
    CONTROL_CHARACTERS,
    TOO_LONG,
    EMAIL_SPACES,
    NOT_AN_EMAIL,
    URL_SPACES,
    NOT_A_URL,
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    NOT_A_CHOICE,
)


class FieldProblem(ValueError):
    """One field's problem, in the words the visitor reads."""

    def __init__(self, message: str) -> None:
        super().__init__(str(message))
        self.message = message


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(
    value: Any, max_length: int, *, required: str | None = REQUIRED, multiline: bool = False
) -> str | None:
    """A string field: NFC, trimmed, no NUL, unpaired surrogate or control character, at most
    max_length characters. Blank is None, or `required` raised when the field must be filled.
    Raises FieldProblem."""
    if is_blank(value):
        if required is not None:
            raise FieldProblem(required)
        return None
    if not isinstance(value, str):
        raise FieldProblem(NOT_TEXT)
    if _SURROGATE.search(value):
        raise FieldProblem(BROKEN_CHARACTER)
    if "\x00" in value:
        raise FieldProblem(NUL_CHARACTER)
    value = unicodedata.normalize("NFC", value)
    # Counted after NFC and before trimming: white space a client sends counts, as it does
    # for JSON Schema's maxLength in the API's document.
    sent = len(value)
    # Control characters count wherever they stand, even where trimming would drop them,
    # so that the rule reads the same in the OpenAPI document as here.
    if _CONTROL.search(value):
        raise FieldProblem(CONTROL_CHARACTERS)
    value = value.strip()
    if not multiline and ("\n" in value or "\r" in value):
        value = " ".join(value.split())
    if sent > max_length:
        raise FieldProblem(TOO_LONG.with_params(max=max_length, count=sent))
    return value


def clean_email(value: Any, *, required: str | None = REQUIRED) -> str | None:
    """An email address checked for syntax only (no DNS look-up). Raises FieldProblem."""
    raw = clean_text(value, MAX_EMAIL, required=required)
    if raw is None:
        return None
    if any(c.isspace() for c in raw):
        raise FieldProblem(EMAIL_SPACES)
    try:
        return validate_email(raw, check_deliverability=False).normalized
    except EmailNotValidError:
        raise FieldProblem(NOT_AN_EMAIL) from None


def clean_url(value: Any, max_length: int = MAX_URL) -> str | None:
    """An optional http or https address. Raises FieldProblem."""
    raw = clean_text(value, max_length, required=None)
    if raw is None:
        return None
    if any(c.isspace() or ord(c) < 32 for c in raw):
        raise FieldProblem(URL_SPACES)
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FieldProblem(NOT_A_URL)
    return raw


def clean_whole_number(
    value: Any, minimum: int, maximum: int, *, from_text: bool = False
) -> int | None:
    """An optional whole number within bounds. JSON booleans are not numbers; a number with
    a zero fraction (`3.0`) is one, as JSON Schema counts it. Text counts only when
    `from_text` (a form or a query string), as ASCII digits with an optional zero fraction.
    Raises FieldProblem."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and from_text and _WHOLE_NUMBER_TEXT.fullmatch(value):
        value = int(value.partition(".")[0])
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldProblem(NOT_A_NUMBER)
    if not minimum <= value <= maximum:
        raise FieldProblem(OUT_OF_RANGE.with_params(min=minimum, max=maximum))
    return value
