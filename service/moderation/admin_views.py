"""Administrators' screens: moderator accounts, everyone's API tokens, the blocklist."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from service.data.models import BlocklistEntry, Moderator
from service.moderation.account_forms import (
    BlocklistForm,
    ModeratorForm,
    RoleForm,
    ScopeForm,
    takes_form,
)
from service.moderation.blocklist import add_entry, list_entries, remove_entry
from service.moderation.blueprint import bp
from service.moderation.labels import BLOCK_KIND_LABELS, label
from service.moderation.permissions import admin_required
from service.moderation.staff import (
    add_moderator,
    list_moderators,
    list_tokens,
    moderator_by_id,
    revoke_token,
    set_active,
    set_on_call,
    set_role,
    set_scope,
)
from service.moderation.twofactor import disable_two_factor
from service.web.errors import DomainError
from service.web.i18n import N_, Message, translate


def _me():
    return current_user._get_current_object()


@bp.get("/moderators")
@admin_required
def moderators(form: ModeratorForm | None = None, status: int = 200) -> Any:
    """The accounts page; adding an account shows it again with its form and a 400."""
    accounts = list_moderators()
    return (
        render_template(
            "moderation/moderators.html",
            moderators=accounts,
            role_forms={
                m.id: RoleForm(formdata=None, prefix=f"r{m.id}", data={"role": m.role.value})
                for m in accounts
            },
            scope_forms={m.id: _scope_form(m, formdata=None) for m in accounts if not m.is_admin},
            scope_topic_labels={m.id: _topic_labels(m.scope_topics) for m in accounts},
            form=form or ModeratorForm(formdata=None),
            me=_me(),
        ),
        status,
    )


def _topic_labels(keys: list[str]) -> str:
    labels = dict(current_app.config["INQUIRY_TOPICS"])
    return ", ".join(translate(labels.get(key, key)) for key in keys)


def _scope_form(moderator: Any, **kwargs: Any) -> ScopeForm:
    form = ScopeForm(
        prefix=f"s{moderator.id}",
        data={"kinds": moderator.scope_kinds, "topics": moderator.scope_topics},
        **kwargs,
    )
    form.topics.choices = [
        (key, translate(label)) for key, label in current_app.config["INQUIRY_TOPICS"]
    ]
    return form


@bp.post("/moderators/<int:moderator_id>/scope")
@admin_required
def moderators_scope(moderator_id: int) -> Any:
    form = _scope_form(moderator_by_id(moderator_id))
    if not form.validate_on_submit():
        flash(gettext("The form has expired; try again."), "error")
        return redirect(url_for("moderation.moderators"), 303)
    try:
        moderator = set_scope(moderator_id, form.kinds.data or [], form.topics.data or [], _me())
    except DomainError as error:
        flash(translate(error.message), "error")
        return redirect(url_for("moderation.moderators"), 303)
    if moderator.scope_kinds or moderator.scope_topics:
        flash(gettext("%(email)s now sees only what is ticked.", email=moderator.email))
    else:
        flash(gettext("%(email)s sees every comment and inquiry.", email=moderator.email))
    return redirect(url_for("moderation.moderators"), 303)


def _moderators_again(form: ModeratorForm) -> Any:
    form.password.data = ""  # the first password typed is never sent back in the page
    return moderators(form, 400)


@bp.post("/moderators")
@admin_required
@takes_form(ModeratorForm, _moderators_again, conflict_field="email")
def moderators_create(form: ModeratorForm) -> Any:
    created = add_moderator(
        form.email.data or "",
        form.name.data or "",
        form.role.data or "",
        form.password.data or "",
        _me(),
    )
    if created.is_admin:
        flash(
            gettext(
                "Created %(email)s. They set up two-factor sign-in when they first sign in.",
                email=created.email,
            )
        )
    else:
        flash(gettext("Created %(email)s. They can sign in now.", email=created.email))
    return redirect(url_for("moderation.moderators"), 303)


# The on/off switches of a moderator's row: the last part of the path, the service function and
# the value it sets, and what the administrator is told. Each gets its own endpoint,
# `moderation.moderators_<switch>`, as the page's buttons name them.
_SWITCHES: dict[str, tuple[Callable[[int, bool, Moderator], Moderator], bool, Message]] = {
    "deactivate": (
        set_active,
        False,
        N_("%(email)s is switched off: signed out everywhere, API tokens revoked."),
    ),
    "reactivate": (set_active, True, N_("%(email)s can sign in again.")),
    "on-call": (
        set_on_call,
        True,
        N_("%(email)s is on call: urgent inquiries are mailed to them."),
    ),
    "off-call": (set_on_call, False, N_("%(email)s is no longer on call.")),
}


def _switch_view(
    switch: Callable[[int, bool, Moderator], Moderator], value: bool, told: Message
) -> Callable[[int], Any]:
    @admin_required
    def flip(moderator_id: int) -> Any:
        moderator = switch(moderator_id, value, _me())
        flash(translate(told.with_params(email=moderator.email)))
        return redirect(url_for("moderation.moderators"), 303)

    return flip


for _path, (_switch, _value, _told) in _SWITCHES.items():
    bp.add_url_rule(
        f"/moderators/<int:moderator_id>/{_path}",
        endpoint="moderators_" + _path.replace("-", "_"),
        view_func=_switch_view(_switch, _value, _told),
        methods=["POST"],
    )


@bp.post("/moderators/<int:moderator_id>/role")
@admin_required
def moderators_role(moderator_id: int) -> Any:
    form = RoleForm(prefix=f"r{moderator_id}")
    if not form.validate_on_submit():
        flash(gettext("Choose a role from the list."), "error")
        return redirect(url_for("moderation.moderators"), 303)
    moderator = set_role(moderator_id, form.role.data or "", _me())
    if moderator.is_admin:
        flash(gettext("%(email)s is now an administrator.", email=moderator.email))
    else:
        flash(gettext("%(email)s is now a moderator.", email=moderator.email))
    return redirect(url_for("moderation.moderators"), 303)


@bp.post("/moderators/<int:moderator_id>/reset-two-factor")
@admin_required
def moderators_reset_two_factor(moderator_id: int) -> Any:
    moderator = moderator_by_id(moderator_id)
    disable_two_factor(moderator, _me())
    if moderator.is_admin:
        message = gettext(
            "Two-factor sign-in of %(email)s is removed and their sessions have ended. They set "
            "it up again at their next sign-in (required for administrators).",
            email=moderator.email,
        )
    else:
        message = gettext(
            "Two-factor sign-in of %(email)s is removed and their sessions have ended. They set "
            "it up again at their next sign-in if they want it.",
            email=moderator.email,
        )
    flash(message)
    return redirect(url_for("moderation.moderators"), 303)


@bp.get("/tokens")
@admin_required
def api_tokens() -> Any:
    return render_template("moderation/api_tokens.html", tokens=list_tokens())


@bp.post("/tokens/<int:token_id>/revoke")
@admin_required
def api_tokens_revoke(token_id: int) -> Any:
    token = revoke_token(token_id, _me())
    if token.label:
        flash(
            gettext(
                "The token “%(label)s” of %(email)s is revoked.",
                label=token.label,
                email=token.moderator.email,
            )
        )
    else:
        flash(
            gettext(
                "The token without a label of %(email)s is revoked.", email=token.moderator.email
            )
        )
    return redirect(url_for("moderation.api_tokens"), 303)


@bp.get("/blocklist")
@admin_required
def blocklist(form: BlocklistForm | None = None, status: int = 200) -> Any:
    """The blocklist page; adding an entry shows it again with its form and a 400."""
    return (
        render_template(
            "moderation/blocklist.html",
            entries=list_entries(),
            form=form or BlocklistForm(formdata=None),
        ),
        status,
    )


def _back_to_blocklist(told: Message, entry: BlocklistEntry) -> Any:
    """Say what became of `entry`, its kind in the reader's language, on the blocklist page."""
    kind = translate(label(BLOCK_KIND_LABELS, entry.kind.value))
    flash(translate(told.with_params(kind=kind, value=entry.value)))
    return redirect(url_for("moderation.blocklist"), 303)


@bp.post("/blocklist")
@admin_required
@takes_form(BlocklistForm, lambda form: blocklist(form, 400), conflict_field="value")
def blocklist_add(form: BlocklistForm) -> Any:
    entry = add_entry(form.kind.data or "", form.value.data or "", form.note.data or "", _me())
    return _back_to_blocklist(N_("Blocked %(kind)s “%(value)s”; new submissions meet it."), entry)


@bp.post("/blocklist/<int:entry_id>/remove")
@admin_required
def blocklist_remove(entry_id: int) -> Any:
    entry = remove_entry(entry_id, _me())
    return _back_to_blocklist(N_("Removed %(kind)s “%(value)s” from the blocklist."), entry)
