"""Gathering a need's candidates: where the client is, the search's pages of services nearest first, and
each service with all its places and service areas, as the rules read them.

Kept apart from the rules (`scoring`) because it is the part that asks the outside world (the geocoder, the
search service, the database) while the rules only read what it brings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from shapely.geometry import shape
from shapely.prepared import PreparedGeometry, prep
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.agency.notices import Shown, closures
from app.core.agency.verification import Freshness, freshness
from app.core.geo import Place as GeoPlace
from app.core.geo import place as geocode
from app.core.models import ServiceArea
from app.core.taxonomy import needs_family
from app.matching import weights as W
from app.matching.messages import Text, warning_text
from app.matching.profile import Need, Profile
from indexer.documents import SearchDocument, build_documents, document_from_payload
from indexer.query import Hit, SearchQuery
from indexer.search import SearchService
from indexer.synonyms import words


@dataclass(slots=True)
class Candidate:
    """One service and its places, as the rules read them."""

    service_id: str
    docs: list[SearchDocument]
    areas: list[PreparedGeometry] = field(default_factory=list)
    areas_listed: int = 0  # service areas the service has (readable or not)
    area_names: list[dict[str, str]] = field(
        default_factory=list
    )  # their names, as a not-suggested item says
    freshness: Freshness | None = None  # how fresh the listing is (app/core/agency/verification.py)
    closure: Shown | None = None  # a temporary closure in force on the day matched for

    @property
    def first(self) -> SearchDocument:
        return self.docs[0]


@dataclass(slots=True)
class ClientPlace:
    lat: float
    lon: float
    source: str
    approximate: bool = False
    area: str | None = None


def place_client(session: Session, profile: Profile, warnings: list[Text]) -> ClientPlace | None:
    """The client's coordinates, as given or geocoded from a postal code or an address (a postal code's
    area alone is approximate, and said so); None when the profile gives no place that can be found."""
    location = profile.location or {}
    if "lat" in location and "lon" in location:
        return ClientPlace(float(location["lat"]), float(location["lon"]), "coordinates")
    found: GeoPlace | None = None
    for key in ("postal_code", "address"):
        if location.get(key):
            found = geocode(session, str(location[key]))
            if found is not None:
                break
    if found is None:
        if location:
            warnings.append(warning_text("unplaced"))
        return None
    area = str(location.get("postal_code", ""))[:3].upper() if found.approximate else None
    if found.approximate:
        warnings.append(warning_text("approximate", area=area))
    return ClientPlace(found.lat, found.lon, found.source, found.approximate, area)


def category_fit(need: str, tagged: set[str]) -> str | None:
    """exact: tagged with the need's code; child: the need is a family and the service is tagged with one of
    its children; family: the need is a child and the service is tagged with its family only."""
    family = needs_family(need)
    if need in tagged:
        return "exact"
    if family == need and any(needs_family(code) == need for code in tagged):
        return "child"
    if family != need and family in tagged:
        return "family"
    return None


class CandidateSearch:
    """The search service and the database, asked for a need's candidates."""

    def __init__(self, session: Session, search: SearchService) -> None:
        self.session = session
        self.search = search

    def candidates(
        self, need: Need, hits: list[Hit], seen: set[str], on: date | None = None
    ) -> list[Candidate]:
        """The services of `hits` not `seen` yet (then seen), each with all its places, its freshness and
        its temporary closure on `on` (today when None). Services of the need's family that are not about
        this need (a sibling of the asked-for category) are left before their documents are read."""
        hits = [
            hit
            for hit in hits
            if hit.service_id not in seen
            and (hit.exact_categories is None or category_fit(need.category, set(hit.exact_categories)))
        ]
        service_ids = list(dict.fromkeys(hit.service_id for hit in hits))
        seen.update(service_ids)
        known = {
            hit.doc_id: document_from_payload(document)
            for hit in hits
            if (document := hit.document) is not None
        }
        by_service: dict[str, list[SearchDocument]] = defaultdict(list)
        for doc in sorted([*known.values(), *self._documents(service_ids, set(known))], key=_doc_order):
            by_service[doc.service_id].append(doc)
        areas = self._service_areas([sid for sid, docs in by_service.items() if docs[0].has_service_areas])
        found = [
            Candidate(sid, by_service[sid], *areas.get(sid, ([], 0, [])))
            for sid in service_ids
            if sid in by_service
        ]
        listed = [candidate.service_id for candidate in found]
        fresh = {c.service_id: known for c in found if (known := _indexed_freshness(c.docs[0]))}
        unknown = [sid for sid in listed if sid not in fresh]  # documents indexed before they said it
        fresh.update(freshness(self.session, unknown) if unknown else {})
        closed = closures(self.session, listed, on or date.today()) if listed else {}
        for candidate in found:
            candidate.freshness = fresh.get(candidate.service_id)
            candidate.closure = closed.get(candidate.service_id)
        return found

    def rounds(
        self, need: Need, client: ClientPlace | None, profile: Profile, locale: str
    ) -> Iterator[list[Hit]]:
        """Pages of candidates, the nearest first, read one by one while the caller asks for more (up to
        `CANDIDATE_PAGES`). Each page is looked for within a radius that widens until the page is full of
        placed services, so a search never sorts more of the directory than it must; places with unknown
        coordinates come along (unknown never excludes; the distance rule is applied later, place by
        place). The first page brings the services delivered by phone or online, which no distance
        concerns. The first page is not cut at the client's maximum distance (places beyond it are
        candidates the rule excludes, and the result counts them); the next ones are."""
        base = SearchQuery(
            categories=[needs_family(need.category)],
            lang=locale,
            page_size=W.CANDIDATES_PER_NEED,
            facets=False,
            include_inactive=True,  # read, then excluded with their rule: a caseworker sees why
        )
        if client is None:
            anywhere = replace(base, include_remote=True, sort="relevance")
            for page in range(1, W.CANDIDATE_PAGES + 1):
                hits = self.search.search(replace(anywhere, page=page)).hits
                yield hits
                if len(hits) < W.CANDIDATES_PER_NEED:
                    return
            return
        near = replace(
            base, lat=client.lat, lon=client.lon, include_remote=False, include_unplaced=True, sort="distance"
        )
        widest = profile.max_distance_km
        step = 0
        for page in range(1, W.CANDIDATE_PAGES + 1):
            while True:
                radius = W.CANDIDATE_RADII_KM[step]
                last = step == len(W.CANDIDATE_RADII_KM) - 1
                if page > 1 and widest is not None and (radius is None or radius >= widest):
                    radius, last = widest, True
                hits = self.search.search(replace(near, radius_km=radius, page=page)).hits
                full = len(hits) == W.CANDIDATES_PER_NEED and hits[-1].distance_km is not None
                if full or last:
                    break
                step += 1
            if page == 1:
                hits = hits + self.search.search(replace(base, remote_only=True, sort="relevance")).hits
            yield hits
            if not full:
                return

    def note_hits(self, need: Need, client: ClientPlace | None, locale: str) -> set[str]:
        """The services of the need's family whose text holds the words of the need's note."""
        if not need.note or not words(need.note):
            return set()
        query = SearchQuery(
            text=need.note,
            categories=[needs_family(need.category)],
            lang=locale,
            include_remote=True,
            page_size=W.CANDIDATES_PER_NEED,
            facets=False,
        )
        return {hit.service_id for hit in self.search.search(query).hits}

    def _documents(self, service_ids: list[str], known: set[str]) -> list[SearchDocument]:
        """Candidates' other places from the search index when one keeps them and answers (fast), else all
        their documents built from the database (`known` ones are left out)."""
        stored = self.search.documents(service_ids, known)
        if stored is not None:
            return stored
        return [doc for doc in build_documents(self.session, service_ids) if doc.id not in known]

    def _service_areas(
        self, service_ids: list[str]
    ) -> dict[str, tuple[list[PreparedGeometry], int, list[dict[str, str]]]]:
        """Each service's readable areas, how many it lists, and their names (one query for the page)."""
        found: dict[str, tuple[list[PreparedGeometry], int, list[dict[str, str]]]] = {}
        if not service_ids:
            return found
        rows = self.session.execute(
            select(ServiceArea.service_id, ServiceArea.extent, ServiceArea.extent_type, ServiceArea.name)
            .where(ServiceArea.service_id.in_(service_ids))
            .order_by(ServiceArea.service_id, ServiceArea.id)
        ).all()
        for service_id, extent, extent_type, name in rows:
            geometries, listed, names = found.get(service_id, ([], 0, []))
            geometry = area_geometry(extent, extent_type)
            found[service_id] = (
                geometries + ([geometry] if geometry is not None else []),
                listed + 1,
                names + ([name] if name else []),
            )
        return found


def _indexed_freshness(doc: SearchDocument) -> Freshness | None:
    """The freshness the index wrote with the document (it follows every change through the change log)."""
    if not doc.freshness or not doc.freshness_by:
        return None
    return Freshness(date.fromisoformat(doc.freshness), doc.freshness_by, doc.freshness_source or "")


def _doc_order(doc: SearchDocument) -> tuple[str, str]:
    """The order documents were read in before hits carried them: by service, then by document id."""
    return doc.service_id, doc.id


@lru_cache(maxsize=4096)  # the same areas (boroughs, a city) come back for match after match
def area_geometry(extent: str | None, extent_type: str | None) -> PreparedGeometry | None:
    if not extent or (extent_type or "geojson").lower() != "geojson":
        return None
    try:
        data = json.loads(extent)
        if data.get("type") == "Feature":
            data = data["geometry"]
        geometry = shape(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return prep(geometry) if geometry.is_valid and not geometry.is_empty else prep(geometry.buffer(0))
