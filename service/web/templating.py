"""Template globals and filters: the clinic's name; dates and times in the clinic's time zone,
written the way the reader's language writes them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_skeleton
from flask import Flask, current_app
from flask_babel import format_date, format_datetime, get_locale


def clinic_zone() -> ZoneInfo:
    try:
        return ZoneInfo(current_app.config.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def localtime(value: dt.datetime | None, seconds: bool = False, zone: bool = False) -> str:
    """A stored UTC time in the clinic's time zone, in the reader's language: the medium date
    and the short time ("26 nov 2026, 14:05"; with `seconds`, "14:05:09"; with `zone`, the
    zone after it, "14:05 UTC", for pages the public reads from anywhere)."""
    if value is None:
        return ""
    locale = get_locale()
    date_pattern = locale.date_formats["medium"].pattern
    time_pattern = locale.time_formats["medium" if seconds else "short"].pattern
    if zone:
        time_pattern += " z"
    pattern = locale.datetime_formats["medium"].format(time_pattern, date_pattern)
    return format_datetime(value, pattern)


def localdate(value: dt.date | dt.datetime | None, skeleton: str = "") -> str:
    """A day in the reader's language: the medium date, or a CLDR skeleton such as "MMMd"
    (day and month) or "MMMEd" (with the weekday). A stored time is taken in the clinic's
    time zone."""
    if value is None:
        return ""
    if not skeleton:
        return format_date(value, "medium")
    if isinstance(value, dt.datetime):
        value = value.astimezone(clinic_zone()).date()
    return format_skeleton(skeleton, value, locale=get_locale())


def register(app: Flask) -> None:
    app.add_template_filter(localtime, "localtime")
    app.add_template_filter(localdate, "localdate")

    @app.context_processor
    def _globals() -> dict[str, object]:
        return {"clinic_name": current_app.config["CLINIC_NAME"]}
