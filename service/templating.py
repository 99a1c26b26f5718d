"""Template globals and filters: the clinic's name, local time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, current_app


def clinic_zone() -> ZoneInfo:
    try:
        return ZoneInfo(current_app.config.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def localtime(value: dt.datetime | None, fmt: str = "%d %b %Y, %H:%M") -> str:
    """A stored UTC time shown in the clinic's time zone."""
    if value is None:
        return ""
    return value.astimezone(clinic_zone()).strftime(fmt)


def register(app: Flask) -> None:
    app.add_template_filter(localtime, "localtime")

    @app.context_processor
    def _globals() -> dict[str, object]:
        return {"clinic_name": current_app.config["CLINIC_NAME"]}
