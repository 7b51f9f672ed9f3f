"""Bringing a database to the current schema and its reference data."""

from __future__ import annotations

import flask_migrate
from flask import Flask
from sqlalchemy import inspect

from app.core_taxonomy import seed_core_taxonomy
from app.extensions import db


def upgrade_database(app: Flask) -> int:
    """Run every pending migration, then load the core taxonomy. Return the taxonomy rows changed."""
    with app.app_context():
        flask_migrate.upgrade(directory=app.extensions["migrate"].directory)
        changed = seed_core_taxonomy(db.session)
        db.session.commit()
        return changed


def database_is_current(app: Flask) -> bool:
    """True when the schema exists (used to decide whether a command must migrate first)."""
    with app.app_context():
        return inspect(db.engine).has_table("alembic_version")
