"""How well the spam filter does on this clinic's traffic, judged by staff decisions only.

For every comment and inquiry that arrived in the window, the filter's call is its stored
verdict (`spam` against `ham` or `unsure`, as `spam evaluate` counts it) and the staff's call
is the last deciding action in the audit log:

- `spam` says spam; `ham` (a rescue), `approve` and `answer` say not spam;
- `reject`, `close`, `delete`, `assign` and `lock` decide nothing about spam (off-topic is not
  spam, and closing or deleting says nothing either way);
- an item the filter put in the spam folder that nobody rescued counts as confirmed spam once
  a moderator has opened the spam folder after it arrived (it was seen and left there).

Everything else (waiting items, comments published in `auto` mode without a person) is not
evidence and is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    Comment,
    CommentStatus,
    Inquiry,
    InquiryStatus,
    ItemKind,
    Moderator,
    Verdict,
)

WINDOW_DAYS = 30
# Below this many decisions behind a ratio the dashboard says "not enough decisions yet".
MIN_DECISIONS = 3
SAYS_SPAM = frozenset({"comment.spam", "inquiry.spam"})
SAYS_NOT_SPAM = frozenset({"comment.ham", "comment.approve", "inquiry.ham", "inquiry.answer"})
# Filed in the spam folder and, when nobody rescued it, still there or deleted from there.
_LEFT_IN_SPAM = {
    ItemKind.COMMENT.value: (CommentStatus.SPAM, CommentStatus.DELETED),
    ItemKind.INQUIRY.value: (InquiryStatus.SPAM, InquiryStatus.DELETED),
}


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def is_enough(self) -> bool:
        return self.total >= MIN_DECISIONS

    @property
    def value(self) -> float | None:
        """The ratio, or None below MIN_DECISIONS."""
        return self.hits / self.total if self.is_enough else None


@dataclass(frozen=True)
class FilterAccuracy:
    days: int
    true_positives: int  # filed as spam, and staff agreed (or left it there after looking)
    false_positives: int  # filed as spam, rescued by staff
    false_negatives: int  # let through, marked spam by staff
    true_negatives: int  # let through, approved or answered by staff
    unseen_spam: int  # filed as spam since anyone last opened the spam folder: no evidence yet

    @property
    def precision(self) -> Ratio:
        """Of what the filter sent to the spam folder, the part that was spam."""
        return Ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> Ratio:
        """Of the spam staff know of, the part the filter caught."""
        return Ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def decisions(self) -> int:
        return (
            self.true_positives + self.false_positives + self.false_negatives + self.true_negatives
        )


_DECIDING = SAYS_SPAM | SAYS_NOT_SPAM


def _last_calls(since: dt.datetime) -> sa.Subquery:
    """(kind, item_id, action) of the last deciding action on each item since `since`."""
    last = (
        sa.select(AuditEvent.kind, AuditEvent.item_id, sa.func.max(AuditEvent.id).label("last_id"))
        .where(
            AuditEvent.at >= since,
            AuditEvent.action.in_(_DECIDING),
            AuditEvent.item_id.is_not(None),
        )
        .group_by(AuditEvent.kind, AuditEvent.item_id)
        .subquery()
    )
    return (
        sa.select(last.c.kind, last.c.item_id, AuditEvent.action)
        .join(AuditEvent, AuditEvent.id == last.c.last_id)
        .subquery()
    )


def measure_filter(days: int = WINDOW_DAYS, now: dt.datetime | None = None) -> FilterAccuracy:
    """The filter's live confusion counts over the items that arrived in the last `days`.

    Aggregated in the database: the cost follows the decisions and the spam of the window,
    not every item that arrived."""
    since = (now or utcnow()) - dt.timedelta(days=days)
    calls = _last_calls(since)
    folder_opened = db.session.scalar(sa.select(sa.func.max(Moderator.spam_folder_seen_at)))
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "unseen": 0}
    sources = (
        (ItemKind.COMMENT.value, Comment, ~Comment.is_staff, Comment.edited_at),
        (ItemKind.INQUIRY.value, Inquiry, sa.true(), None),
    )
    for kind, model, condition, edited_at in sources:
        decided = db.session.execute(
            sa.select(model.verdict, calls.c.action, sa.func.count())
            .join(calls, sa.and_(calls.c.kind == kind, calls.c.item_id == model.id))
            .where(model.created_at >= since, condition)
            .group_by(model.verdict, calls.c.action)
        )
        for verdict, action, count in decided:
            filed_as_spam = verdict is Verdict.SPAM
            if action in SAYS_SPAM:
                counts["tp" if filed_as_spam else "fn"] += count
            else:
                counts["fp" if filed_as_spam else "tn"] += count
        # Filed as spam, never decided on: confirmed once someone opened the folder after it
        # arrived (or after the edit that sent it there).
        undecided = ~(
            sa.select(AuditEvent.id)
            .where(
                AuditEvent.kind == kind,
                AuditEvent.item_id == model.id,
                AuditEvent.at >= since,
                AuditEvent.action.in_(_DECIDING),
            )
            .exists()
        )
        if folder_opened is None:
            seen: sa.ColumnElement[bool] = sa.false()
        else:
            seen = model.created_at <= folder_opened
            if edited_at is not None:
                seen = sa.and_(seen, sa.or_(edited_at.is_(None), edited_at <= folder_opened))
        left, seen_left = db.session.execute(
            sa.select(sa.func.count(), sa.func.sum(sa.case((seen, 1), else_=0))).where(
                model.created_at >= since,
                model.verdict == Verdict.SPAM,
                model.status.in_(_LEFT_IN_SPAM[kind]),
                condition,
                undecided,
            )
        ).one()
        counts["tp"] += seen_left or 0
        counts["unseen"] += left - (seen_left or 0)
    return FilterAccuracy(
        days=days,
        true_positives=counts["tp"],
        false_positives=counts["fp"],
        false_negatives=counts["fn"],
        true_negatives=counts["tn"],
        unseen_spam=counts["unseen"],
    )
