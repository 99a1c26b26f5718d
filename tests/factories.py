"""factory_boy factories, one per model; they flush and leave committing to the code under test."""

from __future__ import annotations

import factory

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    Comment,
    CommentStatus,
    Inquiry,
    InquiryStatus,
    Moderator,
    Role,
    Thread,
    Verdict,
)
from service.web.rendering import render_markdown

KNOWN_PASSWORD = "a-long-known-password"


class BaseFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class ModeratorFactory(BaseFactory):
    class Meta:
        model = Moderator

    email = factory.Sequence(lambda n: f"moderator{n}@clinic.example")
    name = factory.Sequence(lambda n: f"Moderator {n}")
    role = Role.MODERATOR

    @factory.lazy_attribute
    def password_hash(self) -> str:
        from service.moderation.accounts import hash_password

        return hash_password(KNOWN_PASSWORD)


class ThreadFactory(BaseFactory):
    class Meta:
        model = Thread

    key = factory.Sequence(lambda n: f"articles/article-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")


class CommentFactory(BaseFactory):
    class Meta:
        model = Comment

    thread = factory.SubFactory(ThreadFactory)
    author = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = factory.Sequence(lambda n: f"A thoughtful comment, number {n}.")
    status = CommentStatus.PENDING
    verdict = Verdict.UNSURE
    score = 1.5
    reasons = factory.LazyFunction(
        lambda: [{"rule": "model", "points": 1.5, "detail": "the learned model is unsure"}]
    )
    created_at = factory.LazyFunction(utcnow)

    @factory.lazy_attribute
    def body_html(self) -> str:
        return render_markdown(self.body)


class InquiryFactory(BaseFactory):
    class Meta:
        model = Inquiry

    name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.org")
    phone = "+1 555 0100"
    topic = "appointment"
    message = factory.Sequence(lambda n: f"I would like an appointment, please ({n}).")
    consent_at = factory.LazyFunction(utcnow)
    consent_version = "test"
    status = InquiryStatus.RECEIVED
    verdict = Verdict.HAM
    score = -1.0
    reasons = factory.LazyFunction(list)
    created_at = factory.LazyFunction(utcnow)
