"""The blocklist the spam filter reads: words, emails, domains, addresses and CIDR ranges.

Entries are checked with the filter's own validators and stored in the form it matches, so
what an administrator sees is exactly what the filter uses.
"""

from __future__ import annotations

import sqlalchemy as sa

from service.data.database import transaction
from service.data.extensions import db
from service.data.models import BlockKind, BlocklistEntry, Moderator
from service.spam.submission import (
    validate_blocked_domain,
    validate_blocked_email,
    validate_blocked_network,
    validate_blocked_word,
)
from service.submissions import audit
from service.web.errors import Conflict, NotFound, ValidationFailed
from service.web.i18n import N_

MAX_VALUE = 254
MAX_NOTE = 200
_INVALID = {
    BlockKind.WORD: N_("The blocked word %(value)s has no letters or digits."),
    BlockKind.EMAIL: N_("The blocked email %(value)s is not an email address."),
    BlockKind.DOMAIN: N_("The blocked domain %(value)s is not a domain name like example.com."),
    BlockKind.NETWORK: N_(
        "The blocked address range %(value)s is not an IP address or a CIDR range like "
        "203.0.113.0/24."
    ),
}


def list_entries() -> list[BlocklistEntry]:
    return list(
        db.session.scalars(
            sa.select(BlocklistEntry).order_by(BlocklistEntry.kind, BlocklistEntry.value)
        )
    )


def canonical_value(kind: BlockKind, value: str) -> str:
    """The entry as the filter matches it. Raises ValidationFailed with the filter's message."""
    value = (value or "").strip()
    if not value:
        message = N_("Enter what to block.")
        raise ValidationFailed(message, {"value": [message]})
    if len(value) > MAX_VALUE:
        message = N_("Keep it under %(max)d characters.", max=MAX_VALUE)
        raise ValidationFailed(message, {"value": [message]})
    try:
        if kind is BlockKind.WORD:
            return validate_blocked_word(value)
        if kind is BlockKind.EMAIL:
            return validate_blocked_email(value)
        if kind is BlockKind.DOMAIN:
            return validate_blocked_domain(value)
        return str(validate_blocked_network(value))
    except ValueError:
        # The filter's validators speak English only; say the same in the reader's language.
        message = _INVALID[kind].with_params(value=repr(value))
        raise ValidationFailed(message, {"value": [message]}) from None


def parse_kind(kind: str) -> BlockKind:
    try:
        return BlockKind(kind)
    except ValueError:
        message = N_("Choose what kind of entry this is.")
        raise ValidationFailed(message, {"kind": [message]}) from None


def add_entry(kind: str, value: str, note: str, actor: Moderator) -> BlocklistEntry:
    """Block something. Raises ValidationFailed, or Conflict when it is already blocked."""
    block_kind = parse_kind(kind)
    stored = canonical_value(block_kind, value)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        message = N_("Keep the note under %(max)d characters.", max=MAX_NOTE)
        raise ValidationFailed(message, {"note": [message]})
    with transaction():
        exists = db.session.scalar(
            sa.select(BlocklistEntry.id).where(
                BlocklistEntry.kind == block_kind, BlocklistEntry.value == stored
            )
        )
        if exists is not None:
            raise Conflict(N_("%(value)s is already on the blocklist.", value=stored))
        entry = BlocklistEntry(kind=block_kind, value=stored, note=note, created_by=actor.email)
        db.session.add(entry)
        db.session.flush()
        audit.record(
            "blocklist.add",
            actor,
            "blocklist",
            entry.id,
            {"kind": block_kind.value, "value": stored},
        )
    return entry


def remove_entry(entry_id: int, actor: Moderator) -> BlocklistEntry:
    """Unblock an entry. Raises NotFound."""
    with transaction():
        entry = db.session.get(BlocklistEntry, entry_id)
        if entry is None:
            raise NotFound(N_("That entry is no longer on the blocklist."))
        audit.record(
            "blocklist.remove",
            actor,
            "blocklist",
            entry.id,
            {"kind": entry.kind.value, "value": entry.value},
        )
        db.session.delete(entry)
    return entry
