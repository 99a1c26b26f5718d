"""The words embed.js shows, served from the catalogs so that they stay the one source.

`embed.js` asks `/embed/strings?lang=es,en` once and gets, in the first of those languages that
has a catalog: its texts keyed by their English wording, the JSON API's error codes in words,
the field problems the API sends in English as patterns with their translations (embed.js
matches them and carries the numbers over), and the clinic's time zone for dates.
`tests/unit/test_embed_strings.py` fails when embed.js shows a text that is not listed here.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext

from service.submissions.health_guard import KIND_LABELS
from service.submissions.textfields import FIELD_MESSAGES
from service.web.errors import HTTP_MESSAGES
from service.web.i18n import N_, Message, language
from service.web.templating import clinic_zone

TEXTS: tuple[Message, ...] = (
    N_("Comments"),
    N_("More comments"),
    N_("No comments yet. Be the first to share your thoughts."),
    N_("Comments on this article are closed."),
    N_("This comment was removed."),
    N_("Clinic staff"),
    N_("Awaiting moderation"),
    N_("(edited)"),
    N_("Only you can see this until a moderator publishes it."),
    N_("Reply"),
    N_("Reply to %(author)s"),
    N_("Edit"),
    N_("Delete"),
    N_("Yes, delete it"),
    N_("Report"),
    N_("Report this comment"),
    N_("Cancel"),
    N_("Save"),
    N_("Sending…"),
    N_("Leave a comment"),
    N_("Post comment"),
    N_("Post reply"),
    N_("Your name"),
    N_("Email (optional, never shown)"),
    N_("Your comment"),
    N_("Your reply"),
    N_("Edit your comment"),
    N_("What is wrong with this comment?"),
    N_("Send report"),
    N_("Thank you! Your comment is published."),
    N_("Thank you! Your comment is awaiting moderation; only you can see it for now."),
    N_("Your change is saved."),
    N_("Your change is saved and awaits moderation."),
    N_("Your comment was deleted."),
    N_("Thank you. A moderator will look at this comment again."),
    N_("Something went wrong. Please try again."),
    N_("The comments could not be reached. Please try again."),
    N_("Email me when someone replies (we ask you to confirm first)"),
    N_("Follow this thread"),
    N_("Once your address is confirmed, we will mail you replies."),
    N_("Order"),
    N_("Oldest first"),
    N_("Newest first"),
    N_("Clinic answers first"),
    N_("Pinned by the clinic"),
    N_("Preview"),
    N_("This is how your comment will look. It is not posted yet."),
    N_(
        "Markdown works: **bold**, *italic*, > quotes, lists and links. "
        "Please do not share personal health details here."
    ),
    # The health-information prompt before posting.
    N_("This will be public. For questions about your own care, use the private contact form."),
    N_(
        "Your comment seems to include %(details)s. Anyone can read a published comment, and "
        "search engines keep it."
    ),
    N_("Use the private contact form"),
    N_(
        "Or change your comment below, or post it anyway: a moderator will read it before it "
        "appears."
    ),
    N_("Post publicly anyway"),
    *KIND_LABELS.values(),
)

# What the comment API's error codes mean to a reader (the API's own messages stay English).
ERRORS: dict[str, Message] = {
    **{code: message for code, message in HTTP_MESSAGES.values()},
    "invalid": N_("Some fields need attention."),
    "thread_locked": N_("Comments on this article are closed."),
    "edit_window_closed": N_(
        "This comment can no longer be changed: the time for edits has passed."
    ),
    "bad_edit_token": N_("This comment can no longer be changed from this browser."),
    "comment_not_found": N_("This comment is no longer there."),
    # The API's only plain 403: the page's origin is neither PUBLIC_URL's nor allowed.
    "forbidden": N_(
        "This page's address is not allowed to use the clinic's comments. The clinic must add "
        "it to ALLOWED_ORIGINS, or set PUBLIC_URL to the address the service is reached at."
    ),
}

# Problems named per field: the text-field rules, and a reply whose comment went away.
FIELD_PROBLEMS: tuple[Message, ...] = (
    *FIELD_MESSAGES,
    N_("Reply to a published comment of this thread."),
)


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
_REGEX_SPECIAL = re.compile(r"[.*+?^${}()|\[\]\\/]")


def field_pattern(msgid: str) -> list[str]:
    """A field problem as embed.js matches it: a JavaScript pattern of the English text, whose
    groups catch the numbers, and the translation with `$1`, `$2` where they go."""
    parts = _PLACEHOLDER.split(msgid)  # text, name, text, name, ..., text
    names = parts[1::2]
    source = "".join(
        "(.+?)" if index % 2 else _REGEX_SPECIAL.sub(r"\\\g<0>", part)
        for index, part in enumerate(parts)
    )
    translation = _PLACEHOLDER.sub(
        lambda match: f"${names.index(match.group(1)) + 1}", gettext(msgid)
    )
    return [f"^{source}$", translation]


def embed_strings(code: str) -> dict[str, Any]:
    """Everything embed.js needs to speak this catalog language."""
    with language(code):
        return {
            "lang": code,
            "timezone": clinic_zone().key,
            "strings": {text.msgid: gettext(text.msgid) for text in TEXTS},
            "errors": {name: gettext(message.msgid) for name, message in ERRORS.items()},
            "fields": [field_pattern(problem.msgid) for problem in FIELD_PROBLEMS],
        }
