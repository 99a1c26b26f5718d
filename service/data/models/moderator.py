"""Staff accounts and their API tokens."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy import orm as so

from service.data.crypto import EncryptedText
from service.data.database import UTCDateTime, utcnow
from service.data.models.base import Base, str_enum
from service.data.models.enums import Role


class Moderator(UserMixin, Base):
    __tablename__ = "moderators"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254), unique=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(100), default="")
    role: so.Mapped[Role] = so.mapped_column(str_enum(Role), default=Role.MODERATOR)
    password_hash: so.Mapped[str] = so.mapped_column(sa.String(255))
    totp_secret: so.Mapped[str | None] = so.mapped_column(EncryptedText)
    # The time step of the last TOTP code accepted: a code of that step or an earlier one is
    # refused, by every worker and host, since they share this row (see twofactor.py).
    totp_last_step: so.Mapped[int | None] = so.mapped_column(sa.BigInteger)
    # The `sub` of this person at the single sign-on provider (OIDC_ISSUER), once linked.
    oidc_subject: so.Mapped[str | None] = so.mapped_column(sa.String(255), unique=True)
    recovery_codes: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    notify: so.Mapped[bool] = so.mapped_column(default=True)
    # On call: gets the notice of an urgent inquiry (docs/moderation.md, "Urgent inquiries").
    on_call: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    active: so.Mapped[bool] = so.mapped_column(default=True)
    session_version: so.Mapped[int] = so.mapped_column(default=1)
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    last_login_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    # When this moderator last opened the spam folder: the queue counts what the filter
    # filed there since, so nobody has to open the folder to learn that nothing is new.
    spam_folder_seen_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    # What a moderator may see (service/submissions/staffscope.py): item kinds ("comment",
    # "inquiry") and inquiry topics (INQUIRY_TOPICS keys). Empty means all; admins see all.
    scope_kinds: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)
    scope_topics: so.Mapped[list[str]] = so.mapped_column(sa.JSON, default=list)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        # The session version is part of the login id: bumping it ends every session.
        return f"{self.id}:{self.session_version}"


class EndedSession(Base):
    """A staff session signed out on its own device ("this device"). Sessions live in a signed
    cookie, so a copy of one would still be accepted; its id listed here is refused until the
    longest a session may last has passed."""

    __tablename__ = "ended_sessions"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    session_id: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    expires_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, index=True)


class ApiToken(Base):
    """A bearer token for the moderation API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    moderator_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("moderators.id", ondelete="CASCADE"), index=True
    )
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    label: so.Mapped[str] = so.mapped_column(sa.String(100), default="")
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime)
    last_used_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
    revoked_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)

    moderator: so.Mapped[Moderator] = so.relationship(lazy="joined")


class ActionLink(Base):
    """A single-use link in a moderator's mail, bound to one item and one action."""

    __tablename__ = "action_links"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    moderator_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("moderators.id", ondelete="CASCADE")
    )
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    item_id: so.Mapped[int]
    action: so.Mapped[str] = so.mapped_column(sa.String(16))
    # The item's status when the link was sent: the link acts only while the item still has it.
    item_status: so.Mapped[str] = so.mapped_column(sa.String(16))
    created_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[dt.datetime] = so.mapped_column(UTCDateTime)
    used_at: so.Mapped[dt.datetime | None] = so.mapped_column(UTCDateTime)
