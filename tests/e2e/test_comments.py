"""Comments in a real browser: embedded on a clinic's own site (another origin) in both modes,
and the thread page with JavaScript switched off."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from service.data.database import transaction
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Thread, Verdict
from service.web.rendering import render_markdown
from tests.e2e.conftest import ARTIFACTS
from tests.functional.comment_helpers import filter_verdict

pytestmark = pytest.mark.e2e
# The first comment of a test process trains the spam filter's starter model: allow for it.
expect.set_options(timeout=30_000)

KEY = "articles/knee-pain"


class ClinicSite:
    """A plain static site on another port of 127.0.0.1: another origin, as a clinic's is."""

    def __init__(self, service_url: str, pages: dict[str, str] | None = None) -> None:
        pages = {
            "/frame.html": self._page(service_url, ""),
            "/inline.html": self._page(service_url, ' data-mode="inline"'),
            **(pages or {}),
        }

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write((body or "not here").encode())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def _page(service_url: str, mode: str) -> str:
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Knee pain: an article</title></head>
<body>
<h1>Knee pain after exercise</h1>
<p>An article on the clinic's own website.</p>
<div id="clinic-comments" data-thread="{KEY}"{mode}></div>
<script src="{service_url}/embed.js"></script>
</body></html>"""


@pytest.fixture
def clinic_site(app, live_server) -> Iterator[ClinicSite]:
    site = ClinicSite(live_server.url)
    site.thread.start()
    app.config["ALLOWED_ORIGINS"] = [site.url]
    yield site
    site.server.shutdown()
    site.server.server_close()


@pytest.fixture
def published_comment(app) -> Comment:
    with transaction():
        thread = Thread(key=KEY)
        db.session.add(thread)
        db.session.flush()
        comment = Comment(
            thread_id=thread.id,
            author="Dr. Lin",
            body="Ice for ten minutes after exercise often helps.",
            body_html=render_markdown("Ice for ten minutes after exercise often helps."),
            status=CommentStatus.APPROVED,
            verdict=Verdict.HAM,
            is_staff=True,
        )
        db.session.add(comment)
    return comment


def dialogs_of(page) -> list[str]:
    fired: list[str] = []

    def record(dialog) -> None:
        fired.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return fired


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def post_and_reply(comments, reply_to: str) -> None:
    comments.get_by_label("Your name").first.fill("Reader")
    comments.get_by_label("Your comment").fill("My knee felt better after two weeks of rest.")
    comments.get_by_role("button", name="Post comment").click()
    expect(comments.get_by_text("My knee felt better after two weeks of rest.")).to_be_visible()
    parent = comments.locator(".cc-comment", has_text=reply_to).first
    parent.get_by_role("button", name="Reply").first.click()
    form = parent.locator("form.cc-form")
    form.get_by_label("Your name").fill("Reader")
    form.get_by_label("Your reply").fill("Thank you, I will try the ice.")
    form.get_by_role("button", name="Post reply").click()
    expect(comments.get_by_text("Thank you, I will try the ice.")).to_be_visible()


def test_embedded_in_an_iframe_a_reader_posts_and_replies_and_sees_both_pending(
    app, clinic_site, published_comment, page
):
    filter_verdict(app, "ham")
    fired = dialogs_of(page)
    page.goto(clinic_site.url + "/frame.html")
    comments = page.frame_locator("iframe.cc-iframe")
    expect(comments.get_by_text("Ice for ten minutes after exercise often helps.")).to_be_visible()
    expect(comments.get_by_text("Clinic staff")).to_be_visible()
    post_and_reply(comments, reply_to="Ice for ten minutes")
    expect(comments.locator(".cc-badge-pending")).to_have_count(2)
    reply = comments.locator(".cc-comment", has_text="Ice for ten minutes").locator(".cc-pending")
    expect(reply).to_have_count(1)
    # The iframe grew to its content: nothing is cut off, no inner scrollbar.
    height = page.eval_on_selector("iframe.cc-iframe", "f => f.getBoundingClientRect().height")
    inner = comments.locator("html").evaluate("e => e.getBoundingClientRect().height")
    assert abs(height - inner) < 4
    screenshot(page, "comments-embed-frame")
    # Still there after a reload: the edit tokens are kept in the browser.
    page.reload()
    expect(page.frame_locator("iframe.cc-iframe").locator(".cc-badge-pending")).to_have_count(2)
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 3
    assert fired == []


def test_inline_on_the_clinics_page_in_auto_mode_comments_are_published(
    app, clinic_site, published_comment, page
):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    page.goto(clinic_site.url + "/inline.html")
    comments = page.locator("#clinic-comments")
    expect(comments.get_by_text("Ice for ten minutes after exercise often helps.")).to_be_visible()
    post_and_reply(comments, reply_to="Ice for ten minutes")
    expect(comments.get_by_text("Your comment is published.")).to_be_visible()
    expect(comments.locator(".cc-badge-pending")).to_have_count(0)
    nested = comments.locator(".cc-replies .cc-comment", has_text="I will try the ice")
    expect(nested).to_have_count(1)
    expect(comments.locator(".cc-title")).to_have_text("Comments (3)")
    screenshot(page, "comments-embed-inline")
    # Published means every reader sees it, also on the thread page.
    page.goto(app.config["PUBLIC_URL"] + f"/threads/{KEY}")
    expect(page.get_by_text("Thank you, I will try the ice.")).to_be_visible()
    screenshot(page, "comments-thread-page")


def test_inline_in_pre_mode_the_author_sees_the_pending_comment_and_may_edit_it(
    app, clinic_site, page
):
    filter_verdict(app, "ham")
    page.goto(clinic_site.url + "/inline.html")
    comments = page.locator("#clinic-comments")
    expect(comments.get_by_text("No comments yet.")).to_be_visible()
    comments.get_by_label("Your name").fill("Reader")
    comments.get_by_label("Your comment").fill("Is swelling normal?")
    comments.get_by_role("button", name="Post comment").click()
    expect(comments.get_by_text("Awaiting moderation", exact=True)).to_be_visible()
    comments.get_by_role("button", name="Edit").click()
    comments.get_by_label("Edit your comment").fill("Is **some** swelling normal?")
    comments.get_by_role("button", name="Save").click()
    expect(comments.locator(".cc-pending .cc-body strong")).to_have_text("some")
    expect(comments.get_by_text("Your change is saved and awaits moderation.")).to_be_visible()


@pytest.mark.parametrize("mode", ["frame", "inline"])
def test_a_comment_carrying_xss_fires_no_dialog(app, clinic_site, page, mode):
    app.config["MODERATION_MODE"] = "auto"
    filter_verdict(app, "ham")
    fired = dialogs_of(page)
    page.goto(clinic_site.url + f"/{mode}.html")
    comments = page.frame_locator("iframe.cc-iframe") if mode == "frame" else page
    payload = (
        "<img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3)) "
        "[click](java&#x09;script:alert(6)) <svg/onload=alert(4)>"
    )
    comments.get_by_label("Your name").first.fill('<img src=x onerror="alert(5)">')
    comments.get_by_label("Your comment").fill(payload)
    comments.get_by_role("button", name="Post comment").click()
    expect(comments.get_by_text("Your comment is published.")).to_be_visible()
    expect(comments.locator(".cc-author", has_text="<img src=x")).to_be_visible()
    comments.get_by_text("click", exact=True).first.click()
    page.wait_for_timeout(300)
    assert fired == []
    assert comments.locator(".cc-body img, .cc-body script, .cc-body svg").count() == 0


def test_the_thread_page_works_with_javascript_switched_off(
    app, published_comment, live_server, no_js_page
):
    filter_verdict(app, "ham")
    no_js_page.goto(live_server.url + f"/threads/{KEY}")
    expect(
        no_js_page.get_by_text("Ice for ten minutes after exercise often helps.")
    ).to_be_visible()
    no_js_page.get_by_role("link", name="Reply to Dr. Lin").click()
    expect(no_js_page.get_by_role("heading", name="Reply to Dr. Lin")).to_be_visible()
    no_js_page.get_by_label("Your name").fill("Reader without scripts")
    no_js_page.get_by_label("Your comment").fill("Does the ice go on the knee or the thigh?")
    no_js_page.get_by_role("button", name="Post reply").click()
    expect(no_js_page.get_by_text("Your comment is awaiting moderation")).to_be_visible()
    expect(no_js_page.get_by_text("Does the ice go on the knee or the thigh?")).to_be_visible()
    screenshot(no_js_page, "comments-thread-page-no-js")
    reply = db.session.scalars(db.select(Comment).order_by(Comment.id.desc())).first()
    assert reply.parent_id == published_comment.id


def test_the_demo_article_embeds_its_thread_like_a_clinics_site_would(app, live_server, page):
    from service.operations.demo import DEMO_THREAD_KEY, load_demo

    load_demo()
    fired = dialogs_of(page)
    page.goto(live_server.url + "/demo/article")
    expect(page.get_by_role("link", name="write to us through the contact form")).to_be_visible()
    comments = page.frame_locator("iframe.cc-iframe")
    expect(comments.get_by_text("the soreness was gone after")).to_be_visible()
    expect(comments.locator(".cc-title")).to_have_text(
        "Trigger point injections: what to expect (3)"
    )
    page.wait_for_function(
        "document.querySelector('iframe.cc-iframe').getBoundingClientRect().height > 400"
    )
    screenshot(page, "comments-demo-article")
    assert fired == []
    assert DEMO_THREAD_KEY in page.eval_on_selector(
        "iframe.cc-iframe", "f => decodeURIComponent(f.src)"
    )
