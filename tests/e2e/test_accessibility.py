"""axe-core finds no accessibility violation on the pages visitors, readers and moderators use,
in English and Spanish, in the light and the dark color scheme.

axe-core comes from npm (tests/e2e/package.json, installed by `make install`) and is evaluated
in the page through the DevTools protocol, which the page's strict CSP does not govern.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from service.data.extensions import db
from service.data.models import CommentStatus
from service.submissions import audit
from tests.conftest import need
from tests.e2e.test_moderation_queue import sign_in
from tests.factories import CommentFactory, InquiryFactory, ModeratorFactory, ThreadFactory

# The pages, not the database, are under test here: SQLite is enough.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
THREAD = "articles/back-pain"


@pytest.fixture(scope="session")
def axe_source() -> str:
    need(AXE.exists(), "axe-core is not installed: run `make install` (needs npm)")
    return AXE.read_text()


@pytest.fixture
def site(app):
    """A thread with a published comment and a reply, and work waiting in the queue: a comment
    written right to left, a reported one, an inquiry."""
    moderator = ModeratorFactory()
    thread = ThreadFactory(key=THREAD, title="Back pain")
    first = CommentFactory(
        thread=thread,
        author="Ana",
        body="Very helpful, thank you.",
        status=CommentStatus.APPROVED,
        pinned=True,
    )
    db.session.flush()
    CommentFactory(
        thread=thread,
        parent_id=first.id,
        author="Clinic",
        body="Glad it helped!",
        status=CommentStatus.APPROVED,
    )
    CommentFactory(thread=thread, author="Ben", body="Does it hurt much?")
    # A reader who writes right to left, and a comment a reader reported.
    CommentFactory(thread=thread, author="ليلى", body="شكراً على هذه المقالة المفيدة.")
    CommentFactory(thread=thread, flagged=True, flag_reason="Off topic")
    # Held by the filter and reported: long reason labels, and the identifiers beside them on
    # the reported item's background.
    CommentFactory(
        thread=thread,
        flagged=True,
        reasons=[
            {"rule": "self_promotion", "points": 2.0, "detail": "matched 'check out my'"},
            {
                "rule": "author_approved_before",
                "points": -1.5,
                "detail": "1 earlier item(s) approved",
            },
            {"rule": "retired_rule", "points": 0.5, "detail": "an old note"},
        ],
    )
    # Held by the health-information guard: the moderator's edit and move section.
    CommentFactory(
        thread=thread,
        author="Tom",
        body="I take 50 mg of sertraline.",
        reasons=[
            {
                "rule": "personal_health_info",
                "points": 0.0,
                "detail": "personal details found: medication",
            }
        ],
    )
    inquiry = InquiryFactory()
    # A failed sign-in: the audit log marks its row.
    audit.record(
        "login.failed", "stranger@clinic.example", "moderator", None, {"reason": "unknown_account"}
    )
    db.session.commit()
    return SimpleNamespace(moderator=moderator, inquiry_id=inquiry.id)


def violations(page, axe_source: str, skip: tuple[str, ...] = ()) -> list[str]:
    # After a click that submits a form, the next page may still be loading its stylesheet:
    # judge the page as a reader sees it, once it has loaded.
    page.wait_for_load_state("load")
    page.evaluate(axe_source)
    return page.evaluate(
        "async ([tags, skip]) => (await axe.run(document, {"
        "  runOnly: {type: 'tag', values: tags},"
        "  rules: Object.fromEntries(skip.map(id => [id, {enabled: false}]))"
        "})).violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +"
        " v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))",
        [RULES, list(skip)],
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_no_axe_violations(live_server, browser, site, axe_source, language, scheme):
    context = browser.new_context(
        color_scheme=scheme, locale=language, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    base = live_server.url
    problems: dict[str, list[str]] = {}

    def check(name: str, skip: tuple[str, ...] = ()) -> None:
        assert page.locator("html").get_attribute("lang") == language, name
        found = violations(page, axe_source, skip)
        if found:
            problems[name] = found

    try:
        page.goto(base + "/contact")
        check("contact")
        page.locator("form.contact-form button[type=submit]").click()
        page.wait_for_selector(".error-summary")
        check("contact with errors")
        page.goto(base + "/contact/thanks")
        check("thank-you")
        page.goto(f"{base}/threads/{THREAD}")
        check("thread")
        page.locator("#comment-form textarea").fill("Is **ice** better than heat?")
        page.locator("#comment-form button[name=preview]").click()
        page.wait_for_selector(".comment-preview")
        check("thread with a preview")
        page.locator("#comment-form textarea").fill("")
        page.locator("#comment-form button[type=submit]").first.click()
        page.wait_for_selector(".error-summary")
        check("thread with errors")
        page.locator("#comment-form textarea").fill("I was diagnosed with asthma last year.")
        page.locator("#comment-form input[name=author]").fill("Tom")
        page.locator("#comment-form button[type=submit]").first.click()
        page.wait_for_selector("#health-prompt")
        check("thread with the health-information prompt")
        page.locator("#health-prompt form button").click()
        page.wait_for_selector("#carried-over")
        check("contact form carried over from a comment")
        page.goto(f"{base}/embed/thread?key={THREAD}&lang={language}")
        page.wait_for_selector("#clinic-comments form, #clinic-comments li", timeout=10_000)
        # The frame is part of the host article, whose h1 heads it; its own headings go on
        # from h2, so a page of its own would have no h1.
        check("embed frame", skip=("page-has-heading-one",))
        page.goto(base + "/demo/article")
        page.wait_for_selector("#clinic-comments iframe, #clinic-comments form", timeout=10_000)
        check("demo article")
        page.goto(base + "/moderation/login")
        check("login")
        sign_in(page, base, site.moderator)
        page.goto(base + "/moderation/")
        page.evaluate(
            "document.querySelectorAll('details.queue-reasons').forEach(d => d.open = true)"
        )
        check("queue")
        page.goto(f"{base}/moderation/inquiries/{site.inquiry_id}")
        check("inquiry")
        page.goto(base + "/moderation/dashboard")
        check("dashboard")
        page.goto(base + "/moderation/audit")
        check("audit log")
        page.goto(base + "/moderation/account")
        check("account")
    finally:
        context.close()
    assert not problems, "\n".join(f"{name}: {v}" for name, vs in problems.items() for v in vs)


def test_the_language_switch_is_a_labelled_navigation(live_server, page):
    page.goto(live_server.url + "/contact")
    switch = page.get_by_role("navigation", name="Language")
    switch.get_by_role("link", name="Español").click()
    page.wait_for_url(re.compile(r"/contact$"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == "Contacte con nosotros"
    page.reload()
    assert page.get_by_role("navigation", name="Idioma").is_visible()
