"""Languages and writing directions in Chromium: the embed speaks the language its page asks
for, dates are the clinic's time in the reader's format, and right-to-left comments keep the
layout intact."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from service.data.extensions import db
from service.data.models import CommentStatus
from tests.e2e.test_comments import ClinicSite
from tests.factories import CommentFactory, ThreadFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

KEY = "articles/knee-pain"
# 13:05 UTC is 14:05 in Madrid in November; the browser itself sits in Tokyo.
POSTED = dt.datetime(2026, 11, 26, 13, 5, tzinfo=dt.UTC)
ARABIC_NAME = "ليلى حسن"
ARABIC_TEXT = (
    "شكراً جزيلاً على هذه المقالة. بعد الحقنة شعرت بتحسن كبير في كتفي، "
    "وأنصح كل من يعاني من آلام العضلات بسؤال الطبيب عنها. "
) * 3


def host_page(
    service_url: str, html_lang: str | None, data_lang: str | None, mode: str = "frame"
) -> str:
    lang = f' lang="{html_lang}"' if html_lang else ""
    chosen = f' data-lang="{data_lang}"' if data_lang else ""
    return f"""<!doctype html>
<html{lang}><head><meta charset="utf-8"><title>Knee pain</title></head>
<body><h1>Knee pain after exercise</h1>
<div id="clinic-comments" data-thread="{KEY}" data-mode="{mode}"></div>
<script src="{service_url}/embed.js"{chosen}></script>
</body></html>"""


@pytest.fixture
def clinic_site(app, live_server) -> Iterator[ClinicSite]:
    pages = {
        "/spanish-embed.html": host_page(live_server.url, "en", "es"),
        "/spanish-inline.html": host_page(live_server.url, "en", "es", "inline"),
        "/spanish-page.html": host_page(live_server.url, "es", None),
        "/english-embed.html": host_page(live_server.url, "es", "en"),
        "/no-language.html": host_page(live_server.url, None, None),
    }
    site = ClinicSite(live_server.url, pages)
    site.thread.start()
    app.config["ALLOWED_ORIGINS"] = [site.url]
    app.config["TIMEZONE"] = "Europe/Madrid"
    yield site
    site.server.shutdown()
    site.server.server_close()


@pytest.fixture
def thread_with_comment(app):
    thread = ThreadFactory(key=KEY, title=None)
    CommentFactory(
        thread=thread,
        author="Dr. Lin",
        body="Ice for ten minutes after exercise often helps.",
        status=CommentStatus.APPROVED,
        created_at=POSTED,
    )
    db.session.commit()
    return thread


@pytest.mark.parametrize("mode", ["frame", "inline"])
def test_the_embed_with_data_lang_es_speaks_spanish_in_the_clinics_time(
    browser, clinic_site, thread_with_comment, mode
):
    context = browser.new_context(locale="en-US", timezone_id="Asia/Tokyo")
    page = context.new_page()
    try:
        if mode == "frame":
            page.goto(clinic_site.url + "/spanish-embed.html")
            frame = page.frame_locator("iframe.cc-iframe")
            expect(frame.locator("html")).to_have_attribute("lang", "es")
            expect(page.locator("iframe.cc-iframe")).to_have_attribute("title", "Comentarios")
        else:
            page.goto(clinic_site.url + "/spanish-inline.html")
            frame = page.locator("#clinic-comments")
            # On an English page the comments say which language they speak.
            expect(frame).to_have_attribute("lang", "es")
        expect(frame.locator(".cc-title")).to_have_text("Comentarios (1)")
        expect(frame.get_by_role("heading", name="Deje un comentario")).to_be_visible()
        expect(frame.get_by_label("Su nombre")).to_be_visible()
        expect(frame.get_by_role("button", name="Publicar comentario")).to_be_visible()
        expect(frame.get_by_role("button", name="Responder")).to_be_visible()
        # The clinic's zone is named, as on the thread page.
        expect(frame.locator(".cc-time")).to_have_text(re.compile(r"^26 nov 2026,? 14:05 CET$"))

        # A problem the API names in English reaches the reader in Spanish, numbers and all.
        frame.get_by_label("Su nombre").fill("Ana")
        frame.get_by_label("Su comentario").evaluate("e => { e.maxLength = 9000; }")
        frame.get_by_label("Su comentario").fill("x" * 5001)
        frame.get_by_role("button", name="Publicar comentario").click()
        expect(frame.locator(".cc-error")).to_have_text(
            "Por favor, no supere los 5000 caracteres (tiene 5001)."
        )
        expect(frame.locator(".cc-form-msg")).to_have_text("Revise algunos campos, por favor.")
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "locale", "heading"),
    [
        ("/spanish-page.html", "en-US", "Deje un comentario"),  # the page's <html lang>
        ("/english-embed.html", "es-ES", "Leave a comment"),  # data-lang wins over the page
        ("/no-language.html", "es-ES", "Deje un comentario"),  # then the browser's language
        ("/no-language.html", "fr-FR", "Leave a comment"),  # and English at last
    ],
)
def test_the_embed_falls_back_from_data_lang_to_the_page_to_the_browser_to_english(
    browser, clinic_site, thread_with_comment, path, locale, heading
):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    try:
        page.goto(clinic_site.url + path)
        frame = page.frame_locator("iframe.cc-iframe")
        expect(frame.locator("form.cc-form h3")).to_have_text(heading)
    finally:
        context.close()


def layout_of(scope, comment: str, column: str) -> dict:
    """Where the parts of a comment sit, and which way its text runs."""
    return scope.locator(comment).first.evaluate(
        """(li, column) => {
          const box = (e) => e.getBoundingClientRect();
          const body = li.querySelector('.comment-body, .cc-body');
          const author = li.querySelector('.comment-author, .cc-author');
          const badge = li.querySelector('.badge, .cc-badge, .comment-time, .cc-time');
          const area = li.closest(column);
          return {
            bodyDir: body.getAttribute('dir'),
            bodyDirection: getComputedStyle(body).direction,
            authorDir: author.getAttribute('dir'),
            itemDirection: getComputedStyle(li).direction,
            bodyLeft: box(body).left, bodyRight: box(body).right,
            areaLeft: box(area).left, areaRight: box(area).right,
            authorLeft: box(author).left, nextLeft: box(badge).left,
            pageOverflows: document.documentElement.scrollWidth > innerWidth,
          };
        }""",
        column,
    )


def assert_intact(layout: dict) -> None:
    assert layout["bodyDir"] == "auto" and layout["authorDir"] == "auto"
    assert layout["bodyDirection"] == "rtl"  # the text itself runs right to left ...
    assert layout["itemDirection"] == "ltr"  # ... inside a page that still runs left to right
    assert layout["areaLeft"] - 1 <= layout["bodyLeft"] < layout["bodyRight"]
    assert layout["bodyRight"] <= layout["areaRight"] + 1
    assert layout["authorLeft"] < layout["nextLeft"]  # the meta line is not reversed
    assert not layout["pageOverflows"]


def test_a_right_to_left_comment_keeps_the_layout_on_the_page_and_in_the_embed(
    app, live_server, page, thread_with_comment
):
    app.config["MODERATION_MODE"] = "pre"
    page.set_viewport_size({"width": 900, "height": 900})
    page.goto(f"{live_server.url}/threads/{KEY}")
    page.get_by_label("Your name").fill(ARABIC_NAME)
    page.get_by_label("Your comment").fill(ARABIC_TEXT)
    direction = page.get_by_label("Your comment").evaluate("e => getComputedStyle(e).direction")
    assert direction == "rtl"  # typing Arabic turns the field right to left
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".own-pending .comment-body")).to_contain_text("شكراً جزيلاً")
    assert_intact(layout_of(page, ".own-pending .comment", ".thread"))

    # Published, it shows to every reader: on the thread page and in the embed frame.
    from service.data.models import Comment

    posted = db.session.scalars(db.select(Comment).where(Comment.author == ARABIC_NAME)).one()
    posted.status = CommentStatus.APPROVED
    db.session.commit()
    page.goto(f"{live_server.url}/threads/{KEY}")
    arabic = f"#comment-{posted.id}"
    expect(page.locator(f"{arabic} .comment-author")).to_have_text(ARABIC_NAME)
    assert_intact(layout_of(page, arabic, ".thread"))

    page.goto(f"{live_server.url}/embed/thread?key={KEY}")
    expect(page.locator(f"#cc-{posted.id} .cc-author")).to_have_text(ARABIC_NAME)
    assert_intact(layout_of(page, f"#cc-{posted.id}", ".cc-root"))
