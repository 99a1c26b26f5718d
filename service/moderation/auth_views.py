"""Signing in (password, then the second factor or its enrolment), signing out, idle timeout."""

from __future__ import annotations

import secrets
import time
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidTag
from flask import (
    Response,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext, ngettext
from flask_login import current_user, login_user, logout_user

from service.data.crypto import DataKeyError, keyring
from service.data.extensions import db, limiter
from service.data.models import Moderator
from service.moderation.account_forms import CodeForm, EnrolForm, LoginForm, show_problems
from service.moderation.accounts import verify_password
from service.moderation.authentication import (
    AccountInactive,
    LoginFailed,
    LoginThrottled,
    PasswordSignInOff,
    check_code,
    check_password,
    record_idle_logout,
    record_login,
    record_logout,
    record_logout_on_every_device,
    sign_out_everywhere,
)
from service.moderation.blueprint import bp, public_endpoint
from service.moderation.login import SESSION_ID, SESSION_SINCE
from service.moderation.sso import is_sso_session
from service.moderation.twofactor import (
    enable_two_factor,
    group_secret,
    new_secret,
    provisioning_uri,
    qr_code_svg,
)
from service.web.errors import DomainError, ValidationFailed
from service.web.i18n import N_, translate

PENDING = "pending_login"
ENROL_SECRET = "enrol_secret"  # noqa: S105 - a session key, not a secret
SEEN = "seen"
PENDING_SECONDS = 600
# Writing the last-seen time at most this often keeps most responses free of a new cookie.
SEEN_RESOLUTION = 15


def safe_next_path(value: str | None) -> str | None:
    """A moderation path on this site to return to after signing in, or None."""
    if not value or "\\" in value:
        return None
    parts = urlsplit(value)
    if (parts.scheme or parts.netloc) and parts.netloc != request.host:
        return None
    path = parts.path
    if not path.startswith("/moderation/") or path.startswith("//"):
        return None
    if path.rstrip("/") in ("/moderation/login", "/moderation/logout"):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def landing() -> str:
    return url_for("moderation.queue")


def clear_session() -> None:
    """Empty the session, and forget the CSRF token Flask-WTF cached for this request."""
    session.clear()
    g.pop("csrf_token", None)


def finish_login(moderator: Moderator, method: str) -> None:
    """A fresh session for the signed-in moderator: nothing from before the login survives."""
    clear_session()
    login_user(moderator, fresh=True)
    session[SEEN] = int(time.time())
    session[SESSION_SINCE] = int(time.time())
    session[SESSION_ID] = secrets.token_urlsafe(24)
    record_login(moderator, method)


def _start_pending(moderator: Moderator, next_path: str | None, enrol: bool) -> None:
    clear_session()
    session[PENDING] = {
        "id": moderator.id,
        "version": moderator.session_version,
        "since": int(time.time()),
        "next": next_path,
        "enrol": enrol,
    }


def _pending() -> tuple[Moderator, dict[str, Any]] | None:
    """The moderator who gave the right password and still owes the second step."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if int(time.time()) - int(pending.get("since", 0)) > PENDING_SECONDS:
        session.pop(PENDING, None)
        return None
    moderator = db.session.get(Moderator, pending.get("id"))
    if (
        moderator is None
        or not moderator.active
        or moderator.session_version != pending.get("version")
    ):
        session.pop(PENDING, None)
        return None
    return moderator, pending


def _throttled(template: str, error: LoginThrottled, **context: Any) -> Response:
    response = make_response(render_template(template, **context), 429)
    response.headers["Retry-After"] = str(error.retry_after)
    return response


@bp.route("/login", methods=["GET", "POST"])
@public_endpoint
@limiter.limit("60 per minute", methods=["POST"])
def login() -> Any:
    if current_user.is_authenticated:
        return redirect(safe_next_path(request.args.get("next")) or landing())
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next_path(request.args.get("next")) or ""
    status = 200
    if form.validate_on_submit():
        next_path = safe_next_path(form.next.data)
        try:
            moderator = check_password(form.email.data or "", form.password.data or "")
        except LoginThrottled as error:
            form.form_errors.append(translate(error.message))
            return _throttled("moderation/login.html", error, form=form)
        except (LoginFailed, AccountInactive, PasswordSignInOff) as error:
            form.form_errors.append(translate(error.message))
            status = error.http_status
        else:
            if moderator.totp_secret:
                _start_pending(moderator, next_path, enrol=False)
                return redirect(url_for("moderation.login_code"), 303)
            if moderator.is_admin:
                _start_pending(moderator, next_path, enrol=True)
                flash(gettext("Administrators sign in with a second step. Set it up now."), "info")
                return redirect(url_for("moderation.two_factor_setup"), 303)
            finish_login(moderator, "password")
            return redirect(next_path or landing(), 303)
    form.password.data = ""
    return render_template("moderation/login.html", form=form), status


@bp.route("/login/code", methods=["GET", "POST"])
@public_endpoint
@limiter.limit("60 per minute", methods=["POST"])
def login_code() -> Any:
    found = _pending()
    if found is None or found[1].get("enrol"):
        flash(gettext("Please sign in again."), "info")
        return redirect(url_for("moderation.login"), 303)
    moderator, pending = found
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            method = check_code(moderator, form.code.data or "")
        except LoginThrottled as error:
            form.code.errors = [translate(error.message)]
            return _throttled("moderation/login_code.html", error, form=form)
        except LoginFailed as error:
            form.code.errors = [translate(error.message)]
            status = 401
        else:
            next_path = pending.get("next")
            finish_login(moderator, method)
            if method == "recovery_code":
                left = len(moderator.recovery_codes or [])
                flash(
                    ngettext(
                        "You signed in with a recovery code; %(num)d is left. Make new ones on "
                        "your account page if you are running out.",
                        "You signed in with a recovery code; %(num)d are left. Make new ones on "
                        "your account page if you are running out.",
                        left,
                    ),
                    "info",
                )
            return redirect(next_path or landing(), 303)
    form.code.data = ""
    return render_template("moderation/login_code.html", form=form), status


def _enrolling_moderator() -> tuple[Moderator, dict[str, Any] | None] | None:
    if current_user.is_authenticated:
        return current_user._get_current_object(), None
    found = _pending()
    if found is None or not found[1].get("enrol"):
        return None
    return found


def _enrol_secret() -> str:
    stored = session.get(ENROL_SECRET)
    if stored:
        try:
            return keyring().decrypt(stored)
        except (DataKeyError, InvalidTag, ValueError):
            # Encrypted under a key rotated away since: start the enrolment over.
            session.pop(ENROL_SECRET, None)
    secret = new_secret()
    # The session cookie is signed, not encrypted: the secret travels in it encrypted.
    session[ENROL_SECRET] = keyring().encrypt(secret)
    return secret


@bp.route("/two-factor/setup", methods=["GET", "POST"])
@public_endpoint
@limiter.limit("30 per minute", methods=["POST"])
def two_factor_setup() -> Any:
    found = _enrolling_moderator()
    if found is None:
        flash(gettext("Please sign in first."), "info")
        return redirect(url_for("moderation.login"), 303)
    moderator, pending = found
    secret = _enrol_secret()
    form = EnrolForm()
    signed_in = pending is None
    status = 200
    if form.validate_on_submit():
        try:
            if signed_in and not verify_password(moderator, form.password.data or ""):
                message = N_("Your password is not right.")
                raise ValidationFailed(message, {"password": [message]})
            codes = enable_two_factor(moderator, secret, form.code.data or "")
        except DomainError as error:
            show_problems(form, error.fields, error.message)
            status = 400
        else:
            session.pop(ENROL_SECRET, None)
            next_path = pending.get("next") if pending else None
            if pending is not None:
                finish_login(moderator, "password+enrolment")
            response = make_response(
                render_template(
                    "moderation/recovery_codes.html",
                    codes=codes,
                    continue_to=next_path or url_for("moderation.account"),
                    first_time=True,
                )
            )
            response.headers["Cache-Control"] = "no-store"
            return response
    uri = provisioning_uri(moderator.email, secret)
    response = make_response(
        render_template(
            "moderation/two_factor_setup.html",
            form=form,
            signed_in=signed_in,
            replacing=moderator.totp_secret is not None,
            secret=group_secret(secret),
            uri=uri,
            qr_svg_html=qr_code_svg(uri),
            email=moderator.email,
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/logout")
def logout() -> Any:
    """Sign out on this device (the default), or with `scope=everywhere` on every device."""
    moderator = current_user._get_current_object()
    everywhere = request.form.get("scope") == "everywhere"
    if everywhere:
        record_logout_on_every_device(moderator)
    else:
        record_logout(moderator, session.get(SESSION_ID))
    logout_user()
    clear_session()
    if everywhere:
        flash(gettext("You are signed out on every device."), "info")
    else:
        flash(gettext("You are signed out on this device."), "info")
    return redirect(url_for("moderation.login"), 303)


@bp.post("/account/sign-out-everywhere")
def sign_out_everywhere_view() -> Any:
    """For a lost device or a leaked token: sessions end and API tokens are revoked as well."""
    revoked = sign_out_everywhere(current_user._get_current_object())
    logout_user()
    clear_session()
    flash(
        ngettext(
            "You are signed out on every device, and %(num)d API token was revoked.",
            "You are signed out on every device, and %(num)d API tokens were revoked.",
            revoked,
        ),
        "info",
    )
    return redirect(url_for("moderation.login"), 303)


@bp.before_app_request
def _end_idle_session() -> None:
    """Sign out a session that saw no request for `MODERATOR_IDLE_MINUTES`."""
    if request.endpoint == "static" or "_user_id" not in session:
        return
    minutes = current_app.config["MODERATOR_IDLE_MINUTES"]
    now = int(time.time())
    seen = session.get(SEEN)
    if not isinstance(seen, int) or now - seen > minutes * 60:
        moderator_id = str(session.get("_user_id", "")).partition(":")[0]
        logout_user()
        clear_session()
        flash(
            gettext(
                "You were signed out after %(minutes)d minutes of inactivity.", minutes=minutes
            ),
            "info",
        )
        if moderator_id.isdigit():
            record_idle_logout(int(moderator_id), minutes)
        return
    if now - seen >= SEEN_RESOLUTION:
        session[SEEN] = now


@bp.before_request
def _admins_enrol_first() -> Any:
    """An administrator without two-factor (say, just promoted) sets it up before anything."""
    if request.endpoint in ("moderation.two_factor_setup", "moderation.logout"):
        return None
    if is_sso_session():
        return None  # the provider asked for the second factor, under its own policy
    if current_user.is_authenticated and current_user.is_admin and not current_user.totp_secret:
        flash(gettext("Administrators sign in with a second step. Set it up to continue."), "info")
        return redirect(url_for("moderation.two_factor_setup"), 303)
    return None
