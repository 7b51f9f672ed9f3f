"""`carrefour keys new|rotate`: the data key that encrypts personal data at rest (app/core/data_keys.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.core import crypto
from app.core.data_keys import rotate_stored_values, write_instance_data_key
from app.core.writable import check_database_writable
from app.web.extensions import db


@click.group("keys")
def keys_group() -> None:
    """The data key: print a new one, or re-encrypt every stored value with a new one."""


@keys_group.command("new")
def new_command() -> None:
    """Print a new data key (for CARREFOUR_DATA_KEY)."""
    click.echo(crypto.new_key())


@keys_group.command("rotate")
@with_appcontext
def rotate_command() -> None:
    """Re-encrypt every stored personal value with a new key.

    With CARREFOUR_DATA_KEY set: put a new key first (carrefour keys new), keep the old ones after it, run
    this, then drop the old ones. Without it: the instance's key file gets a new key, and the old one is
    dropped once every value is re-encrypted."""
    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    ring = current_app.config["CARREFOUR_DATA_KEY"]
    from_instance = current_app.config["CARREFOUR_DATA_KEY_FROM"] == "instance"
    folder = Path(current_app.config["CARREFOUR_INSTANCE"])
    if from_instance:
        ring = f"{crypto.new_key()},{ring}"
        write_instance_data_key(folder, ring)  # first, so a crash midway still reads old and new values
    elif len([key for key in ring.split(",") if key.strip()]) < 2:
        click.echo(
            _(
                "CARREFOUR_DATA_KEY holds one key: put a new key first (carrefour keys new prints one) "
                "and the current one after it, separated by a comma, then run this again."
            ),
            err=True,
        )
        sys.exit(2)
    crypto.install_keys(ring)
    try:
        rotated = rotate_stored_values(db.session)
        db.session.commit()
    except crypto.DataKeyError:
        db.session.rollback()
        click.echo(_("A stored value cannot be read with these keys: nothing was changed."), err=True)
        sys.exit(1)
    total = sum(column.values for column in rotated)
    if from_instance:
        newest = ring.split(",")[0]
        write_instance_data_key(folder, newest)
        crypto.install_keys(newest)
        click.echo(_("Values re-encrypted with a new key: %(count)d. The old key was removed.", count=total))
    else:
        click.echo(
            _(
                "Values re-encrypted with the first key of CARREFOUR_DATA_KEY: %(count)d. "
                "The keys after it can now be removed.",
                count=total,
            )
        )
