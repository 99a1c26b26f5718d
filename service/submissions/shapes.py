"""Field types that check a value and describe it: one declaration for both.

A request shape is a pydantic model whose fields carry these types. Validating with it runs
the rules of `textfields` (NFC, trimming, no NUL, unpaired surrogate or control character,
lengths in characters) and collects every field's problem in the visitor's words;
`validate_shape()` turns them into the contract's `ValidationFailed` with `fields`. The same
model's JSON Schema goes into `/api/openapi.json`, so a limit changed here changes the
document too.

The JSON Schema says what the rules accept as closely as JSON Schema can: a required text
has a character that is not white space and no control character, anywhere. What it cannot
say (a limit counted after NFC and trimming, an email address's syntax) is in the field's
description.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import pydantic
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from service.submissions.textfields import (
    MAX_EMAIL,
    REQUIRED,
    FieldProblem,
    clean_email,
    clean_text,
    clean_url,
    clean_whole_number,
)
from service.web.errors import ValidationFailed

# Python's white space that is not a control character (str.strip() removes these too).
_SPACE = r"\t\n\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
SPACE = _SPACE
# Text without control characters: what any text field accepts (ECMA-262, as OpenAPI reads it).
TEXT_PATTERN = f"^[^{_CONTROL}]*$"
# ...with at least one character that is not white space: a required field. The first
# class and the second are disjoint, so the match is linear.
FILLED_PATTERN = f"^[{_SPACE}]*[^{_SPACE}{_CONTROL}][^{_CONTROL}]*$"
# Blank, or an http(s) address with a host and no white space inside, white space around it.
WEB_ADDRESS_PATTERN = (
    f"^[{_SPACE}]*(?:[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\[\\]{_SPACE}{_CONTROL}]"
    f"[^{_SPACE}{_CONTROL}]*)?[{_SPACE}]*$"
)
NOT_ACCEPTED = "This field is not accepted here."
NOT_ONE_OF = "Please choose one of: %s."


_RUNS = {True: re.compile(rb"\x01+"), False: re.compile(rb"\x00+")}


def _class_item(code: int) -> str:
    # BMP characters as `\\uXXXX` (Python and ECMA-262 both read it); the others as
    # themselves, which both read too (ECMA-262 with Unicode patterns, as JSON Schema asks).
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


@functools.cache
def characters_where(test: Callable[[str], bool], holds: bool = True, but_not: str = "") -> str:
    """The characters for which `test` (a str method such as `str.isprintable`) is `holds`,
    except `but_not`, as the body of a regular-expression class: the document then says
    exactly what the Python rule accepts. (A class of what is allowed, not a negated one:
    generators such as hypothesis draw from it many times faster.)"""
    # One byte per code point; the runs are the ranges, found at C speed.
    flags = bytearray(map(test, map(chr, range(sys.maxunicode + 1))))
    for character in but_not:
        flags[ord(character)] = not holds
    return "".join(
        _class_item(run.start())
        if run.end() - run.start() == 1
        else f"{_class_item(run.start())}-{_class_item(run.end() - 1)}"
        for run in _RUNS[holds].finditer(flags)
    )


@functools.cache
def _special_use_domains() -> str:
    """A pattern for addresses at a special-use domain (`.test`, `.local`...), from the very
    list email-validator refuses; letters in either case, without `(?i)` (not ECMA-262)."""
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    names = "|".join(
        "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in name)
        for name in SPECIAL_USE_DOMAIN_NAMES
    )
    return f"[@.](?:{names})$"


class _Rule:
    """A field type: `check` validates (raising FieldProblem), `schema` describes."""

    required: str | None = REQUIRED
    description: str | None = None
    # The answer's message when this field is the only one refused (else a list of fields).
    summary: str | None = None

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:  # pragma: no cover
        raise NotImplementedError

    def missing(self) -> str:
        """What a field missing from the request is told."""
        return self.required or REQUIRED

    def schema(self) -> dict[str, Any]:  # pragma: no cover
        raise NotImplementedError

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any, info: core_schema.ValidationInfo) -> Any:
            return self.check(value, info.context or {})

        return core_schema.with_info_plain_validator_function(validate)

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        described = self.schema()
        if self.description:
            described["description"] = self.description
        if self.required is None:
            return {"anyOf": [described, {"type": "null"}]}
        return described


@dataclass(frozen=True)
class Text(_Rule):
    """A text field, trimmed and NFC; `required` is the message for a blank one, or None."""

    max_length: int
    required: str | None = REQUIRED
    multiline: bool = False
    description: str | None = None
    also: Callable[[str], Any] | None = None
    # What `also` accepts, for the document (a callable: some classes are computed).
    pattern: Callable[[], str] | None = None

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:
        text = clean_text(value, self.max_length, required=self.required, multiline=self.multiline)
        return text if text is None or self.also is None else self.also(text)

    def schema(self) -> dict[str, Any]:
        filled = self.required is not None
        pattern = self.pattern() if self.pattern else FILLED_PATTERN if filled else TEXT_PATTERN
        return {
            "type": "string",
            "minLength": 1 if filled else 0,
            "maxLength": self.max_length,
            "pattern": pattern,
        }


@dataclass(frozen=True)
class Email(_Rule):
    required: str | None = REQUIRED
    description: str | None = "Checked for syntax only (no DNS look-up); kept normalised."

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:
        return clean_email(value, required=self.required)

    def schema(self) -> dict[str, Any]:
        address = {
            "type": "string",
            "format": "email",
            "maxLength": MAX_EMAIL,
            # What email-validator refuses besides syntax: special-use domains (RFC 6761).
            "not": {"pattern": _special_use_domains()},
        }
        if self.required is not None:
            return address
        # Optional: blank counts as absent.
        return {"anyOf": [address, {"type": "string", "pattern": f"^[{_SPACE}]*$"}]}


@dataclass(frozen=True)
class WebAddress(_Rule):
    max_length: int
    required: None = None
    description: str | None = "An `http` or `https` address."

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:
        return clean_url(value, self.max_length)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_length, "pattern": WEB_ADDRESS_PATTERN}


@dataclass(frozen=True)
class WholeNumber(_Rule):
    """An optional whole number; text of ASCII digits counts where `from_text` is in the
    validation context (a form, a query string)."""

    minimum: int
    maximum: int
    required: None = None
    description: str | None = None

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:
        return clean_whole_number(
            value, self.minimum, self.maximum, from_text=bool(context.get("from_text"))
        )

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class MustBeTrue(_Rule):
    """A box that must be ticked: JSON `true` exactly, nothing that merely looks true."""

    message: str
    description: str | None = "Exactly `true`."

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:
        if value is not True:
            raise FieldProblem(self.message)
        return True

    def missing(self) -> str:
        return self.message

    def schema(self) -> dict[str, Any]:
        return {"const": True}


@dataclass(frozen=True)
class OneOf(_Rule):
    """One of a fixed list of words, as sent (no trimming); absent or empty is None."""

    choices: tuple[str, ...]
    required: None = None
    description: str | None = None
    # What a value not listed is told, when not the generic "Please choose one of: ...".
    problem: str | None = None
    summary: str | None = None

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:
        if value is None or value == "":
            return None
        if value not in self.choices:
            raise FieldProblem(self.problem or NOT_ONE_OF % ", ".join(self.choices))
        return value

    def schema(self) -> dict[str, Any]:
        # Empty is listed: a form's "any" option sends the parameter with no value.
        return {"enum": [*self.choices, ""]}


@dataclass(frozen=True)
class Pattern(_Rule):
    """Text matching a pattern (ASCII, linear-time), as sent; absent is None."""

    pattern: str
    check_text: Callable[[str], bool]
    problem: str
    required: None = None
    description: str | None = None

    def check(self, value: Any, context: Mapping[str, Any]) -> Any:
        if value is None:
            return None
        if not isinstance(value, str) or not self.check_text(value):
            raise FieldProblem(self.problem)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": self.pattern}


Shape = TypeVar("Shape", bound=pydantic.BaseModel)


def _rule_of(model: type[pydantic.BaseModel], name: str) -> _Rule | None:
    field = model.model_fields.get(name)
    for item in field.metadata if field else ():
        if isinstance(item, _Rule):
            return item
    return None


def _problem(model: type[pydantic.BaseModel], name: str, error: Any) -> str:
    found = (error.get("ctx") or {}).get("error")
    if isinstance(found, FieldProblem):
        return found.message
    if error["type"] == "missing":
        rule = _rule_of(model, name)
        return rule.missing() if rule is not None else REQUIRED
    if error["type"] == "extra_forbidden":
        return NOT_ACCEPTED
    return str(error["msg"])


def validate_shape(
    model: type[Shape], data: Any, *, context: Mapping[str, Any] | None = None
) -> Shape:
    """`data` checked against a declared shape. Raises ValidationFailed naming every field."""
    try:
        return model.model_validate(data, context=dict(context or {}))
    except pydantic.ValidationError as error:
        problems: dict[str, list[str]] = {}
        for item in error.errors(include_url=False):
            name = str(item["loc"][0]) if item["loc"] else "body"
            problems.setdefault(name, []).append(_problem(model, name, item))
        only = _rule_of(model, next(iter(problems))) if len(problems) == 1 else None
        message = (
            only.summary
            if only is not None and only.summary
            else "Some fields need attention: " + ", ".join(sorted(problems)) + "."
        )
        raise ValidationFailed(message, problems) from None
