"""Every staff page at phone width (375 px) and desktop width (1280 px), in English and
Spanish, the development mail viewer included: the page never scrolls sideways and axe-core
finds nothing. Then delete as a
moderator would: confirmed in a dialog with JavaScript, on a page without it, and undone."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pyotp
import pytest
from playwright.sync_api import expect

from service.data.extensions import db
from service.data.models import (
    CannedReply,
    Comment,
    CommentStatus,
    Inquiry,
    InquiryReply,
    InquiryStatus,
    OutboxMessage,
    Role,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookFormat,
)
from service.submissions import audit
from tests.e2e.test_accessibility import AXE, violations
from tests.e2e.test_moderation_queue import sign_in
from tests.factories import (
    KNOWN_PASSWORD,
    CommentFactory,
    InquiryFactory,
    ModeratorFactory,
    ThreadFactory,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]

LONG_ADDRESS = "maria.fernanda.gonzalez-rodriguez.de.la.fuente@correo-electronico-largo.example"
WIDTHS = (375, 1280)
LANGUAGES = ("en", "es")


@pytest.fixture(scope="session")
def axe_source() -> str:
    from tests.conftest import need

    need(AXE.exists(), "axe-core is not installed: run `make install` (needs npm)")
    return AXE.read_text()


@pytest.fixture
def staff_site(app):
    """Work in every list: long addresses and words that do not fit a phone line."""
    secret = pyotp.random_base32()
    admin = ModeratorFactory(
        role=Role.ADMIN, totp_secret=secret, email="administracion.de.la.clinica@clinic.example"
    )
    ModeratorFactory(email=LONG_ADDRESS)
    thread = ThreadFactory(key="articles/very-long-article-name-about-trigger-point-injections")
    CommentFactory(thread=thread, author="Ben", email=LONG_ADDRESS, body="Does it hurt much?")
    CommentFactory(
        thread=thread,
        flagged=True,
        flag_reason="Off topic",
        reasons=[{"rule": "self_promotion", "points": 2.0, "detail": "matched 'check out my'"}],
    )
    deleted = CommentFactory(thread=thread, status=CommentStatus.DELETED)
    inquiry = InquiryFactory(email=LONG_ADDRESS, name="María Fernanda González Rodríguez")
    db.session.flush()
    # The inquiry's conversation: an answer, a patient's reply, an internal note; and a canned
    # reply with a long title for the answer box's picker.
    for author, body in (
        ("answer", "Please come in on Monday."),
        ("patient", "Thank you, Monday at nine suits me."),
        ("note", "Checked with the physiotherapist: a double appointment is needed."),
    ):
        db.session.add(InquiryReply(inquiry_id=inquiry.id, author=author, body=body))
    db.session.add(
        CannedReply(
            language="es",
            title="Cita de seguimiento tras la infiltración de puntos gatillo",
            body="Estimada {first_name}: sobre su consulta n.º {inquiry_id}…",
        )
    )
    # A chat endpoint with a long name and its log, and a mail to a long address in the outbox.
    endpoint = WebhookEndpoint(
        label="Recepción de la clínica: avisos urgentes del equipo de fisioterapia",
        url="https://hooks.slack.example/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX",
        host="hooks.slack.example",
        format=WebhookFormat.SLACK,
        secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        events=["comment.held", "inquiry.received", "item.spam"],
    )
    db.session.add(endpoint)
    db.session.flush()
    db.session.add(
        WebhookDelivery(
            endpoint_id=endpoint.id,
            message_id="msg_2Yh7TjKqLmNoPqRsTuVwXyZaBcDe",
            event="inquiry.received",
            payload="{}",
        )
    )
    db.session.add(
        OutboxMessage(
            to_addr=LONG_ADDRESS,
            subject="Su consulta n.º 1: respuesta de la clínica sobre la infiltración",
            body_text="Estimada María Fernanda: " + "le esperamos el lunes a las nueve. " * 8,
            purpose="inquiry.answer",
        )
    )
    audit.record("comment.delete", admin, "comment", deleted.id, {"from": "pending"})
    audit.record(
        "login.failed", "stranger@clinic.example", "moderator", None, {"reason": "unknown_account"}
    )
    db.session.commit()
    return SimpleNamespace(admin=admin, secret=secret, inquiry_id=inquiry.id)


def sign_in_admin(page, base: str, admin, secret: str) -> None:
    page.goto(base + "/moderation/login")
    page.locator("#email").fill(admin.email)
    page.locator("#password").fill(KNOWN_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/moderation/login/code")
    page.locator("main input[name=code]").fill(pyotp.TOTP(secret).now())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/moderation/$"))


def too_wide(page) -> list[str]:
    """The innermost elements that reach past the window's right edge, to name in a failure."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const wide = Array.from(document.querySelectorAll('body *')).filter(
            e => e.getBoundingClientRect().right > width + 1);
          return wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 4)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
              (e.className && typeof e.className === 'string' ? '.' + e.className.trim()
                .replace(/ +/g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right));
        }"""
    )


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_every_staff_page_fits_and_passes_axe_at_phone_and_desktop_width(
    app, live_server, browser, staff_site, axe_source
):
    base = live_server.url
    app.config["ENV_NAME"] = "development"  # the mail viewer exists only there
    pages = {
        "queue": "/moderation/",
        "inquiry": f"/moderation/inquiries/{staff_site.inquiry_id}",
        "dashboard": "/moderation/dashboard",
        "audit log": "/moderation/audit",
        "account": "/moderation/account",
        "moderators": "/moderation/moderators",
        "api tokens": "/moderation/tokens",
        "blocklist": "/moderation/blocklist",
        "canned replies": "/moderation/canned-replies",
        "recently deleted": "/moderation/deleted",
        "webhooks": "/moderation/webhooks",
        "outbox": "/moderation/outbox",
    }
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(base + "/moderation/login")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            for language in LANGUAGES:
                page.set_extra_http_headers({"Accept-Language": language})
                page.goto(base + "/moderation/login")
                if overflow(page) > 0:
                    problems.append(f"login {width} {language}: {overflow(page)} px too wide")
                problems += [f"login {width} {language}: {v}" for v in violations(page, axe_source)]
        sign_in_admin(page, base, staff_site.admin, staff_site.secret)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            for language in LANGUAGES:
                page.set_extra_http_headers({"Accept-Language": language})
                for name, path in pages.items():
                    page.goto(base + path)
                    assert page.locator("html").get_attribute("lang") == language
                    page.evaluate(
                        "document.querySelectorAll('details').forEach(d => d.open = true)"
                    )
                    where = f"{name} {width} {language}"
                    if overflow(page) > 0:
                        problems.append(f"{where}: {overflow(page)} px too wide: {too_wide(page)}")
                    problems += [f"{where}: {v}" for v in violations(page, axe_source)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_phone_width_shows_no_shortcut_hints_and_readable_chart_labels(
    live_server, browser, staff_site
):
    base = live_server.url
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True)
    page = context.new_page()
    try:
        sign_in_admin(page, base, staff_site.admin, staff_site.secret)
        page.goto(base + "/moderation/")
        assert not page.locator("#shortcut-toggle").is_visible()
        assert page.locator(".shortcut-hint").first.is_hidden()
        head = page.locator(".queue-head").bounding_box()
        assert head["height"] < 80, head
        page.goto(base + "/moderation/dashboard")
        # Text drawn inside the scaled chart would shrink with it; the dates are page text.
        assert page.locator(".chart-svg text").count() == 0
        sizes = page.evaluate(
            "Array.from(document.querySelectorAll('.chart-dates span'))"
            ".map(t => parseFloat(getComputedStyle(t).fontSize))"
        )
        assert len(sizes) == 2 and min(sizes) >= 12, sizes
    finally:
        context.close()


def test_delete_asks_in_a_dialog_and_undo_brings_it_back(live_server, page, app):
    moderator = ModeratorFactory()
    comment = CommentFactory(status=CommentStatus.PENDING)
    db.session.commit()
    sign_in(page, live_server.url, moderator)
    item = page.locator(f"#comment-{comment.id}")

    item.get_by_role("button", name="Delete…").click()
    dialog = page.locator("#confirm-dialog")
    assert dialog.is_visible()
    assert f"Delete comment #{comment.id}?" in dialog.inner_text()
    dialog.get_by_role("button", name="Cancel").click()
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status is CommentStatus.PENDING

    item.get_by_role("button", name="Delete…").click()
    dialog.get_by_role("button", name="Delete").click()
    page.wait_for_selector("#undo-bar")
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status is CommentStatus.DELETED

    page.get_by_role("button", name="Undo delete").click()
    page.wait_for_selector(".flash-success")
    assert f"Restored comment #{comment.id}." in page.locator(".flashes").inner_text()
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).status is CommentStatus.PENDING


def test_delete_without_javascript_asks_on_a_page(live_server, no_js_page):
    page = no_js_page
    moderator = ModeratorFactory()
    inquiry = InquiryFactory()
    db.session.commit()
    sign_in(page, live_server.url, moderator)
    page.goto(f"{live_server.url}/moderation/inquiries/{inquiry.id}")

    page.get_by_role("button", name="Delete…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Delete inquiry #{inquiry.id}?")
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).status is InquiryStatus.RECEIVED
    page.locator("main").get_by_role("button", name="Delete").click()
    page.wait_for_selector("#undo-bar")
    db.session.expire_all()
    assert db.session.get(Inquiry, inquiry.id).status is InquiryStatus.DELETED
