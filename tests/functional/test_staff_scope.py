"""A moderator limited to some kinds and topics: what they see, count, export, get mailed
and open through links; how administrators set the limit (page and CLI), and that it is
audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import sqlalchemy as sa

from service.comments.digest import notify_moderators_of_pending_comments
from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import AuditEvent, Inquiry, InquiryStatus, Moderator, OutboxMessage
from service.moderation.accounts import issue_api_token
from service.moderation.dashboard import build_dashboard
from service.moderation.labels import AUDIT_ACTION_LABELS
from service.moderation.queue import queue_counts
from service.submissions import audit
from service.submissions.actionlinks import action_links_for
from service.submissions.staffscope import scope_from, scope_of
from tests.conftest import sign_in
from tests.factories import KNOWN_PASSWORD, CommentFactory, InquiryFactory, ModeratorFactory
from tests.pages import hidden_inputs, post_form


@pytest.fixture
def billing_only(app) -> Moderator:
    moderator = ModeratorFactory(scope_kinds=["inquiry"], scope_topics=["billing"])
    db.session.commit()
    return moderator


@pytest.fixture
def mixed_items(app) -> dict[str, int]:
    """Two billing inquiries (one spam), an appointment inquiry, and three comments."""
    ids = {
        "billing": InquiryFactory(topic="billing").id,
        "billing_spam": InquiryFactory(topic="billing", status=InquiryStatus.SPAM).id,
        "appointment": InquiryFactory(topic="appointment").id,
        "comment": CommentFactory().id,
    }
    CommentFactory()
    CommentFactory()
    db.session.commit()
    return ids


def signed_in(app, moderator: Moderator):
    client = app.test_client()
    assert sign_in(client, moderator.email, KNOWN_PASSWORD).status_code == 303
    return client


def bearer(moderator: Moderator) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_api_token(moderator.email)}"}


def test_scope_rules_admins_are_never_limited_and_empty_means_all():
    assert not scope_from("admin", ["comment"], ["billing"]).is_limited
    everything = scope_from("moderator", [], [])
    assert everything.allows("comment") and everything.allows("inquiry", "billing")
    billing = scope_from("moderator", '["inquiry"]', '["billing"]')  # as SQLite's driver reads it
    assert billing.allows("inquiry", "billing")
    assert not billing.allows("inquiry", "appointment")
    assert not billing.allows("comment")
    comments = scope_from("moderator", ["comment"], ["billing"])
    assert comments.allows("comment") and not comments.allows("inquiry", "billing")
    assert scope_of(None) == everything


def test_counts_queue_and_dashboard_show_only_what_is_in_scope(
    app, billing_only, mixed_items, moderator
):
    assert queue_counts(billing_only) == {"comment": {}, "inquiry": {"received": 1, "spam": 1}}
    assert queue_counts(moderator) == {
        "comment": {"pending": 3},
        "inquiry": {"received": 2, "spam": 1},
    }
    assert queue_counts() == queue_counts(moderator)  # the CLI: nobody acting, everything

    figures = build_dashboard(moderator=billing_only)
    assert figures.counts == {"comment": {}, "inquiry": {"received": 1, "spam": 1}}
    # The per-day chart counts the two billing inquiries only, the spam one among them.
    assert sum(day.total for day in figures.days) == 2
    assert sum(day.spam for day in figures.days) == 1
    assert sum(day.total for day in build_dashboard(moderator=moderator).days) == 6

    client = signed_in(app, billing_only)
    assert client.get("/moderation/dashboard").status_code == 200
    for status in ("", "spam"):
        page = client.get("/moderation/", query_string={"status": status})
        text = page.get_data(as_text=True)
        assert f"inquiry-{mixed_items['appointment']}" not in text
        assert f"comment-{mixed_items['comment']}" not in text
    everything = client.get("/moderation/", query_string={"status": ""}).get_data(as_text=True)
    assert f"inquiry-{mixed_items['billing']}" in everything

    api = client.get("/api/moderation/queue", headers=bearer(billing_only)).json
    assert sorted(item["id"] for item in api["items"]) == sorted(
        [mixed_items["billing"], mixed_items["billing_spam"]]
    )
    assert api["new_in_spam_folder"] <= 1


def test_the_dashboard_overdue_count_leaves_out_other_topics(app, billing_only):
    old = utcnow() - dt.timedelta(days=10)
    InquiryFactory(topic="appointment", created_at=old)
    InquiryFactory(topic="appointment", created_at=old)
    InquiryFactory(topic="billing", created_at=old)
    db.session.commit()
    assert build_dashboard(moderator=billing_only).overdue_count == 1
    assert build_dashboard().overdue_count == 3


def test_the_csv_export_holds_only_items_in_scope(app, client, billing_only, mixed_items):
    response = client.get("/api/moderation/export.csv", headers=bearer(billing_only))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert sorted(int(row["id"]) for row in rows) == sorted(
        [mixed_items["billing"], mixed_items["billing_spam"]]
    )
    assert {row["kind"] for row in rows} == {"inquiry"}


def test_an_out_of_scope_item_is_404_like_a_missing_one(app, client, billing_only, mixed_items):
    headers = bearer(billing_only)
    hidden = client.get(f"/api/moderation/inquiry/{mixed_items['appointment']}", headers=headers)
    missing = client.get("/api/moderation/inquiry/999999", headers=headers)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json["error"] == missing.json["error"]
    assert hidden.json["message"] == f"There is no inquiry #{mixed_items['appointment']}."
    acted = client.post(
        f"/api/moderation/comment/{mixed_items['comment']}/approve", headers=headers, json={}
    )
    assert acted.status_code == 404
    # Nothing about the hidden inquiry was recorded as read.
    assert not db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.item_id == mixed_items["appointment"])
    ).all()


def test_bulk_actions_skip_items_out_of_scope(app, billing_only, mixed_items):
    client = signed_in(app, billing_only)
    response = post_form(
        client,
        "/moderation/?status=",
        "/moderation/bulk",
        {
            "action": "close",
            "item": [f"inquiry:{mixed_items['billing']}", f"inquiry:{mixed_items['appointment']}"],
        },
    )
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Inquiry, mixed_items["billing"]).status is InquiryStatus.CLOSED
    assert db.session.get(Inquiry, mixed_items["appointment"]).status is InquiryStatus.RECEIVED


def test_the_audit_log_leaves_out_entries_about_hidden_items(app, admin, billing_only, mixed_items):
    with transaction():
        audit.record("inquiry.view", admin, "inquiry", mixed_items["appointment"], {})
        audit.record("inquiry.view", admin, "inquiry", mixed_items["billing"], {})
        audit.record("comment.approve", admin, "comment", mixed_items["comment"], {})
    client = signed_in(app, billing_only)
    entries = client.get("/api/moderation/audit", headers=bearer(billing_only)).json["items"]
    about = {(entry["kind"], entry["id"]) for entry in entries if entry["kind"]}
    assert ("inquiry", mixed_items["billing"]) in about
    assert ("inquiry", mixed_items["appointment"]) not in about
    assert ("comment", mixed_items["comment"]) not in about
    page = client.get("/moderation/audit").get_data(as_text=True)
    assert f"/moderation/inquiries/{mixed_items['billing']}" in page
    assert f"/moderation/inquiries/{mixed_items['appointment']}" not in page


def test_a_mail_link_to_an_item_out_of_scope_acts_like_a_link_to_nothing(
    app, client, billing_only, mixed_items
):
    links = action_links_for(billing_only, "inquiry", mixed_items["appointment"], ["close"])
    db.session.commit()
    path = links["close"].split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 410
    token = path.split("t=", 1)[1]
    form = hidden_inputs(client.get("/moderation/login").get_data(as_text=True))
    used = client.post("/moderation/link", data={"t": token, "csrf_token": form["csrf_token"]})
    assert used.status_code == 404
    assert f"There is no inquiry #{mixed_items['appointment']}." in used.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Inquiry, mixed_items["appointment"]).status is InquiryStatus.RECEIVED


def test_a_new_inquiry_is_mailed_only_to_staff_who_may_open_it(
    app, client, inquiry_payload, lenient_filter
):
    everyone = ModeratorFactory(email="everyone@clinic.example")
    treatment = ModeratorFactory(
        email="treatment@clinic.example", scope_kinds=["inquiry"], scope_topics=["treatment"]
    )
    ModeratorFactory(email="billing@clinic.example", scope_topics=["billing"])
    ModeratorFactory(email="comments@clinic.example", scope_kinds=["comment"])
    db.session.commit()
    assert inquiry_payload["topic"] == "treatment"
    assert client.post("/api/inquiries", json=inquiry_payload).status_code == 202
    notices = db.session.scalars(
        sa.select(OutboxMessage.to_addr).where(OutboxMessage.purpose == "inquiry-notice")
    ).all()
    assert sorted(notices) == sorted([everyone.email, treatment.email])


@pytest.mark.parametrize("fast", [True, False])
def test_both_storage_paths_pick_the_same_recipients(make_app, database_url, fast, inquiry_payload):
    app = make_app(
        FAST_DRIVER_STATEMENTS=fast, SPAM_UNSURE_AT=1000.0, SPAM_AT=1001.0, FORM_MIN_SECONDS=0
    )
    with app.app_context():
        try:
            ModeratorFactory(email="billing@clinic.example", scope_topics=["billing"])
            ModeratorFactory(email="any@clinic.example")
            db.session.commit()
            response = app.test_client().post("/api/inquiries", json=inquiry_payload)
            assert response.status_code == 202
            notices = db.session.scalars(
                sa.select(OutboxMessage.to_addr).where(OutboxMessage.purpose == "inquiry-notice")
            ).all()
            assert notices == ["any@clinic.example"]
        finally:
            from tests.conftest import empty_all_tables

            db.session.rollback()
            empty_all_tables()


def test_the_comment_digest_goes_only_to_staff_who_see_comments(app):
    ModeratorFactory(email="comments@clinic.example", scope_kinds=["comment"])
    ModeratorFactory(email="any@clinic.example")
    ModeratorFactory(email="inquiries@clinic.example", scope_kinds=["inquiry"])
    CommentFactory()
    db.session.commit()
    with transaction():
        assert notify_moderators_of_pending_comments() == 2
    digests = db.session.scalars(
        sa.select(OutboxMessage.to_addr).where(OutboxMessage.purpose == "comment-digest")
    ).all()
    assert sorted(digests) == ["any@clinic.example", "comments@clinic.example"]


def test_assigning_to_someone_who_cannot_open_the_inquiry_is_refused(
    app, client, moderator, billing_only, mixed_items
):
    headers = bearer(moderator)
    refused = client.post(
        f"/api/moderation/inquiry/{mixed_items['appointment']}/assign",
        headers=headers,
        json={"to": billing_only.email},
    )
    assert refused.status_code == 404
    assert refused.json["fields"] == {"to": ["out of their scope"]}
    accepted = client.post(
        f"/api/moderation/inquiry/{mixed_items['billing']}/assign",
        headers=headers,
        json={"to": billing_only.email},
    )
    assert accepted.status_code == 200
    assert accepted.json["assigned_to"] == billing_only.email
    page = signed_in(app, moderator).get(f"/moderation/inquiries/{mixed_items['appointment']}")
    assert f'value="{billing_only.email}"' not in page.get_data(as_text=True)


def test_admin_limits_a_moderator_on_the_moderators_page_audited(
    app, admin_client, admin, moderator
):
    page = admin_client.get("/moderation/moderators").get_data(as_text=True)
    assert f"/moderation/moderators/{moderator.id}/scope" in page
    assert f"/moderation/moderators/{admin.id}/scope" not in page  # admins are never limited
    response = post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{moderator.id}/scope",
        {f"s{moderator.id}-kinds": ["inquiry"], f"s{moderator.id}-topics": ["billing", "other"]},
    )
    assert response.status_code == 303
    db.session.expire_all()
    changed = db.session.get(Moderator, moderator.id)
    assert (changed.scope_kinds, changed.scope_topics) == (["inquiry"], ["billing", "other"])
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "moderator.scope")
    ).one()
    assert event.moderator_id == admin.id
    assert event.detail == {
        "account": moderator.email,
        "kinds": "inquiry",
        "topics": "billing, other",
    }
    assert "moderator.scope" in AUDIT_ACTION_LABELS
    listed = " ".join(admin_client.get("/moderation/moderators").get_data(as_text=True).split())
    assert "Limited: inquiries (Billing and insurance, Something else)" in listed
    spanish = admin_client.get("/moderation/moderators", headers={"Accept-Language": "es"})
    assert "Limitar el acceso" in spanish.get_data(as_text=True)
    audit_page = admin_client.get("/moderation/audit").get_data(as_text=True)
    assert "Access limited to kinds and topics" in audit_page
    assert "inquiries" in audit_page  # the kind, labelled

    # Everything ticked is the same as nothing ticked: all, stored as empty lists.
    post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{moderator.id}/scope",
        {f"s{moderator.id}-kinds": ["comment", "inquiry"]},
    )
    db.session.expire_all()
    changed = db.session.get(Moderator, moderator.id)
    assert (changed.scope_kinds, changed.scope_topics) == ([], [])


def test_an_unknown_topic_is_refused_with_a_message(app, admin_client, moderator):
    response = post_form(
        admin_client,
        "/moderation/moderators",
        f"/moderation/moderators/{moderator.id}/scope",
        {f"s{moderator.id}-topics": ["cardiology"]},
    )
    assert response.status_code == 303
    page = admin_client.get("/moderation/moderators").get_data(as_text=True)
    assert "cardiology is not one of the choices." in page
    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).scope_topics == []


def test_the_cli_sets_and_clears_a_scope_and_creates_limited_accounts(app, runner, moderator):
    result = runner.invoke(
        args=["moderators", "scope", moderator.email, "--may-see", "inquiry", "--topic", "billing"]
    )
    assert result.exit_code == 0, result.output
    assert "limited to inquiry (inquiry topics: billing)" in result.output
    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).scope_topics == ["billing"]
    cleared = runner.invoke(args=["moderators", "scope", moderator.email])
    assert cleared.exit_code == 0 and "not limited" in cleared.output
    db.session.expire_all()
    assert db.session.get(Moderator, moderator.id).scope_kinds == []

    created = runner.invoke(
        args=[
            "moderators",
            "create",
            "billing@clinic.example",
            "--password-stdin",
            "--topic",
            "billing",
        ],
        input="a-long-known-password\n",
    )
    assert created.exit_code == 0, created.output
    account = db.session.scalars(
        sa.select(Moderator).where(Moderator.email == "billing@clinic.example")
    ).one()
    assert account.scope_topics == ["billing"]
    bad = runner.invoke(
        args=["moderators", "create", "x@clinic.example", "--password-stdin", "--topic", "nope"],
        input="a-long-known-password\n",
    )
    assert bad.exit_code != 0
    assert "nope is not one of the choices" in bad.output
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Moderator.id)).where(Moderator.email == "x@clinic.example")
        )
        == 0
    )
    stats = json.loads(runner.invoke(args=["queue", "stats"]).output)
    assert set(stats) == {"comment", "inquiry"}
