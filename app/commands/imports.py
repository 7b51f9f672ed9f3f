"""`carrefour import`, `export` and `imports` (the runs and their rejected rows)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.commands.database import prepare_database
from app.commands.index import apply_pending
from app.commands.terminal import terminal_progress
from app.web.extensions import db
from importers.formats import format_names

if TYPE_CHECKING:
    from importers.hsds_api import PullResult


@click.command("import")
@click.argument("path")
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
@click.option(
    "--source",
    default=None,
    help="Name of the source (default: the file or folder name, or the API's address).",
)
@click.option(
    "--since",
    default=None,
    help="API address only: just the services changed on or after this ISO 8601 date and time.",
)
@click.option(
    "--per-page",
    type=click.IntRange(1, 10_000),
    default=None,
    help="API address only: services in each page (default 500; less for a server with a smaller maximum).",
)
@click.option(
    "--api-key",
    envvar="CARREFOUR_PULL_API_KEY",
    default=None,
    help="API address only: the key sent as X-API-Key (or CARREFOUR_PULL_API_KEY).",
)
@with_appcontext
def import_command(
    path: str,
    fmt: str,
    mapping: Path | None,
    lang: str | None,
    source: str | None,
    since: str | None,
    per_page: int | None,
    api_key: str | None,
) -> None:
    """Import a directory from PATH (HSDS 3.0 CSV datapackage folder or .zip, or a JSON list of services),
    or from an HSDS 3.0 API's address (https://.../api/hsds): every page of its services, pulled first."""
    from importers.errors import FatalImportError
    from importers.formats import ImportOptions
    from importers.report import render_report
    from importers.run import run_import

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    pulled: PullResult | None = None
    if is_api_address(path):
        pulled = _pull(app, path, since, lang, per_page, api_key)
        fmt, source = "hsds3", source or _api_source(path)
        # The plain text is in the language asked for when the server says so (Carrefour does, the other one
        # beside it in `translations`); otherwise the import detects it, as for a file.
        lang = lang or (pulled.language if pulled.language in ("fr", "en") else None)
    elif since is not None or per_page is not None:
        click.echo(_("--since and --per-page go with an API address (http:// or https://)."), err=True)
        sys.exit(2)
    prepare_database(app)
    try:
        with terminal_progress() as progress:
            report = run_import(
                db.session,
                pulled.path if pulled else Path(path),
                fmt=fmt,
                lang=lang,
                source=source,
                options=ImportOptions(mapping=mapping),
                progress=progress,
            )
        removed = _prune(report.source, pulled.path) if pulled else 0
    except FatalImportError as exc:
        db.session.rollback()
        click.echo(_("Import failed, nothing was changed: %(error)s", error=exc.render()), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(render_report(report))
    if removed:
        click.echo(_("Rows removed because the API's records no longer list them: %(num)d.", num=removed))
    apply_pending()
    if pulled is not None and (pulled.next_since or since):
        following = pulled.next_since or since  # nothing new: the same time again
        click.echo(_("Next time, to bring only what changed since: --since %(since)s", since=following))


def is_api_address(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def _api_source(address: str) -> str:
    from importers.hsds_api import source_name

    return source_name(address)


def _prune(source: str, pulled: Path) -> int:
    """A pulled service is the whole record: what its lists no longer hold was removed at the source."""
    from importers.hsds_api_prune import prune

    return sum(prune(db.session, source, pulled).values())


def _pull(
    app: Flask, address: str, since: str | None, lang: str | None, per_page: int | None, api_key: str | None
) -> PullResult:
    """Every page of the API's services, written in the instance folder (kept: the run names that file)."""
    from importers.hsds_api import MAX_PER_PAGE, PullError, pull

    try:
        pulled = pull(
            address,
            Path(app.instance_path) / "pulls",
            since=since,
            lang=lang or "fr",
            per_page=per_page or MAX_PER_PAGE,
            api_key=api_key,
        )
    except PullError as exc:
        click.echo(_("Import failed, nothing was changed: %(error)s", error=str(exc)), err=True)
        sys.exit(1)
    click.echo(
        _(
            "Services pulled from %(url)s: %(services)d (pages read: %(pages)d).",
            services=pulled.services,
            pages=pulled.pages,
            url=address,
        )
    )
    return pulled


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
@click.option(
    "--bilingual",
    is_flag=True,
    help="Both languages: <field>_fr and <field>_en columns (CSV), `translations` on each object (JSON).",
)
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
        total = export_json_services(db.session, out, lang=lang, bilingual=bilingual)
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
