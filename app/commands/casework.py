"""`carrefour casework purge`: delete the client files whose retention period is over (run it daily)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.core.casework.clients import purge_closed_clients
from app.core.orm import utcnow
from app.core.writable import check_database_writable
from app.web.extensions import db


@click.group("casework")
def casework_group() -> None:
    """The caseworkers' files: delete those whose time is up."""


@casework_group.command("purge")
@with_appcontext
def purge_command() -> None:
    """Delete every client file closed more than CARREFOUR_CLIENT_RETENTION_DAYS days ago (default 365)."""
    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    days = int(current_app.config["CARREFOUR_CLIENT_RETENTION_DAYS"])
    count = purge_closed_clients(db.session, utcnow(), days)
    db.session.commit()
    click.echo(
        _("Client files deleted (closed more than %(days)d days ago): %(count)d.", days=days, count=count)
    )
