"""The front page: where a visitor lands, with the way to the contact form and the articles."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("site", __name__)


@bp.get("/")
def index():
    return render_template("index.html")
