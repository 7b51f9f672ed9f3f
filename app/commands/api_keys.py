"""`carrefour api-keys create|list|revoke`: keys for the HSDS API's higher rate limits (app/core/api_keys.py).
A key is printed once, when it is made; only its SHA-256 is kept."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.core.api_keys import DEFAULT_KEY_LIMIT, ApiKeyError, create_key, keys, revoke_key
from app.core.writable import check_database_writable
from app.web.extensions import db


@click.group("api-keys")
def api_keys_group() -> None:
    """Keys for the HSDS API: make one for a partner, list them, revoke one."""


@api_keys_group.command("create")
@click.argument("name")
@click.option("--limit", "rate_limit", default=DEFAULT_KEY_LIMIT, show_default=True, help="Requests allowed.")
@with_appcontext
def create_command(name: str, rate_limit: str) -> None:
    """Make a key for NAME (who it is for) and print it, once."""
    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        made = create_key(db.session, name, rate_limit)
    except ApiKeyError as error:
        if str(error) == "name":
            click.echo(_("NAME: say who the key is for."), err=True)
        else:
            click.echo(_("--limit: not a rate such as 20000/minute."), err=True)
        sys.exit(2)
    db.session.commit()
    click.echo(made.secret)
    click.echo(
        _(
            "Key %(id)d for %(name)s (%(limit)s). It is shown only now: send it in the X-API-Key header.",
            id=made.key.id,
            name=made.key.name,
            limit=made.key.rate_limit,
        ),
        err=True,
    )


@api_keys_group.command("list")
@with_appcontext
def list_command() -> None:
    """Every key: its number, the start of the key, who it is for, its limit, last use, revoked or not."""
    for key in keys(db.session):
        state = _("revoked") if key.revoked_at else _("active")
        used = key.last_used_at.strftime("%Y-%m-%d %H:%M") if key.last_used_at else "-"
        click.echo(f"{key.id}\t{key.prefix}…\t{key.name}\t{key.rate_limit}\t{used}\t{state}")


@api_keys_group.command("revoke")
@click.argument("key_id", type=int)
@with_appcontext
def revoke_command(key_id: int) -> None:
    """Revoke key KEY_ID (the number `list` shows): it counts as its address from now on."""
    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if not revoke_key(db.session, key_id):
        click.echo(_("KEY_ID: no active key has the number %(id)d.", id=key_id), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(_("Key %(id)d revoked.", id=key_id))
