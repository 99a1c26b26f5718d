"""The contact form. It checks only the CSRF token itself; the inquiry's rules live in
`validation.py`, so the form and the JSON API refuse the same things with the same words."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.core import Label

from service.contact.validation import MAX_NAME, MAX_PHONE
from service.submissions.textfields import MAX_EMAIL
from service.web.i18n import translate


class InquiryForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        render_kw={"autocomplete": "name", "maxlength": MAX_NAME, "spellcheck": "false"},
    )
    email = EmailField(
        _l("Email address"),
        description=_l("We answer you by email."),
        render_kw={"autocomplete": "email", "maxlength": MAX_EMAIL, "spellcheck": "false"},
    )
    phone = TelField(
        _l("Phone number (optional)"),
        description=_l("Only if you would like us to call you back."),
        render_kw={"autocomplete": "tel", "maxlength": MAX_PHONE},
    )
    topic = SelectField(_l("What is your message about?"), validate_choice=False)
    message = TextAreaField(
        _l("Your message"),
        description=_l("Tell us how we can help. Only clinic staff read it."),
        render_kw={"rows": 8},
    )
    consent = BooleanField()
    # The honeypot: people never see it, form-filling bots tend to fill it in.
    website = StringField(
        _l("Leave this field empty"),
        render_kw={"tabindex": "-1", "autocomplete": "off"},
    )
    form_token = HiddenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topic.choices = [
            ("", _l("Please choose…")),
            *((key, translate(label)) for key, label in current_app.config["INQUIRY_TOPICS"]),
        ]
        self.consent.label = Label(self.consent.id, translate(current_app.config["CONSENT_TEXT"]))

    def submitted_values(self) -> dict[str, Any]:
        """What the visitor sent, as `validate_inquiry()` reads it."""
        return {
            "name": self.name.data,
            "email": self.email.data,
            "phone": self.phone.data,
            "topic": self.topic.data,
            "message": self.message.data,
            "consent": bool(self.consent.data),
        }

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        """Put each field's problems next to it."""
        for name, messages in problems.items():
            field = getattr(self, name, None)
            if field is not None:
                field.errors = list(messages)
