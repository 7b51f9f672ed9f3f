"""`carrefour demo` (the demo directory, loaded once and served) and `carrefour serve` (production)."""

from __future__ import annotations

import contextvars

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.commands.database import prepare_database
from app.commands.index import ensure_index
from app.web.extensions import db


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Prepare the demo directory and exit.")
@with_appcontext
def demo_command(host: str, port: int, no_serve: bool) -> None:
    """Create the instance, load the Montréal demo directory (once) and serve it."""
    from app.demo.load import load_demo
    from app.web.logs import configure_logging

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    prepare_database(app)
    report = load_demo(db.session)
    db.session.commit()
    if report is None:
        click.echo(_("Demo directory already loaded."))
    else:
        click.echo(_("Demo directory loaded: %(num)d services.", num=report.count("service", "created")))
    ensure_index()
    if no_serve:
        return
    configure_logging(app, "text")  # a line a request in the terminal (CARREFOUR_LOG_FORMAT=json for JSON)
    click.echo(_("Serving Carrefour at http://%(host)s:%(port)d/ (Ctrl+C to stop)", host=host, port=port))
    # A real WSGI server (Flask's development server refuses to start from inside a CLI command).
    from waitress import serve

    serve(app, host=host, port=port, threads=8, ident="carrefour")


@click.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="Address and port to listen on.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core).",
)
@with_appcontext
def serve_command(bind: str, workers: int | None) -> None:
    """Serve the directory in production (gunicorn worker processes), with the configured database and
    search engines; the index is built or brought up to date first."""
    from app.web.logs import configure_logging
    from app.web.production import default_workers, serve

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    prepare_database(app)  # Alembic's logging file sets up its own handler when migrations run: after it
    configure_logging(app, "json")  # one JSON object a line, for a log collector (CARREFOUR_LOG_FORMAT)
    ensure_index()
    db.session.remove()
    for warning in shared_key_warnings(app):
        click.echo(warning, err=True)
    count = workers or default_workers()
    click.echo(_("Serving on http://%(bind)s with %(num)d worker processes.", bind=bind, num=count))
    # Outside this command's application context: a request reuses an application context it finds
    # active, so forked workers would share one `g` (and its CSRF token) across every request.
    contextvars.Context().run(serve, app, bind, count)


def shared_key_warnings(app: Flask) -> list[str]:
    """Over PostgreSQL other servers may share the database: keys generated into this server's instance
    are this server's alone, so its sessions and links fail on the others, and the client files it
    encrypts can be read by no other server."""
    if db.engine.dialect.name != "postgresql":
        return []
    warnings = []
    if app.config["CARREFOUR_SECRET_KEY_FROM"] == "instance":
        warnings.append(
            _(
                "Warning: CARREFOUR_SECRET_KEY is not set: this server signs sessions and links with a key "
                "of its own instance. Set the same key on every server of this database."
            )
        )
    if app.config["CARREFOUR_DATA_KEY_FROM"] == "instance":
        warnings.append(
            _(
                "Warning: CARREFOUR_DATA_KEY is not set: this server encrypts client files with a key of its "
                "own instance, which no other server can read. Set the same key on every server of this "
                "database (carrefour keys new)."
            )
        )
    return warnings
