"""Bringing a database to the current schema and its reference data."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

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
    with db.engine.connect() as connection, _alembic_quiet():
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads


@contextmanager
def _alembic_quiet() -> Iterator[None]:
    """Alembic says which dialect it uses each time it looks: two lines in the log for every readiness
    probe, every few seconds, on every server. Looking is not migrating: only its warnings are kept."""
    logger = logging.getLogger("alembic.runtime.migration")
    level = logger.level
    logger.setLevel(max(level, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(level)


def upgrade_database(app: Flask) -> int:
    """Run pending migrations (if any), then load the core taxonomy. Return the taxonomy rows changed.
    NotWritable, before anything is written, when the database cannot be written."""
    check_database_writable(app.config["SQLALCHEMY_DATABASE_URI"])
    with app.app_context():
        if not schema_is_current(app):
            flask_migrate.upgrade(directory=app.extensions["migrate"].directory)
        return seed_and_commit(db.session)
