"""Demo data for a first look: an article thread with comments, inquiries, a moderator and an
administrator whose two-factor codes `demo totp` prints (never in production)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from service.comments.threadkeys import DEMO_THREAD_KEY
from service.contact.services import consent_version
from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import (
    CannedReply,
    Comment,
    CommentStatus,
    Inquiry,
    InquiryStatus,
    Moderator,
    Role,
    Thread,
    Verdict,
)
from service.moderation.accounts import hash_password
from service.moderation.twofactor import new_secret
from service.spam.triage import is_urgent
from service.submissions.filtering import ensure_model_state
from service.web.rendering import render_markdown

DEMO_THREAD_TITLE = "Trigger point injections: what to expect"
DEMO_MODERATOR_EMAIL = "demo@clinic-desk.example"
DEMO_MODERATOR_PASSWORD = "demo-moderator-2026"  # noqa: S105 - printed for the local demo only
DEMO_ADMIN_EMAIL = "demo-admin@clinic-desk.example"
DEMO_ADMIN_PASSWORD = "demo-admin-2026"  # noqa: S105 - printed for the local demo only

DEMO_COMMENTS = [
    (
        "Maria",
        "Thank you for this article. I had my first injection last week and the "
        "soreness was gone after **two days**, just as you describe.",
        None,
        CommentStatus.APPROVED,
    ),
    (
        "Tom",
        "Is it normal to feel a bit dizzy right after the injection? It passed within ten minutes.",
        None,
        CommentStatus.APPROVED,
    ),
    (
        "Dr. Lin (clinic staff)",
        "Tom, a short spell of light-headedness can happen and usually "
        "passes quickly. If it lasts, please call us.",
        1,
        CommentStatus.APPROVED,
    ),
    (
        "Priya",
        "How many sessions do people usually need before they notice a change?",
        None,
        CommentStatus.PENDING,
    ),
]

DEMO_INQUIRIES = [
    (
        "Ada Patient",
        "ada@example.org",
        "appointment",
        "I would like an appointment next week for my shoulder pain.",
    ),
    (
        "Luis Ortega",
        "luis@example.org",
        "treatment",
        "¿Las inyecciones en puntos gatillo son dolorosas? Tengo miedo a las agujas.",
    ),
    # Urgent triage marks this one (docs/moderation.md, "Urgent inquiries"): it comes first in
    # the queue with its badge.
    (
        "Marta Vidal",
        "marta@example.org",
        "other",
        "My father has had chest pain since this morning and his left arm feels weak. "
        "Should we come in today?",
    ),
]


# Ready-made answers staff can start from on an inquiry's page (docs/moderation.md).
DEMO_CANNED_REPLIES = (
    (
        "en",
        "Please call to book",
        "Dear {first_name},\n\nthank you for your message (inquiry #{inquiry_id}). Please call "
        "us so that we can find an appointment that suits you.\n\nKind regards,\n{clinic}",
    ),
    (
        "es",
        "Llame para pedir cita",
        "Estimado/a {first_name}:\n\ngracias por su mensaje (consulta n.º {inquiry_id}). "
        "Llámenos y buscaremos una cita que le convenga.\n\nUn saludo,\n{clinic}",
    ),
)


def _add_moderator_once(
    email: str, name: str, role: Role, password: str, two_factor: bool = False
) -> int:
    """Add the moderator unless one has `email` already; returns how many were added."""
    if db.session.scalar(sa.select(Moderator).where(Moderator.email == email)) is not None:
        return 0
    moderator = Moderator(email=email, name=name, role=role, password_hash=hash_password(password))
    if two_factor:
        moderator.totp_secret = new_secret()
    db.session.add(moderator)
    return 1


def load_demo() -> dict[str, int]:
    """Create the demo data once; running it again changes nothing. Returns what it added."""
    added = {"moderators": 0, "comments": 0, "inquiries": 0}
    ensure_model_state()
    with transaction():
        added["moderators"] += _add_moderator_once(
            DEMO_MODERATOR_EMAIL, "Demo Moderator", Role.MODERATOR, DEMO_MODERATOR_PASSWORD
        )
        # Administrators sign in with a second step; the demo's secret is on the server so
        # that `demo totp` can print the current code for a newcomer without an app.
        added["moderators"] += _add_moderator_once(
            DEMO_ADMIN_EMAIL, "Demo Administrator", Role.ADMIN, DEMO_ADMIN_PASSWORD, two_factor=True
        )
        thread = db.session.scalar(sa.select(Thread).where(Thread.key == DEMO_THREAD_KEY))
        if thread is None:
            thread = Thread(key=DEMO_THREAD_KEY, title=DEMO_THREAD_TITLE)
            db.session.add(thread)
            db.session.flush()
            start = utcnow() - dt.timedelta(days=3)
            created: list[Comment] = []
            for index, (author, body, parent, status) in enumerate(DEMO_COMMENTS):
                comment = Comment(
                    thread_id=thread.id,
                    parent_id=created[parent].id if parent is not None else None,
                    author=author,
                    body=body,
                    body_html=render_markdown(body),
                    status=status,
                    verdict=Verdict.HAM,
                    is_staff=author.endswith("(clinic staff)"),
                    created_at=start + dt.timedelta(hours=5 * index),
                )
                db.session.add(comment)
                db.session.flush()
                created.append(comment)
            added["comments"] = len(created)
        if db.session.scalar(sa.select(sa.func.count(Inquiry.id))) == 0:
            for name, email, topic, message in DEMO_INQUIRIES:
                db.session.add(
                    Inquiry(
                        name=name,
                        email=email,
                        topic=topic,
                        message=message,
                        consent_at=utcnow(),
                        consent_version=consent_version("demo"),
                        status=InquiryStatus.RECEIVED,
                        verdict=Verdict.HAM,
                        urgent=is_urgent(message),
                    )
                )
            added["inquiries"] = len(DEMO_INQUIRIES)
        if db.session.scalar(sa.select(sa.func.count(CannedReply.id))) == 0:
            for language, title, body in DEMO_CANNED_REPLIES:
                db.session.add(CannedReply(language=language, title=title, body=body))
    return added


class NoDemoAdmin(LookupError):
    """`demo load` has not created the demo administrator (yet)."""


def demo_admin_code() -> tuple[str, int]:
    """The demo administrator's current two-factor code and the seconds it stays valid.
    Raises NoDemoAdmin."""
    import time

    import pyotp

    admin = db.session.scalar(sa.select(Moderator).where(Moderator.email == DEMO_ADMIN_EMAIL))
    if admin is None or not admin.totp_secret:
        raise NoDemoAdmin("There is no demo administrator; run `flask --app wsgi demo load`.")
    totp = pyotp.TOTP(admin.totp_secret)
    return totp.now(), int(totp.interval - time.time() % totp.interval)
