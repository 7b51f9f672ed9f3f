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
        service = app.extensions["carrefour_search"] = build_search_service(
            Path(app.instance_path), app.config
        )
    return service  # type: ignore[no-any-return]
