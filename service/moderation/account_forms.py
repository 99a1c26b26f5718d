"""Forms of the sign-in, account and admin screens. They name the accepted fields; the rules
themselves live in the service functions, which report problems per field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice

from service.models import BlockKind, Role

ROLE_CHOICES = [
    SelectChoice(Role.MODERATOR.value, "Moderator: works the queue"),
    SelectChoice(Role.ADMIN.value, "Administrator: also manages accounts and the blocklist"),
]
BLOCK_CHOICES = [
    SelectChoice(BlockKind.WORD.value, "Word or phrase"),
    SelectChoice(BlockKind.EMAIL.value, "Email address"),
    SelectChoice(BlockKind.DOMAIN.value, "Domain (also blocks its subdomains)"),
    SelectChoice(BlockKind.NETWORK.value, "IP address or CIDR range"),
]


def show_problems(form: FlaskForm, fields: dict[str, list[str]] | None, fallback: str) -> None:
    """Put a service's per-field problems next to the form's fields."""
    placed = False
    for name, problems in (fields or {}).items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors or []) + [
                p[0].upper() + p[1:] if p else p for p in problems
            ]
            placed = True
    if not placed:
        form.form_errors.append(fallback)


class LoginForm(FlaskForm):
    email = EmailField(
        "Email address",
        render_kw={"autocomplete": "username", "spellcheck": "false", "autofocus": True},
    )
    password = PasswordField("Password", render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class CodeForm(FlaskForm):
    code = StringField(
        "Code",
        description="The 6-digit code from your authenticator app, or one of your recovery codes.",
        render_kw={
            "autocomplete": "one-time-code",
            "spellcheck": "false",
            "autofocus": True,
            "maxlength": 24,
        },
    )


class EnrolForm(FlaskForm):
    code = StringField(
        "Code from the app",
        description="After adding the account, your app shows a 6-digit code. Enter it here.",
        render_kw={
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "spellcheck": "false",
            "maxlength": 8,
        },
    )
    password = PasswordField(
        "Your password",
        description="To change two-factor settings, confirm it is you.",
        render_kw={"autocomplete": "current-password"},
    )


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        "Current password", render_kw={"autocomplete": "current-password"}
    )
    new_password = PasswordField(
        "New password",
        description="At least 12 characters. A few unrelated words make a good one.",
        render_kw={"autocomplete": "new-password", "minlength": 12},
    )
    confirm_password = PasswordField(
        "New password again", render_kw={"autocomplete": "new-password"}
    )


class NotifyForm(FlaskForm):
    notify = BooleanField("Email me when a new comment or inquiry waits in the queue")


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField("Your password", render_kw={"autocomplete": "current-password"})


class TokenForm(FlaskForm):
    label = StringField(
        "Label",
        description="What the token is for, e.g. “spreadsheet export”.",
        render_kw={"maxlength": 100},
    )
    days = IntegerField(
        "Expires after (days)",
        default=90,
        render_kw={"min": 1, "max": 3650, "inputmode": "numeric"},
    )


class ModeratorForm(FlaskForm):
    email = EmailField(
        "Email address", render_kw={"autocomplete": "off", "spellcheck": "false", "maxlength": 254}
    )
    name = StringField("Name shown to other staff", render_kw={"maxlength": 100})
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.MODERATOR.value)
    password = PasswordField(
        "First password",
        description="At least 12 characters. Give it to the person in a safe way; "
        "they can change it on their account page.",
        render_kw={"autocomplete": "new-password", "minlength": 12},
    )


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(r.value, r.value.capitalize()) for r in Role])


class BlocklistForm(FlaskForm):
    kind = SelectField("Kind", choices=BLOCK_CHOICES, default=BlockKind.WORD.value)
    value = StringField(
        "What to block",
        description="A word, an address such as spam@example.com, a domain such as example.com, "
        "or an IP address or range such as 203.0.113.0/24.",
        render_kw={"maxlength": 254, "spellcheck": "false"},
    )
    note = StringField(
        "Note (optional)",
        description="Why it is blocked, for the other staff.",
        render_kw={"maxlength": 200},
    )
