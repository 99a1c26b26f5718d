"""`flask --app wsgi export PATH`: everything a site holds, as one versioned JSON document that
`import json` reads back. The format is described in docs/moving.md.

Written row by row (the document is never built in memory). Inquiries, with their answers, are
health information: they are in the file, decrypted, only when asked for with
`--include-inquiries`; without it the file holds no inquiry at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

import sqlalchemy as sa
from flask import current_app

from service.data.database import isoformat, utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    BlocklistEntry,
    Comment,
    Inquiry,
    InquiryReply,
    Moderator,
    Thread,
)
from service.submissions import audit

FORMAT = "clinic-desk-export"
VERSION = 1
# The settings that shape what the data means (the rest are deployment details or secrets).
SETTINGS = (
    "CLINIC_NAME",
    "PUBLIC_URL",
    "MODERATION_MODE",
    "INQUIRY_TOPICS",
    "CONSENT_TEXT",
    "EDIT_WINDOW_MINUTES",
    "COMMENT_MAX_DEPTH",
    "SPAM_UNSURE_AT",
    "SPAM_AT",
    "RETENTION_SPAM_DAYS",
    "RETENTION_CLOSED_INQUIRY_DAYS",
    "TIMEZONE",
    "DEFAULT_LANGUAGE",
)
BATCH = 1000


def _value(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return isoformat(value)
    if hasattr(value, "value") and not isinstance(value, (int, float, str)):
        return value.value
    return value


def _row(obj: Any, columns: Iterable[str]) -> dict[str, Any]:
    return {name: _value(getattr(obj, name)) for name in columns}


THREAD_COLUMNS = ("id", "key", "title", "locked", "created_at")
COMMENT_COLUMNS = (
    "id",
    "thread_id",
    "parent_id",
    "author",
    "email",
    "website",
    "title",
    "body",
    "body_html",
    "status",
    "verdict",
    "score",
    "staff_label",
    "is_staff",
    "flagged",
    "flag_reason",
    "client_address",
    "import_source",
    "import_id",
    "created_at",
    "edited_at",
)
INQUIRY_COLUMNS = (
    "id",
    "name",
    "email",
    "phone",
    "topic",
    "message",
    "consent_at",
    "consent_version",
    "status",
    "verdict",
    "score",
    "staff_label",
    "client_address",
    "created_at",
    "answered_at",
    "closed_at",
)
REPLY_COLUMNS = ("id", "moderator_id", "author", "body", "verdict", "score", "created_at")
# With the chain's fields, so a copy of the log can be checked against the live one.
AUDIT_COLUMNS = ("id", "at", *audit.ENTRY_COLUMNS, *audit.CHAIN_COLUMNS)
MODERATOR_COLUMNS = (
    "id",
    "email",
    "name",
    "role",
    "active",
    "scope_kinds",
    "scope_topics",
    "created_at",
)
BLOCKLIST_COLUMNS = ("id", "kind", "value", "note", "created_by", "created_at")


def _rows(model: type, columns: tuple[str, ...], order: Any) -> Iterator[dict[str, Any]]:
    statement = sa.select(model).order_by(order).execution_options(yield_per=BATCH)
    for obj in db.session.scalars(statement):
        yield _row(obj, columns)


def _audit_rows() -> Iterator[dict[str, Any]]:
    """The audit log, each time to the microsecond: the chain's hashes cover it, so `import
    json` can copy the entries verbatim and the copy still verifies."""
    statement = sa.select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=BATCH)
    for event in db.session.scalars(statement):
        row = _row(event, AUDIT_COLUMNS)
        row["at"] = audit_time(event.at)
        yield row


def audit_time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _inquiries() -> Iterator[dict[str, Any]]:
    statement = sa.select(Inquiry).order_by(Inquiry.id).execution_options(yield_per=200)
    for inquiry in db.session.scalars(statement):
        row = _row(inquiry, INQUIRY_COLUMNS)
        row["replies"] = [
            _row(reply, REPLY_COLUMNS)
            for reply in db.session.scalars(
                sa.select(InquiryReply)
                .where(InquiryReply.inquiry_id == inquiry.id)
                .order_by(InquiryReply.id)
            )
        ]
        yield row


def _schema_revision() -> str | None:
    try:
        return db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return None


def write_export(
    handle: IO[str],
    include_inquiries: bool = False,
    progress: Callable[[int], None] | None = None,
    actor: str = "cli",
) -> dict[str, int]:
    """Write the whole export to `handle`; returns how many rows of each kind it holds."""
    config = current_app.config
    header = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": isoformat(utcnow()),
        "schema_revision": _schema_revision(),
        "includes_inquiries": include_inquiries,
        "settings": {name: _value(config.get(name)) for name in SETTINGS},
    }
    counts: dict[str, int] = {}
    handle.write("{\n")
    for name, value in header.items():
        handle.write(f"{json.dumps(name)}: {json.dumps(value, ensure_ascii=False)},\n")
    sections: list[tuple[str, Iterator[dict[str, Any]]]] = [
        ("moderators", _rows(Moderator, MODERATOR_COLUMNS, Moderator.id)),
        ("blocklist", _rows(BlocklistEntry, BLOCKLIST_COLUMNS, BlocklistEntry.id)),
        ("threads", _rows(Thread, THREAD_COLUMNS, Thread.id)),
        ("comments", _rows(Comment, COMMENT_COLUMNS, Comment.id)),
    ]
    if include_inquiries:
        sections.append(("inquiries", _inquiries()))
    sections.append(("audit_log", _audit_rows()))
    for index, (name, rows) in enumerate(sections):
        handle.write(f"{json.dumps(name)}: [")
        count = 0
        for row in rows:
            handle.write(("\n" if count == 0 else ",\n") + json.dumps(row, ensure_ascii=False))
            count += 1
            if progress is not None:
                progress(1)
        counts[name] = count
        handle.write("\n]" + ("," if index < len(sections) - 1 else "") + "\n")
    handle.write("}\n")
    db.session.rollback()  # end the read transaction before writing the audit event
    audit.record("site.export", actor, detail={"includes_inquiries": include_inquiries, **counts})
    db.session.commit()
    return counts


def count_rows(include_inquiries: bool) -> int:
    models = [Moderator, BlocklistEntry, Thread, Comment, AuditEvent]
    if include_inquiries:
        models.append(Inquiry)
    return sum(db.session.scalar(sa.select(sa.func.count()).select_from(m)) or 0 for m in models)
