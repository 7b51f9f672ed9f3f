"""Bringing a database to the current schema and its reference data."""

from __future__ import annotations

import flask_migrate
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask

from app.core.taxonomy import seed_and_commit
from app.core.writable import check_database_writable
from app.web.extensions import db


def schema_is_current(app: Flask) -> bool:
    """True when every migration has run on the configured database."""
    config = app.extensions["migrate"].migrate.get_config()
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads


def upgrade_database(app: Flask) -> int:
    """Run pending migrations (if any), then load the core taxonomy. Return the taxonomy rows changed.
    NotWritable, before anything is written, when the database cannot be written."""
    check_database_writable(app.config["SQLALCHEMY_DATABASE_URI"])
    with app.app_context():
        if not schema_is_current(app):
            flask_migrate.upgrade(directory=app.extensions["migrate"].directory)
        return seed_and_commit(db.session)
