"""Thread keys: an article's path or slug, normalised the same way wherever one arrives."""

from __future__ import annotations

import re
from typing import Any

from werkzeug.routing import BaseConverter

from service.submissions.shapes import characters_where
from service.web.errors import ValidationFailed

MAX_KEY_LENGTH = 200
_REPEATED_SLASHES = re.compile(r"/{2,}")


class InvalidThreadKey(ValidationFailed, code="invalid_thread_key"):
    default_message = "The thread key must be 1 to 200 printable characters."


def normalise_thread_key(raw: str) -> str:
    """Strip leading and trailing `/`, collapse repeated `/`. Raises InvalidThreadKey."""
    if "\x00" in raw:
        raise InvalidThreadKey(
            "The thread key contains a NUL character.", {"thread_key": ["NUL is not allowed."]}
        )
    if len(raw) > MAX_KEY_LENGTH:
        # Counted as sent too, so that JSON Schema's maxLength says what is accepted.
        raise InvalidThreadKey(
            fields={"thread_key": ["Use 1 to 200 printable characters, like the article's path."]}
        )
    key = _REPEATED_SLASHES.sub("/", raw).strip("/")
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidThreadKey(
            fields={"thread_key": ["Use 1 to 200 printable characters, like the article's path."]}
        )
    return key


def thread_key_schema() -> dict[str, Any]:
    """JSON Schema of a key as sent: printable, not only slashes, at most 200 characters."""
    part = f"[{characters_where(str.isprintable, but_not='/')}]"
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_KEY_LENGTH,
        "pattern": f"^/*{part}(?:/*{part})*/*$",
        "description": "An article's path or slug: printable characters, `/` allowed; "
        "leading and trailing `/` are stripped and repeated `/` collapsed.",
    }


class ThreadKeyConverter(BaseConverter):
    """Matches a key with slashes in it, including leading, trailing and doubled ones, so
    `/threads//blog//post/` reaches the view as sent and is served under its normal form."""

    regex = r"[\s\S]+?"  # any character, line breaks too: normalise_thread_key judges them
    part_isolating = False


# The demo article's thread: `demo load` fills it and `/demo/article` embeds it.
DEMO_THREAD_KEY = "articles/trigger-point-injections"
