"""In Chromium: readers sort a thread and keep their choice, a pinned answer leads, the preview
works with and without JavaScript, the form is within reach on a phone and by keyboard, the page
names its article, and past the submission limit the text is kept."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import Comment, CommentStatus
from tests.e2e.conftest import LiveServer
from tests.e2e.test_comments import KEY, ClinicSite
from tests.e2e.test_moderation_queue import sign_in
from tests.factories import CommentFactory, ModeratorFactory, ThreadFactory

pytestmark = pytest.mark.e2e
expect.set_options(timeout=30_000)


@pytest.fixture
def discussion(app) -> dict[str, int]:
    """Three readers' questions an hour apart; a nurse answered the oldest; the answer pinned."""
    thread = ThreadFactory(key=KEY, title="Knee pain after exercise")
    start = utcnow() - dt.timedelta(hours=6)
    texts = (
        ("Ana", "Should I rest completely or keep walking?"),
        ("Ben", "Is a knee brace worth buying?"),
        ("Cai", "My knee clicks on stairs. Is that normal?"),
    )
    ids = {}
    for hour, (name, text) in enumerate(texts):
        comment = CommentFactory(
            thread=thread,
            status=CommentStatus.APPROVED,
            author=name,
            body=text,
            created_at=start + dt.timedelta(hours=hour),
        )
        db.session.flush()
        ids[name] = comment.id
    answer = CommentFactory(
        thread=thread,
        status=CommentStatus.APPROVED,
        parent_id=ids["Ana"],
        author="Nurse Rita",
        is_staff=True,
        body="Keep walking **gently**; rest for a day only if it swells.",
        created_at=start + dt.timedelta(hours=4),
        pinned=True,
    )
    db.session.commit()
    ids["Rita"] = answer.id
    return ids


def authors_in_order(scope, item: str) -> list[str]:
    return [
        name.strip()
        for name in scope.locator(f"{item} .comment-author, {item} .cc-author").all_inner_texts()
    ]


def test_on_the_page_a_reader_sorts_and_the_choice_is_remembered(live_server, page, discussion):
    page.goto(f"{live_server.url}/threads/{KEY}")
    expect(page.locator(".comment-pinned .badge-pinned")).to_have_text("Pinned by the clinic")
    assert authors_in_order(page, "main .comment-list > .comment")[:3] == [
        "Ana",
        "Nurse Rita",
        "Ben",
    ]
    page.get_by_label("Order").select_option("newest")
    page.get_by_role("button", name="Sort").click()
    page.wait_for_url("**sort=newest")
    # The pinned answer's conversation still leads; the rest is newest first.
    assert authors_in_order(page, "main .comment-list > .comment") == [
        "Ana",
        "Nurse Rita",
        "Cai",
        "Ben",
    ]
    page.goto(f"{live_server.url}/threads/{KEY}")  # no query string: the cookie remembers
    expect(page.get_by_label("Order")).to_have_value("newest")
    assert authors_in_order(page, "main .comment-list > .comment")[2] == "Cai"


def test_in_the_embed_a_reader_sorts_and_the_choice_is_remembered(
    app, live_server, page, discussion
):
    site = ClinicSite(live_server.url)
    site.thread.start()
    app.config["ALLOWED_ORIGINS"] = [site.url]
    answered = []

    def slow_network(route):
        # The answer to the reader's first choice arrives after the answer to the second.
        response = route.fetch()
        time.sleep(1)
        route.fulfill(response=response)
        answered.append(route.request.url)

    page.route(re.compile(r"/comments\?sort=staff$"), slow_network)
    try:
        page.goto(site.url + "/frame.html")
        frame = page.frame_locator("iframe.cc-iframe")
        expect(frame.locator(".cc-pinned .cc-badge-pinned")).to_have_text("Pinned by the clinic")
        expect(frame.locator(".cc-list > .cc-comment")).to_have_count(3)
        frame.get_by_label("Order").select_option("staff")
        frame.get_by_label("Order").select_option("newest")
        expect(frame.locator(".cc-list > .cc-comment").nth(1)).to_contain_text("Cai")
        for _ in range(50):
            if answered:
                break
            page.wait_for_timeout(100)
        assert answered, "the slowed answer never arrived"
        page.wait_for_timeout(300)
        # The late answer to the earlier choice is not drawn over the reader's latest choice.
        assert "Cai" in frame.locator(".cc-list > .cc-comment").nth(1).inner_text()
        first = frame.locator(".cc-list > .cc-comment").first
        expect(first).to_contain_text("Ana")
        expect(first.locator(".cc-pinned")).to_contain_text("Nurse Rita")
        page.reload()
        frame = page.frame_locator("iframe.cc-iframe")
        expect(frame.get_by_label("Order")).to_have_value("newest")
        expect(frame.locator(".cc-list > .cc-comment").nth(1)).to_contain_text("Cai")
        # Times name their zone.
        expect(frame.locator(".cc-time").first).to_contain_text("UTC")
    finally:
        site.server.shutdown()
        site.server.server_close()


def test_a_moderator_pins_from_the_queue_and_readers_see_it_first(
    app, live_server, page, discussion
):
    db.session.execute(sa.update(Comment).values(pinned=False))
    db.session.commit()
    moderator = ModeratorFactory()
    db.session.commit()
    sign_in(page, live_server.url, moderator)
    page.goto(f"{live_server.url}/moderation/?status=approved")
    row = page.locator("li, tr, article", has_text="Is a knee brace worth buying?").last
    row.get_by_role("button", name="Pin to the top").click()
    expect(page.locator(".flash")).to_contain_text(f"Pinned comment #{discussion['Ben']}")
    page.goto(f"{live_server.url}/threads/{KEY}")
    first = page.locator("main .comment-list > .comment").first
    expect(first).to_contain_text("Is a knee brace worth buying?")
    expect(first.locator(".badge-pinned")).to_be_visible()


def test_the_preview_works_without_javascript_and_keeps_the_text(live_server, no_js_page):
    page = no_js_page
    page.goto(f"{live_server.url}/threads/{KEY}")
    page.get_by_label("Your name").fill("Dana")
    page.get_by_label("Your comment").fill("Does **ice** help?\n\n- after running\n- at night")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".comment-preview")
    expect(preview.locator("strong")).to_have_text("ice")
    expect(preview.locator("li")).to_have_count(2)
    expect(page.get_by_label("Your comment")).to_have_value(
        "Does **ice** help?\n\n- after running\n- at night"
    )
    expect(page.get_by_label("Your name")).to_have_value("Dana")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


def test_the_embed_shows_the_health_hint_and_previews(app, live_server, page):
    site = ClinicSite(live_server.url)
    site.thread.start()
    app.config["ALLOWED_ORIGINS"] = [site.url]
    try:
        page.goto(site.url + "/frame.html")
        frame = page.frame_locator("iframe.cc-iframe")
        body = frame.get_by_label("Your comment")
        hint = frame.locator(".cc-hint").first
        expect(hint).to_contain_text("do not share personal health details")
        expect(body).to_have_attribute("aria-describedby", hint.get_attribute("id"))
        body.fill("Is *stretching* safe?")
        frame.get_by_role("button", name="Preview").click()
        expect(frame.locator(".cc-preview em")).to_have_text("stretching")
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0
    finally:
        site.server.shutdown()
        site.server.server_close()


def test_on_a_phone_a_failed_post_moves_focus_to_a_summary_naming_the_fields(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/threads/{KEY}")
        page.get_by_role("button", name="Post comment").click()
        summary = page.locator(".error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("Your name: This field is required.")
        expect(summary).to_contain_text("Your comment: This field is required.")
        box = summary.bounding_box()
        assert box is not None and 0 <= box["y"] < 844  # on screen, not two screens below
    finally:
        context.close()


def test_a_keyboard_user_reaches_the_form_through_the_skip_link(live_server, page, discussion):
    page.goto(f"{live_server.url}/threads/{KEY}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the comment form")
    page.keyboard.press("Enter")
    presses = 0
    while page.evaluate("document.activeElement.id") != "author":
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= 3, "the name field is more than three Tab stops after the skip link"


def test_the_page_names_the_article_and_links_back_to_it(app, live_server, page, discussion):
    app.config["ALLOWED_ORIGINS"] = ["https://clinic.example"]
    page.goto(f"{live_server.url}/threads/{KEY}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Knee pain after exercise")
    back = page.get_by_role("link", name="Back to the article")
    expect(back).to_have_attribute("href", f"https://clinic.example/{KEY}")
    expect(page.locator("main")).not_to_contain_text(KEY)


def test_past_the_limit_the_page_keeps_the_text_and_says_when_to_retry(app, make_app, page):
    limited = make_app(RATELIMIT_SUBMISSIONS="1 per hour")
    with LiveServer(limited) as server:
        limited.config["PUBLIC_URL"] = server.url
        for text in ("Is a knee brace worth buying?", "My knee clicks on stairs. Is that normal?"):
            page.goto(f"{server.url}/threads/{KEY}")
            page.get_by_label("Your name").fill("Ana")
            page.get_by_role("textbox", name="Your comment").fill(text)
            page.get_by_role("button", name="Post comment").click()
        expect(page.get_by_text("please wait 60 minutes, then send it again")).to_be_visible()
        expect(page.get_by_role("textbox", name="Your comment")).to_have_value(text)
        expect(page.get_by_label("Your name")).to_have_value("Ana")
