"""Shared fixtures: every functional test runs on SQLite and on PostgreSQL.

The schema is created once per test process and backend; after each test every table is
emptied, so tests see only their own rows. PostgreSQL runs get a schema of their own, so
parallel runs (xdist workers, two developers, CI) never see each other's rows.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import g

from config import TestingConfig
from service import create_app
from service.data.extensions import db
from tests.postgres_schemas import POSTGRES_SERVER, create_schema
from tests.postgres_schemas import drop_schema as drop_postgres_schema

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
# Run from REPO: gunicorn from this virtualenv, as `make serve` starts the service.
GUNICORN = (
    str(Path(sys.executable).with_name("gunicorn")),
    "--config",
    "gunicorn.conf.py",
    "wsgi:app",
)


def need(condition: bool, reason: str) -> None:
    """Skip when something outside the repo is missing, except in CI where that is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI requires it: {reason}")
    pytest.skip(reason)


def postgres_available() -> bool:
    try:
        engine = sa.create_engine(POSTGRES_SERVER)
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
        engine.dispose()
        return True
    except sa.exc.OperationalError:
        return False


def new_postgres_schema() -> tuple[str, str]:
    """Create an empty schema of our own and return (url using it, schema name)."""
    worker = re.sub(r"\W", "", os.environ.get("PYTEST_XDIST_WORKER", "m"))
    return create_schema(f"t_{worker}_")


@contextlib.contextmanager
def empty_database(backend: str, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    """A database with no schema at all, for migration tests: (url, PostgreSQL schema or None).
    The PostgreSQL schema is dropped afterwards."""
    schema = None
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path}/empty.sqlite3"
    else:
        need(postgres_available(), "PostgreSQL is not reachable")
        url, schema = new_postgres_schema()
    try:
        yield url, schema
    finally:
        if schema:
            drop_postgres_schema(schema)


def settings_for(database_url: str, **overrides: object) -> TestingConfig:
    settings = TestingConfig()
    settings.SQLALCHEMY_DATABASE_URI = database_url
    for name, value in overrides.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database with the whole schema, created once per test process and backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        schema = None
    else:
        need(postgres_available(), f"PostgreSQL is not reachable at {POSTGRES_SERVER}")
        url, schema = new_postgres_schema()
    app = create_app(settings_for(url))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url
    if schema:
        drop_postgres_schema(schema)


def empty_all_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


def _fresh_g() -> None:
    vars(g).clear()


@pytest.fixture
def make_app(database_url: str):
    """Build an app on the test database with some settings changed."""
    apps = []

    def build(**overrides: object):
        app = create_app(settings_for(database_url, **overrides))
        # Tests hold an app context open, so every request of every test client shares one `g`,
        # where Flask-WTF caches the CSRF token and Flask-Login the user of whoever asked first.
        # Real requests each get a fresh `g`; empty it so two clients behave like two browsers.
        app.before_request_funcs.setdefault(None, []).insert(0, _fresh_g)
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app
        db.session.rollback()
        empty_all_tables()
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def moderator(app):
    from tests.factories import ModeratorFactory

    moderator = ModeratorFactory()
    db.session.commit()
    return moderator


def sign_in(client, email: str, password: str, **request_options: object):
    """Sign in through the real login form (CSRF token read from the page); the response."""
    from tests.pages import hidden_inputs

    page = client.get("/moderation/login", **request_options)
    form = hidden_inputs(page.get_data(as_text=True))
    return client.post(
        "/moderation/login",
        data={**form, "email": email, "password": password},
        **request_options,
    )


@pytest.fixture
def moderator_client(app, moderator):
    """A test client with the `moderator` signed in through the login form."""
    from tests.factories import KNOWN_PASSWORD

    client = app.test_client()
    response = sign_in(client, moderator.email, KNOWN_PASSWORD)
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


@pytest.fixture
def admin(app):
    """An admin who has set up two-factor sign-in."""
    import pyotp

    from service.data.models import Role
    from tests.factories import ModeratorFactory

    admin = ModeratorFactory(role=Role.ADMIN, totp_secret=pyotp.random_base32())
    db.session.commit()
    return admin


@pytest.fixture
def admin_client(app, admin):
    """A test client with the `admin` signed in: password first, then the two-factor code."""
    import pyotp

    from tests.factories import KNOWN_PASSWORD
    from tests.pages import post_form

    client = app.test_client()
    sign_in(client, admin.email, KNOWN_PASSWORD)
    response = post_form(
        client,
        "/moderation/login/code",
        "/moderation/login/code",
        {"code": pyotp.TOTP(admin.totp_secret).now()},
    )
    assert response.status_code == 303
    return client
