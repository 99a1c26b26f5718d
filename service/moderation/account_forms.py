"""Forms of the sign-in, account and admin screens. They name the accepted fields; the rules
themselves live in the service functions, which report problems per field."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from service.data.models import BlockKind, Role
from service.moderation.accounts import DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS
from service.moderation.labels import ROLE_LABELS, WEBHOOK_EVENT_LABELS, WEBHOOK_FORMAT_LABELS
from service.web.errors import Conflict, DomainError
from service.web.i18n import translate

ROLE_CHOICES = [
    SelectChoice(Role.MODERATOR.value, _l("Moderator: works the queue")),
    SelectChoice(Role.ADMIN.value, _l("Administrator: also manages accounts and the blocklist")),
]
BLOCK_CHOICES = [
    SelectChoice(BlockKind.WORD.value, _l("Word or phrase")),
    SelectChoice(BlockKind.EMAIL.value, _l("Email address")),
    SelectChoice(BlockKind.DOMAIN.value, _l("Domain (also blocks its subdomains)")),
    SelectChoice(BlockKind.NETWORK.value, _l("IP address or CIDR range")),
]


WEBHOOK_FORMAT_CHOICES = [
    SelectChoice(value, _l(text.msgid)) for value, text in WEBHOOK_FORMAT_LABELS.items()
]
WEBHOOK_EVENT_CHOICES = [
    SelectChoice(value, _l(text.msgid))
    for value, text in WEBHOOK_EVENT_LABELS.items()
    if value != "webhook.test"
]


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def show_problems(form: FlaskForm, fields: dict[str, list[str]] | None, fallback: str) -> None:
    """Put a service's per-field problems next to the form's fields, in the reader's language."""
    placed = False
    for name, problems in (fields or {}).items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors or []) + [_sentence(translate(p)) for p in problems]
            placed = True
    if not placed:
        form.form_errors.append(translate(fallback))


def takes_form(
    form_class: type[FlaskForm],
    again: Callable[[Any], Any],
    prefix: str = "",
    conflict_field: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Hand a POST view its form once it is valid. An invalid form, or a DomainError from the
    view, answers `again(form)` with the problems next to the fields (a Conflict's next to
    `conflict_field`, when given)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def post(**kwargs: Any) -> Any:
            form = form_class(prefix=prefix)
            if form.validate_on_submit():
                try:
                    return view(form, **kwargs)
                except DomainError as error:
                    fields = error.fields
                    if conflict_field and isinstance(error, Conflict):
                        fields = {conflict_field: [error.message]}
                    show_problems(form, fields, error.message)
            return again(form)

        return post

    return decorate


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        render_kw={"autocomplete": "username", "spellcheck": "false", "autofocus": True},
    )
    password = PasswordField(_l("Password"), render_kw={"autocomplete": "current-password"})
    next = HiddenField()


# The input for a 6-digit code or a recovery code (longer, so no numeric keyboard).
_CODE_OR_RECOVERY_CODE = {"autocomplete": "one-time-code", "spellcheck": "false", "maxlength": 24}


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        description=_l(
            "The 6-digit code from your authenticator app, or one of your recovery codes."
        ),
        render_kw={**_CODE_OR_RECOVERY_CODE, "autofocus": True},
    )


class EnrolForm(FlaskForm):
    code = StringField(
        _l("Code from the app"),
        description=_l("After adding the account, your app shows a 6-digit code. Enter it here."),
        render_kw={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "spellcheck": "false",
            "maxlength": 8,
        },
    )
    password = PasswordField(
        _l("Your password"),
        description=_l("To change two-factor settings, confirm it is you."),
        render_kw={"autocomplete": "current-password"},
    )


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), render_kw={"autocomplete": "current-password"}
    )
    new_password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. A few unrelated words make a good one."),
        render_kw={"autocomplete": "new-password", "minlength": 12},
    )
    confirm_password = PasswordField(
        _l("New password again"), render_kw={"autocomplete": "new-password"}
    )


class NotifyForm(FlaskForm):
    notify = BooleanField(_l("Email me when a new comment or inquiry waits in the queue"))


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField(_l("Your password"), render_kw={"autocomplete": "current-password"})


def _label_field(text: LazyString, hint: LazyString) -> StringField:
    """The name staff give an API token or a webhook endpoint for themselves; both columns hold
    100 characters."""
    return StringField(text, description=hint, render_kw={"maxlength": 100})


class TokenForm(FlaskForm):
    label = _label_field(_l("Label"), _l("What the token is for, e.g. “spreadsheet export”."))
    days = IntegerField(
        _l("Expires after (days)"),
        description=_l("At most 365 days."),
        default=DEFAULT_TOKEN_DAYS,
        render_kw={"min": 1, "max": MAX_TOKEN_DAYS, "inputmode": "numeric"},
    )
    # A token outlives the session, so making one asks again who is at the keyboard.
    password = PasswordField(_l("Your password"), render_kw={"autocomplete": "current-password"})
    code = StringField(
        _l("Code from your authenticator app"),
        description=_l("The current 6-digit code, or one of your recovery codes."),
        render_kw=_CODE_OR_RECOVERY_CODE,
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.days.errors:
            # WTForms would say only that it is not a number; this says what is wanted.
            self.days.errors = [
                gettext("Enter a whole number of days from 1 to %(max)d.", max=MAX_TOKEN_DAYS)
            ]
        return valid


class ModeratorForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        render_kw={"autocomplete": "off", "spellcheck": "false", "maxlength": 254},
    )
    name = StringField(_l("Name shown to other staff"), render_kw={"maxlength": 100})
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default=Role.MODERATOR.value)
    password = PasswordField(
        _l("First password"),
        description=_l(
            "At least 12 characters. Give it to the person in a safe way; "
            "they can change it on their account page."
        ),
        render_kw={"autocomplete": "new-password", "minlength": 12},
    )


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"), choices=[SelectChoice(r.value, _l(ROLE_LABELS[r.value].msgid)) for r in Role]
    )


class ScopeForm(FlaskForm):
    """What a moderator may see; nothing ticked in a group means all of it. The topic choices
    are the configured INQUIRY_TOPICS, set by the view."""

    kinds = SelectMultipleField(
        _l("May see"),
        choices=[
            SelectChoice("comment", _l("Comments")),
            SelectChoice("inquiry", _l("Inquiries")),
        ],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,  # the service names an unknown value in the reader's language
    )
    topics = SelectMultipleField(
        _l("Inquiry topics"),
        choices=[],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=False,
    )


class BlocklistForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=BLOCK_CHOICES, default=BlockKind.WORD.value)
    value = StringField(
        _l("What to block"),
        description=_l(
            "A word, an address such as spam@example.com, a domain such as example.com, "
            "or an IP address or range such as 203.0.113.0/24."
        ),
        render_kw={"maxlength": 254, "spellcheck": "false"},
    )
    note = StringField(
        _l("Note (optional)"),
        description=_l("Why it is blocked, for the other staff."),
        render_kw={"maxlength": 200},
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.errors:
            # Instead of WTForms' "Not a valid choice", which does not say what to choose.
            self.kind.errors = [gettext("Choose what kind of entry this is.")]
        return valid


class WebhookForm(FlaskForm):
    label = _label_field(_l("Name"), _l("For the staff, such as “Front desk Teams channel”."))
    url = StringField(
        _l("Address"),
        description=_l(
            "The receiver's https:// address, or the incoming-webhook address the chat "
            "service gave you."
        ),
        render_kw={"maxlength": 2000, "spellcheck": "false", "inputmode": "url"},
    )
    format = SelectField(_l("Kind"), choices=WEBHOOK_FORMAT_CHOICES, default="standard")
    events = SelectMultipleField(_l("Events"), choices=WEBHOOK_EVENT_CHOICES, validate_choice=False)
