"""`carrefour retention --dry-run | --apply`: what the end of retention removes (client files closed more
than CARREFOUR_CLIENT_RETENTION_DAYS ago; their referrals kept anonymous), counted or done. Run it daily."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.core.casework.clients import retention
from app.core.orm import utcnow
from app.core.writable import check_database_writable
from app.web.extensions import db


@click.command("retention")
@click.option("--dry-run", "dry_run", is_flag=True, help="Count what would be removed; change nothing.")
@click.option("--apply", "apply", is_flag=True, help="Remove it.")
@with_appcontext
def retention_command(dry_run: bool, apply: bool) -> None:
    """Delete the client files whose retention period is over (their referrals stay, anonymous)."""
    if dry_run == apply:
        click.echo(_("Say --dry-run (count only) or --apply (remove)."), err=True)
        sys.exit(2)
    days = int(current_app.config["CARREFOUR_CLIENT_RETENTION_DAYS"])
    if apply:
        check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    plan = retention(db.session, utcnow(), days, apply=apply)
    if apply:
        db.session.commit()
    else:
        db.session.rollback()
    message = (
        _(
            "Deleted: %(files)d client files closed more than %(days)d days ago; "
            "%(referrals)d referrals kept without the client.",
            files=plan.files,
            days=days,
            referrals=plan.referrals,
        )
        if apply
        else _(
            "To delete: %(files)d client files closed more than %(days)d days ago; "
            "%(referrals)d referrals would be kept without the client. Nothing was changed.",
            files=plan.files,
            days=days,
            referrals=plan.referrals,
        )
    )
    click.echo(message)
