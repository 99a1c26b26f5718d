"""The contact page: the inquiry form (works without JavaScript) and its thank-you page."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from service.contact.forms import InquiryForm
from service.contact.services import submit_inquiry
from service.contact.validation import validate_inquiry
from service.data.extensions import csrf
from service.submissions.formtokens import issue_form_token
from service.submissions.ratelimits import TooManySubmissions, submission_limits
from service.web.errors import ValidationFailed, error_response
from service.web.i18n import N_

bp = Blueprint("contact", __name__)
URGENT_NOTICE_KEY = "contact_urgent"

CSRF_MESSAGE = N_(
    "This form was open for a long time or was sent from another page, so it was not sent. "
    "Please check your message and send it again."
)


@bp.route("/contact", methods=["GET", "POST"])
# The form checks its own CSRF token, so an expired one shows the form again with what the
# visitor typed instead of an error page.
@csrf.exempt
@submission_limits
def contact():
    form = InquiryForm()
    if form.validate_on_submit():
        try:
            values = validate_inquiry(form.submitted_values(), _topic_keys())
            receipt = submit_inquiry(
                values, honeypot=form.website.data or "", form_token=form.form_token.data
            )
        except ValidationFailed as error:
            form.show_problems(error.fields or {})
        else:
            # Kept in the signed session, not the address: the thank-you page's URL says
            # nothing about the message, in logs or in the browser's history.
            session[URGENT_NOTICE_KEY] = receipt.urgent
            return redirect(url_for("contact.thanks"), code=303)
    if form.csrf_token.errors:
        form.csrf_token.errors = [CSRF_MESSAGE]
    if not form.form_token.data:
        form.form_token.data = issue_form_token()
    return render_template("contact/form.html", form=form)


# As many characters as each field of the contact form takes; the rest of a longer text is
# left for the visitor to see cut, never an error.
_CARRIED = {"message": 5000, "name": 100, "email": 254}


@bp.post("/contact/carry-over")
def carry_over():
    """The contact form filled in with what a reader wrote as a public comment, when they
    chose to ask privately instead. Nothing is stored or sent. A POST (with the comment page's
    CSRF token), so the text never sits in an address, where logs and histories keep it."""
    values = {name: (request.form.get(name) or "")[:limit] for name, limit in _CARRIED.items()}
    form = InquiryForm(formdata=None, data=values)
    form.form_token.data = issue_form_token()
    return render_template("contact/form.html", form=form, carried_over=True)


@bp.get("/contact/thanks")
def thanks():
    # Shown once, right after the message was sent: a reload or a later visit does not.
    urgent = bool(session.pop(URGENT_NOTICE_KEY, False))
    return render_template("contact/thanks.html", urgent=urgent)


@bp.errorhandler(TooManySubmissions)
def too_many_submissions(error: TooManySubmissions) -> Response:
    """The form again with what the visitor typed, whose limit it was and when to send again."""
    if error.network is None:
        message = N_(
            "You have sent several messages in a short time from your address, so this one was "
            "not sent. Your message is kept below: please wait %(wait)s, then send it again.",
            wait=error.wait,
        )
    else:
        message = N_(
            "Many messages were sent in a short time from your network (%(network)s), perhaps "
            "by other people who share it, so this one was not sent. Your message is kept "
            "below: please wait %(wait)s, then send it again.",
            network=error.network,
            wait=error.wait,
        )
    if request.endpoint != "contact.contact" or request.method != "POST":
        return error_response(429, message, error.code, headers=error.headers)
    form = InquiryForm()
    form.form_token.data = issue_form_token()
    response = make_response(render_template("contact/form.html", form=form, problems=[message]))
    response.status_code = 429
    response.headers.update(error.headers)
    return response


def _topic_keys() -> list[str]:
    return [key for key, _label in current_app.config["INQUIRY_TOPICS"]]
