"""The `carrefour` console command: Flask's CLI group over the application factory.

The configuration is checked first, so a bad variable is named at start; a file or folder that cannot be
written is said in one line (exit 1), never in a traceback. The commands themselves are in `app/commands/`
(registered by the factory) and `bench/command.py` (a plugin: the benchmark drives the whole application).
"""

from __future__ import annotations

import sys
from typing import NoReturn

import click
from flask import Flask
from flask.cli import FlaskGroup
from sqlalchemy.exc import OperationalError

from app.core.settings import ConfigError, Settings, default_database_url, load_settings
from app.core.writable import NotWritable, describe, is_read_only_failure, sqlite_file


def _create_app() -> Flask:
    from app.factory import create_app

    return create_app()


cli = FlaskGroup(
    create_app=_create_app,
    help="Carrefour: community resource directory and referral matcher.",
)


def main() -> None:
    """Console entry point: check the configuration first, so a bad variable is named at start. A file or
    folder that cannot be written is said in one line (exit 1), never in a traceback."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        click.echo(f"carrefour: configuration error: {exc}", err=True)
        sys.exit(2)
    try:
        cli.main(prog_name="carrefour")
    except NotWritable as exc:
        _stop(exc, settings)
    except OperationalError as exc:  # SQLite refused a write the checks could not foresee
        url = settings.database_url or default_database_url(settings.instance.expanduser().resolve())
        path = sqlite_file(url)
        if path is None or not is_read_only_failure(exc):
            raise
        _stop(NotWritable(NotWritable.DATABASE_FILE, path), settings)


def _stop(error: NotWritable, settings: Settings) -> NoReturn:
    from app.core.i18n import terminal_locale

    click.echo(f"carrefour: {describe(error, terminal_locale() or settings.default_locale)}", err=True)
    sys.exit(1)
