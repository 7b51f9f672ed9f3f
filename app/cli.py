"""The `carrefour` command: Flask's CLI group plus the directory's own commands.

Commands stay thin: they parse options, call a domain function with a session, commit at the edge and
print what happened.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app, g
from flask.cli import FlaskGroup, with_appcontext
from flask_babel import gettext as _
from flask_migrate.cli import db as migrate_group

from app.config import ConfigError, load_settings
from app.extensions import db


def _create_app() -> Flask:
    from app import create_app

    return create_app()


cli = FlaskGroup(
    create_app=_create_app,
    help="Carrefour: community resource directory and referral matcher.",
)


def main() -> None:
    """Console entry point: check the configuration first, so a bad variable is named at start."""
    try:
        load_settings()
    except ConfigError as exc:
        click.echo(f"carrefour: configuration error: {exc}", err=True)
        sys.exit(2)
    cli.main(prog_name="carrefour")


def register(app: Flask) -> None:
    app.cli.add_command(_db_group(), "db")
    for command in (import_command, export_command, demo_command, seed_command):
        app.cli.add_command(command)


def _db_group() -> click.Group:
    """Flask-Migrate's `db` group, whose `upgrade` also loads the core taxonomy afterwards."""
    group = click.Group(
        name="db",
        commands=dict(migrate_group.commands),
        callback=migrate_group.callback,
        params=list(migrate_group.params),
        help=migrate_group.help,
    )
    original = migrate_group.commands["upgrade"]

    @click.pass_context
    def upgrade(ctx: click.Context, **kwargs: object) -> None:
        ctx.invoke(original, **kwargs)
        if not kwargs.get("sql"):
            from app.core_taxonomy import seed_core_taxonomy

            changed = seed_core_taxonomy(db.session)
            db.session.commit()
            click.echo(_("Core taxonomy loaded (%(num)d rows changed).", num=changed))

    group.add_command(
        click.Command("upgrade", callback=upgrade, params=list(original.params), help=original.help),
        "upgrade",
    )
    return group


def _prepare(app: Flask) -> None:
    """Migrate and seed before a command that needs the directory (import, demo)."""
    from app.database import upgrade_database

    upgrade_database(app)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load or refresh the core taxonomy (also done by `db upgrade`)."""
    from app.core_taxonomy import seed_core_taxonomy

    changed = seed_core_taxonomy(db.session)
    db.session.commit()
    click.echo(_("Core taxonomy loaded (%(num)d rows changed).", num=changed))


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["hsds3"]),
    default="hsds3",
    show_default=True,
    help="Format of the files.",
)
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Language of the text columns (detected from the text when absent).",
)
@click.option("--source", default=None, help="Name of the source (default: the file or folder name).")
@with_appcontext
def import_command(path: Path, fmt: str, lang: str | None, source: str | None) -> None:
    """Import a directory from PATH (HSDS 3.0 CSV datapackage folder or .zip, or a JSON list of services)."""
    from importers.errors import FatalImportError
    from importers.report import render_report
    from importers.run import run_import

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    _prepare(app)
    try:
        report = run_import(db.session, path, fmt=fmt, lang=lang, source=source)
    except FatalImportError as exc:
        db.session.rollback()
        click.echo(_("Import failed, nothing was changed: %(error)s", error=exc.render()), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(render_report(report))


@click.command("export")
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["hsds3", "hsds3-json"]),
    default="hsds3",
    show_default=True,
    help="hsds3: CSV datapackage folder (or .zip); hsds3-json: JSON list of services.",
)
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Language of the text (default: each row in the language it was written in).",
)
@click.option("--bilingual", is_flag=True, help="Also write <field>_fr and <field>_en columns (CSV only).")
@with_appcontext
def export_command(out: Path, fmt: str, lang: str | None, bilingual: bool) -> None:
    """Export the directory as HSDS 3.0."""
    from importers.hsds3.export import export_csv_package, export_json_services

    if fmt == "hsds3":
        counts = export_csv_package(db.session, out, lang=lang, bilingual=bilingual)
        click.echo(
            _(
                "Exported %(rows)d rows in %(files)d files to %(out)s.",
                rows=sum(counts.values()),
                files=len(counts),
                out=str(out),
            )
        )
    else:
        total = export_json_services(db.session, out, lang=lang)
        click.echo(_("Exported %(num)d services to %(out)s.", num=total, out=str(out)))


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Prepare the demo directory and exit.")
@with_appcontext
def demo_command(host: str, port: int, no_serve: bool) -> None:
    """Create the instance, load the Montréal demo directory (once) and serve it."""
    from app.demo.load import load_demo

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    _prepare(app)
    g.locale = app.config["CARREFOUR_DEFAULT_LOCALE"]
    report = load_demo(db.session)
    db.session.commit()
    if report is None:
        click.echo(_("Demo directory already loaded."))
    else:
        click.echo(_("Demo directory loaded: %(num)d services.", num=report.count("service", "created")))
    if no_serve:
        return
    click.echo(_("Serving Carrefour at http://%(host)s:%(port)d/ (Ctrl+C to stop)", host=host, port=port))
    app.run(host=host, port=port, debug=False, use_reloader=False)
