"""The CLI: moderators, tokens, recovery, demo data and queue stats; bad input gets one line."""

import json

import pytest

from service.data.extensions import db
from service.data.models import ApiToken, AuditEvent, Moderator, Role
from service.moderation.accounts import moderator_for_token, verify_password


def test_create_moderator_reads_the_password_from_stdin(runner):
    result = runner.invoke(
        args=[
            "moderators",
            "create",
            "Staff@Clinic.example",
            "--role",
            "admin",
            "--password-stdin",
        ],
        input="a-very-good-password\n",
    )
    assert result.exit_code == 0, result.output
    moderator = db.session.scalar(db.select(Moderator))
    assert moderator.email == "staff@clinic.example"
    assert moderator.role is Role.ADMIN
    assert moderator.password_hash.startswith("$argon2id$")
    assert verify_password(moderator, "a-very-good-password")
    assert not verify_password(moderator, "wrong-password-here")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ["moderators", "create", "x@clinic.example", "--role", "boss", "--password-stdin"],
            "a-very-good-password\n",
            "'boss' is not one of",
        ),
        (
            ["moderators", "create", "not-an-email", "--password-stdin"],
            "a-very-good-password\n",
            "is not an email address",
        ),
        (
            ["moderators", "create", "x@clinic.example", "--password-stdin"],
            "short\n",
            "at least 12 characters",
        ),
        (["moderators", "token", "nobody@clinic.example"], "", "No moderator account"),
        (
            ["moderators", "reset", "nobody@clinic.example", "--password-stdin"],
            "a-very-good-password\n",
            "No moderator account",
        ),
    ],
)
def test_bad_cli_input_gets_a_one_line_error(runner, args, stdin, message):
    result = runner.invoke(args=args, input=stdin)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_creating_the_same_moderator_twice_is_refused(runner, moderator):
    result = runner.invoke(
        args=["moderators", "create", moderator.email, "--password-stdin"],
        input="a-very-good-password\n",
    )
    assert result.exit_code == 1
    assert "already exists" in result.output


def test_token_is_printed_once_and_only_its_hash_is_stored(runner, moderator):
    result = runner.invoke(args=["moderators", "token", moderator.email, "--expires", "7"])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    stored = db.session.scalar(db.select(ApiToken))
    assert token not in stored.token_hash
    assert moderator_for_token(token).id == moderator.id
    assert moderator_for_token(token + "x") is None
    assert 6 <= (stored.expires_at - stored.created_at).days <= 7


def test_token_of_a_deactivated_moderator_is_refused(runner, moderator):
    token = runner.invoke(args=["moderators", "token", moderator.email]).output.strip()
    moderator.active = False
    db.session.commit()
    assert moderator_for_token(token) is None


def test_reset_sets_a_new_password_removes_2fa_and_ends_sessions(runner, moderator):
    moderator.totp_secret = "JBSWY3DPEHPK3PXP"
    db.session.commit()
    version = moderator.session_version
    result = runner.invoke(
        args=["moderators", "reset", moderator.email, "--password-stdin", "--reset-2fa"],
        input="another-good-password\n",
    )
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    moderator = db.session.get(Moderator, moderator.id)
    assert verify_password(moderator, "another-good-password")
    assert moderator.totp_secret is None
    assert moderator.session_version == version + 1
    assert (
        db.session.scalar(
            db.select(AuditEvent.action).where(AuditEvent.action == "moderator.reset")
        )
        == "moderator.reset"
    )


def test_demo_load_is_idempotent_and_queue_stats_counts_it(runner):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "Demo moderator login:" in first.output
    second = runner.invoke(args=["demo", "load"])
    assert "0 comments added" in second.output
    stats = runner.invoke(args=["queue", "stats"])
    assert json.loads(stats.output) == {
        "comment": {"approved": 3, "pending": 1},
        "inquiry": {"received": 3},
    }


def test_demo_load_is_refused_in_production(make_app):
    app = make_app(ENV_NAME="production")
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 1
    assert "refused in production" in result.output


def test_queue_stats_on_a_missing_database_is_one_line(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/nowhere/db.sqlite3")
    result = app.test_cli_runner().invoke(args=["queue", "stats"])
    assert result.exit_code == 1
    assert "Cannot use the database" in result.output
    assert "Traceback" not in result.output


def test_every_command_has_help(runner):
    for group, commands in {
        "moderators": ["create", "token", "reset"],
        "queue": ["stats"],
        "demo": ["load"],
        "db": ["upgrade"],
    }.items():
        for command in commands:
            result = runner.invoke(args=[group, command, "--help"])
            assert result.exit_code == 0
            assert "Usage:" in result.output
