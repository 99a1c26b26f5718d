"""The access report: administrators see on an inquiry's page who at the clinic opened,
answered and exported it, and when; the patient's `privacy export` carries the same report,
naming staff by display name or role, never by address."""

import json
import re

import sqlalchemy as sa

from service.data.database import transaction
from service.data.extensions import db
from service.data.models import AuditEvent, Moderator, Role
from service.submissions import audit
from service.submissions.accessreport import access_report
from tests.factories import InquiryFactory, ModeratorFactory
from tests.pages import post_form


def access_rows(page: str) -> list[str]:
    """The access report's rows as text, tags stripped."""
    section = page.split('id="access-title"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def test_admins_see_who_opened_answered_and_exported_an_inquiry(
    app, moderator, moderator_client, admin, admin_client
):
    inquiry = InquiryFactory(email="patient@example.org")
    db.session.commit()
    url = f"/moderation/inquiries/{inquiry.id}"
    answered = post_form(
        moderator_client, url, f"{url}/answer", {"note": "Come in on Tuesday at nine."}
    )
    assert answered.status_code in (302, 303)
    with transaction():
        staff = db.session.get(Moderator, moderator.id)
        audit.record_each("inquiry.export", staff, "inquiry", [inquiry.id], {"via": "csv"})

    page = admin_client.get(url).get_data(as_text=True)
    assert "Access report" in page
    rows = access_rows(page)
    mine = [row for row in rows if moderator.email in row]
    assert any("Opened" in row and f"{moderator.name}" in row for row in mine)
    assert any("Answered" in row and " 1 " in f" {row} " for row in mine)
    assert any("Exported" in row for row in mine)
    # The administrator's own opening of this page is on it too.
    assert any(admin.email in row and "Opened" in row for row in rows)


def test_moderators_do_not_see_the_access_report(app, moderator_client):
    inquiry = InquiryFactory()
    db.session.commit()
    page = moderator_client.get(f"/moderation/inquiries/{inquiry.id}").get_data(as_text=True)
    assert "Access report" not in page


def test_an_inquiry_nobody_opened_has_an_empty_report(app):
    inquiry = InquiryFactory()
    db.session.commit()
    assert access_report([inquiry.id]) == {inquiry.id: []}


def test_the_report_groups_each_persons_accesses(app, moderator):
    inquiry, other = InquiryFactory(), InquiryFactory()
    db.session.commit()
    with transaction():
        for _ in range(3):
            audit.record("inquiry.view", moderator, "inquiry", inquiry.id, {"via": "page"})
        audit.record("inquiry.close", moderator, "inquiry", inquiry.id)
        audit.record("inquiry.view", moderator, "inquiry", other.id, {"via": "page"})
    lines = access_report([inquiry.id])[inquiry.id]
    assert [(line.actor, line.access, line.times) for line in lines] == [
        (moderator.email, "opened", 3),
        (moderator.email, "handled", 1),
    ]
    assert lines[0].first_at <= lines[0].last_at


def test_privacy_export_tells_the_patient_who_accessed_their_inquiry(app, runner, moderator):
    unnamed = ModeratorFactory(name="", role=Role.ADMIN)
    inquiry = InquiryFactory(email="patient@example.org")
    db.session.commit()
    with transaction():
        audit.record("inquiry.view", moderator, "inquiry", inquiry.id, {"via": "page"})
        audit.record("inquiry.answer", moderator, "inquiry", inquiry.id)
        audit.record("inquiry.view", unnamed, "inquiry", inquiry.id, {"via": "api"})
        audit.record("inquiry.assign", "cli", "inquiry", inquiry.id)
    result = runner.invoke(args=["privacy", "export", "patient@example.org"])
    assert result.exit_code == 0, result.output
    access = json.loads(result.output)["inquiries"][0]["access"]
    assert [(line["who"], line["access"], line["times"]) for line in access] == [
        (moderator.name, "opened", 1),
        (moderator.name, "answered", 1),
        ("administrator", "opened", 1),
        ("the clinic's system", "handled", 1),
    ]
    assert all(line["first_at"].endswith("Z") for line in access)
    text = json.dumps(access)
    assert moderator.email not in text and unnamed.email not in text
    # The export itself is audited, without the patient's address.
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "privacy.export"))
    assert "patient@example.org" not in json.dumps(event.detail)


def test_a_spanish_administrator_reads_the_report_in_spanish(app, admin, admin_client):
    inquiry = InquiryFactory()
    db.session.commit()
    admin_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es-ES,es;q=0.9"
    page = admin_client.get(f"/moderation/inquiries/{inquiry.id}").get_data(as_text=True)
    assert "Informe de accesos" in page
    assert any(admin.email in row and "Abierta" in row for row in access_rows(page))
