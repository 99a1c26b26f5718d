"""The health-information guard's reason: a comment that seems to disclose its writer's own
health details or contact data waits for a moderator, whatever the filter thought of it.

The detector is `service.spam.health_disclosure`; this module turns what it found into the
stored reason (`personal_health_info`), whose detail names only the kinds of detail found,
never the text."""

from __future__ import annotations

from collections.abc import Iterable

from service.spam.health_disclosure import disclosed_kinds
from service.web.i18n import N_, Message

PERSONAL_HEALTH_INFO = "personal_health_info"
DETAIL_PREFIX = "personal details found: "
# Each kind of detail in a person's words (readers and staff).
KIND_LABELS: dict[str, Message] = {
    "diagnosis": N_("a diagnosis or condition"),
    "medication": N_("a medicine and its dose"),
    "birth_date": N_("a date of birth"),
    "phone": N_("a phone number"),
    "patient_number": N_("a patient or record number"),
    "email": N_("an email address"),
}


def comment_text(body: str, title: str | None = None) -> str:
    """What readers would see of a comment: its title and its text."""
    return f"{title}\n{body}" if title else body


def health_reason(text: str) -> dict | None:
    """The stored reason for a text that discloses personal details, or None."""
    kinds = disclosed_kinds(text)
    if not kinds:
        return None
    return {"rule": PERSONAL_HEALTH_INFO, "points": 0.0, "detail": DETAIL_PREFIX + ", ".join(kinds)}


def with_health_reason(reasons: Iterable[dict], text: str) -> list[dict]:
    """`reasons` with the guard's reason for `text` in place of any earlier one."""
    kept = [reason for reason in reasons if reason.get("rule") != PERSONAL_HEALTH_INFO]
    reason = health_reason(text)
    return [*kept, reason] if reason else kept


def has_health_reason(reasons: Iterable[dict] | None) -> bool:
    return any(reason.get("rule") == PERSONAL_HEALTH_INFO for reason in reasons or ())
