"""The development mail viewer: what the outbox would send, decrypted, with APP_ENV=development.

Anywhere else the page does not exist (404), so a production deployment never shows a mail
body on a page.
"""

from __future__ import annotations

from flask import render_template

from service.moderation.blueprint import bp
from service.submissions.outbox import is_mail_viewer_enabled, mails_as_sent
from service.web.errors import NotFound
from service.web.i18n import N_


@bp.get("/outbox")
def outbox() -> str:
    if not is_mail_viewer_enabled():
        raise NotFound(N_("The mail viewer exists only in development (APP_ENV=development)."))
    return render_template("moderation/outbox.html", mails=mails_as_sent(), noindex=True)
