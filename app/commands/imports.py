"""`carrefour import`, `export` and `imports` (the runs and their rejected rows)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.commands.database import prepare_database
from app.commands.index import apply_pending
from app.commands.terminal import terminal_progress
from app.web.extensions import db
from importers.formats import format_names


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *format_names()]),
    default="auto",
    show_default=True,
    help="Format of the files (auto: recognized from the files, and said).",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="tabular: the YAML file saying which column holds which field.",
)
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Language of the text columns (detected from the text when absent).",
)
@click.option("--source", default=None, help="Name of the source (default: the file or folder name).")
@with_appcontext
def import_command(path: Path, fmt: str, mapping: Path | None, lang: str | None, source: str | None) -> None:
    """Import a directory from PATH (HSDS 3.0 CSV datapackage folder or .zip, or a JSON list of services)."""
    from importers.errors import FatalImportError
    from importers.formats import ImportOptions
    from importers.report import render_report
    from importers.run import run_import

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    prepare_database(app)
    try:
        with terminal_progress() as progress:
            report = run_import(
                db.session,
                path,
                fmt=fmt,
                lang=lang,
                source=source,
                options=ImportOptions(mapping=mapping),
                progress=progress,
            )
    except FatalImportError as exc:
        db.session.rollback()
        click.echo(_("Import failed, nothing was changed: %(error)s", error=exc.render()), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(render_report(report))
    apply_pending()


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
        with terminal_progress() as progress:
            counts = export_csv_package(db.session, out, lang=lang, bilingual=bilingual, progress=progress)
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


@click.command("imports")
@click.option("--run", "run_id", type=int, default=None, help="Show this run's rejected rows.")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@with_appcontext
def imports_command(run_id: int | None, limit: int, as_json: bool) -> None:
    """List import runs, or the rejected rows (quarantine) of one run."""
    import json

    from importers.runs import list_runs, run_rejects

    if run_id is not None:
        rows = run_rejects(db.session, run_id)
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            where = f"{row['file']}:{row['line']}" + (f" [{row['column']}]" if row["column"] else "")
            click.echo(f"{where}: {row['reason']}")
        return
    listed = list_runs(db.session, limit)
    if as_json:
        click.echo(json.dumps(listed, ensure_ascii=False, indent=2))
        return
    for run in listed:
        click.echo(
            _(
                "run %(id)d · %(source)s · %(when)s · read %(read)d, created %(created)d, "
                "updated %(updated)d, "
                "unchanged %(unchanged)d, rejected %(rejected)d, %(warnings)d warnings",
                id=run["id"],
                source=run["source"],
                when=run["started_at"][:19],
                warnings=run["warnings"],
                **run["counts"],
            )
            + (_(", %(seconds).1f s", seconds=run["seconds"]) if run["seconds"] is not None else "")
        )
