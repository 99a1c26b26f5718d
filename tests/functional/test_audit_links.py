"""Audit log entries link to the item they name, when the reader may open it and it is stored."""

from __future__ import annotations

import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import CommentStatus, Inquiry
from service.submissions import audit
from tests.factories import CommentFactory, InquiryFactory, ModeratorFactory


def record(*entries) -> None:
    for action, kind, item_id in entries:
        audit.record(action, "someone@clinic.example", kind, item_id)
    db.session.commit()


def audit_page(client) -> str:
    response = client.get("/moderation/audit")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_moderators_get_links_to_items_but_not_to_admin_screens(moderator_client):
    inquiry = InquiryFactory()
    pending = CommentFactory(status=CommentStatus.PENDING)
    published = CommentFactory(status=CommentStatus.APPROVED)
    other = ModeratorFactory()
    db.session.flush()
    record(
        ("inquiry.close", "inquiry", inquiry.id),
        ("comment.reject", "comment", pending.id),
        ("comment.approve", "comment", published.id),
        ("moderator.create", "moderator", other.id),
        ("blocklist.add", "blocklist", 1),
    )

    page = audit_page(moderator_client)

    assert f'<a href="/moderation/inquiries/{inquiry.id}">' in page
    assert f'<a href="/moderation/?kind=comment&amp;status=pending#comment-{pending.id}">' in page
    assert f'#comment-{published.id}">' in page and "/threads/" in page
    assert 'href="/moderation/moderators"' not in page.split("<table", 1)[1]
    assert 'href="/moderation/blocklist"' not in page.split("<table", 1)[1]


def test_admins_also_get_links_to_accounts_and_the_blocklist(admin_client):
    other = ModeratorFactory()
    db.session.flush()
    record(("moderator.create", "moderator", other.id), ("blocklist.add", "blocklist", 1))

    table = audit_page(admin_client).split("<table", 1)[1]

    assert 'href="/moderation/moderators"' in table
    assert 'href="/moderation/blocklist"' in table


def test_an_item_that_is_gone_is_named_without_a_link(moderator_client):
    inquiry = InquiryFactory()
    db.session.flush()
    record(("inquiry.close", "inquiry", inquiry.id))
    db.session.execute(sa.delete(Inquiry).where(Inquiry.id == inquiry.id))
    db.session.commit()

    page = audit_page(moderator_client)

    assert f"#{inquiry.id}" in page
    assert f"/moderation/inquiries/{inquiry.id}" not in page
