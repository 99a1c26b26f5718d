"""What administrators do to accounts: create, switch off and on, change roles, revoke tokens;
and what every moderator does to their own: password, notifications, API tokens."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import ApiToken, Moderator, Role
from service.moderation.accounts import (
    MAX_TOKEN_DAYS,
    TOKEN_TOO_LONG,
    check_password_strength,
    create_moderator,
    hash_password,
    issue_api_token,
    parse_role,
    record_account_change,
    revoke_live_tokens,
    verify_password,
)
from service.moderation.authentication import confirm_identity
from service.submissions import audit
from service.submissions.staffscope import KINDS as SCOPE_KINDS
from service.web.errors import Conflict, Forbidden, NotFound, ValidationFailed
from service.web.i18n import N_


def list_moderators() -> list[Moderator]:
    return list(db.session.scalars(sa.select(Moderator).order_by(Moderator.email)))


def moderator_by_id(moderator_id: int) -> Moderator:
    """Raises NotFound."""
    moderator = db.session.get(Moderator, moderator_id)
    if moderator is None:
        raise NotFound(N_("There is no such moderator account."))
    return moderator


def add_moderator(email: str, name: str, role: str, password: str, actor: Moderator) -> Moderator:
    """Create an account from the admin screen. Raises ValidationFailed or Conflict."""
    return create_moderator(email, password, parse_role(role), name.strip(), actor=actor)


def set_active(moderator_id: int, active: bool, actor: Moderator) -> Moderator:
    """Switch an account off (its sessions end, its tokens are revoked) or back on.

    Raises NotFound, or Conflict for one's own account (so the last admin cannot lock out all).
    """
    with transaction():
        moderator = moderator_by_id(moderator_id)
        if moderator.id == actor.id:
            raise Conflict(N_("You cannot switch off your own account."))
        if moderator.active == active:
            return moderator
        moderator.active = active
        moderator.session_version += 1
        record_account_change(
            "moderator.reactivate" if active else "moderator.deactivate", actor, moderator
        )
        if not active:
            revoke_live_tokens(moderator, actor, "moderator.deactivate")
    return moderator


def set_on_call(moderator_id: int, on_call: bool, actor: Moderator) -> Moderator:
    """Put an account on call (it gets the notice of every urgent inquiry) or take it off.
    Raises NotFound."""
    with transaction():
        moderator = moderator_by_id(moderator_id)
        if moderator.on_call == on_call:
            return moderator
        moderator.on_call = on_call
        record_account_change("moderator.on_call", actor, moderator, {"on_call": on_call})
    return moderator


def set_role(moderator_id: int, role: str, actor: Moderator) -> Moderator:
    """Change an account's role. Raises NotFound, ValidationFailed, or Conflict for one's own."""
    new_role = parse_role(role)
    with transaction():
        moderator = moderator_by_id(moderator_id)
        if moderator.id == actor.id:
            raise Conflict(N_("You cannot change your own role; ask another administrator."))
        if moderator.role is new_role:
            return moderator
        old_role = moderator.role
        moderator.role = new_role
        record_account_change(
            "moderator.role", actor, moderator, {"from": old_role.value, "to": new_role.value}
        )
    return moderator


def _scope_values(values: list[str] | tuple[str, ...], known: list[str], field: str) -> list[str]:
    chosen = list(dict.fromkeys(value.strip() for value in values if value.strip()))
    unknown = [value for value in chosen if value not in known]
    if unknown:
        raise ValidationFailed(
            N_("%(values)s is not one of the choices.", values=", ".join(unknown)),
            {field: ["unknown"]},
        )
    # Every choice ticked is the same as none: "all", which also covers choices added later.
    return [] if set(chosen) == set(known) else sorted(chosen)


def check_scope(
    kinds: list[str], topics: list[str], role: Role | str
) -> tuple[list[str], list[str]]:
    """The kinds and topics as stored (sorted; every choice is stored as none, "all").
    Raises ValidationFailed for an unknown kind or topic, Conflict for an administrator."""
    if Role(role) is Role.ADMIN:
        raise Conflict(N_("Administrators see everything; make the account a moderator first."))
    topic_keys = [key for key, _label in current_app.config["INQUIRY_TOPICS"]]
    # Topics stay as chosen even when inquiries are not in the kinds, so ticking inquiries
    # again later brings the same topics back.
    return (
        _scope_values(kinds, list(SCOPE_KINDS), "kinds"),
        _scope_values(topics, topic_keys, "topics"),
    )


def set_scope(
    moderator_id: int, kinds: list[str], topics: list[str], actor: Moderator | str
) -> Moderator:
    """Limit a moderator to some item kinds and inquiry topics (empty lists: all); audited as
    `moderator.scope`. Raises NotFound, ValidationFailed (an unknown kind or topic), or
    Conflict for an administrator, whom nothing limits."""
    with transaction():
        moderator = moderator_by_id(moderator_id)
        new_kinds, new_topics = check_scope(kinds, topics, moderator.role)
        if moderator.scope_kinds == new_kinds and moderator.scope_topics == new_topics:
            return moderator
        moderator.scope_kinds = new_kinds
        moderator.scope_topics = new_topics
        record_account_change(
            "moderator.scope",
            actor,
            moderator,
            {"kinds": ", ".join(new_kinds) or "all", "topics": ", ".join(new_topics) or "all"},
        )
    return moderator


def list_tokens(owner: Moderator | None = None) -> list[ApiToken]:
    """API tokens, newest first: one account's, or everyone's."""
    query = sa.select(ApiToken).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    if owner is not None:
        query = query.where(ApiToken.moderator_id == owner.id)
    return list(db.session.scalars(query))


def create_own_token(actor: Moderator, label: str, days: int, password: str, code: str) -> str:
    """A new API token for the signed-in account, shown once, after the password (and the
    second factor, when set up) is given again. Raises ValidationFailed or LoginThrottled."""
    label = label.strip()
    if len(label) > 100:
        message = N_("Keep the label under 100 characters.")
        raise ValidationFailed(message, {"label": [message]})
    if days < 1 or days > MAX_TOKEN_DAYS:
        raise ValidationFailed(TOKEN_TOO_LONG, {"days": [TOKEN_TOO_LONG]})
    confirm_identity(actor, password, code)
    return issue_api_token(actor.email, days, label)


def revoke_token(token_id: int, actor: Moderator) -> ApiToken:
    """Stop a token from working. Its owner or an admin may. Raises NotFound or Forbidden."""
    with transaction():
        token = db.session.get(ApiToken, token_id)
        if token is None:
            raise NotFound(N_("There is no such token."))
        if token.moderator_id != actor.id and not actor.is_admin:
            raise Forbidden(N_("You can revoke only your own tokens."))
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            audit.record(
                "token.revoke",
                actor,
                "moderator",
                token.moderator_id,
                {"token": token.id, "label": token.label},
            )
    return token


def change_password(moderator: Moderator, current: str, new: str, confirm: str) -> None:
    """Set a new password; every session of the account ends (the caller signs the current one
    in again) and every API token is revoked. Raises ValidationFailed naming the field."""
    if not verify_password(moderator, current or ""):
        message = N_("Your current password is not right.")
        raise ValidationFailed(message, {"current_password": [message]})
    try:
        check_password_strength(new or "")
    except ValidationFailed as error:
        raise ValidationFailed(error.message, {"new_password": [error.message]}) from None
    if new != confirm:
        message = N_("The two new passwords are not the same.")
        raise ValidationFailed(message, {"confirm_password": [message]})
    if new == current:
        message = N_("Choose a password different from the current one.")
        raise ValidationFailed(message, {"new_password": [message]})
    with transaction():
        moderator.password_hash = hash_password(new)
        moderator.session_version += 1
        audit.record("password.change", moderator, "moderator", moderator.id)
        revoke_live_tokens(moderator, moderator, "password.change")


def set_notify(moderator: Moderator, notify: bool) -> None:
    """Whether this moderator gets mail about new items."""
    with transaction():
        if moderator.notify != notify:
            moderator.notify = notify
            audit.record("account.notify", moderator, "moderator", moderator.id, {"on": notify})
