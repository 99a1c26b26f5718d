"""Command-line tools: `flask --app wsgi <group> <command>`; every one has `--help`."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from service.errors import DomainError

moderators_cli = AppGroup("moderators", help="Create moderator logins, API tokens, recovery.")
queue_cli = AppGroup("queue", help="Look at the moderation queue.")
demo_cli = AppGroup("demo", help="Demo data for a local first look.")


def friendly_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into a one-line error and a non-zero exit, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        except (OperationalError, ProgrammingError) as error:
            raise click.ClickException(
                "Cannot use the database ("
                + type(error.orig).__name__
                + "). Check DATABASE_URL and run `flask --app wsgi db upgrade`."
            ) from None
        except SQLAlchemyError as error:
            raise click.ClickException(f"Database error: {type(error).__name__}.") from None

    return wrapper


def _read_password(password_stdin: bool, confirm: bool = True) -> str:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise click.ClickException("No password on standard input.")
        return password
    return click.prompt("Password", hide_input=True, confirmation_prompt=confirm)


@moderators_cli.command("create")
@click.argument("email")
@click.option(
    "--role",
    default="moderator",
    show_default=True,
    type=click.Choice(["admin", "moderator"]),
    help="What the account may do.",
)
@click.option("--name", default="", help="The name shown to other staff.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@friendly_errors
def create_moderator_command(email: str, role: str, name: str, password_stdin: bool) -> None:
    """Create a moderator login for EMAIL; asks for the password."""
    from service.moderation.accounts import create_moderator, normalize_email

    normalize_email(email)  # refuse a bad address before asking for a password
    moderator = create_moderator(email, _read_password(password_stdin), role, name)
    click.echo(f"Created {moderator.role.value} {moderator.email}.")


@moderators_cli.command("token")
@click.argument("email")
@click.option(
    "--expires",
    default=90,
    show_default=True,
    type=click.IntRange(1, 3650),
    help="Days until the token stops working.",
)
@click.option("--label", default="", help="A note on what the token is for.")
@friendly_errors
def token_command(email: str, expires: int, label: str) -> None:
    """Print a new API token for EMAIL (only its hash is stored)."""
    from service.moderation.accounts import issue_api_token

    click.echo(issue_api_token(email, expires, label))


@moderators_cli.command("reset")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@click.option("--reset-2fa", is_flag=True, help="Remove two-factor so it can be enrolled again.")
@click.option("--keep-password", is_flag=True, help="Only reactivate / reset two-factor.")
@friendly_errors
def reset_command(email: str, password_stdin: bool, reset_2fa: bool, keep_password: bool) -> None:
    """Recover a locked-out moderator: new password, optional 2FA reset; ends all sessions."""
    from service.moderation.accounts import get_moderator, reset_moderator

    get_moderator(email)
    password = None if keep_password else _read_password(password_stdin)
    moderator = reset_moderator(email, password, reset_2fa)
    click.echo(f"Reset {moderator.email}; every session of this account has ended.")


@queue_cli.command("stats")
@friendly_errors
def stats_command() -> None:
    """Print counts by kind and status as one JSON object."""
    from service.moderation.queue import queue_counts

    click.echo(json.dumps(queue_counts(), sort_keys=True))


@demo_cli.command("load")
@friendly_errors
def demo_load_command() -> None:
    """Load the demo data (idempotent); refused in production."""
    from service.demo import DEMO_MODERATOR_EMAIL, DEMO_MODERATOR_PASSWORD, load_demo

    if current_app.config.get("ENV_NAME") == "production":
        raise click.ClickException("Demo data is refused in production (APP_ENV=production).")
    added = load_demo()
    click.echo(
        "Demo data ready ("
        + ", ".join(f"{count} {what} added" for what, count in added.items())
        + ")."
    )
    click.echo(f"Demo moderator login: {DEMO_MODERATOR_EMAIL} / {DEMO_MODERATOR_PASSWORD}")


def register(app: Flask) -> None:
    for group in (moderators_cli, queue_cli, demo_cli):
        app.cli.add_command(group)
