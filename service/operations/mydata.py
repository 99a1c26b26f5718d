"""The readers' "my data" page: an address asks, a single-use link arrives by mail, and the
link downloads everything stored under that address (JSON) or erases it, after a confirmation
step. The answer to the request is the same whether or not anything is stored."""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField

from service.operations.privacy import (
    check_my_data_link,
    erase_by_link,
    export_by_link,
    request_my_data_link,
)
from service.submissions.ratelimits import submission_limits
from service.submissions.textfields import FieldProblem, clean_email
from service.web.i18n import current_language

bp = Blueprint("mydata", __name__)


class MyDataForm(FlaskForm):
    email = EmailField(
        _l("Your email address"),
        description=_l("The address you gave with a comment, an inquiry or for reply mail."),
    )


@bp.route("/my-data", methods=["GET", "POST"])
@submission_limits
def start():
    form = MyDataForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            return render_template("readers/my_data.html", form=form, sent=False), 400
        try:
            email = clean_email(form.email.data)
        except FieldProblem as problem:
            form.email.errors = [problem.message]
            return render_template("readers/my_data.html", form=form, sent=False), 400
        request_my_data_link(email, current_language())
        return render_template("readers/my_data.html", form=form, sent=True)
    return render_template("readers/my_data.html", form=form, sent=False)


@bp.get("/my-data/link")
def link():
    token = request.args.get("t")
    check_my_data_link(token)
    return render_template("readers/my_data_link.html", token=token, noindex=True)


@bp.post("/my-data/download")
def download():
    data = export_by_link(request.form.get("t"))
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/my-data/erase")
def erase():
    token = request.form.get("t")
    if request.form.get("confirm") != "yes":
        check_my_data_link(token)
        return render_template("readers/my_data_erase.html", token=token, noindex=True)
    result = erase_by_link(token)
    return render_template("readers/my_data_erased.html", result=result, noindex=True)
