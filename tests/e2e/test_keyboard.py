"""Keyboard only: a visitor sends an inquiry, a reader posts a comment and a reply, with Tab,
typing, Space and Enter, never the mouse."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Inquiry
from tests.factories import CommentFactory, ThreadFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

MAX_TABS = 40


def tab_to(page, name: str = "", *, text: str | None = None) -> None:
    """Press Tab until the focused element has this id or name, or this text."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return [e.id, e.getAttribute('name') || '', e.textContent.trim()]; }"
        )
        if (name and name in focused[:2]) or (text is not None and focused[2] == text):
            return
    raise AssertionError(f"Tab never reached {name!r} {text!r}")


def test_an_inquiry_sent_with_the_keyboard_only(app, live_server, page):
    app.config["SPAM_UNSURE_AT"], app.config["SPAM_AT"] = 1000.0, 1001.0
    page.goto(live_server.url + "/")
    tab_to(page, text="Write to us")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact")
    tab_to(page, "name")
    page.keyboard.type("Grace Lindqvist")
    page.keyboard.press("Tab")
    page.keyboard.type("grace@example.org")
    tab_to(page, "topic")
    page.keyboard.type("Appointment")
    assert page.eval_on_selector("#topic", "e => e.value") == "appointment"
    tab_to(page, "message")
    page.keyboard.type("Could I move my appointment to Thursday morning?")
    tab_to(page, "consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact/thanks")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Thank you, your message has been sent"
    )
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert inquiry.topic == "appointment"
    assert inquiry.message == "Could I move my appointment to Thursday morning?"


def test_keyboard_only_errors_take_focus_and_link_to_their_fields(live_server, page):
    page.goto(live_server.url + "/contact")
    tab_to(page, text="Send message")
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    summary.wait_for()
    tab_to(page, text="Please tell us your name.")
    page.keyboard.press("Enter")
    expect(page.locator("#name")).to_be_focused()  # waits: the page moves focus after load


def test_a_comment_and_a_reply_posted_with_the_keyboard_only(app, live_server, page):
    app.config["MODERATION_MODE"] = "pre"
    thread = ThreadFactory(key="articles/back-pain", title="Back pain")
    CommentFactory(thread=thread, author="Ana", body="Very helpful.", status=CommentStatus.APPROVED)
    db.session.commit()
    page.goto(live_server.url + "/threads/articles/back-pain")

    tab_to(page, "author")
    page.keyboard.type("Ben")
    tab_to(page, "body")
    page.keyboard.type("Does the injection hurt much?")
    tab_to(page, text="Post comment")
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="awaiting moderation").wait_for()

    tab_to(page, text="Reply to Ana")
    page.keyboard.press("Enter")
    page.wait_for_url("**reply_to=*")
    tab_to(page, "author")
    page.keyboard.type("Ben")
    tab_to(page, "body")
    page.keyboard.type("Thank you, Ana.")
    tab_to(page, text="Post reply")
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="awaiting moderation").wait_for()

    db.session.expire_all()
    posted = db.session.scalars(sa.select(Comment).where(Comment.author == "Ben")).all()
    bodies = {c.body: c.parent_id for c in posted}
    assert set(bodies) == {"Does the injection hurt much?", "Thank you, Ana."}
    assert bodies["Does the injection hurt much?"] is None
    assert bodies["Thank you, Ana."] is not None


def tab_until(page, selector: str, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the focused element matches this CSS selector."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{key} never reached {selector}")


def test_a_moderator_signs_in_and_works_the_queue_with_the_keyboard_only(app, live_server, page):
    from tests.factories import KNOWN_PASSWORD, ModeratorFactory

    moderator = ModeratorFactory()
    thread = ThreadFactory(key="articles/back-pain", title="Back pain")
    comments = [
        CommentFactory(thread=thread, author=f"Reader {n}", body=f"Helpful, thanks ({n}).")
        for n in range(4)
    ]
    db.session.commit()
    newest_first = list(reversed(comments))

    page.goto(live_server.url + "/moderation/login")
    # The email field has focus as the page opens.
    expect(page.locator("#email")).to_be_focused()
    page.keyboard.type(moderator.email)
    page.keyboard.press("Tab")
    page.keyboard.type(KNOWN_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/moderation/")

    # Shortcuts: j to the first item, a approves it; focus moves on to the next one.
    page.keyboard.press("j")
    page.keyboard.press("a")
    page.locator("#queue-announcer").filter(has_text="Approved comment").wait_for()
    expect(page.locator(f"#comment-{newest_first[1].id}")).to_be_focused()

    # The buttons, reached with Tab from the current item, work without shortcuts too; the
    # page comes back with focus on the item after the one just handled.
    tab_until(page, f"#comment-{newest_first[1].id} button[data-action=reject]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#comment-{newest_first[2].id}")
    page.wait_for_function(f"document.activeElement.id === 'comment-{newest_first[2].id}'")
    tab_until(page, f"#comment-{newest_first[2].id} button[data-action=spam]")
    page.keyboard.press("Space")
    page.wait_for_url(f"**#comment-{newest_first[3].id}")

    # A bulk action: tick the item's checkbox with Space, go back up to the bulk buttons.
    page.wait_for_function(f"document.activeElement.id === 'comment-{newest_first[3].id}'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('select-item')")
    page.keyboard.press("Space")
    tab_until(page, "#bulk-form button[value=approve]", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Approved: 1 item.").wait_for()

    db.session.expire_all()
    statuses = {c.body: db.session.get(Comment, c.id).status for c in comments}
    assert statuses == {
        newest_first[0].body: CommentStatus.APPROVED,
        newest_first[1].body: CommentStatus.REJECTED,
        newest_first[2].body: CommentStatus.SPAM,
        newest_first[3].body: CommentStatus.APPROVED,
    }
