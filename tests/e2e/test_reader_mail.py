# Fixtures come from the sibling test modules, so test arguments repeat their names.
# ruff: noqa: F811
"""Reply notifications and "my data" in a real browser: subscribing from the embed on a
clinic's own site, confirming from the mail the test SMTP server caught, the reply
notification, and the one-click unsubscribe by POST; nothing for an unconfirmed address or a
held reply; "my data" answers every address alike; axe on every new page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Subscription
from service.moderation.services import act, reply_to_comment
from service.submissions.outbox import deliver_due
from tests.e2e.test_accessibility import axe_source, violations  # noqa: F401  (a fixture)
from tests.e2e.test_comments import clinic_site, published_comment  # noqa: F401
from tests.factories import CommentFactory, ModeratorFactory, ThreadFactory
from tests.functional.comment_helpers import filter_verdict
from tests.functional.conftest import SmtpSink

pytestmark = pytest.mark.e2e
expect.set_options(timeout=30_000)

READER = "knee.reader@example.org"
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def mail_server(app) -> Iterator[SmtpSink]:
    sink = SmtpSink()
    app.config["SMTP_URL"] = sink.url
    sink.start()
    yield sink
    sink.stop()


def delivered_to(sink: SmtpSink, address: str) -> list:
    deliver_due()
    return [m for m in sink.messages if m["To"] == address]


def link_to(mail, path: str) -> str:
    for url in LINK.findall(mail.get_content()):
        if path in url:
            return url
    raise AssertionError(f"no {path} link in the mail")


def test_subscribe_in_the_embed_confirm_from_the_mail_get_a_reply_and_unsubscribe(
    app, clinic_site, published_comment, page, mail_server
):
    filter_verdict(app, "ham")
    page.goto(clinic_site.url + "/frame.html")
    comments = page.frame_locator("iframe.cc-iframe")
    expect(comments.get_by_text("Ice for ten minutes after exercise often helps.")).to_be_visible()
    comments.get_by_label("Your name").first.fill("Rosa")
    comments.get_by_label("Email (optional, never shown)").first.fill(READER)
    comments.get_by_label("Email me when someone replies (we ask you to confirm first)").check()
    comments.get_by_label("Your comment").fill("Does ice help a swollen ankle as well?")
    comments.get_by_role("button", name="Post comment").click()
    expect(comments.get_by_text("Once your address is confirmed")).to_be_visible()

    (confirmation,) = delivered_to(mail_server, READER)
    assert "Confirm reply notifications" in confirmation["Subject"]
    page.goto(link_to(confirmation, "/subscriptions/confirm"))
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_text("Your address is confirmed")).to_be_visible()
    expect(page.get_by_role("heading", name="Your reply notifications")).to_be_visible()

    own = db.session.scalar(sa.select(Comment).where(Comment.email == READER))
    moderator = ModeratorFactory(name="Nurse Ada")
    db.session.commit()
    act(moderator, "comment", own.id, "approve")
    assert len(delivered_to(mail_server, READER)) == 1  # its own approval tells nobody
    reply_to_comment(moderator, own.id, "Yes, for the first two days. Keep the ankle raised.")

    notices = [m for m in delivered_to(mail_server, READER) if "New reply" in m["Subject"]]
    assert len(notices) == 1
    notice = notices[0]
    assert "Keep the ankle raised." in notice.get_content()
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    target = notice["List-Unsubscribe"].strip("<>")

    # What a mail provider does for "unsubscribe": one POST, no cookie, no page.
    answer = page.context.request.post(target, form={"List-Unsubscribe": "One-Click"})
    assert answer.status == 200
    assert db.session.scalar(sa.select(sa.func.count(Subscription.id))) == 0


def test_follow_this_thread_from_the_embed_hears_the_clinics_answer(
    app, clinic_site, published_comment, page, mail_server
):
    page.goto(clinic_site.url + "/frame.html")
    comments = page.frame_locator("iframe.cc-iframe")
    with page.context.expect_page() as opened:
        comments.get_by_role("link", name="Follow this thread").click()
    thread_page = opened.value  # the thread page on the service, at its follow form
    thread_page.get_by_label("Your email address").fill("follower@example.org")
    thread_page.locator("#follow").get_by_role("button", name="Follow this thread").click()
    expect(
        thread_page.get_by_text("reply notifications start once it is confirmed")
    ).to_be_visible()
    (confirmation,) = delivered_to(mail_server, "follower@example.org")
    page.goto(link_to(confirmation, "/subscriptions/confirm"))
    page.get_by_role("button", name="Confirm my address").click()
    expect(page.get_by_text("Clinic answers in")).to_be_visible()

    moderator = ModeratorFactory()
    db.session.commit()
    reply_to_comment(moderator, published_comment.id, "We have added a video of the stretches.")
    answers = [
        m
        for m in delivered_to(mail_server, "follower@example.org")
        if m["Subject"].startswith("The clinic answered")
    ]
    assert len(answers) == 1
    page.goto(link_to(answers[0], "/subscriptions/manage"))
    page.get_by_role("button", name="Stop them all").click()
    expect(page.get_by_text("You follow nothing at the moment.")).to_be_visible()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_new_reader_pages_have_no_axe_violations(
    app,
    live_server,
    browser,
    axe_source,
    language,
    mail_server,
):
    thread = ThreadFactory(key="articles/back-pain", title="Back pain")
    CommentFactory(thread=thread, email=READER, status=CommentStatus.APPROVED)
    db.session.commit()
    context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    problems: dict[str, list[str]] = {}

    def check(name: str) -> None:
        assert page.locator("html").get_attribute("lang") == language, name
        found = violations(page, axe_source)
        if found:
            problems[name] = found

    try:
        base = live_server.url
        page.goto(f"{base}/threads/articles/back-pain")
        page.locator("#follow-email").fill(READER)
        page.locator("#follow button").click()
        check("thread after following")
        (mail,) = delivered_to(mail_server, READER)
        page.goto(link_to(mail, "/subscriptions/confirm"))
        check("confirm")
        page.locator("main form button").click()
        check("manage")
        page.goto(f"{base}/subscriptions/unsubscribe?t=x")
        check("unsubscribe")
        page.goto(f"{base}/my-data")
        check("my data")
        page.locator("main form button").click()
        check("my data with errors")
        page.locator("#email").fill(READER)
        page.locator("main form button").click()
        check("my data sent")
        my_data = [m for m in delivered_to(mail_server, READER) if "/my-data/" in m.get_content()][
            -1
        ]
        page.goto(link_to(my_data, "/my-data/link"))
        check("my data link")
        page.locator("form[action$='/my-data/erase'] button").click()
        check("erase question")
        page.locator("main form button").click()
        check("erased")
    finally:
        context.close()
    assert not problems, "\n".join(f"{name}: {v}" for name, vs in problems.items() for v in vs)


def test_an_unconfirmed_address_hears_nothing_and_a_held_reply_waits_for_approval(
    app, clinic_site, published_comment, page, browser, mail_server
):
    filter_verdict(app, "ham")
    page.goto(clinic_site.url + "/frame.html")
    comments = page.frame_locator("iframe.cc-iframe")
    comments.get_by_label("Your name").first.fill("Rosa")
    comments.get_by_label("Email (optional, never shown)").first.fill(READER)
    comments.get_by_label("Email me when someone replies (we ask you to confirm first)").check()
    comments.get_by_label("Your comment").fill("Does ice help a swollen ankle as well?")
    comments.get_by_role("button", name="Post comment").click()
    expect(comments.get_by_text("Once your address is confirmed")).to_be_visible()
    own = db.session.scalar(sa.select(Comment).where(Comment.email == READER))
    moderator = ModeratorFactory()
    db.session.commit()
    act(moderator, "comment", own.id, "approve")

    other = browser.new_context()
    try:
        frame = other.new_page()
        for text in ("Ice helped me too.", "Raise the ankle as well."):
            frame.goto(clinic_site.url + "/frame.html")
            embed = frame.frame_locator("iframe.cc-iframe")
            parent = embed.locator(".cc-comment", has_text="swollen ankle").first
            parent.get_by_role("button", name="Reply").first.click()
            form = parent.locator("form.cc-form")
            form.get_by_label("Your name").fill("Jo")
            form.get_by_label("Your reply").fill(text)
            form.get_by_role("button", name="Post reply").click()
            expect(embed.get_by_text(text)).to_be_visible()
            reply = db.session.scalar(sa.select(Comment).where(Comment.body == text))
            assert reply.status is CommentStatus.PENDING
            if text == "Ice helped me too.":
                # Published while the address waits: the confirmation stays the only mail.
                act(moderator, "comment", reply.id, "approve")
                (confirmation,) = delivered_to(mail_server, READER)
                page.goto(link_to(confirmation, "/subscriptions/confirm"))
                page.get_by_role("button", name="Confirm my address").click()
                expect(page.get_by_text("Your address is confirmed")).to_be_visible()
    finally:
        other.close()
    assert len(delivered_to(mail_server, READER)) == 1  # held: nothing yet
    act(moderator, "comment", reply.id, "approve")
    notices = [m for m in delivered_to(mail_server, READER) if "New reply" in m["Subject"]]
    assert len(notices) == 1
    assert "Raise the ankle as well." in notices[0].get_content()
    assert "Ice helped me too." not in notices[0].get_content()


def test_my_data_answers_an_unknown_address_as_it_answers_a_known_one(
    live_server, page, mail_server
):
    thread = ThreadFactory(key="articles/back-pain", title="Back pain")
    CommentFactory(thread=thread, email=READER, status=CommentStatus.APPROVED)
    db.session.commit()
    answers = []
    for address in ("nobody.here@example.org", READER):
        page.goto(f"{live_server.url}/my-data")
        page.locator("#email").fill(address)
        page.locator("main form button").click()
        page.wait_for_load_state("load")
        # innerText follows the layout (a label and its hint on one line or two, depending on
        # whether the stylesheet has been applied yet): compare the words, not the line breaks.
        shown = " ".join(page.locator("main").inner_text().split())
        answers.append((page.url, shown.replace(address, "X")))
    assert answers[0] == answers[1]
    assert delivered_to(mail_server, "nobody.here@example.org") == []
    assert len(delivered_to(mail_server, READER)) == 1
