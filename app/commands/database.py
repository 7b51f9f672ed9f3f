"""The database commands: `db` (Flask-Migrate's, whose upgrade also loads the core taxonomy) and `seed`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_migrate.cli import db as migrate_group

from app.core.writable import check_database_writable
from app.web.extensions import db


def db_group() -> click.Group:
    """Flask-Migrate's `db` group, whose `upgrade` also loads the core taxonomy afterwards."""
    group = click.Group(
        name="db",
        commands=dict(migrate_group.commands),
        callback=migrate_group.callback,
        params=list(migrate_group.params),
        help=migrate_group.help,
    )
    original = migrate_group.commands["upgrade"]

    @click.pass_context
    def upgrade(ctx: click.Context, **kwargs: object) -> None:
        if not kwargs.get("sql"):
            check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
        ctx.invoke(original, **kwargs)
        if not kwargs.get("sql"):
            from app.core.taxonomy import seed_and_commit

            changed = seed_and_commit(db.session)
            click.echo(_("Core taxonomy loaded (%(num)d rows changed).", num=changed))

    group.add_command(
        click.Command("upgrade", callback=upgrade, params=list(original.params), help=original.help),
        "upgrade",
    )
    return group


def prepare_database(app: Flask) -> None:
    """Migrate and seed before a command that needs the directory (import, demo)."""
    from app.web.database import upgrade_database

    upgrade_database(app)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load or refresh the core taxonomy (also done by `db upgrade`)."""
    from app.core.taxonomy import seed_and_commit

    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    changed = seed_and_commit(db.session)
    click.echo(_("Core taxonomy loaded (%(num)d rows changed).", num=changed))
