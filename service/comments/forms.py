"""The comment and report forms of the server-rendered thread page.

WTForms renders the fields and checks the CSRF token; the values themselves are validated by
the same `read_comment_input` the JSON API uses, so both paths accept exactly the same input.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, StringField, TextAreaField, URLField


class CommentForm(FlaskForm):
    # dir="auto": a name or a comment in Arabic or Hebrew is typed right to left.
    author = StringField(
        _l("Your name"), description=_l("Shown with your comment."), render_kw={"dir": "auto"}
    )
    email = EmailField(
        _l("Email (optional)"), description=_l("Never shown; only the clinic's moderators see it.")
    )
    website = URLField(
        _l("Website (optional)"), description=_l("Starting with https:// or http://.")
    )
    title = StringField(_l("Title (optional)"), render_kw={"dir": "auto"})
    body = TextAreaField(
        _l("Your comment"),
        description=_l(
            "Markdown works: **bold**, *italic*, > quotes, lists and links. "
            "Please do not share personal health details here."
        ),
        render_kw={"dir": "auto"},
    )
    # Reply notifications need the email above; the first use of an address is confirmed by mail.
    notify = BooleanField(_l("Email me when someone replies (we ask you to confirm first)"))
    parent_id = HiddenField()
    form_token = HiddenField()
    # Set once the reader has seen the health-information prompt and chose to post anyway.
    confirm_public = HiddenField()
    # Hidden from people by CSS; bots that fill in every field give themselves away.
    homepage = StringField(_l("Leave this field empty"))

    def submitted_values(self) -> dict[str, str | None]:
        """The fields the service reads (never the CSRF token or the honeypot)."""
        return {
            "author": self.author.data,
            "email": self.email.data,
            "website": self.website.data,
            "title": self.title.data,
            "body": self.body.data,
            "parent_id": self.parent_id.data or None,
        }


class ReportForm(FlaskForm):
    reason = TextAreaField(_l("What is wrong with this comment?"))
