"""What the staff screens call statuses, verdicts, kinds and actions, in the reader's language.

Stored values and the JSON API keep the contract's short English words (`pending`, `spam`);
these are only the words a person reads. Each is an `N_()` message, so a page translates it
with `translate()` and an English message that quotes one stays as it was.
"""

from __future__ import annotations

from service.i18n import N_, Message

STATUS_LABELS: dict[str, Message] = {
    "pending": N_("pending"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
    "spam": N_("spam"),
    "deleted": N_("deleted"),
    "received": N_("received"),
    "answered": N_("answered"),
    "closed": N_("closed"),
    # The queue's default filter: what waits for a person.
    "open": N_("waiting (pending, received)"),
}
VERDICT_LABELS: dict[str, Message] = {
    "ham": N_("ham"),
    "unsure": N_("unsure"),
    "spam": N_("spam"),
}
KIND_LABELS: dict[str, Message] = {
    "comment": N_("comment"),
    "inquiry": N_("inquiry"),
    # What else the audit log names.
    "moderator": N_("account"),
    "blocklist": N_("blocklist entry"),
}
KIND_PLURAL_LABELS: dict[str, Message] = {
    "comment": N_("comments"),
    "inquiry": N_("inquiries"),
}
# The buttons.
ACTION_LABELS: dict[str, Message] = {
    "approve": N_("Approve"),
    "reject": N_("Reject"),
    "spam": N_("Spam"),
    "ham": N_("Not spam"),
    "delete": N_("Delete"),
    "lock": N_("Lock thread"),
    "unlock": N_("Unlock thread"),
    "close": N_("Close"),
    "answer": N_("Answer"),
    "assign": N_("Assign"),
}
ROLE_LABELS: dict[str, Message] = {
    "admin": N_("Administrator"),
    "moderator": N_("Moderator"),
}
BLOCK_KIND_LABELS: dict[str, Message] = {
    "word": N_("word"),
    "email": N_("email"),
    "domain": N_("domain"),
    "network": N_("network"),
}


def label(labels: dict[str, Message], value: str) -> str:
    """The label of a value, or the value itself when it has none."""
    return labels.get(value, value)
