"""Who may open which moderation page."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask_login import current_user

from service.web.errors import Forbidden
from service.web.i18n import N_


def admin_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Only administrators reach the view; a moderator gets 403."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated or not current_user.is_admin:
            raise Forbidden(N_("Only administrators can open this page."))
        return view(*args, **kwargs)

    return wrapper
