"""The search service the app, the CLI and the matcher call: an engine, a fallback, and place names.

With Meilisearch configured (`MEILI_URL`), it answers first; when it cannot, the embedded index (kept current
for that purpose) answers and the result says `degraded`. Views never talk to an engine directly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from indexer.engines.base import EngineUnavailable, SearchEngine
from indexer.engines.embedded import EmbeddedEngine
from indexer.query import SearchQuery, SearchResult

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SearchService:
    primary: SearchEngine
    fallback: SearchEngine | None = None

    @property
    def engines(self) -> list[SearchEngine]:
        return [self.primary] + ([self.fallback] if self.fallback is not None else [])

    def search(self, query: SearchQuery) -> SearchResult:
        try:
            return self.primary.search(query)
        except EngineUnavailable as error:
            if self.fallback is None:
                raise
            log.warning(
                "search engine %s unavailable (%s); answering from %s",
                self.primary.name,
                error,
                self.fallback.name,
            )
        result = self.fallback.search(query)
        result.degraded = True
        return result


def embedded_engine(app: Flask) -> EmbeddedEngine:
    return EmbeddedEngine(Path(app.instance_path) / "search")


def search_service(app: Flask | None = None) -> SearchService:
    """The app's search service, built once per app from its configuration."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    service = app.extensions.get("carrefour_search")
    if service is None:
        embedded = embedded_engine(app)
        meili_url = app.config.get("MEILI_URL")
        if meili_url:
            from indexer.engines.meili import MeiliEngine

            service = SearchService(primary=MeiliEngine.from_config(app.config), fallback=embedded)
        else:
            service = SearchService(primary=embedded)
        app.extensions["carrefour_search"] = service
    return service
