"""The filter's facts about a person and a place: reputation from staff alone, shared networks,
and the clinic's own sites."""

from __future__ import annotations

import sqlalchemy as sa

from config import ConfigError, parse_hosts
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Inquiry, Verdict
from service.spam.submission import Submission
from service.submissions.filtering import gather_facts, judge
from tests.factories import CommentFactory
from tests.functional.comment_helpers import post
from tests.functional.test_moderation_actions import post_action

PATIENT = "ana.garcia@example.org"
APPOINTMENT = "Hello, could I move my appointment on Tuesday to Thursday morning? Thanks, Ana"


def reasons_of(submission: Submission) -> set[str]:
    return {reason.rule for reason in judge(submission).reasons}


def test_the_filters_own_spam_verdict_does_not_raise_the_next_items_score(app):
    CommentFactory(email=PATIENT, status=CommentStatus.SPAM, verdict=Verdict.SPAM)
    db.session.commit()
    facts = gather_facts(Submission(kind="inquiry", text=APPOINTMENT, email=PATIENT))
    assert facts.author_spam == 0
    assert "author_spam_before" not in reasons_of(
        Submission(kind="inquiry", text=APPOINTMENT, email=PATIENT)
    )


def test_a_spam_decision_by_staff_does_count(app, moderator_client):
    comment = CommentFactory(email=PATIENT, status=CommentStatus.PENDING, verdict=Verdict.UNSURE)
    db.session.commit()
    assert post_action(moderator_client, "comment", comment.id, "spam").status_code == 303
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).staff_label == "spam"
    facts = gather_facts(Submission(kind="comment", text="Hello again", email=PATIENT))
    assert facts.author_spam == 1


def test_only_approvals_by_staff_earn_trust(app, moderator_client):
    CommentFactory(email=PATIENT, status=CommentStatus.APPROVED, verdict=Verdict.HAM)
    pending = CommentFactory(email=PATIENT, status=CommentStatus.PENDING, verdict=Verdict.UNSURE)
    db.session.commit()
    submission = Submission(kind="comment", text="Hello again", email=PATIENT)
    assert gather_facts(submission).author_approved == 0
    post_action(moderator_client, "comment", pending.id, "approve")
    assert gather_facts(submission).author_approved == 1


def test_readers_on_one_shared_address_are_never_filed_as_spam_for_it(app, make_app):
    # A waiting room's readers: one address range, more comments than the rate limit allows one
    # person (the limit is another test's subject).
    waiting_room = make_app(MODERATION_MODE="auto", RATELIMIT_ENABLED=False)
    client = waiting_room.test_client()
    for number in range(12):
        response = post(
            client,
            author=f"Reader {number}",
            body=f"Thank you, exercise {number} from this article helped my knee a lot.",
        )
        assert response.status_code in (201, 202)
    statuses = list(db.session.scalars(sa.select(Comment.status).order_by(Comment.id)))
    assert CommentStatus.SPAM not in statuses
    last = db.session.scalar(sa.select(Comment).order_by(Comment.id.desc()))
    assert any(reason["rule"] == "address_flood" for reason in last.reasons)


def test_a_link_to_a_clinic_domain_adds_nothing(app, client, inquiry_payload):
    app.config["CLINIC_DOMAINS"] = ["portal.clinic.example"]
    app.config["PUBLIC_URL"] = "https://www.clinic.example"
    text = (
        "I could not upload my referral at https://portal.clinic.example/referrals, "
        "and the page https://clinic.example/contact says to write here."
    )
    assert (
        client.post("/api/inquiries", json={**inquiry_payload, "message": text}).status_code == 202
    )
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert [r["rule"] for r in inquiry.reasons if r["rule"] in ("links", "link_density")] == []


def test_clinic_domains_are_read_as_host_names():
    assert parse_hosts("clinic.example, https://Portal.Clinic.example/login ,") == [
        "clinic.example",
        "portal.clinic.example",
    ]
    try:
        parse_hosts("not a host")
    except ConfigError as error:
        assert "CLINIC_DOMAINS" in str(error)
    else:
        raise AssertionError("a bad host was accepted")


def test_a_clean_comment_citing_one_leaflet_goes_live_in_auto_mode(app, client):
    app.config["MODERATION_MODE"] = "auto"
    body = (
        "The pain society's leaflet explains pacing better than I can, I printed it for my "
        "husband: https://painsociety.example/leaflets/pacing-for-chronic-pain.pdf"
    )
    assert post(client, body=body).status_code in (201, 202)
    comment = db.session.scalar(sa.select(Comment))
    assert comment.status is CommentStatus.APPROVED, comment.reasons
