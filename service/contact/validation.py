"""The rules an inquiry must meet, shared by the contact form and `POST /api/inquiries`.

Both paths hand the submitted values to `validate_inquiry()`, so a visitor and an API client
get the same limits and the same plain-language messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import phonenumbers
import pydantic

from service.submissions.shapes import (
    SPACE,
    Email,
    MustBeTrue,
    Text,
    characters_where,
    validate_shape,
)
from service.submissions.textfields import FieldProblem
from service.web.i18n import N_

MAX_NAME = 100
MAX_PHONE = 32
MAX_MESSAGE = 5000
MIN_PHONE_DIGITS = 5
FORM_TOKEN_MAX = 1000

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


def _check_phone(phone: str) -> str:
    if any(not (c.isdecimal() or c in _PHONE_PUNCTUATION) for c in phone):
        raise FieldProblem(PHONE_LETTERS_MESSAGE)
    if sum(c.isdecimal() for c in phone) < MIN_PHONE_DIGITS:
        raise FieldProblem(PHONE_SHORT_MESSAGE)
    return phone


_CLASS_ESCAPES = {"-": "\\-", "\u00a0": "\\u00a0"}


def _phone_pattern() -> str:
    digit = f"[{characters_where(str.isdecimal)}]"
    signs = "[" + "".join(_CLASS_ESCAPES.get(c, c) for c in sorted(_PHONE_PUNCTUATION)) + "]"
    return f"^[{SPACE}]*(?:{signs}*{digit}){{{MIN_PHONE_DIGITS},}}{signs}*[{SPACE}]*$"


class _Topic(Text):
    """A configured topic's key; the choices come with the validation (`topics`)."""

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:
        topic = super().check(value, context)
        topics = list(context.get("topics", ()))
        if topic not in topics:
            raise FieldProblem(
                N_("Please choose one of the topics: %(topics)s.", topics=", ".join(topics))
            )
        return topic


class InquiryBody(pydantic.BaseModel):
    """An inquiry as sent. Other keys are ignored."""

    name: Annotated[str, Text(MAX_NAME, required=REQUIRED_MESSAGES["name"])]
    email: Annotated[str, Email(required=REQUIRED_MESSAGES["email"])]
    phone: Annotated[
        str | None,
        Text(
            MAX_PHONE,
            required=None,
            also=_check_phone,
            pattern=_phone_pattern,
            description=f"Digits, spaces and `+ - ( ) . /`; at least {MIN_PHONE_DIGITS} digits.",
        ),
    ] = None
    topic: Annotated[
        str,
        _Topic(
            100, required=REQUIRED_MESSAGES["topic"], description="A `key` of `GET /api/topics`."
        ),
    ]
    message: Annotated[
        str, Text(MAX_MESSAGE, required=REQUIRED_MESSAGES["message"], multiline=True)
    ]
    consent: Annotated[bool, MustBeTrue(CONSENT_MESSAGE)]
    form_token: Annotated[
        str | None,
        Text(FORM_TOKEN_MAX, required=None, description="From `GET /api/form-token`."),
    ] = None


def inquiry_input(body: InquiryBody) -> InquiryInput:
    """The values the service stores from a validated inquiry: the phone also normalised."""
    return InquiryInput(
        name=body.name,
        email=body.email,
        topic=body.topic,
        message=body.message,
        phone=body.phone,
        phone_normalized=normalize_phone(body.phone) if body.phone else None,
    )


def validate_inquiry(data: Mapping[str, Any], topics: list[str]) -> InquiryInput:
    """Check every field of an inquiry. Raises ValidationFailed naming each field's problem.

    `consent` must be exactly `True`; keys other than the inquiry's own are ignored.
    """
    return inquiry_input(validate_shape(InquiryBody, dict(data), context={"topics": topics}))
