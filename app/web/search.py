"""The application's search service, built once per application from its configuration."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from indexer.engines.embedded import EmbeddedEngine
from indexer.search import SearchService, build_search_service


def embedded_engine(app: Flask) -> EmbeddedEngine:
    return EmbeddedEngine(Path(app.instance_path) / "search")


def search_service(app: Flask | None = None) -> SearchService:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    service = app.extensions.get("carrefour_search")
    if service is None:
        from app.web.extensions import db

        with app.app_context():
            database = db.engine
        service = app.extensions["carrefour_search"] = build_search_service(
            Path(app.instance_path), app.config, database
        )
    return service  # type: ignore[no-any-return]


def init_search(app: Flask) -> None:
    """The search service built as the application starts: an index written in the directory's own
    transaction (PostgreSQL) follows every session from its first commit."""
    search_service(app)


def follow_changes() -> None:
    """After a page published a change (and committed it): the search engines apply the change log now, so
    the public finds the new hours at once. An engine that is down keeps them pending for the next
    `carrefour index --pending`; the page's own change is never undone by that."""
    from app.web.extensions import db
    from indexer.sync import bring_up_to_date

    outcome = bring_up_to_date(db.session, search_service().engines)
    db.session.commit()
    for name, why in outcome.failed.items():
        current_app.logger.warning("search index %s not updated, changes stay pending: %s", name, why)
