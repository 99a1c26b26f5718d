"""Loading the logged-in moderator from the session, refusing ended sessions."""

from __future__ import annotations

from flask_babel import gettext

from service.data.extensions import db, login_manager
from service.data.models import Moderator
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
    return moderator
