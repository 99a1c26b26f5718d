"""The moderators' dashboard page."""

from __future__ import annotations

from flask import render_template

from service.moderation import dashboard
from service.moderation.blueprint import bp

CHART_WIDTH = 600
CHART_HEIGHT = 160


@bp.get("/dashboard", endpoint="dashboard")
def dashboard_page() -> str:
    figures = dashboard.build_dashboard()
    return render_template(
        "moderation/dashboard.html",
        figures=figures,
        bars=dashboard.chart_bars(figures.days, CHART_WIDTH, CHART_HEIGHT),
        chart_width=CHART_WIDTH,
        chart_height=CHART_HEIGHT,
        bar_width=round(CHART_WIDTH / max(len(figures.days), 1) - 2, 2),
        noindex=True,
    )
