"""Working the moderation queue in Chromium: by keyboard, in bulk, and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from service.data.extensions import db
from tests.factories import KNOWN_PASSWORD, CommentFactory, ModeratorFactory, ThreadFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def queue_data(app):
    moderator = ModeratorFactory()
    thread = ThreadFactory(key="articles/back-pain", title="Back pain")
    comments = [
        CommentFactory(thread=thread, author=f"Reader {n}", body=f"Helpful article {n}, thanks!")
        for n in range(3)
    ]
    db.session.commit()
    return moderator, thread, comments


def sign_in(page, base_url: str, moderator) -> None:
    """Through the login form, in whatever language the page speaks."""
    page.goto(base_url + "/moderation/login")
    page.locator("#email").fill(moderator.email)
    page.locator("#password").fill(KNOWN_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/moderation/$"))


def public_thread_text(page, base_url: str, key: str) -> str:
    page.goto(f"{base_url}/threads/{key}")
    return page.locator("main").inner_text()


def test_work_the_queue_by_keyboard_then_bulk_approve(live_server, page, queue_data):
    moderator, thread, comments = queue_data
    newest_first = list(reversed(comments))
    sign_in(page, live_server.url, moderator)
    page.goto(live_server.url + "/moderation/")
    expect(page.locator("#shortcut-toggle")).to_be_visible()

    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_visible()
    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_hidden()

    page.keyboard.press("j")
    first = page.locator(f"#comment-{newest_first[0].id}")
    expect(first).to_have_class(re.compile("is-current"))
    page.keyboard.press("a")
    expect(page.locator("#queue-announcer")).to_have_text(
        f"Approved comment #{newest_first[0].id}."
    )
    expect(first.locator('[data-role="status"]')).to_have_text("approved")

    # After an action the next item is current: select it and the one after with x.
    second = page.locator(f"#comment-{newest_first[1].id}")
    expect(second).to_have_class(re.compile("is-current"))
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(page.locator("#queue-announcer")).to_have_text(f"Selected comment #{newest_first[2].id}")
    page.get_by_role("button", name="Approve selected").click()
    expect(page.locator(".flashes")).to_contain_text("Approved: 2 items.")
    expect(page.locator(".queue-item")).to_have_count(0)  # the waiting list is empty now

    text = public_thread_text(page, live_server.url, thread.key)
    for comment in comments:
        assert comment.body in text


def test_shortcuts_can_be_switched_off_and_stay_off(live_server, page, queue_data):
    moderator, _, _ = queue_data
    sign_in(page, live_server.url, moderator)
    page.goto(live_server.url + "/moderation/")
    page.get_by_role("checkbox", name="Keyboard shortcuts").uncheck()
    page.reload()
    expect(page.get_by_role("checkbox", name="Keyboard shortcuts")).not_to_be_checked()
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(page.locator(".queue-item.is-current")).to_have_count(0)
    expect(page.locator('[data-role="status"]', has_text="approved")).to_have_count(0)


def test_work_the_queue_without_javascript(live_server, no_js_page, queue_data):
    page = no_js_page
    moderator, thread, comments = queue_data
    newest_first = list(reversed(comments))
    sign_in(page, live_server.url, moderator)
    page.goto(live_server.url + "/moderation/")
    expect(page.locator("#shortcut-toggle")).to_be_hidden()

    page.locator(f"#comment-{newest_first[0].id}").get_by_role("button", name="Approve").click()
    expect(page.locator(".flashes")).to_contain_text(f"Approved comment #{newest_first[0].id}.")

    page.get_by_label(f"Select comment #{newest_first[1].id}").check()
    page.get_by_label(f"Select comment #{newest_first[2].id}").check()
    page.get_by_role("button", name="Approve selected").click()
    expect(page.locator(".flashes")).to_contain_text("Approved: 2 items.")

    text = public_thread_text(page, live_server.url, thread.key)
    for comment in comments:
        assert comment.body in text


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {id: e.id, classes: e.className, text: e.textContent.trim()}; }"
    )


def test_after_an_action_focus_moves_to_the_next_item_and_the_outcome_is_announced(
    live_server, page, queue_data
):
    moderator, _, comments = queue_data
    newest_first = list(reversed(comments))
    sign_in(page, live_server.url, moderator)
    page.goto(live_server.url + "/moderation/")
    page.get_by_role("checkbox", name="Keyboard shortcuts").uncheck()  # a plain form post
    first = page.locator(f"#comment-{newest_first[0].id}")
    first.locator('button[data-action="approve"]').click()
    page.wait_for_url(re.compile(f"#comment-{newest_first[1].id}$"))
    expect(page.locator(".flashes")).to_contain_text(f"Approved comment #{newest_first[0].id}.")
    expect(page.locator("#queue-announcer")).to_have_text(
        f"Approved comment #{newest_first[0].id}."
    )
    assert focused(page)["id"] == f"comment-{newest_first[1].id}"


def test_a_spanish_moderator_works_the_queue_and_hears_it_in_spanish(
    live_server, browser, queue_data
):
    moderator, _, comments = queue_data
    newest_first = list(reversed(comments))
    context = browser.new_context(locale="es-ES", extra_http_headers={"Accept-Language": "es"})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, moderator)
        expect(page.get_by_role("heading", level=1)).to_have_text("Cola de moderación")
        page.keyboard.press("j")
        page.keyboard.press("a")
        expect(page.locator("#queue-announcer")).to_have_text(
            f"Comentario n.º {newest_first[0].id} aprobado."
        )
        badge = page.locator(f"#comment-{newest_first[0].id} [data-role=status]")
        expect(badge).to_have_text("aprobado")
        page.keyboard.press("x")
        expect(page.locator("#queue-announcer")).to_have_text(
            f"Seleccionado: comentario n.º {newest_first[1].id}"
        )
        page.get_by_role("checkbox", name="Atajos de teclado").uncheck()
        expect(page.locator("#queue-announcer")).to_have_text("Atajos de teclado desactivados.")
    finally:
        context.close()


def test_after_answering_an_inquiry_focus_moves_to_the_outcome(live_server, page, queue_data):
    from tests.factories import InquiryFactory

    moderator, _, _ = queue_data
    inquiry = InquiryFactory()
    db.session.commit()
    sign_in(page, live_server.url, moderator)
    page.goto(f"{live_server.url}/moderation/inquiries/{inquiry.id}")
    page.get_by_label(f"Your answer to {inquiry.name}").fill("We can see you on Tuesday.")
    page.get_by_role("button", name="Send answer").click()
    expect(page.locator(".flashes")).to_contain_text("Your answer is kept in the conversation")
    # The script runs once the page is parsed: wait for it to move focus.
    expect(page.locator(".flashes")).to_be_focused()
