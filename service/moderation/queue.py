"""Reading the moderation queue: comments and inquiries in one list, urgent first, then
newest first.

The list is ordered by (section, created_at desc, kind, id desc), where the first section
holds the urgent inquiries still waiting for an answer (status `received`) and the second
everything else. A page is one indexed range scan per table and section, `limit + 1` rows
each, merged in Python: the cursor carries the last item's sort key (its section too: kind
`u` is an urgent inquiry of the first section), so every page costs the same at a million
rows as at ten.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from service.data.database import UTCDateTime, utcnow
from service.data.extensions import db
from service.data.models import (
    Comment,
    CommentStatus,
    Inquiry,
    InquiryStatus,
    ItemKind,
    Moderator,
    Thread,
    Verdict,
)
from service.data.models.comment import waits_for_a_moderator
from service.submissions.spamfolder import filed_as_spam_since
from service.submissions.staffscope import visible
from service.web.errors import ValidationFailed
from service.web.i18n import N_

KINDS = (ItemKind.COMMENT.value, ItemKind.INQUIRY.value)
KIND_RANK = {ItemKind.COMMENT.value: 0, ItemKind.INQUIRY.value: 1}
URGENT_SECTION, OTHER_SECTION = 0, 1
# `open` is what waits for a person: pending comments, published comments a reader reported
# that stay on the page, and received inquiries.
OPEN = "open"
STATUSES = (
    OPEN,
    *dict.fromkeys([s.value for s in CommentStatus] + [s.value for s in InquiryStatus]),
)
VERDICTS = tuple(v.value for v in Verdict)
DEFAULT_LIMIT = 25
MAX_LIMIT = 200
SUMMARY_LENGTH = 140
MAX_ID = 2**31 - 1  # the id columns are 32-bit on PostgreSQL
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
BAD_CURSOR = N_("The cursor is not valid.")
_CURSOR = re.compile(r"^(\d{1,20})\.([ciu])\.(\d{1,20})$")


def queue_counts(moderator: Moderator | None = None) -> dict[str, dict[str, int]]:
    """Counts by kind and status, as `queue stats` prints them: of what the moderator (default:
    the one this request acts for; nobody, on the command line) may see."""
    counts: dict[str, dict[str, int]] = {"comment": {}, "inquiry": {}}
    for kind, model in (("comment", Comment), ("inquiry", Inquiry)):
        rows = db.session.execute(
            sa.select(model.status, sa.func.count(model.id))
            .where(visible(model, moderator))
            .group_by(model.status)
        )
        for status, count in rows:
            counts[kind][status.value] = count
    return counts


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    status: str = ""
    verdict: str = ""

    def as_query(self) -> dict[str, str]:
        return {name: value for name, value in vars(self).items() if value}

    @property
    def is_spam_folder(self) -> bool:
        """The whole spam folder: every spam item of both kinds, whatever the verdict."""
        return self.status == SPAM_FOLDER and not self.kind and not self.verdict


SPAM_FOLDER = CommentStatus.SPAM.value


def new_in_spam_folder(moderator: Moderator) -> int:
    """What the filter filed in the spam folder since this moderator last opened it."""
    return filed_as_spam_since(moderator.spam_folder_seen_at, moderator=moderator)


@dataclass(frozen=True)
class Cursor:
    created_at: dt.datetime
    kind: str
    item_id: int
    urgent: bool = False  # the item was in the first section: an urgent inquiry waiting

    def encode(self) -> str:
        micros = (self.created_at - _EPOCH) // dt.timedelta(microseconds=1)
        return f"{micros}.{'u' if self.urgent else self.kind[0]}.{self.item_id}"


def parse_filters(kind: str | None, status: str | None, verdict: str | None) -> Filters:
    """Raises ValidationFailed naming the unknown filter value."""
    kind, status, verdict = (kind or "").strip(), (status or "").strip(), (verdict or "").strip()
    problems: dict[str, list[str]] = {}
    if kind and kind not in KINDS:
        problems["kind"] = [f"one of {', '.join(KINDS)}"]
    if status and status not in STATUSES:
        problems["status"] = [f"one of {', '.join(STATUSES)}"]
    if verdict and verdict not in VERDICTS:
        problems["verdict"] = [f"one of {', '.join(VERDICTS)}"]
    if problems:
        raise ValidationFailed(N_("A queue filter has an unknown value."), problems)
    return Filters(kind, status, verdict)


def parse_cursor(raw: str | None) -> Cursor | None:
    """Raises ValidationFailed for a cursor this server did not hand out."""
    if not raw:
        return None
    match = _CURSOR.match(raw)
    if not match:
        raise ValidationFailed(BAD_CURSOR, {"after": ["not a queue cursor"]})
    micros, kind, item_id = match.groups()
    # Past the last id or the last instant, a cursor means "after everything" and is
    # clamped, not refused: any cursor of the documented form is accepted.
    try:
        at = _EPOCH + dt.timedelta(microseconds=int(micros))
    except OverflowError:
        at = dt.datetime.max.replace(tzinfo=dt.UTC)
    return Cursor(
        at, "comment" if kind == "c" else "inquiry", min(int(item_id), MAX_ID), kind == "u"
    )


def parse_limit(raw: str | int | None, default: int = DEFAULT_LIMIT) -> int:
    """Raises ValidationFailed unless 1 ≤ limit ≤ MAX_LIMIT."""
    if raw in (None, ""):
        return default
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(
            f"limit must be a whole number from 1 to {MAX_LIMIT}.", {"limit": ["out of range"]}
        )
    return limit


def _status_for(kind: str, status: str) -> Any:
    """The status member this filter means for one kind; False when the kind has no such."""
    enum = CommentStatus if kind == ItemKind.COMMENT.value else InquiryStatus
    if status == OPEN:
        return CommentStatus.PENDING if enum is CommentStatus else InquiryStatus.RECEIVED
    try:
        return enum(status)
    except ValueError:
        return False


def is_urgent_waiting(item: Comment | Inquiry) -> bool:
    """An urgent inquiry nobody has answered yet: it waits at the top of the queue."""
    return isinstance(item, Inquiry) and item.urgent and item.status is InquiryStatus.RECEIVED


def _urgent_waiting() -> sa.ColumnElement[bool]:
    return sa.and_(Inquiry.urgent == sa.true(), Inquiry.status == InquiryStatus.RECEIVED)


def _select(
    kind: str, filters: Filters, cursor: Cursor | None, limit: int, moderator: Moderator | None
) -> list[Any]:
    if kind == ItemKind.COMMENT.value:
        # Comments are never urgent: after an urgent cursor, every comment is still to come.
        return _select_section(
            kind, OTHER_SECTION, filters, _in_section(cursor, False), limit, moderator
        )
    rows: list[Any] = []
    if cursor is None or cursor.urgent:
        rows = _select_section(kind, URGENT_SECTION, filters, cursor, limit, moderator)
    return rows + _select_section(
        kind, OTHER_SECTION, filters, _in_section(cursor, False), limit, moderator
    )


def _in_section(cursor: Cursor | None, urgent: bool) -> Cursor | None:
    """The cursor as far as one section is concerned: from a cursor in the urgent section,
    the other section is read from its start."""
    return cursor if cursor is not None and cursor.urgent == urgent else None


def _select_section(
    kind: str,
    section: int,
    filters: Filters,
    cursor: Cursor | None,
    limit: int,
    moderator: Moderator | None,
) -> list[Any]:
    model = Comment if kind == ItemKind.COMMENT.value else Inquiry
    query = sa.select(model).where(visible(model, moderator))
    if model is Inquiry:
        waiting = _urgent_waiting()
        query = query.where(waiting if section == URGENT_SECTION else sa.not_(waiting))
    if filters.status == OPEN and model is Comment:
        query = query.where(waits_for_a_moderator())
    elif filters.status:
        status = _status_for(kind, filters.status)
        if status is False:
            return []
        query = query.where(model.status == status)
    if filters.verdict:
        query = query.where(model.verdict == Verdict(filters.verdict))
    if cursor is not None:
        rank, cursor_rank = KIND_RANK[kind], KIND_RANK[cursor.kind]
        if rank == cursor_rank:
            query = query.where(
                sa.tuple_(model.created_at, model.id)
                < sa.tuple_(sa.literal(cursor.created_at, UTCDateTime()), cursor.item_id)
            )
        elif rank > cursor_rank:  # same instant sorts this kind after the cursor's
            query = query.where(model.created_at <= cursor.created_at)
        else:
            query = query.where(model.created_at < cursor.created_at)
    query = query.order_by(model.created_at.desc(), model.id.desc()).limit(limit)
    return list(db.session.scalars(query).all())


def _sort_key(item: Comment | Inquiry) -> tuple[int, float, int, int]:
    kind = ItemKind.COMMENT.value if isinstance(item, Comment) else ItemKind.INQUIRY.value
    micros = (item.created_at - _EPOCH) // dt.timedelta(microseconds=1)
    section = URGENT_SECTION if is_urgent_waiting(item) else OTHER_SECTION
    return (section, -micros, KIND_RANK[kind], -item.id)


def kind_of(item: Comment | Inquiry) -> str:
    return ItemKind.COMMENT.value if isinstance(item, Comment) else ItemKind.INQUIRY.value


@dataclass
class QueuePage:
    items: list[Comment | Inquiry]
    next: str | None
    threads: dict[int, Thread]
    moderators: dict[int, str]


def list_queue(
    filters: Filters,
    cursor: Cursor | None = None,
    limit: int = DEFAULT_LIMIT,
    moderator: Moderator | None = None,
) -> QueuePage:
    """One page of the queue, urgent inquiries waiting first, then newest first, with the
    threads and assignees it mentions: only items the moderator (default: the one this request
    acts for) may see."""
    kinds = [filters.kind] if filters.kind else list(KINDS)
    rows: list[Comment | Inquiry] = []
    for kind in kinds:
        rows.extend(_select(kind, filters, cursor, limit + 1, moderator))
    rows.sort(key=_sort_key)
    items, more = rows[:limit], len(rows) > limit
    next_cursor = None
    if more and items:
        last = items[-1]
        next_cursor = Cursor(
            last.created_at, kind_of(last), last.id, is_urgent_waiting(last)
        ).encode()
    thread_ids = {item.thread_id for item in items if isinstance(item, Comment)}
    threads = {}
    if thread_ids:
        threads = {
            t.id: t for t in db.session.scalars(sa.select(Thread).where(Thread.id.in_(thread_ids)))
        }
    assignee_ids = {
        item.assigned_to_id for item in items if isinstance(item, Inquiry) and item.assigned_to_id
    }
    moderators = {}
    if assignee_ids:
        moderators = dict(
            db.session.execute(
                sa.select(Moderator.id, Moderator.email).where(Moderator.id.in_(assignee_ids))
            ).all()
        )
    return QueuePage(items, next_cursor, threads, moderators)


def iterate_queue(
    filters: Filters, batch: int = 500, moderator: Moderator | None = None
) -> Iterator[QueuePage]:
    """Every page of the queue in order (the CSV export), one keyset batch at a time."""
    cursor = None
    while True:
        page = list_queue(filters, cursor, batch, moderator)
        yield page
        if page.next is None:
            return
        cursor = parse_cursor(page.next)


def overdue_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    hours = current_app.config["INQUIRY_OVERDUE_HOURS"]
    return (now or utcnow()) - dt.timedelta(hours=hours)


def is_overdue(item: Comment | Inquiry, cutoff: dt.datetime) -> bool:
    """An inquiry still waiting for its first answer past INQUIRY_OVERDUE_HOURS."""
    return (
        isinstance(item, Inquiry)
        and item.status is InquiryStatus.RECEIVED
        and item.created_at < cutoff
    )


def summary_of(item: Comment | Inquiry, length: int = SUMMARY_LENGTH) -> str:
    text = " ".join((item.body if isinstance(item, Comment) else item.message).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
