"""Which comments and inquiries a member of staff may see: the one place that decides.

A moderator may be limited to some kinds of item (`scope_kinds`: comments, inquiries) and to some
inquiry topics (`scope_topics`, keys of INQUIRY_TOPICS); an empty list means "all". An
administrator is never limited, and neither is work done without a person (the CLI, the outbox).

Everything that reads items for staff goes through here:

- one item by id: `require_in_scope(item, moderator)` (called by the moderators' loading
  functions, `service/moderation/services.py` `get_comment` / `get_inquiry`), which raises the
  same NotFound a missing item raises, so ids cannot be probed;
- a list or a count: `.where(visible(Model, moderator))` in the query;
- the audit log: `.where(audit_visible(moderator))`.

`moderator` may be left out: then the staff member acting in this request counts, set once per
request by `act_as` (the moderators' pages from the signed-in account, the moderation API from
its bearer token). This module lives beside the outbox, below the audiences, because the
notices written when a visitor submits (contact, comments) must ask it too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import g, has_app_context

from service.data.models import AuditEvent, Comment, Inquiry, ItemKind, Moderator, Role
from service.web.errors import NotFound
from service.web.i18n import N_

KINDS = (ItemKind.COMMENT.value, ItemKind.INQUIRY.value)
_ACTING = "staff_scope_moderator"
_NO_SUCH = {
    ItemKind.COMMENT.value: N_("There is no comment #%(id)d."),
    ItemKind.INQUIRY.value: N_("There is no inquiry #%(id)d."),
}


@dataclass(frozen=True)
class StaffScope:
    """What one person may see. Empty sets mean "every kind" and "every topic"."""

    kinds: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()

    @property
    def is_limited(self) -> bool:
        return bool(self.kinds or self.topics)

    def allows_kind(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def allows(self, kind: str, topic: str | None = None) -> bool:
        """May this person see an item of `kind` (and, for an inquiry, of `topic`)?"""
        if not self.allows_kind(kind):
            return False
        if kind == ItemKind.INQUIRY.value and self.topics:
            return topic in self.topics
        return True


UNLIMITED = StaffScope()


def _as_list(value: Iterable[str] | str | bytes | None) -> list[str]:
    # A JSON column read on the driver's cursor is text on SQLite and a list on PostgreSQL.
    if isinstance(value, str | bytes):
        value = json.loads(value or "[]")
    return [str(entry) for entry in value or ()]


def scope_from(
    role: Role | str | None,
    kinds: Iterable[str] | str | bytes | None,
    topics: Iterable[str] | str | bytes | None,
) -> StaffScope:
    """The scope stored on an account, from its column values (as the ORM or the driver
    hands them over: the notices read accounts on the driver's cursor)."""
    if role is None or Role(role) is Role.ADMIN:
        return UNLIMITED
    return StaffScope(
        frozenset(k for k in _as_list(kinds) if k in KINDS), frozenset(_as_list(topics))
    )


def scope_of(moderator: Moderator | None) -> StaffScope:
    """The account's scope; None (no person: the CLI, a worker) is unlimited."""
    if moderator is None:
        return UNLIMITED
    return scope_from(moderator.role, moderator.scope_kinds, moderator.scope_topics)


def act_as(moderator: Moderator | None) -> None:
    """Name the staff member this request acts for; every scoped read below follows them."""
    setattr(g, _ACTING, moderator)


def acting_staff() -> Moderator | None:
    """The staff member named by `act_as` in this request, or None outside one."""
    if not has_app_context():
        return None
    return getattr(g, _ACTING, None)


Who = Moderator | StaffScope | None


def _scope(who: Who) -> StaffScope:
    if isinstance(who, StaffScope):
        return who
    return scope_of(who if who is not None else acting_staff())


def kind_of(item: Comment | Inquiry) -> str:
    return ItemKind.COMMENT.value if isinstance(item, Comment) else ItemKind.INQUIRY.value


def is_in_scope(item: Comment | Inquiry, moderator: Who = None) -> bool:
    """May this moderator (default: the one acting) see the item?"""
    kind = kind_of(item)
    return _scope(moderator).allows(kind, item.topic if isinstance(item, Inquiry) else None)


def require_in_scope(item: Any, moderator: Who = None) -> Any:
    """The item itself when the moderator may see it; otherwise the NotFound a missing item
    raises, word for word (404, never 403: an id out of scope looks like no id at all)."""
    if not is_in_scope(item, moderator):
        raise NotFound(_NO_SUCH[kind_of(item)].with_params(id=item.id))
    return item


def visible(model: type[Comment] | type[Inquiry], moderator: Who = None) -> Any:
    """A WHERE condition keeping the rows of `model` the moderator may see."""
    scope = _scope(moderator)
    kind = ItemKind.COMMENT.value if model is Comment else ItemKind.INQUIRY.value
    if not scope.allows_kind(kind):
        return sa.false()
    if model is Inquiry and scope.topics:
        return Inquiry.topic.in_(sorted(scope.topics))
    return sa.true()


def audit_visible(moderator: Who = None) -> Any:
    """A WHERE condition keeping the audit entries the moderator may see: entries about items
    out of their scope (or no longer stored, when they are limited) are left out."""
    scope = _scope(moderator)
    if not scope.is_limited:
        return sa.true()
    conditions = [AuditEvent.kind.is_(None), AuditEvent.kind.not_in(KINDS)]
    if scope.allows_kind(ItemKind.COMMENT.value):
        conditions.append(AuditEvent.kind == ItemKind.COMMENT.value)
    if scope.allows_kind(ItemKind.INQUIRY.value):
        inquiries = sa.select(Inquiry.id).where(visible(Inquiry, moderator))
        conditions.append(
            sa.and_(AuditEvent.kind == ItemKind.INQUIRY.value, AuditEvent.item_id.in_(inquiries))
        )
    return sa.or_(*conditions)
