"""Flask-Migrate, bound to the app on first use rather than at start.

Flask-Migrate imports Alembic and Mako, about 11 MiB of every process, and a web worker never
migrates anything. `create_app` therefore puts a stand-in where Flask-Migrate keeps its state
(`app.extensions["migrate"]`); the first time anything reads it (a `flask db ...` command, or
`flask_migrate.upgrade()` called from a test) the stand-in imports Flask-Migrate, binds it with
our settings, and steps aside. `flask db` itself is a group whose commands are looked up in
Flask-Migrate's only when one is asked for (see `MigrationCommands`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask

from service.data.extensions import db

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "migrations"


def install_migrations(app: Flask) -> None:
    """Put the stand-in in place of Flask-Migrate's state."""
    app.extensions["migrate"] = MigrationsOnDemand(app)


def bind_migrations(app: Flask) -> Any:
    """Bind Flask-Migrate to `app` now (once); returns its state."""
    current = app.extensions.get("migrate")
    if current is not None and not isinstance(current, MigrationsOnDemand):
        return current
    from flask_migrate import Migrate

    commands = app.cli.commands.get("db")
    Migrate(render_as_batch=True, compare_type=True).init_app(
        app, db, directory=str(MIGRATIONS_DIR)
    )
    if commands is not None:  # init_app puts its own `db` group in place of ours (and `move`)
        app.cli.add_command(commands)
    return app.extensions["migrate"]


class MigrationsOnDemand:
    """Stands where Flask-Migrate keeps its state until the first attribute is read."""

    def __init__(self, app: Flask) -> None:
        self._app = app

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(bind_migrations(self._app), name)


class MigrationCommands(click.Group):
    """`flask db ...`: Flask-Migrate's group (and our commands added to it), imported when it
    is run. `flask --help` lists this stand-in without importing anything; running `flask db`
    parses and runs with Flask-Migrate's own group, its options (-d, -x) included."""

    def __init__(self, extra: list[click.Command]) -> None:
        super().__init__("db", help="Perform database migrations.")
        self._extra = extra

    def _migrate_group(self) -> click.Group:
        from flask_migrate.cli import db as migrate_group

        for command in self._extra:
            if command.name not in migrate_group.commands:
                migrate_group.add_command(command)
        return migrate_group

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        return self._migrate_group().make_context(info_name, args, parent, **extra)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._migrate_group().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._migrate_group().get_command(ctx, name)
