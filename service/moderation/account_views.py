"""The signed-in moderator's own account: password, notifications, two-factor, API tokens."""

from __future__ import annotations

from typing import Any

from flask import flash, make_response, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from service.moderation.account_forms import (
    ConfirmPasswordForm,
    NotifyForm,
    PasswordForm,
    TokenForm,
    takes_form,
)
from service.moderation.accounts import verify_password
from service.moderation.blueprint import bp
from service.moderation.staff import (
    change_password,
    create_own_token,
    list_tokens,
    revoke_token,
    set_notify,
)
from service.moderation.twofactor import disable_two_factor, regenerate_recovery_codes
from service.web.errors import ValidationFailed
from service.web.i18n import N_


def _me():
    return current_user._get_current_object()


def _forms(**given: Any) -> dict[str, Any]:
    me = _me()
    forms = {
        "password_form": PasswordForm(prefix="pw", formdata=None),
        "notify_form": NotifyForm(prefix="nt", formdata=None, data={"notify": me.notify}),
        "codes_form": ConfirmPasswordForm(prefix="codes", formdata=None),
        "disable_form": ConfirmPasswordForm(prefix="off", formdata=None),
        "token_form": TokenForm(prefix="tk", formdata=None),
    }
    forms.update(given)
    return forms


def _render(status: int = 200, **given: Any) -> Any:
    me = _me()
    return (
        render_template(
            "moderation/account.html",
            me=me,
            recovery_left=len(me.recovery_codes or []),
            tokens=list_tokens(me),
            **_forms(**given),
        ),
        status,
    )


def _check_password(form: ConfirmPasswordForm) -> None:
    if not verify_password(_me(), form.password.data or ""):
        message = N_("Your password is not right.")
        raise ValidationFailed(message, {"password": [message]})


@bp.get("/account")
def account() -> Any:
    return _render()


def _no_store(response: Response) -> Response:
    # The page shows secrets (recovery codes, a new token) that must not stay in a cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/account/password")
@takes_form(PasswordForm, lambda form: _render(400, password_form=form), prefix="pw")
def account_password(form: PasswordForm) -> Any:
    me = _me()
    change_password(
        me, form.current_password.data, form.new_password.data, form.confirm_password.data
    )
    # The session version moved on: every other session has ended; keep this one.
    login_user(me, fresh=True)
    flash(gettext("Your password is changed. Every other session of your account has ended."))
    return redirect(url_for("moderation.account"), 303)


@bp.post("/account/notify")
@takes_form(NotifyForm, lambda form: _render(400, notify_form=form), prefix="nt")
def account_notify(form: NotifyForm) -> Any:
    set_notify(_me(), bool(form.notify.data))
    flash(
        gettext("You will get mail about new items.")
        if form.notify.data
        else gettext("You will no longer get mail about new items.")
    )
    return redirect(url_for("moderation.account"), 303)


@bp.post("/account/two-factor/recovery-codes")
@takes_form(ConfirmPasswordForm, lambda form: _render(400, codes_form=form), prefix="codes")
def account_recovery_codes(form: ConfirmPasswordForm) -> Any:
    _check_password(form)
    codes = regenerate_recovery_codes(_me())
    return _no_store(
        make_response(
            render_template(
                "moderation/recovery_codes.html",
                codes=codes,
                continue_to=url_for("moderation.account"),
                first_time=False,
            )
        )
    )


@bp.post("/account/two-factor/disable")
@takes_form(ConfirmPasswordForm, lambda form: _render(400, disable_form=form), prefix="off")
def account_disable_two_factor(form: ConfirmPasswordForm) -> Any:
    _check_password(form)
    disable_two_factor(_me(), _me())
    flash(gettext("Two-factor sign-in is off. Your password alone now signs you in."))
    return redirect(url_for("moderation.account"), 303)


@bp.post("/account/tokens")
@takes_form(TokenForm, lambda form: _render(400, token_form=form), prefix="tk")
def account_create_token(form: TokenForm) -> Any:
    token = create_own_token(
        _me(),
        form.label.data or "",
        form.days.data or 0,
        form.password.data or "",
        form.code.data or "",
    )
    return _no_store(
        make_response(render_template("moderation/token_created.html", token=token, form=form))
    )


@bp.post("/account/tokens/<int:token_id>/revoke")
def account_revoke_token(token_id: int) -> Any:
    token = revoke_token(token_id, _me())
    if token.label:
        flash(gettext("The token “%(label)s” no longer works.", label=token.label))
    else:
        flash(gettext("The token without a label no longer works."))
    return redirect(url_for("moderation.account"), 303)
