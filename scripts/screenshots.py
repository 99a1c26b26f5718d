"""Screenshots for the README and docs/: the contact page and a thread in English and Spanish, a
thread sorted newest first with a pinned answer, the moderation queue, an inquiry and the
dashboard, at desktop width and on a phone.

Builds the app on a throw-away SQLite database with the demo data plus a month of varied
submissions, serves it on a free port of 127.0.0.1, signs in through the real login form
as the demo moderator and saves PNGs into docs/. Needs Debian's chromium.

Usage: .venv/bin/python scripts/screenshots.py   (or `make screenshots`)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from config import new_data_key  # noqa: E402

DOCS = REPO / "docs"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = (
    ("/moderation/", "moderation-queue.png"),
    ("/moderation/inquiries/{inquiry_id}", "moderation-inquiry.png"),
    ("/moderation/dashboard", "moderation-dashboard.png"),
)
# The same staff pages on a phone (375 px wide, touch, Spanish: the longer words).
PHONE_SHOTS = (
    ("/moderation/", "moderation-queue-phone.png"),
    ("/moderation/inquiries/{inquiry_id}", "moderation-inquiry-phone.png"),
    ("/moderation/dashboard", "moderation-dashboard-phone.png"),
)
# Reader pages, once per language (the browser asks for it with Accept-Language).
READER_SHOTS = (
    ("/contact", "contact-{lang}.png"),
    ("/threads/{thread_key}", "thread-{lang}.png"),
)
LANGUAGES = ("en", "es")


def seed_month() -> int:
    """Varied items over 30 days so the queue and the chart have something to show.
    Returns the id of the inquiry to photograph."""
    import sqlalchemy as sa

    from service.data.database import transaction, utcnow
    from service.data.extensions import db
    from service.data.models import (
        Comment,
        CommentStatus,
        Inquiry,
        InquiryStatus,
        Thread,
        Verdict,
    )
    from service.operations.demo import DEMO_THREAD_KEY
    from service.web.rendering import render_markdown

    now = utcnow()
    with transaction():
        thread = db.session.scalar(sa.select(Thread).where(Thread.key == DEMO_THREAD_KEY))
        for day in range(30):
            for n in range((day * 7) % 5 + 1):
                spam = (day + n) % 4 == 0
                body = (
                    "Cheap pills, best price, click [here](https://pills.example) now!!!"
                    if spam
                    else f"Thanks for the clear explanation (day {day}, note {n})."
                )
                db.session.add(
                    Comment(
                        thread_id=thread.id,
                        author="Pill Shop" if spam else f"Reader {day}-{n}",
                        body=body,
                        body_html=render_markdown(body),
                        status=CommentStatus.SPAM if spam else CommentStatus.APPROVED,
                        verdict=Verdict.SPAM if spam else Verdict.HAM,
                        score=7.5 if spam else -1.0,
                        reasons=(
                            [
                                {"rule": "links", "points": 2.0, "detail": "1 link to a shop"},
                                {"rule": "model", "points": 5.5, "detail": "reads like spam"},
                            ]
                            if spam
                            else []
                        ),
                        created_at=now - dt.timedelta(days=day, hours=n + 1),
                    )
                )
        flagged_body = "Has anyone tried the *new* treatment? My cousin says it is dangerous."
        db.session.add(
            Comment(
                thread_id=thread.id,
                author="Sam",
                body=flagged_body,
                body_html=render_markdown(flagged_body),
                status=CommentStatus.PENDING,
                verdict=Verdict.UNSURE,
                score=3.1,
                reasons=[{"rule": "model", "points": 3.1, "detail": "the model is unsure"}],
                flagged=True,
                flag_reason="reported by a reader: medical misinformation?",
                created_at=now - dt.timedelta(minutes=20),
            )
        )
        overdue = Inquiry(
            name="Grace Waiting",
            email="grace@example.org",
            phone="+44 20 7946 0000",
            topic="billing",
            message=(
                "Hello, my insurer says the invoice from March is missing a code.\n"
                "Could you send a corrected copy?"
            ),
            consent_at=now - dt.timedelta(hours=60),
            consent_version="demo",
            status=InquiryStatus.RECEIVED,
            verdict=Verdict.HAM,
            score=-2.0,
            reasons=[{"rule": "known_sender", "points": -2.0, "detail": "answered before"}],
            created_at=now - dt.timedelta(hours=60),
        )
        db.session.add(overdue)
        db.session.flush()
        return overdue.id


def seed_decisions() -> None:
    """Staff decisions through the real moderation actions, so the dashboard's filter card has
    evidence and the queue's spam-folder line has something new since the last look."""
    import sqlalchemy as sa

    from service.data.database import transaction, utcnow
    from service.data.extensions import db
    from service.data.models import Comment, CommentStatus, Moderator
    from service.moderation import services
    from service.operations.demo import DEMO_MODERATOR_EMAIL

    moderator = db.session.scalar(
        sa.select(Moderator).where(Moderator.email == DEMO_MODERATOR_EMAIL)
    )
    last_look = utcnow() - dt.timedelta(days=2)
    services.mark_spam_folder_seen(moderator, last_look)

    def comments(status: CommentStatus, before: dt.datetime, count: int) -> list[int]:
        return list(
            db.session.scalars(
                sa.select(Comment.id)
                .where(Comment.status == status, Comment.created_at < before)
                .order_by(Comment.created_at.desc())
                .limit(count)
            )
        )

    services.act(moderator, "comment", comments(CommentStatus.SPAM, last_look, 1)[0], "ham")
    passed = comments(CommentStatus.APPROVED, last_look, 8)
    for comment_id in passed[:2]:
        services.act(moderator, "comment", comment_id, "spam")
    with transaction():  # as if they had waited for a moderator instead of the demo's "approved"
        for comment_id in passed[2:]:
            db.session.get(Comment, comment_id).status = CommentStatus.PENDING
    for comment_id in passed[2:]:
        services.act(moderator, "comment", comment_id, "approve")


def pin_staff_answer() -> None:
    """Pin the demo thread's clinician answer, as a moderator would from the queue."""
    import sqlalchemy as sa

    from service.data.extensions import db
    from service.data.models import Comment, CommentStatus, Moderator, Thread
    from service.moderation import services
    from service.operations.demo import DEMO_MODERATOR_EMAIL, DEMO_THREAD_KEY

    moderator = db.session.scalar(
        sa.select(Moderator).where(Moderator.email == DEMO_MODERATOR_EMAIL)
    )
    answer = db.session.scalar(
        sa.select(Comment.id)
        .join(Thread, Thread.id == Comment.thread_id)
        .where(
            Thread.key == DEMO_THREAD_KEY,
            Comment.is_staff.is_(True),
            Comment.status == CommentStatus.APPROVED,
        )
        .limit(1)
    )
    if answer is not None:
        services.act(moderator, "comment", answer, "pin")


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"Chromium is not installed at {CHROMIUM}; set CHROMIUM_PATH.", file=sys.stderr)
        return 1
    workdir = Path(tempfile.mkdtemp(prefix="clinic-desk-shots-"))
    os.environ.update(
        {
            "APP_ENV": "development",
            "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
            "SECRET_KEY": os.urandom(32).hex(),
            "DATA_KEY": new_data_key(),
            "RATELIMIT_ENABLED": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from service import create_app
    from service.data.extensions import db
    from service.operations.demo import (
        DEMO_MODERATOR_EMAIL,
        DEMO_MODERATOR_PASSWORD,
        DEMO_THREAD_KEY,
        load_demo,
    )

    app = create_app()
    with app.app_context():
        db.create_all()
        load_demo()
        inquiry_id = seed_month()
        seed_decisions()
        pin_staff_answer()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_URL"] = base
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    DOCS.mkdir(exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for lang in LANGUAGES:
                reader = browser.new_page(
                    viewport={"width": 1280, "height": 900},
                    extra_http_headers={"Accept-Language": lang},
                )
                for path, name in READER_SHOTS:
                    reader.goto(base + path.format(thread_key=DEMO_THREAD_KEY))
                    reader.screenshot(path=str(DOCS / name.format(lang=lang)), full_page=False)
                    print("docs/" + name.format(lang=lang))
                reader.close()
            # A thread sorted newest first, with the clinician's pinned answer leading.
            reader = browser.new_page(viewport={"width": 900, "height": 900})
            reader.goto(f"{base}/threads/{DEMO_THREAD_KEY}?sort=newest")
            reader.locator(".comment-form").scroll_into_view_if_needed()
            reader.evaluate("window.scrollTo(0, 0)")
            reader.screenshot(path=str(DOCS / "thread-sorted-pinned.png"), full_page=False)
            print("docs/thread-sorted-pinned.png")
            reader.close()
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/moderation/login")
            page.get_by_label("Email").fill(DEMO_MODERATOR_EMAIL)
            page.get_by_label("Password").fill(DEMO_MODERATOR_PASSWORD)
            page.locator("form button[type=submit]").first.click()
            page.wait_for_url(base + "/moderation/**")
            for path, name in SHOTS:
                page.goto(base + path.format(inquiry_id=inquiry_id))
                page.screenshot(path=str(DOCS / name), full_page=False)
                print(f"docs/{name}")
            phone = browser.new_context(
                viewport={"width": 375, "height": 812},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
                extra_http_headers={"Accept-Language": "es"},
                storage_state=page.context.storage_state(),
            ).new_page()
            for path, name in PHONE_SHOTS:
                phone.goto(base + path.format(inquiry_id=inquiry_id))
                phone.screenshot(path=str(DOCS / name), full_page=False)
                print(f"docs/{name}")
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
