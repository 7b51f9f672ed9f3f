"""`carrefour index` (rebuild, pending changes, drift) and `carrefour search`, and bringing the search
engines up to date after any command that changes the directory."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _

from app.commands.terminal import terminal_progress
from app.web.extensions import db


def apply_pending(verbose: bool = False) -> bool:
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


def ensure_index() -> None:
    """Build the search index when there is none, else apply what is pending."""
    apply_pending()
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
            if engine.transactional:
                click.echo(
                    _(
                        "%(engine)s: written in the same transaction as each change to the directory; "
                        "no drift by construction.",
                        engine=engine.name,
                    )
                )
        sys.exit(0 if clean else 1)
    if pending:
        sys.exit(0 if apply_pending(verbose=True) else 1)
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

    from app.core.hours import parse_moment
    from app.web.search import search_service
    from indexer.asking import asked_query
    from indexer.engines.base import EngineUnavailable

    lang = lang or current_app.config["CARREFOUR_DEFAULT_LOCALE"]
    moment = None
    if open_at:
        try:
            moment = parse_moment(open_at)
        except ValueError:
            raise click.BadParameter(
                _("not an ISO 8601 moment: %(value)s", value=open_at), param_hint="--open-at"
            ) from None
    query, located = asked_query(
        db.session,
        text=text,
        lang=lang,
        near=near,
        radius_km=radius,
        categories=categories,
        languages=languages,
        features=features,
        age=age,
        open_at=moment,
        nearest=order == "nearest",
        page=page,
        page_size=max(1, min(limit, 200)),
    )
    if near and located is None:
        click.echo(_("Could not place %(near)s.", near=near), err=True)
        sys.exit(1)
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
