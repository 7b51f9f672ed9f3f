"""The Meilisearch engine (production): settings from code, documents in batches, every task checked.

The official client does not raise when a task fails, so each task is waited for and its status checked.
A full rebuild fills a fresh index and swaps it with the live one. Opening hours become 15-minute slots of
the week, so "open at T" is a plain filter; a slot counts only when the service is open for all of it. The
slots of each season are kept apart (`open_slots` on standard time, `open_slots_dst` on daylight saving
time: hours written with a UTC offset fall an hour later on the local clock in summer).

Order with a place: nearest first is a geo sort, which the ranking rules apply right after `words` (the
places matching as many of the words, nearest first). Words and a place weigh relevance with distance as the
embedded engine does (`indexer/engines/relevance.py`): Meilisearch ranks by relevance (its searchable
attributes in the embedded engine's order of fields: name, category labels, description, keywords,
organization), and the best `WEIGHED_WINDOW` places of the circle are ordered here by
`_rankingScore × 0.5 ^ (km / 2.5)`; pages beyond them follow Meilisearch's relevance order.

Freshness (`fresh`, the listing's freshness date as an ordinal) is the last ranking rule (`fresh:desc`, a
tie-break between hits Meilisearch ranks alike), and the weighed window takes the embedded engine's lean
on it (`relevance.FRESH_BOOSTS`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import meilisearch
from meilisearch.errors import MeilisearchCommunicationError, MeilisearchError, MeilisearchTimeoutError

from app.core.geo import haversine_km
from app.core.hours import minute_of_week, on_daylight_time
from indexer.documents import SearchDocument
from indexer.engines.base import EngineUnavailable, Health
from indexer.engines.relevance import HALF_DISTANCE_KM, fresh_factor_of, today_ordinal
from indexer.query import Hit, SearchQuery, SearchResult
from indexer.synonyms import GROUPS

SLOT_MINUTES = 15
WEEK = 7 * 24 * 60
BATCH = 5000
FACETS = ("categories", "languages", "features")
# Words and a place: the best matches of the circle by relevance, reordered with their distance (pages past
# this window follow Meilisearch's relevance order).
WEIGHED_WINDOW = 200
TASK_TIMEOUT_MS = 120_000


class MeiliTaskFailed(Exception):
    """A Meilisearch task ended in another state than `succeeded`."""


def index_settings() -> dict[str, Any]:
    """The index settings, all from code (nothing is configured by hand on the server)."""
    return {
        # Meilisearch's `attribute` rule weighs a match by the first of these it is in: the embedded
        # engine's order of fields (indexer/engines/relevance.py), the organization's name last.
        "searchableAttributes": [
            "name_fr",
            "name_en",
            "labels_fr",
            "labels_en",
            "description_fr",
            "description_en",
            "keywords_fr",
            "keywords_en",
            "organization_fr",
            "organization_en",
        ],
        "filterableAttributes": [
            "categories",
            "languages",
            "features",
            "status",
            "remote",
            "placed",
            "min_age",
            "max_age",
            "free",
            "open_slots",
            "open_slots_dst",
            "always_open",
            "_geo",
            "service_id",
            "eligibility",
        ],
        "sortableAttributes": ["_geo", "name_fr", "name_en"],
        "displayedAttributes": [
            "id",
            "service_id",
            "service_source_id",
            "service_at_location_id",
            "name_fr",
            "name_en",
            "categories",
            "version",
            "fresh",
            "_geo",
        ],
        "localizedAttributes": [
            {"attributePatterns": ["*_fr"], "locales": ["fra"]},
            {"attributePatterns": ["*_en"], "locales": ["eng"]},
        ],
        "synonyms": synonyms(),
        "typoTolerance": {"enabled": True, "minWordSizeForTypos": {"oneTypo": 5, "twoTypos": 9}},
        "rankingRules": ["words", "typo", "proximity", "attribute", "sort", "exactness", "fresh:desc"],
        "faceting": {"maxValuesPerFacet": 200},
        "pagination": {"maxTotalHits": 10000},
    }


def synonyms() -> dict[str, list[str]]:
    """Every member of a group is a synonym of every other member."""
    table: dict[str, list[str]] = {}
    for group in GROUPS:
        for member in group:
            table[member] = [other for other in group if other != member]
    return table


def open_slots(schedule: Sequence[Sequence[int]]) -> list[int]:
    """The 15-minute slots of the week fully inside the open intervals."""
    slots: set[int] = set()
    for start, end in schedule:
        first = -(-start // SLOT_MINUTES)
        for slot in range(first, end // SLOT_MINUTES):
            slots.add(slot % (WEEK // SLOT_MINUTES))
    return sorted(slots)


def to_meili(doc: SearchDocument) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": doc.id,
        "service_id": doc.service_id,
        "service_source_id": doc.service_source_id,
        "service_at_location_id": doc.service_at_location_id,
        "name_fr": doc.name.get("fr", ""),
        "name_en": doc.name.get("en", ""),
        "organization_fr": doc.organization.get("fr", ""),
        "organization_en": doc.organization.get("en", ""),
        "description_fr": doc.description.get("fr", ""),
        "description_en": doc.description.get("en", ""),
        "keywords_fr": doc.keywords.get("fr", ""),
        "keywords_en": doc.keywords.get("en", ""),
        "labels_fr": doc.labels.get("fr", ""),
        "labels_en": doc.labels.get("en", ""),
        "categories": doc.categories,
        "languages": doc.languages,
        "features": sorted(set(doc.features) | ({"free"} if doc.free else set())),
        "eligibility": [code for codes in doc.eligibility.values() for code in codes],
        "min_age": doc.min_age,
        "max_age": doc.max_age,
        "free": doc.free,
        "remote": doc.remote,
        "placed": doc.latitude is not None and doc.longitude is not None,
        "status": doc.status,
        "always_open": doc.always_open,
        "open_slots": open_slots(doc.schedule),
        "open_slots_dst": open_slots(doc.schedule if doc.schedule_dst is None else doc.schedule_dst),
        "version": doc.version,
        "fresh": date.fromisoformat(doc.freshness).toordinal() if doc.freshness else 0,
    }
    if doc.latitude is not None and doc.longitude is not None and not doc.remote:
        record["_geo"] = {"lat": doc.latitude, "lng": doc.longitude}
    return record


def _quote(value: str) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def build_filter(query: SearchQuery) -> list[str]:
    """Meilisearch filter expressions for a query (the list is ANDed)."""
    clauses: list[str] = []
    if not query.include_inactive:
        clauses.append('status = "active"')
    if query.remote_only:
        clauses.append("remote = true")
    elif query.has_point and query.radius_km:
        radius = f"_geoRadius({query.lat}, {query.lon}, {round(query.radius_km * 1000)})"
        alternatives = ["remote = true", radius] if query.remote_allowed else [radius]
        if query.include_unplaced:
            alternatives.append("(remote = false AND placed = false)")
        clauses.append(alternatives[0] if len(alternatives) == 1 else f"({' OR '.join(alternatives)})")
    elif not query.remote_allowed:
        clauses.append("remote = false")
    if query.categories:
        clauses.append(f"categories IN [{', '.join(_quote(c) for c in query.categories)}]")
    if query.languages:
        clauses.append(f"languages IN [{', '.join(_quote(lang.lower()) for lang in query.languages)}]")
    for feature in query.normalized_features():
        clauses.append(f"features = {_quote(feature)}")
    if query.age is not None:
        clauses.append(f"(min_age IS NULL OR min_age <= {query.age})")
        clauses.append(f"(max_age IS NULL OR max_age >= {query.age})")
    if query.open_at is not None:
        slot = minute_of_week(query.open_at) // SLOT_MINUTES
        slots = "open_slots_dst" if on_daylight_time(query.open_at) else "open_slots"
        clauses.append(f"(always_open = true OR {slots} = {slot})")
    return clauses


def search_params(query: SearchQuery) -> dict[str, Any]:
    params: dict[str, Any] = {
        "filter": build_filter(query),
        "facets": list(FACETS) if query.facets else [],
        "hitsPerPage": query.page_size,
        "page": max(query.page, 1),
        "showRankingScore": True,
        "locales": ["fra" if query.lang == "fr" else "eng"],
        "attributesToRetrieve": [
            "id",
            "service_id",
            "service_source_id",
            "service_at_location_id",
            "name_fr",
            "name_en",
            "categories",
            "_geo",
        ],
    }
    if query.has_point and query.by_distance:
        params["sort"] = [f"_geoPoint({query.lat}, {query.lon}):asc"]
    elif query.weighs_distance and query.page * query.page_size <= WEIGHED_WINDOW:
        # The window of best matches is read whole and weighed with distance here (`weighed`).
        params.update(page=1, hitsPerPage=WEIGHED_WINDOW)
    return params


def weighed(raw_hits: list[dict[str, Any]], query: SearchQuery) -> list[dict[str, Any]]:
    """The hits of the relevance window ordered as the embedded engine orders words with a place:
    `_rankingScore × 0.5 ^ (km / HALF_DISTANCE_KM)`, placed ones first, then nearer, then by id; each with
    its `_geoDistance` (metres); the query's page of them."""
    assert query.lat is not None and query.lon is not None
    today = today_ordinal()
    scored = []
    for raw in raw_hits:
        geo = raw.get("_geo")
        km = haversine_km(query.lat, query.lon, geo["lat"], geo["lng"]) if geo else None
        relevance = float(raw.get("_rankingScore", 0.0))
        score = relevance if km is None else relevance * 0.5 ** (km / HALF_DISTANCE_KM)
        score *= fresh_factor_of(raw.get("fresh") or None, today)
        scored.append(
            ({**raw, "_rankingScore": score, "_geoDistance": None if km is None else km * 1000}, km)
        )
    scored.sort(key=lambda item: (item[1] is None, -item[0]["_rankingScore"], item[1] or 0.0, item[0]["id"]))
    start = (max(query.page, 1) - 1) * query.page_size
    return [raw for raw, _ in scored[start : start + query.page_size]]


class MeiliEngine:
    name = "meilisearch"
    transactional = False  # kept current from the change log (`indexer/sync.py`)

    def __init__(self, url: str, api_key: str | None, index_uid: str = "carrefour") -> None:
        self.client = meilisearch.Client(url, api_key, timeout=10)
        self.index_uid = index_uid

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MeiliEngine:
        return cls(
            str(config["MEILI_URL"]),
            config.get("MEILI_MASTER_KEY") or config.get("MEILI_API_KEY"),
            str(config.get("MEILI_INDEX", "carrefour")),
        )

    # --- tasks -------------------------------------------------------------------------------------------

    def _wait(self, task_uid: int) -> None:
        try:
            task = self.client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS, interval_in_ms=100)
        except (MeilisearchCommunicationError, MeilisearchTimeoutError) as exc:
            raise EngineUnavailable(str(exc)) from exc
        if task.status != "succeeded":
            raise MeiliTaskFailed(f"task {task.uid} ({task.type}) {task.status}: {task.error}")

    def _call(self, action: Any) -> Any:
        try:
            return action()
        except MeilisearchCommunicationError as exc:
            raise EngineUnavailable(str(exc)) from exc

    # --- writing -----------------------------------------------------------------------------------------

    def ensure_index(self, uid: str | None = None) -> None:
        uid = uid or self.index_uid
        try:
            self.client.get_index(uid)
        except MeilisearchCommunicationError as exc:
            raise EngineUnavailable(str(exc)) from exc
        except MeilisearchError:
            self._wait(self._call(lambda: self.client.create_index(uid, {"primaryKey": "id"})).task_uid)
        self._wait(self._call(lambda: self.client.index(uid).update_settings(index_settings())).task_uid)

    def index(self, docs: Sequence[SearchDocument]) -> None:
        if not docs:
            return
        self.ensure_index()
        records = [to_meili(doc) for doc in docs]
        for start in range(0, len(records), BATCH):
            batch = records[start : start + BATCH]
            self._wait(
                self._call(lambda b=batch: self.client.index(self.index_uid).add_documents(b, "id")).task_uid
            )

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self._wait(
                self._call(lambda: self.client.index(self.index_uid).delete_documents(list(ids))).task_uid
            )

    def delete_services(self, service_ids: Sequence[str]) -> None:
        for start in range(0, len(service_ids), 200):
            batch = ", ".join(_quote(s) for s in service_ids[start : start + 200])
            self._wait(
                self._call(
                    lambda b=batch: self.client.index(self.index_uid).delete_documents(
                        filter=f"service_id IN [{b}]"
                    )
                ).task_uid
            )

    def rebuild(self, docs: Iterable[SearchDocument], expected: int | None = None) -> int:
        """Fill a fresh index, then swap it with the live one (searches keep answering meanwhile)."""
        fresh = f"{self.index_uid}-{time.time_ns()}"
        self.ensure_index(fresh)
        self.ensure_index(self.index_uid)
        count, batch = 0, []
        for doc in docs:
            batch.append(to_meili(doc))
            if len(batch) >= BATCH:
                self._wait(
                    self._call(lambda b=batch: self.client.index(fresh).add_documents(b, "id")).task_uid
                )
                count, batch = count + len(batch), []
        if batch:
            self._wait(self._call(lambda: self.client.index(fresh).add_documents(batch, "id")).task_uid)
            count += len(batch)
        self._wait(
            self._call(lambda: self.client.swap_indexes([{"indexes": [self.index_uid, fresh]}])).task_uid
        )
        self._wait(self._call(lambda: self.client.delete_index(fresh)).task_uid)
        return count

    # --- reading -----------------------------------------------------------------------------------------

    def health(self) -> Health:
        try:
            self.client.health()
            stats = self.client.index(self.index_uid).get_stats()
        except MeilisearchError as exc:
            return Health(False, str(exc))
        return Health(True, f"meilisearch index {self.index_uid}", stats.number_of_documents)

    def settings(self) -> dict[str, Any]:
        return index_settings()

    def versions(self) -> dict[str, int]:
        found: dict[str, int] = {}
        offset = 0
        while True:
            page = self._call(
                lambda o=offset: self.client.index(self.index_uid).get_documents(
                    {"fields": ["service_id", "version"], "limit": 1000, "offset": o}
                )
            )
            for document in page.results:
                data = dict(document)
                found[data["service_id"]] = max(found.get(data["service_id"], 0), int(data["version"]))
            offset += len(page.results)
            if offset >= page.total or not page.results:
                return found

    def documents(self, service_ids: Sequence[str], known: Collection[str] = frozenset()) -> None:
        """Meilisearch keeps only what a hit displays, not whole documents: the caller builds them."""
        return None

    def forget_connections(self) -> None:
        """Nothing to drop: the client opens a connection for each request (no pool to inherit)."""

    def search(self, query: SearchQuery) -> SearchResult:
        try:
            answer = self.client.index(self.index_uid).search(query.text, search_params(query))
        except (MeilisearchCommunicationError, MeilisearchTimeoutError) as exc:
            raise EngineUnavailable(str(exc)) from exc
        raw_hits = answer.get("hits", [])
        if query.weighs_distance and query.page * query.page_size <= WEIGHED_WINDOW:
            raw_hits = weighed(raw_hits, query)
        hits = [self._hit(raw, query) for raw in raw_hits]
        distribution = answer.get("facetDistribution") or {}
        facets = {name: dict(distribution.get(name, {})) for name in FACETS}
        total = int(answer.get("totalHits", answer.get("estimatedTotalHits", len(hits))))
        return SearchResult(hits=hits, facets=facets, total=total)

    @staticmethod
    def _hit(raw: Mapping[str, Any], query: SearchQuery) -> Hit:
        distance = raw.get("_geoDistance")
        name = raw.get(f"name_{query.lang}") or raw.get("name_fr") or raw.get("name_en") or ""
        return Hit(
            doc_id=raw["id"],
            service_id=raw["service_id"],
            service_source_id=raw["service_source_id"],
            service_at_location_id=raw.get("service_at_location_id"),
            name=name,
            categories=list(raw.get("categories", [])),
            distance_km=None if distance is None else distance / 1000.0,
            score=float(raw.get("_rankingScore", 0.0)),
            exact_categories=list(raw["exact_categories"]) if "exact_categories" in raw else None,
        )
