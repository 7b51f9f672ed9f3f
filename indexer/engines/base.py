"""The interface every search engine implements: what the search service, the sync, the matcher and the
server ask of an engine, so that none of them needs to know which engine it holds."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from indexer.documents import SearchDocument
from indexer.query import SearchQuery, SearchResult


@dataclass(slots=True)
class Health:
    ok: bool
    detail: str
    documents: int | None = None


class EngineUnavailable(Exception):
    """The engine cannot answer now (down, unreachable, not built)."""


class SearchEngine(Protocol):
    name: str
    # Written in the directory's own transaction (PostgreSQL): nothing is ever pending for it.
    transactional: bool

    def index(self, docs: Sequence[SearchDocument]) -> None:
        """Add or replace documents (by id)."""

    def delete(self, ids: Sequence[str]) -> None:
        """Remove documents by id."""

    def delete_services(self, service_ids: Sequence[str]) -> None:
        """Remove every document of these services."""

    def rebuild(self, docs: Iterable[SearchDocument], expected: int | None = None) -> int:
        """Build a fresh index from `docs` and swap it in at once; searches keep answering meanwhile.
        `expected`, about how many documents will come, lets an engine plan its work."""

    def search(self, query: SearchQuery) -> SearchResult:
        """Hits, facets and total for a query."""

    def health(self) -> Health:
        """Whether the engine answers, and how many documents it holds."""

    def settings(self) -> dict[str, Any]:
        """The engine's settings as Carrefour configures them."""

    def versions(self) -> dict[str, int]:
        """Service id -> indexed version, for comparing the index with the database."""

    def documents(
        self, service_ids: Sequence[str], known: Collection[str] = frozenset()
    ) -> list[SearchDocument] | None:
        """The whole indexed documents of these services, but those whose ids are `known` (the caller holds
        them already); None when the engine does not keep whole documents (the caller builds them from the
        database). Raises `EngineUnavailable` when it keeps them but cannot answer now."""

    def forget_connections(self) -> None:
        """Drop the connections this process inherited when it was forked (a server worker): each process
        must open its own. Nothing to do for an engine that holds none."""
