"""Canned replies: ready-made answers, per language, that administrators keep and staff start
from on an inquiry's page. Placeholders are filled in when one is picked; the staff member
still reads and edits the text before it is sent."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import current_app

from service.data.database import transaction
from service.data.extensions import db
from service.data.models import CannedReply, Inquiry, Moderator
from service.submissions import audit
from service.submissions.textfields import FieldProblem, clean_text
from service.web.errors import NotFound, ValidationFailed
from service.web.i18n import LANGUAGES, N_

TITLE_MAX = 100
BODY_MAX = 5000
PLACEHOLDERS = ("{first_name}", "{inquiry_id}", "{clinic}")
_PLACEHOLDER = re.compile(r"\{(first_name|inquiry_id|clinic)\}")  # literal alternatives: linear


def list_canned(language: str | None = None) -> list[CannedReply]:
    query = sa.select(CannedReply).order_by(CannedReply.language, CannedReply.title, CannedReply.id)
    if language is not None:
        query = query.where(CannedReply.language == language)
    return list(db.session.scalars(query))


def get_canned(canned_id: int) -> CannedReply:
    """Raises NotFound."""
    canned = db.session.get(CannedReply, canned_id) if 1 <= canned_id <= 2**31 - 1 else None
    if canned is None:
        raise NotFound(N_("There is no canned reply #%(id)d.", id=canned_id))
    return canned


def _clean(language: str, title: str, body: str) -> tuple[str, str, str]:
    problems: dict[str, list[str]] = {}
    if language not in LANGUAGES:
        problems["language"] = [str(N_("Choose a language from the list."))]
    values = {}
    for name, value, limit in (("title", title, TITLE_MAX), ("body", body, BODY_MAX)):
        try:
            values[name] = clean_text(value, limit, multiline=name == "body") or ""
        except FieldProblem as problem:
            problems[name] = [str(problem.message)]
    if problems:
        raise ValidationFailed(N_("Some fields need attention."), problems)
    return language, values["title"], values["body"]


def save_canned(
    moderator: Moderator, canned_id: int | None, language: str, title: str, body: str
) -> CannedReply:
    """Create (no id) or change a canned reply. Audited. Raises NotFound or ValidationFailed."""
    language, title, body = _clean(language, title, body)
    with transaction():
        if canned_id is None:
            canned = CannedReply(language=language, title=title, body=body)
            db.session.add(canned)
        else:
            canned = get_canned(canned_id)
            canned.language, canned.title, canned.body = language, title, body
        db.session.flush()
        audit.record("canned_reply.save", moderator, "canned_reply", canned.id, {"label": title})
    return canned


def delete_canned(moderator: Moderator, canned_id: int) -> None:
    """Raises NotFound."""
    with transaction():
        canned = get_canned(canned_id)
        audit.record(
            "canned_reply.delete", moderator, "canned_reply", canned.id, {"label": canned.title}
        )
        db.session.delete(canned)


def fill_canned(canned: CannedReply, inquiry: Inquiry) -> str:
    """The canned reply's text with its placeholders filled in for this inquiry."""
    first_name = (inquiry.name or "").strip().split(" ")[0]
    values = {
        "first_name": first_name,
        "inquiry_id": str(inquiry.id),
        "clinic": current_app.config["CLINIC_NAME"],
    }
    # One pass, so a value that looks like a placeholder (a name typed as "{clinic}") stays.
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], canned.body)
