"""The health-information guard in Chromium: the prompt on the thread page and in the embed
(both modes, the clinic's site being another origin), the text carried to the contact form,
and the comment posted anyway held for a moderator in auto mode."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Inquiry
from tests.e2e.test_comments import KEY, ClinicSite, screenshot
from tests.e2e.test_moderation_queue import sign_in
from tests.factories import ModeratorFactory
from tests.functional.comment_helpers import filter_verdict

pytestmark = pytest.mark.e2e
expect.set_options(timeout=30_000)

PHI = (
    "I was diagnosed with type 2 diabetes and I take 500 mg of metformin. Call me on 0161 496 0123."
)
PROMPT = "This will be public. For questions about your own care, use the private contact form."


@pytest.fixture
def clinic_site(app, live_server) -> Iterator[ClinicSite]:
    """The clinic's own site, another origin, embedding the thread (as in test_comments)."""
    site = ClinicSite(live_server.url)
    site.thread.start()
    app.config["ALLOWED_ORIGINS"] = [site.url]
    yield site
    site.server.shutdown()
    site.server.server_close()


def held_comment() -> Comment:
    db.session.expire_all()
    comment = db.session.scalar(sa.select(Comment))
    assert comment is not None, "the comment was posted"
    assert comment.status is CommentStatus.PENDING
    assert "personal_health_info" in [reason["rule"] for reason in comment.reasons]
    return comment


def test_the_thread_page_asks_first_and_holds_the_comment_posted_anyway(app, live_server, page):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    moderator = ModeratorFactory()
    db.session.commit()
    page.goto(f"{live_server.url}/threads/{KEY}")
    page.get_by_label("Your name").fill("Tom")
    page.get_by_label("Your comment").fill(PHI)
    page.get_by_role("button", name="Post comment").click()
    prompt = page.locator("#health-prompt")
    expect(prompt).to_contain_text(PROMPT)
    expect(prompt).to_contain_text("a diagnosis or condition, a medicine and its dose, a phone")
    screenshot(page, "health-guard-thread-page")
    page.set_viewport_size({"width": 360, "height": 800})
    assert too_wide(page) == 0
    screenshot(page, "health-guard-thread-page-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0
    # The text is still in the form; the reader posts it anyway.
    expect(page.get_by_label("Your comment")).to_have_value(PHI)
    page.get_by_role("button", name="Post publicly anyway").click()
    expect(page.get_by_text("Your comment is awaiting moderation")).to_be_visible()
    comment = held_comment()
    # The moderator sees why it waits, and what they can do.
    sign_in(page, live_server.url, moderator)
    item = page.locator(f"#comment-{comment.id}")
    expect(item.get_by_text("personal health information")).to_be_visible()
    expect(item.get_by_text("Edit out the details", exact=True)).to_be_visible()
    expect(item.get_by_text("it has no email address")).to_be_visible()
    screenshot(page, "health-guard-queue")
    # On a phone the section fits the screen, as the prompt did.
    page.set_viewport_size({"width": 360, "height": 800})
    assert too_wide(page) == 0
    screenshot(page, "health-guard-queue-phone")


def too_wide(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_thread_page_carries_the_text_to_the_contact_form(app, live_server, page):
    text = PHI + "\n\nThank you for the article."
    page.goto(f"{live_server.url}/threads/{KEY}")
    page.get_by_label("Your name").fill("Tom")
    page.get_by_label("Your comment").fill(text)
    page.get_by_role("button", name="Post comment").click()
    page.get_by_role("button", name="Use the private contact form").click()
    page.wait_for_url(re.compile(r"/contact/carry-over$"))
    expect(page.locator("#message")).to_have_value(text)
    expect(page.locator("#name")).to_have_value("Tom")
    expect(page.get_by_text("We copied the text of your comment")).to_be_visible()
    assert db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0


@pytest.mark.parametrize("mode", ["frame", "inline"])
def test_the_embed_asks_first_carries_the_text_and_holds_the_comment_posted_anyway(
    app, clinic_site, page, mode
):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    page.goto(f"{clinic_site.url}/{mode}.html")
    comments = page.frame_locator("iframe.cc-iframe") if mode == "frame" else page
    expect(comments.get_by_text("No comments yet.")).to_be_visible()
    comments.get_by_label("Your name").fill("Tom")
    comments.get_by_label("Your comment").fill(PHI)
    comments.get_by_role("button", name="Post comment").click()
    prompt = comments.locator(".cc-health")
    expect(prompt).to_contain_text(PROMPT)
    expect(prompt).to_contain_text("a diagnosis or condition")
    screenshot(page, f"health-guard-embed-{mode}")
    assert db.session.scalar(sa.select(sa.func.count(Comment.id))) == 0
    # The link opens the contact form with the text, which leaves the address at once.
    link = prompt.get_by_role("link", name="Use the private contact form")
    href = link.get_attribute("href") or ""
    assert href.startswith(app.config["PUBLIC_URL"] + "/contact#carry="), href
    with page.context.expect_page() as opened:
        link.click()
    contact = opened.value
    expect(contact.locator("#message")).to_have_value(PHI)
    expect(contact.locator("#name")).to_have_value("Tom")
    assert contact.url.endswith("/contact"), contact.url
    contact.close()
    # Posted anyway: accepted, held for a moderator even in auto mode.
    comments.get_by_role("button", name="Post publicly anyway").click()
    expect(comments.get_by_text("Awaiting moderation", exact=True)).to_be_visible()
    held_comment()
