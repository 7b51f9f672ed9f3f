"""The `carrefour` command: Flask's CLI group plus the directory's own commands.

Commands stay thin: they parse options, call a domain function with a session, commit at the edge and
print what happened.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_babel import gettext as _
from flask_migrate.cli import db as migrate_group
from sqlalchemy.exc import OperationalError

from app.commands.terminal import terminal_progress
from app.core.settings import ConfigError, Settings, default_database_url, load_settings
from app.core.writable import (
    NotWritable,
    check_database_writable,
    describe,
    is_read_only_failure,
    sqlite_file,
)
from app.web.extensions import db
from importers.formats import format_names


def _create_app() -> Flask:
    from app import create_app

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


def register(app: Flask) -> None:
    app.cli.add_command(_db_group(), "db")
    for command in (
        import_command,
        export_command,
        demo_command,
        seed_command,
        index_command,
        search_command,
        match_command,
        imports_command,
        dedupe_command,
        bench_command,
        serve_command,
    ):
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
        if not kwargs.get("sql"):
            check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
        ctx.invoke(original, **kwargs)
        if not kwargs.get("sql"):
            from app.core.taxonomy import seed_core_taxonomy

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
    from app.web.database import upgrade_database

    upgrade_database(app)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load or refresh the core taxonomy (also done by `db upgrade`)."""
    from app.core.taxonomy import seed_core_taxonomy

    check_database_writable(current_app.config["SQLALCHEMY_DATABASE_URI"])
    changed = seed_core_taxonomy(db.session)
    db.session.commit()
    click.echo(_("Core taxonomy loaded (%(num)d rows changed).", num=changed))


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
    _prepare(app)
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
    _apply_pending()


def _apply_pending(verbose: bool = False) -> bool:
    """Bring every search engine up to date after a change: all pending changes applied, in batches until
    none is left (an embedded index that does not exist yet is built whole). An engine that is down or fails
    is said; the changes stay pending for it. True when every engine is up to date."""
    from app.web.search import search_service
    from indexer.sync import bring_up_to_date

    with terminal_progress() as progress:
        outcome = bring_up_to_date(db.session, search_service().engines, progress=progress)
    db.session.commit()
    if verbose:
        for name, count in outcome.reindexed.items():
            click.echo(_("%(engine)s: %(num)d services re-indexed.", engine=name, num=count))
        for name, count in outcome.rebuilt.items():
            click.echo(_("%(engine)s: index rebuilt with %(num)d documents.", engine=name, num=count))
    for name, why in outcome.failed.items():
        click.echo(
            _("Search index not updated (%(error)s); the changes stay pending.", error=f"{name}: {why}"),
            err=True,
        )
    return not outcome.failed


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
    report = load_demo(db.session)
    db.session.commit()
    if report is None:
        click.echo(_("Demo directory already loaded."))
    else:
        click.echo(_("Demo directory loaded: %(num)d services.", num=report.count("service", "created")))
    _ensure_index()
    if no_serve:
        return
    click.echo(_("Serving Carrefour at http://%(host)s:%(port)d/ (Ctrl+C to stop)", host=host, port=port))
    # A real WSGI server (Flask's development server refuses to start from inside a CLI command).
    from waitress import serve

    serve(app, host=host, port=port, threads=8, ident="carrefour")


def _ensure_index() -> None:
    """Build the search index when there is none, else apply what is pending."""
    _apply_pending()
    click.echo(_("Search index ready."))


@click.command("index")
@click.option("--pending", is_flag=True, help="Apply pending changes only.")
@click.option(
    "--check", "check_only", is_flag=True, help="Compare the database with the index and print the drift."
)
@with_appcontext
def index_command(pending: bool, check_only: bool) -> None:
    """Rebuild the search index (swapped in atomically), or apply pending changes, or check for drift."""
    from app.web.search import search_service
    from indexer.sync import check, rebuild

    engines = search_service().engines
    if check_only:
        clean = True
        for engine in engines:
            drift = check(db.session, engine)
            clean = clean and drift.clean
            click.echo(
                _(
                    "%(engine)s: %(db)d services in the database, %(index)d in the index; "
                    "%(missing)d missing, "
                    "%(extra)d extra, %(stale)d stale; %(pending)d changes pending.",
                    engine=engine.name,
                    db=drift.services_in_database,
                    index=drift.services_in_index,
                    missing=len(drift.missing),
                    extra=len(drift.extra),
                    stale=len(drift.stale),
                    pending=drift.pending,
                )
            )
        sys.exit(0 if clean else 1)
    if pending:
        sys.exit(0 if _apply_pending(verbose=True) else 1)
    for engine in engines:
        with terminal_progress() as progress:
            count = rebuild(db.session, engine, progress=progress)
        db.session.commit()
        click.echo(_("%(engine)s: index rebuilt with %(num)d documents.", engine=engine.name, num=count))


@click.command("search")
@click.argument("text", required=False, default="")
@click.option(
    "--lang", type=click.Choice(["fr", "en"]), default=None, help="Language of the words and names."
)
@click.option("--near", default=None, help='"LAT,LON", a postal code ("H2X 1Y4") or an address.')
@click.option("--radius", type=float, default=None, help="Kilometres around --near.")
@click.option("--category", "categories", multiple=True, help="A needs code; a family includes its children.")
@click.option("--language", "languages", multiple=True, help="A language spoken (ISO 639 code).")
@click.option("--feature", "features", multiple=True, help="wheelchair, walk-in, free, ...")
@click.option("--age", type=int, default=None, help="The client's age.")
@click.option("--open-at", default=None, help="An ISO 8601 moment (local time without an offset).")
@click.option(
    "--order",
    type=click.Choice(["relevance", "nearest"]),
    default="relevance",
    show_default=True,
    help="nearest: nearest first; relevance: weighed with distance when there are words and --near.",
)
@click.option("--page", type=int, default=1)
@click.option("--limit", type=int, default=20, help="Hits per page.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@with_appcontext
def search_command(
    text: str,
    lang: str | None,
    near: str | None,
    radius: float | None,
    categories: tuple[str, ...],
    languages: tuple[str, ...],
    features: tuple[str, ...],
    age: int | None,
    open_at: str | None,
    order: str,
    page: int,
    limit: int,
    as_json: bool,
) -> None:
    """Search the directory as the public pages do."""
    import json

    from app.core.geo import place
    from app.core.hours import parse_moment
    from app.web.search import search_service
    from indexer.engines.base import EngineUnavailable
    from indexer.query import SearchQuery

    lang = lang or current_app.config["CARREFOUR_DEFAULT_LOCALE"]
    query = SearchQuery(
        text=text,
        lang=lang,
        radius_km=radius,
        categories=list(categories),
        languages=list(languages),
        features=list(features),
        age=age,
        sort="distance" if order == "nearest" else "relevance",
        page=max(page, 1),
        page_size=max(1, min(limit, 200)),
    )
    if open_at:
        try:
            query.open_at = parse_moment(open_at)
        except ValueError:
            raise click.BadParameter(
                _("not an ISO 8601 moment: %(value)s", value=open_at), param_hint="--open-at"
            ) from None
    if near:
        found = place(db.session, near)
        if found is None:
            click.echo(_("Could not place %(near)s.", near=near), err=True)
            sys.exit(1)
        query.lat, query.lon = found.lat, found.lon
    try:
        result = search_service().search(query)
    except EngineUnavailable as exc:
        click.echo(_("Search is not available: %(error)s", error=str(exc)), err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(
        _("%(total)d results", total=result.total) + (" " + _("(degraded)") if result.degraded else "")
    )
    for hit in result.hits:
        distance = f" · {hit.distance_km:.1f} km" if hit.distance_km is not None else ""
        click.echo(f"  {hit.name}{distance}  [{', '.join(hit.categories)}]  {hit.service_source_id}")


@click.command("match")
@click.argument("profile", type=click.File("r", encoding="utf-8"))
@with_appcontext
def match_command(profile: click.utils.LazyFile) -> None:
    """Match a need profile (JSON file, or - for standard input) and print the result as JSON."""
    import json

    from app.api.routes import run_match
    from app.matching.profile import ProfileError, UnreadableProfile, read_profile_json

    try:
        data = read_profile_json(profile.read())
    except UnreadableProfile as exc:
        click.echo(_("Not valid JSON: %(error)s", error=str(exc)), err=True)
        sys.exit(2)
    try:
        result = run_match(data)
    except ProfileError as error:
        for problem in error.errors:
            click.echo(f"{problem.field}: {problem.message}", err=True)
        sys.exit(2)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


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


@click.command("dedupe")
@click.option("--report", is_flag=True, help="Print candidate pairs with scores and reasons; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (implies --report).")
@click.option(
    "--kind",
    type=click.Choice(["organization", "service"]),
    default=None,
    help="Only organizations or only services (default: both).",
)
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    default=None,
    help="Report pairs scoring at least N, below the review threshold too (implies --report).",
)
@click.option("--confirm", "confirm_id", type=int, default=None, help="Pair ID is one record: link it.")
@click.option(
    "--reject", "reject_id", type=int, default=None, help="Pair ID is two records: never propose it again."
)
@with_appcontext
def dedupe_command(
    report: bool,
    as_json: bool,
    kind: str | None,
    min_score: int | None,
    confirm_id: int | None,
    reject_id: int | None,
) -> None:
    """Find organizations and services listed twice: link sure pairs, list doubtful ones for review."""
    from importers.dedupe import run_dedupe
    from importers.dedupe_report import result_lines

    report = report or as_json or min_score is not None
    if sum((report, confirm_id is not None, reject_id is not None)) > 1:
        click.echo(_("Use only one of --report, --confirm and --reject."), err=True)
        sys.exit(2)
    kinds = (kind,) if kind else ("organization", "service")
    if report:
        _dedupe_report(kinds, min_score, as_json)
    elif confirm_id is not None:
        _decide_pair(confirm_id, confirm=True)
    elif reject_id is not None:
        _decide_pair(reject_id, confirm=False)
    else:
        with terminal_progress() as progress:
            result = run_dedupe(db.session, kinds, progress)
        db.session.commit()
        click.echo("\n".join(result_lines(result)))
        _apply_pending()


def _dedupe_report(kinds: tuple[str, ...], min_score: int | None, as_json: bool) -> None:
    import json

    from importers.dedupe import report
    from importers.dedupe_report import candidate_json, placeholder_lines, report_lines, review_placeholders

    with terminal_progress() as progress:
        pairs, stats = report(db.session, kinds, min_score, progress)
    placeholders = review_placeholders(db.session) if "organization" in kinds else []
    db.session.rollback()  # a report writes nothing
    if as_json:
        listed = {
            "pairs": [candidate_json(c) for c in pairs],
            "stats": {k: s.as_dict() for k, s in stats.items()},
            "placeholders": [p.as_dict() for p in placeholders],
        }
        click.echo(json.dumps(listed, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join([*report_lines(pairs, stats), *placeholder_lines(placeholders)]))


def _decide_pair(link_id: int, confirm: bool) -> None:
    from importers.dedupe import DedupeError, decide, link_labels
    from importers.dedupe_report import decision_line

    try:
        link = decide(db.session, link_id, confirm=confirm)
    except DedupeError:
        db.session.rollback()
        click.echo(_("No duplicate pair %(id)d.", id=link_id), err=True)
        sys.exit(1)
    kept, duplicate = link_labels(db.session, link)
    db.session.commit()
    click.echo(decision_line(link.id, confirm, kept, duplicate))
    _apply_pending()


@click.command("bench")
@click.option(
    "--size", type=click.IntRange(min=1), default=10_000, show_default=True, help="Services to generate."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Where to write the JSON report.",
)
@click.option("--quick", is_flag=True, help="Fewer queries and profiles, a 3-second HTTP run (for tests).")
@click.option(
    "--seed", type=int, default=42, show_default=True, help="Seed of the data and of the questions."
)
@click.option(
    "--workdir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Keep the instance, database and generated package here (default: a temporary folder, removed).",
)
def bench_command(size: int, out: Path, quick: bool, seed: int, workdir: Path | None) -> None:
    """Measure import, indexing, search, matching and the public pages on a generated directory, in a fresh
    instance of its own (developer tool: its output is in English)."""
    from bench.run import run_benchmark, summary

    report = run_benchmark(size, out, quick=quick, seed=seed, workdir=workdir, echo=click.echo)
    click.echo(summary(report))
    click.echo(f"Report written to {out}")


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
    from app.web.production import default_workers, serve

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    _prepare(app)
    _ensure_index()
    db.session.remove()
    count = workers or default_workers()
    click.echo(_("Serving on http://%(bind)s with %(num)d worker processes.", bind=bind, num=count))
    serve(app, bind, count)
