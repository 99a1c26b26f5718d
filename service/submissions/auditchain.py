"""The audit log's keyed hash chain: sealing new entries and verifying the whole chain.

Every entry gets a place (`seq`, 1, 2, 3, ... with no gaps), the hash of the entry before it
(`prev_hash`; the first entry has `GENESIS`) and its own hash (`entry_hash`): HMAC-SHA256, under
the chain key, of its canonical content (place, time, actor, action, item, detail, previous hash
and key id). Someone who can write to the database but does not hold the key cannot edit, delete,
insert or reorder entries without `verify` finding the first entry that no longer fits.

The key is `AUDIT_CHAIN_KEY`, or, when that is unset, a key derived from `SECRET_KEY` with HKDF
(a distinct key: knowing one hash never helps with sessions, and the reverse). Each entry names
the key it was sealed with (`key_id`); former keys listed in `AUDIT_CHAIN_KEYS_PREVIOUS` keep
older entries verifiable after a change.

Appending is serialised by the one row of `audit_chain_head`: an append first updates that row
(a row lock on PostgreSQL, the write lock on SQLite), reads the last place and hash, seals its
entries and stores the new end. Other writers, in any worker or instance, wait for the commit.

Retention may delete the oldest entries: it then writes an `audit.anchor` entry naming the last
deleted place and hash, and `verify` starts from it. The anchor is itself sealed in the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from service.data.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64
ANCHOR_ACTION = "audit.anchor"
_FORMAT = 1  # the canonical form's version, hashed with every entry
_BATCH = 1000

_HEAD = AuditChainHead.__table__
_EVENTS = AuditEvent.__table__


class ChainKeyError(ValueError):
    """An entry was sealed with a key that is not configured."""


def _derive(secret: str) -> bytes:
    """The chain key derived from a secret (SECRET_KEY, or an old one): HKDF-SHA256."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"clinic-desk audit chain v1"
    ).derive(secret.encode())


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"clinic-desk audit key id" + key).hexdigest()[:16]


def current_key(config: Any | None = None) -> tuple[str, bytes]:
    """(key id, key) that seals new entries."""
    config = config if config is not None else current_app.config
    explicit = config.get("AUDIT_CHAIN_KEY")
    key = explicit.encode() if explicit else _derive(config["SECRET_KEY"])
    return key_id(key), key


def known_keys(config: Any | None = None) -> dict[str, bytes]:
    """Every key `verify` accepts, by id: the current one and, for each former secret listed
    in AUDIT_CHAIN_KEYS_PREVIOUS, both the secret itself (a former AUDIT_CHAIN_KEY) and the key
    derived from it (a former SECRET_KEY)."""
    config = config if config is not None else current_app.config
    keys = dict([current_key(config)])
    for secret in config.get("AUDIT_CHAIN_KEYS_PREVIOUS") or []:
        for key in (secret.encode(), _derive(secret)):
            keys.setdefault(key_id(key), key)
    return keys


def _timestamp(at: dt.datetime | str) -> str:
    if isinstance(at, str):  # SQLite's stored text, as a driver-level read returns it
        at = dt.datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: dict[str, Any]) -> bytes:
    """The bytes an entry's hash covers. The moderator's id is left out on purpose: removing an
    account sets it to NULL, and the actor's address already names who acted."""
    content = [
        _FORMAT,
        entry["seq"],
        _timestamp(entry["at"]),
        entry["actor"],
        entry["action"],
        entry["kind"],
        entry["item_id"],
        entry["detail"],
        entry["prev_hash"],
        entry["key_id"],
    ]
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(key: bytes, entry: dict[str, Any]) -> str:
    return hmac.new(key, canonical(entry), hashlib.sha256).hexdigest()


def normalise_detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    """The detail as it will read back from the JSON column (keys as text, tuples as lists),
    so the hash made now matches the one `verify` recomputes."""
    return json.loads(json.dumps(detail or {}))


def _claim(connection: sa.Connection, count: int) -> tuple[int, str]:
    """Lock the chain's head and reserve `count` places; returns (last place, last hash)
    before the reservation. One statement: the UPDATE takes the lock and reads the row."""
    advance = (
        sa.update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(seq=_HEAD.c.seq + count)
        .returning(_HEAD.c.seq, _HEAD.c.last_hash)
    )
    found = connection.execute(advance).first()
    if found is None:
        # The first entry ever (or a database built without migrations): create the head.
        # Two first writers at once: the second waits on the key and inserts nothing.
        insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        connection.execute(
            insert(_HEAD).values(id=1, seq=0, last_hash=GENESIS).on_conflict_do_nothing()
        )
        found = connection.execute(advance).one()
    seq, last_hash = found
    return seq - count, last_hash


def seal(connection: sa.Connection, rows: list[dict[str, Any]], config: Any | None = None) -> None:
    """Give each new entry (a dict of column values, in order) its place, previous hash, key id
    and hash, and move the chain's head past them. Call in the transaction that inserts them."""
    if not rows:
        return
    kid, key = current_key(config)
    seq, last_hash = _claim(connection, len(rows))
    for row in rows:
        seq += 1
        row["detail"] = normalise_detail(row.get("detail"))
        row.update(seq=seq, prev_hash=last_hash, key_id=kid)
        row["entry_hash"] = last_hash = entry_hash(key, row)
    connection.execute(sa.update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=last_hash))


def seal_unsealed(connection: sa.Connection, config: Any | None = None) -> int:
    """Chain the entries written before the chain existed, oldest first (the migration that
    adds the chain runs this once). Returns how many were sealed."""
    columns = [_EVENTS.c[name] for name in ("id", "at", "actor", "action", "kind", "item_id")]
    rows = [
        dict(row._mapping)
        for row in connection.execute(
            sa.select(*columns, _EVENTS.c.detail)
            .where(_EVENTS.c.seq.is_(None))
            .order_by(_EVENTS.c.id)
        )
    ]
    seal(connection, rows, config)
    for row in rows:
        connection.execute(
            sa.update(_EVENTS)
            .where(_EVENTS.c.id == row["id"])
            .values(
                seq=row["seq"],
                prev_hash=row["prev_hash"],
                entry_hash=row["entry_hash"],
                key_id=row["key_id"],
                detail=row["detail"],
            )
        )
    return len(rows)


@dataclass
class ChainReport:
    """What `verify` found. `broken` names the first entry that does not fit, if any."""

    checked: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    last_hash: str = GENESIS
    anchored_at: int | None = None  # the first place after purged entries, when an anchor holds
    key_changes: list[int] = field(default_factory=list)  # places sealed under a new key
    broken_id: int | None = None
    broken_seq: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None

    def summary(self) -> str:
        """One line for a person (and a log)."""
        if not self.intact:
            where = f"entry id {self.broken_id}" if self.broken_id is not None else "the chain"
            if self.broken_seq is not None:
                where += f" (seq {self.broken_seq})"
            return f"Audit chain BROKEN at {where}: {self.problem}"
        if not self.checked:
            return "Audit chain intact: no entries yet."
        start = (
            f", starting after {self.anchored_at - 1} purged entries (anchor)"
            if self.anchored_at
            else ""
        )
        keys = (
            f"; key changed at seq {', '.join(str(seq) for seq in self.key_changes)}"
            if self.key_changes
            else ""
        )
        return (
            f"Audit chain intact: {self.checked} entries, seq {self.first_seq} to "
            f"{self.last_seq}{start}{keys}; head {self.last_hash[:16]}."
        )


def count_entries(session: Any) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(_EVENTS)) or 0


_COLUMNS = (
    AuditEvent.id,
    AuditEvent.seq,
    AuditEvent.at,
    AuditEvent.actor,
    AuditEvent.action,
    AuditEvent.kind,
    AuditEvent.item_id,
    AuditEvent.detail,
    AuditEvent.prev_hash,
    AuditEvent.entry_hash,
    AuditEvent.key_id,
)


def _pages(session: Any) -> Iterable[list[Any]]:
    """Sealed entries (plain rows) in chain order, a batch at a time (keyset on seq)."""
    after = None
    while True:
        query = sa.select(*_COLUMNS).where(AuditEvent.seq.is_not(None))
        if after is not None:
            query = query.where(AuditEvent.seq > after)
        page = list(session.execute(query.order_by(AuditEvent.seq).limit(_BATCH)))
        if not page:
            return
        yield page
        after = page[-1].seq


def _as_entry(event: Any) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "action": event.action,
        "kind": event.kind,
        "item_id": event.item_id,
        "detail": event.detail,
        "prev_hash": event.prev_hash,
        "key_id": event.key_id,
    }


def verify(session: Any, progress: Callable[[int], Any] | None = None) -> ChainReport:
    """Walk the chain in order and report the first entry that does not fit: an edited entry
    (its hash differs), a deleted one (a gap in the places, or a previous hash that does not
    match), reordered ones, entries outside the chain, or a head the entries do not reach."""
    report = ChainReport()
    keys = known_keys()
    unsealed = session.scalar(sa.select(sa.func.min(AuditEvent.id)).where(AuditEvent.seq.is_(None)))
    expected_prev: str | None = None
    expected_seq: int | None = None
    needs_anchor: tuple[int, str] | None = None  # (last purged place, its hash)
    anchor_found = False
    previous_key: str | None = None

    def broken(event: Any, problem: str) -> ChainReport:
        report.broken_id, report.broken_seq, report.problem = event.id, event.seq, problem
        return report

    for page in _pages(session):
        for event in page:
            if expected_seq is None:
                report.first_seq = event.seq
                if event.seq != 1 or event.prev_hash != GENESIS:
                    needs_anchor = (event.seq - 1, event.prev_hash or "")
            elif event.seq != expected_seq:
                missing = f"seq {expected_seq}" + (
                    f" to {event.seq - 1}" if event.seq - 1 > expected_seq else ""
                )
                return broken(event, f"the entries before it ({missing}) are missing.")
            elif event.prev_hash != expected_prev:
                return broken(event, "it does not follow the entry before it (moved or replaced).")
            key = keys.get(event.key_id or "")
            if key is None:
                return broken(
                    event,
                    f"it was sealed with key {event.key_id}, which is not configured "
                    "(list the former key in AUDIT_CHAIN_KEYS_PREVIOUS).",
                )
            if not hmac.compare_digest(entry_hash(key, _as_entry(event)), event.entry_hash or ""):
                return broken(event, "its content does not match its hash (edited).")
            if (
                needs_anchor is not None
                and event.action == ANCHOR_ACTION
                and event.detail.get("through_seq") == needs_anchor[0]
                and event.detail.get("last_hash") == needs_anchor[1]
            ):
                anchor_found = True
            if expected_seq is not None and event.key_id != previous_key:
                report.key_changes.append(event.seq)
            previous_key = event.key_id
            expected_seq, expected_prev = event.seq + 1, event.entry_hash
            report.checked += 1
            report.last_seq, report.last_hash = event.seq, event.entry_hash
        if progress is not None:
            progress(len(page))

    if needs_anchor is not None and not anchor_found:
        first = session.execute(
            sa.select(*_COLUMNS).where(AuditEvent.seq == report.first_seq)
        ).one()
        return broken(
            first,
            f"the {needs_anchor[0]} entries before it are missing and no anchor records "
            "their purge.",
        )
    if needs_anchor is not None:
        report.anchored_at = report.first_seq
    if unsealed is not None:
        report.broken_id, report.problem = unsealed, "it is not in the chain (no place or hash)."
        return report
    head = session.execute(sa.select(_HEAD.c.seq, _HEAD.c.last_hash).where(_HEAD.c.id == 1)).first()
    head_seq, head_hash = head if head else (0, GENESIS)
    if head_seq != (report.last_seq or 0) or head_hash != report.last_hash:
        report.broken_seq = report.last_seq
        report.problem = (
            f"the chain's head is at seq {head_seq} but the entries end at seq "
            f"{report.last_seq or 0}: the newest entries were deleted or the head was edited."
        )
    return report


@dataclass(frozen=True)
class Purged:
    """What `purge_oldest` removed: the last place and its hash, and how many entries."""

    through_seq: int
    last_hash: str
    count: int

    def anchor_detail(self, cutoff: dt.datetime) -> dict[str, Any]:
        """The detail of the `audit.anchor` entry that `verify` starts from."""
        return {
            "through_seq": self.through_seq,
            "last_hash": self.last_hash,
            "purged": self.count,
            "older_than": _timestamp(cutoff),
        }


def purge_oldest(connection: sa.Connection, cutoff: dt.datetime) -> Purged | None:
    """Delete the oldest entries: every place up to the last one written before `cutoff`.
    The caller records an `audit.anchor` entry with `anchor_detail` in the same transaction,
    so the chain still verifies. None when nothing is old enough."""
    through = connection.scalar(sa.select(sa.func.max(_EVENTS.c.seq)).where(_EVENTS.c.at < cutoff))
    if through is None:
        return None
    last_hash = connection.scalar(sa.select(_EVENTS.c.entry_hash).where(_EVENTS.c.seq == through))
    deleted = connection.execute(sa.delete(_EVENTS).where(_EVENTS.c.seq <= through)).rowcount
    return Purged(through, last_hash or "", deleted or 0)
