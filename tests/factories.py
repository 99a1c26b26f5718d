"""factory_boy factories, one per model; they flush and leave committing to the code under test."""

from __future__ import annotations

import factory

from service.extensions import db
from service.models import Moderator, Role

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
