"""The search service the app, the CLI and the matcher call: an engine, a fallback, and place names.

With Meilisearch configured (`MEILI_URL`), it answers first; when it cannot, the PostgreSQL or embedded
index (kept current for that purpose) answers and the result says `degraded`. Views never talk to an engine
directly.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from indexer.documents import SearchDocument
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

    def documents(
        self, service_ids: Sequence[str], known: Collection[str] = frozenset()
    ) -> list[SearchDocument] | None:
        """The stored documents of these services (but the `known` ones) from the first engine that keeps
        whole documents (the embedded index, beside Meilisearch too); None when none does, or when the one
        that does cannot answer now: the caller builds them from the database."""
        for engine in self.engines:
            try:
                found = engine.documents(service_ids, known)
            except EngineUnavailable:
                return None
            if found is not None:
                return list(found)
        return None

    def service_page(
        self, text: str, *, offset: int, size: int, include_inactive: bool, exclude: Collection[str] = ()
    ) -> tuple[list[str], int] | None:
        """A page of the services matching `text` and how many match, from the first engine that can count
        services (the embedded index, kept current beside Meilisearch too); None when none can now: the
        caller lists every match with `search`."""
        for engine in self.engines:
            answer = getattr(engine, "service_page", None)
            if answer is None:
                continue
            try:
                found = answer(
                    text, offset=offset, size=size, include_inactive=include_inactive, exclude=exclude
                )
            except EngineUnavailable:
                continue
            if found is not None:
                return found  # type: ignore[no-any-return]
        return None

    def forget_connections(self) -> None:
        """In a forked process (a server worker): every engine drops the connections it inherited."""
        for engine in self.engines:
            engine.forget_connections()


def build_search_service(
    instance: Path, config: Mapping[str, Any], database: Engine | None = None
) -> SearchService:
    """The search service for an instance folder (the embedded index lives in `<instance>/search/`), a
    configuration (`CARREFOUR_SEARCH_ENGINE`, `MEILI_URL` and its keys) and the directory's database:

    - `embedded`: the index file alone;
    - `postgres`: the index in the database (written in each change's own transaction, `follow`);
    - `meilisearch`: Meilisearch first, the PostgreSQL index (with a PostgreSQL database) or the embedded
      one beside it, kept current to answer while Meilisearch is down (the answer then says `degraded`).
    """
    on_postgres = database is not None and database.dialect.name == "postgresql"
    chosen = config.get("CARREFOUR_SEARCH_ENGINE") or (
        "meilisearch" if config.get("MEILI_URL") else "postgres" if on_postgres else "embedded"
    )
    if chosen == "postgres" and not on_postgres:
        raise ValueError("the postgres search engine needs a PostgreSQL database")
    beside: SearchEngine
    if on_postgres and chosen in ("postgres", "meilisearch"):
        from indexer.engines.postgres import PostgresEngine, follow

        postgres = PostgresEngine(database)  # type: ignore[arg-type]
        follow(postgres, marks_applied=chosen == "postgres")
        beside = postgres
    else:
        if on_postgres:  # its sessions no longer index in PostgreSQL (a process's last app decides)
            from indexer.engines.postgres import unfollow_database

            unfollow_database(database.url)  # type: ignore[union-attr]
        beside = EmbeddedEngine(instance / "search")
    if chosen == "meilisearch":
        from indexer.engines.meili import MeiliEngine

        return SearchService(primary=MeiliEngine.from_config(config), fallback=beside)
    return SearchService(primary=beside)
