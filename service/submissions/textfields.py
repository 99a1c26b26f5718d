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

from service.web.errors import ValidationFailed
from service.web.i18n import N_

MAX_EMAIL = 254
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


class Fields:
    """Collects cleaned values and per-field problems from one submission."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, list[str]] = {}

    def fail(self, name: str, problem: str) -> None:
        self.errors.setdefault(name, []).append(problem)

    def text(
        self, name: str, max_length: int, required: bool = True, multiline: bool = False
    ) -> str | None:
        """A string field: NFC, trimmed, no NUL or lone surrogates, at most max_length."""
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, REQUIRED)
            return None
        if not isinstance(value, str):
            self.fail(name, NOT_TEXT)
            return None
        if _SURROGATE.search(value):
            self.fail(name, BROKEN_CHARACTER)
            return None
        if "\x00" in value:
            self.fail(name, NUL_CHARACTER)
            return None
        value = unicodedata.normalize("NFC", value).strip()
        if not multiline and ("\n" in value or "\r" in value):
            value = " ".join(value.split())
        if _CONTROL.search(value):
            self.fail(name, CONTROL_CHARACTERS)
            return None
        if len(value) > max_length:
            self.fail(name, TOO_LONG.with_params(max=max_length, count=len(value)))
            return None
        return value

    def email(self, name: str = "email", required: bool = True) -> str | None:
        """An email address checked for syntax only (no DNS look-up)."""
        raw = self.text(name, MAX_EMAIL, required=required)
        if raw is None:
            return None
        if any(c.isspace() for c in raw):
            self.fail(name, EMAIL_SPACES)
            return None
        try:
            return validate_email(raw, check_deliverability=False).normalized
        except EmailNotValidError:
            self.fail(name, NOT_AN_EMAIL)
            return None

    def url(self, name: str, max_length: int = 500) -> str | None:
        """An optional http or https address."""
        raw = self.text(name, max_length, required=False)
        if raw is None:
            return None
        if any(c.isspace() or ord(c) < 32 for c in raw):
            self.fail(name, URL_SPACES)
            return None
        parts = urlsplit(raw)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            self.fail(name, NOT_A_URL)
            return None
        return raw

    def integer(self, name: str, minimum: int = 1, maximum: int = 2**53) -> int | None:
        """An optional whole number within bounds (JSON booleans are not numbers)."""
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            # isdecimal, not isdigit: int() refuses digits like "²" that isdigit accepts.
            if isinstance(value, str) and value.strip().isdecimal():
                value = int(value.strip())
            else:
                self.fail(name, NOT_A_NUMBER)
                return None
        if not minimum <= value <= maximum:
            self.fail(name, OUT_OF_RANGE.with_params(min=minimum, max=maximum))
            return None
        return value

    def choice(self, name: str, choices: list[str]) -> str | None:
        value = self.text(name, 100)
        if value is not None and value not in choices:
            self.fail(name, NOT_A_CHOICE.with_params(choices=", ".join(choices)))
            return None
        return value

    def must_be_true(self, name: str, problem: str) -> bool:
        """A checkbox that must be ticked: JSON `true` exactly, nothing that merely looks true."""
        if self.data.get(name) is not True:
            self.fail(name, problem)
            return False
        return True

    def check(self) -> None:
        """Raises ValidationFailed naming every field with a problem."""
        if self.errors:
            raise ValidationFailed(
                "Some fields need attention: " + ", ".join(sorted(self.errors)) + ".",
                self.errors,
            )
