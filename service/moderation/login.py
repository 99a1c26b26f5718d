"""Loading the logged-in moderator from the session, refusing ended sessions."""

from __future__ import annotations

import time

import sqlalchemy as sa
from flask import current_app, session
from flask_babel import gettext

from service.data.extensions import db, login_manager
from service.data.models import EndedSession, Moderator
from service.web.i18n import N_

login_manager.login_view = "moderation.login"
login_manager.login_message = N_("Please sign in to see that page.")
login_manager.localize_callback = gettext
login_manager.login_message_category = "info"
# Flask-Login's own "strong" protection would sign people out when their mobile network changes
# address; ended sessions are handled by the session version and the idle timeout instead.
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_moderator(login_id: str) -> Moderator | None:
    """The moderator of a session whose version is still current; None ends the session."""
    moderator_id, _, version = login_id.partition(":")
    if not moderator_id.isdigit() or not version.isdigit():
        return None
    moderator = db.session.get(Moderator, int(moderator_id))
    if moderator is None or not moderator.active or moderator.session_version != int(version):
        return None
    if is_ended_session():
        return None
    return moderator


# The session keys that name one sign-in: its id (for "log out on this device") and its start.
SESSION_ID = "sid"
SESSION_SINCE = "since"


def is_ended_session() -> bool:
    """This sign-in was logged out on its device, or is older than a session may last."""
    since = session.get(SESSION_SINCE)
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    if isinstance(since, int) and time.time() - since > lifetime:
        return True
    session_id = session.get(SESSION_ID)
    if not isinstance(session_id, str):
        return False  # signed in before sessions had ids: only "every device" ends it
    return (
        db.session.scalar(sa.select(EndedSession.id).where(EndedSession.session_id == session_id))
        is not None
    )
