"""Action links in moderators' notices: signed, single-use, bound to one moderator, one item and
one action, and valid for MAIL_LINK_HOURS.

Issuing links lives here, beside the outbox, because every audience's notice carries them (the
inquiry notice, the comment digest). Opening and using a link is the moderators' side:
`service/moderation/links.py`.

The token travels in the query string, which the request log never prints (it logs
`request.path`). The link table stores only its SHA-256; the mail carrying the link sits in the
outbox, its body encrypted under DATA_KEY.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import current_app
from itsdangerous import URLSafeSerializer

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import ActionLink, Comment, Inquiry, ItemKind, Moderator
from service.web.errors import NotFound, ValidationFailed
from service.web.i18n import N_


class UnknownAction(ValidationFailed, code="unknown_action"):
    """A mailed link names an action that links may not take."""


# What a link may do: nothing that needs a note or a person to be chosen.
LINK_ACTIONS: dict[str, tuple[str, ...]] = {
    ItemKind.COMMENT.value: ("approve", "reject", "spam", "ham", "delete"),
    ItemKind.INQUIRY.value: ("close", "spam", "ham", "delete"),
}
LINK_PATH = "/moderation/link"
_SALT = "clinic-desk.action-link"


def link_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _status_now(session: sa.orm.Session, kind: str, item_id: int) -> str:
    if kind == ItemKind.COMMENT.value:
        status = session.scalar(sa.select(Comment.status).where(Comment.id == item_id))
        missing = N_("There is no comment #%(id)d.", id=item_id)
    else:
        status = session.scalar(sa.select(Inquiry.status).where(Inquiry.id == item_id))
        missing = N_("There is no inquiry #%(id)d.", id=item_id)
    if status is None:
        raise NotFound(missing)
    return status.value


def issue_link(
    moderator: Moderator,
    kind: str,
    item_id: int,
    action: str,
    session: sa.orm.Session | None = None,
    status: str | None = None,
) -> str:
    """A new link's token, stored (as a hash) in the caller's transaction: in `session` if
    given, else in the request's session. The link acts only while the item has `status`
    (the item's status now, looked up when not given).

    Raises UnknownAction for an action a link may not carry, NotFound for a missing item."""
    if action not in LINK_ACTIONS.get(kind, ()):
        raise UnknownAction(
            N_("A mail link cannot %(action)s a %(kind)s.", action=action, kind=kind),
            {"action": ["not for links"]},
        )
    session = session if session is not None else db.session
    if status is None:
        status = _status_now(session, kind, item_id)
    secret = secrets.token_urlsafe(32)
    session.add(
        ActionLink(
            token_hash=hash_secret(secret),
            moderator_id=moderator.id,
            kind=kind,
            item_id=item_id,
            action=action,
            item_status=status,
            expires_at=utcnow() + dt.timedelta(hours=current_app.config["MAIL_LINK_HOURS"]),
        )
    )
    return link_serializer().dumps(secret)


def link_url(token: str) -> str:
    base = (current_app.config["PUBLIC_URL"] or "").rstrip("/")
    return f"{base}{LINK_PATH}?{urlencode({'t': token})}"


def action_links_for(
    moderator: Moderator,
    kind: str,
    item_id: int,
    actions: list[str] | tuple[str, ...],
    session: sa.orm.Session | None = None,
    status: str | None = None,
) -> dict[str, str]:
    """One link per action for this moderator and item, in the caller's transaction (the
    notification mail is written in the same one), acting only while the item has `status`
    (its status now when not given). Unsuitable actions are left out. Raises NotFound."""
    allowed = [action for action in actions if action in LINK_ACTIONS.get(kind, ())]
    if allowed and status is None:
        status = _status_now(session if session is not None else db.session, kind, item_id)
    return {
        action: link_url(issue_link(moderator, kind, item_id, action, session, status))
        for action in allowed
    }
