"""Signing in with the organisation's identity provider, and ending sessions it disowns."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import current_app, flash, redirect, render_template, request, session
from flask_babel import gettext
from flask_login import current_user, logout_user

from service.data.extensions import limiter
from service.moderation.account_forms import LoginForm
from service.moderation.auth_views import clear_session, finish_login, landing, safe_next_path
from service.moderation.authentication import AccountInactive, is_password_sign_in_allowed
from service.moderation.blueprint import bp, public_endpoint
from service.moderation.sso import (
    SESSION_SSO,
    SsoRefused,
    authorization_redirect,
    is_sso_enabled,
    provider_still_agrees,
    receive_callback,
    record_password_session_ended,
    record_provider_logout,
    record_refusal,
    remember_session,
    sign_in_with_claims,
)
from service.web.errors import NotFound
from service.web.i18n import translate

SSO_NEXT = "sso_next"


def sso_login_offer() -> dict[str, Any] | None:
    """What the sign-in page shows of single sign-on: the button's provider name, and whether
    passwords are kept for the break-glass account only."""
    if not is_sso_enabled():
        return None
    return {
        "name": current_app.config["OIDC_PROVIDER_NAME"],
        "required": current_app.config["OIDC_REQUIRED"],
    }


bp.add_app_template_global(sso_login_offer, "sso_login_offer")


def _refused(error: SsoRefused | AccountInactive) -> Any:
    record_refusal(error, getattr(error, "email", "") or "(single sign-on)")
    form = LoginForm()
    form.form_errors.append(translate(error.message))
    return render_template("moderation/login.html", form=form), error.http_status


def _sso_step(rule: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Route a step of the sign-in dance: reached signed out, rate-limited, 404 while off."""

    def register(view: Callable[[], Any]) -> Callable[[], Any]:
        @functools.wraps(view)
        def only_when_enabled() -> Any:
            if not is_sso_enabled():
                raise NotFound()
            return view()

        return bp.get(rule)(public_endpoint(limiter.limit("30 per minute")(only_when_enabled)))

    return register


@_sso_step("/login/sso")
def sso_start() -> Any:
    """Off to the provider, with `state`, `nonce` and a PKCE challenge kept in the session."""
    next_path = safe_next_path(request.args.get("next"))
    try:
        response = authorization_redirect()
    except SsoRefused as error:
        return _refused(error)
    session[SSO_NEXT] = next_path
    return response


@_sso_step("/login/sso/callback")
def sso_callback() -> Any:
    """Back from the provider: check its answer, then sign the account in."""
    next_path = safe_next_path(session.pop(SSO_NEXT, None))
    try:
        token = receive_callback()
        moderator = sign_in_with_claims(token["userinfo"])
    except (SsoRefused, AccountInactive) as error:
        return _refused(error)
    finish_login(moderator, "sso")
    remember_session(token)
    return redirect(next_path or landing(), 303)


@bp.before_app_request
def _recheck_with_provider() -> None:
    """End a single sign-on session the provider no longer stands behind (see sso.py), and a
    password session of anyone but the break-glass account once single sign-on is required."""
    if request.endpoint == "static" or "_user_id" not in session:
        return
    if not current_user.is_authenticated:
        return
    moderator = current_user._get_current_object()
    if SESSION_SSO in session:
        if is_sso_enabled() and provider_still_agrees():
            return
        message = gettext(
            "Your sign-in with %(provider)s has ended. Please sign in again.",
            provider=current_app.config["OIDC_PROVIDER_NAME"],
        )
        record = record_provider_logout
    elif is_password_sign_in_allowed(moderator.email):
        return
    else:
        message = gettext(
            "Staff now sign in with %(provider)s. Please sign in again with it.",
            provider=current_app.config["OIDC_PROVIDER_NAME"],
        )
        record = record_password_session_ended
    logout_user()
    clear_session()
    flash(message, "info")
    record(moderator)
