"""`carrefour backup OUT` and `carrefour restore IN`: the whole database to one file and back
(app/core/backup.py); after a restore the search index is rebuilt from the restored directory."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.core.backup import BackupError, backup, restore
from app.core.writable import check_database_writable
from app.web.extensions import db


@click.command("backup")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@with_appcontext
def backup_command(out: Path) -> None:
    """Write the whole database to OUT (the data key is not in it: keep that apart)."""
    try:
        backup(current_app.config["SQLALCHEMY_DATABASE_URI"], out)
    except BackupError as error:
        click.echo(_("carrefour: the backup failed: %(reason)s", reason=str(error)), err=True)
        sys.exit(1)
    click.echo(_("Database written to %(out)s. Keep the data key apart from it.", out=str(out)))


@click.command("restore")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--yes", is_flag=True, help="Replace the database without asking.")
@with_appcontext
def restore_command(source: Path, yes: bool) -> None:
    """Replace the whole database with the backup SOURCE, then rebuild the search index."""
    from app.web.search import search_service
    from indexer.sync import rebuild

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    check_database_writable(url)
    if not yes and not click.confirm(
        _("Replace everything in the database with %(file)s?", file=str(source))
    ):
        sys.exit(1)
    db.session.remove()
    db.engine.dispose()  # no connection of this process holds the database while it is replaced
    try:
        restore(url, source)
    except BackupError as error:
        click.echo(_("carrefour: the restore failed: %(reason)s", reason=str(error)), err=True)
        sys.exit(1)
    documents = 0
    for engine in search_service().engines:
        documents = rebuild(db.session, engine)
    db.session.commit()
    click.echo(
        _(
            "Database restored from %(file)s; search index rebuilt (%(num)d documents).",
            file=str(source),
            num=documents,
        )
    )
