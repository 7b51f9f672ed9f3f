"""The search query and its answer, shared by every engine, the app, the CLI and the matcher."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import orjson

FEATURE_ALIASES = {"wheelchair": "wheelchair-accessible", "walkin": "walk-in", "walk_in": "walk-in"}


@dataclass(slots=True)
class SearchQuery:
    text: str = ""
    lang: str = "fr"
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    categories: list[str] = field(default_factory=list)  # a family code includes its children
    languages: list[str] = field(default_factory=list)  # any of them
    features: list[str] = field(default_factory=list)  # all of them; "free" means no cost
    age: int | None = None
    open_at: datetime | None = None
    include_remote: bool | None = None  # None: remote services only when no radius is asked
    remote_only: bool = False  # only services delivered by phone or online
    # With a radius: also keep in-person places whose coordinates are unknown (the matcher's rule: an unknown
    # fact never excludes). They come after the placed ones.
    include_unplaced: bool = False
    include_inactive: bool = False
    # "relevance" (None means it too): by relevance; with a place and words, relevance weighed with distance
    # (`indexer/engines/relevance.py`), with a place alone nearest first. "distance": nearest first.
    sort: Literal["relevance", "distance"] | None = None
    page: int = 1
    page_size: int = 20
    facets: bool = (
        True  # counts by category, language and feature over every match (a results page's filters)
    )
    # Hits need only their ids (a list of every match, as the HSDS API pages them): an engine may leave the
    # rest (names, stored documents) empty.
    ids_only: bool = False

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    def normalized_features(self) -> list[str]:
        return sorted({FEATURE_ALIASES.get(f, f) for f in self.features})

    @property
    def has_words(self) -> bool:
        return bool(self.text.strip())

    @property
    def by_distance(self) -> bool:
        """Nearest first: asked for, or a place without words (nothing else to weigh)."""
        return self.sort == "distance" or (self.has_point and not self.has_words)

    @property
    def weighs_distance(self) -> bool:
        """Words and a place, not nearest first: relevance and distance weighed together."""
        return self.has_point and self.has_words and self.sort != "distance"

    @property
    def remote_allowed(self) -> bool:
        if self.include_remote is not None:
            return self.include_remote
        return not (self.has_point and self.radius_km)


@dataclass(slots=True)
class Hit:
    doc_id: str
    service_id: str  # Carrefour id
    service_source_id: str  # the id as imported
    service_at_location_id: str | None
    name: str
    categories: list[str]
    distance_km: float | None
    score: float
    # The search document as the engine stored it (JSON), when it hands it back: enough to draw a result
    # card. Decoded on demand: most hits of a long page are never looked at so closely.
    payload: bytes | str | None = None  # JSON, as UTF-8 bytes from the embedded engine
    exact_categories: list[str] | None = None  # as tagged (`categories` adds their families), when known

    @property
    def document(self) -> dict[str, Any] | None:
        return None if self.payload is None else orjson.loads(self.payload)


@dataclass(slots=True)
class SearchResult:
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    total: int
    degraded: bool = False
    place_source: str | None = None  # how `near` was placed, when it was

    def as_json(self) -> dict[str, object]:
        return {
            "hits": [
                {
                    "service_id": h.service_source_id,
                    "service_at_location_id": h.service_at_location_id,
                    "name": h.name,
                    "categories": h.categories,
                    "distance_km": None if h.distance_km is None else round(h.distance_km, 3),
                    "score": round(h.score, 4),
                }
                for h in self.hits
            ],
            "facets": self.facets,
            "total": self.total,
            "degraded": self.degraded,
        }
