"""The interface every search engine implements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
