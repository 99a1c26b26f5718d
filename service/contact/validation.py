"""The rules an inquiry must meet, shared by the contact form and `POST /api/inquiries`.

Both paths hand the submitted values to `validate_inquiry()`, so a visitor and an API client
get the same limits and the same plain-language messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers

from service.submissions.textfields import Fields
from service.web.i18n import N_

MAX_NAME = 100
MAX_PHONE = 32
MAX_MESSAGE = 5000
MIN_PHONE_DIGITS = 5

# What people type around the digits of a phone number; letters are refused.
_PHONE_PUNCTUATION = frozenset(" +-()./\u00a0")

REQUIRED_MESSAGES = {
    "name": N_("Please tell us your name."),
    "email": N_("Please give your email address, so that we can answer you."),
    "topic": N_("Please choose what your message is about."),
    "message": N_("Please write your message."),
}
CONSENT_MESSAGE = N_(
    "Please tick the box to agree that we may store your message; we cannot answer without it."
)
PHONE_LETTERS_MESSAGE = N_(
    "Please use only digits, spaces and the signs + - ( ) . / in a phone number."
)
PHONE_SHORT_MESSAGE = N_("A phone number has at least %(count)d digits.", count=MIN_PHONE_DIGITS)


@dataclass(frozen=True)
class InquiryInput:
    """The validated values of one inquiry: text as sent after NFC, phone also normalized."""

    name: str
    email: str
    topic: str
    message: str
    phone: str | None = None
    phone_normalized: str | None = None


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def normalize_phone(phone: str) -> str:
    """The number in E.164 when it is unambiguous, else its digits with a leading `+` kept."""
    try:
        parsed = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_possible_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    digits = "".join(str(int(c)) for c in phone if c.isdecimal())
    return ("+" if phone.lstrip().startswith("+") else "") + digits


def _phone(fields: Fields) -> tuple[str | None, str | None]:
    phone = fields.text("phone", MAX_PHONE, required=False)
    if phone is None:
        return None, None
    if any(not (c.isdecimal() or c in _PHONE_PUNCTUATION) for c in phone):
        fields.fail("phone", PHONE_LETTERS_MESSAGE)
        return None, None
    if sum(c.isdecimal() for c in phone) < MIN_PHONE_DIGITS:
        fields.fail("phone", PHONE_SHORT_MESSAGE)
        return None, None
    return phone, normalize_phone(phone)


def _required_text(
    fields: Fields, name: str, max_length: int, multiline: bool = False
) -> str | None:
    if _is_blank(fields.data.get(name)):
        fields.fail(name, REQUIRED_MESSAGES[name])
        return None
    return fields.text(name, max_length, multiline=multiline)


def validate_inquiry(data: Mapping[str, Any], topics: list[str]) -> InquiryInput:
    """Check every field of an inquiry. Raises ValidationFailed naming each field's problem.

    `consent` must be exactly `True`; keys other than the inquiry's own are ignored.
    """
    fields = Fields(dict(data))
    name = _required_text(fields, "name", MAX_NAME)
    email = None
    if _is_blank(data.get("email")):
        fields.fail("email", REQUIRED_MESSAGES["email"])
    else:
        email = fields.email("email")
    phone, phone_normalized = _phone(fields)
    topic = _required_text(fields, "topic", 100)
    if topic is not None and topic not in topics:
        fields.fail(
            "topic", N_("Please choose one of the topics: %(topics)s.", topics=", ".join(topics))
        )
    message = _required_text(fields, "message", MAX_MESSAGE, multiline=True)
    fields.must_be_true("consent", CONSENT_MESSAGE)
    fields.check()
    return InquiryInput(
        name=name,
        email=email,
        topic=topic,
        message=message,
        phone=phone,
        phone_normalized=phone_normalized,
    )
