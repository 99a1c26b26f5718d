"""Who at the clinic accessed an inquiry, and when: built from the audit log.

Staff screens show administrators the staff member's address; the patient's copy (`privacy
export`) names staff by their display name, or by their role when they have none, never by
address: a staff address is an internal login, not something a patient needs to reach them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import AuditEvent, Moderator

# Every inquiry action counts as an access; these three are named, the rest are "handled"
# (closed, assigned, marked as spam, ...). Actions other parts add later land in "handled".
ACCESS_KINDS = {
    "inquiry.view": "opened",
    "inquiry.answer": "answered",
    "inquiry.export": "exported",
}
HANDLED = "handled"
ACCESS_ORDER = ("opened", "answered", "exported", HANDLED)


@dataclass
class AccessLine:
    """One person's one kind of access to one inquiry."""

    actor: str  # as the audit log names them: a staff address, "system", "cli"
    name: str  # the staff member's display name, "" when none or not staff
    role: str | None  # "admin" or "moderator"; None when not (or no longer) an account
    access: str  # one of ACCESS_ORDER
    times: int
    first_at: dt.datetime
    last_at: dt.datetime

    @property
    def is_staff(self) -> bool:
        return self.role is not None

    def for_patient(self) -> dict[str, Any]:
        """The line as the patient's export shows it: no staff address."""
        if self.name:
            who = self.name
        elif self.role is not None:
            who = "administrator" if self.role == "admin" else "staff member"
        elif "@" in self.actor:
            who = "former staff member"
        else:
            who = "the clinic's system"
        return {
            "who": who,
            "access": self.access,
            "times": self.times,
            "first_at": _iso(self.first_at),
            "last_at": _iso(self.last_at),
        }


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def access_report(inquiry_ids: list[int]) -> dict[int, list[AccessLine]]:
    """Inquiry id -> its access lines, first access first (one grouped query)."""
    if not inquiry_ids:
        return {}
    rows = db.session.execute(
        sa.select(
            AuditEvent.item_id,
            AuditEvent.actor,
            AuditEvent.action,
            Moderator.name,
            Moderator.role,
            sa.func.count(AuditEvent.id),
            sa.func.min(AuditEvent.at),
            sa.func.max(AuditEvent.at),
        )
        .outerjoin(Moderator, Moderator.id == AuditEvent.moderator_id)
        .where(AuditEvent.kind == "inquiry", AuditEvent.item_id.in_(inquiry_ids))
        .group_by(
            AuditEvent.item_id, AuditEvent.actor, AuditEvent.action, Moderator.name, Moderator.role
        )
    ).all()
    lines: dict[tuple[int, str, str], AccessLine] = {}
    for item_id, actor, action, name, role, times, first_at, last_at in rows:
        access = ACCESS_KINDS.get(action, HANDLED)
        # SQLite's aggregates hand back text; the column's type does not apply to them.
        first_at, last_at = _aware(first_at), _aware(last_at)
        line = lines.get((item_id, actor, access))
        if line is None:
            lines[(item_id, actor, access)] = AccessLine(
                actor, name or "", role.value if role else None, access, times, first_at, last_at
            )
        else:
            line.times += times
            line.first_at, line.last_at = min(line.first_at, first_at), max(line.last_at, last_at)
    report: dict[int, list[AccessLine]] = {item_id: [] for item_id in inquiry_ids}
    for (item_id, _actor, _access), line in lines.items():
        report[item_id].append(line)
    for item_lines in report.values():
        item_lines.sort(key=lambda line: (line.first_at, ACCESS_ORDER.index(line.access)))
    return report


def _aware(value: dt.datetime | str) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
